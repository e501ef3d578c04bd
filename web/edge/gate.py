"""The gate in front of /api/*: who is calling, are they over their rate, may they call at all.

A caller is an API key's holder, a browser holding the chat page's cookie, or (only when no keys
are configured) the open loopback caller. GET / hands every browser its cookie (HttpOnly,
SameSite=Strict, Path=/api) naming that browser, and renews it with the same name: the page's own
fetches carry it, other sites' pages cannot make a browser send it. With keys configured, a call
needs a key or the cookie. Rate limits count per key, else per IP address.
"""
from __future__ import annotations

from dataclasses import dataclass
from http.cookies import CookieError, SimpleCookie

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from web.edge.keys import PAGE_COOKIE, KeyRing, PageTokens, presented_key
from web.edge.ratelimit import TokenBuckets, retry_after
from web.errors import error_response

SAME_ORIGIN_FETCH = {"same-origin", "none"}  # Sec-Fetch-Site values the page's cookie is honoured with


@dataclass(frozen=True)
class Caller:
    """Who is calling /api/*: `owner` names whose conversations they may see."""

    owner: str  # "key:<key id>", "page:<browser id>", or OPEN
    admin: bool = False  # an admin key (QA_ADMIN_KEYS): may export the feedback

    @property
    def kind(self) -> str:
        """What the access log records: the key id, but never a browser id."""
        return "page" if self.owner.startswith("page:") else self.owner


OPEN = "open"  # no keys configured and no page cookie: anyone on the loopback interface
ANONYMOUS = Caller("none")  # keys configured, but none presented (refused by the gate)


def is_api(path: str) -> bool:
    return path == "/api" or path.startswith("/api/")


def client_ip(scope: Scope) -> str:
    client = scope.get("client")
    return client[0] if client else "unknown"


def _cookie(headers: Headers, name: str) -> str | None:
    jar = SimpleCookie()
    try:
        jar.load(headers.get("cookie", ""))
    except CookieError:
        return None
    morsel = jar.get(name)
    return morsel.value if morsel else None


class ApiGate:
    def __init__(self, app: ASGIApp, keys: KeyRing, pages: PageTokens, buckets: TokenBuckets | None) -> None:
        self.app = app
        self.keys = keys
        self.pages = pages
        self.buckets = buckets

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = Headers(scope=scope)
        if scope["path"] == "/" and scope["method"] in {"GET", "HEAD"}:
            return await self.app(scope, receive, self._with_page_cookie(scope, headers, send))
        if not is_api(scope["path"]):
            return await self.app(scope, receive, send)
        caller = self._authenticate(headers)
        state = scope.setdefault("state", {})
        state["caller"], state["auth"] = caller, caller.kind
        is_key = caller.owner.startswith("key:")
        wait = self.buckets.take(caller.owner if is_key else f"ip:{client_ip(scope)}") if self.buckets else 0
        if wait:
            response = error_response(429, "rate_limited", "too many requests; retry after the Retry-After seconds",
                                      {"Retry-After": retry_after(wait)})
        elif caller is ANONYMOUS:
            response = error_response(401, "unauthorized", "send an API key as 'Authorization: Bearer <key>' "
                                      "or 'X-API-Key: <key>'", {"WWW-Authenticate": 'Bearer realm="qa"'})
        else:
            return await self.app(scope, receive, send)
        await response(scope, receive, send)

    def _authenticate(self, headers: Headers) -> Caller:
        key = self.keys.match(presented_key(headers))
        if key:
            return Caller(f"key:{key.ident}", key.admin)
        browser = self._browser(headers)
        if browser:
            return Caller(f"page:{browser}")
        return ANONYMOUS if self.keys.enabled else Caller(OPEN)

    def _browser(self, headers: Headers) -> str | None:
        """The browser named by a valid page cookie sent by the page itself."""
        if headers.get("sec-fetch-site", "same-origin") not in SAME_ORIGIN_FETCH:
            return None
        return self.pages.browser(_cookie(headers, PAGE_COOKIE))

    def _with_page_cookie(self, scope: Scope, headers: Headers, send: Send) -> Send:
        secure = scope.get("scheme") == "https"
        browser = self.pages.browser(_cookie(headers, PAGE_COOKIE))  # renewed under the same name

        async def send_with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start" and message["status"] == 200:
                response_headers = MutableHeaders(scope=message)
                if response_headers.get("content-type", "").startswith("text/html"):
                    response_headers.append("set-cookie", self.pages.cookie(secure, browser))
            await send(message)

        return send_with_cookie
