"""POST /slack/command: a Slack slash command (form-encoded), answered ephemerally.

The signature is checked before anything else is read: 404 while QA_SLACK_SIGNING_SECRET is
unset (the endpoint is off), 401 for a bad signature or a timestamp over 5 minutes off. Once
the request is Slack's, the reply is always a 200 message, since Slack shows any other status
to the user as a failure.
"""
from __future__ import annotations

import time
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from qa.limits import has_words
from web.edge.access_log import note_question
from web.errors import error_response
from web.messengers import slack
from web.messengers.common import WORKING, page_link
from web.messengers.deferral import callback_allowed, reply_within, start_ask
from web.messengers.routing import base_url, conversation, rate_key, refusal, user_session
from web.schemas import ErrorResponse

router = APIRouter(prefix="/slack", tags=["messengers"])


@router.post("/command", response_model=None, responses={code: {"model": ErrorResponse} for code in (401, 404)})
async def command(request: Request) -> Response:
    """Slack's slash command payload in; an ephemeral Block Kit message (or a short notice) out."""
    secret = request.app.state.settings.edge.slack_signing_secret
    if not secret:
        return error_response(404, "slack_not_configured", "the Slack command is off: set QA_SLACK_SIGNING_SECRET")
    body = await request.body()
    headers = request.headers
    problem = slack.signature_problem(secret, headers.get("x-slack-request-timestamp"),
                                      headers.get("x-slack-signature"), body, time.time())
    if problem:
        return error_response(401, *problem)
    return JSONResponse(await _reply(request, slack.parse_command(body)))


async def _reply(request: Request, form: dict[str, str]) -> dict[str, Any]:
    question = form.get("text", "").strip()
    if not has_words(question):
        name = form.get("command") or "/command"
        return slack.notice(f"사용법: {name} 질문 (예: {name} 청년취업사관학교 올해 예산은?)")
    note_question(request, question)
    session = user_session(request, "slack", form.get("team_id"), form.get("user_id"))
    if notice := refusal(request, rate_key(request, session, verified=True)):  # the signature was checked
        return slack.notice(notice)
    edge = request.app.state.settings.edge
    link = page_link(base_url(request), question)
    later = form.get("response_url") if callback_allowed(form.get("response_url"), edge.callback_hosts) else None
    task = start_ask(request.app.state.engine, question, conversation(request, "slack", session))
    return await reply_within(request.app, task, edge.slack_budget_s, later,
                              lambda answer: slack.answer_message(question, answer, link), slack.notice,
                              slack.notice(WORKING))
