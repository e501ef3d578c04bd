"""The gate in front of /api/*: who is calling, are they over their rate, may they call at all.

A caller is identified by a valid API key, else by IP address. With keys configured, a call needs
a key or the chat page's cookie, which GET / hands out (HttpOnly, SameSite=Strict, Path=/api): the
page's own fetches carry it, other sites' pages cannot make a browser send it.
"""
from __future__ import annotations

from http.cookies import CookieError, SimpleCookie

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from web.edge.keys import PAGE_COOKIE, KeyRing, PageTokens, presented_key
from web.edge.ratelimit import TokenBuckets, retry_after
from web.errors import error_response

SAME_ORIGIN_FETCH = {"same-origin", "none"}  # Sec-Fetch-Site values the page's cookie is honoured with


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
        if scope["path"] == "/" and scope["method"] in {"GET", "HEAD"} and self.keys.enabled:
            return await self.app(scope, receive, self._with_page_cookie(scope, send))
        if not is_api(scope["path"]):
            return await self.app(scope, receive, send)
        headers = Headers(scope=scope)
        auth = self._authenticate(headers)
        scope.setdefault("state", {})["auth"] = auth
        wait = self.buckets.take(auth if auth.startswith("key:") else f"ip:{client_ip(scope)}") if self.buckets else 0
        if wait:
            response = error_response(429, "rate_limited", "too many requests; retry after the Retry-After seconds",
                                      {"Retry-After": retry_after(wait)})
        elif self.keys.enabled and auth == "none":
            response = error_response(401, "unauthorized", "send an API key as 'Authorization: Bearer <key>' "
                                      "or 'X-API-Key: <key>'", {"WWW-Authenticate": 'Bearer realm="qa"'})
        else:
            return await self.app(scope, receive, send)
        await response(scope, receive, send)

    def _authenticate(self, headers: Headers) -> str:
        """'key:<id>' for a valid API key, 'page' for the page's cookie, else 'none'."""
        ident = self.keys.match(presented_key(headers))
        if ident:
            return f"key:{ident}"
        same_origin = headers.get("sec-fetch-site", "same-origin") in SAME_ORIGIN_FETCH
        return "page" if same_origin and self.pages.valid(_cookie(headers, PAGE_COOKIE)) else "none"

    def _with_page_cookie(self, scope: Scope, send: Send) -> Send:
        secure = scope.get("scheme") == "https"

        async def send_with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start" and message["status"] == 200:
                headers = MutableHeaders(scope=message)
                if headers.get("content-type", "").startswith("text/html"):
                    headers.append("set-cookie", self.pages.cookie(secure))
            await send(message)

        return send_with_cookie
