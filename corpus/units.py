"""The units the report writes after numbers: kinds, conversion, and matching them in text.

A unit keeps the report's own spelling (`백만원`, `社`, `개사`); units of one measure convert into
each other through a factor (money through 원). Foreign currency is money but has no 원 value.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from corpus.text import collapse_letter_spacing

KINDS = ("money", "people", "count", "times", "percent", "percent_point", "area", "time", "other")
MULTIPLIERS = "십백천만억조"


@dataclass(frozen=True)
class Unit:
    kind: str  # one of KINDS
    measure: str  # units of one measure are compatible and convert into each other
    factor: float  # size in the measure's base unit


def _family(kind: str, measure: str, factors: dict[str, float]) -> dict[str, Unit]:
    return {name: Unit(kind, measure, factor) for name, factor in factors.items()}


UNITS: dict[str, Unit] = {
    **_family("money", "KRW", {"원": 1, "만원": 1e4, "백만원": 1e6, "천만원": 1e7,
                               "억원": 1e8, "억": 1e8, "조원": 1e12, "조": 1e12}),
    **_family("money", "USD", {"불": 1, "달러": 1, "만불": 1e4, "백만불": 1e6, "천만불": 1e7,
                               "만달러": 1e4, "백만달러": 1e6, "천만달러": 1e7}),
    **_family("people", "명", {"명": 1, "인": 1, "천명": 1e3, "만명": 1e4}),
    **_family("count", "개", {"개": 1, "천개": 1e3}),
    **_family("count", "개사", {"개사": 1, "社": 1, "개社": 1}),
    **{u: Unit("count", u, 1) for u in ("개소", "개국", "건", "팀", "편", "실", "석", "곳", "호")},
    "회": Unit("times", "회", 1),  # how often, not how many things: `연 2회` answers no `몇 곳`
    "%": Unit("percent", "%", 1),
    "%p": Unit("percent_point", "%p", 1),
    **_family("area", "㎡", {"㎡": 1, "천㎡": 1e3, "만㎡": 1e4}),
    **_family("area", "평", {"평": 1, "만평": 1e4}),
    **{u: Unit("time", u, 1) for u in ("년", "개월", "일", "시간")},
    **{u: Unit("other", u, 1) for u in ("p", "세", "배", "점")},  # p: index points, as in `△0.9p`
}

# Header words that name a count of people: a cell under `학과 / 인원` counts 학과 and 명.
PEOPLE_HEADERS = frozenset({"인원", "정원", "현원", "인력", "훈련인원"})
# Header words that name counted things, not counters: `54` under `학과` is 54개 (the report writes `146개 학과`).
THING_HEADERS = frozenset({"학과", "과정"})

_TIME_SUFFIX = "간"  # `3일간`, `4년간`: part of the figure's text, not of its unit
# What may not follow a unit, so that `2억뷰`, `1인당`, `1인 미디어`, `5G` are no figures.
_NOT_AFTER = {
    "억": re.compile(r"[가-힣]"),
    "조": re.compile(r"[가-힣]"),
    "인": re.compile(r"당|\s?미디어"),
    "p": re.compile(r"[A-Za-z]"),
}


def _pattern(unit: str) -> str:
    """Regex for a unit; spaced spellings after a multiplier (`억 원`, `천 명`, `만 달러`) match too."""
    return "".join(re.escape(ch) + (r"\s?" if ch in MULTIPLIERS and k < len(unit) - 1 else "")
                   for k, ch in enumerate(unit))


_UNIT_RE = re.compile(r"(?P<space> ?)(?P<unit>" + "|".join(
    _pattern(u) for u in sorted(UNITS, key=len, reverse=True)) + ")")
_AMOUNT_RE = re.compile(
    r"(?:(?P<jo>[0-9]+(?:\.[0-9]+)?)\s?조\s?)?(?:(?P<cheon>[0-9]+)\s?천\s?)?"
    r"(?:(?P<baek>[0-9]+)\s?백\s?)?(?P<unit>억\s?원|억|만\s?원)")
_GROUP_RE = re.compile(r"\(([^()]*)\)")
_DANGLING_RE = re.compile(r"(백만|천만|십만|만|억|천|백)(?=\s?[~→⇨⇒])")


def normalize_unit(raw: str) -> str:
    return re.sub(r"\s+", "", raw)


def unit_kind(unit: str) -> str:
    """One of KINDS; units the report does not use are `other`."""
    found = UNITS.get(normalize_unit(unit))
    return found.kind if found else "other"


def to_krw(value: float, unit: str) -> float | None:
    """The amount in 원; None for foreign currency and for anything that is not money."""
    found = UNITS.get(normalize_unit(unit))
    return value * found.factor if found and found.measure == "KRW" else None


def compatible(unit_a: str, unit_b: str) -> bool:
    """Same measure: every 원 unit with every other, 명 with 천명, 개사 with 社; never 명 with 백만원."""
    a, b = normalize_unit(unit_a), normalize_unit(unit_b)
    if a not in UNITS or b not in UNITS:
        return a == b
    return UNITS[a].measure == UNITS[b].measure


def convert(value: float, from_unit: str, to_unit: str) -> float | None:
    """`value` restated in `to_unit` (4,740 백만원 → 47.4 억원); None across measures."""
    if not compatible(from_unit, to_unit):
        return None
    a, b = UNITS.get(normalize_unit(from_unit)), UNITS.get(normalize_unit(to_unit))
    return value * a.factor / b.factor if a and b else value


def header_unit(text: str) -> str | None:
    """The unit a header or key names in parentheses: `실업률(%)`, `G R D P (조 원)`, `(단위 : 백만원, …)`."""
    for group in reversed(_GROUP_RE.findall(collapse_letter_spacing(text))):
        named = re.search(r"단위\s*:\s*([^,]+)", group)
        candidate = normalize_unit(named[1] if named else group.split(",")[-1])
        if candidate in UNITS:
            return candidate
    return None


def implied_unit(header_word: str) -> str | None:
    """The unit a header word implies: itself when it is a unit (`개소`), 명 for a word of people, 개 for a
    counted thing (`학과`)."""
    word = normalize_unit(header_word)
    if word in UNITS:
        return word
    return "명" if word in PEOPLE_HEADERS else "개" if word in THING_HEADERS else None


def match_unit(text: str, pos: int) -> tuple[str, int] | None:
    """The unit written at `pos` (one space allowed before it) and where it ends."""
    m = _UNIT_RE.match(text, pos)
    if not m:
        return None
    unit, end = normalize_unit(m["unit"]), m.end()
    follow = text[end:end + 4]
    if unit in _NOT_AFTER and _NOT_AFTER[unit].match(follow):
        return None
    if m["space"] and re.match(r"[가-힣]", follow):  # `2023 회계년도` is no figure
        return None
    if UNITS[unit].kind == "time" and follow.startswith(_TIME_SUFFIX):
        end += 1
    return unit, end


def match_amount(text: str, pos: int) -> tuple[float, str, int] | None:
    """A composed Korean amount at `pos`: `7천5백억원` → (7500, 억원), `1조 4천억원` → (14000, 억원).

    Only amounts that need composing match; `9백만원` and `2천만원` are plain units (9 백만원).
    """
    m = _AMOUNT_RE.match(text, pos)
    if not m or (m["unit"] == "억" and re.match(r"[가-힣]", text[m.end():m.end() + 1])):
        return None
    parts = [m["jo"], m["cheon"], m["baek"]]
    composed = sum(p is not None for p in parts) >= 2 or (m["jo"] is None and m["unit"][0] == "억")
    if not composed:
        return None
    unit = normalize_unit(m["unit"])
    factor = UNITS[unit].factor
    small = 1000 * float(m["cheon"] or 0) + 100 * float(m["baek"] or 0)
    total = float(m["jo"] or 0) * 1e12 + small * factor
    return total / factor, unit, m.end()


def match_dangling(text: str, pos: int) -> tuple[str, int] | None:
    """A multiplier left without its unit before a range mark, as `2백만` in `2백만~2천만 달러`."""
    m = _DANGLING_RE.match(text, pos)
    return (m[1], m.end()) if m else None


def rescale(multiplier: str, unit: str) -> str | None:
    """`unit` with its multiplier swapped: (`백만`, `천만달러`) → `백만달러`; None if unknown."""
    candidate = multiplier + unit.lstrip(MULTIPLIERS) if multiplier else unit
    return candidate if candidate in UNITS else None
