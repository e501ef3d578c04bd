"""`qa serve --workers N`: N server processes sharing one port, each with its own engine.

uvicorn starts every worker as a fresh interpreter and makes its app by name (`web.workers:worker_app`),
so each reads the same QA_* settings from the environment (the CLI's --host and --port only choose the
socket, which the parent opens). Before the workers start, one short-lived process makes sure the model
files and a fresh index exist, building them when needed, so N workers never build at once.
"""
from __future__ import annotations

import multiprocessing
import sys
from typing import TYPE_CHECKING

from web.edge.access_log import configure_access_log
from web.settings import Settings

if TYPE_CHECKING:
    from fastapi import FastAPI


def worker_app() -> FastAPI:
    """The app of one worker process; it answers 503 until its engine is loaded."""
    from web.app import create_app

    configure_access_log()
    return create_app(load_in_background=True)


def _prepare() -> None:
    """Run in a child process: load or build the index once, and say why not when that fails."""
    from qa.engine import prepare_index
    from web.loading import failure_line

    settings = Settings.from_env()
    try:
        prepare_index(settings.report_path, settings.index_dir, settings.model, settings.model_dir, settings.encoder)
    except Exception as error:  # noqa: BLE001 - whatever failed, the operator gets one line
        print(f"qa serve: {failure_line(error, settings)}", file=sys.stderr)
        sys.exit(1)


def index_prepared() -> bool:
    child = multiprocessing.get_context("spawn").Process(target=_prepare, name="qa-prepare")
    child.start()
    child.join()
    return child.exitcode == 0


def serve_workers(settings: Settings, workers: int) -> int:
    import uvicorn

    if not index_prepared():
        return 1
    uvicorn.run("web.workers:worker_app", factory=True, host=settings.host, port=settings.port, workers=workers,
                access_log=False)
    return 0
