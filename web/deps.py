"""Request dependencies: the loaded engine and the JSON content-type check."""
from __future__ import annotations

from email.message import Message
from typing import TYPE_CHECKING, Annotated

from fastapi import Depends, HTTPException, Request


if TYPE_CHECKING:  # the engine module pulls in the embedding stack; web/app.py imports it only to load
    from qa.engine import QAEngine


def get_engine(request: Request) -> QAEngine:
    engine = getattr(request.app.state, "engine", None)
    if engine is None:
        raise request.app.state.loader.not_ready()
    return engine


def require_json(request: Request) -> None:
    """415 unless the body is declared as JSON (application/json or */*+json)."""
    declared = request.headers.get("content-type", "")
    message = Message()
    message["content-type"] = declared
    subtype = message.get_content_subtype()
    if message.get_content_maintype() != "application" or not (subtype == "json" or subtype.endswith("+json")):
        raise HTTPException(415, detail=f"send the body as Content-Type: application/json (got {declared or 'none'!r})")


EngineDep = Annotated["QAEngine", Depends(get_engine)]
