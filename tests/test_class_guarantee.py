"""Multiclass cut-offs with a guarantee: constraint=(metric, level, class) with
confidence_level. Coverage on a known population, power against the
one-weight family, the certificate checked row by row, exact Learn-then-Test
counts, and bad input."""

import warnings

import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression

from skmultimetrics import ThresholdOptimizer, optimize_thresholds
from skmultimetrics._checks._multiclass import class_decisions
from skmultimetrics._thresholds._class_guarantee import (
    _precision_grid,
    _rank_limit,
    _ratios,
    certified_weights,
    grid_counts,
)
from skmultimetrics._thresholds._guarantee import largest_rank
from skmultimetrics._thresholds._multiclass import MulticlassObjective, decide

N_CLASSES = 4


def _draw(rng, n, sep=1.5):
    """Softmax scores with class-dependent means (class c's mean grows with c)."""
    y = rng.integers(0, N_CLASSES, n)
    logits = rng.normal(size=(n, N_CLASSES))
    logits[np.arange(n), y] += sep * (1 + y / N_CLASSES)
    proba = np.exp(logits)
    return y, proba / proba.sum(axis=1, keepdims=True)


POPULATION = _draw(np.random.default_rng(123), 400_000)


def _population_metric(metric, thresholds, c):
    y, proba = POPULATION
    pred = class_decisions(proba, thresholds)
    if metric == "recall":
        return (pred[y == c] == c).mean()
    if metric == "specificity":
        return (pred[y != c] != c).mean()
    return (y[pred == c] == c).mean() if (pred == c).any() else np.nan


def _objective(y, scoring="f1_macro"):
    objective = MulticlassObjective(scoring, "test")
    return objective.bind(y, None, N_CLASSES, np.arange(N_CLASSES))


@pytest.mark.parametrize(
    "metric, level", [("recall", 0.9), ("precision", 0.8), ("specificity", 0.95)]
)
def test_guarantee_holds_on_a_known_population(metric, level):
    """The share of repetitions below the level is at most 1 - confidence
    within simulation noise; the point-estimate rule misses far more often."""
    rng = np.random.default_rng(1)
    reps, confidence = 100, 0.9
    below, below_point = [], []
    for _ in range(reps):
        y, proba = _draw(rng, 500)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            result = optimize_thresholds(
                y, proba, constraint=(metric, level, 1), confidence_level=confidence
            )
        # an uncertified precision floor predicts none of class 1: no miss
        assert result.feasible or metric == "precision"
        missed = _population_metric(metric, result.thresholds, 1) < level
        below.append(result.feasible and missed)
        if metric == "recall":
            point = optimize_thresholds(y, proba, constraint=(metric, level, 1))
            missed = _population_metric(metric, point.thresholds, 1) < level
            below_point.append(missed)
    noise = 2.5 * np.sqrt(confidence * (1 - confidence) / reps)
    assert np.mean(below) <= 1 - confidence + noise
    if metric == "recall":
        assert np.mean(below_point) > 1 - confidence + noise


@pytest.mark.parametrize("metric", ["recall", "specificity", "precision"])
def test_at_least_as_good_as_the_one_weight_family(metric):
    """Tuning the other weights within the certified limit never loses against
    the best certified weight of class c alone (the others at 1)."""
    rng = np.random.default_rng(2)
    level = {"recall": 0.85, "specificity": 0.9, "precision": 0.75}[metric]
    gains = []
    for seed in range(20):
        y, proba = _draw(np.random.default_rng(seed), int(rng.integers(300, 900)))
        objective = _objective(y)
        c = seed % N_CLASSES
        tuned = certified_weights(objective, proba, (metric, level, c), 0.1)
        alone = certified_weights(objective, proba, (metric, level, c), 0.1, 0)
        assert tuned[1] == alone[1]
        if not tuned[1]:
            continue
        value = objective.score(class_decisions(proba, 1 / tuned[0]))
        baseline = objective.score(class_decisions(proba, 1 / alone[0]))
        assert value >= baseline - 1e-12
        gains.append(value - baseline)
    if metric != "precision":  # the precision family is the one-weight family
        assert max(gains) > 0.005


@pytest.mark.parametrize("metric", ["recall", "specificity"])
def test_certificate_row_by_row(metric):
    """Recall: every class-c row at or above the certified ratio is predicted c;
    specificity: every row predicted c is strictly above the certified ratio
    of the other rows. Random inputs, including tied and zero scores."""
    for seed in range(30):
        rng = np.random.default_rng(seed)
        y, proba = _draw(rng, int(rng.integers(200, 700)))
        if seed % 3 == 0:  # ties and zeros
            proba = np.round(proba, 1)
        c, level = seed % N_CLASSES, 0.8
        weights, met, bound = certified_weights(
            _objective(y), proba, (metric, level, c), 0.1
        )
        if not met:
            continue
        pred = class_decisions(proba, 1 / weights)
        rho, k, n, _ = _rank_limit(metric, level, 0.1, proba, y, c)
        assert k == largest_rank(n, level, 0.1) and 0 < bound <= 1
        if metric == "recall":
            ratio = _ratios(proba, c, 0.0)[0]
            assert (pred[(y == c) & (ratio >= 1 / rho)] == c).all()
        elif weights[c] > 0:
            ratio = _ratios(proba, c, np.inf)[0]
            assert (ratio[pred == c] > 1 / rho).all()


def test_precision_counts_are_the_decisions_of_predict():
    """The Learn-then-Test counts at every grid threshold, against
    class_decisions on the same scores (ties and zeros included)."""
    for seed in range(6):
        rng = np.random.default_rng(seed)
        y, proba = _draw(rng, 300)
        if seed % 2:
            proba = np.round(proba, 1)
            proba[:5] = 0.0  # all-zero rows: ties to the first class
        c = seed % N_CLASSES
        grid, n_pred, tp = grid_counts(proba, y, c)
        assert grid.size == 1000 and (np.diff(grid) > 0).all()
        for i, w in enumerate(grid):
            pred = decide(proba, np.where(np.arange(N_CLASSES) == c, w, 1.0))
            assert n_pred[i] == (pred == c).sum()
            assert tp[i] == ((pred == c) & (y == c)).sum()


def test_precision_choice_is_certified_and_uses_the_grid():
    y, proba = _draw(np.random.default_rng(5), 1500)
    result = optimize_thresholds(
        y, proba, constraint=("precision", 0.8, 2), confidence_level=0.9
    )
    grid, certified = _precision_grid(0.8, 0.1, proba, y, 2)
    assert result.feasible and result.constraint_bound == 0.8
    assert result.thresholds[2] in 1.0 / grid[certified]
    np.testing.assert_array_equal(np.delete(result.thresholds, 2), 1.0)


def test_nothing_certified_warns_and_names_the_class():
    y, proba = _draw(np.random.default_rng(3), 40)
    with pytest.warns(
        UserWarning, match=r"no cut-off is certified.*predicted wherever.*: 1\."
    ):
        result = optimize_thresholds(
            y, proba, constraint=("recall", 0.99, 1), confidence_level=0.95
        )
    assert not result.feasible and np.isnan(result.constraint_bound)
    with pytest.warns(UserWarning, match=r"never predicted \(threshold inf\): 1\."):
        result = optimize_thresholds(
            y, proba, constraint=("precision", 0.999, 1), confidence_level=0.95
        )
    assert not result.feasible and result.thresholds[1] == np.inf
    result = optimize_thresholds(
        y, proba, constraint=("specificity", 0.999, 1), confidence_level=0.95
    )
    assert result.feasible and result.thresholds[1] == np.inf
    assert result.constraint_bound == 1.0


def test_bad_input_names_the_argument():
    y, proba = _draw(np.random.default_rng(0), 60)
    with pytest.raises(ValueError, match="'constraint' parameter"):
        optimize_thresholds(
            y, proba, constraint=("recall", 0.9, 7), confidence_level=0.9
        )
    with pytest.raises(ValueError, match=r"'constraint' parameter.*exact"):
        optimize_thresholds(y, proba, constraint=("f1", 0.5, 1), confidence_level=0.9)
    with pytest.raises(ValueError, match="'sample_weight' parameter"):
        optimize_thresholds(
            y,
            proba,
            constraint=("recall", 0.9, 1),
            confidence_level=0.9,
            sample_weight=np.ones(60),
        )
    with pytest.raises(ValueError, match="'confidence_level' parameter"):
        optimize_thresholds(y, proba, constraint=("recall", 0.9, 1), confidence_level=1)
    with pytest.raises(ValueError, match=r"'confidence_level'.*needs a 'constraint'"):
        optimize_thresholds(y, proba, confidence_level=0.9)
    with pytest.raises(ValueError, match="'simultaneous' parameter"):
        optimize_thresholds(y, proba, simultaneous="yes")
    X = np.random.default_rng(0).normal(size=(60, 3))
    model = ThresholdOptimizer(
        LogisticRegression(), constraint=("recall", 0.9, 1), confidence_level=0.9
    )
    with pytest.raises(ValueError, match="'sample_weight' parameter"):
        model.fit(X, y, sample_weight=np.ones(60))


def test_threshold_optimizer_prefit_equals_optimize_thresholds():
    rng = np.random.default_rng(8)
    X = rng.normal(size=(1500, 4))
    y = np.argmax(X[:, :3] + rng.normal(size=(1500, 3)), axis=1)
    base = LogisticRegression().fit(X[:500], y[:500])
    for metric, level in [("recall", 0.9), ("precision", 0.6)]:
        model = ThresholdOptimizer(
            base,
            constraint=(metric, level, 2),
            confidence_level=0.9,
            cv="prefit",
            store_cv_results=True,
        ).fit(X[500:], y[500:])
        expected = optimize_thresholds(
            y[500:],
            base.predict_proba(X[500:]),
            constraint=(metric, level, 2),
            confidence_level=0.9,
        )
        np.testing.assert_array_equal(model.thresholds_, expected.thresholds)
        assert model.cv_results_["constraint_met"] is True
        assert model.cv_results_["constraint_bound"] == expected.constraint_bound
        assert model.cv_results_["kept"] is None  # no if_better fallback
    cv_model = ThresholdOptimizer(
        LogisticRegression(), constraint=("recall", 0.9, 0), confidence_level=0.9
    ).fit(X, y)
    assert cv_model.thresholds_.shape == (3,)
