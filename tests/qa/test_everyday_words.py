"""Staff ask in everyday words (오픈, 공사비, 밥값); the report writes its own (개관, 총사업비, 식사비). The question is
answered from the line that writes the report's word, not refused because no line writes the asker's."""
from __future__ import annotations

import pytest

from qa.engine import QAEngine


@pytest.mark.parametrize("question, quoted", [
    ("AI 지원센터 오픈 언제야?", "개관 : 10월"),
    ("양재 AI 지원센터 공사비 전체 얼마야?", "35,369백만원"),
    ("AI 지원센터 짓는 데 건설비 얼마 들어?", "35,369백만원"),
    ("강소기업 면접 커트라인 몇 점이야?", "30점"),  # the report: `득점 하한선을 … 30점`
    ("작년 서울 실직자 비율 얼마였어?", "3.4%"),  # the report: `실업률(%) : … ('22) 3.4`
    ("강소기업 평가에서 육아휴직 점수 몇 점으로 올렸어?", "30점"),  # the report: `육아휴직 배점 상향 (10점→30점)`
    ("Try Everything 관객 몇 명 왔어?", "20,590명"),  # the report: `현장 관람객 20,590명`
    ("기술교육원 식대 얼마로 올렸어?", "4,500원"),  # the report: `훈련 식사비 단가인상(3,500원→4,500원)`
    ("Try Everything 투심 언제 받아?", "투자심사 예정"),  # the report: `투자심사 예정 : '23년 상반기`
    ("서울 FDI 비중 몇 %야?", "35.3%"),  # the report: `외국인직접투자 (백 만 불) … 35.3%`
])
def test_the_askers_word_finds_the_reports_word(real: QAEngine, question: str, quoted: str) -> None:
    answer = real.ask(question)
    assert not answer.abstained and quoted in answer.answer, answer.answer


def test_a_noun_ending_in_the_measures_word_names_that_measure(real: QAEngine) -> None:
    answer = real.ask("서울시네마테크 바닥면적 얼마야?")  # 바닥면적 is an area; the report writes 연면적
    assert not answer.abstained and "4,806㎡" in answer.answer, answer.answer
