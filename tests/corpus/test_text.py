"""Text normalization: tags, letter spacing."""
from __future__ import annotations

from corpus.text import collapse_letter_spacing, strip_html


def test_strip_html_keeps_the_reports_boxed_titles() -> None:
    assert strip_html("< 서울창업허브 스케일업센터 개관식(안) >") == "< 서울창업허브 스케일업센터 개관식(안) >"
    assert strip_html("<p>① 광진 '23.5</p> <ul><li>a</li></ul>") == "① 광진 '23.5 a"


def test_letter_spaced_words_collapse_and_ordinary_text_stays() -> None:
    assert collapse_letter_spacing("경 제 정 책 과") == "경제정책과"
    assert collapse_letter_spacing("대 상 : 청년") == "대상 : 청년"
    assert collapse_letter_spacing("서울 뷰티산업 경쟁력") == "서울 뷰티산업 경쟁력"
    assert collapse_letter_spacing("교육(수료)생 취·창업") == "교육(수료)생 취·창업"
