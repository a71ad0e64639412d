"""The interval methods (_uncertainty/_methods.py): Wilson's formula and standard
error, BCa independent of the order of the rows."""

import numpy as np
import pytest
from scipy.special import ndtri
from test_interval import correlated_labels

from skmultimetrics import confidence_interval


def wilson_reference(successes, n, level):
    z = ndtri(1 - (1 - level) / 2)
    p = successes / n
    center = (successes + z * z / 2) / (n + z * z)
    half = z * np.sqrt(n) / (n + z * z) * np.sqrt(p * (1 - p) + z * z / (4 * n))
    return center - half, center + half


@pytest.mark.parametrize("level", [0.9, 0.95, 0.99])
def test_wilson_equals_the_formula(level):
    rng = np.random.default_rng(8)
    y = rng.integers(0, 3, 137)
    pred = np.where(rng.random(137) < 0.6, y, (y + 1) % 3)
    result = confidence_interval(y, pred, metric="accuracy", confidence_level=level)
    assert result.method == "wilson"
    low, high = wilson_reference((y == pred).sum(), 137, level)
    assert (result.low, result.high) == pytest.approx((low, high), abs=1e-12)
    # statsmodels' proportion_confint(80, 100, method="wilson") at 0.95
    ref = confidence_interval([1] * 80 + [0] * 20, [1] * 100, metric="accuracy")
    assert (ref.low, ref.high) == pytest.approx((0.7112, 0.8666), abs=5e-5)


def test_bca_does_not_depend_on_the_order_of_the_rows():
    # contiguous jackknife blocks of rows sorted by score gave an acceleration
    # of 0.12 where leave-one-out gives 0.014 (the interval moved by 0.4 SE)
    rng = np.random.default_rng(0)
    y = (rng.random(400) < 0.3).astype(int)
    s = y * 0.8 + rng.normal(size=400)
    order = np.argsort(s)
    ends = {}
    for key, (yy, ss) in {"sorted": (y[order], s[order]), "rows": (y, s)}.items():
        ends[key] = np.mean(
            [
                confidence_interval(
                    yy, ss, metric="average_precision", method="bca", random_state=r
                )[1:3]
                for r in range(3)
            ],
            axis=0,
        )
    np.testing.assert_allclose(ends["sorted"], ends["rows"], atol=0.006)


def test_bca_jackknife_is_leave_one_out_for_counts_whatever_the_order():
    from skmultimetrics._uncertainty._common import build_families
    from skmultimetrics._uncertainty._weights import Units

    rng = np.random.default_rng(3)
    truth, scores = correlated_labels(rng, 120)
    perm = rng.permutation(120)
    values = []
    for rows in (np.arange(120), perm):
        families = build_families(
            ["f1_macro", "roc_auc_macro"], truth[rows], scores[rows], None, 0.5,
            Units(None, 120), {}, "test",
        )  # fmt: skip
        order = np.random.default_rng(0).permutation(120)
        values.append({k: np.sort(f.jackknife(order)) for k, f in families.items()})
    for name in values[0]:  # 120 units <= 200 blocks: leave-one-out for both
        np.testing.assert_allclose(values[0][name], values[1][name], rtol=1e-12)


@pytest.mark.parametrize("successes", [0, 1, 37, 99, 100])
def test_wilson_standard_error_is_the_half_width_over_z(successes):
    y = np.ones(100, int)
    pred = np.r_[np.ones(successes, int), np.zeros(100 - successes, int)]
    result = confidence_interval(y, pred, metric="accuracy", confidence_level=0.9)
    low, high = wilson_reference(successes, 100, 0.9)
    z = ndtri(0.95)
    assert result.standard_error == pytest.approx((high - low) / (2 * z), rel=1e-12)
    assert result.standard_error > 0
    if successes == 37:  # near the plug-in standard error inside (0, 1)
        se = np.sqrt(0.37 * 0.63 / 100)
        assert result.standard_error == pytest.approx(se, rel=0.02)
