"""POST /api/ask: one question in, an answer with cited passages and structured figures out."""
from __future__ import annotations

from dataclasses import replace
from typing import Any

from fastapi import APIRouter, Depends, Request, Response

from web.deps import EngineDep, require_json
from web.edge.access_log import note_question
from web.ownership import TURN_KEPT_HEADER, new_session_id, own_key
from web.schemas import DEFAULT_TOP_K, AskRequest, AskResponse, ErrorResponse
from web.serialize import answer_to_dict

router = APIRouter(prefix="/api", tags=["ask"])


@router.post(
    "/ask",
    response_model=AskResponse,
    dependencies=[Depends(require_json)],
    responses={code: {"model": ErrorResponse} for code in (400, 413, 415, 422, 503)},
)
def ask(body: AskRequest, engine: EngineDep, request: Request, response: Response) -> dict[str, Any]:
    """Sync on purpose: FastAPI runs it in its thread pool, so retrieval does not block the event loop.
    A `session_id` names one of the caller's own conversations (a new one when they have none of that
    name); without one the server picks a new name. The response carries the name, not the stored key."""
    note_question(request, body.question)
    top_k = DEFAULT_TOP_K if body.top_k is None else body.top_k
    name = body.session_id or new_session_id()
    answer = engine.ask(body.question, session_id=own_key(request, name), top_k=top_k)
    response.headers[TURN_KEPT_HEADER] = "true" if answer.turn_kept else "false"
    return answer_to_dict(replace(answer, session_id=name))
