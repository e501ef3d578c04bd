"""Cue phrases found on Kiwi morphemes, not substrings.

A cue (`더 많`, `차이 얼마`, `제일 높`) is tokenized once; it is found in a question when its
morphemes occur in order with nothing between them but particles, copulas and endings. So
"뭐가 더 많아?" holds `더 많`, "차이가 얼마야?" holds `차이 얼마`, and "차이가 뭐야?" does not.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from corpus.tokens import kiwi_tokens

SKIPPABLE = ("J", "VCP", "E", "XSV", "XSA")  # tag prefixes a cue may skip over


@dataclass(frozen=True)
class Morph:
    form: str
    tag: str
    start: int
    end: int
    score: float = 0.0  # Kiwi's score: far below zero for a word it only guessed


def morphs_of(text: str) -> tuple[Morph, ...]:
    return tuple(Morph(t.form.lower(), t.tag, t.start, t.start + t.len, t.score) for t in kiwi_tokens(text))


@lru_cache(maxsize=4096)
def cue_morphs(cue: str) -> tuple[str, ...]:
    """A cue's own morphemes (symbols such as `%` stay as written)."""
    return tuple(m.form for m in morphs_of(cue) if m.tag not in ("SF", "SP")) or (cue.lower(),)


def find_cue(question: Sequence[Morph], cue: str) -> int | None:
    """Index in `question` where `cue` starts, or None."""
    want = cue_morphs(cue)
    for i, m in enumerate(question):
        if m.form != want[0]:
            continue
        k, j = 1, i + 1
        while k < len(want) and j < len(question):
            if question[j].form == want[k]:
                k += 1
            elif not question[j].tag.startswith(SKIPPABLE):
                break
            j += 1
        if k == len(want):
            return i
    return None


def has_any(question: Sequence[Morph], cues: Iterable[str]) -> bool:
    return any(find_cue(question, cue) is not None for cue in cues)


def first_cue(question: Sequence[Morph], cues: Iterable[str]) -> str | None:
    return next((cue for cue in cues if find_cue(question, cue) is not None), None)
