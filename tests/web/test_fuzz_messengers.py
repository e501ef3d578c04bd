"""Whatever reaches the messenger endpoints, the reply is a valid 200 for the platform, never a 5xx."""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.web.fakes import FakeEngine
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.web.messenger_support import SLACK_SECRET, app_client, check_kakao_reply, check_slack_reply, slack_request

JSON_HEADERS = {"Content-Type": "application/json"}
FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text()
json_values = st.recursive(
    scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3)
)
user = st.fixed_dictionaries({}, optional={"id": json_values | st.text(min_size=1), "type": json_values,
                                           "properties": json_values})
user_request = st.fixed_dictionaries({}, optional={
    "utterance": json_values | st.text(min_size=1), "user": user | json_values, "callbackUrl": json_values,
    "timezone": json_values, "lang": json_values, "params": json_values, "block": json_values,
})
skill_like = st.fixed_dictionaries({}, optional={
    "userRequest": user_request | json_values, "intent": json_values, "bot": json_values,
    "action": json_values, "contexts": json_values,
})
slack_form = st.dictionaries(st.sampled_from(["text", "user_id", "team_id", "command", "response_url", "token"])
                             | st.text(max_size=8), st.text(max_size=40), max_size=6)


@pytest.fixture
def fuzz_client(tmp_path: Path) -> Iterator[TestClient]:
    with app_client(tmp_path, FakeEngine(), QA_SLACK_SIGNING_SECRET=SLACK_SECRET) as client:
        yield client


@FUZZ
@given(payload=skill_like | json_values)
def test_kakao_any_json(fuzz_client: TestClient, payload: Any) -> None:
    response = fuzz_client.post("/kakao/skill", content=json.dumps(payload), headers=JSON_HEADERS)
    assert response.status_code == 200, response.text
    check_kakao_reply(response.json())


@FUZZ
@given(raw=st.binary(max_size=64))
def test_kakao_any_bytes(fuzz_client: TestClient, raw: bytes) -> None:
    response = fuzz_client.post("/kakao/skill", content=raw, headers=JSON_HEADERS)
    assert response.status_code == 200, response.text
    check_kakao_reply(response.json())


@FUZZ
@given(form=slack_form)
def test_slack_any_signed_form(fuzz_client: TestClient, form: dict[str, str]) -> None:
    body, headers = slack_request(form)
    response = fuzz_client.post("/slack/command", content=body, headers=headers)
    assert response.status_code == 200, response.text
    check_slack_reply(response.json())
