// The report's table of contents as a tree: parts and chapters fold, every entry opens its section.
import { button, el } from './dom.js';
import { sectionCode } from './refs.js';

const FOLDED_KINDS = new Set(['part', 'chapter']);

function entryButton(entry, onOpen) {
  const code = sectionCode(entry.ref);
  return button(`${code} ${entry.title}`.trim(), () => onOpen(entry.ref), `outline-link kind-${entry.kind}`,
    { 'data-ref': entry.ref, title: entry.path.join(' > ') });
}

function renderEntry(outline, entry, onOpen) {
  const children = outline.children(entry.ref);
  if (!children.length) return el('li', {}, [entryButton(entry, onOpen)]);
  const list = el('ul', { class: 'outline-list' }, children.map((child) => renderEntry(outline, child, onOpen)));
  if (!FOLDED_KINDS.has(entry.kind)) return el('li', {}, [entryButton(entry, onOpen), list]);
  const summary = el('summary', { text: `${sectionCode(entry.ref)} ${entry.title}`.trim() });
  const open = button('이 항목 보기', () => onOpen(entry.ref), 'outline-open', { 'data-ref': entry.ref });
  return el('li', {}, [el('details', {}, [summary, open, list])]);
}

export function renderOutline(outline, onOpen) {
  const hint = el('p', {
    class: 'hint', text: '항목을 누르면 원문을 볼 수 있고, 원문 화면에서 그 항목에 대해 질문할 수 있습니다.',
  });
  const entries = outline.roots().map((entry) => renderEntry(outline, entry, onOpen));
  const tree = el('ul', { class: 'outline-list outline-root' }, entries);
  return el('div', { class: 'outline' }, [hint, tree]);
}
