"""A real engine over the small fixture report, with the fast hashing embedder."""
from __future__ import annotations

from pathlib import Path

import pytest

from qa.engine import QAEngine, load_engine

MINI_REPORT = Path(__file__).resolve().parent.parent / "data" / "mini_report.txt"


@pytest.fixture(scope="session")
def engine(tmp_path_factory: pytest.TempPathFactory) -> QAEngine:
    base = tmp_path_factory.mktemp("engine")
    return load_engine(MINI_REPORT, base / "index", "hashing", base / "models")
