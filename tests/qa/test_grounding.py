"""Matching a question word to a candidate's words and squashed text."""
from __future__ import annotations

from qa.grounding import PARTIAL_CREDIT, match_strength, squash


def test_a_compound_matches_in_part_by_its_stem() -> None:
    assert match_strength("운영비", frozenset({"운영", "예산"}), squash("운영 예산")) == PARTIAL_CREDIT
    assert match_strength("마곡산단", frozenset({"마곡", "산업", "단지"}), squash("마곡산업단지")) == PARTIAL_CREDIT


def test_a_two_letter_stem_inside_another_word_is_no_match() -> None:
    # 서울라이트 is not Try Everything: `라이` inside `트라이에브리썹` is a piece of another word
    assert match_strength("라이트", frozenset({"트라이에브리썹", "행사"}), squash("트라이에브리썹 행사")) == 0.0


def test_spacing_does_not_matter_for_a_whole_word() -> None:
    assert match_strength("청년취업사관학교", frozenset(), squash("청년 취업 사관학교 운영")) == 1.0
