"""GET / serves the chat page; its files keep to what a strict Content-Security-Policy allows."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from fastapi.testclient import TestClient

STATIC = Path(__file__).resolve().parents[2] / "web" / "static"


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.script_text = ""
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.script_text += data.strip()


def test_page_and_its_assets_are_served(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert '<html lang="ko">' in page.text
    parser = Tags()
    parser.feed(page.text)
    assets = [attrs.get("src") or attrs.get("href") for tag, attrs in parser.tags if tag in {"script", "link"}]
    for asset in assets:
        response = client.get(asset)
        assert response.status_code == 200, asset
    assert client.get("/static/app.js").headers["content-type"].split(";")[0] in {"text/javascript", "application/javascript"}


def test_no_inline_script_style_or_handler_and_nothing_external() -> None:
    parser = Tags()
    parser.feed((STATIC / "index.html").read_text())
    assert parser.script_text == ""
    for tag, attrs in parser.tags:
        assert "style" not in attrs and not any(name.startswith("on") for name in attrs), (tag, attrs)
        assert not any(str(value).startswith(("http:", "https:", "//")) for value in attrs.values()), (tag, attrs)
    assert "<style" not in (STATIC / "index.html").read_text()


def test_scripts_never_turn_data_into_markup() -> None:
    """Report and user text is set with textContent; the markup sinks are not used at all."""
    sinks = re.compile(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function")
    for script in STATIC.glob("*.js"):
        assert not sinks.search(script.read_text()), script.name
    css = (STATIC / "app.css").read_text()
    assert "@import" not in css and "url(http" not in css


def test_head_of_the_page_answers_like_get(client: TestClient) -> None:
    response = client.head("/")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
