"""F-beta objectives and scorers: exact searches checked against scikit-learn
and a brute force over every distinct cut-off."""

import itertools

import numpy as np
import pytest
from sklearn.datasets import make_multilabel_classification
from sklearn.metrics import fbeta_score, make_scorer
from sklearn.neighbors import KNeighborsClassifier

from skmultimetrics import (
    ThresholdOptimizer,
    get_scorer,
    get_scorer_names,
    optimize_thresholds,
)


def _brute(y, s, beta, average):
    """The best F-beta over every combination of distinct per-label cut-offs."""
    two_d = y.ndim == 2
    cols = s if two_d else s[:, None]
    cuts = [np.r_[np.inf, np.unique(c), -np.inf] for c in cols.T]
    best = -1.0
    for combo in itertools.product(*cuts):
        t = np.array(combo) if two_d else combo[0]
        pred = (s >= t).astype(int)
        value = fbeta_score(y, pred, beta=beta, average=average, zero_division=0)
        best = max(best, value)
    return best


@pytest.mark.parametrize("beta", ["0.5", "2", "3"])
@pytest.mark.parametrize("average", ["macro", "micro", "weighted", "binary"])
def test_fbeta_objectives_exact(beta, average):
    rng = np.random.default_rng(int(float(beta) * 10) + len(average))
    for _ in range(15):
        n = int(rng.integers(4, 9))
        one = average == "binary" or rng.random() < 0.3
        shape = (n,) if one else (n, 2)
        y = rng.integers(0, 2, shape)
        s = rng.integers(0, 5, shape) / 4
        name = f"f{beta}" if average == "binary" else f"f{beta}_{average}"
        result = optimize_thresholds(y, s, scoring=name)
        pred = (s >= result.thresholds).astype(int)
        expected = fbeta_score(
            y, pred, beta=float(beta), average=average, zero_division=0
        )
        assert result.score == pytest.approx(expected, abs=1e-12)
        assert expected == pytest.approx(_brute(y, s, float(beta), average))


def test_fbeta_samples_matches_sklearn():
    rng = np.random.default_rng(3)
    for _ in range(10):
        y = rng.integers(0, 2, (10, 3))
        s = rng.random((10, 3))
        result = optimize_thresholds(y, s, scoring="f2_samples")
        pred = (s >= result.thresholds).astype(int)
        expected = fbeta_score(y, pred, beta=2, average="samples", zero_division=0)
        assert result.score == pytest.approx(expected, abs=1e-12)


def test_f2_macro_beats_coordinate_ascent_of_make_scorer():
    X, Y = make_multilabel_classification(n_samples=150, n_classes=4, random_state=1)
    kwargs = dict(cv=3, random_state=0)
    est = KNeighborsClassifier()
    named = ThresholdOptimizer(est, scoring="f2_macro", **kwargs).fit(X, Y)
    made = make_scorer(fbeta_score, beta=2, average="macro")
    slow = ThresholdOptimizer(est, scoring=made, **kwargs).fit(X, Y)
    assert named.best_score_ >= slow.best_score_ - 1e-12
    via_get = ThresholdOptimizer(est, scoring=get_scorer("f2_macro"), **kwargs)
    np.testing.assert_array_equal(via_get.fit(X, Y).thresholds_, named.thresholds_)


def test_coordinate_ascent_said_in_verbose(capsys):
    X, Y = make_multilabel_classification(n_samples=60, n_classes=3, random_state=1)
    made = make_scorer(fbeta_score, beta=2, average="macro")
    ThresholdOptimizer(KNeighborsClassifier(), scoring=made, cv=2, verbose=1).fit(X, Y)
    out = capsys.readouterr().out
    assert "coordinate ascent" in out and "3 labels x 66 candidates" in out
    ThresholdOptimizer(KNeighborsClassifier(), scoring="f2_macro", cv=2, verbose=1).fit(
        X, Y
    )
    assert "coordinate ascent" not in capsys.readouterr().out


@pytest.mark.parametrize("average", ["macro", "micro", "samples", "weighted"])
def test_fbeta_scorer_equals_sklearn(average):
    X, Y = make_multilabel_classification(n_samples=80, random_state=0)
    est = KNeighborsClassifier().fit(X, Y)
    for beta in (0.5, 2):
        name = f"f{beta:g}_{average}"
        expected = make_scorer(fbeta_score, beta=beta, average=average)(est, X, Y)
        assert get_scorer(name)(est, X, Y) == pytest.approx(expected, abs=1e-15)


def test_fbeta_names_listed_and_spelling_refused():
    names = get_scorer_names()
    assert {"f2_macro", "f0.5_micro", "f2"} <= set(names)
    for bad in ("f2.0_macro", "f.5_macro", "f0_macro", "fbeta_macro", "f2_mean"):
        with pytest.raises(ValueError):
            get_scorer(bad)
        with pytest.raises(ValueError, match="optimize_thresholds"):
            optimize_thresholds([[0, 1], [1, 0]], [[0.2, 0.4], [0.6, 0.1]], scoring=bad)
