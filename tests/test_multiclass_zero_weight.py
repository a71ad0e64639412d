"""Rows of zero weight add no breakpoint to the multiclass search: the class
weights of a call with zero weights are exactly those of the same call without
those rows (and ``labels=`` the classes of all rows, which stay the classes),
and the score the same."""

import warnings

import numpy as np
import pytest
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.metrics import f1_score, make_scorer

from skmultimetrics import ThresholdOptimizer, optimize_thresholds
from skmultimetrics._thresholds._multiclass import _Breakpoints

OBJECTIVES = [
    "f1_macro",
    "f1_micro",
    "f2_weighted",
    "precision_macro",
    "recall_weighted",
    "jaccard_micro",
    "accuracy",
    "balanced_accuracy",
]


def _cases(n_cases=30, dtype=np.float64, seed=0):
    """Random multiclass targets (3-6 classes), scores on a coarse or fine grid
    (ties), weights with zeros; some classes occur only in zero-weight rows."""
    rng = np.random.default_rng(seed)
    for _ in range(n_cases):
        n_classes = int(rng.integers(3, 7))
        n = int(rng.integers(12, 60))
        y = rng.integers(0, n_classes, n)
        y[:n_classes] = np.arange(n_classes)  # every class among all rows
        grid = rng.choice([5, 20, 1000])
        scores = np.round(rng.random((n, n_classes)) * grid) / grid
        scores[rng.random((n, n_classes)) < 0.1] = 0.0
        scores = scores.astype(dtype)
        weight = rng.integers(1, 4, n).astype(float)
        weight[rng.random(n) < 0.4] = 0.0
        weight[n_classes] = 1.0  # a kept row
        yield y, scores, weight, weight != 0


def _close(got, expected):
    np.testing.assert_allclose(got, expected, rtol=1e-12, atol=0)


def _same(got, expected):
    np.testing.assert_array_equal(got.thresholds, expected.thresholds)
    np.testing.assert_array_equal(got.classes, expected.classes)
    _close(got.score, expected.score)
    assert got.get("feasible") == expected.get("feasible")


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("scoring", OBJECTIVES)
def test_optimize_thresholds(dtype, scoring):
    for y, s, w, kept in _cases(dtype=dtype):
        got = optimize_thresholds(y, s, scoring=scoring, sample_weight=w)
        expected = optimize_thresholds(
            y[kept],
            s[kept],
            scoring=scoring,
            sample_weight=w[kept],
            labels=np.arange(s.shape[1]),
        )
        _same(got, expected)


@pytest.mark.parametrize("scoring", ["f1_macro", "f1_micro", "f2_weighted"])
@pytest.mark.parametrize(
    "constraint", [("recall", 0.8, 1), ("precision", 0.6, 0), ("specificity", 0.9, 2)]
)
def test_optimize_thresholds_with_a_constraint(scoring, constraint):
    for y, s, w, kept in _cases(n_cases=20, seed=1):
        got = optimize_thresholds(
            y, s, scoring=scoring, constraint=constraint, sample_weight=w
        )
        expected = optimize_thresholds(
            y[kept],
            s[kept],
            scoring=scoring,
            constraint=constraint,
            sample_weight=w[kept],
            labels=np.arange(s.shape[1]),
        )
        _same(got, expected)


def test_a_metric_callable_sees_every_row():
    """It takes no weights: its search is the unweighted one, zero-weight rows
    included; a scorer object takes them and ignores those rows."""
    scorer = make_scorer(f1_score, average="macro")

    def macro_recall(y_true, y_pred):
        return np.mean([np.mean(y_pred[y_true == c] == c) for c in np.unique(y_true)])

    cases = [
        c for c in _cases(n_cases=12, seed=3) if len(set(c[0][c[3]])) == c[1].shape[1]
    ]
    assert len(cases) >= 4  # every class keeps some weight
    for y, s, w, _ in cases:
        got = optimize_thresholds(y, s, scoring=macro_recall, sample_weight=w)
        _same(got, optimize_thresholds(y, s, scoring=macro_recall))
    for y, s, w, kept in cases[:3]:
        got = optimize_thresholds(y, s, scoring=scorer, sample_weight=w)
        expected = optimize_thresholds(
            y[kept], s[kept], scoring=scorer, sample_weight=w[kept]
        )
        _same(got, expected)


class _Scores(ClassifierMixin, BaseEstimator):
    """A prefit 'estimator' whose probabilities are its input."""

    def __init__(self, n_classes=3):
        self.n_classes = n_classes

    def fit(self, X, y):
        return self

    def predict_proba(self, X):
        return np.asarray(X, dtype=float)

    def __sklearn_is_fitted__(self):
        return True

    @property
    def classes_(self):
        return np.arange(self.n_classes)


@pytest.mark.parametrize(
    "params",
    [
        {"scoring": "f1_macro"},
        {"scoring": "f1_micro"},
        {"scoring": "balanced_accuracy"},
        {"scoring": "f2_weighted", "constraint": ("recall", 0.8, 1)},
    ],
)
def test_threshold_optimizer_prefit(params):
    for y, s, w, kept in _cases(n_cases=15, seed=2):
        estimator = _Scores(s.shape[1])
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            got = ThresholdOptimizer(estimator, cv="prefit", **params)
            got.fit(s, y, sample_weight=w)
            expected = ThresholdOptimizer(estimator, cv="prefit", **params)
            expected.fit(s[kept], y[kept], sample_weight=w[kept])
        np.testing.assert_array_equal(got.thresholds_, expected.thresholds_)
        _close(got.best_score_, expected.best_score_)


def test_breakpoints_skip_zero_weight_rows():
    scores = np.array([[0.2, 0.5, 0.3], [0.6, 0.3, 0.1], [0.1, 0.1, 0.8]])
    weights = np.ones(3)
    every = _Breakpoints(scores, weights, 0)
    np.testing.assert_array_equal(every.rows, [1, 0, 2])
    np.testing.assert_allclose(every.edges, [0.5, 2.5, 8.0])
    some = _Breakpoints(scores, weights, 0, np.array([1.0, 0.0, 2.0]))
    np.testing.assert_array_equal(some.rows, [0, 2])
    np.testing.assert_allclose(some.edges, [2.5, 8.0])
    np.testing.assert_array_equal(some.base, every.base)
