"""GET /api/sessions/{id} (a conversation's stored turns) and DELETE /api/sessions/{id}."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Response
from pydantic import BaseModel

from web.schemas import ErrorResponse
from web.storage import Storage, get_storage

router = APIRouter(prefix="/api/sessions", tags=["sessions"])
StorageDep = Annotated[Storage, Depends(get_storage)]


class TurnOut(BaseModel):
    question: str
    answer: str
    refs: list[str]  # section refs of the cited passages: refs[0] is what [1] cites
    section_ref: str | None
    at: float


class SessionOut(BaseModel):
    session_id: str
    turns: list[TurnOut]


@router.get("/{session_id}", response_model=SessionOut, responses={404: {"model": ErrorResponse}})
def get_session(session_id: str, storage: StorageDep) -> SessionOut:
    turns = storage.sessions.turns(session_id)
    if not turns:
        raise HTTPException(404, detail="no such session (it may have expired)")
    return SessionOut(session_id=session_id, turns=[
        TurnOut(question=t.question, answer=t.answer, refs=list(t.refs), section_ref=t.section_ref, at=t.at)
        for t in turns
    ])


@router.delete("/{session_id}", status_code=204, response_class=Response)
def delete_session(session_id: str, storage: StorageDep) -> Response:
    """Idempotent: deleting a session that does not exist is not an error."""
    storage.sessions.delete(session_id)
    return Response(status_code=204)
