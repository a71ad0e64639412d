"""The delta method's one-pass projection of dense label matrices equals the projection
of the per-unit columns, and its standard error a plain influence-function
reference."""

import numpy as np
import pytest
from scipy.stats import rankdata

import skmultimetrics as smm
from skmultimetrics import confidence_interval
from skmultimetrics._checks._targets import check_targets
from skmultimetrics._uncertainty._columns import COLUMNS, count_stats
from skmultimetrics._uncertainty._sums import Stats
from skmultimetrics._uncertainty._weights import (
    check_units,
)


def labels(rng, n, n_labels):
    truth = rng.random((n, n_labels)) < rng.uniform(0.05, 0.6, n_labels)
    scores = np.clip(truth * 0.3 + rng.random((n, n_labels)), 0, 1)
    return truth, scores


@pytest.mark.filterwarnings("ignore::sklearn.exceptions.UndefinedMetricWarning")
@pytest.mark.parametrize("seed", range(6))
def test_dense_projection_equals_the_columns_projection(seed):
    rng = np.random.default_rng(seed)
    n, n_labels = int(rng.integers(50, 3000)), int(rng.integers(1, 40))
    truth, scores = labels(rng, n, n_labels)
    weight = rng.random(n) + 0.1 if seed % 2 else None
    groups = rng.integers(0, max(2, n // 7), n) if seed % 3 == 0 else None
    # scores with a threshold (a lazy Thresholded input) or predictions
    y_pred = scores if seed % 2 == 0 else scores >= 0.5
    targets = check_targets(
        truth, y_pred, weight, threshold=0.5 if seed % 2 == 0 else None, func="t"
    )
    units = check_units(groups, n, "t")
    columns = {
        "tp": COLUMNS["tp"],
        "pred+true": COLUMNS["pred+true"],
        "jaccard": COLUMNS["jaccard"],
        "pred": COLUMNS["pred"],
        "fbeta": (0, 1, 4.0),
    }
    lazy, true_count = count_stats(targets, columns, units)
    plain = Stats(lazy.columns)  # the materialised (k, n_units) columns
    assert np.array_equal(true_count, truth.sum(axis=0))
    for name in columns:
        np.testing.assert_allclose(lazy.totals[name], plain.totals[name], rtol=1e-12)
    for trial in range(4):
        gradient = {
            name: rng.normal(size=n_labels) for name in list(columns)[: trial + 1]
        }
        if trial == 3:  # b == c: the (pred + true) path
            gradient = {"pred+true": rng.normal(size=n_labels)}
        np.testing.assert_allclose(
            lazy.project(gradient), plain.project(gradient), rtol=1e-9, atol=1e-12
        )


@pytest.mark.parametrize("average", ["micro", "macro", "weighted", "samples"])
def test_delta_se_matches_a_plain_influence_reference(average):
    """SE of F1 by the delta method, against the per-sample influence written
    out by hand for the micro and macro averages."""
    rng = np.random.default_rng(3)
    truth, scores = labels(rng, 800, 6)
    pred = scores >= 0.5
    result = confidence_interval(truth, pred, metric=f"f1_{average}", method="delta")
    assert result.estimate == pytest.approx(
        smm.f1_score(truth, pred, average=average), abs=1e-12
    )
    if average not in ("micro", "macro"):
        return
    tp, den = truth & pred, truth.astype(float) + pred
    if average == "micro":
        tp, den = tp.sum(axis=1, keepdims=True), den.sum(axis=1, keepdims=True)
    n = truth.shape[0]
    tp_mean, den_mean = tp.mean(axis=0), den.mean(axis=0)
    f = 2 * tp_mean / den_mean
    # influence of each sample on each label's F1, then their mean over labels
    infl = (2 * tp / den_mean - f * den / den_mean).mean(axis=1)
    se = np.sqrt(((infl - infl.mean()) ** 2).sum()) / n
    assert result.standard_error == pytest.approx(se, rel=1e-9)


def delong_components(truth, scores):
    """DeLong's structural components by ranks (the definition): ``(area,
    influence)`` with ``sum(influence**2)`` pROC's variance."""
    truth = truth.astype(bool)
    m, k = int(truth.sum()), int((~truth).sum())
    ranks = rankdata(scores)
    pos_ranks = rankdata(scores[truth])
    neg_ranks = rankdata(scores[~truth])
    v10 = (ranks[truth] - pos_ranks) / k
    v01 = 1.0 - (ranks[~truth] - neg_ranks) / m
    area = float(v10.mean())
    influence = np.empty(truth.shape[0])
    influence[truth] = (v10 - area) / np.sqrt(m * (m - 1.0))
    influence[~truth] = (v01 - area) / np.sqrt(k * (k - 1.0))
    return area, influence
