"""Every session id names a conversation in its caller's own space; the feedback export is for admins
(issue 9's access findings).

Real engine on the small report (hashing embedder), keys configured as a council deployment would:
two ordinary keys, one admin key, the chat page's cookie, a Kakao user.
"""
from __future__ import annotations

import hashlib
import sqlite3
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.web.messenger_support import simple_text
from tests.web.mini import MINI_REPORT
from web.app import create_app
from web.edge.keys import PAGE_COOKIE, key_id
from web.ownership import conversation_key, messenger_session
from web.settings import Settings

KEY_A, KEY_B, ADMIN = "key-a-0123456789abcdef", "key-b-0123456789abcdef", "admin-0123456789abcdef"
CheckError = Callable[[Any, int, str], None]
QUESTION = "청년취업사관학교 올해 예산은?"
FOLLOWUP = "그럼 작년엔?"
TOPIC = "청년취업사관학교"  # what a follow-up of QUESTION borrows


@pytest.fixture
def env(tmp_path: Path, mini_index_dir: Path) -> dict[str, str]:
    return {"QA_DATA_DIR": str(tmp_path), "QA_INDEX_DIR": str(mini_index_dir), "QA_REPORT": str(MINI_REPORT),
            "QA_MODEL": "hashing", "QA_RATE_LIMIT": "off", "QA_API_KEYS": f"{KEY_A},{KEY_B}",
            "QA_ADMIN_KEYS": ADMIN, "QA_CALLBACK_HOSTS": "callbacks.invalid"}


@pytest.fixture
def client(env: dict[str, str]) -> Iterator[TestClient]:
    with TestClient(create_app(Settings.from_env(env))) as test_client:
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


def questions(client: TestClient, headers: dict[str, str], session_id: str) -> list[str]:
    response = client.get(f"/api/sessions/{session_id}", headers=headers)
    assert response.status_code == 200, response.text
    assert response.json()["session_id"] == session_id
    return [t["question"] for t in response.json()["turns"]]


def stored_query(client: TestClient, owner: str, name: str) -> str:
    """What the engine made of the last question in `owner`'s conversation `name`: a follow-up resolved
    from an earlier turn carries that turn's topic."""
    key = conversation_key(client.app.state.secret, owner, name)
    return client.app.state.storage.sessions.last(key).query


def test_the_owner_reads_continues_and_deletes_its_conversation(client: TestClient,
                                                                 assert_error: CheckError) -> None:
    first = ask(client, as_key(KEY_A))
    sid = first.json()["session_id"]  # issued by the server
    assert first.status_code == 200 and ask(client, as_key(KEY_A), FOLLOWUP, sid).status_code == 200
    assert questions(client, as_key(KEY_A), sid) == [QUESTION, FOLLOWUP]
    assert TOPIC in stored_query(client, f"key:{key_id(KEY_A)}", sid)
    assert client.delete(f"/api/sessions/{sid}", headers=as_key(KEY_A)).status_code == 204
    assert_error(client.get(f"/api/sessions/{sid}", headers=as_key(KEY_A)), 404, "not_found")


@pytest.mark.parametrize("intruder", ["other key", "page cookie", "admin key"])
def test_nobody_else_reads_deletes_or_continues_it(client: TestClient, assert_error: CheckError,
                                                   intruder: str) -> None:
    """The intruder's GET and DELETE of the owner's session id find nothing in its own space, and asking
    with it starts the intruder's own conversation of that name, without the owner's context."""
    sid = ask(client, as_key(KEY_A)).json()["session_id"]
    headers = {"other key": as_key(KEY_B), "admin key": as_key(ADMIN)}.get(intruder) or browser(client)
    assert_error(client.get(f"/api/sessions/{sid}", headers=headers), 404, "not_found")
    assert_error(client.delete(f"/api/sessions/{sid}", headers=headers), 404, "not_found")
    theirs = ask(client, headers, FOLLOWUP, sid)
    assert theirs.status_code == 200 and theirs.json()["session_id"] == sid
    assert theirs.json()["answer"] == ask(client, headers, FOLLOWUP).json()["answer"]  # as in a new conversation
    assert questions(client, headers, sid) == [FOLLOWUP]
    assert questions(client, as_key(KEY_A), sid) == [QUESTION]  # nothing read, nothing injected, nothing deleted


OWNER_PAIRS = {"two keys": (as_key(KEY_A), as_key(KEY_B)), "two browsers": ("browser", "browser"),
               "a key and the page": (as_key(KEY_A), "browser")}


@pytest.mark.parametrize("pair", OWNER_PAIRS)
def test_the_same_name_is_a_separate_conversation_for_each_owner(client: TestClient, pair: str) -> None:
    """Nobody can squat on a name or learn that someone uses it: "1" is everyone's own."""
    first, second = (browser(client) if h == "browser" else h for h in OWNER_PAIRS[pair])
    mine = ask(client, first, QUESTION, "1")
    theirs = ask(client, second, FOLLOWUP, "1")
    assert (mine.status_code, theirs.status_code) == (200, 200)
    assert mine.json()["session_id"] == theirs.json()["session_id"] == "1"
    fresh = ask(client, second, FOLLOWUP).json()["answer"]
    assert theirs.json()["answer"] == fresh  # not resolved from the first owner's turn
    assert ask(client, first, FOLLOWUP, "1").json()["answer"] != fresh  # which a follow-up in "1" is
    assert questions(client, first, "1") == [QUESTION, FOLLOWUP]
    assert questions(client, second, "1") == [FOLLOWUP]
    assert client.delete("/api/sessions/1", headers=second).status_code == 204
    assert questions(client, first, "1") == [QUESTION, FOLLOWUP]


def test_the_stored_key_is_neither_shown_nor_a_way_in(client: TestClient, assert_error: CheckError) -> None:
    """The client sees its own name; the key its conversation is stored under, sent as a name, is just
    another name in the sender's space."""
    assert ask(client, as_key(KEY_A), session_id="1").json()["session_id"] == "1"
    key = conversation_key(client.app.state.secret, f"key:{key_id(KEY_A)}", "1")
    assert len(client.app.state.storage.sessions.turns(key)) == 1 and client.app.state.storage.sessions.turns("1") == []
    for headers in (as_key(KEY_A), as_key(KEY_B)):
        assert_error(client.get(f"/api/sessions/{key}", headers=headers), 404, "not_found")


def test_a_messenger_users_conversation_cannot_be_reached_from_the_api(client: TestClient,
                                                                       assert_error: CheckError) -> None:
    kakao_body = {"userRequest": {"utterance": QUESTION, "user": {"id": "kakao-user-7"}}}
    assert "37,799" in simple_text(client.post("/kakao/skill", json=kakao_body).json())
    name = messenger_session(client.app.state.secret, "kakao", "kakao-user-7")  # the user's name, as the platform's
    stored = conversation_key(client.app.state.secret, "kakao", name)
    bare_hash = "kakao:" + hashlib.sha256(b"kakao-user-7").hexdigest()[:32]  # what anyone could compute
    for sid in (bare_hash, name, stored, "kakao-user-7"):
        assert_error(client.get(f"/api/sessions/{sid}", headers=as_key(KEY_A)), 404, "not_found")
        assert_error(client.delete(f"/api/sessions/{sid}", headers=as_key(ADMIN)), 404, "not_found")
    assert ask(client, as_key(KEY_A), FOLLOWUP, name).status_code == 200  # a conversation of KEY_A's own
    kakao_body["userRequest"]["utterance"] = FOLLOWUP
    client.post("/kakao/skill", json=kakao_body)
    assert [t.question for t in client.app.state.storage.sessions.turns(stored)] == [QUESTION, FOLLOWUP]
    assert TOPIC in stored_query(client, "kakao", name)  # the user's own follow-up still has its context


def test_the_scorers_flow_without_credentials_keeps_one_conversation(env: dict[str, str]) -> None:
    """No keys configured, loopback, no credentials (the "open" owner): several asks with the scorer's own
    session id are one conversation, and a page cookie is someone else."""
    del env["QA_API_KEYS"], env["QA_ADMIN_KEYS"]
    sid = "eval-q12-1700000000000"
    with TestClient(create_app(Settings.from_env(env))) as client:
        for question in (QUESTION, FOLLOWUP):
            response = ask(client, {}, question, sid)
            assert response.status_code == 200 and response.json()["session_id"] == sid
        assert questions(client, {}, sid) == [QUESTION, FOLLOWUP]
        assert TOPIC in stored_query(client, "open", sid)
        assert client.get(f"/api/sessions/{sid}", headers=browser(client)).status_code == 404


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
    assert row["session_id"] is not None


def test_feedback_relates_to_the_raters_own_conversation(client: TestClient, assert_error: CheckError) -> None:
    """Each rater's "1" is its own conversation: the rater sees its name back, the admin export the key its
    turns are stored under, and that key is no way in for anyone."""
    sessions = client.app.state.storage.sessions
    for key, question in ((KEY_A, QUESTION), (KEY_B, FOLLOWUP)):
        ask(client, as_key(key), question, "1")
        rating = {"session_id": "1", "question": question, "answer": "답 [1]", "rating": "up"}
        created = client.post("/api/feedback", json=rating, headers=as_key(key))
        assert created.status_code == 201 and created.json()["session_id"] == "1"
    rows = client.get("/api/feedback", params={"session_ids": "true"}, headers=as_key(ADMIN)).json()
    assert [[t.question for t in sessions.turns(row["session_id"])] for row in rows] == [[QUESTION], [FOLLOWUP]]
    for row in rows:
        for key in (KEY_A, KEY_B):
            assert_error(client.get(f"/api/sessions/{row['session_id']}", headers=as_key(key)), 404, "not_found")


OLD_SCHEMA = """
CREATE TABLE sessions (id TEXT PRIMARY KEY, updated_at REAL NOT NULL, owner TEXT NOT NULL DEFAULT '');
CREATE TABLE turns (id INTEGER PRIMARY KEY AUTOINCREMENT,
    session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE, question TEXT NOT NULL,
    query TEXT NOT NULL, topic TEXT NOT NULL, section_ref TEXT, answer TEXT NOT NULL, refs TEXT NOT NULL,
    at REAL NOT NULL, context TEXT NOT NULL DEFAULT '{}');
CREATE TABLE feedback (id INTEGER PRIMARY KEY AUTOINCREMENT, at REAL NOT NULL, session_id TEXT NOT NULL,
    rating TEXT NOT NULL, question TEXT NOT NULL, answer TEXT NOT NULL, refs TEXT NOT NULL, comment TEXT);
"""


def test_conversations_stored_by_the_first_caller_release_stay_their_owners(
        env: dict[str, str], assert_error: CheckError) -> None:
    """A database from when a session was kept under its client's name, its owner beside it: after the
    upgrade the owner reads and continues it by that name, the admin's export still relates its feedback,
    and nobody else finds it; opening the file again changes nothing."""
    with sqlite3.connect(Path(env["QA_DATA_DIR"]) / "qa.sqlite3") as conn:
        conn.executescript(OLD_SCHEMA)
        now = time.time()
        conn.executemany("INSERT INTO sessions VALUES (?, ?, ?)",
                         [("1", now, f"key:{key_id(KEY_A)}"), ("left", now, "")])
        conn.execute("INSERT INTO turns (session_id, question, query, topic, section_ref, answer, refs, at) VALUES "
                     "('1', ?, ?, ?, 'IV.1.1.b1', '37,799백만원 [1]', '[\"IV.1.1.b1\"]', ?)",
                     (QUESTION, f"{TOPIC} 올해 예산", f'["{TOPIC}", "조성"]', now))
        conn.execute("INSERT INTO feedback (at, session_id, rating, question, answer, refs) "
                     "VALUES (?, '1', 'up', ?, '37,799백만원 [1]', '[]')", (now, QUESTION))
    for _ in range(2):  # a restart runs the upgrade's check again
        with TestClient(create_app(Settings.from_env(env))) as client:
            assert questions(client, as_key(KEY_A), "1")[0] == QUESTION
            assert_error(client.get("/api/sessions/1", headers=as_key(KEY_B)), 404, "not_found")
            assert_error(client.get("/api/sessions/left", headers=as_key(KEY_A)), 404, "not_found")
            (row,) = client.get("/api/feedback", params={"session_ids": "true"}, headers=as_key(ADMIN)).json()
            assert client.app.state.storage.sessions.turns(row["session_id"])[0].question == QUESTION
    with TestClient(create_app(Settings.from_env(env))) as client:
        assert ask(client, as_key(KEY_A), FOLLOWUP, "1").status_code == 200
        assert TOPIC in stored_query(client, f"key:{key_id(KEY_A)}", "1")
        assert questions(client, as_key(KEY_A), "1") == [QUESTION, FOLLOWUP]
