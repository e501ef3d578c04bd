"""Clauses of a report line: where a number's clause starts, and the words that can name it.

Pure text helpers for corpus/figures.py: a clause runs back from a number to the nearest mark
(`:`, `,`, `→`, an unmatched `(`, a spaced dash…); its cleaned words, at most a few, label the number.
"""
from __future__ import annotations

import re

MARKS = ",;:/~→⇨⇒☞▶▷○●•◇◆□■※✓|\t【】<>[]"

NOISE_RE = re.compile(r"[「」『』〈〉<>【】\[\]\"“”*()¹²³⁴⁵⁶⁷⁸⁹⁰⁾⁽]|[‘’'](?![0-9])")

WORDY_RE = re.compile(r"[A-Za-z가-힣一-鿿%]")

YEAR_WORD_RE = re.compile(r"[‘’']?[0-9]{1,4}(?:\.\s?[0-9]{0,2})*[년월]?(?:말|경|기준)?")

GROUP_RE = re.compile(r"\((?:[^()]|\([^()]*\))*\)")  # one nesting level, as in the report

EDGE_WORDS = {"등", "및", "총", "약", "최대", "최소", "연", "월", "연간", "누적", "각", "중", "현재",
               "또는", "이상", "이하", "미만", "기준", "만", "이"}

MAX_LABEL_WORDS = 3


def enclosing_paren(text: str, pos: int) -> int | None:
    depth = 0
    for k in range(pos - 1, -1, -1):
        if text[k] == ")":
            depth += 1
        elif text[k] == "(":
            if depth == 0:
                return k
            depth -= 1
    return None


def region_start(text: str, pos: int, floor: int) -> tuple[int, str]:
    """Start of the clause left of `pos` and the mark that opens it ('' at `floor`)."""
    depth = 0
    for k in range(pos - 1, floor - 1, -1):
        ch = text[k]
        if ch == ")":
            depth += 1
        elif ch == "(" and depth:
            depth -= 1
        elif ch == "(" or (not depth and is_mark(text, k)):
            return k + 1, ch
    return floor, ""


def is_mark(text: str, k: int) -> bool:
    ch = text[k]
    if ch in "-－":  # a dash between spaces separates a key, as in `인력현황 - 정원 269`
        return (k == 0 or text[k - 1] == " ") and (k + 1 == len(text) or text[k + 1] == " ")
    if ch == ".":
        return text[k + 1:k + 2] == " " and not text[k - 1:k].isdigit()
    if ch == "및":
        return text[k - 1:k] == " " and text[k + 1:k + 2] == " "
    return ch in MARKS


def balanced_from(gap: str) -> bool:
    depth = 0
    for ch in gap:
        depth += (ch == "(") - (ch == ")")
        if depth < 0:
            return False
    return True


def region_label(text: str, pos: int, floor: int) -> tuple[str, int, str]:
    """Cleaned words of the clause left of `pos`, the clause start and its opening mark."""
    start, mark = region_start(text, pos, floor)
    region = text[start:pos]
    if start == floor and floor and re.match(r"[가-힣]", region):
        region = region.partition(" ")[2]  # `4개소로 확대`: `로` ends the previous figure's phrase
    return clean_label(region), start, mark


def cell_label(text: str, pos: int) -> str:
    """In a tab-separated row: the nearest cell to the left that holds no number."""
    for cell in reversed(text[:pos].split("\t")[:-1]):
        if cell.strip() and not re.search(r"[0-9]", cell):
            return clean_label(cell)
    return ""


def right_label(text: str, end: int) -> str:
    """`936만불 수주상담 진행`: words after the number (past a parenthesis) when none precede it."""
    m = re.match(r"(?:\s?\([^()]*\))? ((?:[가-힣A-Za-z&·]+ ?){1,3})", text[end:])
    return " ".join(strip_edges(m[1].split())) if m else ""


def clean_label(region: str) -> str:
    words = strip_edges(unspaced(naming_words(GROUP_RE.sub("", region)) or naming_words(region)))
    if all(YEAR_WORD_RE.fullmatch(w) for w in words):
        return ""
    return " ".join(strip_edges(words[-MAX_LABEL_WORDS:]))


def unspaced(words: list[str]) -> list[str]:
    """`대 상`, `총 계`, `G R D P` → one word; `이 중` (filler words) stays."""
    spaced = len(words) > 1 and all(len(w) == 1 for w in words)
    return ["".join(words)] if spaced and not set(words) <= EDGE_WORDS else words


def strip_edges(words: list[str]) -> list[str]:
    kept = [k for k, w in enumerate(words) if w not in EDGE_WORDS]
    return words[kept[0]:kept[-1] + 1] if kept else []


def naming_words(text: str) -> list[str]:
    """Words that name things: `30대`, `1인당`, `2015=100` go; years such as `'23년` stay."""
    return [w for w in NOISE_RE.sub(" ", text).split()
            if WORDY_RE.search(w) and (not w[0].isdigit() or YEAR_WORD_RE.fullmatch(w))]
