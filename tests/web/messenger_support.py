"""Helpers for the messenger and edge tests: stored payloads, an app client with chosen QA_*
settings, a local HTTP server that records deferred replies, a blocking engine, and checks of
the Kakao and Slack reply formats."""
from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import queue
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import FastAPI
from fastapi.testclient import TestClient

from qa.answer import Answer
from web.app import create_app
from web.settings import Settings

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SLACK_SECRET = "8f14e45fceea167a5a36dedd4bea2543"


def fixture(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


@contextmanager
def app_client(tmp_path: Path, engine: object, **env: str) -> Iterator[TestClient]:
    """A client on an app with the given QA_* variables. Unless given: no rate limit, and no
    callback host but one that cannot exist, so no test ever posts beyond this machine."""
    values = {"QA_DATA_DIR": str(tmp_path), "QA_RATE_LIMIT": "off", "QA_CALLBACK_HOSTS": "callbacks.invalid", **env}
    with TestClient(create_app(Settings.from_env(values), engine=engine)) as client:
        yield client


def drain_background(client: TestClient) -> None:
    """Wait, on the app's event loop, for the deferred replies it is still posting."""
    app: FastAPI = client.app  # type: ignore[assignment]

    async def drain() -> None:
        await asyncio.gather(*list(app.state.background_tasks))

    client.portal.call(drain)  # type: ignore[union-attr]


class BlockingEngine:
    """Wraps an engine; every question waits until `release` is set, so a test can make the
    answer late for the reply budget without sleeping."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.release = threading.Event()

    def ask(self, question: str, session_id: str | None = None, top_k: int = 5) -> Answer:
        assert self.release.wait(timeout=30), "the test never released the engine"
        return self.inner.ask(question, session_id=session_id, top_k=top_k)


class RecordingEngine:
    """Wraps an engine and records the session ids it was asked with."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.sessions: list[str | None] = []

    def ask(self, question: str, session_id: str | None = None, top_k: int = 5) -> Answer:
        self.sessions.append(session_id)
        return self.inner.ask(question, session_id=session_id, top_k=top_k)


class CallbackServer:
    """An HTTP server on 127.0.0.1 that answers 200 and records each POST's path, type and JSON body."""

    def __init__(self) -> None:
        self.posts: queue.Queue[tuple[str, str, Any]] = queue.Queue()
        posts = self.posts

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (the http.server naming)
                raw = self.rfile.read(int(self.headers.get("content-length", 0)))
                posts.put((self.path, self.headers.get("content-type", ""), json.loads(raw)))
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}{path}"

    def __enter__(self) -> CallbackServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=10)


def slack_request(form: dict[str, str], secret: str = SLACK_SECRET, timestamp: int | None = None,
                  ) -> tuple[bytes, dict[str, str]]:
    """The form body and headers Slack would send, signed with `secret` at `timestamp` (default: now)."""
    body = urlencode(form).encode()
    stamp = str(int(time.time()) if timestamp is None else timestamp)
    signature = "v0=" + hmac.new(secret.encode(), f"v0:{stamp}:".encode() + body, hashlib.sha256).hexdigest()
    headers = {"Content-Type": "application/x-www-form-urlencoded",
               "X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": signature}
    return body, headers


def check_kakao_reply(body: dict[str, Any]) -> None:
    """`body` is a valid skill response 2.0: a template within Kakao's limits, or a callback ack."""
    assert body["version"] == "2.0"
    if body.get("useCallback"):
        assert body["useCallback"] is True and set(body) == {"version", "useCallback", "data"}
        assert isinstance(body["data"]["text"], str) and body["data"]["text"]
        return
    outputs = body["template"]["outputs"]
    assert 1 <= len(outputs) <= 3
    for output in outputs:
        ((kind, content),) = output.items()
        assert kind in {"simpleText", "textCard"}
        if kind == "simpleText":
            assert isinstance(content["text"], str) and 1 <= len(content["text"]) <= 1000
        else:
            assert len(content["title"]) <= 50 and len(content["description"]) <= 400
            assert len(content["buttons"]) <= 3 and all(b["action"] == "webLink" for b in content["buttons"])
    replies = body["template"].get("quickReplies", [])
    assert len(replies) <= 10
    for reply in replies:
        assert set(reply) == {"label", "action", "messageText"} and reply["action"] == "message"
        assert 1 <= len(reply["label"]) <= 14 and reply["messageText"]


def check_slack_reply(body: dict[str, Any]) -> None:
    """`body` is an ephemeral message within Block Kit's limits."""
    assert body["response_type"] == "ephemeral" and isinstance(body["text"], str) and body["text"]
    for block in body.get("blocks", []):
        assert block["type"] in {"section", "context"}
        if block["type"] == "context":
            assert 1 <= len(block["elements"]) <= 10
        elif "fields" in block:
            assert 1 <= len(block["fields"]) <= 10 and all(len(f["text"]) <= 2000 for f in block["fields"])
        else:
            assert 1 <= len(block["text"]["text"]) <= 3000


def simple_text(body: dict[str, Any]) -> str:
    """The text of a Kakao reply's first simpleText output."""
    return body["template"]["outputs"][0]["simpleText"]["text"]
