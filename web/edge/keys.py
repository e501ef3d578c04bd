"""API keys (ordinary and admin) and the chat page's signed cookie, all checked in constant time."""
from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

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


@dataclass(frozen=True)
class KeyMatch:
    ident: str  # key_id(key)
    admin: bool  # listed in QA_ADMIN_KEYS: may read the feedback export


class KeyRing:
    """The configured API keys, kept as SHA-256 digests so every comparison has the same length.
    Admin keys are API keys too."""

    def __init__(self, keys: Iterable[str], admin_keys: Iterable[str] = ()) -> None:
        admins = set(admin_keys)
        self._digests = [(hashlib.sha256(key.encode()).digest(), KeyMatch(key_id(key), key in admins))
                         for key in dict.fromkeys([*keys, *admins])]

    @property
    def enabled(self) -> bool:
        return bool(self._digests)

    def match(self, presented: str | None) -> KeyMatch | None:
        """The configured key equal to `presented`; every key is compared, match or not."""
        if presented is None:
            return None
        digest = hashlib.sha256(presented.encode()).digest()
        found = None
        for known, key in self._digests:
            if hmac.compare_digest(digest, known):
                found = key
        return found


class PageTokens:
    """`<browser>.<expiry>.<hmac>` tokens for the chat page's cookie. `browser` is a random id naming one
    browser: the conversations it starts belong to it. Signed with the server secret."""

    def __init__(self, secret: bytes, ttl: int = PAGE_TTL_SECONDS, clock: Callable[[], float] = time.time) -> None:
        self._key = secret
        self.ttl = ttl
        self.clock = clock

    def _sign(self, browser: str, expiry: str) -> str:
        return hmac.new(self._key, f"page:{browser}:{expiry}".encode(), hashlib.sha256).hexdigest()

    def issue(self, browser: str | None = None) -> str:
        """A fresh token for `browser` (a new browser id when None)."""
        browser = browser or secrets.token_hex(16)
        expiry = str(int(self.clock()) + self.ttl)
        return f"{browser}.{expiry}.{self._sign(browser, expiry)}"

    def browser(self, token: str | None) -> str | None:
        """The browser id of a valid, unexpired token; None otherwise."""
        browser, _, rest = (token or "").partition(".")
        expiry, _, signature = rest.partition(".")
        if not (browser.isalnum() and expiry.isdigit()):
            return None
        if not hmac.compare_digest(signature.encode(), self._sign(browser, expiry).encode()):
            return None
        return browser if int(expiry) > self.clock() else None

    def cookie(self, secure: bool, browser: str | None = None) -> str:
        """The Set-Cookie value: script-proof, same-site only, sent back to /api only."""
        attributes = f"Max-Age={self.ttl}; Path=/api; HttpOnly; SameSite=Strict" + ("; Secure" if secure else "")
        return f"{PAGE_COOKIE}={self.issue(browser)}; {attributes}"
