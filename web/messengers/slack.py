"""Slack slash commands: request signature check, form parsing, ephemeral Block Kit replies."""
from __future__ import annotations

import hashlib
import hmac
from typing import Any
from urllib.parse import parse_qsl

from qa.answer import Answer
from web.messengers.common import citation, cited_passages, cut_at_sentence, figure_text

MAX_AGE_SECONDS = 300  # Slack's replay window: 5 minutes either way
MAX_TIMESTAMP_DIGITS = 12  # Unix seconds have 10 digits until the year 2286; longer is not Slack's
MAX_SECTION_TEXT = 3000
MAX_FIELDS = 10
MAX_FIELD_TEXT = 2000


def sign(secret: str, timestamp: str, body: bytes) -> str:
    """Slack's v0 signature: HMAC-SHA256 of 'v0:{timestamp}:{body}' under the signing secret."""
    return "v0=" + hmac.new(secret.encode(), b"v0:" + timestamp.encode() + b":" + body, hashlib.sha256).hexdigest()


def signature_problem(secret: str, timestamp: str | None, signature: str | None, body: bytes,
                      now: float) -> tuple[str, str] | None:
    """(error code, message) when the request is not Slack's or is a replay: a timestamp more
    than 5 minutes from `now`, or a signature that is not `sign(secret, timestamp, body)`."""
    if not timestamp or len(timestamp) > MAX_TIMESTAMP_DIGITS or not (timestamp.isascii() and timestamp.isdigit()):
        return "invalid_signature", "missing or malformed X-Slack-Request-Timestamp"
    if abs(now - int(timestamp)) > MAX_AGE_SECONDS:
        return "stale_request", "X-Slack-Request-Timestamp is more than 5 minutes from the server's clock"
    if not hmac.compare_digest(sign(secret, timestamp, body).encode(), (signature or "").encode()):
        return "invalid_signature", "X-Slack-Signature does not match the request"
    return None


def parse_command(body: bytes) -> dict[str, str]:
    """The form fields (first value of each); undecodable bytes become U+FFFD."""
    pairs = parse_qsl(body.decode("utf-8", errors="replace"), keep_blank_values=True)
    fields: dict[str, str] = {}
    for name, value in pairs:
        fields.setdefault(name, value)
    return fields


def escape(text: str) -> str:
    """Slack's mrkdwn control characters as entities."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def notice(text: str) -> dict[str, Any]:
    return {"response_type": "ephemeral", "text": text}


def _mrkdwn(text: str) -> dict[str, str]:
    return {"type": "mrkdwn", "text": text}


def answer_message(question: str, answer: Answer, link: str) -> dict[str, Any]:
    """Only the asker sees it: the question, the answer, figures as fields, citations, the page link."""
    text = cut_at_sentence(answer.answer, MAX_SECTION_TEXT // 2)  # escaping can grow the text
    blocks: list[dict[str, Any]] = [
        {"type": "context", "elements": [_mrkdwn(f"*질문:* {escape(cut_at_sentence(question, 500))}")]},
        {"type": "section", "text": _mrkdwn(escape(text))},
    ]
    if answer.figures:
        fields = [_mrkdwn(escape(figure_text(figure))[:MAX_FIELD_TEXT]) for figure in answer.figures]
        blocks.append({"type": "section", "fields": fields[:MAX_FIELDS]})
    cites = [_mrkdwn("출처 " + escape(citation(rank, passage))) for rank, passage in cited_passages(answer)]
    links = [_mrkdwn(f"<{link}|웹에서 전체 답변 보기>")]
    blocks.append({"type": "context", "elements": cites + links})
    return {"response_type": "ephemeral", "text": text, "blocks": blocks}
