"""GET /api/sessions/{id} (a conversation's stored turns) and DELETE /api/sessions/{id}.

The id is a name in the caller's own space (web/ownership.py): the caller's conversation of that name,
or 404 when they have none, whoever else may have one of the same name.
"""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request, Response
from pydantic import BaseModel

from web.ownership import NOT_FOUND, own_key
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


@router.get("/{session_id}", response_model=SessionOut, responses={code: {"model": ErrorResponse} for code in (404, 503)})
def get_session(session_id: str, storage: StorageDep, request: Request) -> SessionOut:
    turns = storage.sessions.turns(own_key(request, session_id))
    if not turns:
        raise HTTPException(404, detail=NOT_FOUND)
    return SessionOut(session_id=session_id, turns=[
        TurnOut(question=t.question, answer=t.answer, refs=list(t.refs), section_ref=t.section_ref, at=t.at)
        for t in turns
    ])


@router.delete("/{session_id}", status_code=204, response_class=Response,
               responses={code: {"model": ErrorResponse} for code in (404, 503)})
def delete_session(session_id: str, storage: StorageDep, request: Request) -> Response:
    """404 when the caller has no live conversation of that name, including one already deleted."""
    if not storage.sessions.delete(own_key(request, session_id)):
        raise HTTPException(404, detail=NOT_FOUND)
    return Response(status_code=204)
