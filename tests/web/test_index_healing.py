"""A damaged index heals while the server answers 503 index_building; an impossible one stops `qa serve`
with one line naming the file (issue 9, finding 6)."""
from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

import index.store
from index.store import CURRENT
from tests.web.mini import MINI_REPORT, free_port
from web.app import create_app
from web.settings import Settings


def settings_for(tmp_path: Path, report: Path = MINI_REPORT) -> Settings:
    return Settings.from_env({"QA_DATA_DIR": str(tmp_path), "QA_REPORT": str(report), "QA_MODEL": "hashing",
                              "QA_RATE_LIMIT": "off"})


def wait_for(client: TestClient, status: int, code: str | None = None, seconds: float = 60) -> dict:
    """The first /healthz body with `status` (and error `code`): loading says index_not_ready until the
    loader has found the damage and started the build."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        response = client.get("/healthz")
        if response.status_code == status and (code is None or response.json()["error"]["code"] == code):
            return response.json()
        time.sleep(0.02)
    raise AssertionError(f"/healthz never answered {status} {code or ''}")


def test_a_truncated_index_file_is_rebuilt_while_healthz_says_index_building(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = settings_for(tmp_path)
    with TestClient(create_app(settings)) as client:  # builds the index the first time
        assert client.post("/api/ask", json={"question": "청년취업사관학교 올해 예산은?"}).status_code == 200
    chunks = settings.index_dir / CURRENT / "chunks.jsonl"
    chunks.write_bytes(chunks.read_bytes()[:200])
    release = threading.Event()
    real_build = index.store.build_index

    def held_build(*args, **kwargs):  # the real build, held until the test has seen the 503
        assert release.wait(60)
        return real_build(*args, **kwargs)

    monkeypatch.setattr(index.store, "build_index", held_build)
    with TestClient(create_app(settings, load_in_background=True)) as client:
        wait_for(client, 503, "index_building")  # fails unless the held build shows as index_building
        asked = client.post("/api/ask", json={"question": "예산은?"})
        assert asked.status_code == 503 and asked.json()["error"]["code"] == "index_building"
        release.set()
        assert wait_for(client, 200)["status"] == "ok"
        answer = client.post("/api/ask", json={"question": "청년취업사관학교 올해 예산은?"}).json()
    assert "37,799" in answer["answer"]


def test_qa_serve_without_a_readable_report_exits_with_one_line_naming_it(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-report.txt"
    env = {**os.environ, "QA_DATA_DIR": str(tmp_path), "QA_REPORT": str(missing), "QA_MODEL": "hashing",
           "QA_PORT": str(free_port())}
    done = subprocess.run([sys.executable, "-m", "web.cli", "serve"], env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 1
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith("qa serve: ") and str(missing) in last and "Fix:" in last
    assert "Traceback" not in done.stderr
