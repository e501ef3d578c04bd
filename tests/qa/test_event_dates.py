"""For a `언제` question, the date written right after the event asked about, on the real report."""
from __future__ import annotations

from qa.engine import QAEngine
from qa.features import NAMES

EVENT_DATE = NAMES.index("event_date")


def event_flags(real: QAEngine, question: str) -> dict[str, float]:
    return {o.cand.text: o.features[EVENT_DATE] for o in real.understand(question, None).options}


def test_the_date_of_the_event_not_any_date_in_the_line(real: QAEngine) -> None:
    flags = event_flags(real, "서울형 강소기업 선정은 언제 해?")
    dated = next(text for text in flags if "선정(~'23.9월)" in text)
    undated = next(text for text in flags if "신규선정 평가항목 지표개선 : ~'23. 4월" in text)  # 선정 is not dated there
    assert flags[dated] == 1.0 and flags[undated] == 0.0


def test_the_reports_word_for_the_verb_counts(real: QAEngine) -> None:
    flags = event_flags(real, "동행일자리 사업 언제 시작했어?")  # the report writes 사업 개시('23.1.10~)
    assert any(flag == 1.0 for text, flag in flags.items() if "사업 개시('23.1.10~)" in text)


def test_only_date_questions_have_it(real: QAEngine) -> None:
    assert not any(event_flags(real, "서울형 강소기업 선정 기준이 뭐야?").values())


def test_a_name_in_latin_letters_is_matched_whatever_its_case(real: QAEngine) -> None:
    flags = event_flags(real, "Try Everything 언제 열려?")  # the question is read lower-cased: everything
    assert any(flag == 1.0 for text, flag in flags.items() if "Try Everything: 9.13~9.15" in text)


def test_a_date_written_before_its_event_counts(real: QAEngine) -> None:
    flags = event_flags(real, "디지털금융지원센터 준공은 언제야?")  # the report: `건립 추진('26.9월 준공 목표)`
    assert any(flag == 1.0 for text, flag in flags.items() if "('26.9월 준공 목표)" in text)
