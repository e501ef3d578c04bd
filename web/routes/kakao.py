"""POST /kakao/skill: the Kakao i Open Builder skill.

Every request Kakao could have sent gets a 200 with a version "2.0" body, even a broken one
(a friendly message instead of an error Kakao would show as a failure). The exception: with
QA_KAKAO_SECRET set, a request without it (header X-Kakao-Secret, or /kakao/skill/<secret>) is
not Kakao's and gets a 403 JSON error.
"""
from __future__ import annotations

import hmac
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from qa.limits import has_words
from web.edge.access_log import note_question
from web.errors import error_response
from web.messengers import kakao
from web.messengers.common import EMPTY_QUESTION, UNREADABLE, WORKING, page_link
from web.messengers.deferral import callback_allowed, reply_within, start_ask
from web.messengers.routing import base_url, conversation, rate_key, refusal, user_session
from web.schemas import ErrorResponse

router = APIRouter(prefix="/kakao", tags=["messengers"])
SECRET_HEADER = "x-kakao-secret"


@router.post("/skill", response_model=None, responses={403: {"model": ErrorResponse}})
async def skill(request: Request) -> Response:
    """A skill payload in (JSON), a skill response out (always 200 unless the secret is wrong)."""
    return await _checked(request, request.headers.get(SECRET_HEADER))


@router.post("/skill/{token}", response_model=None, include_in_schema=False)
async def skill_with_token(request: Request, token: str) -> Response:
    """The same skill, with the secret in the path for setups that cannot add a header."""
    return await _checked(request, token)


async def _checked(request: Request, presented: str | None) -> Response:
    secret = request.app.state.settings.edge.kakao_secret
    if secret and not hmac.compare_digest(secret.encode(), (presented or "").encode()):
        return error_response(403, "forbidden", "wrong or missing Kakao skill secret "
                              "(X-Kakao-Secret header or /kakao/skill/<secret>)")
    return JSONResponse(await _reply(request))


async def _reply(request: Request) -> dict[str, Any]:
    skill_request = kakao.parse_skill_request(await request.body())
    if skill_request is None:
        return kakao.notice(UNREADABLE)
    question = skill_request.utterance.strip()
    if not has_words(question):
        return kakao.notice(EMPTY_QUESTION)
    note_question(request, question)
    edge = request.app.state.settings.edge
    session = user_session(request, "kakao", skill_request.user_id)
    if notice := refusal(request, rate_key(request, session, verified=bool(edge.kakao_secret))):
        return kakao.notice(notice)
    link = page_link(base_url(request), question)
    later = skill_request.callback_url if callback_allowed(skill_request.callback_url, edge.callback_hosts) else None
    task = start_ask(request.app.state.engine, question, conversation(request, "kakao", session))
    return await reply_within(request.app, task, edge.kakao_budget_s, later,
                              lambda answer: kakao.answer_response(answer, link), kakao.notice,
                              kakao.callback_ack(WORKING))
