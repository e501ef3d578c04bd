"""Loading the engine while the server already answers: /healthz says 503 until it is ready.

`qa serve` loads in the background, so a rebuild (minutes, after the index was found missing, stale
or damaged) shows as 503 "index_building" rather than a refused connection. When the index can be
neither loaded nor built, the server stops and `qa serve` prints one line naming the file and the fix.
"""
from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from qa.errors import IndexBuildingError, IndexNotReadyError
from web.memory import release_free_memory

if TYPE_CHECKING:
    from fastapi import FastAPI

    from qa.engine import QAEngine
    from qa.sessions_sqlite import SqliteSessionStore
    from web.settings import Settings

logger = logging.getLogger(__name__)


class EngineLoader:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.building = False
        self.failure: str | None = None  # one line for the operator, once loading failed
        self.stop_server: Callable[[], None] = lambda: None  # `qa serve` sets it

    def not_ready(self) -> IndexNotReadyError:
        """What a request gets while the engine is not there yet."""
        if self.building:
            return IndexBuildingError("the index is being built; try again in a few minutes (색인을 만드는 중입니다)")
        return IndexNotReadyError("the index is still loading; try again shortly (색인을 불러오는 중입니다)")

    def _on_build(self, reason: str) -> None:
        self.building = True
        logger.warning("building the index (%s); /healthz answers 503 index_building until it is ready", reason)

    def load(self, sessions: SqliteSessionStore | None = None) -> QAEngine:
        from qa.engine import load_engine  # imported here: it pulls in kiwipiepy, faiss and the embedder

        s = self.settings
        engine = load_engine(s.report_path, s.index_dir, s.model, s.model_dir, sessions=sessions,
                             on_build=self._on_build, encoder=s.encoder)
        self.building = False
        release_free_memory()
        return engine

    async def load_into(self, app: FastAPI, sessions: SqliteSessionStore) -> None:
        """Load in a worker thread; on failure, record the line and stop the server."""
        try:
            app.state.engine = await asyncio.to_thread(self.load, sessions)
        except Exception as error:  # noqa: BLE001 - whatever failed, the operator gets one line
            self.failure = failure_line(error, self.settings)
            logger.critical("%s", self.failure)
            self.stop_server()  # `qa serve` then exits 1 with the line


def failure_line(error: BaseException, settings: Settings) -> str:
    """What could not be loaded or built, naming the file, and what to do about it."""
    if isinstance(error, OSError) and error.filename:
        return (f"cannot load or build the index: {error.filename}: {error.strerror or error}. Fix: make the file "
                f"readable (QA_REPORT={settings.report_path}) and {settings.data_dir} writable, then start again")
    return (f"cannot load or build the index from {settings.report_path} into {settings.index_dir}: "
            f"{type(error).__name__}: {error}. Fix: run `qa build` to see the full error")
