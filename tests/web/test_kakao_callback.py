"""Kakao's callback: a late answer is acknowledged at once and posted once to callbackUrl."""
from __future__ import annotations

import copy
import logging
import socket
from pathlib import Path
from typing import Any

import pytest
from tests.web.fakes import FakeEngine
from tests.web.messenger_support import BlockingEngine, CallbackServer, app_client, check_kakao_reply, drain_background, fixture

from web.messengers.deferral import callback_allowed

CALLBACK_REQUEST = fixture("kakao_skill_callback_request.json")
LOCAL = {"QA_CALLBACK_HOSTS": "127.0.0.1"}


def with_callback(url: str) -> dict[str, Any]:
    payload = copy.deepcopy(CALLBACK_REQUEST)
    payload["userRequest"]["callbackUrl"] = url
    return payload


def test_late_answer_is_posted_once_to_the_callback_url(tmp_path: Path) -> None:
    engine = BlockingEngine(FakeEngine())
    with CallbackServer() as server, app_client(tmp_path, engine, QA_KAKAO_BUDGET_SECONDS="0", **LOCAL) as client:
        ack = client.post("/kakao/skill", json=with_callback(server.url("/v1/callbacks/tok-1")))
        assert server.posts.empty()  # the engine is still blocked: nothing can have been posted
        engine.release.set()
        drain_background(client)
    assert ack.status_code == 200 and ack.json()["useCallback"] is True
    check_kakao_reply(ack.json())
    path, content_type, body = server.posts.get_nowait()
    assert server.posts.empty()  # single use
    assert path == "/v1/callbacks/tok-1" and content_type.startswith("application/json")
    check_kakao_reply(body)
    assert body["template"]["outputs"][0]["simpleText"]["text"].startswith("현원은 257명입니다.")


def test_an_answer_ready_within_the_budget_is_the_reply(tmp_path: Path) -> None:
    engine = FakeEngine()
    with CallbackServer() as server, app_client(tmp_path, engine, QA_KAKAO_BUDGET_SECONDS="30", **LOCAL) as client:
        reply = client.post("/kakao/skill", json=with_callback(server.url("/cb"))).json()
        drain_background(client)
    assert "useCallback" not in reply and reply["template"]["outputs"][0]["simpleText"]["text"].startswith("현원은")
    assert server.posts.empty()


def test_a_callback_host_outside_the_allow_list_is_never_called(tmp_path: Path) -> None:
    with CallbackServer() as server, app_client(tmp_path, FakeEngine(), QA_KAKAO_BUDGET_SECONDS="0") as client:
        reply = client.post("/kakao/skill", json=with_callback(server.url("/cb"))).json()
        drain_background(client)
    assert "useCallback" not in reply and server.posts.empty()  # answered in the reply instead


def test_a_failed_callback_is_logged_without_its_token(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    with socket.socket() as probe:  # a port that was free a moment ago: nothing listens there
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    engine = BlockingEngine(FakeEngine())
    engine.release.set()
    with app_client(tmp_path, engine, QA_KAKAO_BUDGET_SECONDS="0", **LOCAL) as client:
        with caplog.at_level(logging.WARNING, logger="web.messengers.deferral"):
            client.post("/kakao/skill", json=with_callback(f"http://127.0.0.1:{port}/cb/one-time-secret"))
            drain_background(client)
    assert "127.0.0.1" in caplog.text and "one-time-secret" not in caplog.text


@pytest.mark.parametrize(("url", "allowed"), [
    (CALLBACK_REQUEST["userRequest"]["callbackUrl"], True),
    ("https://kakao.com/cb", False),  # "*.kakao.com" means a subdomain
    ("http://bot-api.kakao.com/cb", False),  # not https
    ("https://bot-api.kakao.com.evil.example/cb", False),
    ("https://evilkakao.com/cb", False),
    ("https://hooks.slack.com/commands/T1/2/x", True),
    ("http://127.0.0.1:9/cb", False),  # loopback, but not listed
    ("file:///etc/passwd", False),
    ("https://bot-api.kakao.com:8443/cb", False),  # https, but not on its own port
    ("https://bot-api.kakao.com:443/cb", True),
    ("https://bot-api.kakao.com:99999/cb", False),  # not a port at all
    ("", False),
    (None, False),
])
def test_callback_allow_list(url: str | None, allowed: bool) -> None:
    assert callback_allowed(url, ("*.kakao.com", "hooks.slack.com")) is allowed


def test_http_is_allowed_for_a_listed_loopback_host_only() -> None:
    assert callback_allowed("http://127.0.0.1:8080/cb", ("127.0.0.1", "intranet.example"))
    assert not callback_allowed("http://intranet.example/cb", ("127.0.0.1", "intranet.example"))
