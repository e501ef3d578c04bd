"""What error responses carry and what they never repeat (issue 9, the smaller findings)."""
from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

from starlette.types import Message

from tests.web.fakes import FakeEngine
from tests.web.messenger_support import app_client
from web.edge.body_limit import BodyLimit

SECRET = "s3cret-skill-token"


def test_an_unexpected_error_is_a_json_500_with_headers_and_request_id(client: Any) -> None:
    def broken() -> None:
        raise RuntimeError("boom at /internal/path")

    client.app.add_api_route("/api/broken", broken)
    response = client.get("/api/broken")
    assert response.status_code == 500 and response.json()["error"]["code"] == "internal_error"
    assert "boom" not in response.text and "/internal/path" not in response.text
    assert response.headers["x-content-type-options"] == "nosniff" and response.headers["x-frame-options"] == "DENY"
    assert len(response.headers["x-request-id"]) >= 16


def test_no_error_or_redirect_repeats_the_kakao_path_secret(tmp_path: Path) -> None:
    with app_client(tmp_path, FakeEngine(), QA_KAKAO_SECRET=SECRET) as client:
        responses = [client.get(f"/kakao/skill/{SECRET}"),  # 405
                     client.post(f"/kakao/skill/{SECRET}/", json={}, follow_redirects=False),  # no 307
                     client.post(f"/kakao/skill/{SECRET}/more", json={})]  # 404
    assert [r.status_code for r in responses] == [405, 404, 404]
    for response in responses:
        assert SECRET not in response.text and SECRET not in response.headers.get("location", "")


def test_error_bodies_quote_at_most_a_short_excerpt_of_the_path(client: Any) -> None:
    response = client.get("/api/" + "x" * 5000)
    assert response.status_code == 404 and len(response.json()["error"]["message"]) < 200


def test_a_body_that_stops_arriving_is_a_408() -> None:
    sent: list[Message] = []
    reached_app = False

    async def app(scope: Any, receive: Any, send: Any) -> None:
        nonlocal reached_app
        reached_app = True

    async def stalled() -> Message:
        if not sent:
            sent.append({"type": "first"})
            return {"type": "http.request", "body": b'{"question": "', "more_body": True}
        await asyncio.sleep(3600)
        raise AssertionError("unreachable")

    responses: list[Message] = []

    async def send(message: Message) -> None:
        responses.append(message)

    scope = {"type": "http", "method": "POST", "path": "/api/ask", "headers": []}
    asyncio.run(BodyLimit(app, max_bytes=1000, timeout=0.05)(scope, stalled, send))
    assert not reached_app and responses[0]["status"] == 408
    assert json.loads(responses[1]["body"])["error"]["code"] == "body_timeout"
