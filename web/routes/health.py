"""GET /healthz: 200 once the engine is loaded, 503 before; the storage is reported beside it.

A database that cannot be written does not make the service unhealthy (answers are still given),
so it is a field of its own: "ok", or "unavailable" with the reason in the server log.
"""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request

from web.deps import get_engine
from web.schemas import ErrorResponse
from web.storage import get_storage

router = APIRouter(tags=["health"])


@router.get("/healthz", dependencies=[Depends(get_engine)], responses={503: {"model": ErrorResponse}})
def health(request: Request) -> dict[str, Any]:
    settings = request.app.state.settings
    problem = get_storage(request).problem()
    return {"status": "ok", "model": settings.model, "report": settings.report_path.name,
            "storage": "unavailable" if problem else "ok"}
