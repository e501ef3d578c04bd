"""POST /api/feedback (👍/👎 on an answer) and GET /api/feedback?format=json|csv (the export).

Anyone who may ask may rate; only an admin key (QA_ADMIN_KEYS) reads the export, and it carries
session ids only when the admin asks for them (?session_ids=true). A rating's `session_id` is a name in
the rater's own space, like every session id a client sends; what is stored, and exported, is the key of
that conversation (web/ownership.py), the id its turns are kept under, so the admin can relate the two.
"""
from __future__ import annotations

import csv
import io
from datetime import datetime, timezone
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response
from pydantic import BaseModel, ConfigDict, Field, StrictStr

from web.deps import require_json
from web.feedback import Feedback, FeedbackRecord, Rating
from web.ownership import caller_of, own_key
from web.schemas import ErrorResponse, Question, SessionId
from web.storage import Storage, get_storage

router = APIRouter(prefix="/api/feedback", tags=["feedback"])
StorageDep = Annotated[Storage, Depends(get_storage)]

MAX_ANSWER_CHARS = 20_000
MAX_REFS = 50
MAX_COMMENT_CHARS = 2000
CSV_COLUMNS = ("id", "at", "session_id", "rating", "question", "answer", "refs", "comment")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # a spreadsheet would run such a cell as a formula
SKIPPED_LEAD = "".join(map(chr, range(33))) + "\x7f"  # control characters and spaces a spreadsheet skips

Ref = Annotated[StrictStr, Field(min_length=1, max_length=100)]


class FeedbackIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    session_id: SessionId
    question: Question
    answer: Annotated[StrictStr, Field(min_length=1, max_length=MAX_ANSWER_CHARS)]
    refs: list[Ref] = Field(default_factory=list, max_length=MAX_REFS)
    rating: Rating
    comment: Annotated[StrictStr, Field(max_length=MAX_COMMENT_CHARS)] | None = None


class FeedbackOut(BaseModel):
    id: int
    at: str  # ISO 8601, UTC
    session_id: str | None  # the rater's name when rating; the stored key in an export that asked for it
    rating: Rating
    question: str
    answer: str
    refs: list[str]
    comment: str | None


def _out(record: FeedbackRecord, session_id: str | None) -> FeedbackOut:
    item = record.item
    at = datetime.fromtimestamp(record.at, timezone.utc).isoformat(timespec="seconds")
    return FeedbackOut(id=record.id, at=at, session_id=session_id, rating=item.rating,
                       question=item.question, answer=item.answer, refs=list(item.refs), comment=item.comment)


@router.post("", status_code=201, response_model=FeedbackOut, dependencies=[Depends(require_json)],
             responses={code: {"model": ErrorResponse} for code in (400, 413, 415, 422, 503)})
def add_feedback(body: FeedbackIn, storage: StorageDep, request: Request) -> FeedbackOut:
    comment = (body.comment or "").strip() or None
    item = Feedback(own_key(request, body.session_id), body.question, body.answer, tuple(body.refs), body.rating,
                    comment)
    return _out(storage.feedback.add(item), body.session_id)


def _cell(value: object) -> str:
    """The CSV cell, quoted with ' when a spreadsheet could take it for a formula: it starts with a formula
    character, possibly after control characters and spaces (which spreadsheets skip)."""
    text = "" if value is None else " ".join(value) if isinstance(value, list) else str(value)
    risky = text.startswith(FORMULA_STARTS) or text.lstrip(SKIPPED_LEAD).startswith(FORMULA_STARTS)
    return "'" + text if risky else text


def to_csv(rows: list[FeedbackOut]) -> str:
    """UTF-8 with a byte-order mark, so spreadsheet programs read the Korean text as UTF-8."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        writer.writerow([_cell(getattr(row, column)) for column in CSV_COLUMNS])
    return "\ufeff" + buffer.getvalue()


@router.get("", response_model=list[FeedbackOut],
            responses={200: {"content": {"text/csv": {}}}, 403: {"model": ErrorResponse}, 503: {"model": ErrorResponse}})
def export_feedback(
    storage: StorageDep, request: Request, fmt: Annotated[Literal["json", "csv"], Query(alias="format")] = "json",
    session_ids: bool = False,
) -> list[FeedbackOut] | Response:
    if not caller_of(request).admin:
        raise HTTPException(403, detail="the feedback export needs an admin key (QA_ADMIN_KEYS)")
    rows = [_out(record, record.item.session_id if session_ids else None) for record in storage.feedback.all()]
    if fmt == "json":
        return rows
    return Response(to_csv(rows), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="feedback.csv"'})
