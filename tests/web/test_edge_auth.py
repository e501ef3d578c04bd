"""API keys on /api/*, and the chat page's cookie that lets the page keep working."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from tests.web.fakes import FakeEngine
from fastapi.responses import HTMLResponse
from tests.web.messenger_support import app_client

from web.edge.keys import PAGE_COOKIE, KeyRing, PageTokens

KEY = "k-0123456789abcdef"
OTHER_KEY = "k-fedcba9876543210"
ASK = {"question": "현원은?"}


@pytest.fixture
def keyed(tmp_path: Path) -> Any:
    with app_client(tmp_path, FakeEngine(), QA_API_KEYS=f"{KEY}, {OTHER_KEY}") as client:
        yield client


def page_cookie(client: Any) -> str:
    """GET / as a browser would and return the page cookie's value (the test app serves a stub page)."""
    if not any(getattr(route, "path", None) == "/" for route in client.app.routes):
        client.app.add_api_route("/", lambda: HTMLResponse("<!doctype html><title>qa</title>"))
    response = client.get("/")
    assert response.status_code == 200
    client.cookies.clear()  # each test sends the cookie it means to
    return response.cookies[PAGE_COOKIE]


def test_without_keys_the_api_is_open(client: Any) -> None:
    assert client.post("/api/ask", json=ASK).status_code == 200


@pytest.mark.parametrize("headers", [
    {"Authorization": f"Bearer {KEY}"},
    {"Authorization": f"bearer {OTHER_KEY}"},
    {"X-API-Key": KEY},
])
def test_a_configured_key_opens_the_api(keyed: Any, headers: dict[str, str]) -> None:
    assert keyed.post("/api/ask", json=ASK, headers=headers).status_code == 200
    assert keyed.get("/api/sections", headers=headers).status_code == 200


@pytest.mark.parametrize("headers", [
    {},
    {"Authorization": "Bearer k-0123456789abcdeX"},
    {"Authorization": f"Basic {KEY}"},
    {"X-API-Key": ""},
    {"Authorization": "Bearer"},
])
def test_without_a_valid_key_the_api_answers_401(keyed: Any, assert_error: Any, headers: dict[str, str]) -> None:
    response = keyed.post("/api/ask", json=ASK, headers=headers)
    assert_error(response, 401, "unauthorized")
    assert response.headers["www-authenticate"].startswith("Bearer")
    assert_error(keyed.get("/api/sections", headers=headers), 401, "unauthorized")


def test_keys_do_not_guard_health_or_the_messengers(keyed: Any) -> None:
    assert keyed.get("/healthz").status_code == 200
    assert keyed.post("/kakao/skill", json={}).status_code == 200


def test_keys_file(tmp_path: Path) -> None:
    keys = tmp_path / "keys.txt"
    keys.write_text(f"# issued to the council IT team\n{KEY}\n\n", encoding="utf-8")
    with app_client(tmp_path, FakeEngine(), QA_API_KEYS_FILE=str(keys)) as client:
        assert client.post("/api/ask", json=ASK, headers={"X-API-Key": KEY}).status_code == 200
        assert client.post("/api/ask", json=ASK).status_code == 401


def test_the_page_cookie_lets_the_chat_page_call_the_api(keyed: Any) -> None:
    token = page_cookie(keyed)
    set_cookie = keyed.get("/").headers["set-cookie"]
    assert all(part in set_cookie for part in ("HttpOnly", "SameSite=Strict", "Path=/api"))
    keyed.cookies.set(PAGE_COOKIE, token)
    assert keyed.post("/api/ask", json=ASK, headers={"Sec-Fetch-Site": "same-origin"}).status_code == 200
    assert keyed.post("/api/ask", json=ASK).status_code == 200  # a browser without Fetch Metadata


@pytest.mark.parametrize(("cookie", "fetch_site"), [
    ("valid", "cross-site"),  # a browser on another site's page
    ("valid", "same-site"),  # a sibling subdomain
    ("tampered", "same-origin"),
    ("forged", "same-origin"),
])
def test_the_page_cookie_is_honoured_only_same_origin_and_intact(keyed: Any, cookie: str, fetch_site: str) -> None:
    token = page_cookie(keyed)
    value = {"valid": token, "tampered": token[:-1] + ("0" if token[-1] != "0" else "1"),
             "forged": "abc.99999999999.deadbeef"}[cookie]
    keyed.cookies.set(PAGE_COOKIE, value)
    assert keyed.post("/api/ask", json=ASK, headers={"Sec-Fetch-Site": fetch_site}).status_code == 401


def test_the_page_cookie_names_its_browser_and_is_renewed_under_the_same_name(client: Any) -> None:
    """Without keys too: the browser's conversations are its own either way."""
    first = page_cookie(client)
    client.cookies.set(PAGE_COOKIE, first)
    renewed = client.get("/").cookies[PAGE_COOKIE]
    client.cookies.clear()
    stranger = page_cookie(client)
    assert renewed.split(".")[0] == first.split(".")[0] != stranger.split(".")[0]


def test_page_tokens_expire_and_depend_on_the_secret() -> None:
    now = [1_000_000.0]
    tokens = PageTokens(b"secret-a", ttl=60, clock=lambda: now[0])
    token = tokens.issue("b1")
    assert tokens.browser(token) == "b1" and PageTokens(b"secret-b", clock=lambda: now[0]).browser(token) is None
    browser, expiry, signature = token.split(".")
    assert tokens.browser(f"b2.{expiry}.{signature}") is None  # another browser's name under this signature
    now[0] += 61
    assert tokens.browser(token) is None
    assert tokens.browser(None) is None and tokens.browser("") is None and tokens.browser("abc.def") is None


def test_keyring_matches_only_whole_keys() -> None:
    ring = KeyRing([KEY])
    assert ring.match(KEY) and ring.match(KEY + "x") is None and ring.match(KEY[:-1]) is None
    assert ring.match(None) is None and not KeyRing([]).enabled
