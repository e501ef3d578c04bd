"""The last resort: an exception nothing handled becomes a JSON 500 *inside* the edge middleware.

Starlette's own last resort sits outside every middleware, so its 500s would go out without the
security headers and the X-Request-ID; this one answers before the exception gets there.
"""
from __future__ import annotations

import logging

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from web.edge.redact import redacted_path
from web.errors import INTERNAL_MESSAGE, error_response

logger = logging.getLogger(__name__)


class CatchAll:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started = False

        async def send_tracking(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, send_tracking)
        except Exception as error:
            logger.error("unhandled error on %s %s", scope["method"], redacted_path(scope["path"]), exc_info=error)
            if started:  # part of a response is out: nothing sensible can follow it
                raise
            await error_response(500, "internal_error", INTERNAL_MESSAGE)(scope, receive, send)
