"""Kakao i Open Builder skill payloads in, skill response "2.0" bodies out.

Limits kept here: at most 3 outputs, 10 quick replies, 1,000 characters of simpleText; the
textCard stays within conservative sizes (title 50, description 400, 1 button).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from qa.answer import Answer
from web.messengers.common import citation, cited_passages, cut_at_sentence, figure_text
from web.schemas import has_lone_surrogate

VERSION = "2.0"
MAX_OUTPUTS = 3
MAX_QUICK_REPLIES = 10
MAX_SIMPLE_TEXT = 1000
MAX_CARD_DESCRIPTION = 400
# with 2 citations of 150 characters and a 400-character link, the answer keeps 280+ characters
MAX_CITATION = 150
FOLLOW_UPS = ("작년 성과는?", "올해 예산은?", "추진 계획은?", "향후 일정은?")
EXAMPLES = ("청년취업사관학교 예산은?", "창업 지원 사업은?")  # quick reply labels: 14 characters at most


@dataclass(frozen=True)
class SkillRequest:
    utterance: str
    user_id: str | None
    callback_url: str | None


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def parse_skill_request(raw: bytes) -> SkillRequest | None:
    """The fields this skill uses; None when the body is not a JSON object with a userRequest object,
    is nested too deeply to parse, or a field this skill uses holds a lone surrogate."""
    try:
        payload = json.loads(raw)
    except (ValueError, RecursionError):  # ValueError: also UnicodeDecodeError
        return None
    user_request = payload.get("userRequest") if isinstance(payload, dict) else None
    if not isinstance(user_request, dict):
        return None
    user = user_request.get("user")
    user_id = _text(user.get("id")) if isinstance(user, dict) else None
    parsed = SkillRequest(_text(user_request.get("utterance")) or "", user_id,
                          _text(user_request.get("callbackUrl")))
    fields = (parsed.utterance, parsed.user_id, parsed.callback_url)
    return None if any(has_lone_surrogate(f) for f in fields if f) else parsed


def _quick_replies(labels: tuple[str, ...]) -> list[dict[str, str]]:
    return [{"label": label, "action": "message", "messageText": label} for label in labels][:MAX_QUICK_REPLIES]


def skill_response(outputs: list[dict[str, Any]], suggestions: tuple[str, ...]) -> dict[str, Any]:
    template = {"outputs": outputs[:MAX_OUTPUTS], "quickReplies": _quick_replies(suggestions)}
    return {"version": VERSION, "template": template}


def notice(text: str) -> dict[str, Any]:
    """A friendly message (bad request, busy, failed) with example questions to tap."""
    return skill_response([{"simpleText": {"text": text}}], EXAMPLES)


def callback_ack(text: str) -> dict[str, Any]:
    """The immediate reply that tells Kakao the real one will come through the callback URL."""
    return {"version": VERSION, "useCallback": True, "data": {"text": text}}


def answer_text(answer: Answer, link: str) -> str:
    """The answer cut at a sentence to fit, then its citations and the link to the full answer."""
    cites = [citation(rank, passage)[:MAX_CITATION] for rank, passage in cited_passages(answer)]
    tail = ("\n\n출처:\n" + "\n".join(cites) if cites else "") + f"\n\n전체 답변: {link}"
    return cut_at_sentence(answer.answer, MAX_SIMPLE_TEXT - len(tail)) + tail


def _figures_card(answer: Answer, link: str) -> dict[str, Any]:
    lines = "\n".join(f"• {figure_text(figure)}" for figure in answer.figures)
    button = {"label": "전체 답변 보기", "action": "webLink", "webLinkUrl": link}
    card = {"title": "관련 수치", "description": cut_at_sentence(lines, MAX_CARD_DESCRIPTION), "buttons": [button]}
    return {"textCard": card}


def answer_response(answer: Answer, link: str) -> dict[str, Any]:
    outputs = [{"simpleText": {"text": answer_text(answer, link)}}]
    if answer.figures:
        outputs.append(_figures_card(answer, link))
    return skill_response(outputs, FOLLOW_UPS)
