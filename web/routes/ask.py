"""POST /api/ask: one question in, an answer with cited passages and structured figures out."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request

from web.serialize import answer_to_dict
from web.deps import EngineDep, require_json
from web.edge.access_log import note_question
from web.schemas import DEFAULT_TOP_K, AskRequest, AskResponse, ErrorResponse

router = APIRouter(prefix="/api", tags=["ask"])


@router.post(
    "/ask",
    response_model=AskResponse,
    dependencies=[Depends(require_json)],
    responses={code: {"model": ErrorResponse} for code in (400, 413, 415, 422, 503)},
)
def ask(body: AskRequest, engine: EngineDep, request: Request) -> dict[str, Any]:
    """Sync on purpose: FastAPI runs it in its thread pool, so retrieval does not block the event loop."""
    note_question(request, body.question)
    top_k = DEFAULT_TOP_K if body.top_k is None else body.top_k
    return answer_to_dict(engine.ask(body.question, session_id=body.session_id, top_k=top_k))
