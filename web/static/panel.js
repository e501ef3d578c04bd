// The side panel (a bottom sheet on narrow screens): the cited passage, a whole section, or the outline.
import { api } from './api.js';
import { button, clear, el } from './dom.js';
import { renderOutline } from './outlineview.js';
import { breadcrumb, citationLabel } from './refs.js';
import { evidenceFor, renderReportText } from './reporttext.js';

function renderBreadcrumb(section) {
  const items = breadcrumb(section).map((item) => el('li', { text: item.label, attrs: { title: item.title } }));
  return el('nav', { class: 'breadcrumb', attrs: { 'aria-label': '보고서 위치' } }, [el('ol', {}, items)]);
}

export class Panel {
  constructor(root, { onAskAbout, getOutline }) {
    this.root = root;
    this.title = root.querySelector('#panel-title');
    this.body = root.querySelector('#panel-body');
    this.scrim = document.getElementById('scrim');
    this.onAskAbout = onAskAbout;
    this.getOutline = getOutline;
    this.shown = 0; // counts views, so a slow load does not replace a view opened after it
    root.querySelector('#panel-close').addEventListener('click', () => this.close());
    root.querySelector('#panel-outline').addEventListener('click', () => this.showOutline());
    this.scrim.addEventListener('click', () => this.close());
    document.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && this.root.classList.contains('open')) this.close();
    });
  }

  /** Show `content` under `title`; `reveal` also slides the sheet up (narrow screens) and moves focus. */
  open(title, content, reveal = true) {
    this.shown += 1;
    this.title.textContent = title;
    clear(this.body).append(...content.filter(Boolean));
    this.body.scrollTop = 0;
    if (!reveal) return;
    this.root.classList.add('open');
    this.scrim.hidden = false;
    document.body.classList.add('sheet-open');
    this.title.focus({ preventScroll: true });
    const mark = this.body.querySelector('mark');
    if (mark) mark.scrollIntoView({ block: 'center' });
  }

  close() {
    this.root.classList.remove('open');
    this.scrim.hidden = true;
    document.body.classList.remove('sheet-open');
  }

  async showOutline(reveal = true) {
    await this.load('보고서 목차', '목차를', reveal, async () => {
      return [renderOutline(await this.getOutline(), (ref) => this.showSection(ref))];
    });
  }

  showPassage(answer, index) {
    const passage = answer.passages[index];
    const evidence = evidenceFor(answer, passage.id);
    const [first, last] = passage.lines;
    this.open(`근거 [${index + 1}]`, [
      renderBreadcrumb(passage.section),
      el('p', { class: 'meta', text: `${citationLabel(passage.section)} · 보고서 ${first}–${last}행` }),
      renderReportText(passage.text, evidence),
      this.actions(passage.section, () => this.showSection(passage.section.ref, evidence)),
    ]);
  }

  async showSection(ref, evidence = []) {
    await this.load('섹션 원문', '섹션을', true, async () => {
      const section = await api.section(ref);
      return [
        renderBreadcrumb(section),
        el('p', { class: 'meta', text: `${citationLabel(section)} · 보고서 ${section.lines[0]}–${section.lines[1]}행` }),
        renderReportText(section.text, evidence),
        this.related(section),
        this.actions(section, null),
      ];
    });
  }

  /** A loading line under `title`, then what `build` returns, or its error in words. */
  async load(title, what, reveal, build) {
    this.open(title, [el('p', { class: 'loading', text: `${what} 불러오는 중…` })], reveal);
    const ticket = this.shown;
    let content;
    try {
      content = await build();
    } catch (error) {
      content = [el('p', { class: 'error-text', text: `${what} 불러오지 못했습니다: ${error.message}` })];
    }
    if (ticket === this.shown) this.open(title, content, reveal);
  }

  actions(section, showWhole) {
    const row = el('div', { class: 'panel-actions' });
    if (showWhole) row.append(button('전체 섹션 보기', showWhole, 'secondary whole-section'));
    row.append(button('이 섹션에 대해 질문하기', () => { this.close(); this.onAskAbout(section); }, 'secondary ask-about'));
    return row;
  }

  related(section) {
    const links = section.children.map((child) => button(child.title, () => this.showSection(child.ref),
      'link child-link'));
    const up = section.parent ? button('상위 섹션으로', () => this.showSection(section.parent), 'link parent-link') : null;
    if (!links.length && !up) return null;
    const list = links.length ? el('ul', { class: 'child-list' }, links.map((link) => el('li', {}, [link]))) : null;
    return el('div', { class: 'related' }, [links.length ? el('h3', { text: '하위 항목' }) : null, list, up]);
  }
}
