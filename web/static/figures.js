// The figures table of an answer: label, the report's value and unit, won amounts normalized, section.
import { button, el } from './dom.js';
import { citationLabel, formatKrw, formatNumber } from './refs.js';

const HEADERS = ['항목', '보고서 값', '원화 환산', '출처'];

function cell(content, className = '') {
  return el('td', { class: className }, [content]);
}

function figureRow(figure, answer, openPassage) {
  const index = answer.passages.findIndex((passage) => passage.id === figure.passage_id);
  const label = [figure.label, figure.computed ? '(계산값)' : ''].filter(Boolean).join(' ');
  const source = citationLabel(figure.section);
  const link = index >= 0 ? button(`[${index + 1}] ${source}`, () => openPassage(index), 'link figure-source') : source;
  return el('tr', {}, [
    cell(label),
    cell(`${formatNumber(figure.value)}${figure.unit}`),
    cell(formatKrw(figure.value_krw) || '—', figure.value_krw === null ? 'no-krw' : ''),
    cell(link),
  ]);
}

/** Open when the answer states one of the figures (a numeric answer), folded otherwise. */
export function renderFigures(answer, openPassage) {
  const stated = answer.figures.some((figure) => answer.answer.includes(formatNumber(figure.value)));
  const head = el('thead', {}, [el('tr', {}, HEADERS.map((text) => el('th', { text, attrs: { scope: 'col' } })))]);
  const body = el('tbody', {}, answer.figures.map((figure) => figureRow(figure, answer, openPassage)));
  const summary = el('summary', { text: `${stated ? '수치' : '관련 수치'} (${answer.figures.length})` });
  const table = el('table', { class: 'figure-table' }, [head, body]);
  return el('details', { class: 'figures', attrs: { open: stated } }, [summary, table]);
}
