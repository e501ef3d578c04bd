"""A fake engine with Korean data, and a client on an app that uses it."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.web.fakes import FakeEngine, check_error
from web.app import create_app
from web.settings import Settings


@pytest.fixture
def assert_error() -> Callable[[Any, int, str], None]:
    return check_error


@pytest.fixture
def fake_engine() -> FakeEngine:
    return FakeEngine()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Defaults, except that the data directory (the SQLite file of sessions and feedback) is temporary
    and there is no rate limit (fuzz tests send hundreds of requests through one client)."""
    return Settings.from_env({"QA_DATA_DIR": str(tmp_path), "QA_RATE_LIMIT": "off"})


@pytest.fixture
def client(settings: Settings, fake_engine: FakeEngine) -> Iterator[TestClient]:
    with TestClient(create_app(settings, engine=fake_engine)) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def mini_index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One index of the small report (hashing embedder), built by the first app that needs it."""
    return tmp_path_factory.mktemp("mini-index")
