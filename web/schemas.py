"""Request and response bodies of the HTTP API."""
from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictInt, StrictStr
from pydantic_core import PydanticCustomError

from qa.limits import DEFAULT_TOP_K, MAX_QUESTION_CHARS, MAX_TOP_K, has_words

SESSION_ID_PATTERN = r"^[A-Za-z0-9_.:-]+$"


def has_lone_surrogate(text: str) -> bool:
    """JSON can escape a lone UTF-16 surrogate ("\\ud800"); UTF-8 cannot encode it, so it is not text."""
    return any(0xD800 <= ord(ch) <= 0xDFFF for ch in text)


def _check_question(text: str) -> str:
    """Strip the question; the custom error types become the `empty_question` / `question_too_long` codes.
    A question without a letter or digit ("???", "\\u0000", an emoji) counts as empty."""
    stripped = text.strip()
    if has_lone_surrogate(stripped):
        raise PydanticCustomError("invalid_characters", "contains a lone UTF-16 surrogate, which is not text")
    if not stripped:
        raise PydanticCustomError("empty_question", "must not be empty or blank (질문이 비어 있습니다)")
    if not has_words(stripped):
        raise PydanticCustomError("empty_question", "has no letter or digit (질문에 글자도 숫자도 없습니다)")
    if len(stripped) > MAX_QUESTION_CHARS:
        raise PydanticCustomError(
            "question_too_long",
            "has {length} characters; the limit is {limit} (질문이 너무 깁니다)",
            {"length": len(stripped), "limit": MAX_QUESTION_CHARS},
        )
    return stripped


Question = Annotated[StrictStr, AfterValidator(_check_question)]
SessionId = Annotated[StrictStr, Field(max_length=128, pattern=SESSION_ID_PATTERN)]
TopK = Annotated[StrictInt, Field(ge=1, le=MAX_TOP_K)]


class AskRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    question: Question = Field(description=f"The question, 1 to {MAX_QUESTION_CHARS} characters after stripping.")
    session_id: SessionId | None = Field(
        default=None, description="Your name for the conversation, for follow-up questions (another caller's same "
        "name is another conversation); a new one is made when absent."
    )
    top_k: TopK | None = Field(default=DEFAULT_TOP_K, description=f"Passages to return, 1 to {MAX_TOP_K}.")


class SectionRef(BaseModel):
    ref: str
    title: str
    path: list[str]


class PassageOut(BaseModel):
    id: str
    text: str
    score: float
    section: SectionRef
    lines: tuple[int, int]


class FigureOut(BaseModel):
    label: str
    value: float
    unit: str
    value_krw: float | None
    year: int | None
    computed: bool
    section: SectionRef
    source: str
    passage_id: str


class AskResponse(BaseModel):
    answer: str
    abstained: bool
    session_id: str
    passages: list[PassageOut]
    figures: list[FigureOut]
    timing_ms: dict[str, float]


class SectionChild(BaseModel):
    ref: str
    title: str
    kind: str


class SectionOutline(BaseModel):
    """One entry of the flat, document-ordered outline; extra engine keys pass through."""

    model_config = ConfigDict(extra="allow")

    ref: str
    kind: str
    title: str
    path: list[str]
    lines: tuple[int, int]
    parent: str | None = None
    children: list[str | SectionChild] = []


class SectionDetail(SectionOutline):
    text: str


class ErrorBody(BaseModel):
    code: str
    message: str


class ErrorResponse(BaseModel):
    error: ErrorBody
