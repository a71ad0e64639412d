"""Review: a reported cut-off reproduces its counted predictions in the
scores' own float type (float32 scores compared with a Python float cut)."""

import numpy as np
import pytest
from sklearn.metrics import f1_score

from skmultimetrics import optimize_thresholds, threshold_sweep


def _adjacent_float32(seed, n_pairs=20):
    """Binary targets whose float32 scores come in pairs one ulp apart, the
    upper one positive and the lower one negative."""
    rng = np.random.default_rng(seed)
    lower = rng.uniform(0.05, 0.95, n_pairs).astype(np.float32)
    upper = np.nextafter(lower, np.float32(1))
    y_score = np.concatenate([lower, upper])
    y_true = np.concatenate([np.zeros(n_pairs, int), np.ones(n_pairs, int)])
    return y_true, y_score


@pytest.mark.parametrize("seed", range(20))
def test_sweep_cuts_reproduce_counts_in_float32(seed):
    y_true, y_score = _adjacent_float32(seed, n_pairs=1 + seed % 5)
    sweep = threshold_sweep(y_true, y_score)
    for cut, score in zip(sweep.thresholds, sweep.scores):
        # a Python float: NumPy compares it with float32 scores in float32
        pred = (y_score >= float(cut)).astype(int)
        assert f1_score(y_true, pred, zero_division=0.0) == pytest.approx(score)
    pred = y_score >= sweep.best_threshold
    assert f1_score(y_true, pred) == pytest.approx(sweep.best_score)


@pytest.mark.parametrize("seed", range(20))
def test_optimized_cut_reproduces_score_in_float32(seed):
    y_true, y_score = _adjacent_float32(seed, n_pairs=1)
    best = optimize_thresholds(y_true, y_score)
    assert best.score == 1.0
    assert f1_score(y_true, y_score >= best.thresholds) == 1.0
    assert np.float32(best.thresholds) == best.thresholds


def test_multilabel_cuts_are_float32_values():
    pairs = [_adjacent_float32(seed, n_pairs=1) for seed in range(5)]
    y_true = np.column_stack([truth for truth, _ in pairs])
    y_score = np.column_stack([score for _, score in pairs])
    best = optimize_thresholds(y_true, y_score, scoring="f1_macro")
    assert best.score == 1.0
    for j, cut in enumerate(best.thresholds):
        assert np.float32(cut) == cut
        assert f1_score(y_true[:, j], y_score[:, j] >= float(cut)) == 1.0


@pytest.mark.parametrize("seed", range(10))
def test_float16_cuts_reproduce_counts_in_float16(seed):
    """Half-precision scores are widened on input; the cut is still a float16
    value, so NumPy's float16 comparison with it counts what the sweep did."""
    rng = np.random.default_rng(seed)
    lower = rng.uniform(0.05, 0.95, 30).astype(np.float16)
    y_score = np.concatenate([lower, np.nextafter(lower, np.float16(1))])
    y_true = np.r_[np.zeros(30, int), np.ones(30, int)]
    sweep = threshold_sweep(y_true, y_score)
    for cut, score in zip(sweep.thresholds, sweep.scores):
        pred = (y_score >= float(cut)).astype(int)
        assert f1_score(y_true, pred, zero_division=0.0) == pytest.approx(score)
    for pair in range(30):
        rows = [pair, pair + 30]
        best = optimize_thresholds(y_true[rows], y_score[rows])
        assert f1_score(y_true[rows], y_score[rows] >= best.thresholds) == 1.0


def test_bfloat16_tensor_cut_separates_adjacent_scores():
    torch = pytest.importorskip("torch")
    base = torch.linspace(0.1, 0.9, 40).to(torch.bfloat16)
    upper = torch.nextafter(base, torch.ones_like(base))
    for low, high in zip(base, upper):
        y_score = torch.stack([low, high])
        best = optimize_thresholds(np.array([0, 1]), y_score)
        assert best.score == 1.0
        # PyTorch compares a bfloat16 tensor with a Python float in bfloat16
        assert (y_score >= best.thresholds).tolist() == [False, True]
