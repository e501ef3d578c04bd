"""POST /api/ask: the response contract and every kind of bad input."""
from __future__ import annotations

import re

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from tests.web.fakes import FakeEngine
from tests.web.messenger_support import RecordingEngine, app_client

from qa.answer import Answer
from qa.errors import InvalidQuestionError

PASSAGE_KEYS = {"id", "text", "score", "section", "lines"}
FIGURE_KEYS = {"label", "value", "unit", "value_krw", "year", "computed", "section", "source", "passage_id"}
SECTION_KEYS = {"ref", "title", "path"}
CheckError = Callable[[Any, int, str], None]


def assert_section(section: dict) -> None:
    assert set(section) == SECTION_KEYS
    assert isinstance(section["ref"], str) and isinstance(section["title"], str)
    assert all(isinstance(part, str) for part in section["path"])


def test_answer_has_exactly_the_contract_keys_and_types(client: TestClient) -> None:
    response = client.post("/api/ask", json={"question": "경제정책실 현원은?", "session_id": "s-1", "top_k": 3})
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"answer", "abstained", "session_id", "passages", "figures", "timing_ms"}
    assert isinstance(body["answer"], str) and body["abstained"] is False and body["session_id"] == "s-1"
    assert all(isinstance(ms, float) for ms in body["timing_ms"].values())
    (passage,) = body["passages"]
    assert set(passage) == PASSAGE_KEYS and passage["lines"] == [5, 5] and isinstance(passage["score"], float)
    assert_section(passage["section"])
    (figure,) = body["figures"]
    assert set(figure) == FIGURE_KEYS
    assert (figure["value"], figure["unit"], figure["value_krw"], figure["year"]) == (257, "명", None, 2023)
    assert figure["computed"] is False and figure["passage_id"] == passage["id"]
    assert_section(figure["section"])


def test_defaults_apply_when_optional_fields_are_absent_or_null(client: TestClient) -> None:
    """Without a session id the server issues a new, unguessable one each time."""
    issued = []
    for body in ({"question": "현원은?"}, {"question": "현원은?", "session_id": None, "top_k": None}):
        response = client.post("/api/ask", json=body)
        assert response.status_code == 200 and response.headers["x-turn-kept"] == "true"
        issued.append(response.json()["session_id"])
    assert issued[0] != issued[1] and all(re.fullmatch(r"[0-9a-f]{32}", sid) for sid in issued)


class RefusingEngine(FakeEngine):
    """Refuses every question, as the real engine does with one it cannot read as a question."""

    def ask(self, question: str, session_id: str | None = None, top_k: int = 5) -> Answer:
        raise InvalidQuestionError("질문으로 보기 어렵습니다")


def test_engine_rejecting_the_question_is_a_400(tmp_path: Path, assert_error: CheckError) -> None:
    with app_client(tmp_path, RefusingEngine()) as client:
        assert_error(client.post("/api/ask", json={"question": "현원은?"}), 400, "invalid_question")


@pytest.mark.parametrize("question", ["", "   ", "\n\t"])
def test_empty_question(client: TestClient, assert_error: CheckError, question: str) -> None:
    assert_error(client.post("/api/ask", json={"question": question}), 400, "empty_question")


@pytest.mark.parametrize("question", ["\u0000", "\ufeff", "???", "😀", " ?! …\u200b ", "\u0000\ufeff😀"])
def test_question_without_letters_or_digits_is_empty(tmp_path: Path, assert_error: CheckError,
                                                     question: str) -> None:
    engine = RecordingEngine(FakeEngine())
    with app_client(tmp_path, engine) as client:
        assert_error(client.post("/api/ask", json={"question": question}), 400, "empty_question")
    assert engine.sessions == []


@pytest.mark.parametrize("question", ["7", "a?", "ㅋ", "现", "٣?"])
def test_one_letter_or_digit_is_enough(client: TestClient, question: str) -> None:
    assert client.post("/api/ask", json={"question": question}).status_code == 200


def test_question_over_1000_characters(client: TestClient, assert_error: CheckError) -> None:
    assert client.post("/api/ask", json={"question": "가" * 1000}).status_code == 200
    assert_error(client.post("/api/ask", json={"question": "가" * 1001}), 413, "question_too_long")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"question": 42}, "question"),
        ({"question": ["현원"]}, "question"),
        ({"question": None}, "question"),
        ({}, "question"),
        ({"session_id": "s"}, "question"),
        ({"question": "현원", "top_k": 0}, "top_k"),
        ({"question": "현원", "top_k": 21}, "top_k"),
        ({"question": "현원", "top_k": "5"}, "top_k"),
        ({"question": "현원", "top_k": True}, "top_k"),
        ({"question": "현원", "top_k": 1.5}, "top_k"),
        ({"question": "현원", "session_id": 7}, "session_id"),
        ({"question": "현원", "session_id": ["s"]}, "session_id"),
        ({"question": "현원", "session_id": "has space"}, "session_id"),
        ({"question": "현원", "session_id": "s" * 129}, "session_id"),
        ({"question": "현원", "topk": 3}, "topk"),
        (["현원"], "body"),
        ("현원", "body"),
        (None, "body"),
    ],
)
def test_invalid_fields_are_422_naming_the_field(
    client: TestClient, assert_error: CheckError, body: Any, field: str
) -> None:
    response = client.post("/api/ask", content=json.dumps(body), headers={"Content-Type": "application/json"})
    assert_error(response, 422, "invalid_request")
    assert response.json()["error"]["message"].startswith(f"{field}: ")


def test_empty_body_is_422(client: TestClient, assert_error: CheckError) -> None:
    assert_error(client.post("/api/ask", headers={"Content-Type": "application/json"}), 422, "invalid_request")


@pytest.mark.parametrize(
    "raw",
    [b"{not json", b'{"question": "a",}', b'{"question": "\xff\xfe\xfd"}', b"\xc3\x28", b"\xed\xa0\x80"],
)
def test_malformed_body_is_invalid_json(client: TestClient, assert_error: CheckError, raw: bytes) -> None:
    response = client.post("/api/ask", content=raw, headers={"Content-Type": "application/json"})
    assert_error(response, 400, "invalid_json")


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", None])
def test_body_must_be_declared_as_json(client: TestClient, assert_error: CheckError, content_type: str | None) -> None:
    headers = {"Content-Type": content_type} if content_type else {}
    response = client.post("/api/ask", content='{"question": "현원은?"}'.encode(), headers=headers)
    assert_error(response, 415, "unsupported_media_type")


def test_json_subtypes_are_accepted(client: TestClient) -> None:
    headers = {"Content-Type": "application/json; charset=utf-8"}
    assert client.post("/api/ask", content='{"question": "현원은?"}'.encode(), headers=headers).status_code == 200


def test_lone_surrogate_is_rejected_before_the_engine(client: TestClient, assert_error: CheckError) -> None:
    raw = '{"question": "\\ud800 예산"}'.encode()
    response = client.post("/api/ask", content=raw, headers={"Content-Type": "application/json"})
    assert_error(response, 422, "invalid_request")
