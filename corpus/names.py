"""The report's own names, for Kiwi's user dictionary: departments, facilities, programs, funds.

Kiwi splits an unknown compound (`스케일업센터` → 스케일/업/센터), so a question and a follow-up
lose the name they are about. The names come from the report itself: single words ending in a
naming suffix (…과, …센터, …허브, …사관학교, …펀드 …) and short names the report quotes
(「뷰티복합문화공간」, '서울큐브'), letter-spacing collapsed.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from corpus.text import collapse_letter_spacing, strip_html

NAMES_VERSION = "1"
DEPARTMENT_SUFFIX = "과"  # a department only where a table row names it: `상생협력과 동반성장` is not one
NAME_SUFFIXES = (
    "과학관", "박물관", "교육원", "진흥원", "센터", "허브",
    "사관학교", "캠퍼스", "밸리", "타운", "펀드", "위크", "랩", "하우스", "아카데미", "클러스터", "기업", "특구", "카페",
    "단지", "산단", "일자리", "포럼", "플라자", "큐브", "시네마테크", "협의회", "연합",
)
COMMON_SUFFIXES = ("기업", "일자리")  # they also end plain nouns: 입주기업, 동행일자리 name no one place or body
# Places and bodies that have siblings of the same kind (another …허브, …캠퍼스, …교육원): not the kinds
# whose names are categories as often as names (…단지: 국가산업단지, …펀드, …포럼, …특구)
FACILITY_SUFFIXES = ("과학관", "박물관", "교육원", "진흥원", "센터", "허브", "사관학교", "캠퍼스", "밸리", "타운",
                     "위크", "랩", "하우스", "아카데미", "카페", "플라자", "큐브", "시네마테크")
MIN_NAME, MAX_NAME = 4, 16
_WORD_RE = re.compile(r"[가-힣A-Za-z0-9]+")
_QUOTED_RE = re.compile(r"[「『‘'](?:\(가칭\)\s*)?([가-힣A-Za-z0-9]{3,16})[」』’']")


def _is_name(word: str) -> bool:
    return (MIN_NAME <= len(word) <= MAX_NAME and bool(re.search(r"[가-힣]", word))
            and not word[0].isdigit() and word.endswith(NAME_SUFFIXES))


def ends_like_a_name(word: str) -> bool:
    """`송파 캠퍼스`, `서부기술교육원`: the word ends the way the report's places and bodies are named."""
    return word.endswith(NAME_SUFFIXES) and not word.endswith(COMMON_SUFFIXES)


def facility_kind(word: str) -> str:
    """The kind of place a name names (`서울바이오허브` → 허브), or '' when it names no facility."""
    return max((s for s in FACILITY_SUFFIXES if word.endswith(s) and len(word) > len(s)), key=len, default="")


def _row_names(raw: str) -> list[str]:
    """A table row's first cell when it is one word ending in 과 (`경 제 정 책 과`)."""
    first = collapse_letter_spacing(strip_html(raw.split("\t", 1)[0])).strip()
    return [first] if "\t" in raw and _WORD_RE.fullmatch(first or "-") and first.endswith(DEPARTMENT_SUFFIX) \
        and MIN_NAME <= len(first) <= MAX_NAME else []


def report_names(lines: Iterable[str]) -> list[str]:
    """Distinct names in order of first appearance."""
    found: dict[str, None] = {}
    for raw in lines:
        for name in _row_names(raw):
            found.setdefault(name, None)
        text = collapse_letter_spacing(strip_html(raw))
        for m in _QUOTED_RE.finditer(text):
            found.setdefault(m.group(1), None)
        for word in _WORD_RE.findall(text):
            if _is_name(word):
                found.setdefault(word, None)
    return list(found)
