"""Rate limits, body size limits, CORS and security headers; and the settings behind them."""
from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from tests.web.fakes import FakeEngine
from tests.web.messenger_support import app_client

from web.edge.body_limit import BodyLimit
from web.edge.headers import PAGE_CSP
from web.edge.ratelimit import RateLimit, TokenBuckets, parse_rate_limit
from web.settings import Settings, SettingsError

ASK = {"question": "현원은?"}
KEY = "k-0123456789abcdef"


def test_over_the_rate_a_client_gets_429_with_retry_after(tmp_path: Path, assert_error: Any) -> None:
    with app_client(tmp_path, FakeEngine(), QA_RATE_LIMIT="3/minute") as client:
        statuses = [client.post("/api/ask", json=ASK).status_code for _ in range(3)]
        limited = client.get("/api/sections")
        health = client.get("/healthz")
    assert statuses == [200, 200, 200]
    assert_error(limited, 429, "rate_limited")
    assert 1 <= int(limited.headers["retry-after"]) <= 20 and health.status_code == 200


def test_each_api_key_has_its_own_bucket(tmp_path: Path) -> None:
    other = "k-fedcba9876543210"
    with app_client(tmp_path, FakeEngine(), QA_RATE_LIMIT="1/hour", QA_API_KEYS=f"{KEY},{other}") as client:
        codes = [client.post("/api/ask", json=ASK, headers={"X-API-Key": key}).status_code for key in (KEY, KEY, other)]
    assert codes == [200, 429, 200]


def test_buckets_refill_at_the_configured_rate() -> None:
    now = [0.0]
    buckets = TokenBuckets(RateLimit(2, 60.0), clock=lambda: now[0])
    assert [buckets.take("a"), buckets.take("a")] == [0.0, 0.0]
    assert buckets.take("a") == pytest.approx(30.0) and buckets.take("b") == 0.0
    now[0] = 29.0
    assert buckets.take("a") > 0
    now[0] = 31.0
    assert buckets.take("a") == 0.0 and buckets.take("a") > 0


def test_buckets_forget_the_least_recent_client_past_the_bound() -> None:
    buckets = TokenBuckets(RateLimit(1, 60.0), clock=lambda: 0.0, max_clients=2)
    for client in ("a", "b", "c"):  # "a" is dropped when "c" arrives
        buckets.take(client)
    assert buckets.take("a") == 0.0 and buckets.take("c") > 0


@pytest.mark.parametrize(("text", "limit"), [
    ("60/minute", RateLimit(60, 60.0)), ("5 / second", RateLimit(5, 1.0)), ("1000/hours", RateLimit(1000, 3600.0)),
    ("off", None), ("0", None),
])
def test_rate_limit_setting(text: str, limit: RateLimit | None) -> None:
    assert parse_rate_limit(text) == limit


@pytest.mark.parametrize(("name", "value"), [
    ("QA_RATE_LIMIT", "fast"), ("QA_RATE_LIMIT", "0/minute"), ("QA_RATE_LIMIT", "10/day"),
    ("QA_MAX_BODY_BYTES", "lots"), ("QA_MAX_BODY_BYTES", "0"),
    ("QA_CORS_ORIGINS", "*"), ("QA_CORS_ORIGINS", "https://a.example/path"), ("QA_CORS_ORIGINS", "a.example"),
    ("QA_API_KEYS", "short"), ("QA_API_KEYS_FILE", "/nonexistent/keys.txt"),
    ("QA_PUBLIC_URL", "qa.example.go.kr"), ("QA_KAKAO_BUDGET_SECONDS", "soon"), ("QA_SLACK_BUDGET_SECONDS", "-1"),
])
def test_bad_edge_settings_are_clear_errors(name: str, value: str) -> None:
    with pytest.raises(SettingsError, match=name):
        Settings.from_env({name: value})


def test_edge_defaults() -> None:
    edge = Settings.from_env({}).edge
    assert (edge.api_keys, edge.rate_limit, edge.max_body_bytes) == ((), RateLimit(120, 60.0), 65536)
    assert (edge.kakao_secret, edge.slack_signing_secret, edge.public_url) == (None, None, None)
    assert edge.cors_origins == () and not edge.log_questions
    assert (edge.kakao_budget_s, edge.slack_budget_s) == (3.5, 2.0)
    assert edge.callback_hosts == ("*.kakao.com", "hooks.slack.com")


def test_edge_settings_are_parsed() -> None:
    edge = Settings.from_env({
        "QA_API_KEYS": f" {KEY} ,,{KEY}", "QA_CORS_ORIGINS": "https://a.example/, http://b.example:8080",
        "QA_PUBLIC_URL": "https://qa.example.go.kr/", "QA_LOG_QUESTIONS": "yes",
        "QA_CALLBACK_HOSTS": "127.0.0.1, *.example.org",
    }).edge
    assert edge.api_keys == (KEY,) and edge.cors_origins == ("https://a.example", "http://b.example:8080")
    assert edge.public_url == "https://qa.example.go.kr" and edge.log_questions
    assert edge.callback_hosts == ("127.0.0.1", "*.example.org")


def test_edge_settings_are_kept_out_of_repr() -> None:
    settings = Settings.from_env({"QA_API_KEYS": KEY, "QA_KAKAO_SECRET": "kakao-secret-value",
                                  "QA_SLACK_SIGNING_SECRET": "slack-secret-value", "QA_SESSION_SECRET": "cookie-key"})
    shown = repr(settings)
    assert all(secret not in shown for secret in (KEY, "kakao-secret-value", "slack-secret-value", "cookie-key"))


@pytest.mark.parametrize("chunked", [False, True])
def test_bodies_over_the_limit_answer_413(tmp_path: Path, assert_error: Any, chunked: bool) -> None:
    body = b'{"question": "' + "가".encode() * 400 + b'"}'
    content: Any = iter([body[:600], body[600:]]) if chunked else body  # an iterator is sent chunked
    with app_client(tmp_path, FakeEngine(), QA_MAX_BODY_BYTES="1000") as client:
        response = client.post("/api/ask", content=content, headers={"Content-Type": "application/json"})
        small = client.post("/api/ask", json=ASK)
    assert_error(response, 413, "body_too_large")
    assert small.status_code == 200
    if chunked:
        assert "content-length" not in response.request.headers


def test_a_lying_content_length_does_not_get_a_large_body_through() -> None:
    reached: list[bytes] = []

    async def app(scope: Any, receive: Any, send: Any) -> None:
        reached.append((await receive())["body"])

    chunks = [{"type": "http.request", "body": b"x" * 600, "more_body": True},
              {"type": "http.request", "body": b"x" * 600, "more_body": False}]
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return chunks.pop(0)

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {"type": "http", "method": "POST", "path": "/api/ask", "headers": [(b"content-length", b"10")]}
    asyncio.run(BodyLimit(app, max_bytes=1000)(scope, receive, send))
    assert reached == [] and sent[0]["status"] == 413


def test_cors_allows_only_the_listed_origins(tmp_path: Path) -> None:
    with app_client(tmp_path, FakeEngine(), QA_CORS_ORIGINS="https://council.example.go.kr") as client:
        allowed = client.post("/api/ask", json=ASK, headers={"Origin": "https://council.example.go.kr"})
        other = client.post("/api/ask", json=ASK, headers={"Origin": "https://evil.example"})
        preflight = client.options("/api/ask", headers={"Origin": "https://council.example.go.kr",
                                                        "Access-Control-Request-Method": "POST",
                                                        "Access-Control-Request-Headers": "x-api-key, content-type"})
    assert allowed.headers["access-control-allow-origin"] == "https://council.example.go.kr"
    assert "access-control-allow-origin" not in other.headers
    assert preflight.status_code == 200 and "x-api-key" in preflight.headers["access-control-allow-headers"].lower()


def test_without_origins_no_cors_headers(client: Any) -> None:
    response = client.post("/api/ask", json=ASK, headers={"Origin": "https://council.example.go.kr"})
    assert "access-control-allow-origin" not in response.headers


@pytest.mark.parametrize(("method", "path"), [("POST", "/api/ask"), ("GET", "/api/sections/none"),
                                              ("GET", "/no-such-page"), ("POST", "/kakao/skill"), ("GET", "/healthz")])
def test_security_headers_on_every_response(client: Any, method: str, path: str) -> None:
    headers = client.request(method, path, json=ASK).headers
    assert headers["content-security-policy"] == PAGE_CSP and "unsafe-inline" not in PAGE_CSP
    assert headers["x-content-type-options"] == "nosniff" and headers["x-frame-options"] == "DENY"
    assert headers["referrer-policy"] == "no-referrer"


def test_only_the_generated_api_docs_get_the_looser_policy(client: Any) -> None:
    docs = client.get("/docs")
    assert docs.status_code == 200 and "cdn.jsdelivr.net" in docs.headers["content-security-policy"]
    assert client.get("/openapi.json").headers["content-security-policy"] == PAGE_CSP
