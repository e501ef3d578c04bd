"""A database that cannot be written costs no answer (issue 9, finding 7).

The file is made unwritable as an operator's mistake or a full disk would: `chattr +i` when the test
runs as root (root ignores permissions), read-only permissions otherwise.
"""
from __future__ import annotations

import logging
import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.web.mini import MINI_REPORT
from web.app import create_app
from web.settings import Settings

CheckError = Callable[[Any, int, str], None]
QUESTION = {"question": "청년취업사관학교 올해 예산은?"}
RATING = {"session_id": "s-1", "question": "예산은?", "answer": "37,799백만원 [1]", "rating": "up"}


@contextmanager
def unwritable(*paths: Path) -> Iterator[None]:
    """Make files and folders unwritable for this process, and writable again afterwards."""
    root = os.geteuid() == 0
    if root and shutil.which("chattr") is None:
        pytest.skip("running as root without chattr: cannot make a file unwritable")
    try:
        for path in paths:
            if root:
                if subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode:
                    pytest.skip("this file system does not take chattr +i")
            else:
                path.chmod(0o555 if path.is_dir() else 0o444)
        yield
    finally:
        for path in paths:
            if root:
                subprocess.run(["chattr", "-i", str(path)], capture_output=True)
            else:
                path.chmod(0o755 if path.is_dir() else 0o644)


@pytest.fixture
def settings(tmp_path: Path, mini_index_dir: Path) -> Settings:
    data = tmp_path / "data"
    return Settings.from_env({"QA_DATA_DIR": str(data), "QA_INDEX_DIR": str(mini_index_dir),
                              "QA_REPORT": str(MINI_REPORT),
                              "QA_MODEL": "hashing", "QA_RATE_LIMIT": "off", "QA_SESSION_SECRET": "s" * 32})


def make_database(settings: Settings) -> list[Path]:
    """Start once so the file and its WAL companions exist; returns the database file and its folder."""
    with TestClient(create_app(settings)) as client:
        assert client.post("/api/ask", json=QUESTION).status_code == 200
    return [path for path in settings.data_dir.iterdir() if path.name.startswith("qa.sqlite3")] + [settings.data_dir]


def test_a_server_started_on_an_unwritable_database_answers_and_names_the_file(
        settings: Settings, assert_error: CheckError, caplog: pytest.LogCaptureFixture) -> None:
    paths = make_database(settings)
    with unwritable(*paths), caplog.at_level(logging.ERROR), TestClient(create_app(settings)) as client:
        asked = client.post("/api/ask", json=QUESTION)
        assert asked.status_code == 200 and "37,799" in asked.json()["answer"]
        assert asked.headers["x-turn-kept"] == "false"
        assert_error(client.post("/api/feedback", json=RATING), 503, "storage_unavailable")
        assert_error(client.delete(f"/api/sessions/{asked.json()['session_id']}"), 503, "storage_unavailable")
        health = client.get("/healthz")
        assert health.status_code == 200 and health.json()["storage"] == "unavailable"
        assert str(settings.data_dir) not in client.post("/api/feedback", json=RATING).text  # no server paths out
    assert any(str(settings.db_path) in record.getMessage() for record in caplog.records)


def test_a_database_that_turns_read_only_costs_no_answer_and_recovers(settings: Settings) -> None:
    paths = make_database(settings)
    with TestClient(create_app(settings)) as client:
        sid = client.post("/api/ask", json=QUESTION).json()["session_id"]
        with unwritable(*paths):
            client.app.state.storage.db.close()  # an open file descriptor would still write: reopen, as a restart would
            followup = client.post("/api/ask", json={"question": "그럼 작년엔?", "session_id": sid})
            assert followup.status_code == 200 and followup.headers["x-turn-kept"] == "false"
            assert client.get("/healthz").json()["storage"] == "unavailable"
        again = client.post("/api/ask", json={"question": "그럼 작년엔?", "session_id": sid})
        assert again.headers["x-turn-kept"] == "true" and client.get("/healthz").json()["storage"] == "ok"
        assert len(client.get(f"/api/sessions/{sid}").json()["turns"]) == 2
