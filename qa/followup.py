"""Resolve a follow-up against the previous turn: "그럼 작년 실적은?" borrows the last topic."""
from __future__ import annotations

from qa.analyze import Question
from qa.session import Turn

# Words that say what is asked about a topic, not which topic.
GENERIC_TERMS = frozenset({
    "올해", "작년", "금년", "지난해", "전년", "내년", "년", "예산", "계획", "성과", "실적", "일정", "추진", "현황",
    "규모", "정원", "현원", "인원", "날짜", "시기", "기간", "장소", "위치", "금액", "비용", "사업비", "총사업비",
    "목표", "대상", "내용", "결과", "늘리", "뽑", "개", "곳", "명", "더", "전", "후", "올리", "잡히", "향후",
})


def topic_terms(terms: tuple[str, ...]) -> list[str]:
    return [t for t in terms if t not in GENERIC_TERMS and not t.isdigit() and len(t) > 1]


def is_followup(q: Question) -> bool:
    return q.followup_cue or not topic_terms(q.terms)


def resolve(q: Question, last: Turn | None) -> tuple[str, tuple[str, ...]]:
    """The retrieval text and terms for `q`, carrying the previous topic into a follow-up."""
    if last is None or not is_followup(q):
        return q.text, q.terms
    carried = topic_terms(last.terms)
    return f"{' '.join(carried)} {q.text}", tuple(carried) + q.terms
