// The chat page: asks POST /api/ask in one session, shows answers, keeps the side panel in step.
import { api } from './api.js';
import { renderAnswer } from './answerview.js';
import { el } from './dom.js';
import { Panel } from './panel.js';
import { Outline } from './sections.js';

const form = document.getElementById('ask-form');
const input = document.getElementById('question');
const sendButton = document.getElementById('send');
const statusLine = document.getElementById('status');
const conversation = document.getElementById('conversation');

// `generation` changes on "새 대화": an answer that arrives for an older conversation is dropped.
const state = { sessionId: null, busy: false, generation: 0, outline: null, outlineLoad: null };

function loadOutline() {
  state.outlineLoad ||= api.outline().then((entries) => {
    state.outline = new Outline(entries);
    return state.outline;
  }).catch((error) => {
    state.outlineLoad = null;
    throw error;
  });
  return state.outlineLoad;
}

function prefill(section) {
  input.value = `${section.title} `;
  input.focus();
  input.setSelectionRange(input.value.length, input.value.length);
  statusLine.textContent = '섹션 이름을 넣었습니다. 질문을 이어서 입력하세요.';
}

const panel = new Panel(document.getElementById('panel'), { onAskAbout: prefill, getOutline: loadOutline });
const context = {
  openPassage: (answer, index) => panel.showPassage(answer, index),
  openSection: (ref) => panel.showSection(ref),
  ask: (question) => send(question),
  outline: () => state.outline,
};

function setBusy(busy) {
  state.busy = busy;
  input.disabled = busy;
  sendButton.disabled = busy;
  form.setAttribute('aria-busy', String(busy));
  sendButton.textContent = busy ? '답변 중…' : '보내기';
  statusLine.textContent = busy ? '보고서에서 근거를 찾는 중입니다…' : '';
}

function errorMessage(error) {
  const detail = error.detail ? el('p', { class: 'error-detail', text: `(${error.code}) ${error.detail}` }) : null;
  return el('div', { class: 'msg error', attrs: { role: 'alert' } }, [
    el('p', { class: 'error-title', text: `오류: ${error.message}` }), detail,
  ]);
}

async function send(text) {
  const question = text.trim();
  if (!question || state.busy) return;
  conversation.querySelector('.welcome')?.remove();
  const pending = el('div', { class: 'msg pending', text: '답변을 준비하는 중입니다' });
  const asked = el('div', { class: 'msg question', text: question });
  conversation.append(asked, pending);
  pending.scrollIntoView({ block: 'end' });
  input.value = '';
  setBusy(true);
  const generation = state.generation;
  try {
    const answer = await api.ask(question, state.sessionId);
    if (generation !== state.generation) return;
    state.sessionId = answer.session_id;
    const view = renderAnswer(question, answer, context);
    pending.replaceWith(view);
    asked.scrollIntoView({ block: 'start' }); // the question, then as much of its answer as fits
  } catch (error) {
    if (generation !== state.generation) return;
    pending.replaceWith(errorMessage(error));
    input.value = question; // kept so it can be corrected and sent again
  } finally {
    if (generation === state.generation) {
      setBusy(false);
      input.focus();
    }
  }
}

function showWelcome() {
  const welcome = document.getElementById('welcome-template').content.cloneNode(true);
  for (const example of welcome.querySelectorAll('.example')) {
    example.addEventListener('click', () => send(example.textContent));
  }
  conversation.replaceChildren(welcome);
}

function newConversation() {
  state.generation += 1;
  state.sessionId = null;
  setBusy(false);
  input.value = '';
  showWelcome();
  input.focus();
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  send(input.value);
});
input.addEventListener('keydown', (event) => {
  // isComposing: Enter that finishes a Hangul syllable in the IME must not send the question.
  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    send(input.value);
  }
});
document.getElementById('new-chat').addEventListener('click', newConversation);
document.getElementById('outline-button').addEventListener('click', () => panel.showOutline());

showWelcome();
panel.showOutline(false);
const linked = new URLSearchParams(window.location.search).get('q'); // messenger answers link to /?q=...
if (linked) {
  window.history.replaceState(null, '', window.location.pathname);
  send(linked);
} else {
  input.focus();
}
