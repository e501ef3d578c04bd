"""The SQLite-backed stores the app keeps for its lifetime: conversation turns and feedback.

A database that cannot be written does not stop the service: questions are still answered (the
turn is not kept, and the response says so), feedback and deletes answer 503 storage_unavailable,
and /healthz reports it. The file is tried again on every use, so fixing it needs no restart.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import partial

from fastapi import Request

from qa.errors import IndexNotReadyError, StorageError
from qa.sessions_sqlite import SqliteSessionStore
from qa.sqlite_db import Database
from web.feedback import FeedbackStore
from web.ownership import conversation_key
from web.settings import Settings

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Storage:
    db: Database
    sessions: SqliteSessionStore
    feedback: FeedbackStore

    def problem(self) -> StorageError | None:
        """Why turns and feedback cannot be written now; None when they can."""
        return self.db.check()

    def close(self) -> None:
        self.db.close()


def open_storage(settings: Settings, secret: bytes) -> Storage:
    """Open (creating when missing) the file at settings.db_path and drop the expired sessions; `secret` is
    the server secret, which keys the sessions' ids. A file that cannot be written is logged, naming it, and
    the service goes on without it."""
    db = Database(settings.db_path)
    ttl = settings.session_ttl_hours * 3600
    sessions = SqliteSessionStore(db, partial(conversation_key, secret), ttl_seconds=ttl)
    storage = Storage(db, sessions, FeedbackStore(db))
    try:
        sessions.expire()
    except StorageError as error:
        logger.error("%s. Answers are still given, but conversations and feedback are not kept until "
                     "the file (and its folder) can be written.", error)
    return storage


def get_storage(request: Request) -> Storage:
    """The app's stores; they exist once startup has run."""
    storage = getattr(request.app.state, "storage", None)
    if storage is None:
        raise IndexNotReadyError("the service is still starting; try again shortly (서버를 시작하는 중입니다)")
    return storage
