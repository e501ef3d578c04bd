"""Whose conversation a session id names: always the caller's own.

A session id is a name within its owner's space. The conversation is stored under a key the server
derives from (owner, name) with an HMAC under the server secret, so two owners using the same name ("1")
have two separate conversations, nobody can name, squat on or learn of anyone else's, and clients still
choose their own names (the official scorer sends `eval-<item>-<ms>`). A name with no conversation in
the caller's space is simply a new one there; reading or deleting it answers 404. Clients only ever see
their names; the key stays on the server (the admin's feedback export shows it, to relate a rating to
its conversation).

Owners: an API key's holder ("key:<id>"), a browser holding the chat page's cookie ("page:<id>"), the
open loopback caller when no keys are configured ("open"), and each messenger platform ("kakao",
"slack"), whose names are its users' `messenger_session` ids.
"""
from __future__ import annotations

import hashlib
import hmac
import uuid

from fastapi import Request

from web.edge.gate import OPEN, Caller

NOT_FOUND = "you have no session of that name (it may have expired or been deleted)"
TURN_KEPT_HEADER = "X-Turn-Kept"  # "false" when the answer was given but the conversation store failed
KEY_HEX_DIGITS = 32  # of the HMAC-SHA256: 128 bits


def caller_of(request: Request) -> Caller:
    """The caller the /api gate identified (only /api/* routes have one)."""
    return request.scope.get("state", {}).get("caller") or Caller(OPEN)


def new_session_id() -> str:
    return uuid.uuid4().hex


def _keyed(secret: bytes, *parts: str) -> str:
    return hmac.new(secret, "\x1f".join(parts).encode(), hashlib.sha256).hexdigest()[:KEY_HEX_DIGITS]


def conversation_key(secret: bytes, owner: str, name: str) -> str:
    """The key `owner`'s conversation `name` is stored under. Owners hold no \\x1f, so no two (owner, name)
    pairs share an HMAC input, and without the secret nobody can compute the key of anyone's pair."""
    return _keyed(secret, "conversation", owner, name)


def own_key(request: Request, name: str) -> str:
    """The key of the API caller's own conversation `name`."""
    return conversation_key(request.app.state.secret, caller_of(request).owner, name)


def messenger_session(secret: bytes, platform: str, *ids: str | None) -> str | None:
    """A messenger user's name in the platform's space, and their rate-limit bucket; None unless every id
    is present. Keyed with the server secret, so the platform's user ids are not what is kept, and
    conversations stored before names were per owner keep theirs."""
    present = [part for part in ids if part]
    if not present or len(present) != len(ids):
        return None
    return f"{platform}:{_keyed(secret, platform, *present)}"
