"""1-D binary labels -1/1 (scikit-learn's other implicit binary labels, as its
curves read them without ``pos_label``) mean what 0/1 labels mean for every
function that checks truth and scores with ``check_truth_and_scores``."""

import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import precision_recall_curve
from sklearn.model_selection import cross_val_score

from skmultimetrics import (
    get_scorer,
    operating_points,
    optimize_thresholds,
    precision_at_recall_score,
    recall_at_precision_score,
    sensitivity_at_specificity_score,
    specificity_at_sensitivity_score,
    threshold_sweep,
)

CALLS = {
    "threshold_sweep": lambda y, s, w: threshold_sweep(y, s, sample_weight=w).scores,
    "optimize_thresholds": lambda y, s, w: optimize_thresholds(y, s, sample_weight=w)[
        "thresholds"
    ],
    "recall_at_precision": lambda y, s, w: recall_at_precision_score(
        y, s, min_precision=0.6, sample_weight=w
    ),
    "precision_at_recall": lambda y, s, w: precision_at_recall_score(
        y, s, min_recall=0.5, sample_weight=w
    ),
    "sensitivity_at_specificity": lambda y, s, w: sensitivity_at_specificity_score(
        y, s, min_specificity=0.7, sample_weight=w
    ),
    "specificity_at_sensitivity": lambda y, s, w: specificity_at_sensitivity_score(
        y, s, min_sensitivity=0.7, sample_weight=w
    ),
    "operating_points": lambda y, s, w: (
        operating_points(
            y, s, maximize="recall", subject_to=("precision", 0.6), sample_weight=w
        ).thresholds
    ),
}


@pytest.mark.parametrize("name", list(CALLS))
@pytest.mark.parametrize("seed", range(5))
def test_minus_one_labels_equal_zero_one_labels(name, seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(5, 60))
    y = rng.integers(0, 2, n)
    y[:2] = [0, 1]
    scores = rng.random(n).round(int(rng.integers(1, 4)))  # ties too
    weight = None if seed % 2 else rng.random(n)
    expected = CALLS[name](y, scores, weight)
    for labels in (np.where(y == 1, 1, -1), np.where(y == 1, 1.0, -1.0)):
        np.testing.assert_array_equal(CALLS[name](labels, scores, weight), expected)


def test_minus_one_sweep_counts_as_scikit_learn():
    rng = np.random.default_rng(0)
    y = np.where(rng.random(80) < 0.4, 1, -1)
    scores = rng.random(80)
    precision, _, cuts = precision_recall_curve(y, scores)
    sweep = threshold_sweep(y, scores, metric="precision")
    # scikit-learn's curve starts at the lowest score; ours adds the two ends
    finite = np.isfinite(sweep.thresholds)
    ours = dict(zip(np.round(sweep.thresholds[finite], 12), sweep.scores[finite]))
    assert len(ours) == cuts.shape[0] - 1  # one cut between adjacent scores
    assert max(ours.values()) == pytest.approx(precision[:-1].max())


def test_minus_one_labels_through_a_scorer_in_cross_validation():
    rng = np.random.default_rng(1)
    X = rng.normal(size=(200, 3))
    y = (X[:, 0] + rng.normal(size=200) > 0).astype(int)
    scorer = get_scorer("recall_at_precision_80")
    zero_one = cross_val_score(LogisticRegression(), X, y, scoring=scorer)
    minus_one = cross_val_score(
        LogisticRegression(), X, np.where(y, 1, -1), scoring=scorer
    )
    assert np.isfinite(minus_one).all()  # it was NaN: every fold refused
    np.testing.assert_array_equal(minus_one, zero_one)


@pytest.mark.parametrize(
    "labels", [np.array(["a", "b"] * 5), np.array([1, 2] * 5), np.array([-1, 0, 1] * 3)]
)
def test_other_labels_are_refused_naming_y_true(labels):
    scores = np.linspace(0, 1, labels.shape[0])
    with pytest.raises(ValueError, match=r"y_true of threshold_sweep .*-1/1 or bool"):
        threshold_sweep(labels, scores)


def test_minus_one_in_a_label_matrix_is_refused():
    y = np.array([[1, -1], [-1, 1], [1, 1]])
    with pytest.raises(ValueError, match="y_true of threshold_sweep"):
        threshold_sweep(y, np.random.default_rng(0).random((3, 2)))
