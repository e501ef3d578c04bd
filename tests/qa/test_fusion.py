"""qa.fusion.fuse: modes, weights, ties, and why the default keeps a clear lexical winner."""
from __future__ import annotations

import numpy as np
import pytest

from qa.fusion import FusionConfig, fuse, ranks

LEXICAL = np.array([12.0, 1.0, 0.0, 3.0])
DENSE = np.array([0.80, 0.83, 0.78, 0.81])


def order(scores: np.ndarray) -> list[int]:
    return [int(i) for i in np.argsort(-scores, kind="stable")]


def test_single_retriever_modes_return_that_retrievers_scores() -> None:
    assert fuse(LEXICAL, DENSE, FusionConfig(mode="bm25")) is LEXICAL
    assert fuse(LEXICAL, DENSE, FusionConfig(mode="dense")) is DENSE


@pytest.mark.parametrize("field", ["mode", "method"])
def test_unknown_mode_or_method_is_refused(field: str) -> None:
    with pytest.raises(ValueError):
        FusionConfig(**{field: "bm42"})


@pytest.mark.parametrize("method", ["minmax", "rrf"])
def test_a_zero_weight_leaves_the_other_retrievers_order(method: str) -> None:
    only_lexical = fuse(LEXICAL, DENSE, FusionConfig(method=method, dense_weight=0.0))
    only_dense = fuse(LEXICAL, DENSE, FusionConfig(method=method, lexical_weight=0.0))
    assert order(only_lexical) == order(LEXICAL) == [0, 3, 1, 2]
    assert order(only_dense) == order(DENSE) == [1, 3, 0, 2]


def test_weights_decide_between_two_disagreeing_retrievers() -> None:
    lexical, dense = np.array([1.0, 0.0]), np.array([0.0, 1.0])
    assert order(fuse(lexical, dense, FusionConfig(lexical_weight=2.0))) == [0, 1]
    assert order(fuse(lexical, dense, FusionConfig(dense_weight=2.0))) == [1, 0]


def test_default_keeps_a_clear_lexical_winner_that_rank_fusion_would_tie() -> None:
    """BM25 leads by far, dense prefers item 1 by a hair: ranks (1, 2) and (2, 1) tie under RRF."""
    lexical, dense = np.array([10.0, 1.0, 0.0]), np.array([0.80, 0.81, 0.70])
    rrf = fuse(lexical, dense, FusionConfig(method="rrf"))
    assert rrf[0] == pytest.approx(rrf[1])
    fused = fuse(lexical, dense, FusionConfig())
    assert fused[0] > fused[1] > fused[2]


def test_default_lets_the_narrow_cosine_band_settle_a_close_bm25_call() -> None:
    """e5 cosines sit within a few hundredths of each other; rescaled, their spread still counts."""
    lexical, dense = np.array([1.0, 0.8, 0.0]), np.array([0.80, 0.86, 0.79])
    assert order(fuse(lexical, dense, FusionConfig())) == [1, 0, 2]


@pytest.mark.parametrize("method", ["minmax", "rrf"])
def test_a_retriever_that_ties_everything_favours_no_item(method: str) -> None:
    """BM25 without any query term in the index: the dense order must come through unchanged."""
    fused = fuse(np.zeros(4), DENSE, FusionConfig(method=method))
    assert order(fused) == order(DENSE)
    assert np.isfinite(fused).all()


def test_rescaling_one_retriever_does_not_change_the_default_order() -> None:
    cfg = FusionConfig()
    assert order(fuse(LEXICAL / 1000, DENSE, cfg)) == order(fuse(LEXICAL, DENSE, cfg))


def test_tied_scores_share_the_best_rank() -> None:
    assert ranks(np.array([1.0, 3.0, 3.0, 2.0, 1.0])).tolist() == [4, 1, 1, 3, 4]
    assert ranks(np.array([])).tolist() == []
