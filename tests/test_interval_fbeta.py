"""F-beta names (``f2_macro``, ``f0.5_micro``, binary ``f2``) in the intervals:
one-shot, in comparisons and in ``MetricAccumulator(bootstrap=)``; the names
are parsed by the accumulator's parser, so both know the same names."""

import warnings
from functools import partial

import numpy as np
import pytest
import scipy.sparse as sp
from scipy.special import ndtri
from sklearn.metrics import fbeta_score

import skmultimetrics as smm
from skmultimetrics import compare_predictions, confidence_interval

AVERAGES = ("micro", "macro", "samples", "weighted")
pytestmark = pytest.mark.filterwarnings(
    "ignore::sklearn.exceptions.UndefinedMetricWarning"
)


def correlated(rng, n, n_labels=5, strength=1.2, rate=0.3):
    latent = rng.normal(size=(n, 1))
    own = rng.normal(size=(n, n_labels))
    truth = (strength * latent + own) / np.sqrt(1 + strength**2) > ndtri(1 - rate)
    scores = 1 / (1 + np.exp(-(1.6 * truth - 0.8 + rng.normal(size=truth.shape))))
    return truth, scores


def name_of(beta, average):
    return f"f{beta:g}_{average}"


@pytest.mark.parametrize("beta", [0.5, 2.0, 3.0, 1.5])
@pytest.mark.parametrize("average", AVERAGES)
def test_estimate_equals_scikit_learn_on_label_matrices(beta, average):
    rng = np.random.default_rng(int(beta * 10))
    truth, scores = correlated(rng, 400)
    weight = rng.random(400) + 0.1
    for sample_weight in (None, weight):
        for y_pred in (scores >= 0.5, sp.csr_array(scores >= 0.5)):
            y_true = sp.csr_array(truth) if sp.issparse(y_pred) else truth
            if sp.issparse(y_pred) and average == "samples":
                continue
            result = confidence_interval(
                y_true, y_pred, metric=name_of(beta, average), method="delta",
                sample_weight=sample_weight,
            )  # fmt: skip
            expected = fbeta_score(
                truth, scores >= 0.5, beta=beta, average=average,
                sample_weight=sample_weight,
            )  # fmt: skip
            assert result.estimate == pytest.approx(expected, abs=1e-12)
            assert result.low < result.estimate < result.high


def test_multiclass_and_binary_names():
    rng = np.random.default_rng(0)
    y = rng.integers(0, 4, 500)
    p = np.where(rng.random(500) < 0.6, y, rng.integers(0, 4, 500))
    for average in ("micro", "macro", "weighted"):
        result = confidence_interval(y, p, metric=f"f2_{average}")
        assert result.estimate == pytest.approx(
            fbeta_score(y, p, beta=2, average=average), abs=1e-12
        )
    yb, pb = (y >= 2).astype(int), (p >= 2).astype(int)
    result = confidence_interval(yb, pb, metric="f0.5", random_state=0)
    assert result.estimate == pytest.approx(fbeta_score(yb, pb, beta=0.5), abs=1e-12)


@pytest.mark.parametrize("name", ["f2_macro", "f0.5_micro", "f3_samples"])
def test_bootstrap_se_agrees_with_an_explicit_row_bootstrap(name):
    head, _, average = name.rpartition("_")
    beta = float(head[1:])
    rng = np.random.default_rng(3)
    truth, scores = correlated(rng, 300)
    pred = scores >= 0.5
    draw = np.random.default_rng(4)
    reference = np.empty(1500)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for b in range(reference.size):
            rows = draw.integers(0, 300, 300)
            reference[b] = fbeta_score(
                truth[rows], pred[rows], beta=beta, average=average
            )
    boot = confidence_interval(
        truth, pred, metric=name, method="percentile", n_resamples=1500,
        random_state=5,
    )  # fmt: skip
    delta = confidence_interval(truth, pred, metric=name, method="delta")
    se = reference.std(ddof=1)
    assert boot.standard_error == pytest.approx(se, rel=0.1)
    assert delta.standard_error == pytest.approx(se, rel=0.12)
    low, high = np.quantile(reference, [0.025, 0.975])
    assert abs(boot.low - low) < 0.3 * se and abs(boot.high - high) < 0.3 * se


def test_f1_spelled_as_fbeta_one_is_f1():
    rng = np.random.default_rng(1)
    truth, scores = correlated(rng, 300)
    both = confidence_interval(
        truth, scores >= 0.5, metric=["f1_macro", "f2_macro"], random_state=0
    )
    f1 = smm.f1_score(truth, scores >= 0.5, average="macro")
    assert both["f1_macro"].estimate == pytest.approx(f1, abs=1e-12)
    assert both["f2_macro"].estimate != pytest.approx(f1)


def test_compare_fbeta_identical_and_different_cut_offs():
    rng = np.random.default_rng(2)
    truth, scores = correlated(rng, 400)
    same = compare_predictions(truth, scores, scores, metric="f2_macro", threshold=0.5)
    assert same.difference == 0.0 and same.p_value == 1.0
    result = compare_predictions(
        truth, scores, scores, metric="f2_macro", threshold_a=0.5,
        threshold_b=0.3, random_state=0,
    )  # fmt: skip
    a = fbeta_score(truth, scores >= 0.5, beta=2, average="macro")
    b = fbeta_score(truth, scores >= 0.3, beta=2, average="macro")
    assert result.difference == pytest.approx(a - b, abs=1e-12)  # a minus b
    assert result.low < a - b < result.high and 0 <= result.p_value <= 1


def test_accumulator_bootstrap_takes_fbeta_names():
    rng = np.random.default_rng(6)
    truth, scores = correlated(rng, 2000)
    names = ["f2_macro", "f0.5_micro", "f2_samples", "f2_weighted"]
    acc = smm.MetricAccumulator(metrics=names, bootstrap=1500, random_state=0)
    for start in range(0, 2000, 300):
        acc.update(truth[start : start + 300], scores[start : start + 300])
    streamed = acc.confidence_intervals()
    for name in names:
        one = confidence_interval(
            truth, scores, threshold=0.5, metric=name, method="percentile",
            n_resamples=1500, random_state=1,
        )  # fmt: skip
        got = streamed[name]
        assert got.estimate == pytest.approx(one.estimate, abs=1e-12)
        assert got.standard_error == pytest.approx(one.standard_error, rel=0.12)
        assert abs(got.low - one.low) < 0.4 * one.standard_error


def test_unknown_and_unsupported_names_say_so():
    truth, scores = correlated(np.random.default_rng(0), 50)
    with pytest.raises(ValueError, match=r"unknown metric 'f2_macr'.*f2_macro"):
        confidence_interval(truth, scores >= 0.5, metric="f2_macr")
    with pytest.raises(ValueError, match="propensities"):
        confidence_interval(truth, scores, metric="psp_at_3")
    with pytest.raises(ValueError, match="metric"):
        confidence_interval(truth, scores >= 0.5, metric="f-1_macro")


@pytest.mark.parametrize("name", ["f2", "f1", "precision", "recall", "jaccard"])
@pytest.mark.parametrize("zero_division", [0.0, 1.0])
def test_binary_names_without_class_one_take_zero_division(name, zero_division):
    """All-negative truth and predictions: class 1 is absent, so the binary
    metric is 0 / 0, as in the metric functions (it scored class 0 before)."""
    y = np.zeros(20, dtype=int)
    for method in ("delta", "bca"):
        result = confidence_interval(
            y, y, metric=name, method=method, zero_division=zero_division,
            random_state=0,
        )  # fmt: skip
        if name == "f2":
            func = partial(smm.fbeta_score, beta=2)
        else:
            func = getattr(smm, f"{name}_score")
        assert result.estimate == func(y, y, zero_division=zero_division)
        assert result.estimate == zero_division


def test_binary_name_on_label_matrix_names_the_averaged_names():
    truth, scores = correlated(np.random.default_rng(0), 60)
    with pytest.raises(ValueError, match="'f2_macro' or another average"):
        confidence_interval(truth, scores, metric="f2", threshold=0.5)


def test_permutation_with_different_class_sets_says_why():
    y = np.random.default_rng(28).integers(0, 3, 100)
    a = y.copy()
    a[:10] = 3  # a class that only prediction a holds
    with pytest.raises(ValueError, match="same classes on both sides"):
        compare_predictions(y, a, y, metric="f2_macro", method="permutation")
    result = compare_predictions(y, a, y, metric="f2_macro", random_state=0)
    expected = fbeta_score(y, a, beta=2, average="macro") - 1.0
    assert result.difference == pytest.approx(expected, abs=1e-12)


def test_roc_auc_estimate_is_the_functions_with_a_one_class_label():
    truth = np.random.default_rng(9).integers(0, 2, (40, 3))
    truth[:, 2] = 1
    scores = np.random.default_rng(1).random((40, 3))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        expected = smm.roc_auc_score(truth, scores)
        result = confidence_interval(truth, scores, metric="roc_auc_macro")
    assert np.isnan(expected) and np.isnan(result.estimate)
