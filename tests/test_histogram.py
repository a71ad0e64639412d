"""Score histograms on the grid of half-precision values (_counts/_histogram.py): a
fixed small state, exact on one grid, moved to the grid that holds both, and never
claiming exactness a merge lost."""

import warnings

import numpy as np
import pytest
from test_streamed_curves import NAMES, TOL, check_exact, data, reference, stream

from skmultimetrics import MetricAccumulator
from skmultimetrics._counts._histogram import ScoreHistogram


@pytest.mark.parametrize("seed", range(12))
def test_batches_of_both_half_precisions_stay_exact_where_a_grid_holds_both(seed):
    # bfloat16 probabilities >= 2**-14 are float16 values too; tiny ones are not
    ml_dtypes = pytest.importorskip("ml_dtypes")
    rng, y, w = data(seed)
    z = rng.normal(size=y.shape) * 3 + y
    s = (1 / (1 + np.exp(-z))).astype(np.float32).astype(ml_dtypes.bfloat16)
    s = s.astype(np.float32)
    n = y.shape[0]
    if seed % 2:  # the tiny values come first or last
        s[: n // 3] = np.maximum(s[: n // 3], 2**-14)
    else:
        s[n // 3 :] = np.maximum(s[n // 3 :], 2**-14)
    s[0, 0] = 2.0**-100  # a bfloat16 value out of float16's range
    acc = stream(NAMES, y, s, w, rng, merge=seed % 3 == 0)
    check_exact(acc, NAMES, y, s.astype(np.float64), w)


def test_state_is_fixed_and_small():
    rng = np.random.default_rng(0)
    acc = MetricAccumulator("roc_auc_macro")
    for _ in range(20):
        y = rng.random((5000, 3)) < 0.3
        s = rng.random((5000, 3)).astype(np.float16)
        acc.update(y, s)
    # a window of float16 probabilities: at most 15,361 bins x 2 x 8 bytes
    assert acc._state()[0]["curves"].counts.nbytes / 3 < 256 * 1024


def test_the_histogram_moves_to_the_grid_that_holds_both():
    truth = np.ones((3, 1), dtype=bool)
    half = np.array([[0.1], [0.2], [0.3]], dtype=np.float16).astype(np.float32)
    tiny = np.array([[2.0**-100], [0.5], [3e38]], dtype=np.float32)
    hist = ScoreHistogram.of_batch(truth, half, None)
    assert hist.grid == "float16" and hist.exact
    hist.add(ScoreHistogram.of_batch(truth, tiny, None))  # bfloat16 values
    assert not hist.exact  # 0.1 in float16 is no bfloat16 value
    coarse = np.array([[0.5], [0.25], [1.0]], dtype=np.float32)
    hist = ScoreHistogram.of_batch(truth, coarse, None)
    assert hist.grid == "bfloat16"
    hist.add(ScoreHistogram.of_batch(truth, half, None))
    assert hist.grid == "float16" and hist.exact
    hist.add(ScoreHistogram.of_batch(truth, np.full((3, 1), 0.1), None))
    assert not hist.exact  # 0.1 in float64 is no float16 value


def test_merging_an_inexact_stream_into_an_exact_one_is_inexact():
    # the same float16 bins (the same window), once exact, once not
    rng = np.random.default_rng(6)
    y = rng.random((400, 3)) < 0.4
    half = (rng.random((400, 3)) * 0.5 + 0.25 * y).astype(np.float16)
    near = half.astype(np.float32) * np.float32(1 + 2e-5)  # same float16 bins
    near[:, 0] = half[:, 0]  # the same extremes, so the same window
    names = ["roc_auc_macro", "average_precision_macro", "recall_at_precision_70"]
    exact = MetricAccumulator(names).update(y, half)
    other = MetricAccumulator(names).update(y, near)
    assert other._state()[0]["curves"].lo == exact._state()[0]["curves"].lo
    exact.merge(other)
    yy, ss = np.vstack([y, y]), np.vstack([half.astype(np.float32), near])
    for name, (low, high) in exact.bounds().items():
        assert low <= reference(name, yy, ss, None) <= high, name
    assert not exact._state()[0]["curves"].exact


@pytest.mark.parametrize("seed", range(30))
def test_mixed_precisions_in_random_merge_trees_never_claim_too_much(seed):
    # batches of float16, bfloat16, float32 and float64 scores over few values
    # (so windows coincide), merged in a random tree: the bounds always hold
    # scikit-learn's value, and a stream claiming exactness has it
    ml_dtypes = pytest.importorskip("ml_dtypes")
    rng = np.random.default_rng(seed)
    n_labels = int(rng.integers(1, 4))
    base = rng.random(6) * 10 ** rng.uniform(-6, 4)
    parts = []
    for _ in range(int(rng.integers(2, 7))):
        n = int(rng.integers(1, 40))
        y = rng.random((n, n_labels)) < 0.5
        s = rng.choice(base, (n, n_labels)) + 0.1 * y * base.max()
        kind = rng.integers(4)
        if kind == 0:
            s = s.astype(np.float16).astype(np.float32)
        elif kind == 1:
            s = s.astype(ml_dtypes.bfloat16).astype(np.float32)
        elif kind == 2:
            s = s.astype(np.float32)
        parts.append((y, s))
    accs = [MetricAccumulator(NAMES[:6] + NAMES[8:9]).update(*p) for p in parts]
    while len(accs) > 1:  # a random tree of merges
        i, j = sorted(rng.choice(len(accs), 2, replace=False))
        accs[i].merge(accs.pop(j))
    y = np.vstack([p[0] for p in parts])
    s = np.vstack([p[1].astype(np.float64) for p in parts])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result, bounds = accs[0].result(), accs[0].bounds()
    for name, (low, high) in bounds.items():
        expected = reference(name, y, s, None)
        if np.isnan(expected):
            continue
        assert low <= expected <= high, name
        if high - low <= 2.1e-9:
            assert result[name] == pytest.approx(expected, abs=TOL), name
