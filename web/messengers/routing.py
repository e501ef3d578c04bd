"""Request-side helpers the messenger routes share."""
from __future__ import annotations

from fastapi import Request

from web.messengers.common import NOT_READY, RATE_LIMITED


def base_url(request: Request) -> str:
    """Where the chat page lives for people: QA_PUBLIC_URL, else this request's own base URL."""
    return request.app.state.settings.edge.public_url or str(request.base_url).rstrip("/")


def refusal(request: Request, client_key: str) -> str | None:
    """The notice to send instead of an answer: the client is over its rate, or the engine is
    still loading. None when the question may be asked."""
    limiter = request.app.state.limiter
    if limiter is not None and limiter.take(client_key):
        return RATE_LIMITED
    if getattr(request.app.state, "engine", None) is None:
        return NOT_READY
    return None
