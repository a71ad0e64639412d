"""Resampling units and their Poisson(1) bootstrap weights.

A unit is a sample, or with ``groups`` a group of samples resampled together.
Resample ``b`` gives unit ``u`` the weight ``W[b, u] ~ Poisson(1)`` (the
Poisson bootstrap: the multinomial bootstrap's weights, independent across
units, so resamples are drawn in blocks and sums over units are one matrix
product per block).
"""

import numbers
from typing import NamedTuple

import numpy as np
import scipy.sparse as sp
from scipy.stats import poisson

from .._checks._errors import param_error
from .._checks._labels import unique_codes

# Weights come from a table of Poisson(1) quantiles at (i + 0.5) / 2**16 read
# with 16-bit random integers: 3x faster than Generator.poisson, exact to
# 2**-16 in every probability (far below the Monte-Carlo error of any
# interval); the largest weight drawn is 8.
_TABLE = np.searchsorted(
    poisson.cdf(np.arange(32), 1.0), (np.arange(1 << 16) + 0.5) / (1 << 16)
).astype(np.float32)
# Resamples per block: a (block, n_units) float32 array of weights at a time
# (64 MB; blocks of 100+ resamples keep the matrix products efficient).
_BLOCK_CELLS = 1 << 24
# Bit generators whose raw outputs are 64 random bits (MT19937's are 32).
_RAW_64 = (np.random.PCG64, np.random.PCG64DXSM, np.random.Philox, np.random.SFC64)


class Units(NamedTuple):
    """The resampling units of ``n_samples`` samples.

    ``index[i]`` is the unit of sample ``i`` (None: each sample is its own
    unit); ``n_units`` their number.
    """

    index: object
    n_units: int

    def aggregate(self, values):
        """Per-unit sums of per-sample ``values`` (rows): dense as float64,
        sparse in their own dtype."""
        values = values if sp.issparse(values) else np.asarray(values, np.float64)
        if self.index is None:
            return values
        n = self.index.shape[0]
        ones = np.ones(n, dtype=values.dtype)
        member = sp.csr_array((ones, (self.index, np.arange(n))), (self.n_units, n))
        return member @ values

    def expand(self, weights):
        """Per-sample weights from per-unit ``weights`` of shape (b, n_units)."""
        return weights if self.index is None else weights[:, self.index]


def check_units(groups, n_samples, func):
    """:class:`Units` of ``groups`` (None: the samples)."""
    if groups is None:
        return Units(None, n_samples)
    groups = np.asarray(groups)
    if groups.ndim != 1 or groups.shape[0] != n_samples:
        raise ValueError(
            f"The 'groups' parameter of {func} must have one entry per sample, of "
            f"shape ({n_samples},); got shape {groups.shape}."
        )
    message = f"The 'groups' parameter of {func} must hold comparable group labels."
    _, index = unique_codes(groups, message)
    return Units(index, int(index.max()) + 1)


def seed_sequence(random_state, func):
    """A SeedSequence from None, an int, a SeedSequence, a Generator or a
    RandomState (a Generator or RandomState gives a fresh seed drawn from it)."""
    if isinstance(random_state, np.random.SeedSequence):
        return random_state
    if isinstance(random_state, np.random.Generator):
        return np.random.SeedSequence(int(random_state.integers(0, 2**63)))
    if isinstance(random_state, np.random.RandomState):
        return np.random.SeedSequence(int(random_state.randint(0, 2**31 - 1)))
    if random_state is None or (
        isinstance(random_state, numbers.Integral)
        and not isinstance(random_state, (bool, np.bool_))
        and random_state >= 0
    ):
        return np.random.SeedSequence(
            None if random_state is None else int(random_state)
        )
    must = "None, an int >= 0, a numpy SeedSequence or Generator"
    raise param_error(func, "random_state", must, random_state)


def as_generator(random_state, func):
    """A NumPy Generator: ``random_state`` itself, or from :func:`seed_sequence`."""
    if isinstance(random_state, np.random.Generator):
        return random_state
    return np.random.default_rng(seed_sequence(random_state, func))


def block_size(n_units):
    return int(max(1, min(256, _BLOCK_CELLS // max(n_units, 1))))


def random_uint16(rng, shape):
    """Uniform 16-bit integers of ``shape``: four from each raw 64-bit output
    where the bit generator gives 64 random bits (twice as fast as
    ``Generator.integers``), else ``Generator.integers``."""
    bit_generator = rng.bit_generator
    if type(bit_generator) in _RAW_64:
        size = int(np.prod(shape))
        raw = bit_generator.random_raw((size + 3) // 4)
        return raw.view(np.uint16)[:size].reshape(shape)
    return rng.integers(0, 1 << 16, size=shape, dtype=np.uint16)


def poisson_blocks(rng, n_resamples, n_units):
    """Yield float32 Poisson(1) weights of shape (b, n_units), blocks of resamples."""
    step = block_size(n_units)
    for start in range(0, n_resamples, step):
        b = min(step, n_resamples - start)
        yield _TABLE[random_uint16(rng, (b, n_units))]


def poisson_weights(rng, n_resamples, n_units):
    """float32 Poisson(1) weights of shape (n_resamples, n_units), all blocks."""
    return np.concatenate(list(poisson_blocks(rng, n_resamples, n_units)), axis=0)


def sign_blocks(rng, n_resamples, n_units):
    """Yield float32 0/1 swap indicators of shape (b, n_units) (fair coins)."""
    step = block_size(n_units)
    for start in range(0, n_resamples, step):
        b = min(step, n_resamples - start)
        yield rng.integers(0, 2, size=(b, n_units), dtype=np.uint8).astype(np.float32)


def jackknife_weights(n_units, max_blocks, order):
    """0/1 weights (n_blocks, n_units) of a delete-a-block jackknife: one unit per
    block when ``n_units <= max_blocks`` (leave-one-out), else ``max_blocks``
    blocks of the units in ``order`` (a random permutation of the units, so the
    blocks do not follow the order of the rows)."""
    n_blocks = min(n_units, max_blocks)
    weights = np.ones((n_blocks, n_units), dtype=np.float32)
    for row, block in enumerate(np.array_split(order, n_blocks)):
        weights[row, block] = 0.0
    return weights
