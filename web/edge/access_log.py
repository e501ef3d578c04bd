"""One JSON object per request on the `web.access` logger, and an X-Request-ID on every response.

Logged: request id, method, path (never the query string, which can hold a question), status,
latency, client address, how the caller authenticated, and the question's length when a route
noted it. Never a header, body, key, cookie or signature; the question text only with
QA_LOG_QUESTIONS=1.
"""
from __future__ import annotations

import json
import logging
import re
import sys
import time
import uuid
from datetime import datetime, timezone
from typing import Any, TextIO

from starlette.datastructures import Headers, MutableHeaders
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from web.edge.gate import client_ip
from web.edge.redact import redacted_path

ACCESS_LOGGER = logging.getLogger("web.access")
_REQUEST_ID_RE = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
_NOTED = ("auth", "question_chars", "question")  # request.state keys copied into the record


def note_question(request: Request, question: str) -> None:
    """Let the access log record this request's question length (and text, when enabled)."""
    request.state.question_chars = len(question)
    if request.app.state.settings.edge.log_questions:
        request.state.question = question


def request_id(scope: Scope) -> str:
    """The caller's X-Request-ID when it is a plain token (so proxies can correlate), else a new one."""
    incoming = Headers(scope=scope).get("x-request-id", "")
    return incoming if _REQUEST_ID_RE.match(incoming) else uuid.uuid4().hex


class AccessLog:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        rid = request_id(scope)
        state = scope.setdefault("state", {})
        state["request_id"] = rid
        started = time.perf_counter()
        status = 500  # what the client gets when the app raises before responding

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                MutableHeaders(scope=message)["X-Request-ID"] = rid
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            record = _record(scope, rid, status, time.perf_counter() - started)
            ACCESS_LOGGER.info(json.dumps(record, ensure_ascii=False))


def _record(scope: Scope, rid: str, status: int, seconds: float) -> dict[str, Any]:
    state = scope.get("state", {})
    record = {
        "ts": datetime.now(timezone.utc).isoformat(timespec="milliseconds"),
        "request_id": rid,
        "method": scope["method"],
        "path": redacted_path(scope["path"]),
        "status": status,
        "latency_ms": round(seconds * 1000, 2),
        "client": client_ip(scope),
    }
    return record | {key: state[key] for key in _NOTED if key in state}


def configure_access_log(stream: TextIO = sys.stderr) -> None:
    """Write the access records, one JSON line each, to `stream` (used by `qa serve`)."""
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(message)s"))
    ACCESS_LOGGER.addHandler(handler)
    ACCESS_LOGGER.setLevel(logging.INFO)
    ACCESS_LOGGER.propagate = False
