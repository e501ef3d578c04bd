"""POST /slack/command: signature first, then an ephemeral Block Kit answer (or response_url later)."""
from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from tests.web.fakes import FakeEngine
from tests.web.messenger_support import (SLACK_SECRET, BlockingEngine, CallbackServer, RecordingEngine, app_client,
                               check_slack_reply, drain_background, fixture, slack_request)
from web.ownership import conversation_key, messenger_session

COMMAND = fixture("slack_command.json")
SIGNED = {"QA_SLACK_SIGNING_SECRET": SLACK_SECRET}


@pytest.fixture
def slack_client(tmp_path: Path) -> Any:
    with app_client(tmp_path, FakeEngine(), **SIGNED) as client:
        yield client


def post(client: Any, form: dict[str, str], **sign: Any) -> Any:
    body, headers = slack_request(form, **sign)
    return client.post("/slack/command", content=body, headers=headers)


def test_documented_payload_gets_an_ephemeral_block_kit_answer(slack_client: Any) -> None:
    response = post(slack_client, COMMAND)
    assert response.status_code == 200
    body = response.json()
    check_slack_reply(body)
    kinds = [block["type"] for block in body["blocks"]]
    assert kinds == ["context", "section", "section", "context"]
    assert "경제정책실 현원은?" in body["blocks"][0]["elements"][0]["text"]
    assert body["blocks"][1]["text"]["text"] == "현원은 257명입니다." == body["text"]
    assert body["blocks"][2]["fields"][0]["text"] == "현원: 257명, 2023년"
    citation, link = (element["text"] for element in body["blocks"][3]["elements"])
    assert citation == "출처 [1] 일반 현황 &gt; 조직 및 인력 (5행)"
    assert link.startswith("<http://testserver/?q=%EA%B2%BD") and link.endswith("|웹에서 전체 답변 보기>")


def test_without_a_signing_secret_the_endpoint_is_off(client: Any, assert_error: Any) -> None:
    body, headers = slack_request(COMMAND)
    assert_error(client.post("/slack/command", content=body, headers=headers), 404, "slack_not_configured")


@pytest.mark.parametrize("change", ["wrong secret", "tampered body", "no signature", "no timestamp",
                                    "bad timestamp", "signature for another timestamp"])
def test_bad_signatures_are_refused_before_the_engine_runs(tmp_path: Path, assert_error: Any, change: str) -> None:
    engine = RecordingEngine(FakeEngine())
    body, headers = slack_request(COMMAND, secret="not-the-app-secret" if change == "wrong secret" else SLACK_SECRET)
    if change == "tampered body":
        body = body.replace(b"U07AIDE001", b"U07AIDE002")
    elif change == "no signature":
        del headers["X-Slack-Signature"]
    elif change == "no timestamp":
        del headers["X-Slack-Request-Timestamp"]
    elif change == "bad timestamp":
        headers["X-Slack-Request-Timestamp"] = "yesterday"
    elif change == "signature for another timestamp":
        headers["X-Slack-Request-Timestamp"] = str(int(headers["X-Slack-Request-Timestamp"]) - 1)
    with app_client(tmp_path, engine, **SIGNED) as client:
        assert_error(client.post("/slack/command", content=body, headers=headers), 401, "invalid_signature")
    assert engine.sessions == []


@pytest.mark.parametrize("offset", [-330, -3600, 330])  # 30 s of slack: a slow request must not cross the 300 s edge
def test_replays_and_skewed_timestamps_are_refused(slack_client: Any, assert_error: Any, offset: int) -> None:
    response = post(slack_client, COMMAND, timestamp=int(time.time()) + offset)
    assert_error(response, 401, "stale_request")


def test_a_timestamp_within_five_minutes_is_fine(slack_client: Any) -> None:
    assert post(slack_client, COMMAND, timestamp=int(time.time()) - 240).status_code == 200


def test_oversized_bodies_are_refused(tmp_path: Path, assert_error: Any) -> None:
    form = {**COMMAND, "text": "가" * 2000}
    with app_client(tmp_path, FakeEngine(), QA_MAX_BODY_BYTES="4096", **SIGNED) as client:
        assert_error(post(client, form), 413, "body_too_large")


@pytest.mark.parametrize("missing", ["text", "response_url", "user_id", "team_id", "command"])
def test_missing_fields(slack_client: Any, missing: str) -> None:
    form = {name: value for name, value in COMMAND.items() if name != missing}
    response = post(slack_client, form)
    assert response.status_code == 200
    body = response.json()
    check_slack_reply(body)
    if missing == "text":
        assert body["text"].startswith("사용법: /report 질문") and "blocks" not in body
    else:
        assert body["text"] == "현원은 257명입니다."


def test_the_slack_user_is_the_session(tmp_path: Path) -> None:
    engine = RecordingEngine(FakeEngine())
    with app_client(tmp_path, engine, **SIGNED) as client:
        for user in ("U1", "U1", "U2"):
            post(client, {**COMMAND, "user_id": user})
        secret = client.app.state.secret
    first, again, other = engine.sessions
    assert first == again != other
    assert first == conversation_key(secret, "slack", messenger_session(secret, "slack", COMMAND["team_id"], "U1"))


def test_late_answer_goes_to_the_response_url(tmp_path: Path) -> None:
    engine = BlockingEngine(FakeEngine())
    env = {**SIGNED, "QA_SLACK_BUDGET_SECONDS": "0", "QA_CALLBACK_HOSTS": "127.0.0.1"}
    with CallbackServer() as server, app_client(tmp_path, engine, **env) as client:
        ack = post(client, {**COMMAND, "response_url": server.url("/commands/T1/1/resp-token")})
        assert server.posts.empty()
        engine.release.set()
        drain_background(client)
    assert ack.status_code == 200 and "blocks" not in ack.json() and "찾고 있어요" in ack.json()["text"]
    path, content_type, body = server.posts.get_nowait()
    assert server.posts.empty() and path == "/commands/T1/1/resp-token"
    assert content_type.startswith("application/json")
    check_slack_reply(body)
    assert body["text"] == "현원은 257명입니다."


def test_rate_limit_is_per_slack_user(tmp_path: Path) -> None:
    with app_client(tmp_path, FakeEngine(), QA_RATE_LIMIT="1/hour", **SIGNED) as client:
        first, second = (post(client, COMMAND).json() for _ in range(2))
        other = post(client, {**COMMAND, "user_id": "U09OTHER"}).json()
    assert first["text"] == other["text"] == "현원은 257명입니다."
    assert "너무 잦아요" in second["text"]


@pytest.mark.parametrize("timestamp", ["1" * 5000, "0" * 4999 + "1", "1" * 13])
def test_overlong_timestamps_are_refused_before_the_body_is_read(tmp_path: Path, assert_error: Any,
                                                                  timestamp: str) -> None:
    engine = RecordingEngine(FakeEngine())
    body, headers = slack_request(COMMAND)
    headers["X-Slack-Request-Timestamp"] = timestamp
    with app_client(tmp_path, engine, **SIGNED) as client:
        assert_error(client.post("/slack/command", content=body, headers=headers), 401, "invalid_signature")
    assert engine.sessions == []


@pytest.mark.parametrize("url", ["http://[::1", "https://[hooks.slack.com/commands/T1/1/x", "https://]x[/"])
def test_malformed_response_url_is_ignored_and_the_question_answered(tmp_path: Path, url: str) -> None:
    with app_client(tmp_path, FakeEngine(), QA_CALLBACK_HOSTS="::1,hooks.slack.com", **SIGNED) as client:
        response = post(client, {**COMMAND, "response_url": url})
    assert response.status_code == 200
    check_slack_reply(response.json())
    assert response.json()["text"] == "현원은 257명입니다."
