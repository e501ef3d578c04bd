"""Work the app runs beside its requests (a deferred messenger reply, the engine loading at start)."""
from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any

from fastapi import FastAPI


def spawn(app: FastAPI, work: Coroutine[Any, Any, None]) -> None:
    """Run `work` in the background, keeping a reference so it is not collected half-way."""
    tasks: set[asyncio.Task[None]] = app.state.background_tasks
    task = asyncio.ensure_future(work)
    tasks.add(task)
    task.add_done_callback(tasks.discard)
