"""The FastAPI application: routers, error handlers and the engine's lifetime."""
from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from web.background import spawn
from web.edge.install import install_edge
from web.errors import install_error_handlers
from web.loading import EngineLoader
from web.routes import ask, feedback, health, kakao, page, sections, sessions, slack
from web.settings import Settings
from web.storage import open_storage

if TYPE_CHECKING:
    from qa.engine import QAEngine
    from qa.sessions_sqlite import SqliteSessionStore

logger = logging.getLogger(__name__)


def load_configured_engine(settings: Settings, sessions: SqliteSessionStore | None = None) -> QAEngine:
    """Load the persisted index, building it first when it is missing, stale or damaged."""
    return EngineLoader(settings).load(sessions)


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    app.state.storage = storage = open_storage(app.state.settings, app.state.secret)  # sessions and feedback
    loader: EngineLoader = app.state.loader
    try:
        if app.state.engine is None:
            logger.info("loading the engine (model %s, index %s)", app.state.settings.model, app.state.settings.index_dir)
            if app.state.load_in_background:
                spawn(app, loader.load_into(app, storage.sessions))
            else:
                app.state.engine = await asyncio.to_thread(loader.load, storage.sessions)
        yield
    finally:
        storage.close()


def create_app(settings: Settings | None = None, engine: QAEngine | None = None,
               load_in_background: bool = False) -> FastAPI:
    """Without `engine`, startup loads one from `settings` (default: the QA_* environment): before
    serving, or, with `load_in_background` (as `qa serve` does), while already answering 503."""
    app = FastAPI(
        title="Report QA",
        summary="Korean questions over a Seoul government work report, answered with cited sections and figures.",
        lifespan=_lifespan,
    )
    # no trailing-slash redirects: their Location would repeat a path that can hold the Kakao secret
    app.router.redirect_slashes = False
    app.state.settings = settings or Settings.from_env()
    app.state.engine = engine
    app.state.loader = EngineLoader(app.state.settings)
    app.state.load_in_background = load_in_background
    install_error_handlers(app)
    install_edge(app, app.state.settings)
    for module in (ask, sections, health, sessions, feedback, page, kakao, slack):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=page.STATIC_DIR), name="static")
    return app
