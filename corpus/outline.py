"""Recognise the report's headings: parts, chapters, programs, sub-programs and blocks.

The report is a text export of a slide-like document, so headings come in several shapes:
`IV. 주요 업무보고`, a chapter table of contents followed by the chapter repeated,
a program number alone on its line with the title on the next non-blank line (or `3 제목`),
circled sub-program numbers (`①` alone or `① 제목`), and `□` blocks. Parts I–II carry
short free-standing headings (`주요기능`, `경제전망 및 분야별 동향`) and `【 … 】` blocks.
"""
from __future__ import annotations

import re

from corpus.text import collapse_letter_spacing, squash_ws

ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "Ⅰ": 1, "Ⅱ": 2, "Ⅲ": 3, "Ⅳ": 4, "Ⅴ": 5}
ROMAN_NAMES = ("", "I", "II", "III", "IV", "V")
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮"

PART_RE = re.compile(r"^(IV|V|I{1,3}|Ⅰ|Ⅱ|Ⅲ|Ⅳ|Ⅴ)\.\s*(\S.*)$")
NUMBERED_RE = re.compile(r"^(\d{1,2})\.\s+(\S.*)$")  # "2. 지속성장 …" (chapter or TOC entry)
PROGRAM_RE = re.compile(r"^(\d{1,2})(?:\s+(\S.*))?$")  # "3" or "3 스타트업 글로벌 진출 지원"
CIRCLED_RE = re.compile(rf"^(?:-\s*)?([{CIRCLED}])\s*(.*)$")
BLOCK_RE = re.compile(r"^□\s*(\S.*)$")
BRACKET_BLOCK_RE = re.compile(r"^【\s*(.+?)\s*】")
INLINE_HEADING_RE = re.compile(r"^([가-힣]{2,8})\s+-\s+\S")  # "인력현황 - 정원 269 / …"
FREE_HEADING_RE = re.compile(r"^[가-힣][가-힣\s·]{1,24}$")


def clean_title(text: str) -> str:
    """Title as displayed: letter-spacing collapsed, whitespace squashed, markup stars dropped."""
    return squash_ws(collapse_letter_spacing(text.replace("**", "")))


def block_title(text: str) -> str:
    """`□ 추진현황 : 7,147명, …` is titled by what stands before the colon."""
    return clean_title(text.split(" : ")[0])


def match_part(line: str) -> tuple[int, str] | None:
    m = PART_RE.match(line.strip())
    if not m:
        return None
    return ROMAN[m.group(1)], clean_title(m.group(2))


def match_numbered(line: str) -> tuple[int, str] | None:
    m = NUMBERED_RE.match(line.strip())
    return (int(m.group(1)), clean_title(m.group(2))) if m else None


def match_program(line: str) -> tuple[int, str] | None:
    """A bare program number, with or without its title on the same line."""
    m = PROGRAM_RE.match(line.strip())
    if not m:
        return None
    title = m.group(2) or ""
    if title and (not re.match(r"[가-힣A-Za-z0-9「『]", title) or "\t" in line):
        return None
    return int(m.group(1)), clean_title(title)


def match_circled(line: str) -> tuple[int, str] | None:
    """`①`, `① 제목` or the TOC form `- ① 제목`; raw lines only (HTML cells start with `<p>`)."""
    m = CIRCLED_RE.match(line.strip())
    if not m:
        return None
    return CIRCLED.index(m.group(1)) + 1, clean_title(m.group(2))


def match_block(line: str) -> str | None:
    m = BLOCK_RE.match(line.strip())
    return block_title(m.group(1)) if m else None


def match_bracket_block(line: str) -> str | None:
    m = BRACKET_BLOCK_RE.match(line.strip())
    return clean_title(m.group(1)) if m else None


def match_free_heading(line: str, prev_blank: bool, next_blank: bool) -> str | None:
    """Short stand-alone Hangul lines in parts I–II (`주요기능`, `예 산`) or `인력현황 - …`."""
    text = line.strip()
    m = INLINE_HEADING_RE.match(text)
    if m and m.group(1).endswith("현황"):
        return m.group(1)
    if prev_blank and next_blank and "\t" not in line and FREE_HEADING_RE.match(text):
        return clean_title(text)
    return None
