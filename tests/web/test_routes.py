"""Sections, health, docs, routing errors and the catch-all."""
from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

from web.app import create_app
from web.settings import Settings

CheckError = Callable[[Any, int, str], None]


def test_outline_lists_sections_in_document_order(client: TestClient) -> None:
    response = client.get("/api/sections")
    assert response.status_code == 200
    outline = response.json()
    assert [entry["ref"] for entry in outline] == ["I", "I.1"]
    assert outline[1] == {"ref": "I.1", "kind": "heading", "title": "조직 및 인력", "lines": [3, 20],
                          "path": ["일반 현황", "조직 및 인력"], "parent": "I", "children": []}


def test_section_returns_text_and_children(client: TestClient) -> None:
    response = client.get("/api/sections/I")
    assert response.status_code == 200
    body = response.json()
    assert body["title"] == "일반 현황" and "현원 257명" in body["text"]
    assert body["children"] == [{"ref": "I.1", "title": "조직 및 인력", "kind": "heading"}]


def test_unknown_section_is_404(client: TestClient, assert_error: CheckError) -> None:
    assert_error(client.get("/api/sections/IX.9"), 404, "section_not_found")


def test_health_and_docs(client: TestClient) -> None:
    health = client.get("/healthz")
    assert health.status_code == 200 and health.json()["status"] == "ok"
    assert client.get("/docs").status_code == 200
    assert "/api/ask" in client.get("/openapi.json").json()["paths"]


def test_unknown_route_and_wrong_method_keep_the_error_shape(client: TestClient, assert_error: CheckError) -> None:
    assert_error(client.get("/api/nothing-here"), 404, "not_found")
    response = client.get("/api/ask")
    assert_error(response, 405, "method_not_allowed")
    assert response.headers["allow"] == "POST"


def test_without_a_loaded_engine_everything_is_503(settings: Settings, assert_error: CheckError) -> None:
    client = TestClient(create_app(settings))  # no `with`: the lifespan that would load the engine never runs
    ask = client.post("/api/ask", json={"question": "현원"})
    for response in (client.get("/healthz"), client.get("/api/sections"), ask):
        assert_error(response, 503, "index_not_ready")


class BrokenEngine:
    def outline(self) -> list[dict]:
        raise RuntimeError("boom")


def test_unexpected_exception_is_a_logged_500(
    settings: Settings, caplog: pytest.LogCaptureFixture, assert_error: CheckError
) -> None:
    client = TestClient(create_app(settings, engine=BrokenEngine()), raise_server_exceptions=False)
    with caplog.at_level(logging.ERROR, logger="web.errors"):
        assert_error(client.get("/api/sections"), 500, "internal_error")
    assert "GET /api/sections" in caplog.text and "RuntimeError: boom" in caplog.text
