"""A real engine over the small fixture report, with the fast hashing embedder."""
from __future__ import annotations

from pathlib import Path

import pytest

from qa.engine import QAEngine, load_engine

MINI_REPORT = Path(__file__).resolve().parent.parent / "data" / "mini_report.txt"
REPORT = Path(__file__).resolve().parents[2] / "corpus" / "reports" / "seoul-economic-policy-2023-03.txt"


@pytest.fixture(scope="session")
def engine(tmp_path_factory: pytest.TempPathFactory) -> QAEngine:
    base = tmp_path_factory.mktemp("engine")
    return load_engine(MINI_REPORT, base / "index", "hashing", base / "models")


@pytest.fixture(scope="session")
def real(tmp_path_factory: pytest.TempPathFactory) -> QAEngine:
    """The real report, with the hashing embedder (the ranking's other features are the real ones)."""
    base = tmp_path_factory.mktemp("real")
    return load_engine(REPORT, base / "index", "hashing", base / "models")
