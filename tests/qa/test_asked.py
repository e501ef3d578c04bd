"""What a question asks about, and when the report's passages do not name it."""
from __future__ import annotations

import pytest

from corpus.model import Chunk
from qa.abstain import judge
from qa.analyze import analyze
from qa.asked import asked_noun, mentions


@pytest.mark.parametrize("question, noun", [
    ("서울형 청년인턴 직무캠프 인턴 월급 얼마야?", "월급"),
    ("Try Everything 2022 행사 참가자 수는 몇 명이었어?", "참가자"),
    ("경제정책실 지금 실제 근무 인원(현원)은 몇 명이야?", "현원"),
    ("동부기술교육원 위치?", "위치"),
    ("로봇과학관 공사 진척률이랑 개관 예정 시기 알려줘", "개관"),
    ("작년 패션위크 수주박람회에서 실제 수주한 금액은?", None),  # a frame word: how, not what
    ("동행일자리 참여하면 한 달에 얼마 받아?", None),
    ("서울투자청 작년 FDI 유치 실적은?", "유치"),  # 실적 says how to answer, 유치 what about
])
def test_the_asked_noun_is_the_word_governing_the_interrogative(question: str, noun: str | None) -> None:
    assert asked_noun(question) == noun


def test_mentions_ignores_spacing_punctuation_and_uses_report_words() -> None:
    assert mentions("취창업률", "금천 캠퍼스 취·창업률 71 %")
    assert mentions("시급", "생활임금 (시간당 11,157원) 적용")
    assert not mentions("월급", "'23년 예산 : 4,000백만원")


class NoSubjects:
    def section_text(self, ref: str) -> str:
        return ""

    def subjects(self, fig) -> tuple[None, list[str]]:
        return None, []


def chunk(text: str) -> Chunk:
    return Chunk("X#0", "X", "text", text, 1, 1, "보고서 > 사업")


def test_judge_abstains_when_no_passage_names_the_asked_noun() -> None:
    q = analyze("직무캠프 인턴 월급 얼마야?")
    verdict = judge(q, asked_noun(q.text), [chunk("- '23년 예산 : 4,000백만원")], [], NoSubjects())
    assert verdict.abstain and "월급" in verdict.reason


def test_judge_asks_a_who_question_for_a_name() -> None:
    q = analyze("홍보대사 누구로 정해졌어?")
    unnamed = judge(q, asked_noun(q.text), [chunk("- 글로벌 인지도를 갖춘 홍보대사 선정하여 위상제고")], [],
                     NoSubjects())
    named = judge(q, asked_noun(q.text), [chunk("- 홍보대사 선정 ((주)가나다 소속 배우)")], [], NoSubjects())
    assert unnamed.abstain and not named.abstain


class TwoSubjects(NoSubjects):
    def subjects(self, fig) -> tuple[str, list[str]]:
        return "○ (가칭) AI 지원센터 조성(8월)", ["○ 양재 AI 융·복합 타운 조성('28)"]


def test_a_figure_under_another_subject_does_not_answer() -> None:
    from corpus.model import Figure
    from qa.abstain import about_another_subject

    fig = Figure("총사업비", 35369, "백만원", 35_369_000_000, None, "IV.4.1", 10, "- 총사업비 : 35,369백만원")
    assert about_another_subject(analyze("양재 융복합 타운 총사업비 얼마 들어?"), fig, TwoSubjects())
    assert not about_another_subject(analyze("AI 지원센터 총사업비 얼마야?"), fig, TwoSubjects())
    assert not about_another_subject(analyze("양재 융복합 타운 총사업비 얼마 들어?"), fig, NoSubjects())
