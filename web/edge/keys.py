"""API keys and the chat page's signed cookie, both checked in constant time."""
from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from collections.abc import Callable, Iterable

from starlette.datastructures import Headers

PAGE_COOKIE = "qa_page"
PAGE_TTL_SECONDS = 12 * 3600


def key_id(key: str) -> str:
    """A short, non-reversible name for a key: what logs and rate limits see instead of the key."""
    return hashlib.sha256(key.encode()).hexdigest()[:12]


def presented_key(headers: Headers) -> str | None:
    """The key sent as `Authorization: Bearer <key>` or `X-API-Key: <key>`, if any."""
    scheme, _, credentials = headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer" and credentials.strip():
        return credentials.strip()
    return headers.get("x-api-key", "").strip() or None


class KeyRing:
    """The configured API keys, kept as SHA-256 digests so every comparison has the same length."""

    def __init__(self, keys: Iterable[str]) -> None:
        self._digests = [(hashlib.sha256(key.encode()).digest(), key_id(key)) for key in keys]

    @property
    def enabled(self) -> bool:
        return bool(self._digests)

    def match(self, presented: str | None) -> str | None:
        """The id of the configured key equal to `presented`; every key is compared, match or not."""
        if presented is None:
            return None
        digest = hashlib.sha256(presented.encode()).digest()
        found = None
        for known, ident in self._digests:
            if hmac.compare_digest(digest, known):
                found = ident
        return found


class PageTokens:
    """`<expiry>.<hmac>` tokens for the chat page's cookie; the secret is random per process unless given."""

    def __init__(self, secret: str | None, ttl: int = PAGE_TTL_SECONDS,
                 clock: Callable[[], float] = time.time) -> None:
        self._key = (secret or secrets.token_hex(32)).encode()
        self.ttl = ttl
        self.clock = clock

    def _sign(self, expiry: str) -> str:
        return hmac.new(self._key, f"page:{expiry}".encode(), hashlib.sha256).hexdigest()

    def issue(self) -> str:
        expiry = str(int(self.clock()) + self.ttl)
        return f"{expiry}.{self._sign(expiry)}"

    def valid(self, token: str | None) -> bool:
        expiry, _, signature = (token or "").partition(".")
        if not expiry.isdigit() or not hmac.compare_digest(signature.encode(), self._sign(expiry).encode()):
            return False
        return int(expiry) > self.clock()

    def cookie(self, secure: bool) -> str:
        """The Set-Cookie value: script-proof, same-site only, sent back to /api only."""
        attributes = f"Max-Age={self.ttl}; Path=/api; HttpOnly; SameSite=Strict" + ("; Secure" if secure else "")
        return f"{PAGE_COOKIE}={self.issue()}; {attributes}"
