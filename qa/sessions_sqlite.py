"""Conversation turns kept in SQLite, so a server restart keeps every session's follow-up context.

Same interface as qa.session.SessionStore (last, add), plus turns() and delete() for the API. A
session's id is the key its owner's name for it was turned into (web/ownership.py); the store does not
need to know whose it is. A session expires once its latest turn is older than the time to live;
expired sessions are invisible at once and their rows are purged on the next write.
"""
from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Callable

from qa.session import Turn, TurnContext
from qa.sqlite_db import Database

DEFAULT_TTL_SECONDS = 7 * 24 * 3600.0
DEFAULT_MAX_TURNS = 200  # per session; older turns are dropped so one id cannot grow without bound

SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (
    id TEXT PRIMARY KEY,
    updated_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS sessions_by_age ON sessions (updated_at);
CREATE TABLE IF NOT EXISTS turns (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    question TEXT NOT NULL,
    query TEXT NOT NULL,
    topic TEXT NOT NULL,
    section_ref TEXT,
    answer TEXT NOT NULL,
    refs TEXT NOT NULL,
    at REAL NOT NULL,
    context TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX IF NOT EXISTS turns_by_session ON turns (session_id, id);
"""

Rekey = Callable[[str, str], str]  # (owner, name) -> the id that owner's session of that name is kept under

# Columns added after the first release, with their definitions: a store made earlier gets them on open.
_LATER_COLUMNS = {"turns": {"context": "TEXT NOT NULL DEFAULT '{}'"}}
_NAMING_TABLES = ("turns", "feedback")  # whose session_id names a session (feedback: web/feedback.py)
_LIVE_TURNS = "SELECT t.* FROM turns t JOIN sessions s ON s.id = t.session_id WHERE s.id = ? AND s.updated_at >= ?"


class SqliteSessionStore:
    def __init__(self, db: Database, rekey: Rekey, ttl_seconds: float = DEFAULT_TTL_SECONDS,
                 max_turns: int = DEFAULT_MAX_TURNS, clock: Callable[[], float] = time.time) -> None:
        """`rekey` moves sessions kept by an earlier release under their owner's key (see _rekey_owned)."""
        self.db = db
        self.ttl = ttl_seconds
        self.max_turns = max_turns
        self.clock = clock
        db.create(SCHEMA, lambda conn: _upgrade(conn, rekey))

    def last(self, session_id: str) -> Turn | None:
        rows = self.db.query(f"{_LIVE_TURNS} ORDER BY t.id DESC LIMIT 1", (session_id, self._cutoff()))
        return _turn(rows[0]) if rows else None

    def turns(self, session_id: str) -> list[Turn]:
        """The session's turns, oldest first; empty when it does not exist or has expired."""
        return [_turn(row) for row in self.db.query(f"{_LIVE_TURNS} ORDER BY t.id", (session_id, self._cutoff()))]

    def add(self, session_id: str, turn: Turn) -> None:
        with self.db.transaction() as conn:
            self._purge(conn)
            conn.execute("INSERT INTO sessions (id, updated_at) VALUES (?, ?) ON CONFLICT (id) DO UPDATE "
                         "SET updated_at = max(updated_at, excluded.updated_at)", (session_id, turn.at))
            conn.execute(
                "INSERT INTO turns (session_id, question, query, topic, section_ref, answer, refs, at, context) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (session_id, turn.question, turn.query, json.dumps(turn.topic, ensure_ascii=False),
                 turn.section_ref, turn.answer, json.dumps(turn.refs, ensure_ascii=False), turn.at,
                 json.dumps(turn.context.to_json(), ensure_ascii=False)),
            )
            conn.execute("DELETE FROM turns WHERE session_id = ? AND id NOT IN "
                         "(SELECT id FROM turns WHERE session_id = ? ORDER BY id DESC LIMIT ?)",
                         (session_id, session_id, self.max_turns))

    def delete(self, session_id: str) -> bool:
        """Remove the session and its turns; False when there was none (or it had expired)."""
        with self.db.transaction() as conn:
            self._purge(conn)
            return conn.execute("DELETE FROM sessions WHERE id = ?", (session_id,)).rowcount > 0

    def expire(self) -> int:
        """Purge the expired sessions now; returns how many were removed."""
        with self.db.transaction() as conn:
            return self._purge(conn)

    def _cutoff(self) -> float:
        return self.clock() - self.ttl

    def _purge(self, conn: sqlite3.Connection) -> int:
        return conn.execute("DELETE FROM sessions WHERE updated_at < ?", (self._cutoff(),)).rowcount


def _upgrade(conn: sqlite3.Connection, rekey: Rekey) -> None:
    for table, added in _LATER_COLUMNS.items():
        present = _columns(conn, table)
        for column, definition in added.items():
            if column not in present:
                conn.execute(f"ALTER TABLE {table} ADD COLUMN {column} {definition}")
    _rekey_owned(conn, rekey)


def _rekey_owned(conn: sqlite3.Connection, rekey: Rekey) -> None:
    """An earlier release kept each session under the name its first caller chose, with that caller in an
    `owner` column. Move each such session (its turns and the feedback naming it along) to
    rekey(owner, name), so its owner still finds it by that name and nobody else does, and empty the
    column: done once, in the upgrade's transaction. Sessions with no owner ('': kept before owners
    existed) were nobody's and stay so, under a name no key equals, until they expire."""
    if "owner" not in _columns(conn, "sessions"):
        return
    naming = [table for table in _NAMING_TABLES if _columns(conn, table)]
    conn.execute("PRAGMA defer_foreign_keys = ON")  # turns point at the new id once the loop is done
    for row in conn.execute("SELECT id, owner FROM sessions WHERE owner != ''").fetchall():
        key = rekey(row["owner"], row["id"])
        conn.execute("UPDATE sessions SET id = ?, owner = '' WHERE id = ?", (key, row["id"]))
        for table in naming:
            conn.execute(f"UPDATE {table} SET session_id = ? WHERE session_id = ?", (key, row["id"]))


def _columns(conn: sqlite3.Connection, table: str) -> set[str]:
    """The table's column names; empty when there is no such table."""
    return {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}


def _turn(row: sqlite3.Row) -> Turn:
    return Turn(question=row["question"], query=row["query"], topic=tuple(json.loads(row["topic"])),
                section_ref=row["section_ref"], at=row["at"], answer=row["answer"],
                refs=tuple(json.loads(row["refs"])), context=TurnContext.from_json(json.loads(row["context"])))
