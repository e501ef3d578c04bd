"""The things a comparison or a sum names, shown as the question writes them."""
from __future__ import annotations

import pytest

from qa.engine import QAEngine
from qa.parts import as_written


@pytest.mark.parametrize("text, part, written", [
    ("R&D 예산 AI랑 핀테크 중에 어디가 더 많아?", ("r", "d", "예산", "ai"), "R&D 예산 AI"),
    ("서울형 R&D 바이오·의료랑 인공지능 중 어디가 더 많아?", ("바이오", "의료"), "바이오·의료"),
    ("캠퍼스타운이랑 사관학교 합치면?", ("사관", "학교"), "사관학교"),
    ("캠퍼스타운이랑 사관학교 합치면?", ("없는", "말"), "없는 말"),  # not found in order: the words joined
])
def test_a_part_is_shown_as_the_question_writes_it(text: str, part: tuple[str, ...], written: str) -> None:
    assert as_written(text, part) == written


def test_a_comparison_names_its_parts_in_the_questions_own_words(real: QAEngine) -> None:
    answer = real.ask("서울형 R&D 바이오·의료랑 인공지능 중 어디에 돈 더 많이 가?")
    assert "바이오·의료" in answer.answer and "r d" not in answer.answer, answer.answer
