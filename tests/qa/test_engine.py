"""The engine end to end on the fixture report: cited answers, figures, follow-ups, computations."""
from __future__ import annotations

import pytest

from qa.engine import QAEngine
from qa.errors import InvalidQuestionError, SectionNotFoundError


def test_a_budget_question_gets_the_figure_with_its_unit_and_its_source(engine: QAEngine) -> None:
    answer = engine.ask("청년취업사관학교 올해 예산은?")
    assert not answer.abstained
    top = answer.figures[0]
    marker = next(n for n, p in enumerate(answer.passages, 1) if p.id == top.passage_id)
    assert "37,799백만원" in answer.answer and f"[{marker}]" in answer.answer
    assert (top.value, top.unit, top.value_krw, top.year) == (37799, "백만원", 37_799_000_000, 2023)
    assert top.section.path[-1] == "사업개요"
    cited = next(p for p in answer.passages if p.id == top.passage_id)
    assert "'23년 예산 : 37,799백만원" in cited.text
    assert cited.lines[0] <= 38 <= cited.lines[1]


@pytest.mark.parametrize("question", ["청년 취업 사관학교 예산 얼마야?", "청년취업사관학교 23년 예산 얼마임"])
def test_spacing_variants_and_informal_endings_find_the_same_figure(engine: QAEngine, question: str) -> None:
    assert engine.ask(question).figures[0].value == 37799


def test_a_follow_up_borrows_the_previous_topic(engine: QAEngine) -> None:
    first = engine.ask("청년취업사관학교 올해 예산은?")
    follow = engine.ask("그럼 작년 성과는?", session_id=first.session_id)
    assert follow.session_id == first.session_id
    assert follow.passages[0].section.path[-1] == "'22년 추진성과"
    assert not engine.ask("작년 성과는?").passages[0].section.path[-1] == "사업개요"


def test_a_table_cell_answers_with_its_row_and_column(engine: QAEngine) -> None:
    answer = engine.ask("청년정책과 집행률 몇 %야?")
    assert (answer.figures[0].value, answer.figures[0].unit) == (25.0, "%")


def test_a_sum_is_computed_from_cited_figures(engine: QAEngine) -> None:
    answer = engine.ask("청년정책과랑 창업정책과 예산현액 합치면?")
    total = answer.figures[0]
    assert total.computed and (total.value, total.unit) == (2000, "백만원")
    assert total.value_krw == 2_000_000_000
    operands = {f.value for f in answer.figures[1:] if not f.computed}
    assert operands == {1200, 800}
    assert "1,200 + 800 = 2,000백만원" in answer.answer


def test_a_comparison_names_the_larger_one(engine: QAEngine) -> None:
    answer = engine.ask("청년정책과랑 창업정책과 중 예산현액 어느 쪽이 더 많아?")
    assert answer.answer.startswith("청년정책과 쪽이 더 큽니다 (차이 400백만원)")  # fails when no comparison is made
    larger, gap, smaller = answer.figures[:3]
    assert (larger.label, larger.value) == ("청년정책과 예산현액", 1200)
    assert gap.computed and (gap.value, gap.unit, gap.value_krw) == (400, "백만원", 400_000_000)
    assert (smaller.label, smaller.value) == ("창업정책과 예산현액", 800)


def test_the_gap_between_two_rates_is_in_percentage_points(engine: QAEngine) -> None:
    answer = engine.ask("청년정책과랑 창업정책과 중에 집행률 어느 쪽이 더 높아?")
    assert answer.answer.startswith("청년정책과 쪽이 더 큽니다 (차이 15%p)")
    assert [(f.value, f.unit, f.computed) for f in answer.figures[:2]] == [(25.0, "%", False), (15.0, "%p", True)]


def test_what_the_report_does_not_say_is_not_guessed(engine: QAEngine) -> None:
    answer = engine.ask("청년취업사관학교 강사 월급 얼마야?")
    assert answer.abstained
    assert answer.answer.startswith("보고서에서 찾을 수 없습니다")
    assert answer.figures == ()


def test_bad_questions_are_refused_with_a_domain_error(engine: QAEngine) -> None:
    with pytest.raises(InvalidQuestionError):
        engine.ask("   ")
    with pytest.raises(InvalidQuestionError):
        engine.ask("가" * 1001)


def test_outline_and_sections(engine: QAEngine) -> None:
    refs = [s["ref"] for s in engine.outline()]
    assert refs[:3] == ["I", "I.1", "I.2"]
    section = engine.section("IV.1.1.b1")
    assert "37,799백만원" in section["text"]
    assert section["path"][-1] == "사업개요"
    with pytest.raises(SectionNotFoundError):
        engine.section("IX.9")


def test_a_year_the_report_does_not_cover_is_not_answered_with_another_years_figure(engine: QAEngine) -> None:
    answer = engine.ask("청년취업사관학교 2024년 예산은?")
    assert answer.abstained and answer.figures == ()


def test_people_are_never_added_to_money(engine: QAEngine) -> None:
    answer = engine.ask("교육 인원이랑 사업개요 예산 더하면?")
    assert answer.answer.startswith("단위가 달라 더할 수 없습니다")
    assert {f.unit for f in answer.figures} == {"명", "백만원"}
    assert not any(f.computed for f in answer.figures)


def test_a_long_source_line_is_quoted_by_the_clause_that_states_the_figure() -> None:
    from corpus.candidates import Candidate
    from corpus.model import Figure
    from qa.compose import quote

    line = ("9. 기술교육원 지원 바람 (일자리정책과) 추진상황 : 추진 중 ○ " + "여러 사업을 검토하고 있음. " * 8
            + "○ 최근 3년간 취약계층 지원자는 1,651명으로 입학인원의 약 15% 수준임 ○ 향후계획")
    fig = Figure("취약계층 지원자는", 1651, "명", None, None, "V.2", 1, line)
    cand = Candidate("A1.0", "audit", line, 1, 1, "V.2", (), "V.2#0", (fig,))
    assert quote(cand, fig) == "최근 3년간 취약계층 지원자는 1,651명으로 입학인원의 약 15% 수준임"
    assert quote(cand).endswith("…") and len(quote(cand)) < len(line)


@pytest.mark.parametrize("question, department, value", [
    ("집행률 제일 낮은 과는?", "창업정책과", 10.0),
    ("예산현액 제일 많은 과 어디야?", "청년정책과", 1200.0),
])
def test_a_superlative_picks_among_the_rows_of_the_kind_asked(engine: QAEngine, question: str, department: str,
                                                              value: float) -> None:
    answer = engine.ask(question)
    assert answer.answer.startswith(department)
    assert answer.figures[0].value == value
    assert department in answer.passages[0].text.replace(" ", "")


def test_a_counter_that_is_a_unit_asks_for_that_measure(engine: QAEngine) -> None:
    answer = engine.ask("스타트업 해외 실증 몇 개사야?")  # the line also states 6개국 and 399억원
    assert (answer.figures[0].value, answer.figures[0].unit) == (30, "개사")


def test_a_condition_on_a_column_lists_the_rows_that_meet_it(engine: QAEngine) -> None:
    answer = engine.ask("집행률 20% 넘는 과는?")
    assert "청년정책과 25%" in answer.answer and "창업정책과" not in answer.answer


def test_a_comparison_can_ask_for_the_smaller(engine: QAEngine) -> None:
    answer = engine.ask("청년정책과랑 창업정책과 중 예산현액 더 적은 곳은?")
    assert answer.answer.startswith("창업정책과 쪽이 더 작습니다")
    assert {f.value for f in answer.figures} >= {800, 1200}


def test_each_named_part_takes_the_figure_its_label_names(engine: QAEngine) -> None:
    """The line `종합형 : 3개소, 특화형 : 5개소` sits under a bullet that states 8개소 for both together."""
    answer = engine.ask("청년취업사관학교 종합형이랑 특화형 캠퍼스 합치면 몇 개소야?")
    total, *operands = answer.figures
    assert total.computed and (total.value, total.unit) == (8, "개소")
    assert [(f.label, f.value) for f in operands[:2]] == [("종합형", 3), ("특화형", 5)]


def test_a_list_question_gets_every_point_of_the_block_in_order(engine: QAEngine) -> None:
    answer = engine.ask("청년취업사관학교 작년 성과 다 알려줘")
    items = [line for line in answer.answer.splitlines() if line.startswith("- ")]
    assert [i.split(" [")[0] for i in items] == ["- (교 육) 47개 과정, 1,154명 교육",
                                                 "- (취·창업) 실전형 교육 및 취업 밀착지원, 취업률 75% 달성"]
    cited = answer.passages[0].text
    assert "1,154명 교육" in cited and "취업률 75%" in cited


def test_a_list_whose_size_the_question_states_is_the_list_of_that_many_items(real: QAEngine) -> None:
    answer = real.ask("기술교육원 새로 만드는 학과 5개가 뭐야?")  # the report lists the five new 학과 on one line
    items = [line for line in answer.answer.splitlines() if line.startswith("- ")]
    assert [i.split(" [")[0] for i in items] == ["- SW테스트엔지니어링", "- 빅데이터분석", "- 웹퍼블리싱",
                                                 "- 영상콘텐츠 제작", "- K-뷰티"], answer.answer


@pytest.mark.parametrize("question, first_item", [
    ("기술교육원 올해 새로 생기는 학과 뭐뭐야?", "- SW테스트엔지니어링"),  # under `유망학과 신설(5개)`
    ("서울-해외 스타트업 혁신 네트워크 도시들 어디어디야?", "- (캐) 몬트리올"),  # under `4개국 8개 도시`
    ("마곡산단 입주업종 다 알려줘", "- IT"),  # `입주업종 : IT, BT, NT, GT, 연구개발업`
])
def test_a_list_is_the_one_that_names_what_is_listed(real: QAEngine, question: str, first_item: str) -> None:
    answer = real.ask(question)
    items = [line.split(" [")[0] for line in answer.answer.splitlines() if line.startswith("- ")]
    assert items and items[0] == first_item, answer.answer


def test_a_question_about_the_target_alone_continues_the_conversation(real: QAEngine) -> None:
    first = real.ask("서울형 뉴딜일자리 올해 예산 얼마야?")
    target = real.ask("올해 목표 인원은 몇 명이야?", session_id=first.session_id)  # 목표 names no program
    past = real.ask("작년 실적은?", session_id=first.session_id)
    assert "뉴딜" in " ".join(target.passages[0].section.path + (target.passages[0].text,)), target.answer
    assert "3,991명" in past.answer, past.answer


def test_a_rate_split_by_basis_states_both_bases(real: QAEngine) -> None:
    answer = real.ask("뷰티패션산업과 예산 집행률이 얼마야?")  # `집행률(%)` is written per 원인행위액 and per 지출액
    first = answer.answer.splitlines()[0]
    assert "26.2%" in first and "10.5%" in first, answer.answer


@pytest.mark.parametrize("question, value", [
    ("캠퍼스타운 올해 예산 전체 얼마야?", "41,115백만원"),  # the program's `'23년 예산`, not its department's row
    ("콘텐츠 산업 예산 총 얼마야?", "32,255백만원"),
])
def test_the_whole_of_a_program_is_what_its_overview_states(real: QAEngine, question: str, value: str) -> None:
    answer = real.ask(question)
    assert answer.answer.splitlines()[0].count(value) == 1, answer.answer


def test_a_programs_overview_is_marked_for_numbers_of_the_reports_year(real: QAEngine) -> None:
    from qa.features import NAMES

    overview = NAMES.index("overview")

    def marks(question: str, starts: str) -> list[float]:
        options = real.understand(question, None).options
        return [o.features[overview] for o in options if o.cand.text.startswith(starts) and o.figure is not None]

    # `□ 사업개요 … 추진현황 : '23년 28개소 캠퍼스타운 조성·운영`; `(초기) 28개 …` is in the year's plan
    assert marks("캠퍼스타운 올해 몇 곳 운영 중이야?", "추진현황") == [1.0, 1.0, 1.0]  # 28개소, 종합형 16, 단위형 12
    assert set(marks("캠퍼스타운 올해 몇 곳 운영 중이야?", "(초기)")) == {0.0}
    assert set(marks("캠퍼스타운 작년에 몇 곳 운영했어?", "추진현황")) == {0.0}  # the box states the report's year


def test_a_sum_adds_only_figures_of_the_attribute_it_names(real: QAEngine) -> None:
    answer = real.ask("공덕 허브 해외 법인설립 현지 실증지원 작년 매출액 합계 얼마야?")
    assert "399" in answer.answer and "384" not in answer.answer.split("근거")[0], answer.answer  # 투자유치액 384억원
