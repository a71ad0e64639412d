"""compare_predictions: paired bootstrap, delta, DeLong, permutation, McNemar."""

import warnings

import numpy as np
import pytest
from scipy.special import ndtr
from scipy.stats import binomtest

import skmultimetrics as smm
from skmultimetrics import MetricComparison, compare_predictions

pytestmark = pytest.mark.filterwarnings(
    "ignore::sklearn.exceptions.UndefinedMetricWarning"
)


def two_models(rng, n, n_labels=4):
    """Truth and two correlated score matrices of different quality."""
    latent = rng.normal(size=(n, 1))
    truth = (latent + rng.normal(size=(n, n_labels))) / np.sqrt(2) > 0.4
    shared = rng.normal(size=truth.shape)
    a = 1.4 * truth + shared + 0.5 * rng.normal(size=truth.shape)
    b = 1.1 * truth + shared + 0.5 * rng.normal(size=truth.shape)
    return truth, 1 / (1 + np.exp(-(a - 0.7))), 1 / (1 + np.exp(-(b - 0.55)))


def test_paired_bootstrap_agrees_with_an_explicit_paired_row_bootstrap():
    rng = np.random.default_rng(0)
    truth, sa, sb = two_models(rng, 250)
    pa, pb = sa >= 0.5, sb >= 0.5
    result = compare_predictions(
        truth, pa, pb, metric="f1_macro", method="percentile", n_resamples=2000,
        random_state=1,
    )  # fmt: skip
    assert isinstance(result, MetricComparison)
    fa = smm.f1_score(truth, pa, average="macro")
    fb = smm.f1_score(truth, pb, average="macro")
    assert (result.estimate_a, result.estimate_b) == pytest.approx((fa, fb))
    assert result.difference == pytest.approx(fa - fb)
    boot_rng = np.random.default_rng(2)
    diffs = []
    for _ in range(2000):
        rows = boot_rng.integers(0, 250, 250)
        diffs.append(
            smm.f1_score(truth[rows], pa[rows], average="macro")
            - smm.f1_score(truth[rows], pb[rows], average="macro")
        )
    diffs = np.array(diffs)
    assert result.standard_error == pytest.approx(diffs.std(ddof=1), rel=0.1)
    low, high = np.quantile(diffs, [0.025, 0.975])
    se = diffs.std(ddof=1)
    assert abs(result.low - low) < 0.3 * se and abs(result.high - high) < 0.3 * se
    # pairing: the difference is more precise than the two intervals suggest
    ia = smm.confidence_interval(truth, pa, method="delta")
    ib = smm.confidence_interval(truth, pb, method="delta")
    assert result.standard_error < 0.8 * np.hypot(ia.standard_error, ib.standard_error)


@pytest.mark.parametrize(
    "metric", ["f1_macro", "precision_micro", "jaccard_samples", "recall_weighted"]
)
def test_paired_delta_close_to_paired_bootstrap(metric):
    rng = np.random.default_rng(3)
    truth, sa, sb = two_models(rng, 2000)
    kw = {"metric": metric, "threshold": 0.5}
    delta = compare_predictions(truth, sa, sb, method="delta", **kw)
    boot = compare_predictions(truth, sa, sb, method="bca", random_state=0, **kw)
    assert delta.difference == boot.difference
    assert delta.standard_error == pytest.approx(boot.standard_error, rel=0.1)


def delong_paired_reference(truth, a, b):
    """DeLong et al. (1988): var(A - B) from the components' (co)variances."""
    pos, neg = truth == 1, truth == 0

    def components(s):
        psi = (s[pos][:, None] > s[neg][None, :]) + 0.5 * (
            s[pos][:, None] == s[neg][None, :]
        )
        return psi.mean(), psi.mean(axis=1), psi.mean(axis=0)

    area_a, v10a, v01a = components(a)
    area_b, v10b, v01b = components(b)
    s10 = np.cov(np.vstack([v10a, v10b]))
    s01 = np.cov(np.vstack([v01a, v01b]))
    m, k = pos.sum(), neg.sum()
    var = (s10[0, 0] + s10[1, 1] - 2 * s10[0, 1]) / m
    var += (s01[0, 0] + s01[1, 1] - 2 * s01[0, 1]) / k
    return area_a - area_b, var


def test_paired_delong_equals_the_reference():
    rng = np.random.default_rng(4)
    truth, sa, sb = two_models(rng, 300, n_labels=1)
    y = truth[:, 0].astype(int)
    a, b = np.round(sa[:, 0], 2), np.round(sb[:, 0], 2)  # with ties
    difference, variance = delong_paired_reference(y, a, b)
    result = compare_predictions(y, a, b, metric="roc_auc")
    assert result.method == "delong"
    assert result.difference == pytest.approx(difference)
    assert result.standard_error**2 == pytest.approx(variance, rel=1e-10)
    # pROC's roc.test: z = difference / se, two-sided normal p-value
    z = difference / np.sqrt(variance)
    assert result.p_value == pytest.approx(2 * ndtr(-abs(z)))


def test_mcnemar_is_the_exact_binomial_test():
    rng = np.random.default_rng(5)
    y = rng.integers(0, 3, 200)
    pa = np.where(rng.random(200) < 0.75, y, (y + 1) % 3)
    pb = np.where(rng.random(200) < 0.65, y, (y + 2) % 3)
    result = compare_predictions(y, pa, pb, metric="accuracy", method="mcnemar")
    only_a = int(((pa == y) & (pb != y)).sum())
    only_b = int(((pa != y) & (pb == y)).sum())
    expected = binomtest(only_a, only_a + only_b, 0.5).pvalue
    assert result.p_value == pytest.approx(expected)
    assert result.difference == pytest.approx((only_a - only_b) / 200)
    greater = compare_predictions(
        y, pa, pb, metric="accuracy", method="mcnemar", alternative="greater"
    )
    assert greater.p_value == pytest.approx(
        binomtest(only_a, only_a + only_b, 0.5, alternative="greater").pvalue
    )


def test_permutation_agrees_with_an_explicit_sign_flip_test():
    rng = np.random.default_rng(6)
    truth, sa, sb = two_models(rng, 150)
    pa, pb = sa >= 0.5, sb >= 0.5
    result = compare_predictions(
        truth, pa, pb, metric="f1_macro", method="permutation", n_resamples=2000,
        random_state=0,
    )  # fmt: skip
    observed = smm.f1_score(truth, pa, average="macro") - smm.f1_score(
        truth, pb, average="macro"
    )
    flip_rng = np.random.default_rng(1)
    extreme = 0
    for _ in range(2000):
        swap = flip_rng.random(150) < 0.5
        a = np.where(swap[:, None], pb, pa)
        b = np.where(swap[:, None], pa, pb)
        d = smm.f1_score(truth, a, average="macro") - smm.f1_score(
            truth, b, average="macro"
        )
        extreme += abs(d) >= abs(observed)
    expected = (1 + extreme) / 2001
    # two Monte-Carlo estimates of one p-value
    assert abs(result.p_value - expected) < 4 * np.sqrt(expected / 2000) + 0.002


@pytest.mark.parametrize(
    "method", ["auto", "bca", "percentile", "delta", "permutation"]
)
def test_identical_predictions_give_zero_and_p_one_silently(method):
    rng = np.random.default_rng(7)
    truth, sa, _ = two_models(rng, 100)
    metrics = ["f1_macro", "subset_accuracy", "recall_samples"]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = compare_predictions(
            truth, sa, sa, metric=metrics, threshold=0.5, method=method,
            n_resamples=200, random_state=0,
        )  # fmt: skip
    for r in result.values():
        assert (r.difference, r.p_value, r.low, r.high) == (0.0, 1.0, 0.0, 0.0)


def test_two_cut_offs_on_the_same_scores():
    rng = np.random.default_rng(8)
    truth, sa, _ = two_models(rng, 300)
    result = compare_predictions(
        truth, sa, None, threshold_a=0.5, threshold_b=0.4, metric="f1_micro",
        random_state=0,
    )  # fmt: skip
    assert result.estimate_a == pytest.approx(
        smm.f1_score(truth, sa >= 0.5, average="micro")
    )
    assert result.estimate_b == pytest.approx(
        smm.f1_score(truth, sa >= 0.4, average="micro")
    )


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"method": "wilson"}, "'method'"),
        ({"method": "mcnemar"}, "mcnemar"),
        ({"alternative": "bigger"}, "'alternative'"),
        ({"confidence_level": 2}, "'confidence_level'"),
        ({"n_resamples": 0}, "'n_resamples'"),
        ({"groups": np.arange(3)}, "'groups'"),
    ],
)
def test_bad_input(kwargs, match):
    y = np.array([[1, 0], [0, 1], [1, 1], [0, 0]] * 5)
    with pytest.raises(ValueError, match=match):
        compare_predictions(y, y, y, **kwargs)
    with pytest.raises(ValueError, match="y_pred_a and y_pred_b"):
        compare_predictions(y, y, y[:, :1])


def test_delong_with_one_positive_gives_nan_not_a_p_value_of_one():
    rng = np.random.default_rng(0)
    y = np.zeros(30, int)
    y[3] = 1
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = compare_predictions(
            y, rng.random(30), rng.random(30), metric="roc_auc", method="delong"
        )
    assert result.method == "delong"
    assert np.isnan([result.p_value, result.low, result.high]).all()
    assert result.difference == result.estimate_a - result.estimate_b
    assert any("undefined (NaN)" in str(w.message) for w in caught)


def test_auto_falls_back_to_bca_where_delong_is_undefined():
    rng = np.random.default_rng(0)
    y = np.zeros(30, int)
    y[[3, 9]] = 1
    a, b = rng.random(30), rng.random(30)
    assert compare_predictions(y, a, b, metric="roc_auc").method == "delong"
    y[9] = 0
    with pytest.warns(UserWarning, match="method='auto' uses the BCa bootstrap"):
        result = compare_predictions(y, a, b, metric="roc_auc", random_state=0)
    assert result.method == "bca" and result.n_resamples == 1000
    assert np.isfinite([result.low, result.high, result.p_value]).all()
    assert result.low <= result.difference <= result.high


def test_mcnemar_difference_is_exactly_the_difference_of_the_estimates():
    for n, a, b in [(10, 1, 3), (10, 2, 6), (13, 5, 2), (37, 20, 11)]:
        y = np.zeros(n, int)
        pa, pb = np.ones(n, int), np.ones(n, int)
        pa[:a], pb[n - b :] = 0, 0
        result = compare_predictions(y, pa, pb, metric="accuracy", method="mcnemar")
        assert result.difference == result.estimate_a - result.estimate_b
        assert result.estimate_a == a / n


def test_compare_leaves_out_empty_resamples():
    y = np.array([[1, 0], [0, 1], [1, 1]])
    worse = np.array([[1, 1], [1, 1], [0, 1]])  # worse on every sample
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = compare_predictions(
            y, y, worse, metric="f1_micro", method="percentile", random_state=0
        )
    # a resample of no sample used to give 0 - 0 with zero_division
    assert result.low > 0
    assert any("drew no sample" in str(w.message) for w in caught)
