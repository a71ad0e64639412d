"""DeLong's structural components of ROC AUC, from the scores sorted once, equal the
rank definition; the interval of a label with one class warns as roc_auc_score does."""

import numpy as np
import pytest
from scipy.stats import rankdata
from sklearn.exceptions import UndefinedMetricWarning

import skmultimetrics as smm
from skmultimetrics import confidence_interval
from skmultimetrics._uncertainty._auc import _Label


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


def test_delong_from_one_sort_equals_the_rank_definition():
    rng = np.random.default_rng(0)
    for trial in range(300):
        n = int(rng.integers(4, 400))
        y = rng.random(n) < rng.uniform(0.05, 0.95)
        if y.sum() < 2 or (~y).sum() < 2:
            continue
        if trial % 3 == 0:  # heavy ties
            s = np.round(rng.random(n) * rng.integers(2, 9)) / 3
        else:
            s = rng.random(n).astype(np.float32 if trial % 3 == 1 else np.float64)
        area, influence = delong_components(y, s)
        area_fast, influence_fast = _Label(y, s).delong()
        assert area_fast == pytest.approx(area, abs=1e-12)
        np.testing.assert_allclose(influence_fast, influence, atol=1e-12)


def test_roc_auc_interval_warns_as_the_function_for_one_class():
    y = np.ones(50, dtype=int)
    s = np.random.default_rng(0).random(50)
    with pytest.warns(UndefinedMetricWarning, match="Only one class") as expected:
        value = smm.roc_auc_score(y, s)
    with pytest.warns(UndefinedMetricWarning) as got:
        result = confidence_interval(y, s, metric="roc_auc")
    assert np.isnan(value) and np.isnan(result.estimate) and np.isnan(result.low)
    assert str(expected[0].message) in [str(w.message) for w in got]
