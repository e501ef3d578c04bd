"""What a question asks: its content terms, whether it wants a number (and of what kind),
which years it names, and whether it compares, sums or asks for a change.

Relative years are read against the report's own year (March 2023): 올해 = 2023, 작년 = 2022.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from corpus.tokens import kiwi_tokens, question_morphs
from qa.synonyms import expand

REPORT_YEAR = 2023

RELATIVE_YEARS = {"올해": 0, "금년": 0, "이번 해": 0, "작년": -1, "지난해": -1, "전년": -1, "내년": 1, "재작년": -2}
YEAR_RE = re.compile(r"(?:(?<!\d)(20\d{2})\s*년|['’‘](\d{2})\s*년?|(?<![\d.])(\d{2})\s*년)")

# Phrases that ask for a quantity, and the unit kind they expect (None: any).
NUMERIC_CUES: tuple[tuple[str, str | None], ...] = (
    ("%p", "percent_point"), ("퍼센트포인트", "percent_point"),
    ("%", "percent"), ("퍼센트", "percent"), ("비율", "percent"), ("률", "percent"), ("율", "percent"),
    ("몇 명", "people"), ("몇명", "people"), ("인원", "people"), ("관람객", "people"),
    ("몇 개사", "count"), ("몇 곳", "count"), ("몇 개", "count"), ("몇개", "count"), ("몇 팀", "count"),
    ("몇 건", "count"), ("몇 회", "count"),
    ("예산", "money"), ("사업비", "money"), ("금액", "money"), ("얼마나", None), ("얼마", "money"), ("비용", "money"),
    ("매출", "money"), ("투자", None), ("출자", "money"), ("규모", None), ("몇", None),
)
COMPARE_CUES = ("더 많", "더 크", "더 커", "더 적", "더 작", "어느 쪽", "어느 과", "어느 것", "뭐가 더", "중에", "중 뭐", "누가 더", "비교")
SUM_CUES = ("합계", "합치", "합하", "더하면", "다 더", "총합", "모두 합")
DELTA_CUES = ("늘었", "늘어", "증가", "줄었", "줄어", "감소", "떨어", "올랐", "차이", "보다 얼마")
FOLLOWUP_STARTS = ("그럼", "그러면", "그건", "그거", "거기", "그리고", "또", "그 ", "그때", "그곳", "이건", "이거")


@dataclass(frozen=True)
class Question:
    text: str
    terms: tuple[str, ...]  # what the lexical index is searched with (bigrams of compounds included)
    words: tuple[str, ...]  # the content morphemes themselves
    wants_number: bool
    unit_kind: str | None  # money | people | count | percent | percent_point | None
    years: tuple[int, ...]
    operation: str | None  # compare | sum | delta | None
    followup_cue: bool


def years_in(text: str) -> tuple[int, ...]:
    found: list[int] = []
    for word, offset in RELATIVE_YEARS.items():
        if word in text:
            found.append(REPORT_YEAR + offset)
    for m in YEAR_RE.finditer(text):
        full, short, bare = m.groups()
        found.append(int(full) if full else 2000 + int(short or bare))
    return tuple(dict.fromkeys(found))


def year_terms(years: tuple[int, ...]) -> tuple[str, ...]:
    """How the report writes a year as a token: `'22년` and `('22)` tokenize to "22"."""
    return tuple(f"{y % 100:02d}" for y in years)


def unit_kind_of(text: str) -> tuple[bool, str | None]:
    for cue, kind in NUMERIC_CUES:
        if cue in text:
            return True, kind
    return False, None


def operation_of(text: str) -> str | None:
    if any(c in text for c in SUM_CUES):
        return "sum"
    if any(c in text for c in COMPARE_CUES):
        return "compare"
    if any(c in text for c in DELTA_CUES):
        return "delta"
    return None


def analyze(text: str) -> Question:
    text = text.strip()
    wants, kind = unit_kind_of(text)
    operation = operation_of(text)
    words = tuple(question_morphs(text, bigrams=False))
    years = years_in(text)
    return Question(
        text=text,
        terms=tuple(question_morphs(text)) + expand(words, text) + year_terms(years),
        words=words,
        wants_number=wants or operation in ("sum", "delta"),
        unit_kind=kind,
        years=years,
        operation=operation,
        followup_cue=text.startswith(FOLLOWUP_STARTS),
    )


ENTITY_TAGS = frozenset({"NNG", "NNP", "SL", "SH", "XR"})
ENTITY_STOP = frozenset({"중", "쪽", "것", "거", "뭐", "어느", "더", "두", "세", "사업", "예산", "합계", "올해", "작년", "금액"})


COMITATIVES = frozenset({"랑", "이랑", "와", "과", "하고"})


def is_conjunction(tok) -> bool:
    """`A랑 B`, `A와 B`: Kiwi tags these JC, or JKB when it reads them as 'with'."""
    return tok.tag == "JC" or (tok.tag == "JKB" and tok.form in COMITATIVES)


def entities(text: str, is_report_word: Callable[[str], bool] = lambda w: False) -> list[tuple[str, ...]]:
    """The things a comparison or sum names, split at conjunctions and commas:
    "패션위크 예산이랑 뷰티산업 예산 중 뭐가 더 많아?" → [("패션위크",), ("뷰티", "산업")].
    A `과`/`와` that ends a word of the report (`창업정책과`) is part of the name, not a conjunction.
    Fewer than two parts → []. `distinct` drops the words every part shares."""
    parts: list[list[str]] = [[]]
    word, word_end = "", -1
    for tok in kiwi_tokens(text):
        word = word + tok.form if tok.start == word_end else tok.form
        word_end = tok.start + tok.len
        if is_conjunction(tok) and not is_report_word(word):
            parts.append([])
        elif tok.form in (",", "/"):
            parts.append([])
        elif tok.tag in ENTITY_TAGS and tok.form not in ENTITY_STOP:
            parts[-1].append(tok.form.lower())
    named = [tuple(p) for p in parts if p]
    return named if len(named) >= 2 else []


def distinct(parts: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """What tells the named things apart: `동행 일자리` / `뉴딜 일자리` → `동행` / `뉴딜`; [] when a
    part has nothing of its own."""
    if not parts:
        return []
    shared = set(parts[0]).intersection(*parts[1:])
    own = [tuple(w for w in p if w not in shared) for p in parts]
    return own if all(own) else []
