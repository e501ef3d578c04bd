"""What a question asks for, read on Kiwi morphemes: the attribute and its answer type, counters,
operations, and years relative to the report's."""
from __future__ import annotations

import pytest

from qa.analyze import analyze


@pytest.mark.parametrize("question, answer_type", [
    ("서울형 청년인턴 직무캠프 인턴 월급 얼마야?", "money"),
    ("Try Everything 2022 행사 참가자 수는 몇 명이었어?", "people"),
    ("경제정책실 지금 실제 근무 인원(현원)은 몇 명이야?", "people"),
    ("동부기술교육원 위치?", "place"),
    ("SBA 넓이 몇 ㎡야", "area"),  # 넓이: the report writes 면적 or 규모
    ("G밸리 기업 몇 군데야", "count"),  # 몇 군데: the report writes 개사 or 개소
    ("청년취업사관학교 예산현액 알려줘", "money"),  # …액: an amount of money
    ("시네마테크 공정률 몇 퍼야?", "rate"),  # 퍼: short for 퍼센트
])
def test_the_answer_type_comes_from_the_asked_attribute(question: str, answer_type: str) -> None:
    assert analyze(question, 2023).answer_type == answer_type


def test_a_counter_after_몇_is_kept_as_written() -> None:
    assert analyze("스타트업 해외 실증 몇 개사야?", 2023).counter == "개사"
    assert analyze("G밸리 기업 몇 군데야", 2023).counter == "군데"


@pytest.mark.parametrize("question, operation", [
    ("청년정책과랑 창업정책과 중 예산현액 어느 쪽이 더 많아?", "compare"),
    ("집행률 제일 높은 과는?", "max"),
    ("청년정책과랑 창업정책과 예산현액 합치면?", "sum"),
    ("차이가 뭐야?", None),  # asks what differs, not for a subtraction
    ("청년취업사관학교 예산 얼마야?", None),
])
def test_operations_are_read_from_the_question_cues(question: str, operation: str | None) -> None:
    assert analyze(question, 2023).operation == operation


def test_relative_years_are_read_against_the_report_year() -> None:
    assert analyze("작년 성과는?", 2023).years == (2022,)
    assert analyze("작년 성과는?", 2024).years == (2023,)
    assert 2022 in analyze("'22년 실적은?", 2023).years


@pytest.mark.parametrize("question", ["서울 실업률 몇 %p 떨어졌어?", "고용률 얼마나 올랐어?", "예산 얼마나 늘었어?"])
def test_informal_changes_are_deltas(question: str) -> None:
    assert analyze(question, 2023).operation == "delta"


def test_the_kind_a_superlative_picks_among_is_not_the_subject() -> None:
    q = analyze("경제정책실에서 예산 제일 많은 과 어디야?", 2023)
    assert q.operation == "max" and q.ranked == ("과",) and "과" not in q.subject


@pytest.mark.parametrize("phrase, expected", [("10%", "10%로"), ("1,200백만원", "1,200백만원으로"),
                                              ("8개소", "8개소로"), ("3", "3으로"), ("257명", "257명으로"),
                                              ("30개사", "30개사로"), ("2,300", "2,300으로")])
def test_the_particle_follows_the_last_sound(phrase: str, expected: str) -> None:
    from qa.compose import with_ro
    assert with_ro(phrase) == expected


def test_a_noun_made_a_verb_is_not_the_subject() -> None:
    """`올해 몇 군데 운영해?` names no subject of its own: it is a follow-up."""
    from qa.followup import is_followup
    q = analyze("올해 몇 군데 운영해?", 2023)
    assert "운영" not in q.subject and is_followup(q)
    named = analyze("캠퍼스타운 몇 군데 운영해?", 2023)
    # 캠퍼스타운 is one word once the report's names are in Kiwi's dictionary, two before: either way the subject
    assert "운영" not in named.subject and "캠퍼스타운".startswith(named.subject[0]) and not is_followup(named)


def test_hedges_and_generic_answer_words_are_not_asked_attributes() -> None:
    q = analyze("캠퍼스타운활성화과 지금까지 실제 지출한 돈 얼마야?", 2023)
    assert "실제" not in q.subject and "지출" not in q.subject and q.named_attributes == ()


@pytest.mark.parametrize("question, answer_type", [("서울시립과학관 관장 이름이 뭐야?", "who"),
                                                   ("동부기술교육원 위치가 어디야?", "place")])
def test_what_is_asked_for_comes_from_the_attribute_when_the_interrogative_is_뭐(question: str,
                                                                                 answer_type: str) -> None:
    assert analyze(question, 2023).answer_type == answer_type


@pytest.mark.parametrize(("question", "qualifiers"), [
    ("기술교육원 작년에 수료한 인원 몇 명이야?", ("수료",)),
    ("G밸리에 입주한 회사 몇 군데야?", ("입주",)),
    ("청년인턴 직무 캠프 작년에 참여한 회사 몇 군데였어?", ("참여",)),
    ("서울형 강소기업 몇 개 선정했어?", ()),  # the verb ends the question: it describes no noun
])
def test_a_noun_made_verb_that_describes_the_asked_noun_qualifies_it(question: str, qualifiers: tuple[str, ...]) -> None:
    q = analyze(question, 2023)
    assert q.qualifiers == qualifiers and not set(qualifiers) & set(q.subject)


@pytest.mark.parametrize("question, asked", [
    ("G밸리에 새로 들어온 입주사들 어디야?", "입주사"),  # the plural suffix is not part of what is asked
    ("서울창업허브 직원들 누구야?", "직원"),
    ("동행일자리 참여자 한 사람당 몇 시간 일해?", "참여자"),  # 사람당 is the basis of a rate
    ("솔루션앵커가 방만하다는 거, 몇 개소야?", "솔루션앵커"),  # 방만하다 says how, not what
    ("로봇과학관 준공 시점이 언제야?", "준공"),  # 시점 only frames the date
])
def test_the_asked_noun_is_the_thing_the_interrogative_governs(question: str, asked: str) -> None:
    assert analyze(question, 2023).asked_noun == asked


@pytest.mark.parametrize("question, asked", [
    ("패션위크는 무슨 근거로 하는 거야?", "근거"),
    ("K-뷰티 학과는 어느 교육원에 생겨?", "교육원"),
    ("창업허브는 어떤 기업을 뽑아?", "기업"),
])
def test_a_determiner_interrogative_asks_for_the_noun_after_it(question: str, asked: str) -> None:
    assert analyze(question, 2023).asked_noun == asked


@pytest.mark.parametrize("question, operation", [
    ("작업환경 개선 지원 업체 수 작년 실적보다 올해 목표가 몇 곳 많아?", "delta"),
    ("청년인턴 작년보다 올해 몇 명 더 뽑아?", "delta"),
    ("어느 쪽이 얼마나 더 많아?", "compare"),  # which one first; the comparison states the gap
    ("청년정책과랑 창업정책과 중 예산현액 어느 쪽이 더 많아?", "compare"),
])
def test_an_amount_asked_with_a_comparison_is_a_difference(question: str, operation: str) -> None:
    assert analyze(question, 2023).operation == operation


@pytest.mark.parametrize("question, operation", [
    ("R&D센터 1차로 착공한 건축주들 누구야?", "list"),
    ("테스트베드 참여 기관들은 어디야?", "list"),
    ("R&D센터 건축주 누구야?", None),
])
def test_a_plural_before_who_or_where_asks_for_all_of_them(question: str, operation: str | None) -> None:
    assert analyze(question, 2023).operation == operation


@pytest.mark.parametrize("question, answer_type", [
    ("청년정책과랑 창업정책과 사업비 어느 쪽이 더 커?", "money"),
    ("두 캠퍼스 중 면적 어디가 더 넓어?", "area"),
    ("청년정책과랑 창업정책과 중 어느 쪽 인원이 더 많아?", "people"),
])
def test_a_comparison_is_made_in_the_measure_its_attribute_names(question: str, answer_type: str) -> None:
    assert analyze(question, 2023).answer_type == answer_type


def test_of_two_questions_in_one_message_the_last_is_answered() -> None:
    q = analyze("경제정책실 조직 구성이 어떻게 돼? 과가 몇 개야?", 2023)
    assert (q.answer_type, q.counter) == ("count", "개") and q.asked_noun != "구성"


@pytest.mark.parametrize("question", ["올해 서울 취업자 증가 전망은 얼마야?", "캠퍼스타운 입주자 규모 얼마나 돼?"])
def test_a_person_noun_asks_for_people_even_after_얼마(question: str) -> None:
    assert analyze(question, 2023).answer_type == "people"


@pytest.mark.parametrize("question, basis", [
    ("청년취업사관학교 교육생 1인당 교육비 얼마 들어?", "인"),
    ("테스트베드 실증 과제 하나당 최대 얼마 줘?", "과제"),
    ("창업팀 한 팀당 지원금 얼마씩 줘?", "팀"),
    ("서울 동행일자리 하면 한 달에 얼마 받아?", "달"),
    ("서울 동행일자리 올해 예산 얼마야?", ""),
])
def test_what_an_amount_is_asked_per_is_its_basis_not_its_subject(question: str, basis: str) -> None:
    q = analyze(question, 2023)
    assert q.rate_basis == basis
    assert not basis or (basis not in q.subject and q.asked_noun != basis)


def test_a_word_of_another_kind_than_the_asked_one_is_no_asked_attribute() -> None:
    q = analyze("매출채권 보험료 지원은 어느 기관에 맡겼어?", 2023)  # 보험료 is part of the program's name
    assert q.answer_type == "who" and "보험료" not in q.named_attributes


@pytest.mark.parametrize("question, ordinals", [
    ("뉴딜일자리 민간기업 맞춤형 2차는 몇 명 뽑아?", ("2차",)),
    ("영등포 캠퍼스 1·2기랑 3기 합치면 몇 명이야?", ("1·2기", "3기")),
    ("스케일업센터 2호점은 어디야?", ("2호점",)),
    ("서울패션위크 1년에 몇 차례 열려?", ()),  # 차례 counts times
    ("3기업 중에 어디가 커?", ()),
])
def test_the_asked_round_or_branch_is_read(question: str, ordinals: tuple[str, ...]) -> None:
    assert analyze(question, 2023).ordinals == ordinals


@pytest.mark.parametrize("question", ["원래는 얼마였는데?", "올리기 전에는 얼마였는데?"])
def test_asking_for_the_value_before_a_change_names_no_subject_so_it_follows_up(question: str) -> None:
    from qa.followup import is_followup

    q = analyze(question, 2023)
    assert q.subject == () and is_followup(q)


@pytest.mark.parametrize("question", ["거긴 언제 문 열어?", "거기는 언제 개관해?", "그건 언제 끝나?"])
def test_a_question_about_there_or_that_follows_up_and_its_phrase_is_no_subject(question: str) -> None:
    from qa.followup import is_followup

    q = analyze(question, 2023)
    assert q.subject == () and is_followup(q)  # `문 열어` is 개관, not something named 문


@pytest.mark.parametrize("question, places", [
    ("G밸리 입주기업 몇개사야?", ("g밸리",)),  # a Latin letter and a noun written together are one name
    ("서울창업허브 스케일업센터 언제 열어?", ("서울창업허브", "스케일업센터")),
    ("청년취업사관학교 올해 예산 얼마야?", ("청년취업사관학교",)),
    ("뉴딜일자리 올해 예산 얼마야?", ()),  # …일자리 names a kind of job, not a place
])
def test_the_places_a_question_names_are_read_whole(question: str, places: tuple[str, ...]) -> None:
    assert analyze(question, 2023).places == places


def test_an_everyday_word_that_heads_a_longer_name_is_not_paraphrased() -> None:
    assert "개관" not in analyze("오픈이노베이션 올해 예산 얼마야?", 2023).terms  # a program, not an opening
    assert "개관" in analyze("서울창업허브 언제 오픈해?", 2023).terms


def test_an_everyday_word_kiwi_splits_is_still_paraphrased() -> None:
    from qa.analyze import expand
    from qa.cues import Morph

    split = (Morph("행", "NNG", 0, 1), Morph("감", "NNG", 1, 2), Morph("자료", "NNG", 3, 5))  # how Kiwi may read 행감
    assert "감사" in expand(("행", "감", "자료"), "행감 자료", split)  # 행감 is 행정사무감사
    apart = (Morph("행", "NNG", 0, 1), Morph("감", "NNG", 2, 3))
    assert "감사" not in expand(("행", "감"), "행 감", apart)  # two words are no 행감


def test_a_round_is_neither_subject_nor_what_is_asked() -> None:
    q = analyze("영등포 캠퍼스 3기는 몇 명 중에 몇 명 취업했어?", 2023)
    assert q.ordinals == ("3기",) and "기" not in q.subject and q.asked_noun != "3기"


@pytest.mark.parametrize("question, report_word", [("회사들 몇 개야?", "업체"), ("관객수 몇 명이야?", "관람객")])
def test_a_suffix_or_a_count_word_after_an_everyday_word_keeps_its_paraphrase(question: str, report_word: str) -> None:
    assert report_word in analyze(question, 2023).terms  # 회사 is 기업 or 업체, 관객 is 관람객


@pytest.mark.parametrize("question, variants", [
    ("민간형 뉴딜일자리 예산 얼마야?", ("민간형",)),
    ("뉴딜일자리 해외형 사업은 몇 개야?", ("해외형",)),
    ("지역형이랑 해외형 사업 뭐가 있어?", ("지역형", "해외형")),
])
def test_the_kind_of_program_a_question_names_is_read(question: str, variants: tuple[str, ...]) -> None:
    assert analyze(question, 2023).variants == variants


@pytest.mark.parametrize("question, whole", [
    ("캠퍼스타운 예산 전체 얼마야?", True),
    ("캠퍼스타운 예산 총 얼마?", True),
    ("AI 지원센터 총사업비 얼마야?", False),  # 총사업비 is the report's word, not a question of the whole
])
def test_a_question_of_the_whole_is_read(question: str, whole: bool) -> None:
    assert analyze(question, 2023).whole is whole
