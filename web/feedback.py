"""Readers' 👍/👎 on answers, with the question, answer and cited refs, for whoever maintains the index."""
from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from qa.sqlite_db import Database

Rating = Literal["up", "down"]

SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at REAL NOT NULL,
    session_id TEXT NOT NULL,
    rating TEXT NOT NULL CHECK (rating IN ('up', 'down')),
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    refs TEXT NOT NULL,
    comment TEXT
);
"""


@dataclass(frozen=True)
class Feedback:
    session_id: str  # the key of the rated conversation (web/ownership.py), not the rater's name for it
    question: str
    answer: str
    refs: tuple[str, ...]
    rating: Rating
    comment: str | None = None


@dataclass(frozen=True)
class FeedbackRecord:
    id: int
    at: float  # Unix time the feedback was stored
    item: Feedback


class FeedbackStore:
    """Append-only; not tied to sessions, so feedback outlives the conversation it rates."""

    def __init__(self, db: Database, clock: Callable[[], float] = time.time) -> None:
        self.db = db
        self.clock = clock
        db.create(SCHEMA)

    def add(self, item: Feedback) -> FeedbackRecord:
        at = self.clock()
        with self.db.transaction() as conn:
            cursor = conn.execute(
                "INSERT INTO feedback (at, session_id, rating, question, answer, refs, comment) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (at, item.session_id, item.rating, item.question, item.answer,
                 json.dumps(item.refs, ensure_ascii=False), item.comment),
            )
        return FeedbackRecord(id=int(cursor.lastrowid or 0), at=at, item=item)

    def all(self) -> list[FeedbackRecord]:
        """Every record, oldest first."""
        return [_record(row) for row in self.db.query("SELECT * FROM feedback ORDER BY id")]


def _record(row: sqlite3.Row) -> FeedbackRecord:
    item = Feedback(session_id=row["session_id"], question=row["question"], answer=row["answer"],
                    refs=tuple(json.loads(row["refs"])), rating=row["rating"], comment=row["comment"])
    return FeedbackRecord(id=row["id"], at=row["at"], item=item)
