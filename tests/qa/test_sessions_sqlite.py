"""Conversation turns in SQLite: kept across a restart, expired by age, deleted on request, safe across threads."""
from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from qa.session import Turn
from qa.sessions_sqlite import SqliteSessionStore
from qa.sqlite_db import Database

HOUR = 3600.0
NOW = 1_700_000_000.0


def turn(question: str, at: float = NOW, answer: str = "'23년 예산 37,799백만원 [1]") -> Turn:
    return Turn(question=question, query=f"청년취업사관학교 {question}", topic=("청년취업사관학교", "조성"),
                section_ref="IV.3.1.b1", at=at, answer=answer, refs=("IV.3.1.b1", "IV.3.1"))


def rekey(owner: str, name: str) -> str:
    return f"{owner}/{name}"


@pytest.fixture
def open_store(tmp_path: Path) -> Callable[..., SqliteSessionStore]:
    """Opens a store on the same file each call, as a restarted server would; the clock reads NOW."""
    opened: list[Database] = []

    def open_(ttl_hours: float = 24.0, clock: Callable[[], float] = lambda: NOW, **kwargs: int) -> SqliteSessionStore:
        opened.append(Database(tmp_path / "qa.sqlite3"))
        return SqliteSessionStore(opened[-1], rekey, ttl_seconds=ttl_hours * HOUR, clock=clock, **kwargs)

    yield open_
    for db in opened:
        db.close()


def test_turns_round_trip_with_every_field(open_store: Callable[..., SqliteSessionStore]) -> None:
    store = open_store()
    first, second = turn("올해 예산은?"), turn("작년 성과는?", at=NOW + 1, answer="□ '22년 추진 성과 [1]")
    store.add("s1", first)
    store.add("s1", second)
    assert store.turns("s1") == [first, second]
    assert store.last("s1") == second
    assert store.last("other") is None and store.turns("other") == []


def test_a_new_store_on_the_same_file_sees_the_turns(open_store: Callable[..., SqliteSessionStore]) -> None:
    open_store().add("s1", turn("올해 예산은?"))
    restarted = open_store()
    assert [t.question for t in restarted.turns("s1")] == ["올해 예산은?"]
    assert restarted.last("s1").topic == ("청년취업사관학교", "조성")


def test_sessions_idle_past_the_ttl_are_invisible_then_purged(open_store: Callable[..., SqliteSessionStore]) -> None:
    now = [NOW - 30 * HOUR]
    store = open_store(ttl_hours=24, clock=lambda: now[0])
    store.add("busy", turn("첫 질문", at=now[0]))
    store.add("old", turn("오래된 질문", at=now[0]))
    now[0] = NOW - 10 * HOUR
    store.add("busy", turn("다음 질문", at=now[0]))  # activity within the ttl keeps the whole session
    now[0] = NOW
    assert store.last("old") is None and store.turns("old") == []
    assert [t.question for t in store.turns("busy")] == ["첫 질문", "다음 질문"]
    store.add("new", turn("새 질문"))
    assert store.db.query("SELECT count(*) FROM turns WHERE session_id = 'old'")[0][0] == 0  # purged by the add
    now[0] = NOW + 15 * HOUR
    assert store.turns("busy") == [] and store.last("busy") is None
    assert store.expire() == 1 and store.db.query("SELECT count(*) FROM turns")[0][0] == 1


def test_delete_removes_one_session_and_its_turns(open_store: Callable[..., SqliteSessionStore]) -> None:
    store = open_store()
    store.add("s1", turn("올해 예산은?"))
    store.add("s2", turn("작년 성과는?"))
    assert store.delete("s1") is True
    assert store.turns("s1") == [] and store.delete("s1") is False
    assert len(store.turns("s2")) == 1
    assert store.db.query("SELECT count(*) FROM turns WHERE session_id = 's1'")[0][0] == 0


def test_only_the_newest_turns_are_kept(open_store: Callable[..., SqliteSessionStore]) -> None:
    store = open_store(max_turns=3)
    for n in range(5):
        store.add("s1", turn(f"질문 {n}", at=NOW + n))
    assert [t.question for t in store.turns("s1")] == ["질문 2", "질문 3", "질문 4"]


def test_the_file_is_in_wal_mode(open_store: Callable[..., SqliteSessionStore]) -> None:
    store = open_store()
    assert store.db.journal_mode == "wal"
    assert store.db.query("PRAGMA journal_mode")[0][0] == "wal"


def test_failed_transaction_leaves_nothing(open_store: Callable[..., SqliteSessionStore]) -> None:
    store = open_store()
    with pytest.raises(RuntimeError), store.db.transaction() as conn:
        conn.execute("INSERT INTO sessions (id, updated_at) VALUES ('half', 0)")
        raise RuntimeError("interrupted")
    assert store.db.query("SELECT count(*) FROM sessions")[0][0] == 0


def test_concurrent_writers_lose_no_turn(open_store: Callable[..., SqliteSessionStore]) -> None:
    """Threads share one store, and a second store (a second connection, as another process) writes too."""
    stores = [open_store(), open_store()]
    threads, per_thread = 8, 25

    def write(n: int) -> None:
        for i in range(per_thread):
            stores[n % 2].add(f"s{n % 3}", turn(f"{n}-{i}", at=NOW + i))

    workers = [threading.Thread(target=write, args=(n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    questions = [t.question for sid in ("s0", "s1", "s2") for t in stores[0].turns(sid)]
    assert sorted(questions) == sorted(f"{n}-{i}" for n in range(threads) for i in range(per_thread))


def test_sessions_kept_under_their_first_callers_names_move_to_their_owners_keys(tmp_path: Path) -> None:
    """The release before owner namespaces kept a session under its client's name with an `owner` column.
    Opening the file moves each owned session and its turns to rekey(owner, name), in one go and once;
    sessions with no owner stay where nobody's key leads."""
    path = tmp_path / "qa.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.executescript("""
            CREATE TABLE sessions (id TEXT PRIMARY KEY, updated_at REAL NOT NULL, owner TEXT NOT NULL DEFAULT '');
            CREATE TABLE turns (id INTEGER PRIMARY KEY AUTOINCREMENT,
                session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE, question TEXT NOT NULL,
                query TEXT NOT NULL, topic TEXT NOT NULL, section_ref TEXT, answer TEXT NOT NULL,
                refs TEXT NOT NULL, at REAL NOT NULL);
        """)
        conn.executemany("INSERT INTO sessions VALUES (?, ?, ?)", [("1", NOW, "key:a"), ("2", NOW, "page:b"),
                                                                  ("old", NOW, "")])
        conn.executemany("INSERT INTO turns (session_id, question, query, topic, answer, refs, at) "
                         "VALUES (?, ?, '', '[]', '', '[]', ?)",
                         [("1", "첫", NOW), ("1", "둘", NOW), ("2", "셋", NOW), ("old", "넷", NOW)])
    calls: list[tuple[str, str]] = []

    def counting(owner: str, name: str) -> str:
        calls.append((owner, name))
        return rekey(owner, name)

    for _ in range(2):
        db = Database(path)
        store = SqliteSessionStore(db, counting, clock=lambda: NOW)
        assert [t.question for t in store.turns("key:a/1")] == ["첫", "둘"]
        assert [t.question for t in store.turns("page:b/2")] == ["셋"]
        assert store.turns("1") == [] and [t.question for t in store.turns("old")] == ["넷"]
        assert db.query("PRAGMA foreign_key_check") == []
        db.close()
    assert sorted(calls) == [("key:a", "1"), ("page:b", "2")]  # the second opening had nothing to move
    db = Database(path)
    assert SqliteSessionStore(db, rekey, clock=lambda: NOW).delete("key:a/1")
    assert db.query("SELECT count(*) FROM turns WHERE session_id = 'key:a/1'")[0][0] == 0  # still cascades
    db.close()
