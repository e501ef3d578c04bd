// Calls to the JSON API; every failure becomes an ApiError whose message is Korean words for the reader.

const MESSAGES = {
  empty_question: '질문이 비어 있습니다. 질문을 입력해 주세요.',
  question_too_long: '질문이 너무 깁니다. 1,000자 이내로 줄여 주세요.',
  invalid_question: '질문을 이해하지 못했습니다. 다른 표현으로 물어봐 주세요.',
  index_not_ready: '보고서 색인을 불러오는 중입니다. 잠시 후 다시 시도해 주세요.',
  rate_limited: '요청이 너무 많습니다. 잠시 후 다시 시도해 주세요.',
  unauthorized: '접근 권한이 없습니다. 페이지를 새로고침한 뒤 다시 시도해 주세요.',
  not_found: '요청한 내용을 찾을 수 없습니다.',
  section_not_found: '해당 섹션을 보고서에서 찾을 수 없습니다.',
  internal_error: '서버에서 오류가 발생했습니다. 잠시 후 다시 시도해 주세요.',
};

export class ApiError extends Error {
  constructor(message, code, detail, status) {
    super(message);
    this.code = code;
    this.detail = detail;
    this.status = status;
  }
}

async function errorFrom(response) {
  let code = 'http_error';
  let detail = '';
  try {
    const body = await response.json();
    code = body.error.code;
    detail = body.error.message;
  } catch {
    detail = response.statusText;
  }
  const words = MESSAGES[code] || `요청을 처리하지 못했습니다 (HTTP ${response.status}).`;
  return new ApiError(words, code, detail, response.status);
}

async function call(method, path, body) {
  const init = { method, headers: { Accept: 'application/json' } };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (error) {
    const words = '서버에 연결할 수 없습니다. 네트워크와 서버 상태를 확인해 주세요.';
    throw new ApiError(words, 'network', String(error), 0);
  }
  if (!response.ok) throw await errorFrom(response);
  return response.status === 204 ? null : response.json();
}

export const api = {
  ask: (question, sessionId) => call('POST', '/api/ask', { question, session_id: sessionId || null }),
  outline: () => call('GET', '/api/sections'),
  section: (ref) => call('GET', `/api/sections/${encodeURIComponent(ref)}`),
  feedback: (record) => call('POST', '/api/feedback', record),
};
