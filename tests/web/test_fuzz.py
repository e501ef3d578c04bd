"""Whatever a client posts to /api/ask, the answer is never a server error."""
from __future__ import annotations

import json
from typing import Any

from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

JSON_HEADERS = {"Content-Type": "application/json"}
FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text()
json_values = st.recursive(
    scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4)
)
ask_like = st.fixed_dictionaries(
    {},
    optional={"question": json_values, "session_id": json_values, "top_k": json_values, "extra": json_values},
)


def assert_handled(response: Any) -> None:
    assert response.status_code < 500, response.text
    body = response.json()
    assert ("error" in body) != (response.status_code == 200)


@FUZZ
@given(body=json_values | ask_like)
def test_any_json_value(client: TestClient, body: Any) -> None:
    assert_handled(client.post("/api/ask", content=json.dumps(body), headers=JSON_HEADERS))


@FUZZ
@given(raw=st.binary(max_size=64) | st.text(max_size=64).map(str.encode))
def test_any_bytes(client: TestClient, raw: bytes) -> None:
    assert_handled(client.post("/api/ask", content=raw, headers=JSON_HEADERS))
