"""Exact per-label threshold sweeps against brute force."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn import metrics as sk

from skmultimetrics._counts._sweep import (
    SWEEP_METRICS,
    best_cuts,
    best_per_label,
    label_sweeps,
    metric_from_counts,
)


def _brute_force(name, y, pred, w, beta=2.0):
    kw = {"sample_weight": w}
    if name == "precision":
        return sk.precision_score(y, pred, zero_division=0, **kw)
    if name == "recall":
        return sk.recall_score(y, pred, zero_division=0, **kw)
    if name == "f1":
        return sk.f1_score(y, pred, zero_division=0, **kw)
    if name == "fbeta":
        return sk.fbeta_score(y, pred, beta=beta, zero_division=0, **kw)
    if name == "jaccard":
        return sk.jaccard_score(y, pred, zero_division=0, **kw)
    if name == "accuracy":
        return sk.accuracy_score(y, pred, **kw)
    if name == "balanced_accuracy":
        w = np.ones(len(y)) if w is None else w
        tpr = (w * (pred & y)).sum() / (w * y).sum() if y.any() else 0.0
        tnr = (w * (~pred & ~y)).sum() / (w * ~y).sum() if (~y).any() else 0.0
        return (tpr + tnr) / 2
    if name == "matthews":
        return sk.matthews_corrcoef(y, pred, **kw)
    raise AssertionError(name)


@st.composite
def problems(draw):
    n = draw(st.integers(1, 12))
    # 9 and 17 labels span several blocks of the blocked sweep (8 labels each)
    n_labels = draw(st.sampled_from([1, 2, 3, 9, 17]))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    scores = np.round(rng.random((n, n_labels)), draw(st.sampled_from([1, 3])))
    dtype = draw(st.sampled_from(["float64", "float32", "int64"]))
    scores = (scores * 1000).astype(dtype) if dtype == "int64" else scores.astype(dtype)
    truth = rng.random((n, n_labels)) < draw(st.sampled_from([0.0, 0.3, 0.7, 1.0]))
    weight = rng.random(n) + 0.1 if draw(st.booleans()) else None
    return truth, scores, weight


@settings(max_examples=150, deadline=None)
@given(problems())
def test_every_threshold_reproduces_its_counts(problem):
    truth, scores, weight = problem
    sweep = label_sweeps(truth, scores, weight)
    w = np.ones(len(truth)) if weight is None else weight
    for j in range(scores.shape[1]):
        candidates = np.flatnonzero(sweep.valid[j])
        # one candidate per distinct score, plus "predict none"
        assert candidates.size == np.unique(scores[:, j]).size + 1
        for i in candidates:
            pred = scores[:, j] >= sweep.thresholds[j, i]
            assert (w * (pred & truth[:, j])).sum() == pytest.approx(sweep.tp[j, i])
            assert (w * (pred & ~truth[:, j])).sum() == pytest.approx(sweep.fp[j, i])
            if np.isfinite(sweep.thresholds[j, i]):  # a margin on both sides
                assert not np.isin(sweep.thresholds[j, i], scores[:, j])


@pytest.mark.filterwarnings("ignore:A single label was found:UserWarning")
@settings(max_examples=100, deadline=None)
@given(problems(), st.sampled_from(SWEEP_METRICS))
def test_best_cut_off_equals_brute_force(problem, name):
    truth, scores, weight = problem
    sweep = label_sweeps(truth, scores, weight)
    values = metric_from_counts(
        name, sweep.tp, sweep.fp, sweep.positives, sweep.negatives, beta=2.0
    )
    _, best_values, thresholds = best_per_label(sweep, values)
    # the blocked search that keeps no sweep finds the same cut-offs
    cuts, reached_values = best_cuts(truth, scores, name, weight, beta=2.0)
    np.testing.assert_array_equal(cuts, thresholds)
    np.testing.assert_allclose(reached_values, best_values, rtol=0, atol=1e-12)
    for j in range(scores.shape[1]):
        y = truth[:, j]
        cut_offs = [np.inf, *np.unique(scores[:, j])]
        brute = max(_brute_force(name, y, scores[:, j] >= c, weight) for c in cut_offs)
        assert best_values[j] == pytest.approx(brute, abs=1e-12)
        reached = _brute_force(name, y, scores[:, j] >= thresholds[j], weight)
        assert reached == pytest.approx(brute, abs=1e-12)


@pytest.mark.parametrize(
    "column",
    [
        [0.5, np.nextafter(0.5, 1.0), 0.25, 0.5],  # 1-ulp apart: the fallback path
        [0.0, -0.0, 0.3, -0.2],  # signed zeros are one score
        [-3.5, 2.0, -3.5, 1e300],
    ],
)
def test_sweep_exact_for_close_scores_and_signs(column):
    scores = np.array(column).reshape(-1, 1)
    truth = np.array([[True], [False], [True], [False]])
    sweep = label_sweeps(truth, scores)
    candidates = np.flatnonzero(sweep.valid[0])
    assert candidates.size == len(np.unique(scores)) + 1
    for i in candidates:
        pred = scores[:, 0] >= sweep.thresholds[0, i]
        assert (pred & truth[:, 0]).sum() == sweep.tp[0, i]
        assert (pred & ~truth[:, 0]).sum() == sweep.fp[0, i]
