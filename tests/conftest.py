"""Shared fixtures: the bundled report parsed once, and the small fixture report."""
from __future__ import annotations

from pathlib import Path

import pytest

from corpus.document import Document
from corpus.parse import parse_report

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "corpus" / "reports" / "seoul-economic-policy-2023-03.txt"
MINI_REPORT = Path(__file__).resolve().parent / "data" / "mini_report.txt"


@pytest.fixture(scope="session")
def report() -> Document:
    return parse_report(REPORT)


@pytest.fixture(scope="session")
def mini() -> Document:
    return parse_report(MINI_REPORT)
