"""compare_predictions takes the metric parameters of confidence_interval
(issue 28: psp@k in every consumer; zero_division / ties / propensities)."""

import numpy as np
import pytest

from skmultimetrics import (
    compare_predictions,
    confidence_interval,
    f1_score,
    propensity_scored_precision_at_k_score,
    top_k_accuracy_score,
)


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("k", [1, 3])
def test_psp_at_k_with_propensities(seed, k):
    rng = np.random.default_rng(seed)
    n, n_labels = int(rng.integers(20, 80)), int(rng.integers(4, 9))
    y = rng.integers(0, 2, (n, n_labels))
    a, b = rng.random((n, n_labels)), rng.random((n, n_labels))
    p = rng.uniform(0.1, 1.0, n_labels)
    result = compare_predictions(
        y, a, b, metric=f"psp_at_{k}", propensities=p, random_state=0, n_resamples=50
    )
    ref_a = propensity_scored_precision_at_k_score(y, a, k=k, propensities=p)
    ref_b = propensity_scored_precision_at_k_score(y, b, k=k, propensities=p)
    assert result.estimate_a == pytest.approx(ref_a, rel=1e-12)
    assert result.estimate_b == pytest.approx(ref_b, rel=1e-12)
    single = confidence_interval(
        y, a, metric=f"psp_at_{k}", propensities=p, random_state=0, n_resamples=50
    )
    assert single.estimate == pytest.approx(ref_a, rel=1e-12)


def test_zero_division_and_ties_are_passed_on():
    rng = np.random.default_rng(0)
    y = rng.integers(0, 2, (30, 4))
    y[:, 3] = 0
    a, b = rng.integers(0, 2, (30, 4)), rng.integers(0, 2, (30, 4))
    a[:, 3] = b[:, 3] = 0
    with pytest.warns(UserWarning, match="zero_division=1.0"):
        result = compare_predictions(
            y, a, b, metric="f1_macro", zero_division=1.0, random_state=0,
            n_resamples=50,
        )  # fmt: skip
    assert result.estimate_a == pytest.approx(
        f1_score(y, a, average="macro", zero_division=1.0)
    )
    yc = rng.integers(0, 3, 40)
    tied = np.tile([0.5, 0.5, 0.0], (40, 1))
    other = rng.random((40, 3))
    for ties in ("average", "optimistic", "pessimistic"):
        result = compare_predictions(
            yc, tied, other, metric="top1_accuracy", ties=ties, method="bca",
            random_state=0, n_resamples=50,
        )  # fmt: skip
        assert result.estimate_a == pytest.approx(
            top_k_accuracy_score(yc, tied, k=1, ties=ties)
        )


def test_psp_without_propensities_and_unknown_params():
    y = np.eye(3, dtype=int)[[0, 1, 2, 0, 1, 2]]
    s = np.random.default_rng(0).random((6, 3))
    with pytest.raises(ValueError, match="propensities"):
        compare_predictions(y, s, s, metric="psp_at_1")
    with pytest.raises(TypeError, match="propensity"):
        compare_predictions(y, s, s, metric="psp_at_1", propensity=[1, 1, 1])
    with pytest.raises(ValueError, match="zero_division"):
        compare_predictions(y, s, s, metric="jaccard_macro", threshold=0.5,
                            zero_division=np.nan)  # fmt: skip
