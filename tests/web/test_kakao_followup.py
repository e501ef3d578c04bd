"""A follow-up in a Kakao chat borrows the earlier question's topic, per Kakao user (real engine)."""
from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from tests.web.messenger_support import app_client, fixture

from qa.engine import QAEngine, load_engine

MINI_REPORT = Path(__file__).resolve().parent.parent / "data" / "mini_report.txt"


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> QAEngine:
    work = tmp_path_factory.mktemp("mini")
    return load_engine(MINI_REPORT, work / "index", "hashing", work / "models")


def ask(client: Any, user_id: str, utterance: str) -> str:
    payload = copy.deepcopy(fixture("kakao_skill_request.json"))
    payload["userRequest"]["user"]["id"] = user_id
    payload["userRequest"]["utterance"] = utterance
    return client.post("/kakao/skill", json=payload).json()["template"]["outputs"][0]["simpleText"]["text"]


def citations(text: str) -> list[str]:
    return text.partition("\n\n출처:\n")[2].partition("\n\n전체 답변:")[0].splitlines()


def cites(text: str, project: str) -> bool:
    return any(project in c and "'22년 추진성과" in c for c in citations(text))


def test_follow_up_through_the_same_kakao_user(tmp_path: Path, engine: QAEngine) -> None:
    with app_client(tmp_path, engine) as client:
        ask(client, "aide-1", "청년취업사관학교 올해 예산은?")
        ask(client, "aide-2", "스타트업 글로벌 진출 올해 예산은?")
        first = ask(client, "aide-1", "작년 성과는?")
        second = ask(client, "aide-2", "작년 성과는?")
    # the same follow-up, two users: each one's answer stays on that user's own earlier topic
    assert cites(first, "청년취업사관학교") and not cites(first, "스타트업"), first
    assert cites(second, "스타트업") and not cites(second, "청년취업사관학교"), second
