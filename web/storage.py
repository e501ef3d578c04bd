"""The SQLite-backed stores the app keeps for its lifetime: conversation turns and feedback."""
from __future__ import annotations

from dataclasses import dataclass

from fastapi import Request

from qa.errors import IndexNotReadyError
from web.feedback import FeedbackStore
from qa.sessions_sqlite import SqliteSessionStore
from qa.sqlite_db import Database
from web.settings import Settings


@dataclass(frozen=True)
class Storage:
    db: Database
    sessions: SqliteSessionStore
    feedback: FeedbackStore

    def close(self) -> None:
        self.db.close()


def open_storage(settings: Settings) -> Storage:
    """Open (creating when missing) the file at settings.db_path and drop the expired sessions."""
    db = Database(settings.db_path)
    sessions = SqliteSessionStore(db, ttl_seconds=settings.session_ttl_hours * 3600)
    sessions.expire()
    return Storage(db, sessions, FeedbackStore(db))


def get_storage(request: Request) -> Storage:
    """The app's stores; they exist once startup has run."""
    storage = getattr(request.app.state, "storage", None)
    if storage is None:
        raise IndexNotReadyError("the service is still starting; try again shortly (서버를 시작하는 중입니다)")
    return storage
