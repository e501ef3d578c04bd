"""A conversation belongs to whoever started it; the feedback export to admins (issue 9's access findings).

Real engine on the small report (hashing embedder), keys configured as a council deployment would:
two ordinary keys, one admin key, the chat page's cookie, a Kakao user.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.web.messenger_support import simple_text
from tests.web.mini import MINI_REPORT
from web.app import create_app
from web.edge.keys import PAGE_COOKIE
from web.ownership import messenger_session
from web.settings import Settings

KEY_A, KEY_B, ADMIN = "key-a-0123456789abcdef", "key-b-0123456789abcdef", "admin-0123456789abcdef"
CheckError = Callable[[Any, int, str], None]
QUESTION = "청년취업사관학교 올해 예산은?"
FOLLOWUP = "그럼 작년엔?"


@pytest.fixture
def client(tmp_path: Path, mini_index_dir: Path) -> Iterator[TestClient]:
    settings = Settings.from_env({
        "QA_DATA_DIR": str(tmp_path), "QA_INDEX_DIR": str(mini_index_dir), "QA_REPORT": str(MINI_REPORT),
        "QA_MODEL": "hashing", "QA_RATE_LIMIT": "off", "QA_API_KEYS": f"{KEY_A},{KEY_B}", "QA_ADMIN_KEYS": ADMIN,
        "QA_CALLBACK_HOSTS": "callbacks.invalid"})
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def as_key(key: str) -> dict[str, str]:
    return {"X-API-Key": key}


def browser(client: TestClient) -> dict[str, str]:
    """The Cookie header of a new browser that loaded the chat page."""
    token = client.get("/").cookies[PAGE_COOKIE]
    client.cookies.clear()
    return {"Cookie": f"{PAGE_COOKIE}={token}"}


def ask(client: TestClient, headers: dict[str, str], question: str = QUESTION, session_id: str | None = None) -> Any:
    return client.post("/api/ask", json={"question": question, "session_id": session_id}, headers=headers)


def test_the_owner_reads_continues_and_deletes_its_conversation(client: TestClient) -> None:
    first = ask(client, as_key(KEY_A))
    sid = first.json()["session_id"]
    assert first.status_code == 200 and ask(client, as_key(KEY_A), FOLLOWUP, sid).status_code == 200
    turns = client.get(f"/api/sessions/{sid}", headers=as_key(KEY_A)).json()["turns"]
    assert [t["question"] for t in turns] == [QUESTION, FOLLOWUP]
    assert client.delete(f"/api/sessions/{sid}", headers=as_key(KEY_A)).status_code == 204


@pytest.mark.parametrize("intruder", ["other key", "page cookie", "admin key"])
def test_nobody_else_reads_continues_or_deletes_it(client: TestClient, assert_error: CheckError,
                                                   intruder: str) -> None:
    sid = ask(client, as_key(KEY_A)).json()["session_id"]
    headers = {"other key": as_key(KEY_B), "admin key": as_key(ADMIN)}.get(intruder) or browser(client)
    assert_error(client.get(f"/api/sessions/{sid}", headers=headers), 404, "not_found")
    assert_error(client.delete(f"/api/sessions/{sid}", headers=headers), 404, "not_found")
    assert_error(ask(client, headers, FOLLOWUP, sid), 404, "not_found")
    turns = client.get(f"/api/sessions/{sid}", headers=as_key(KEY_A)).json()["turns"]
    assert [t["question"] for t in turns] == [QUESTION]  # nothing read, nothing injected, nothing deleted


def test_two_browsers_do_not_share_conversations(client: TestClient, assert_error: CheckError) -> None:
    mine, theirs = browser(client), browser(client)
    sid = ask(client, mine).json()["session_id"]
    assert client.get(f"/api/sessions/{sid}", headers=mine).status_code == 200
    assert_error(client.get(f"/api/sessions/{sid}", headers=theirs), 404, "not_found")


def test_a_client_named_session_is_its_own_and_nobody_elses(client: TestClient, assert_error: CheckError) -> None:
    """A client may name a new conversation ("1"); the name then belongs to it, not to whoever guesses it."""
    assert ask(client, as_key(KEY_A), session_id="1").json()["session_id"] == "1"
    assert_error(ask(client, as_key(KEY_B), session_id="1"), 404, "not_found")
    assert ask(client, as_key(KEY_A), FOLLOWUP, "1").status_code == 200


def test_a_messenger_users_conversation_cannot_be_reached_from_the_api(client: TestClient,
                                                                       assert_error: CheckError) -> None:
    kakao_body = {"userRequest": {"utterance": QUESTION, "user": {"id": "kakao-user-7"}}}
    assert "37,799" in simple_text(client.post("/kakao/skill", json=kakao_body).json())
    bare_hash = "kakao:" + hashlib.sha256(b"kakao-user-7").hexdigest()[:32]  # what anyone could compute
    keyed = messenger_session(client.app.state.secret, "kakao", "kakao-user-7")  # needs the server secret
    assert keyed != bare_hash
    for sid in (bare_hash, keyed):
        assert_error(client.get(f"/api/sessions/{sid}", headers=as_key(KEY_A)), 404, "not_found")
    assert_error(ask(client, as_key(KEY_A), FOLLOWUP, keyed), 404, "not_found")
    assert_error(client.delete(f"/api/sessions/{keyed}", headers=as_key(ADMIN)), 404, "not_found")
    assert len(client.app.state.storage.sessions.turns(keyed)) == 1  # the user's turn, untouched


def test_the_feedback_export_needs_an_admin_key(client: TestClient, assert_error: CheckError) -> None:
    sid = ask(client, as_key(KEY_A)).json()["session_id"]
    rating = {"session_id": sid, "question": QUESTION, "answer": "37,799백만원 [1]", "rating": "up"}
    assert client.post("/api/feedback", json=rating, headers=browser(client)).status_code == 201
    for headers in (as_key(KEY_A), browser(client)):
        for fmt in ("json", "csv"):
            assert_error(client.get("/api/feedback", params={"format": fmt}, headers=headers), 403, "forbidden")
    (row,) = client.get("/api/feedback", headers=as_key(ADMIN)).json()
    assert row["session_id"] is None and row["question"] == QUESTION
    (row,) = client.get("/api/feedback", params={"session_ids": "true"}, headers=as_key(ADMIN)).json()
    assert row["session_id"] == sid
