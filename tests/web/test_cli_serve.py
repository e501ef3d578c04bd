"""`qa serve` without API keys stays on loopback unless told otherwise, and says so."""
from __future__ import annotations

import sys
import types
from typing import Any

import pytest

from web import cli


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """The uvicorn server configurations `qa serve` runs (none really serve), with QA_* cleared."""
    calls: list[dict[str, Any]] = []

    class Server:
        def __init__(self, config: dict[str, Any]) -> None:
            self.config = config

        def run(self) -> None:
            calls.append(self.config)

    fake = types.SimpleNamespace(Config=lambda app, **kw: kw, Server=Server)
    monkeypatch.setitem(sys.modules, "uvicorn", fake)
    monkeypatch.setattr(cli, "configure_access_log", lambda: None)
    for name in ("QA_API_KEYS", "QA_API_KEYS_FILE", "QA_ADMIN_KEYS", "QA_HOST", "QA_PORT"):
        monkeypatch.delenv(name, raising=False)
    return calls


def test_default_is_loopback_and_says_the_api_is_open(served: list[dict[str, Any]],
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["serve"]) == 0
    assert served[0]["host"] == "127.0.0.1" and served[0]["access_log"] is False
    assert "no API keys set" in capsys.readouterr().err


@pytest.mark.parametrize("host", ["0.0.0.0", "192.0.2.10", "::", "qa.example.go.kr"])
def test_refuses_other_addresses_without_keys(served: list[dict[str, Any]], capsys: pytest.CaptureFixture[str],
                                              host: str) -> None:
    assert cli.main(["serve", "--host", host]) == 2
    assert served == [] and "refusing to listen" in capsys.readouterr().err


def test_allow_no_auth_serves_with_a_warning(served: list[dict[str, Any]], capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["serve", "--host", "0.0.0.0", "--allow-no-auth"]) == 0
    assert served[0]["host"] == "0.0.0.0" and "WARNING" in capsys.readouterr().err


def test_with_keys_any_address_is_fine(served: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("QA_API_KEYS", "k-0123456789abcdef")
    assert cli.main(["serve", "--host", "0.0.0.0", "--port", "8081"]) == 0
    assert (served[0]["host"], served[0]["port"]) == ("0.0.0.0", 8081)
    assert "k-0123456789abcdef" not in capsys.readouterr().err


@pytest.mark.parametrize("host", ["127.0.0.1", "127.8.0.1", "localhost", "::1"])
def test_loopback_addresses(served: list[dict[str, Any]], host: str) -> None:
    assert cli.main(["serve", "--host", host]) == 0 and served[0]["host"] == host
