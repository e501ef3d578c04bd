"""POST /kakao/skill against the documented skill payload: always a valid "2.0" reply."""
from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from tests.web.fakes import FakeEngine
from fastapi.testclient import TestClient
from tests.web.messenger_support import RecordingEngine, app_client, check_kakao_reply, fixture, simple_text

from qa.answer import Answer
from web.app import create_app
from web.messengers.common import UNREADABLE
from web.ownership import conversation_key, messenger_session
from web.settings import Settings

REQUEST = fixture("kakao_skill_request.json")
PARTIAL = fixture("kakao_partial_requests.json")
JSON = {"Content-Type": "application/json"}


def with_user(payload: dict[str, Any], user_id: str, utterance: str | None = None) -> dict[str, Any]:
    changed = copy.deepcopy(payload)
    changed["userRequest"]["user"]["id"] = user_id
    if utterance is not None:
        changed["userRequest"]["utterance"] = utterance
    return changed


class LongEngine(FakeEngine):
    """Answers with 80 sentences (about 1,700 characters)."""

    def ask(self, question: str, session_id: str | None = None, top_k: int = 5) -> Answer:
        answer = super().ask(question, session_id, top_k)
        long_text = " ".join(f"{n}번째 사업의 예산은 늘었습니다." for n in range(1, 81))
        return Answer(long_text + " [1]", False, answer.session_id, answer.passages, (), {})


class BrokenEngine:
    def ask(self, question: str, session_id: str | None = None, top_k: int = 5) -> Answer:
        raise RuntimeError("the index file is corrupt")


def test_documented_payload_gets_answer_citation_figures_and_link(tmp_path: Path) -> None:
    with app_client(tmp_path, FakeEngine(), QA_PUBLIC_URL="https://qa.example.go.kr/") as client:
        response = client.post("/kakao/skill", json=REQUEST)
    assert response.status_code == 200
    body = response.json()
    check_kakao_reply(body)
    text = simple_text(body)
    link = "https://qa.example.go.kr/?q=" + quote("경제정책실 현원은?", safe="")
    assert text.startswith("현원은 257명입니다.")
    assert "출처:\n[1] 일반 현황 > 조직 및 인력 (5행)" in text and text.endswith(f"전체 답변: {link}")
    card = body["template"]["outputs"][1]["textCard"]
    assert "현원: 257명" in card["description"] and card["buttons"][0]["webLinkUrl"] == link
    assert "작년 성과는?" in [reply["messageText"] for reply in body["template"]["quickReplies"]]


def test_link_defaults_to_the_requests_own_base_url(client: Any) -> None:
    text = simple_text(client.post("/kakao/skill", json=REQUEST).json())
    assert text.endswith("전체 답변: http://testserver/?q=" + quote("경제정책실 현원은?", safe=""))


@pytest.mark.parametrize("name", sorted(PARTIAL))
def test_partial_payloads_get_a_friendly_reply(tmp_path: Path, name: str) -> None:
    engine = RecordingEngine(FakeEngine())
    with app_client(tmp_path, engine) as client:
        response = client.post("/kakao/skill", json=PARTIAL[name])
    assert response.status_code == 200
    check_kakao_reply(response.json())
    assert re.search("[가-힣]", simple_text(response.json())) and engine.sessions == []


@pytest.mark.parametrize("raw", [b"", b"{not json", b"\xff\xfe\x00", b"null", b"[]"])
def test_non_json_bodies_get_a_friendly_reply(client: Any, raw: bytes) -> None:
    response = client.post("/kakao/skill", content=raw, headers={"Content-Type": "text/plain"})
    assert response.status_code == 200
    check_kakao_reply(response.json())


def test_long_answers_are_cut_at_a_sentence_and_keep_citation_and_link(tmp_path: Path) -> None:
    with app_client(tmp_path, LongEngine()) as client:
        text = simple_text(client.post("/kakao/skill", json=REQUEST).json())
    answer, _, tail = text.partition("\n\n출처:\n")
    assert len(text) <= 1000 and answer.endswith("늘었습니다.…")
    assert tail.startswith("[1] 일반 현황 > 조직 및 인력") and "전체 답변: http://testserver/?q=" in tail


def test_the_kakao_user_id_is_the_session(tmp_path: Path) -> None:
    """Each user's conversation is their keyed name in the platform's space, stored as every owner's is."""
    engine = RecordingEngine(FakeEngine())
    with app_client(tmp_path, engine) as client:
        for user in ("user-a", "user-a", "user-b"):
            assert client.post("/kakao/skill", json=with_user(REQUEST, user)).status_code == 200
        secret = client.app.state.secret
    first, again, other = engine.sessions
    assert first == again != other and "user-a" not in first
    assert first == conversation_key(secret, "kakao", messenger_session(secret, "kakao", "user-a"))


@pytest.mark.parametrize(("path", "headers", "status"), [
    ("/kakao/skill", {}, 403),
    ("/kakao/skill", {"X-Kakao-Secret": "guess"}, 403),
    ("/kakao/skill", {"X-Kakao-Secret": "s3cret-skill-token"}, 200),
    ("/kakao/skill/s3cret-skill-token", {}, 200),
    ("/kakao/skill/guess", {}, 403),
])
def test_configured_secret_is_required(tmp_path: Path, assert_error: Any, path: str,
                                       headers: dict[str, str], status: int) -> None:
    with app_client(tmp_path, FakeEngine(), QA_KAKAO_SECRET="s3cret-skill-token") as client:
        response = client.post(path, json=REQUEST, headers=headers)
    if status == 403:
        assert_error(response, 403, "forbidden")
        assert "s3cret" not in response.text
    else:
        check_kakao_reply(response.json())


@pytest.mark.parametrize(("engine", "utterance", "expected"), [
    (FakeEngine(), "???", "질문을 입력해 주세요"),  # no letter or digit: nothing is asked
    (FakeEngine(), "\ufeff😀", "질문을 입력해 주세요"),
    (BrokenEngine(), "현원은?", "답변을 만들지 못했어요"),
    (None, "현원은?", "답변 준비 중이에요"),
])
def test_failures_are_friendly_messages(tmp_path: Path, engine: Any, utterance: str, expected: str) -> None:
    app = create_app(Settings.from_env({"QA_DATA_DIR": str(tmp_path)}), engine=engine)
    client = TestClient(app)  # no lifespan: an app without an engine stays without one
    response = client.post("/kakao/skill", json=with_user(REQUEST, "u", utterance=utterance))
    assert response.status_code == 200
    check_kakao_reply(response.json())
    assert expected in simple_text(response.json())


def test_rate_limit_is_per_kakao_user_when_the_secret_proves_the_caller(tmp_path: Path) -> None:
    secret = {"X-Kakao-Secret": "s3cret-skill-token"}
    with app_client(tmp_path, FakeEngine(), QA_RATE_LIMIT="2/minute", QA_KAKAO_SECRET=secret["X-Kakao-Secret"]) as client:
        texts = [simple_text(client.post("/kakao/skill", json=with_user(REQUEST, "busy"), headers=secret).json())
                 for _ in range(3)]
        other = simple_text(client.post("/kakao/skill", json=with_user(REQUEST, "calm"), headers=secret).json())
    assert [t.startswith("현원은") for t in texts] == [True, True, False]
    assert "너무 잦아요" in texts[2] and other.startswith("현원은")


def test_without_the_secret_new_user_ids_do_not_buy_new_requests(tmp_path: Path) -> None:
    """Anyone can post to an unprotected skill with ids of their choosing: the limit counts the caller's address."""
    with app_client(tmp_path, FakeEngine(), QA_RATE_LIMIT="2/minute") as client:
        texts = [simple_text(client.post("/kakao/skill", json=with_user(REQUEST, f"user-{n}")).json()) for n in range(4)]
    assert [t.startswith("현원은") for t in texts] == [True, True, False, False]


def with_request_field(field: str, value: Any) -> str:
    """REQUEST with one userRequest field ('user.id' for the user's) changed, as JSON text
    (escaped, so a lone surrogate travels as "\\ud800")."""
    changed = copy.deepcopy(REQUEST)
    if field == "user.id":
        changed["userRequest"]["user"]["id"] = value
    else:
        changed["userRequest"][field] = value
    return json.dumps(changed)


@pytest.mark.parametrize("url", ["http://[::1", "https://[kakao.example.com/callback", "https://]x[/"])
def test_malformed_callback_url_is_ignored_and_the_question_answered(tmp_path: Path, url: str) -> None:
    with app_client(tmp_path, FakeEngine(), QA_CALLBACK_HOSTS="::1,kakao.example.com") as client:
        response = client.post("/kakao/skill", content=with_request_field("callbackUrl", url), headers=JSON)
    assert response.status_code == 200
    check_kakao_reply(response.json())
    assert simple_text(response.json()).startswith("현원은 257명입니다.")


@pytest.mark.parametrize(("field", "value"), [
    ("utterance", "\ud800"), ("utterance", "현원\udfff은?"), ("user.id", "\ud800"),
    ("callbackUrl", "https://x/\ud800"),
])
def test_lone_surrogates_get_the_unreadable_notice(tmp_path: Path, field: str, value: str) -> None:
    engine = RecordingEngine(FakeEngine())
    with app_client(tmp_path, engine) as client:
        response = client.post("/kakao/skill", content=with_request_field(field, value), headers=JSON)
    assert response.status_code == 200
    check_kakao_reply(response.json())
    assert simple_text(response.json()) == UNREADABLE and engine.sessions == []


@pytest.mark.parametrize("raw", [
    "[" * 10_000 + "]" * 10_000,
    '{"a":' * 10_000 + "1" + "}" * 10_000,
    '{"userRequest": {"utterance": ' + "[" * 10_000 + "]" * 10_000 + "}}",
])
def test_deeply_nested_json_gets_the_unreadable_notice(client: Any, raw: str) -> None:
    response = client.post("/kakao/skill", content=raw, headers=JSON)
    assert response.status_code == 200
    check_kakao_reply(response.json())
    assert simple_text(response.json()) == UNREADABLE
