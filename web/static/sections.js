// The report outline (GET /api/sections) as a lookup, and follow-up questions drawn from it.
import { topicParticle } from './refs.js';

const MAX_FOLLOWUPS = 3;

export class Outline {
  constructor(entries) {
    this.entries = entries;
    this.byRef = new Map(entries.map((entry) => [entry.ref, entry]));
  }

  get(ref) {
    return this.byRef.get(ref);
  }

  children(ref) {
    const entry = this.get(ref);
    return entry ? entry.children.map((child) => this.get(typeof child === 'string' ? child : child.ref)).filter(Boolean) : [];
  }

  /** The entry itself and its ancestors, innermost first. */
  lineage(ref) {
    const chain = [];
    for (let entry = this.get(ref); entry; entry = entry.parent ? this.get(entry.parent) : null) chain.push(entry);
    return chain;
  }

  roots() {
    return this.entries.filter((entry) => !entry.parent);
  }
}

/** A block title as a short follow-up: "'22년 추진 성과" → "'22년 성과는?", "향후일정" → "향후 일정은?". */
export function blockQuestion(title, topic) {
  const compact = title.replace(/\s+/g, '');
  const year = compact.match(/^'(\d{2})년추진(성과|실적|계획)$/);
  if (year) return `'${year[1]}년 ${year[2]}${topicParticle(year[2])}?`;
  const later = compact.match(/^향후(일정|계획)$/);
  if (later) return `향후 ${later[1]}${topicParticle(later[1])}?`;
  return `${topic} ${title}${topicParticle(title)}?`; // not a bare follow-up: it names its topic
}

/**
 * Questions about the sibling □ blocks of the cited section ('22년 성과, '23년 계획, 향후 일정...),
 * leaving out the block the answer came from. Empty when the section has no such siblings.
 */
export function followUps(outline, ref) {
  const lineage = outline.lineage(ref);
  const owner = lineage.find((entry) => outline.children(entry.ref).some((child) => child.kind === 'block'));
  if (!owner) return [];
  const current = new Set(lineage.map((entry) => entry.ref));
  const questions = outline.children(owner.ref)
    .filter((child) => child.kind === 'block' && !current.has(child.ref))
    .map((child) => blockQuestion(child.title, owner.title));
  const short = questions.filter((question) => !question.startsWith(owner.title)); // results, plans, schedule first
  return [...short, ...questions.filter((question) => question.startsWith(owner.title))].slice(0, MAX_FOLLOWUPS);
}
