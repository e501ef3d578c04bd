"""The audit desk on the real report: counts that the summary table of Part V states (`1 처리결과 총괄`,
as of '23. 2. 10), listings whose every item cites the passage of its own row, the department of one
item, and ordinary questions left to the ranking."""
from __future__ import annotations

import re

import pytest

from corpus.audit import STATUSES, audit_records
from qa.answer import Answer
from qa.engine import QAEngine
from qa.lexicon import audit_words

from tests.qa.conftest import REPORT
SUMMARY_ROWS = {  # the report's summary table: 구분, 계, 완료, 추진 중, 검토 중, 미반영
    "계": "계\t48\t28\t18\t2\t-",
    "시정": "시정·처리요구사항\t27\t12\t13\t2\t-",
    "건의": "건의사항\t9\t4\t5\t-\t-",
}
MARKER_RE = re.compile(r"\[(\d+)\]")


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def cited_text(answer: Answer, line: str) -> str:
    """The passage a line's `[n]` points at (cited passages come first, in citation order)."""
    m = MARKER_RE.search(line)
    assert m, line
    return answer.passages[int(m.group(1)) - 1].text


@pytest.mark.parametrize(("question", "count", "row"), [
    ("행감 시정·처리 요구사항 중에 아직 추진 중인 거 몇 건이야?", 13, "시정"),
    ("행감 시정처리 요구사항 중 추진중인 거 몇 건?", 13, "시정"),
    ("감사 시정요구 중에 완료된 건 몇 건이야?", 12, "시정"),
    ("행정사무감사 시정·처리 요구사항 중 검토 중인 건 몇 건?", 2, "시정"),
    ("감사 건의사항 중에 완료된 건 몇 개야?", 4, "건의"),
    ("행감 건의사항 중에 마무리된 거 몇 건이야?", 4, "건의"),
    ("감사 건의사항 중에 아직 진행 중인 건 몇 개야?", 5, "건의"),
    ("행정사무감사 지적 총 몇 건이야?", 48, "계"),
])
def test_counts_are_the_summary_tables(real: QAEngine, question: str, count: int, row: str) -> None:
    answer = real.ask(question)
    assert not answer.abstained
    assert f" {count}건" in answer.answer.splitlines()[0]
    assert SUMMARY_ROWS[row] in cited_text(answer, answer.answer)
    figure = answer.figures[0]
    assert (figure.value, figure.unit, figure.computed) == (count, "건", True)


def test_records_agree_with_the_summary_table(real: QAEngine) -> None:
    records = audit_records(real.doc)
    by = {(kind[:2], status): sum(r.kind == kind and r.status == status for r in records)
          for kind in ("시정·처리 요구사항", "건의사항") for status in STATUSES}
    assert len(records) == 48
    assert (by["시정", "추진완료"], by["시정", "추진중"], by["시정", "검토중"]) == (12, 13, 2)
    assert (by["건의", "추진완료"], by["건의", "추진중"]) == (4, 5)


def test_listing_cites_each_records_own_row(real: QAEngine) -> None:
    answer = real.ask("감사 시정요구 중에 아직 검토 중인 건 뭐야?")
    assert answer.answer.startswith("2022년 행정사무감사 시정·처리 요구사항 중 검토중 2건")
    items = [line for line in answer.answer.splitlines() if line.startswith("- ")]
    wanted = [r for r in audit_records(real.doc) if r.kind == "시정·처리 요구사항" and r.status == "검토중"]
    assert [item.split(".")[0] for item in items] == [f"- {r.number}" for r in wanted] == ["- 8", "- 23"]
    for item, record in zip(items, wanted):
        assert squeezed(record.request) in squeezed(cited_text(answer, item))
        assert f"({record.department})" in item


def test_count_by_department_lists_its_records(real: QAEngine) -> None:
    answer = real.ask("일자리정책과 소관 행감 요구사항 몇 건이야?")
    head, *items = answer.answer.splitlines()
    assert "일자리정책과" in head and " 20건" in head
    assert len(items) == 20 and all("(일자리정책과)" in item for item in items)
    for item in items:
        request = item.split(". ", 1)[1].rsplit(" (일자리정책과)", 1)[0]
        assert squeezed(request) in squeezed(cited_text(answer, item))
    assert answer.figures[0].value == 20 and answer.figures[0].computed


def test_department_of_one_item(real: QAEngine) -> None:
    answer = real.ask("스마트앵커 지지부진하다는 지적은 어느 과 소관이야?")
    first = answer.answer.splitlines()[0]
    assert first.startswith("뷰티패션산업과")
    passage = cited_text(answer, first)
    assert "스마트앵커" in passage and "지지부진" in passage and "(뷰티패션산업과)" in passage


def test_status_of_one_item(real: QAEngine) -> None:
    answer = real.ask("파트너스하우스 무리하게 용도전환했다는 지적, 처리상태가 뭐야?")
    first = answer.answer.splitlines()[0]
    assert first.startswith("추진완료")
    assert "파트너스하우스" in cited_text(answer, first)


@pytest.mark.parametrize("question", [
    "청년취업사관학교 올해 예산은?",
    "행감 자료에서 2022년 기술교육원 취약계층 입학자 몇 명이야?",  # a number the text states, not a count
    "스마트앵커 지적에 대해 어떤 조치를 했어?",  # what was done: the ranking quotes it
])
def test_other_questions_are_left_to_the_ranking(real: QAEngine, question: str) -> None:
    ranking = real.understand(question, None)
    assert real.audit.answer(ranking.question, ranking) is None


def test_ordinary_question_is_answered_as_before(real: QAEngine) -> None:
    answer = real.ask("청년취업사관학교 올해 예산은?")
    assert "37,799" in answer.answer and "행정사무감사" not in answer.answer


def test_audit_words_name_the_reports_statuses_and_tables(real: QAEngine) -> None:
    words = audit_words()
    assert set(words.statuses) <= set(STATUSES)
    assert set(words.kinds) == {r.kind for r in audit_records(real.doc)}


def test_a_figure_stated_inside_an_audit_item_is_not_a_count_of_items(real: QAEngine) -> None:
    """The 강소기업 item states 선정기업 수 by year: `몇 개 선정` asks for that figure, not how many items."""
    answer = real.ask("행정사무감사 자료에서 강소기업 2021년에 몇 개 선정됐어?")
    assert "건입니다" not in answer.answer
    assert any(f.value == 53 and f.unit == "개" for f in answer.figures[:3])
