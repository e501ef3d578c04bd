"""Resolve a follow-up against the previous turn: "그럼 작년 실적은?" borrows the last topic."""
from __future__ import annotations

from qa.analyze import Question, analyze
from qa.session import Turn

# Words that say what is asked about a topic, not which topic.
GENERIC_WORDS = frozenset({
    "올해", "작년", "금년", "지난해", "전년", "내년", "년", "예산", "계획", "성과", "실적", "일정", "추진", "현황",
    "규모", "정원", "현원", "인원", "날짜", "시기", "기간", "장소", "위치", "금액", "비용", "사업비", "총사업비",
    "목표", "대상", "내용", "결과", "늘리", "뽑", "개", "곳", "명", "더", "전", "후", "올리", "잡히", "향후",
    "사업", "지원", "운영", "얼마나", "총", "새로", "이번", "다음",
})


def topic_words(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(w for w in words if w not in GENERIC_WORDS and not w.isdigit() and len(w) > 1)


def is_followup(q: Question) -> bool:
    return q.followup_cue or not topic_words(q.words)


def resolve(q: Question, last: Turn | None) -> tuple[Question, tuple[str, ...]]:
    """The question to retrieve with (a follow-up carries the last topic) and its topic words."""
    if last is None or not is_followup(q):
        return q, topic_words(q.words)
    carried = " ".join(last.topic)
    resolved = analyze(f"{carried} {q.text}")
    return resolved, last.topic + topic_words(q.words)
