"""The FastAPI application: routers, error handlers and the engine's lifetime."""
from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

from fastapi import FastAPI

from web.errors import install_error_handlers
from web.routes import ask, health, sections
from web.settings import Settings

if TYPE_CHECKING:
    from qa.engine import QAEngine

logger = logging.getLogger(__name__)


def load_configured_engine(settings: Settings) -> QAEngine:
    """Load the persisted index, building it first when it is missing or stale (minutes on first start)."""
    from qa.engine import load_engine  # imported here: it pulls in kiwipiepy, faiss and the embedder

    return load_engine(settings.report_path, settings.index_dir, settings.model, settings.model_dir)


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    if app.state.engine is None:
        logger.info("loading the engine (model %s, index %s)", app.state.settings.model, app.state.settings.index_dir)
        app.state.engine = await asyncio.to_thread(load_configured_engine, app.state.settings)
    yield


def create_app(settings: Settings | None = None, engine: QAEngine | None = None) -> FastAPI:
    """Without `engine`, startup loads one from `settings` (default: the QA_* environment)."""
    app = FastAPI(
        title="Report QA",
        summary="Korean questions over a Seoul government work report, answered with cited sections and figures.",
        lifespan=_lifespan,
    )
    app.state.settings = settings or Settings.from_env()
    app.state.engine = engine
    install_error_handlers(app)
    for module in (ask, sections, health):
        app.include_router(module.router)
    return app
