"""What the Kakao and Slack replies share: citations, cut texts, links, user messages."""
from __future__ import annotations

import re
from urllib.parse import quote

from qa.answer import Answer, AnswerFigure, Passage
from qa.errors import IndexNotReadyError, QAError
from qa.compose import format_value

MAX_LINK_CHARS = 400  # longer question links fall back to the bare page
_MARKER_RE = re.compile(r"\[(\d+)\]")
# a sentence ends at . ! ? (or their full-width forms) before whitespace, or at a line break
_SENTENCE_END_RE = re.compile(r"[.!?。！？](?=\s)|\n")

EMPTY_QUESTION = "질문을 입력해 주세요. 예: 청년취업사관학교 올해 예산은?"
UNREADABLE = "요청을 읽지 못했어요. 질문을 다시 보내 주세요."
INVALID_QUESTION = "질문으로 처리하지 못했어요. 1,000자 이내로 다시 물어봐 주세요."
NOT_READY = "답변 준비 중이에요. 잠시 후 다시 물어봐 주세요."
FAILED = "답변을 만들지 못했어요. 잠시 후 다시 시도해 주세요."
RATE_LIMITED = "질문이 너무 잦아요. 잠시 후 다시 물어봐 주세요."
WORKING = "보고서에서 답을 찾고 있어요. 잠시만 기다려 주세요."


def failure_message(error: BaseException) -> str:
    """What the user reads when asking failed: the engine's errors are about the question or
    the index; anything else is ours."""
    if isinstance(error, IndexNotReadyError):
        return NOT_READY
    return INVALID_QUESTION if isinstance(error, QAError) else FAILED


def cited_passages(answer: Answer, limit: int = 2) -> list[tuple[int, Passage]]:
    """The passages the answer's [n] markers point to (or the top one), with their rank."""
    ranks = dict.fromkeys(int(n) for n in _MARKER_RE.findall(answer.answer))
    cited = [(rank, answer.passages[rank - 1]) for rank in ranks if 1 <= rank <= len(answer.passages)]
    if not cited and answer.passages:
        cited = [(1, answer.passages[0])]
    return cited[:limit]


def citation(rank: int, passage: Passage) -> str:
    start, end = passage.lines
    lines = f"{start}행" if start == end else f"{start}–{end}행"
    return f"[{rank}] {' > '.join(passage.section.path)} ({lines})"


def figure_text(figure: AnswerFigure) -> str:
    year = f", {figure.year}년" if figure.year else ""
    computed = ", 계산값" if figure.computed else ""
    return f"{figure.label}: {format_value(figure.value)}{figure.unit}{year}{computed}"


def cut_at_sentence(text: str, limit: int) -> str:
    """`text` if it fits in `limit` characters, else its longest run of whole sentences that
    fits with a closing '…' (a word boundary, or a hard cut, when no sentence ends early enough)."""
    if len(text) <= limit:
        return text
    room = text[: max(limit - 1, 0)]
    ends = [m.end() for m in _SENTENCE_END_RE.finditer(room)]
    cut = ends[-1] if ends else room.rfind(" ")
    return (room[:cut] if cut > 0 else room).rstrip() + "…"


def page_link(base_url: str, question: str) -> str:
    """The chat page with the question filled in, where the full answer and its figures are shown."""
    link = f"{base_url}/?q={quote(question, safe='')}"
    return link if len(link) <= MAX_LINK_CHARS else f"{base_url}/"
