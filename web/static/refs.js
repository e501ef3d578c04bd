// Section refs as the report numbers them, citations as plain text, numbers as Korean readers write them.
// Refs look like "IV.3.1.b3.3": part Ⅳ, chapter 3, program ①, block 3 ('23년 추진계획), item ③.

const ROMAN = { I: 'Ⅰ', II: 'Ⅱ', III: 'Ⅲ', IV: 'Ⅳ', V: 'Ⅴ', VI: 'Ⅵ', VII: 'Ⅶ', VIII: 'Ⅷ', IX: 'Ⅸ', X: 'Ⅹ' };
const BLOCK = /^b\d+$/;
const MAX_NAME = 40;

function circled(number) {
  const n = Number(number);
  return n >= 1 && n <= 20 ? String.fromCodePoint(0x2460 + n - 1) : number;
}

/** The report's own numeral for one segment of a ref ('' for a □ block, which the report does not number). */
export function segmentLabel(segment, depth) {
  if (depth === 0) return ROMAN[segment] || segment;
  if (BLOCK.test(segment)) return '';
  return depth === 1 ? segment : circled(segment);
}

/** "IV.3.1.b3.3" → "Ⅳ-3-①-③". */
export function sectionCode(ref) {
  return ref.split('.').map(segmentLabel).filter(Boolean).join('-');
}

function shorten(text) {
  return text.length > MAX_NAME ? `${text.slice(0, MAX_NAME - 1)}…` : text;
}

/** A section named as a reader would cite it: "Ⅳ-3-① '23년 추진계획" (the □ block's title when there is one). */
export function citationLabel(section) {
  const segments = section.ref.split('.');
  const block = segments.findIndex((segment) => BLOCK.test(segment));
  const name = block >= 0 && section.path[block] ? section.path[block] : section.title;
  return `${sectionCode(section.ref)} ${shorten(name)}`.trim();
}

/** Breadcrumb entries, outermost first: parts and chapters by numeral (full title kept for a tooltip). */
export function breadcrumb(section) {
  const segments = section.ref.split('.');
  const aligned = segments.length === section.path.length;
  return section.path.map((title, depth) => {
    const numeral = aligned ? segmentLabel(segments[depth], depth) : '';
    const last = depth === section.path.length - 1;
    const label = depth >= 2 || last || !numeral ? `${numeral} ${title}`.trim() : numeral;
    return { label, title };
  });
}

export function breadcrumbText(section) {
  return breadcrumb(section).map((item) => item.label).join(' > ');
}

/** The answer with each [n] replaced by "[출처: …]", for pasting into a document. */
export function plainAnswer(answer) {
  return answer.answer.replace(/\s*\[(\d+)\]/g, (marker, n) => {
    const passage = answer.passages[Number(n) - 1];
    return passage ? ` [출처: ${citationLabel(passage.section)}]` : marker;
  });
}

const NUMBER = new Intl.NumberFormat('ko-KR', { maximumFractionDigits: 2 });

export function formatNumber(value) {
  return NUMBER.format(value);
}

/** Won amounts as 억원 and as 원: 37,799,000,000 → "377.99억원 (37,799,000,000원)". */
export function formatKrw(valueKrw) {
  if (valueKrw === null || valueKrw === undefined) return '';
  const won = formatNumber(Math.round(valueKrw));
  return Math.abs(valueKrw) >= 1e8 ? `${formatNumber(valueKrw / 1e8)}억원 (${won}원)` : `${won}원`;
}

/** Which Korean topic particle (은/는) follows a word: 은 after a final consonant. */
export function topicParticle(word) {
  const last = word.trim().slice(-1);
  const code = last.charCodeAt(0) - 0xac00;
  if (code < 0 || code > 11171) return '은(는)';
  return code % 28 === 0 ? '는' : '은';
}
