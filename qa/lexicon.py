"""The question lexicons, read once from the data files in qa/lexicon/ (one place for every word list).

- answer_types.json: what a question can ask for (money, people, count, times, area, rate, duration, date,
  time of day, place, who), the words that name it, the counters written after 몇, the figure unit kinds and the
  report keys that answer it;
- question_words.json: interrogatives, relative years, seasons, follow-up openers, and the cues of
  lists, comparisons, superlatives, sums, changes, targets and filters;
- paraphrases.json: a question's word → the report's words for the same thing.
- audit_words.json: how questions name the audit follow-ups, their tables, statuses and departments.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

FOLDER = Path(__file__).resolve().parent / "lexicon"


@dataclass(frozen=True)
class AnswerType:
    name: str
    cues: frozenset[str]
    counters: frozenset[str]
    units: frozenset[str]
    keys: frozenset[str]
    generic: frozenset[str]  # words that name only this kind of answer (돈, 사람, 부서)
    measures: tuple[frozenset[str], ...] = ()  # the distinct things it measures (예산 vs 매출), a word group each


@dataclass(frozen=True)
class QuestionWords:
    interrogatives: dict[str, str]
    relative_years: dict[str, int]
    seasons: dict[str, str]  # a question's word → the report's season (봄 → 춘계)
    season_months: dict[str, list[int]]  # the report's season → the months it covers
    followup_starts: tuple[str, ...]
    list_cues: tuple[str, ...]
    compare_cues: tuple[str, ...]
    max_cues: tuple[str, ...]
    min_cues: tuple[str, ...]
    less_cues: tuple[str, ...]
    sum_cues: tuple[str, ...]
    delta_cues: tuple[str, ...]
    raise_cues: tuple[str, ...]  # raising or cutting a value: with 얼마나 it asks for the change
    comparatives: tuple[str, ...]  # stems of more/less (많, 높, 늘): with 몇/얼마 and 보다 or 더, a difference
    increment_words: tuple[str, ...]  # a figure that is itself the increase (`추가 발굴 50개`)
    target_cues: tuple[str, ...]
    before_cues: tuple[str, ...]
    comparators: dict[str, str]
    frame_words: frozenset[str]
    total_rows: frozenset[str]
    rate_bases: tuple[tuple[str, ...], ...]  # words naming one basis of a rate (`1인당`, `한 달에`)
    per_month_cues: tuple[str, ...]  # `한 달에 얼마`: a rate per month, with no 당 written
    place_counts: dict[str, list[str]]  # counters that count places or bodies, and the units that do
    criterion_cues: tuple[str, ...]  # `참여 조건`, `지원 기준`: a criterion is asked, so a bound answers
    measure_forms: dict[str, list[str]]  # a measure no answer type knows (`몇 살`) → its other written forms (세)


def _read(name: str) -> dict:
    data = json.loads((FOLDER / name).read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if not k.startswith("_")}


@lru_cache(maxsize=1)
def answer_types() -> tuple[AnswerType, ...]:
    return tuple(AnswerType(name, frozenset(v["cues"]), frozenset(v["counters"]), frozenset(v["units"]),
                            frozenset(v["keys"]), frozenset(v["generic"]),
                            tuple(frozenset(w.lower() for w in group) for group in v.get("measures", ())))
                 for name, v in _read("answer_types.json").items())


@lru_cache(maxsize=None)
def answer_type(name: str) -> AnswerType:
    return next(t for t in answer_types() if t.name == name)


@lru_cache(maxsize=1)
def question_words() -> QuestionWords:
    d = _read("question_words.json")
    tuples = ("followup_starts", "list_cues", "compare_cues", "max_cues", "min_cues", "less_cues", "sum_cues",
              "delta_cues", "raise_cues", "comparatives", "increment_words", "target_cues", "before_cues",
              "per_month_cues", "criterion_cues")
    sets = ("frame_words", "total_rows")
    d["rate_bases"] = tuple(tuple(group) for group in d["rate_bases"])
    return QuestionWords(**{k: tuple(v) if k in tuples else frozenset(v) if k in sets else v for k, v in d.items()})


@lru_cache(maxsize=1)
def plain_words() -> frozenset[str]:
    """Words that name no particular thing: frame words (지금, 규모) and the answer types' generic words
    (돈, 사람, 곳)."""
    return question_words().frame_words.union(*(t.generic for t in answer_types()))


@lru_cache(maxsize=1)
def paraphrases() -> dict[str, tuple[str, ...]]:
    return {k.lower(): tuple(v) for k, v in _read("paraphrases.json").items()}


@dataclass(frozen=True)
class AuditWords:
    audit_cues: tuple[str, ...]
    not_audit: tuple[str, ...]
    all_phrases: tuple[str, ...]
    kinds: dict[str, tuple[str, ...]]  # the report's table name → its cues
    not_done: tuple[str, ...]
    statuses: dict[str, tuple[str, ...]]  # the report's status → its cues, in the order they are tried
    count_cues: tuple[str, ...]
    counters: tuple[str, ...]
    department_asks: tuple[str, ...]
    status_asks: tuple[str, ...]
    content_asks: tuple[str, ...]
    list_cues: tuple[str, ...]
    generic_words: frozenset[str]


@lru_cache(maxsize=1)
def audit_words() -> AuditWords:
    d = _read("audit_words.json")
    return AuditWords(**{k: {name: tuple(cues) for name, cues in v.items()} if isinstance(v, dict)
                         else frozenset(v) if k == "generic_words" else tuple(v) for k, v in d.items()})
