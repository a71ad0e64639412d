"""ROC AUC of the intervals (_uncertainty/_auc.py): DeLong's structural components
against the rank definition and a small known example, with ties, one positive, one
label, and one class."""

import numpy as np
import pytest
from scipy.stats import rankdata
from sklearn.exceptions import UndefinedMetricWarning
from test_interval import _caught, correlated_labels

import skmultimetrics as smm
from skmultimetrics import confidence_interval
from skmultimetrics._uncertainty._auc import _Label


def delong_reference(truth, scores):
    """DeLong et al. (1988) by pairs: V10, V01 with ties counting 1/2."""
    pos, neg = scores[truth == 1], scores[truth == 0]
    psi = (pos[:, None] > neg[None, :]) + 0.5 * (pos[:, None] == neg[None, :])
    v10, v01 = psi.mean(axis=1), psi.mean(axis=0)
    return psi.mean(), v10.var(ddof=1) / pos.size + v01.var(ddof=1) / neg.size


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


def test_delong_known_small_example():
    # AUC 3/4; V10 = (1, 1/2), V01 = (1/2, 1): var = 1/8 / 2 + 1/8 / 2
    result = confidence_interval([1, 1, 0, 0], [0.9, 0.4, 0.5, 0.1], metric="roc_auc")
    assert result.method == "delong"
    assert result.estimate == 0.75
    assert result.standard_error**2 == pytest.approx(0.125)


def test_delong_equals_the_structural_components_with_ties():
    rng = np.random.default_rng(6)
    truth = rng.random(300) < 0.4
    scores = np.round(truth * 0.5 + rng.random(300), 1)  # many ties
    area, variance = delong_reference(truth.astype(int), scores)
    result = confidence_interval(truth.astype(int), scores, metric="roc_auc")
    assert result.estimate == pytest.approx(area)
    assert result.estimate == pytest.approx(smm.roc_auc_score(truth, scores))
    assert result.standard_error**2 == pytest.approx(variance, rel=1e-10)
    # the bootstrap agrees
    boot = confidence_interval(
        truth.astype(int), scores, metric="roc_auc", method="percentile",
        random_state=0,
    )  # fmt: skip
    assert boot.standard_error == pytest.approx(result.standard_error, rel=0.1)


def test_macro_auc_of_one_label_is_delong():
    rng = np.random.default_rng(7)
    truth, scores = correlated_labels(rng, 400, n_labels=3)
    macro = confidence_interval(truth, scores, metric="roc_auc_macro")
    assert macro.estimate == pytest.approx(smm.roc_auc_score(truth, scores))
    single = confidence_interval(truth[:, :1], scores[:, :1], metric="roc_auc_macro")
    _, variance = delong_reference(truth[:, 0].astype(int), scores[:, 0])
    assert single.standard_error**2 == pytest.approx(variance, rel=1e-10)
    boot = confidence_interval(
        truth, scores, metric="roc_auc_macro", method="percentile", random_state=0
    )
    assert boot.standard_error == pytest.approx(macro.standard_error, rel=0.12)


def test_delong_with_one_positive_is_nan_and_warns():
    rng = np.random.default_rng(0)
    y = np.zeros(30, int)
    y[3] = 1
    scores = rng.random(30)
    result, messages = _caught(
        lambda: confidence_interval(y, scores, metric="roc_auc", method="delong")
    )
    assert np.isnan([result.low, result.high, result.standard_error]).all()
    assert any("undefined (NaN)" in m for m in messages)
    # method="auto" (the default) uses the bootstrap there, and says so
    result, messages = _caught(
        lambda: confidence_interval(y, scores, metric="roc_auc", random_state=0)
    )
    assert result.method == "bca"
    assert 0 <= result.low <= result.estimate <= result.high <= 1
    assert any("uses the BCa bootstrap" in m for m in messages)
    Y = np.column_stack([y, rng.integers(0, 2, 30)])
    S = rng.random((30, 2))
    both = confidence_interval(Y, S, metric=["roc_auc_macro", "roc_auc_weighted"])
    assert {r.method for r in both.values()} == {"bca"}
