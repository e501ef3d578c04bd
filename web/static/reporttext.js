// Report text shown as text: lines as paragraphs, tab-separated rows as a table, evidence highlighted.
import { el } from './dom.js';
import { formatNumber } from './refs.js';

const BULLET = /^[\s\-–•○◇✓▶※*□]+/;
const MIN_PARTIAL = 8; // shorter lines must equal an evidence string to count as one

export function normalize(text) {
  return text.replace(/\[\d+\]/g, ' ').replace(BULLET, '').replace(/\s+/g, ' ').trim();
}

/** The strings an answer quotes from a passage: its own lines, and the source lines of the figures it states. */
export function evidenceFor(answer, passageId) {
  if (answer.abstained) return [];
  const quoted = answer.answer.split('\n').map((line) => line.replace(/^\(?\s*(계산\s*)?근거\s*:/, ''));
  const sources = answer.figures
    .filter((figure) => figure.passage_id === passageId && answer.answer.includes(formatNumber(figure.value)))
    .map((figure) => figure.source);
  return [...quoted, ...sources].map(normalize).filter((text) => text.length >= 2);
}

export function isEvidence(line, evidence) {
  const text = normalize(line);
  if (text.length < 2) return false;
  return evidence.some((quote) => quote === text
    || (text.length >= MIN_PARTIAL && quote.includes(text))
    || (quote.length >= MIN_PARTIAL && text.includes(quote)));
}

function wrapMark(node, marked) {
  return marked ? el('mark', { class: 'evidence' }, [node]) : node;
}

function renderLine(line, evidence) {
  const marked = isEvidence(line, evidence);
  const indent = /^\s+\S/.test(line) ? ' indent' : '';
  const body = marked ? el('mark', { class: 'evidence', text: line.trim() }) : line.trim();
  return el('p', { class: `report-line${indent}` }, [body]);
}

function renderTable(rows, evidence) {
  const body = el('tbody', {}, rows.map((row) => {
    const marked = isEvidence(row, evidence);
    const cells = row.split('\t').map((cell) => el('td', {}, [wrapMark(document.createTextNode(cell.trim()), marked)]));
    return el('tr', { class: marked ? 'evidence-row' : '' }, cells);
  }));
  return el('div', { class: 'table-scroll' }, [el('table', { class: 'report-table' }, [body])]);
}

/** A container with the text's lines; consecutive lines holding tabs form one table. */
export function renderReportText(text, evidence = []) {
  const box = el('div', { class: 'report-text' });
  let rows = [];
  const flush = () => {
    if (rows.length) box.append(renderTable(rows, evidence));
    rows = [];
  };
  for (const line of text.split('\n')) {
    if (line.includes('\t')) {
      rows.push(line);
      continue;
    }
    flush();
    if (line.trim()) box.append(renderLine(line, evidence));
  }
  flush();
  return box;
}
