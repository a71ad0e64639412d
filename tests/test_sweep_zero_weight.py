"""Rows of zero weight are as if removed for every cut-off the package reports
(scikit-learn's curves drop them): the cut-offs of a call with zero weights are
exactly those of the same call without those rows, and the scores the same up
to the rounding of a weighted sum over more rows."""

import numpy as np
import pytest
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.metrics import f1_score, make_scorer

from skmultimetrics import (
    ThresholdOptimizer,
    operating_points,
    optimize_thresholds,
    threshold_sweep,
)
from skmultimetrics._counts._sweep import as_if_removed


def _cases(n_cases=25, n_labels=3, dtype=np.float64):
    """Random targets, scores on a coarse grid (ties) and weights with zeros."""
    rng = np.random.default_rng(0)
    for _ in range(n_cases):
        n = int(rng.integers(8, 40))
        y = (rng.random((n, n_labels)) < 0.4).astype(int)
        y[:2] = [[1] * n_labels, [0] * n_labels]  # both classes among the kept
        grid = rng.choice([20, 1000])  # many ties, or few
        scores = (np.round(rng.random((n, n_labels)) * grid) / grid).astype(dtype)
        weight = rng.integers(1, 4, n).astype(float)
        weight[2:][rng.random(n - 2) < 0.4] = 0.0
        yield y, scores, weight, weight != 0


def _same(got, expected):
    assert got.keys() == expected.keys()
    for key in got:
        check = _close if "score" in key else np.testing.assert_array_equal
        check(np.asarray(got[key], dtype=float), np.asarray(expected[key], dtype=float))


def _close(got, expected):
    np.testing.assert_allclose(got, expected, rtol=1e-13, atol=0)


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_threshold_sweep(dtype):
    for y, s, w, kept in _cases(dtype=dtype):
        got = threshold_sweep(y, s, sample_weight=w)
        expected = threshold_sweep(y[kept], s[kept], sample_weight=w[kept])
        np.testing.assert_array_equal(got.best_thresholds, expected.best_thresholds)
        _close(got.best_scores, expected.best_scores)
        for key, check in (
            ("thresholds", np.testing.assert_array_equal),
            ("scores", _close),
        ):
            assert len(got[key]) == len(expected[key])
            for a, b in zip(got[key], expected[key]):
                check(a, b)


@pytest.mark.parametrize(
    "scoring, strategy",
    [
        ("f1_macro", "auto"),
        ("f1_micro", "auto"),
        ("f2_samples", "auto"),
        ("subset_accuracy", "auto"),
        ("f1_macro", "global"),
        ("f1_micro", "global"),
        ("jaccard_samples", "coordinate"),
        ("f1_micro", "coordinate"),
        # a scorer object (weighted): coordinate ascent over quantiles
        (make_scorer(f1_score, average="macro"), "auto"),
    ],
)
def test_optimize_thresholds(scoring, strategy):
    for y, s, w, kept in _cases(n_cases=10):
        got = optimize_thresholds(
            y, s, scoring=scoring, strategy=strategy, sample_weight=w
        )
        expected = optimize_thresholds(
            y[kept], s[kept], scoring=scoring, strategy=strategy, sample_weight=w[kept]
        )
        np.testing.assert_array_equal(got.thresholds, expected.thresholds)
        _close(got.score, expected.score)


def test_optimize_thresholds_binary_and_constraint():
    for y, s, w, kept in _cases(n_cases=15):
        for t, p, kwargs in (
            (y[:, 0], s[:, 0], {}),
            (y[:, :1], s[:, :1], {"scoring": "f1_macro"}),
            (y, s, {"constraint": ("precision", 0.6)}),
        ):
            got = optimize_thresholds(t, p, sample_weight=w, **kwargs)
            expected = optimize_thresholds(
                t[kept], p[kept], sample_weight=w[kept], **kwargs
            )
            _same(got, expected)


def test_operating_points():
    for y, s, w, kept in _cases():
        for average in (None, "micro"):
            args = {"maximize": "recall", "subject_to": ("precision", 0.5)}
            got = operating_points(y, s, average=average, sample_weight=w, **args)
            expected = operating_points(
                y[kept], s[kept], average=average, sample_weight=w[kept], **args
            )
            _same(got, expected)


class _Scores(ClassifierMixin, BaseEstimator):
    """A fitted stand-in whose scores are its input."""

    def __init__(self, n_labels=3):
        self.n_labels = n_labels
        self.classes_ = np.array([0, 1])

    def fit(self, X, y):
        return self

    def predict_proba(self, X):
        return np.asarray(X, dtype=float)


@pytest.mark.parametrize(
    "params",
    [
        {"scoring": "f1_macro"},
        {"scoring": "f1_micro"},
        {"scoring": "f1_macro", "thresholds": 6},  # quantiles of the scores
        {"scoring": "f1_micro", "thresholds": 6, "strategy": "global"},
    ],
)
def test_threshold_optimizer_prefit(params):
    for y, s, w, kept in _cases(n_cases=10):
        model = ThresholdOptimizer(_Scores(), cv="prefit", **params)
        got = model.fit(s, y, sample_weight=w)
        expected = ThresholdOptimizer(_Scores(), cv="prefit", **params)
        expected.fit(s[kept], y[kept], sample_weight=w[kept])
        np.testing.assert_array_equal(got.thresholds_, expected.thresholds_)
        _close(got.best_score_, expected.best_score_)


def test_as_if_removed_leaves_other_inputs_alone():
    scores = np.array([[0.3, 0.9], [0.1, 0.2], [0.5, 0.4]])
    assert as_if_removed(scores, None) is scores
    assert as_if_removed(scores, np.ones(3)) is scores
    assert as_if_removed(scores, np.zeros(3)) is scores
    tied = as_if_removed(scores, np.array([1.0, 0.0, 2.0]))
    np.testing.assert_array_equal(tied, [[0.3, 0.9], [0.3, 0.4], [0.5, 0.4]])
    np.testing.assert_array_equal(scores[1], [0.1, 0.2])  # not changed in place
