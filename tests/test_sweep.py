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


def test_threshold_sweep_public_function():
    import scipy.sparse as sp

    from skmultimetrics import f1_score, precision_score, threshold_sweep

    rng = np.random.default_rng(0)
    y_true = rng.random((60, 4)) < 0.3
    y_score = np.round(rng.random((60, 4)), 2)
    sweep = threshold_sweep(y_true, y_score)
    assert len(sweep.thresholds) == len(sweep.scores) == 4
    for j in range(4):
        assert sweep.thresholds[j][0] == np.inf and sweep.thresholds[j][-1] == -np.inf
        assert np.all(np.diff(sweep.thresholds[j]) < 0)
        for t, value in zip(sweep.thresholds[j], sweep.scores[j]):
            assert value == pytest.approx(
                f1_score(y_true[:, j], y_score[:, j] >= t, zero_division=0)
            )
    # the best thresholds reach the best per-label F1 through threshold=
    per_label = f1_score(
        y_true, y_score, average=None, threshold=sweep.best_thresholds, zero_division=0
    )
    np.testing.assert_allclose(per_label, sweep.best_scores)
    # sparse truth, list-of-blocks scores, weights, another metric
    blocks = [np.column_stack([1 - y_score[:, j], y_score[:, j]]) for j in range(4)]
    weight = rng.random(60)
    other = threshold_sweep(
        sp.csr_array(y_true), blocks, metric="precision", sample_weight=weight
    )
    for j in range(4):
        t = other.best_thresholds[j]
        assert other.best_scores[j] == pytest.approx(
            precision_score(
                y_true[:, j], y_score[:, j] >= t, sample_weight=weight, zero_division=0
            )
        )


def test_threshold_sweep_errors():
    from skmultimetrics import threshold_sweep

    with pytest.raises(ValueError, match="'metric' parameter"):
        threshold_sweep([0, 1], [0.2, 0.3], metric="auc")
    with pytest.raises(ValueError, match="'zero_division' parameter"):
        threshold_sweep([0, 1], [0.2, 0.3], zero_division="warn")
    with pytest.raises(ValueError, match="different shapes"):
        threshold_sweep([[0, 1], [1, 0]], [0.2, 0.3])
    with pytest.raises(ValueError, match=r"y_score of .* NaN"):
        threshold_sweep([0, 1], [0.2, np.nan])
    with pytest.raises(ValueError, match="binary label-indicator"):
        threshold_sweep([0, 2], [0.2, 0.3])
    with pytest.raises(ValueError, match="'sample_weight'"):
        threshold_sweep([0, 1], [0.2, 0.3], sample_weight=[1.0])


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


def test_a_binary_predict_proba_is_read_as_its_positive_column():
    from sklearn.datasets import make_classification
    from sklearn.linear_model import LogisticRegression

    from skmultimetrics import multilabel_report, optimize_thresholds, threshold_sweep

    X, y = make_classification(n_samples=200, random_state=0)
    proba = LogisticRegression().fit(X, y).predict_proba(X)
    assert proba.shape == (200, 2)
    sweep = threshold_sweep(y, proba)
    expected = threshold_sweep(y, proba[:, 1])
    np.testing.assert_array_equal(sweep.thresholds, expected.thresholds)
    np.testing.assert_array_equal(sweep.scores, expected.scores)
    result = optimize_thresholds(y, proba, scoring="f1")
    assert result.thresholds == optimize_thresholds(y, proba[:, 1]).thresholds
    report = multilabel_report(y, proba, thresholds=0.5, output_dict=True)
    assert report["n_labels"] == 1
    with pytest.raises(
        ValueError, match=r"different shapes: \(200, 1\) and \(200, 3\)"
    ):
        threshold_sweep(y, np.column_stack([proba, proba[:, :1]]))
