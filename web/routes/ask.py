"""POST /api/ask: one question in, an answer with cited passages and structured figures out."""
from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request, Response

from web.deps import EngineDep, require_json
from web.edge.access_log import note_question
from web.ownership import TURN_KEPT_HEADER, caller_of, open_conversation
from web.schemas import DEFAULT_TOP_K, AskRequest, AskResponse, ErrorResponse
from web.serialize import answer_to_dict
from web.storage import Storage, get_storage

router = APIRouter(prefix="/api", tags=["ask"])


@router.post(
    "/ask",
    response_model=AskResponse,
    dependencies=[Depends(require_json)],
    responses={code: {"model": ErrorResponse} for code in (400, 404, 413, 415, 422, 503)},
)
def ask(body: AskRequest, engine: EngineDep, storage: Annotated[Storage, Depends(get_storage)], request: Request,
        response: Response) -> dict[str, Any]:
    """Sync on purpose: FastAPI runs it in its thread pool, so retrieval does not block the event loop.
    A `session_id` continues one of the caller's own conversations, or starts one under that name;
    someone else's answers 404."""
    note_question(request, body.question)
    top_k = DEFAULT_TOP_K if body.top_k is None else body.top_k
    session_id = open_conversation(storage.sessions, caller_of(request).owner, body.session_id)
    answer = engine.ask(body.question, session_id=session_id, top_k=top_k)
    response.headers[TURN_KEPT_HEADER] = "true" if session_id and answer.turn_kept else "false"
    return answer_to_dict(answer)
