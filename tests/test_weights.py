"""Poisson(1) bootstrap weights from raw 64-bit draws: their distribution, and
generators that advance."""

import numpy as np
import pytest
from scipy.stats import chisquare, poisson

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
