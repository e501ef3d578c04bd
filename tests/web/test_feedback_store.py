"""Feedback rows in SQLite: stored with their time, kept across a restart, none lost to concurrent writers."""
from __future__ import annotations

import threading
from pathlib import Path

from web.feedback import Feedback, FeedbackStore
from qa.sqlite_db import Database

ITEM = Feedback(session_id="s1", question="청년취업사관학교 올해 예산은?", answer="'23년 예산 37,799백만원 [1]",
                refs=("IV.3.1.b1",), rating="down", comment="출처가 하나 더 필요합니다")


def test_add_then_read_back_after_a_restart(tmp_path: Path) -> None:
    db = Database(tmp_path / "qa.sqlite3")
    stored = FeedbackStore(db, clock=lambda: 1_700_000_000.5).add(ITEM)
    db.close()
    reopened = Database(tmp_path / "qa.sqlite3")
    (record,) = FeedbackStore(reopened).all()
    assert record == stored and record.item == ITEM and record.at == 1_700_000_000.5
    reopened.close()


def test_concurrent_writers_lose_no_row(tmp_path: Path) -> None:
    dbs = [Database(tmp_path / "qa.sqlite3"), Database(tmp_path / "qa.sqlite3")]
    stores = [FeedbackStore(db) for db in dbs]
    threads, per_thread = 8, 30

    def write(n: int) -> None:
        for i in range(per_thread):
            stores[n % 2].add(Feedback("s1", f"질문 {n}-{i}", "답", (), "up" if i % 2 else "down"))

    workers = [threading.Thread(target=write, args=(n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    records = stores[0].all()
    assert sorted(r.item.question for r in records) == sorted(f"질문 {n}-{i}" for n in range(threads) for i in range(per_thread))
    assert len({r.id for r in records}) == threads * per_thread
    for db in dbs:
        db.close()
