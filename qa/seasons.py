"""Which season of a year a line is about: `올봄 서울패션위크` asks for the 춘계 one, not the 추계 one.

A line is of the asked season when it or its scope writes that season (춘계), of another when it writes
only another season or is dated only in months outside the asked season's; a line that says neither is
not judged.
"""
from __future__ import annotations

import re

from qa.grounding import View
from qa.lexicon import question_words

MONTH_RES = (
    re.compile(r"(?<![0-9])([0-9]{1,2})\s?월"),  # `3월`, `'23.3월`
    re.compile(r"[‘’'][0-9]{2}\.\s?([0-9]{1,2})\."),  # `'23. 3.15.`
    re.compile(r"(?<![0-9.,'‘’])([0-9]{1,2})\.\s?[0-9]{1,2}\.?\s?(?:~|\()"),  # `9.5~9.9`, `3.15.(수)`
)


def months_of(text: str) -> frozenset[int]:
    """The calendar months a text dates something in."""
    found = {int(m.group(1)) for pattern in MONTH_RES for m in pattern.finditer(text)}
    return frozenset(m for m in found if 1 <= m <= 12)


def of_season(season: str, view: View) -> bool | None:
    """True when the option is of `season`, False when of another, None when it does not say."""
    months = question_words().season_months
    written = {s for s in months if s in view.own or s in view.context}
    if season in written:
        return True
    if any(not set(months[s]) & set(months[season]) for s in written):
        return False
    dated = months_of(view.cand.text)
    if dated:
        return bool(dated & set(months[season]))
    return None
