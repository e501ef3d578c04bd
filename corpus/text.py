"""Text normalization shared by parsing, figures and tokenization."""
from __future__ import annotations

import html
import re

TAG_RE = re.compile(r"</?[A-Za-z][^>]*>")  # real tags only: the report boxes titles in "< … >"
WS_RE = re.compile(r"\s+")
SPACED_RUN_RE = re.compile(r"(?<![^\s(\[「])(?:[가-힣一-鿿A-Za-z] )+[가-힣一-鿿A-Za-z](?![^\s)\]」:,·])")


def squash_ws(text: str) -> str:
    return WS_RE.sub(" ", text).strip()


def strip_html(text: str) -> str:
    """Drop tags and unescape entities, keeping cell text in order separated by single spaces."""
    if "<" not in text and "&" not in text:
        return text
    return squash_ws(html.unescape(TAG_RE.sub(" ", text)))


def collapse_letter_spacing(text: str) -> str:
    """`경 제 정 책 과` → `경제정책과`: runs of two or more single letters separated by one space."""
    return SPACED_RUN_RE.sub(lambda m: m.group(0).replace(" ", ""), text)
