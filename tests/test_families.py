"""Metrics as formulas of per-unit sums (_uncertainty/_families.py): the delta method
against Takahashi et al. (2022), empty resamples left out, zero_division and
undefined labels as the metric functions."""

import numpy as np
import pytest
from scipy.special import ndtri
from test_interval import _caught, correlated_labels

import skmultimetrics as smm
from skmultimetrics import confidence_interval


def takahashi_macro_f1_variance(cm):
    """Takahashi et al. (2022), the variance of macro F1 from the confusion
    matrix (multinomial cell probabilities p, r classes, n samples):
    2/(r^2 n) [sum_i F_i (d_i - 2 p_ii)(d_i - p_ii) / d_i^2 ... ] written out as
    (1 / (r^2 n)) [sum_i F_i (1 - F_i)(2 - F_i) / d_i
                   + 2 sum_{i != j} p_ij F_i F_j / (d_i d_j)],
    with d_i = p_i. + p_.i and F_i = 2 p_ii / d_i."""
    n = cm.sum()
    p = cm / n
    r = cm.shape[0]
    d = p.sum(axis=0) + p.sum(axis=1)
    f = 2 * np.diag(p) / d
    first = sum(f[i] * (1 - f[i]) * (2 - f[i]) / d[i] for i in range(r))
    second = sum(
        p[i, j] * f[i] * f[j] / (d[i] * d[j])
        for i in range(r)
        for j in range(r)
        if i != j
    )
    return (first + 2 * second) / (r**2 * n)


def test_delta_reproduces_takahashi_for_multiclass_f1():
    rng = np.random.default_rng(4)
    y = rng.integers(0, 4, 600)
    pred = np.where(rng.random(600) < 0.7, y, rng.integers(0, 4, 600))
    cm = np.zeros((4, 4))
    np.add.at(cm, (y, pred), 1)
    macro = confidence_interval(y, pred, metric="f1_macro", method="delta")
    assert macro.standard_error**2 == pytest.approx(
        takahashi_macro_f1_variance(cm), rel=1e-10
    )
    assert macro.n_resamples == 0
    micro = confidence_interval(y, pred, metric="f1_micro", method="delta")
    accuracy = np.trace(cm) / 600
    assert micro.standard_error**2 == pytest.approx(
        accuracy * (1 - accuracy) / 600, rel=1e-10
    )
    z = ndtri(0.975)
    assert micro.low == pytest.approx(accuracy - z * micro.standard_error)


@pytest.mark.parametrize("name", ["f1_micro", "precision_micro", "jaccard_samples"])
def test_empty_resamples_are_left_out_not_scored_as_zero_division(name):
    # three perfect samples: a row bootstrap gives [1, 1]; a resample that
    # draws no sample (e^-3 = 5% of them) has no metric at all
    y = np.array([[1, 0], [0, 1], [1, 1]])
    result, messages = _caught(
        lambda: confidence_interval(y, y, metric=name, random_state=0)
    )
    assert (result.low, result.high) == (1.0, 1.0)
    assert any("drew no sample" in m for m in messages)
    # three groups: the same
    y9 = np.repeat(y, 3, axis=0)
    grouped, _ = _caught(
        lambda: confidence_interval(
            y9, y9, metric=name, groups=np.repeat([0, 1, 2], 3), random_state=1
        )
    )
    assert (grouped.low, grouped.high) == (1.0, 1.0)
    # many samples: no empty resample, no warning of them
    big = np.tile(y, (20, 1))
    _, messages = _caught(lambda: confidence_interval(big, big, metric=name))
    assert not any("drew no sample" in m for m in messages)


def test_jaccard_refuses_zero_division_nan_as_jaccard_score():
    y = np.array([[1, 0], [0, 0], [1, 1]] * 5)
    for name in ("jaccard_macro", "jaccard_samples", "jaccard_micro"):
        with pytest.raises(ValueError, match=r"'zero_division'.*not NaN"):
            confidence_interval(y, y, metric=name, zero_division=np.nan)
    with pytest.raises(ValueError, match="'zero_division'"):
        smm.jaccard_score(y, y, average="samples", zero_division=np.nan)
    # other metrics take NaN, as their functions
    result = confidence_interval(y, y, metric="f1_macro", zero_division=np.nan)
    assert result.estimate == 1.0


@pytest.mark.parametrize("average", ["macro", "weighted"])
def test_a_label_without_positives_but_predicted_warns(average):
    rng = np.random.default_rng(5)
    truth, scores = correlated_labels(rng, 200, n_labels=3)
    truth[:, 1] = False
    pred = scores >= 0.5
    pred[:5, 1] = True  # false positives only: precision / F1 0 everywhere
    _, messages = _caught(
        lambda: confidence_interval(truth, pred, metric=f"f1_{average}")
    )
    assert any("[1] have no positives in y_true" in m for m in messages)
    truth[0, 1] = True  # one positive: no such warning
    _, messages = _caught(
        lambda: confidence_interval(truth, pred, metric=f"f1_{average}")
    )
    assert not any("have no positives in y_true" in m for m in messages)
