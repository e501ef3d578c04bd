"""qa.evaluation against a fake ask function and four handmade gold items."""
from __future__ import annotations

import itertools
from typing import Any

import pytest

from qa.errors import InvalidQuestionError
from qa.evaluation import evaluate, same_unit

GENERAL = {"ref": "I.1", "title": "조직 및 인력", "path": ["일반 현황", "조직 및 인력"]}
BUDGET = {"ref": "II.3", "title": "소상공인 지원", "path": ["주요 업무", "소상공인 지원"]}

def gold(id: str, question: str, type: str, evidence: list[str], section: str | None,
         figures: list[dict[str, Any]], history: list[str] | None = None) -> dict[str, Any]:
    return {"id": id, "question": question, "type": type, "answer": "", "evidence": evidence, "section": section,
            "figures": figures, "history": history or []}


def passage(text: str, section: dict[str, Any]) -> dict[str, Any]:
    return {"id": "p", "text": text, "score": 1.0, "section": section, "lines": [1, 1]}


def figure(value: float, unit: str) -> dict[str, Any]:
    return {"label": "예산", "value": value, "unit": unit, "section": BUDGET}


def response(answer: str, passages: list[dict[str, Any]], figures: list[dict[str, Any]] | None = None,
             abstained: bool = False) -> dict[str, Any]:
    return {"answer": answer, "abstained": abstained, "passages": passages, "figures": figures or []}


ITEMS = [
    gold("n1", "소상공인 예산 얼마야?", "numeric", ["예산 4,740억원 (시비)"], "소상공인 지원",
         [{"value": 4740, "unit": "억"}]),
    gold("t1", "그럼 현원은?", "followup", ["현원 257명"], "소상공인 지원", [{"value": 257, "unit": "명"}],
         history=["경제정책실 정원은?"]),
    gold("u1", "서울시장 연봉은?", "unanswerable", [], None, []),
    gold("c1", "두 사업 합계는?", "aggregate", ["없는 문장"], "일반 현황",
         [{"value": 300, "unit": "억원", "computed": True}, {"value": 100, "unit": "억원"}]),
]
RESPONSES = {
    # hit at rank 2 (whitespace ignored), right section on top, figure unit "억원" matches gold "억" by prefix
    "소상공인 예산 얼마야?": response("예산은 4,740억원입니다. [2]", [passage("소상공인 지원 개요", BUDGET),
                                                   passage("예산 4,740억원\n(시비)", BUDGET)], [figure(4740.0, "억원")]),
    # hit at rank 1 but the top passage is in the wrong section; a follow-up's figures are not scored
    "그럼 현원은?": response("257명입니다.", [passage("정원 269 / 현원 257명", GENERAL)]),
    "서울시장 연봉은?": response("보고서에 없습니다.", [], abstained=True),
    # miss; only an operand is among the figures, not the computed sum, though the sum is in the answer text
    "두 사업 합계는?": response("합계는 300억원입니다.", [passage("다른 내용", GENERAL)], [figure(100, "억원")]),
}


class FakeAsk:
    def __init__(self) -> None:
        self.calls: list[tuple[str, str, int]] = []

    def __call__(self, question: str, session_id: str, top_k: int) -> dict[str, Any]:
        self.calls.append((question, session_id, top_k))
        if question not in RESPONSES:
            raise InvalidQuestionError("unknown question")
        return RESPONSES[question]


def ticking_clock(step: float = 0.010) -> Any:
    """Each reading is `step` seconds after the previous one, so every call takes exactly `step`."""
    return itertools.count(0.0, step).__next__


def test_summary_reproduces_the_http_scorer_metrics() -> None:
    summary = evaluate(ITEMS, FakeAsk(), k=5, clock=ticking_clock())
    assert summary["n"] == 4 and summary["http_ok"] == 1.0
    assert (summary["recall@1"], summary["recall@5"], summary["mrr"]) == (0.333, 0.667, 0.5)
    assert summary["section@1"] == 0.667
    assert (summary["figure_struct"], summary["figure_in_answer"]) == (0.5, 1.0)
    assert (summary["abstain_on_unanswerable"], summary["false_abstain"]) == (1.0, 0.0)
    assert (summary["latency_ms_p50"], summary["latency_ms_p95"]) == (10.0, 10.0)
    assert summary["misses"] == ["c1"]
    assert summary["cited"] == 0.333  # only n1 cites ([2]) the passage that holds its evidence
    assert summary["by_type"]["numeric"] == {"n": 1, "recall@5": 1.0, "cited": 1.0, "abstained": 0.0}
    assert summary["by_type"]["unanswerable"] == {"n": 1, "recall@5": None, "cited": None, "abstained": 1.0}


def test_history_is_asked_first_in_the_same_session() -> None:
    ask = FakeAsk()
    evaluate(ITEMS[1:2], ask, k=3)
    (history, _, k1), (question, session, k2) = ask.calls
    assert (history, question, k1, k2) == ("경제정책실 정원은?", "그럼 현원은?", 3, 3)
    assert ask.calls[0][1] == session and session.startswith("eval-t1-")


def test_refused_questions_count_as_not_answered() -> None:
    item = {**ITEMS[0], "id": "x1", "question": "알 수 없는 질문"}
    summary = evaluate([item, ITEMS[0]], FakeAsk(), clock=ticking_clock())
    assert summary["http_ok"] == 0.5 and summary["recall@5"] == 1.0


@pytest.mark.parametrize(("got", "gold", "same"), [("억원", "억", True), ("개 기업", "개", True),
                                                  ("백만원", "억원", False), ("", "명", False)])
def test_unit_prefix_rule(got: str, gold: str, same: bool) -> None:
    assert same_unit(got, gold) is same
