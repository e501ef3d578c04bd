"""POST /api/feedback and its JSON / CSV export."""
from __future__ import annotations

import csv
import io
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.web.fakes import FakeEngine
from web.app import create_app
from web.edge.keys import key_id
from web.ownership import conversation_key
from web.settings import Settings

CheckError = Callable[[Any, int, str], None]
ADMIN_KEY = "admin-key-0123456789"
USER_KEY = "user-key-0123456789ab"
GOOD = {"session_id": "s-1", "question": "청년취업사관학교 올해 예산은?", "answer": "'23년 예산 37,799백만원 [1]",
        "refs": ["IV.3.1.b1", "IV.3.1"], "rating": "up"}


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """An admin key and an ordinary key; the client below sends the admin key."""
    return Settings.from_env({"QA_DATA_DIR": str(tmp_path), "QA_RATE_LIMIT": "off", "QA_ADMIN_KEYS": ADMIN_KEY,
                              "QA_API_KEYS": USER_KEY})


@pytest.fixture
def client(settings: Settings, fake_engine: FakeEngine) -> Iterator[TestClient]:
    with TestClient(create_app(settings, engine=fake_engine), headers={"X-API-Key": ADMIN_KEY}) as test_client:
        yield test_client


def test_feedback_is_stored_with_time_and_exported_as_json(client: TestClient) -> None:
    response = client.post("/api/feedback", json={**GOOD, "comment": "  정확합니다  "})
    assert response.status_code == 201
    created = response.json()
    assert created["comment"] == "정확합니다" and created["at"].endswith("+00:00") and created["id"] >= 1
    assert created["session_id"] == GOOD["session_id"]  # the rater's name for its conversation
    (row,) = client.get("/api/feedback?session_ids=true").json()
    key = conversation_key(client.app.state.secret, f"key:{key_id(ADMIN_KEY)}", GOOD["session_id"])
    assert row == {**created, "session_id": key} and row["refs"] == GOOD["refs"]  # the export: its stored key
    assert client.get("/api/feedback?format=json&session_ids=true").json() == [row]
    assert client.get("/api/feedback").json() == [{**row, "session_id": None}]  # not unless asked


def test_csv_export_reads_back_in_a_spreadsheet_safe_form(client: TestClient) -> None:
    tricky = {"rating": "down", "comment": "=HYPERLINK(\"x\")", "question": "줄\n바꿈, \"따옴표\""}
    client.post("/api/feedback", json={**GOOD, **tricky})
    client.post("/api/feedback", json=GOOD)
    response = client.get("/api/feedback?format=csv")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    assert response.text.startswith("\ufeff")  # so Excel reads the Korean as UTF-8
    rows = list(csv.DictReader(io.StringIO(response.text.lstrip("\ufeff"))))
    assert [r["rating"] for r in rows] == ["down", "up"]
    assert rows[0]["question"] == "줄\n바꿈, \"따옴표\"" and rows[0]["refs"] == "IV.3.1.b1 IV.3.1"
    assert rows[0]["comment"] == "'=HYPERLINK(\"x\")"  # a formula is not run when the file is opened
    assert rows[1]["comment"] == "" and rows[1]["answer"] == GOOD["answer"]
    assert {r["session_id"] for r in rows} == {""}  # not unless asked


@pytest.mark.parametrize("text", ["\u0000=1+2", "\x1b@SUM(A1)", "\x7f\u0001-3", "+1"])
def test_csv_cells_that_a_spreadsheet_would_run_are_quoted(client: TestClient, text: str) -> None:
    client.post("/api/feedback", json={**GOOD, "question": f"{text} 예산은?", "comment": text})
    (row,) = csv.DictReader(io.StringIO(client.get("/api/feedback?format=csv").text.lstrip("\ufeff")))
    assert row["comment"] == "'" + text and row["question"] == f"'{text} 예산은?"


def test_only_an_admin_key_reads_the_export(settings: Settings, client: TestClient, assert_error: CheckError) -> None:
    assert client.post("/api/feedback", json=GOOD).status_code == 201
    with TestClient(client.app) as other:
        assert_error(other.get("/api/feedback", headers={"X-API-Key": USER_KEY}), 403, "forbidden")
        other.get("/")  # the chat page's cookie
        assert_error(other.get("/api/feedback", params={"format": "csv"}), 403, "forbidden")
        assert_error(other.get("/api/feedback"), 403, "forbidden")
        assert other.post("/api/feedback", json=GOOD).status_code == 201  # but the page may rate answers


@pytest.mark.parametrize(("change", "status", "code"), [
    ({"rating": "meh"}, 422, "invalid_request"),
    ({"rating": None}, 422, "invalid_request"),
    ({"refs": "IV.3.1"}, 422, "invalid_request"),
    ({"refs": ["x"] * 51}, 422, "invalid_request"),
    ({"answer": ""}, 422, "invalid_request"),
    ({"comment": "가" * 2001}, 422, "invalid_request"),
    ({"session_id": "has space"}, 422, "invalid_request"),
    ({"question": "  "}, 400, "empty_question"),
    ({"question": "가" * 1001}, 413, "question_too_long"),
    ({"extra": 1}, 422, "invalid_request"),
])
def test_bad_feedback_is_a_4xx_in_the_error_shape(client: TestClient, assert_error: CheckError,
                                                  change: dict[str, Any], status: int, code: str) -> None:
    assert_error(client.post("/api/feedback", json={**GOOD, **change}), status, code)
    assert client.get("/api/feedback").json() == []


def test_missing_fields_wrong_type_and_bad_format(client: TestClient, assert_error: CheckError) -> None:
    assert_error(client.post("/api/feedback", json={"rating": "up"}), 422, "invalid_request")
    assert_error(client.post("/api/feedback", content=b"rating=up", headers={"content-type": "text/plain"}),
                 415, "unsupported_media_type")
    assert_error(client.get("/api/feedback?format=xml"), 422, "invalid_request")


def test_concurrent_posts_lose_no_row(client: TestClient) -> None:
    threads, per_thread = 6, 10

    def post(n: int) -> None:
        for i in range(per_thread):
            assert client.post("/api/feedback", json={**GOOD, "comment": f"{n}-{i}"}).status_code == 201

    workers = [threading.Thread(target=post, args=(n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    comments = sorted(row["comment"] for row in client.get("/api/feedback").json())
    assert comments == sorted(f"{n}-{i}" for n in range(threads) for i in range(per_thread))
