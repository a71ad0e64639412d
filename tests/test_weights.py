"""Resampling units and their Poisson(1) bootstrap weights: the distribution of the
weights from raw 64-bit draws, generators that advance, and groups resampled
together."""

import numpy as np
import pytest
from scipy.stats import chisquare, poisson
from test_interval import assert_same, correlated_labels

from skmultimetrics import confidence_interval
from skmultimetrics._uncertainty._weights import (
    _TABLE,
    poisson_blocks,
    random_uint16,
)


@pytest.mark.parametrize(
    "bit_generator",
    [np.random.PCG64, np.random.PCG64DXSM, np.random.Philox, np.random.SFC64,
     np.random.MT19937],
)  # fmt: skip
def test_poisson_weights_follow_poisson_one(bit_generator):
    rng = np.random.Generator(bit_generator(7))
    draws = random_uint16(rng, (300, 1001))
    assert draws.dtype == np.uint16 and draws.shape == (300, 1001)
    # every 16-bit value equally likely: the top and bottom bytes are uniform
    for byte in (draws >> 8, draws & 0xFF):
        counts = np.bincount(byte.ravel(), minlength=256)
        assert chisquare(counts).pvalue > 1e-4
    weights = np.concatenate(list(poisson_blocks(rng, 400, 1001)))
    assert weights.shape == (400, 1001) and weights.dtype == np.float32
    counts = np.bincount(weights.astype(int).ravel(), minlength=6)[:6]
    expected = poisson.pmf(np.arange(6), 1.0) * weights.size
    expected[-1] = weights.size - expected[:-1].sum()
    counts[-1] = weights.size - counts[:-1].sum()
    assert chisquare(counts, expected).pvalue > 1e-4
    assert _TABLE.max() == 8


def test_generators_advance_and_streams_differ():
    rng = np.random.default_rng(1)
    a = random_uint16(rng, (4, 5))
    b = random_uint16(rng, (4, 5))
    assert not np.array_equal(a, b)
    same = random_uint16(np.random.default_rng(1), (4, 5))
    assert np.array_equal(a, same)


def test_groups_resample_clusters():
    rng = np.random.default_rng(11)
    truth, scores = correlated_labels(rng, 150, n_labels=3)
    pred = scores >= 0.5
    kw = {"metric": ["f1_macro", "hamming_accuracy"], "random_state": 0}
    alone = confidence_interval(truth, pred, **kw)
    # every sample its own group: the same resamples
    own = confidence_interval(truth, pred, groups=np.arange(150), **kw)
    # each sample twice, the copies grouped: the same distribution (ratios of
    # sums do not change when every count doubles)
    twice = confidence_interval(
        np.repeat(truth, 2, axis=0), np.repeat(pred, 2, axis=0),
        groups=np.repeat(np.arange(150), 2), **kw,
    )  # fmt: skip
    naive = confidence_interval(
        np.repeat(truth, 2, axis=0), np.repeat(pred, 2, axis=0), **kw
    )
    for name in kw["metric"]:
        assert_same(own[name], alone[name], 1e-12)
        assert_same(twice[name], alone[name], 1e-9)
        # ignoring the clusters understates the error by about sqrt(2)
        assert naive[name].standard_error < 0.8 * twice[name].standard_error
    delta = confidence_interval(truth, pred, metric="f1_macro", method="delta")
    delta_twice = confidence_interval(
        np.repeat(truth, 2, axis=0), np.repeat(pred, 2, axis=0),
        groups=np.repeat(np.arange(150), 2), metric="f1_macro", method="delta",
    )  # fmt: skip
    assert delta_twice.standard_error == pytest.approx(delta.standard_error)
