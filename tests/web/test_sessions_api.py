"""GET/DELETE /api/sessions/{id} on the real engine (small report, hashing embedder): turns survive a restart."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.web.mini import MINI_REPORT
from web.app import create_app
from web.edge.gate import OPEN
from web.ownership import conversation_key
from web.settings import Settings

CheckError = Callable[[Any, int, str], None]


@pytest.fixture
def mini_settings(tmp_path: Path, mini_index_dir: Path) -> Settings:
    return Settings.from_env({"QA_DATA_DIR": str(tmp_path), "QA_INDEX_DIR": str(mini_index_dir),
                              "QA_REPORT": str(MINI_REPORT), "QA_MODEL": "hashing"})


def ask(client: TestClient, question: str, session_id: str) -> dict[str, Any]:
    response = client.post("/api/ask", json={"question": question, "session_id": session_id})
    assert response.status_code == 200, response.text
    return response.json()


def test_turns_come_back_with_answers_and_cited_refs(mini_settings: Settings) -> None:
    with TestClient(create_app(mini_settings)) as client:
        answer = ask(client, "청년취업사관학교 올해 예산은?", "s-1")
        body = client.get("/api/sessions/s-1").json()
    assert body["session_id"] == "s-1"
    (turn,) = body["turns"]
    assert turn["question"] == "청년취업사관학교 올해 예산은?" and turn["answer"] == answer["answer"]
    assert turn["refs"] == [p["section"]["ref"] for p in answer["passages"]] and "37,799" in turn["answer"]


def test_a_restarted_server_keeps_the_session_and_its_followup_context(mini_settings: Settings) -> None:
    with TestClient(create_app(mini_settings)) as client:
        ask(client, "스타트업 글로벌 진출 지원 예산은?", "s-1")
    with TestClient(create_app(mini_settings)) as client:  # a new app on the same data directory
        assert len(client.get("/api/sessions/s-1").json()["turns"]) == 1
        followup = ask(client, "작년 성과는?", "s-1")
        stored = client.app.state.storage.sessions.last(conversation_key(client.app.state.secret, OPEN, "s-1"))
    assert stored.question == "작년 성과는?" and "스타트업" in stored.query  # the topic came from before the restart
    assert "스타트업 글로벌 진출 지원" in followup["passages"][0]["section"]["path"]


def test_delete_clears_one_session(mini_settings: Settings, assert_error: CheckError) -> None:
    with TestClient(create_app(mini_settings)) as client:
        ask(client, "청년취업사관학교 올해 예산은?", "s-1")
        ask(client, "스타트업 글로벌 진출 지원 예산은?", "s-2")
        assert client.delete("/api/sessions/s-1").status_code == 204
        assert_error(client.get("/api/sessions/s-1"), 404, "not_found")
        assert len(client.get("/api/sessions/s-2").json()["turns"]) == 1
        assert_error(client.delete("/api/sessions/s-1"), 404, "not_found")  # gone: nothing left to delete


def test_unknown_and_expired_sessions_are_404(mini_settings: Settings, assert_error: CheckError) -> None:
    with TestClient(create_app(mini_settings)) as client:
        assert_error(client.get("/api/sessions/nobody"), 404, "not_found")
        ask(client, "청년취업사관학교 올해 예산은?", "s-1")
        client.app.state.storage.sessions.ttl = 0  # every session is now past its age
        assert_error(client.get("/api/sessions/s-1"), 404, "not_found")
        assert_error(client.delete("/api/sessions/s-1"), 404, "not_found")


def test_session_ttl_setting(tmp_path: Path) -> None:
    assert Settings.from_env({}).session_ttl_hours == 24 * 7
    assert Settings.from_env({"QA_SESSION_TTL_HOURS": "1.5"}).session_ttl_hours == 1.5
    assert Settings.from_env({"QA_DATA_DIR": str(tmp_path)}).db_path == tmp_path / "qa.sqlite3"
    for bad in ("0", "-1", "soon", "nan"):
        with pytest.raises(ValueError, match="QA_SESSION_TTL_HOURS"):
            Settings.from_env({"QA_SESSION_TTL_HOURS": bad})
