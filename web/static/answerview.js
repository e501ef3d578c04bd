// One answer in the conversation: text with citation buttons, figures, sources, follow-ups and actions.
import { button, el } from './dom.js';
import { renderFeedback } from './feedback.js';
import { renderFigures } from './figures.js';
import { citationLabel, plainAnswer, sectionCode } from './refs.js';
import { evidenceFor, isEvidence, normalize } from './reporttext.js';
import { followUps } from './sections.js';

const MARKER = /\[(\d+)\]/g;
const NEAREST = 3;

/** The answer's text with each [n] that names a passage turned into a button opening it. */
function answerText(answer, openPassage) {
  const text = el('p', { class: 'answer-text' });
  let at = 0;
  for (const match of answer.answer.matchAll(MARKER)) {
    const index = Number(match[1]) - 1;
    if (!answer.passages[index]) continue;
    text.append(answer.answer.slice(at, match.index));
    text.append(button(match[0], () => openPassage(index), 'cite',
      { 'aria-label': `근거 ${index + 1} 보기: ${citationLabel(answer.passages[index].section)}` }));
    at = match.index + match[0].length;
  }
  text.append(answer.answer.slice(at));
  return text;
}

function firstCited(answer) {
  for (const match of answer.answer.matchAll(MARKER)) {
    const passage = answer.passages[Number(match[1]) - 1];
    if (passage) return passage;
  }
  return answer.passages[0];
}

/** The passage line to show on its card: a quoted one, else the first that says more than the heading. */
function snippet(answer, passage) {
  const heading = normalize(passage.section.title);
  const lines = passage.text.split('\n').filter((line) => normalize(line).length > 1 && normalize(line) !== heading);
  const evidence = evidenceFor(answer, passage.id);
  return lines.find((line) => isEvidence(line, evidence)) || lines[0] || passage.text;
}

function sources(answer, openPassage) {
  const cards = answer.passages.map((passage, index) => {
    const label = `[${index + 1}] ${citationLabel(passage.section)} — ${normalize(snippet(answer, passage))}`;
    const card = button(label, () => openPassage(index), 'source-card', { title: passage.section.path.join(' > ') });
    return el('li', {}, [card]);
  });
  return el('div', { class: 'sources' }, [el('h3', { text: '근거 문단' }), el('ol', {}, cards)]);
}

function nearestSections(answer, openSection) {
  const seen = new Map();
  for (const passage of answer.passages) {
    if (seen.size < NEAREST && !seen.has(passage.section.ref)) seen.set(passage.section.ref, passage.section);
  }
  const links = [...seen.values()].map((section) => el('li', {}, [
    button(`${sectionCode(section.ref)} ${section.path.slice(-2).join(' > ')}`, () => openSection(section.ref),
      'link nearest-link'),
  ]));
  return el('div', { class: 'nearest' }, [el('h3', { text: '가까운 섹션' }), el('ul', {}, links)]);
}

function chips(answer, outline, ask) {
  const passage = outline && !answer.abstained ? firstCited(answer) : null;
  const questions = passage ? followUps(outline, passage.section.ref) : [];
  if (!questions.length) return null;
  const items = questions.map((question) => button(question, () => ask(question), 'chip'));
  return el('div', { class: 'chips', attrs: { 'aria-label': '이어서 물어보기' } }, items);
}

function copyButton(answer) {
  const copy = button('답변 복사', async () => {
    copy.textContent = (await copyText(plainAnswer(answer))) ? '복사됨' : '복사 실패';
    setTimeout(() => { copy.textContent = '답변 복사'; }, 2000);
  }, 'secondary copy', { title: '출처를 포함한 답변을 클립보드에 복사' });
  return copy;
}

/** Clipboard API where the page is a secure context, a selected textarea elsewhere (plain http). */
export async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = el('textarea', { class: 'offscreen', attrs: { readonly: true, 'aria-hidden': 'true' } });
    area.value = text;
    document.body.append(area);
    area.select();
    const copied = document.execCommand('copy');
    area.remove();
    return copied;
  }
}

export function renderAnswer(question, answer, ctx) {
  const openPassage = (index) => ctx.openPassage(answer, index);
  const abstained = answer.abstained;
  const record = () => ({ session_id: answer.session_id, question, answer: answer.answer,
    refs: answer.passages.map((passage) => passage.section.ref) });
  return el('article', { class: `msg answer${abstained ? ' abstained' : ''}`, attrs: { 'aria-label': '답변' } }, [
    abstained ? el('p', { class: 'abstain-head', text: '보고서에 없는 내용입니다' }) : null,
    answerText(answer, openPassage),
    abstained ? nearestSections(answer, ctx.openSection) : null,
    !abstained && answer.figures.length ? renderFigures(answer, openPassage) : null,
    !abstained && answer.passages.length ? sources(answer, openPassage) : null,
    chips(answer, ctx.outline(), ctx.ask),
    el('div', { class: 'msg-actions' }, [copyButton(answer), renderFeedback(record)]),
  ]);
}
