"""Resolve a follow-up against the previous turn: "그럼 작년엔?" borrows the topic, "글로벌비즈니스하우스는?"
borrows what was asked, "올리기 전에는 얼마였는데?" borrows both.

A question is a follow-up when it opens with a follow-up word (그럼, 그러면 …), names no subject of its
own, names only a subject and asks nothing (`X는?`), or ends on a connective (`… 발굴했고?`). Borrowed
subject words weigh less than the question's own (qa/grounding.py).
"""
from __future__ import annotations

from dataclasses import replace

from corpus.tokens import kiwi_tokens
from qa.analyze import Question
from qa.session import Turn

SHORT_SUBJECT = 2  # `X는?` names at most this many subject words


def ends_on_connective(text: str) -> bool:
    toks = [t for t in kiwi_tokens(text) if t.tag not in ("SF", "SP", "SW")]
    return bool(toks) and toks[-1].tag == "EC" and toks[-1].form in ("고", "구")


def asks_something(q: Question) -> bool:
    return bool(q.answer_type or q.attribute or q.operation or q.asks_amount or q.direction)


def is_followup(q: Question) -> bool:
    return (q.followup_cue or not q.subject or ends_on_connective(q.text)
            or (not asks_something(q) and len(q.subject) <= SHORT_SUBJECT))


def resolve(q: Question, last: Turn | None) -> Question:
    """The question to answer: a follow-up carries the last turn's topic and, when it asks nothing of its
    own, the last turn's attribute, answer type and years."""
    if last is None or not is_followup(q):
        return q
    carried = tuple(w for w in last.topic if w not in q.subject)
    context = last.context
    borrowed: dict = {}
    if not asks_something(q):
        borrowed = {"attribute": context.attribute, "answer_type": context.answer_type, "asks_amount": context.numeric}
    if not q.years and not q.direction:
        borrowed["years"] = context.years
    return replace(q, carried=carried, **borrowed)


def topic_of(q: Question) -> tuple[str, ...]:
    """What the conversation is about after this turn: its own subject, else what it carried."""
    return tuple(dict.fromkeys(q.subject + q.carried)) if q.subject else q.carried
