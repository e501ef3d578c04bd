"""The service's own records (conversation turns, feedback) in one embedded SQLite file.

One connection guarded by a lock serves every thread of the process (FastAPI runs sync routes in a
thread pool); WAL lets other processes read while this one writes, and the busy timeout makes two
processes writing the same file wait for each other instead of failing.

Any failure (a read-only or full disk, a corrupt file) surfaces as StorageError naming the file. The
file is opened on first use and again after a failure, so a store made while the disk was read-only
works once it is writable again; the tables registered with create() are made at every opening.
"""
from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from qa.errors import StorageError

BUSY_TIMEOUT_SECONDS = 30.0


Upgrade = Callable[[sqlite3.Connection], None]  # brings tables made by an older release up to date


class Database:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        self._schemas: list[tuple[str, Upgrade | None]] = []
        self.journal_mode = ""

    @contextmanager
    def _failures(self, doing: str) -> Iterator[None]:
        try:
            yield
        except (sqlite3.Error, OSError) as error:
            raise StorageError(f"cannot {doing} the database {self.path}: {error}") from error

    def _connection(self) -> sqlite3.Connection:
        """The open connection; opened (with every registered table) when there is none. Under the lock."""
        if self._conn is not None:
            return self._conn
        with self._failures("open"):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # isolation_level=None: no implicit transactions; transaction() says where each one starts.
            conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None,
                                   check_same_thread=False)
            try:
                conn.row_factory = sqlite3.Row
                self.journal_mode = conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
                conn.execute("PRAGMA synchronous=NORMAL")  # durable enough under WAL, and much faster
                conn.execute("PRAGMA foreign_keys=ON")
                for schema, upgrade in self._schemas:
                    _make_tables(conn, schema, upgrade)
            except BaseException:
                conn.close()
                raise
        self._conn = conn
        return conn

    def create(self, schema: str, upgrade: Upgrade | None = None) -> None:
        """Register idempotent DDL (CREATE ... IF NOT EXISTS) and its upgrade; run now when the file opens.
        A failure is not raised here: the next use raises it (and opens the file again)."""
        with self._lock:
            self._schemas.append((schema, upgrade))
            try:
                if self._conn is not None:
                    with self._failures("set up"):
                        _make_tables(self._conn, schema, upgrade)
                else:
                    self._connection()
            except StorageError:
                self._drop()

    def check(self) -> StorageError | None:
        """Why the database cannot be written now, or None: a write transaction that changes nothing."""
        try:
            with self.transaction() as conn:
                conn.execute("CREATE TABLE IF NOT EXISTS write_check (x)")
                conn.execute("DROP TABLE write_check")
        except StorageError as error:
            return error
        return None

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction; IMMEDIATE takes the file's write lock up front, so it never has to upgrade."""
        with self._lock:
            conn = self._connection()
            try:
                with self._failures("write"):
                    conn.execute("BEGIN IMMEDIATE")
                    try:
                        yield conn
                        conn.execute("COMMIT")
                    except BaseException:
                        if conn.in_transaction:  # also after a failed COMMIT, so the next BEGIN can run
                            with suppress(sqlite3.Error):
                                conn.execute("ROLLBACK")
                        raise
            except StorageError:
                self._drop()  # SQLite may have opened the file read-only: open it afresh next time
                raise

    def query(self, sql: str, params: tuple[object, ...] = ()) -> list[sqlite3.Row]:
        with self._lock:
            conn = self._connection()
            with self._failures("read"):
                return conn.execute(sql, params).fetchall()

    def _drop(self) -> None:
        if self._conn is not None:
            with suppress(sqlite3.Error):
                self._conn.close()
            self._conn = None

    def close(self) -> None:
        with self._lock:
            self._drop()


def _make_tables(conn: sqlite3.Connection, schema: str, upgrade: Upgrade | None) -> None:
    conn.executescript(schema)
    if upgrade is not None:
        conn.execute("BEGIN IMMEDIATE")
        try:
            upgrade(conn)
            conn.execute("COMMIT")
        except BaseException:
            with suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
            raise
