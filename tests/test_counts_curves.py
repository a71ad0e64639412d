"""Threshold-free statistics from one sort per label (_counts/_curves.py): the ROC
and precision-recall areas, partial ROC areas and the best cut-off under a
constraint, against scikit-learn and a brute force over every cut-off."""

import numpy as np
import pytest
from sklearn import metrics as sk
from sklearn.exceptions import UndefinedMetricWarning

from skmultimetrics._counts._curves import (
    area_values,
    constrained_best,
    curve_sums,
    partial_roc_areas,
)


def _problem(seed, n=80, c=11):
    rng = np.random.default_rng(seed)
    y = rng.random((n, c)) < rng.uniform(0.1, 0.6, c)
    y[:5] = True  # every label has positives and negatives
    y[5:10] = False
    scores = np.round(y * 0.3 + rng.random((n, c)), 1)  # many ties
    weight = rng.integers(0, 4, n).astype(float)
    weight[:10] = 1.0
    return y, scores, weight


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("weighted", [False, True])
def test_areas_by_label_equal_scikit_learn(seed, weighted):
    y, scores, weight = _problem(seed)
    w = weight if weighted else None
    sums = curve_sums(y, scores, w)
    for j in range(y.shape[1]):
        auc = sums.roc[j] / (sums.positives[j] * sums.negatives[j])
        ap = sums.precision[j] / sums.positives[j]
        assert auc == pytest.approx(
            sk.roc_auc_score(y[:, j], scores[:, j], sample_weight=w), abs=1e-12
        )
        assert ap == pytest.approx(
            sk.average_precision_score(y[:, j], scores[:, j], sample_weight=w),
            abs=1e-12,
        )


def test_areas_by_row_are_each_rows_curve():
    y, scores, _ = _problem(5, n=30, c=12)
    rows = (y.any(axis=1)) & (~y.all(axis=1))
    sums = curve_sums(y[rows], scores[rows], by="row")
    for i, (yi, si) in enumerate(zip(y[rows], scores[rows])):
        auc = sums.roc[i] / (sums.positives[i] * sums.negatives[i])
        assert auc == pytest.approx(sk.roc_auc_score(yi, si), abs=1e-12)
        ap = sums.precision[i] / sums.positives[i]
        assert ap == pytest.approx(sk.average_precision_score(yi, si), abs=1e-12)


@pytest.mark.parametrize("max_fpr", [0.1, 0.35, 0.8])
def test_partial_roc_areas_equal_scikit_learn(max_fpr):
    y, scores, weight = _problem(7)
    got, positives, _ = partial_roc_areas(y, scores, weight, max_fpr)
    np.testing.assert_array_equal(positives, (weight[:, None] * y).sum(axis=0))
    for j in range(y.shape[1]):
        expected = sk.roc_auc_score(
            y[:, j], scores[:, j], sample_weight=weight, max_fpr=max_fpr
        )
        assert got[j] == pytest.approx(expected, abs=1e-12)


def _brute_force(y, s, w, objective, constraint, level):
    """Best objective over cut-offs s_i (predict score >= s_i) meeting the level;
    ties: the highest cut-off."""
    best, cut = 0.0, np.inf
    positives = w @ y
    for c in np.unique(s)[::-1]:
        pred = s >= c
        tp, fp = w @ (pred & y), w @ (pred & ~y)
        rates = {
            "precision": tp / (tp + fp) if tp + fp else 0.0,
            "recall": tp / positives if positives else 1.0,
        }
        if rates[constraint] >= level and (cut == np.inf or rates[objective] > best):
            best, cut = rates[objective], c
    return best, cut


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize(
    ("objective", "constraint", "level"),
    [("recall", "precision", 0.6), ("precision", "recall", 0.5)],
)
def test_constrained_best_is_the_brute_force_best(seed, objective, constraint, level):
    y, scores, weight = _problem(seed)
    values, cuts, feasible = constrained_best(
        y, scores, weight, objective, constraint, level
    )
    for j in range(y.shape[1]):
        best, cut = _brute_force(y[:, j], scores[:, j], weight, objective,
                                 constraint, level)  # fmt: skip
        assert feasible[j] == (cut != np.inf)
        assert values[j] == pytest.approx(best, abs=1e-12)
        # the cut-off returned lies between two scores: the same predictions
        np.testing.assert_array_equal(scores[:, j] >= cuts[j], scores[:, j] >= cut)


def test_one_class_gives_nan_roc_and_zero_average_precision_with_warnings():
    positives, negatives = np.array([3.0, 0.0, 4.0]), np.array([2.0, 5.0, 0.0])
    areas = np.array([3.0, 0.0, 0.0])
    with pytest.warns(UndefinedMetricWarning, match="Only one class"):
        roc = area_values("roc_auc", areas, positives, negatives)
    np.testing.assert_array_equal(roc, [0.5, np.nan, np.nan])
    with pytest.warns(UserWarning, match="No positive class"):
        ap = area_values("average_precision", areas, positives, negatives)
    np.testing.assert_array_equal(ap, [1.0, 0.0, 0.0])
