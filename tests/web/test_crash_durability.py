"""kill -9 while feedback is being written loses no acknowledged row (issue 9). A real `qa serve` process on
loopback (small report, hashing embedder), three writers, killed part-way; bounded by the writes it makes."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

from qa.sqlite_db import Database
from tests.web.mini import MINI_REPORT, free_port
from web.feedback import FeedbackStore

WRITERS, WRITES_EACH, KILL_AFTER = 3, 100, 150


def start_server(data: Path, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "QA_DATA_DIR": str(data), "QA_REPORT": str(MINI_REPORT), "QA_MODEL": "hashing",
           "QA_PORT": str(port), "QA_RATE_LIMIT": "off"}
    server = subprocess.Popen([sys.executable, "-m", "web.cli", "serve"], env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return server
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    server.kill()
    raise AssertionError("qa serve did not become healthy")


def test_kill_9_during_feedback_writes_loses_no_acknowledged_row(tmp_path: Path) -> None:
    port = free_port()
    server = start_server(tmp_path, port)
    acknowledged: list[str] = []
    lock = threading.Lock()

    def write(writer: int) -> None:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=5) as client:
            for i in range(WRITES_EACH):
                comment = f"{writer}-{i}"
                body = {"session_id": "s-1", "question": "예산은?", "answer": "37,799백만원 [1]", "rating": "up",
                        "comment": comment}
                try:
                    response = client.post("/api/feedback", json=body)
                except httpx.HTTPError:
                    return  # the server is gone
                if response.status_code == 201:
                    with lock:
                        acknowledged.append(comment)

    writers = [threading.Thread(target=write, args=(n,)) for n in range(WRITERS)]
    try:
        for thread in writers:
            thread.start()
        while len(acknowledged) < KILL_AFTER and any(t.is_alive() for t in writers):
            time.sleep(0.005)
        os.kill(server.pid, signal.SIGKILL)
    finally:
        server.wait(30)
        for thread in writers:
            thread.join(30)
    assert KILL_AFTER <= len(acknowledged) < WRITERS * WRITES_EACH  # killed mid-way, not after the last write
    stored = {record.item.comment for record in FeedbackStore(Database(tmp_path / "qa.sqlite3")).all()}
    assert set(acknowledged) <= stored
