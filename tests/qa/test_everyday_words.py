"""Staff ask in everyday words (오픈, 공사비, 밥값); the report writes its own (개관, 총사업비, 식사비). The question is
answered from the line that writes the report's word, not refused because no line writes the asker's."""
from __future__ import annotations

import pytest

from qa.engine import QAEngine


@pytest.mark.parametrize("question, quoted", [
    ("AI 지원센터 오픈 언제야?", "개관 : 10월"),
    ("양재 AI 지원센터 공사비 전체 얼마야?", "35,369백만원"),
    ("AI 지원센터 짓는 데 건설비 얼마 들어?", "35,369백만원"),
])
def test_the_askers_word_finds_the_reports_word(real: QAEngine, question: str, quoted: str) -> None:
    answer = real.ask(question)
    assert not answer.abstained and quoted in answer.answer, answer.answer
