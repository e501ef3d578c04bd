"""Request bodies over the limit answer 413, whether Content-Length says so, lies, or is absent;
a body that does not arrive in time answers 408.

The body is read (up to the limit) before the app runs and then replayed to it, so a chunked
upload is cut off at limit + 1 bytes and the app never sees part of a body. A client that stops
sending mid-body would otherwise hold a worker until the connection drops.
"""
from __future__ import annotations

import asyncio

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from web.errors import error_response


BODY_TIMEOUT_SECONDS = 15.0  # for the whole body; ours are at most 64 KiB by default


class BodyLimit:
    def __init__(self, app: ASGIApp, max_bytes: int, timeout: float = BODY_TIMEOUT_SECONDS) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.timeout = timeout

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        declared = Headers(scope=scope).get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            body = None
        else:
            try:
                body = await asyncio.wait_for(self._read(receive), self.timeout)
            except asyncio.TimeoutError:
                message = f"the request body did not arrive within {self.timeout:g} seconds"
                return await error_response(408, "body_timeout", message)(scope, receive, send)
        if body is None:
            message = f"the request body is larger than {self.max_bytes} bytes"
            return await error_response(413, "body_too_large", message)(scope, receive, send)
        await self.app(scope, _replay(body, receive), send)

    async def _read(self, receive: Receive) -> bytes | None:
        """The whole body, or None as soon as it passes the limit."""
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":  # the client went away; the app will see it too
                break
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            if size > self.max_bytes:
                return None
            if not message.get("more_body", False):
                break
        return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    """A receive that yields the buffered body once, then passes through (for disconnects)."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if sent:
            return await receive()
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replay
