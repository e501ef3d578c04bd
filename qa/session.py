"""Conversation memory: the last turns of each session, so a follow-up can borrow its topic."""
from __future__ import annotations

import threading
import time
from collections import OrderedDict, deque
from dataclasses import dataclass


@dataclass(frozen=True)
class TurnContext:
    """What a follow-up may borrow from a turn besides its topic."""

    attribute: tuple[str, ...] = ()  # the attribute words asked (예산, 정원 …)
    answer_type: str | None = None
    years: tuple[int, ...] = ()
    candidate_id: str = ""  # the candidate the answer quoted first
    numeric: bool = False  # the turn asked for a number

    def to_json(self) -> dict:
        return {"attribute": list(self.attribute), "answer_type": self.answer_type, "years": list(self.years),
                "candidate_id": self.candidate_id, "numeric": self.numeric}

    @classmethod
    def from_json(cls, data: dict) -> TurnContext:
        return cls(tuple(data.get("attribute") or ()), data.get("answer_type"), tuple(data.get("years") or ()),
                   data.get("candidate_id") or "", bool(data.get("numeric")))


@dataclass(frozen=True)
class Turn:
    question: str
    query: str  # the text retrieval used (a follow-up's includes its topic)
    topic: tuple[str, ...]  # the subject words that name what the conversation is about
    section_ref: str | None  # the section of the candidate the answer quoted first
    at: float
    answer: str = ""  # the answer text, kept so a stored conversation can be shown again
    refs: tuple[str, ...] = ()  # section refs of the cited passages, in citation order ([1] first)
    context: TurnContext = TurnContext()


class SessionStore:
    """In-memory, bounded: at most `max_sessions` sessions of `max_turns` turns, idle ones expire."""

    def __init__(self, max_sessions: int = 10_000, max_turns: int = 6, ttl_seconds: float = 3600.0) -> None:
        self.max_sessions = max_sessions
        self.max_turns = max_turns
        self.ttl = ttl_seconds
        self._turns: OrderedDict[str, deque[Turn]] = OrderedDict()
        self._lock = threading.Lock()

    def last(self, session_id: str) -> Turn | None:
        with self._lock:
            turns = self._turns.get(session_id)
            if not turns or time.time() - turns[-1].at > self.ttl:
                return None
            return turns[-1]

    def add(self, session_id: str, turn: Turn) -> None:
        with self._lock:
            turns = self._turns.pop(session_id, None) or deque(maxlen=self.max_turns)
            turns.append(turn)
            self._turns[session_id] = turns
            while len(self._turns) > self.max_sessions:
                self._turns.popitem(last=False)
