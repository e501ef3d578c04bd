"""The text pieces of messenger replies: sentence cuts, citations, links and session ids."""
from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qa.answer import Answer, Passage, SectionInfo
from web.messengers.common import MAX_LINK_CHARS, cited_passages, cut_at_sentence, page_link
from web.ownership import messenger_session
from web.schemas import SESSION_ID_PATTERN


def passage(n: int) -> Passage:
    section = SectionInfo(f"S{n}", f"절 {n}", ("보고서", f"절 {n}"))
    return Passage(f"c{n}", "본문", 1.0, section, (n * 10, n * 10 + 2))


@pytest.mark.parametrize(("text", "limit", "cut"), [
    ("짧은 답입니다.", 100, "짧은 답입니다."),
    ("첫 문장입니다. 둘째 문장입니다. 셋째 문장입니다.", 20,
     "첫 문장입니다. 둘째 문장입니다.…"),
    ("첫 줄\n둘째 줄이 아주 깁니다", 10, "첫 줄…"),
    ("마침표 없는 아주 긴 한 문장 답변", 12, "마침표 없는 아주…"),
    ("띄어쓰기없는아주긴답변입니다", 6, "띄어쓰기없…"),
])
def test_cut_at_sentence(text: str, limit: int, cut: str) -> None:
    assert cut_at_sentence(text, limit) == cut


@given(text=st.text(), limit=st.integers(min_value=1, max_value=200))
def test_a_cut_fits_and_is_a_prefix(text: str, limit: int) -> None:
    cut = cut_at_sentence(text, limit)
    assert len(cut) <= limit
    assert cut == text or (cut.endswith("…") and text.startswith(cut[:-1]))


def test_citations_follow_the_answer_markers() -> None:
    passages = (passage(1), passage(2), passage(3))
    answer = Answer("셋째 근거 [3]\n첫째 근거 [1] 다시 [3], 없는 근거 [9]", False, "s", passages, ())
    assert [rank for rank, _ in cited_passages(answer)] == [3, 1]
    assert cited_passages(Answer("표시 없음", False, "s", passages, ())) == [(1, passages[0])]
    assert cited_passages(Answer("근거 없음", True, "s", (), ())) == []


def test_page_link_encodes_the_question_and_falls_back_when_long() -> None:
    encoded = "%EC%98%88%EC%82%B0%20%26%20%EC%9D%B8%EB%A0%A5%3F"  # "예산 & 인력?"
    assert page_link("https://qa.example", "예산 & 인력?") == f"https://qa.example/?q={encoded}"
    assert page_link("https://qa.example", "가" * MAX_LINK_CHARS) == "https://qa.example/"


SECRET = b"s" * 32


@given(ids=st.lists(st.text(min_size=1), min_size=1, max_size=3))
def test_session_ids_fit_the_api_pattern(ids: list[str]) -> None:
    session = messenger_session(SECRET, "kakao", *ids)
    assert session is not None and re.match(SESSION_ID_PATTERN, session) and len(session) <= 128


def test_session_ids_need_every_part() -> None:
    assert messenger_session(SECRET, "slack", "T1", None) is None
    assert messenger_session(SECRET, "slack", "T1", "") is None
    assert messenger_session(SECRET, "slack", "T1", "U1") != messenger_session(SECRET, "slack", "T1U", "1")


def test_session_ids_cannot_be_computed_without_the_server_secret() -> None:
    """A bare hash of the (public) user id is what an attacker would compute; the keyed id is neither
    that nor the same under another secret."""
    import hashlib

    ours = messenger_session(SECRET, "kakao", "user-1")
    assert ours != messenger_session(b"t" * 32, "kakao", "user-1")
    assert ours is not None and hashlib.sha256(b"user-1").hexdigest()[:32] not in ours
