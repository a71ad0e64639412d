"""Metrics without sums (_uncertainty/_loop.py): the metric function re-evaluated
with each resample's weights, a resample where it is undefined left out and
said so, and a jackknife independent of the order of the rows."""

import numpy as np
import pytest
from sklearn import metrics as sk

from skmultimetrics import average_precision_score, confidence_interval
from skmultimetrics._uncertainty._loop import LoopFamily
from skmultimetrics._uncertainty._weights import check_units, poisson_weights


def _data(seed=0, n=60):
    rng = np.random.default_rng(seed)
    y = rng.random((n, 3)) < 0.4
    y[:2] = [True, False, True]
    y[2:4] = [False, True, False]
    return y, np.clip(y * 0.3 + rng.random((n, 3)), 0, 1)


def test_resamples_are_the_function_with_the_resample_weights():
    y, scores = _data()
    weight = np.random.default_rng(1).integers(1, 3, 60).astype(float)
    family = LoopFamily("ap", average_precision_score, y, scores, weight,
                        check_units(None, 60, "f"))  # fmt: skip
    assert family.estimate == average_precision_score(y, scores, sample_weight=weight)
    weights = poisson_weights(np.random.default_rng(2), 5, 60)
    expected = [
        sk.average_precision_score(y, scores, sample_weight=w * weight) for w in weights
    ]
    np.testing.assert_allclose(family.resampled(weights), expected, rtol=1e-12)
    assert family.n_seen == 5 and family.notes() == []


def test_groups_expand_to_their_samples():
    y, scores = _data()
    groups = np.arange(60) // 3
    family = LoopFamily("ap", average_precision_score, y, scores, None,
                        check_units(groups, 60, "f"))  # fmt: skip
    weights = poisson_weights(np.random.default_rng(3), 4, 20)
    expected = [average_precision_score(y, scores, sample_weight=w[groups])
                for w in weights]  # fmt: skip
    np.testing.assert_allclose(family.resampled(weights), expected, rtol=1e-12)


def test_an_undefined_resample_is_nan_counted_and_noted():
    def needs_both_classes(y_true, y_score, sample_weight=None):
        kept = (
            np.ones(len(y_true), bool) if sample_weight is None else sample_weight > 0
        )
        if np.unique(y_true[kept]).size < 2:
            raise ValueError("one class")
        return 0.5

    y, scores = np.array([0, 1, 0, 1]), np.array([0.1, 0.9, 0.4, 0.6])
    family = LoopFamily("m", needs_both_classes, y, scores, None,
                        check_units(None, 4, "f"))  # fmt: skip
    values = family.resampled(np.array([[1, 1, 1, 1], [2, 0, 1, 0]]))
    np.testing.assert_array_equal(values, [0.5, np.nan])
    assert family.failed == 1
    assert "undefined in 1 of the resamples" in family.notes()[0]


def test_the_interval_does_not_depend_on_the_order_of_the_rows():
    y, scores = _data(4, n=200)
    order = np.random.default_rng(5).permutation(200)
    kw = {"metric": "average_precision_macro", "method": "bca", "n_resamples": 200,
          "random_state": 0}  # fmt: skip
    a = confidence_interval(y, scores, **kw)
    b = confidence_interval(y[order], scores[order], **kw)
    assert a.estimate == pytest.approx(b.estimate, abs=1e-12)
    # the same resamples of other rows: only Monte Carlo noise
    assert abs(a.low - b.low) < 0.05 and abs(a.high - b.high) < 0.05
