"""compare_predictions' one-sided alternatives and McNemar's edge cases,
against plain references (branches the rest of the suite left unexecuted)."""

import numpy as np
import pytest
from scipy.special import ndtr
from scipy.stats import binomtest

import skmultimetrics as smm
from skmultimetrics import compare_predictions

pytestmark = pytest.mark.filterwarnings(
    "ignore::sklearn.exceptions.UndefinedMetricWarning"
)


def _classes(seed, n=200, right_a=0.75, right_b=0.65):
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 3, n)
    pa = np.where(rng.random(n) < right_a, y, (y + 1) % 3)
    pb = np.where(rng.random(n) < right_b, y, (y + 2) % 3)
    return y, pa, pb


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("alternative", ["two-sided", "greater", "less"])
def test_mcnemar_every_alternative_is_the_exact_binomial_test(seed, alternative):
    y, pa, pb = _classes(seed, right_a=0.6 + 0.05 * seed)
    result = compare_predictions(
        y, pa, pb, metric="accuracy", method="mcnemar", alternative=alternative
    )
    only_a = int(((pa == y) & (pb != y)).sum())
    only_b = int(((pa != y) & (pb == y)).sum())
    expected = binomtest(only_a, only_a + only_b, 0.5, alternative=alternative)
    assert result.p_value == pytest.approx(expected.pvalue)


@pytest.mark.parametrize("alternative", ["two-sided", "greater", "less"])
def test_mcnemar_without_discordant_pairs_has_p_one(alternative):
    y, pa, _ = _classes(0)
    pb = pa.copy()
    pb[pa != y] = (y[pa != y] + 2) % 3  # wrong elsewhere, right on the same rows
    result = compare_predictions(
        y, pa, pb, metric="accuracy", method="mcnemar", alternative=alternative
    )
    assert (result.difference, result.p_value) == (0.0, 1.0)


def test_mcnemar_refuses_fractional_hits():
    y = np.array([0, 1, 2, 1])
    tied = np.full((4, 3), 1 / 3)  # top-1 ties: a hit of 1/3 per sample
    scores = np.eye(3)[[0, 1, 2, 0]]
    with pytest.raises(ValueError, match="0/1 hit per sample"):
        compare_predictions(y, tied, scores, metric="top1_accuracy", method="mcnemar")


@pytest.mark.parametrize("seed", range(5))
def test_delta_one_sided_p_values_are_the_normal_tails(seed):
    rng = np.random.default_rng(seed)
    truth = rng.random((300, 3)) < 0.4
    pa = np.where(rng.random((300, 3)) < 0.8, truth, ~truth)
    pb = np.where(rng.random((300, 3)) < 0.7, truth, ~truth)
    p = {}
    for alternative in ("two-sided", "greater", "less"):
        result = compare_predictions(
            truth, pa, pb, metric="f1_macro", method="delta", alternative=alternative
        )
        t = result.difference / result.standard_error
        p[alternative] = result.p_value
    assert p["greater"] == pytest.approx(ndtr(-t))
    assert p["less"] == pytest.approx(ndtr(t))
    assert p["two-sided"] == pytest.approx(2 * min(p["greater"], p["less"]))


def _flip_null(truth, pa, pb, n, seed):
    """An explicit sign-flip null of the macro-F1 difference."""
    flip_rng = np.random.default_rng(seed)
    null = []
    for _ in range(n):
        swap = flip_rng.random(truth.shape[0]) < 0.5
        a = np.where(swap[:, None], pb, pa)
        b = np.where(swap[:, None], pa, pb)
        null.append(
            smm.f1_score(truth, a, average="macro")
            - smm.f1_score(truth, b, average="macro")
        )
    return np.array(null)


@pytest.mark.parametrize("alternative", ["greater", "less"])
def test_permutation_one_sided_p_values_agree_with_an_explicit_null(alternative):
    rng = np.random.default_rng(6)
    truth = rng.random((150, 3)) < 0.4
    pa = np.where(rng.random((150, 3)) < 0.8, truth, ~truth)
    pb = np.where(rng.random((150, 3)) < 0.75, truth, ~truth)
    result = compare_predictions(
        truth, pa, pb, metric="f1_macro", method="permutation", n_resamples=2000,
        alternative=alternative, random_state=0,
    )  # fmt: skip
    observed = result.difference
    null = _flip_null(truth, pa, pb, 2000, 1)
    side = null >= observed if alternative == "greater" else null <= observed
    expected = (1 + side.sum()) / 2001
    # two Monte-Carlo estimates of one p-value
    assert abs(result.p_value - expected) < 4 * np.sqrt(expected / 2000) + 0.01
