"""GET /healthz: 200 once the engine is loaded, 503 "index_not_ready" before."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request

from web.deps import get_engine
from web.schemas import ErrorResponse

router = APIRouter(tags=["health"])


@router.get("/healthz", dependencies=[Depends(get_engine)], responses={503: {"model": ErrorResponse}})
def health(request: Request) -> dict[str, Any]:
    settings = request.app.state.settings
    return {"status": "ok", "model": settings.model, "report": settings.report_path.name}
