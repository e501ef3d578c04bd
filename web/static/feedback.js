// 👍/👎 on an answer with an optional comment, sent to POST /api/feedback.
import { api } from './api.js';
import { button, el } from './dom.js';

const RATINGS = [['up', '👍 좋아요', '도움이 됨'], ['down', '👎 아쉬워요', '도움이 안 됨']];

/** `record()` gives {session_id, question, answer, refs}; the rating and comment are added here. */
export function renderFeedback(record) {
  const box = el('div', { class: 'feedback' });
  const comment = el('textarea', {
    class: 'feedback-comment',
    attrs: { rows: 2, maxlength: 2000, placeholder: '의견 (선택): 무엇이 틀렸거나 빠졌나요?', 'aria-label': '의견' },
  });
  const status = el('p', { class: 'feedback-status', attrs: { role: 'status' } });
  const send = button('의견 보내기', () => submit(), 'secondary feedback-send');
  const form = el('div', { class: 'feedback-form', attrs: { hidden: true } }, [comment, send]);
  let rating = null;

  const choose = (value, pressed) => {
    rating = value;
    for (const other of box.querySelectorAll('.rate')) other.setAttribute('aria-pressed', String(other === pressed));
    form.hidden = false;
    comment.focus();
  };
  const rateButtons = RATINGS.map(([value, icon, label]) => {
    const rate = button(icon, () => choose(value, rate), `rate rate-${value}`,
      { 'aria-pressed': 'false', 'aria-label': label, title: label });
    return rate;
  });

  async function submit() {
    send.disabled = true;
    status.textContent = '보내는 중…';
    try {
      await api.feedback({ ...record(), rating, comment: comment.value.trim() || null });
      form.hidden = true;
      for (const rate of rateButtons) rate.disabled = true;
      status.textContent = '의견이 저장되었습니다. 감사합니다.';
    } catch (error) {
      send.disabled = false;
      status.textContent = `의견을 저장하지 못했습니다: ${error.message}`;
    }
  }

  const question = el('span', { class: 'feedback-label', text: '이 답변이 도움이 되었나요?' });
  box.append(question, ...rateButtons, form, status);
  return box;
}
