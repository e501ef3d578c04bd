"""`qa serve` without API keys stays on loopback unless told otherwise, and says so."""
from __future__ import annotations

import sys
import types
from pathlib import Path
from typing import Any

import pytest

from index.store import CURRENT, read_manifest
from web import cli, workers

MINI_REPORT = Path(__file__).resolve().parent.parent / "data" / "mini_report.txt"


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """The uvicorn server configurations `qa serve` runs (none really serve), with QA_* cleared."""
    calls: list[dict[str, Any]] = []

    class Server:
        def __init__(self, config: dict[str, Any]) -> None:
            self.config = config

        def run(self) -> None:
            calls.append(self.config)

    def run(app: str, **kw: Any) -> None:  # `--workers N`: uvicorn imports the app by name in each worker
        calls.append({"app": app, **kw})

    fake = types.SimpleNamespace(Config=lambda app, **kw: kw, Server=Server, run=run)
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


def test_workers_serve_the_app_by_name_after_one_preparation(served: list[dict[str, Any]],
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    prepared: list[bool] = []
    monkeypatch.setattr(workers, "index_prepared", lambda: prepared.append(True) or True)
    assert cli.main(["serve", "--workers", "3", "--port", "8123"]) == 0
    assert prepared == [True]
    assert served == [{"app": "web.workers:worker_app", "factory": True, "host": "127.0.0.1", "port": 8123,
                       "workers": 3, "access_log": False}]


def test_workers_do_not_start_when_the_index_cannot_be_made(served: list[dict[str, Any]],
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "index_prepared", lambda: False)
    assert cli.main(["serve", "--workers", "2"]) == 1
    assert served == []


def test_a_worker_app_takes_its_settings_from_the_environment(monkeypatch: pytest.MonkeyPatch,
                                                              tmp_path: Path) -> None:
    monkeypatch.setattr(workers, "configure_access_log", lambda: None)
    monkeypatch.setenv("QA_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("QA_ENCODER", "torch")
    app = workers.worker_app()
    assert app.state.settings.data_dir == tmp_path and app.state.settings.encoder.kind == "torch"
    assert app.state.load_in_background and app.state.engine is None


def test_preparation_builds_the_index_in_a_child_process(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("QA_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("QA_MODEL", "hashing")
    monkeypatch.setenv("QA_REPORT", str(MINI_REPORT))
    assert workers.index_prepared()
    assert read_manifest(tmp_path / "index" / CURRENT).n_chunks > 0


def test_a_failed_preparation_says_why(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                       capfd: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("QA_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("QA_MODEL", "hashing")
    monkeypatch.setenv("QA_REPORT", str(tmp_path / "missing.txt"))
    assert not workers.index_prepared()
    assert "missing.txt" in capfd.readouterr().err
