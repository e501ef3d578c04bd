"""Who may read, continue or delete a conversation: whoever started it.

Owners are an API key's holder ("key:<id>"), a browser holding the chat page's cookie ("page:<id>"),
the open loopback caller when no keys are configured ("open"), and each messenger platform for its
users, whose session ids are keyed with the server secret (HMAC), so nobody can compute one.
A session id a caller sends either names one of its own conversations, or a new one it starts under
that name; a conversation of anyone else's answers 404 exactly like one that does not exist.
"""
from __future__ import annotations

import hashlib
import hmac
import logging
import uuid

from fastapi import HTTPException, Request

from qa.errors import StorageError
from qa.sessions_sqlite import SqliteSessionStore
from web.edge.gate import OPEN, Caller

logger = logging.getLogger(__name__)

NOT_FOUND = "no such session (it may have expired, or it is not yours)"
TURN_KEPT_HEADER = "X-Turn-Kept"  # "false" when the answer was given but the conversation store failed


def caller_of(request: Request) -> Caller:
    """The caller the /api gate identified (only /api/* routes have one)."""
    return request.scope.get("state", {}).get("caller") or Caller(OPEN)


def new_session_id() -> str:
    return uuid.uuid4().hex


def messenger_session(secret: bytes, platform: str, *ids: str | None) -> str | None:
    """One conversation per messenger user, keyed with the server secret: the platform's user ids are
    public, so a bare hash of them could be computed by anyone. None unless every id is present."""
    present = [part for part in ids if part]
    if not present or len(present) != len(ids):
        return None
    digest = hmac.new(secret, "\x1f".join([platform, *present]).encode(), hashlib.sha256).hexdigest()[:32]
    return f"{platform}:{digest}"


def open_conversation(sessions: SqliteSessionStore, owner: str, requested: str | None) -> str | None:
    """The session id to ask in: `requested` when `owner` owns it or it is new (it is theirs from now on),
    a new server-made id when none is requested. 404 when it is someone else's. None when the store cannot
    be used: the question is then answered outside any conversation, so nobody's turns are read."""
    session_id = requested or new_session_id()
    try:
        owned = sessions.claim(session_id, owner)
    except StorageError as error:
        logger.error("cannot check the session's owner; answering outside the conversation: %s", error)
        return None
    if not owned:
        raise HTTPException(404, detail=NOT_FOUND)
    return session_id


def require_owner(sessions: SqliteSessionStore, owner: str, session_id: str) -> None:
    """404 unless `owner` owns the live session."""
    if sessions.owner_of(session_id) != owner:
        raise HTTPException(404, detail=NOT_FOUND)
