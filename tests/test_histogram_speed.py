"""Score histograms read half-precision keys from the float32 bit patterns
and count a batch label by label: the same keys, exactness and counts as a
plain float16 conversion and a plain per-label histogram."""

import itertools

import numpy as np
import pytest

from skmultimetrics._counts._histogram import ScoreHistogram, grid_keys


def reference_keys(scores):
    """Float16 keys by a float16 conversion: the pattern's order, -0.0 as 0.0."""
    with np.errstate(over="ignore"):
        half = np.asarray(scores).astype(np.float16)
    bits = half.view(np.uint16).astype(np.int64)
    magnitude = bits & 0x7FFF
    negative = (bits >> 15).astype(bool) & (magnitude != 0)
    keys = np.where(negative, 0x7FFF - magnitude, magnitude + 0x8000)
    exact = bool(np.array_equal(half.astype(np.float64), np.asarray(scores, float)))
    return keys, exact


def every_half():
    """Every finite float16 value."""
    values = np.arange(2**16, dtype=np.uint32).astype(np.uint16).view(np.float16)
    return values[np.isfinite(values)]


@pytest.mark.parametrize("seed", range(20))
def test_keys_of_widened_half_scores_equal_a_float16_conversion(seed):
    rng = np.random.default_rng(seed)
    values = every_half()
    normal = values[(np.abs(values) >= 2**-14) | (values == 0)]
    pool = [normal, normal[normal >= 0], values]  # the last: subnormals too
    half = rng.choice(pool[seed % 3], size=(int(rng.integers(1, 300)), 7))
    for scores in (half.astype(np.float32), half.astype(np.float64),
                   half.astype(np.float32).T):  # fmt: skip
        grid, exact, keys = grid_keys(scores)
        expected, _ = reference_keys(scores)
        assert (grid, exact) == ("float16", True)
        np.testing.assert_array_equal(keys, expected)


def test_every_float16_value_and_the_edges():
    values = every_half()
    grid, exact, keys = grid_keys(values.astype(np.float32))
    assert (grid, exact) == ("float16", True)
    np.testing.assert_array_equal(keys, reference_keys(values)[0])
    # not float16 values: the float16 bins they round to, inexact
    cases = [
        [0.1, 0.5],  # more than 10 mantissa bits
        [65504.0, 65520.0],  # beyond float16's largest (rounds to inf)
        [2.0**-14, 2.0**-25 * (1 + 2.0**-10)],  # below float16's subnormals
        [1.0, 1.0 + 2.0**-20],
    ]
    for scores in cases:
        for dtype in (np.float32, np.float64):
            grid, exact, keys = grid_keys(np.array(scores, dtype)[:, None])
            assert (grid, exact) == ("float16", False)
            np.testing.assert_array_equal(keys[:, 0], reference_keys(scores)[0])
    # exact, through the float16 conversion: subnormals, infinities, -0.0
    # (with a float16 value that is no bfloat16 one)
    tenth = float(np.float16(0.1))
    for scores in ([2.0**-24, 3 * 2.0**-24, tenth], [-np.inf, tenth, np.inf],
                   [-0.0, 0.0, -tenth]):  # fmt: skip
        grid, exact, keys = grid_keys(np.array(scores, np.float32)[:, None])
        assert (grid, exact) == ("float16", True)
        np.testing.assert_array_equal(keys[:, 0], reference_keys(scores)[0])
    # a float64 that is no float32 value is no float16 value
    grid, exact, _ = grid_keys(np.array([[0.5 + 2.0**-40]]))
    assert (grid, exact) == ("float16", False)
    # bfloat16 values (low 16 bits of the float32 pattern zero)
    bf = (np.array([0.0, 2.0**-100, 0.5, 3.0e38], np.float32).view(np.uint32)
          & 0xFFFF0000).view(np.float32)  # fmt: skip
    assert grid_keys(bf[:, None])[:2] == ("bfloat16", True)


def reference_counts(truth, scores, weight):
    """Per label, a plain histogram of the negatives and positives by key."""
    keys = reference_keys(scores)[0]
    weight = np.ones(truth.shape[0]) if weight is None else weight
    lo, width = keys.min(), keys.max() - keys.min() + 1
    counts = np.zeros((2, truth.shape[1], width))
    for j in range(truth.shape[1]):
        for side in (0, 1):
            rows = truth[:, j] == side
            counts[side, j] = np.bincount(
                keys[rows, j] - lo, weight[rows], minlength=width
            )
    return lo, counts


@pytest.mark.parametrize("seed", range(12))
def test_counts_of_batches_equal_a_plain_histogram(seed):
    rng = np.random.default_rng(seed)
    n_labels = int(rng.integers(1, 9))
    batches = [int(rng.integers(1, 400)) for _ in range(int(rng.integers(1, 5)))]
    truth = rng.random((sum(batches), n_labels)) < 0.3
    scores = rng.random(truth.shape) ** 3 * (1 if seed % 2 else 40) - (seed % 3 == 0)
    if seed % 4 < 2:
        scores = scores.astype(np.float16)  # exact
    scores = scores.astype(np.float32)
    weight = rng.random(truth.shape[0]) * 3 if seed % 3 else None
    hist = ScoreHistogram("float16", True, n_labels)
    edges = np.cumsum([0, *batches])
    for start, stop in itertools.pairwise(edges):
        w = None if weight is None else weight[start:stop]
        hist.add(ScoreHistogram.of_batch(truth[start:stop], scores[start:stop], w))
    lo, expected = reference_counts(truth, scores, weight)
    counts = hist.dense().counts
    window = counts[:, :, lo - hist.lo : lo - hist.lo + expected.shape[2]]
    np.testing.assert_allclose(window, expected, rtol=1e-12, atol=0)
    assert counts.sum() == pytest.approx(expected.sum(), rel=1e-12)
    assert hist.exact == (seed % 4 < 2)
