"""GET /api/sections (the outline) and GET /api/sections/{ref} (one section with its text)."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from web.serialize import to_plain
from web.deps import EngineDep
from web.schemas import ErrorResponse, SectionDetail, SectionOutline

router = APIRouter(prefix="/api/sections", tags=["sections"])


@router.get("", response_model=list[SectionOutline], responses={503: {"model": ErrorResponse}})
def outline(engine: EngineDep) -> list[dict[str, Any]]:
    return to_plain(engine.outline())


@router.get("/{ref}", response_model=SectionDetail, responses={404: {"model": ErrorResponse}})
def section(ref: str, engine: EngineDep) -> dict[str, Any]:
    return to_plain(engine.section(ref))
