"""Retrieval encodes a question once per loaded index: asked again, its vector comes from the cache."""
from __future__ import annotations

from pathlib import Path

import numpy as np

from index.embedder import HashingEmbedder
from index.store import build_index
from qa.engine import QAEngine

MINI_REPORT = Path(__file__).resolve().parent.parent / "data" / "mini_report.txt"


class CountingEmbedder(HashingEmbedder):
    def __init__(self) -> None:
        super().__init__()
        self.queries: list[str] = []

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        self.queries += texts
        return super().encode_queries(texts)


def test_a_question_asked_again_is_not_encoded_again_until_the_index_changes(tmp_path: Path) -> None:
    embedder = CountingEmbedder()
    engine = QAEngine(build_index(MINI_REPORT, tmp_path / "index", embedder))
    first = engine.ask("청년취업사관학교 올해 예산은?")
    encoded = len(embedder.queries)
    assert encoded > 0
    again = engine.ask("청년취업사관학교  올해 예산은?")
    assert len(embedder.queries) == encoded
    assert again.answer == first.answer

    rebuilt = QAEngine(build_index(MINI_REPORT, tmp_path / "index", embedder))
    rebuilt.ask("청년취업사관학교 올해 예산은?")
    assert len(embedder.queries) == 2 * encoded
