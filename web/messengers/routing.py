"""Request-side helpers the messenger routes share."""
from __future__ import annotations

from fastapi import Request

from web.edge.gate import client_ip
from web.messengers.common import NOT_READY, RATE_LIMITED
from web.ownership import conversation_key, messenger_session


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


def user_session(request: Request, platform: str, *ids: str | None) -> str | None:
    """The messenger user's session id (keyed with the server secret); None without a user id."""
    return messenger_session(request.app.state.secret, platform, *ids)


def rate_key(request: Request, session: str | None, verified: bool) -> str:
    """Whom the rate limit counts: the user, when the request is verified as the platform's (so the
    user id is the platform's, not the caller's choice); else the caller's address."""
    return session if verified and session else f"ip:{client_ip(request.scope)}"


def conversation(request: Request, platform: str, session: str | None) -> str | None:
    """The stored key of the messenger user's conversation, in the platform's space (the same derivation
    as an API caller's, with the platform as owner); None (a one-off question) without a user id."""
    return None if session is None else conversation_key(request.app.state.secret, platform, session)
