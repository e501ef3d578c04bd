"""The one reader of the ways the report (and a question) writes a year: `2023년`, `'22년`, `('22)`,
`'23.4.`, `'23. 3월`, `22년`. Two-digit years are 20xx."""
from __future__ import annotations

import re

YEAR_RE = re.compile(
    r"(?<![0-9])(?P<full>20[0-9]{2})(?=\s?(?:년|\.\s?[0-9]))"  # 2023년, 2022. 11.
    r"|[‘’'](?P<short>[0-9]{2})(?![0-9])"  # '22년, ('22), '23.4.
    r"|(?<![0-9.‘’'])(?P<bare>[1-9][0-9])(?=\s?년)")  # 22년


def year_value(m: re.Match[str]) -> int:
    return int(m["full"]) if m["full"] else 2000 + int(m["short"] or m["bare"])


def years_in(text: str) -> list[int]:
    """Every year `text` states, in order (repeats kept)."""
    return [year_value(m) for m in YEAR_RE.finditer(text)]


def first_year(text: str) -> int | None:
    found = years_in(text)
    return found[0] if found else None
