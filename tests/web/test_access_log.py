"""One JSON access record per request, with a request id and question lengths, and no secrets."""
from __future__ import annotations

import io
import json
import logging
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.web.fakes import FakeEngine
from tests.web.messenger_support import SLACK_SECRET, app_client, fixture, slack_request

from web.edge.access_log import ACCESS_LOGGER, configure_access_log

KEY = "k-0123456789abcdef"
KAKAO_SECRET = "kakao-path-token-42"


Records = Callable[[], list[dict[str, Any]]]


@pytest.fixture
def records(caplog: pytest.LogCaptureFixture) -> Iterator[Records]:
    """Call it for the access records logged so far, parsed."""
    with caplog.at_level(logging.INFO, logger=ACCESS_LOGGER.name):
        yield lambda: [json.loads(r.getMessage()) for r in caplog.records if r.name == ACCESS_LOGGER.name]


def test_one_record_per_request_with_the_request_id(client: Any, records: Records) -> None:
    response = client.post("/api/ask", json={"question": "  현원은?  "})
    client.get("/healthz")
    first, second = records()
    assert first["request_id"] == response.headers["x-request-id"] and len(first["request_id"]) == 32
    assert (first["method"], first["path"], first["status"], first["question_chars"]) == ("POST", "/api/ask", 200, 4)
    assert isinstance(first["latency_ms"], float) and first["latency_ms"] >= 0 and first["client"] == "testclient"
    assert first["ts"].endswith("+00:00") and "question" not in first
    assert second["path"] == "/healthz" and "question_chars" not in second


def test_a_plain_incoming_request_id_is_kept(client: Any, records: Records) -> None:
    kept = client.get("/healthz", headers={"X-Request-ID": "proxy-7f3a.1"})
    replaced = client.get("/healthz", headers={"X-Request-ID": "two words\n"})
    kept_record, replaced_record = records()
    assert kept.headers["x-request-id"] == "proxy-7f3a.1" == kept_record["request_id"]
    assert replaced.headers["x-request-id"] == replaced_record["request_id"] != "two words\n"


def test_question_text_only_when_enabled(tmp_path: Path, records: Records) -> None:
    with app_client(tmp_path, FakeEngine(), QA_LOG_QUESTIONS="1") as client:
        client.post("/api/ask", json={"question": "현원은?"})
    assert records()[0]["question"] == "현원은?"


def test_messenger_questions_are_measured(tmp_path: Path, records: Records) -> None:
    body, headers = slack_request(fixture("slack_command.json"))
    with app_client(tmp_path, FakeEngine(), QA_SLACK_SIGNING_SECRET=SLACK_SECRET) as client:
        client.post("/kakao/skill", json=fixture("kakao_skill_request.json"))
        client.post("/slack/command", content=body, headers=headers)
    assert [(r["path"], r["question_chars"]) for r in records()] == [("/kakao/skill", 10), ("/slack/command", 10)]


def test_no_secret_reaches_the_log(tmp_path: Path, records: Records, caplog: pytest.LogCaptureFixture) -> None:
    body, headers = slack_request(fixture("slack_command.json"))
    env = {"QA_API_KEYS": KEY, "QA_KAKAO_SECRET": KAKAO_SECRET, "QA_SLACK_SIGNING_SECRET": SLACK_SECRET,
           "QA_LOG_QUESTIONS": "1"}
    with app_client(tmp_path, FakeEngine(), **env) as client:
        client.post("/api/ask", json={"question": "현원은?"}, headers={"Authorization": f"Bearer {KEY}"})
        client.post("/api/ask", json={"question": "현원은?"}, headers={"X-API-Key": "k-wrong-key-000000"})
        client.post(f"/kakao/skill/{KAKAO_SECRET}", json=fixture("kakao_skill_request.json"))
        client.post("/slack/command", content=body, headers=headers)
    logged_records = records()
    assert [r["status"] for r in logged_records] == [200, 401, 200, 200]
    assert logged_records[0]["auth"].startswith("key:") and logged_records[2]["path"] == "/kakao/skill/<redacted>"
    logged = caplog.text + json.dumps(logged_records)
    for secret in (KEY, "k-wrong-key-000000", KAKAO_SECRET, SLACK_SECRET, headers["X-Slack-Signature"],
                   "legacyVerificationTokenNotUsed"):
        assert secret not in logged


def test_rejected_requests_are_logged_too(tmp_path: Path, records: Records) -> None:
    with app_client(tmp_path, FakeEngine(), QA_MAX_BODY_BYTES="100", QA_RATE_LIMIT="1/hour") as client:
        client.post("/api/ask", json={"question": "가" * 200})
        client.post("/api/ask", json={"question": "현원은?"})
    assert [r["status"] for r in records()] == [413, 429]


@pytest.fixture
def restored_logger() -> Iterator[None]:
    saved = (list(ACCESS_LOGGER.handlers), ACCESS_LOGGER.level, ACCESS_LOGGER.propagate)
    yield
    ACCESS_LOGGER.handlers[:], ACCESS_LOGGER.level, ACCESS_LOGGER.propagate = saved


def test_configured_log_is_one_json_object_a_line(restored_logger: None) -> None:
    stream = io.StringIO()
    configure_access_log(stream)
    ACCESS_LOGGER.info(json.dumps({"request_id": "r1", "status": 200}))
    assert [json.loads(line) for line in stream.getvalue().splitlines()] == [{"request_id": "r1", "status": 200}]
