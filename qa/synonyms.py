"""How staff ask vs how the report writes: a small vocabulary map used to widen a question's terms.

Keys are words a question may use; values are the report's words for the same thing. Kept short
and general (pay, location, dates, scale); it widens lexical matching, it does not pick answers.
"""
from __future__ import annotations

from corpus.tokens import morphs

REPORT_WORDS: dict[str, tuple[str, ...]] = {
    "시급": ("시간당", "임금"),
    "월급": ("월", "임금", "지급"),
    "한 달": ("월", "지급"),
    "급여": ("임금", "지급"),
    "임금": ("지급", "시간당"),
    "위치": ("소재지", "주소"),
    "어디": ("위치", "소재지", "장소"),
    "주소": ("위치", "소재지"),
    "언제": ("일정", "기간", "개최", "시기"),
    "날짜": ("일정", "기간", "개최"),
    "사업비": ("사업규모", "총사업비"),
    "돈": ("예산", "사업비"),
    "직원": ("인원", "정원", "현원"),
    "근무": ("현원", "인원"),
    "근거": ("추진근거", "조례"),
    "누가": ("운영", "기관"),
    "누구": ("운영", "기관", "선정"),
    "출자": ("출자액",),
    # abbreviations and common misspellings of the report's names
    "sba": ("서울산업진흥원",),
    "서울산업진흥원": ("sba",),
    "벨리": ("밸리",),
    "디엠씨": ("dmc",),
    "동대문디자인플라자": ("ddp",),
}


def expand(words: tuple[str, ...], text: str) -> tuple[str, ...]:
    """Extra lexical terms for the report's wording of `words` (and of interrogatives in `text`)."""
    extra: list[str] = []
    for key, targets in REPORT_WORDS.items():
        if key in words or (len(key) > 1 and key in text):
            for target in targets:
                extra.extend(morphs(target))
    return tuple(t for t in dict.fromkeys(extra) if t not in words)
