"""Sufficient statistics: fast paths against plain definitions."""

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from skmultimetrics._checks._targets import Thresholded
from skmultimetrics._counts._statistics import (
    chunk_rows,
    comparable_cut_offs,
    count,
    label_counts,
    sample_counts,
)


def sample_errors(t, p):
    """Wrong cells per sample, from the kernel's per-sample counts."""
    counts = sample_counts(t, p)
    return counts.true + counts.pred - 2 * counts.tp


def reference_label_counts(t, p, w=None):
    t, p = np.asarray(t, bool), np.asarray(p, bool)
    w = np.ones(t.shape[0]) if w is None else w
    return w @ (t & p), w @ p, w @ t


@st.composite
def indicator_pairs(draw, max_rows=1200, max_labels=7):
    n = draw(st.integers(1, max_rows))
    c = draw(st.integers(1, max_labels))
    density = draw(st.sampled_from([0.0, 0.05, 0.5, 1.0]))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    return rng.random((n, c)) < density, rng.random((n, c)) < 0.3, rng


@settings(max_examples=60, deadline=None)
@given(indicator_pairs(), st.sampled_from([np.bool_, np.int8, np.int64, np.float32]))
def test_label_counts_dense_matches_reference(pair, dtype):
    t, p, rng = pair
    counts = label_counts(t.astype(dtype), p.astype(dtype))
    expected = reference_label_counts(t, p)
    for got, want in zip(counts[:3], expected):
        np.testing.assert_array_equal(got, want)
        assert got.dtype == np.int64
    assert counts.total == t.shape[0]

    w = rng.random(t.shape[0])
    counts = label_counts(t, p, w)
    for got, want in zip(counts[:3], reference_label_counts(t, p, w)):
        np.testing.assert_allclose(got, want)
    assert counts.total == pytest.approx(w.sum())


@settings(max_examples=30, deadline=None)
@given(indicator_pairs(max_rows=700))
def test_counts_across_chunks(pair):
    # small chunks: several chunks, each with full and partial 255-row groups
    from skmultimetrics._counts import _statistics

    t, p, rng = pair
    w = rng.random(t.shape[0])
    old = _statistics._CHUNK_CELLS, _statistics._WEIGHTED_CHUNK_CELLS
    _statistics._CHUNK_CELLS = _statistics._WEIGHTED_CHUNK_CELLS = 700
    try:
        assert chunk_rows(t.shape[1]) <= 510
        counts = label_counts(t, p)
        weighted = label_counts(t, p, w)
        per_sample = sample_counts(t, p)
        errors = sample_errors(t, p)
    finally:
        _statistics._CHUNK_CELLS, _statistics._WEIGHTED_CHUNK_CELLS = old
    for got, want in zip(counts[:3], reference_label_counts(t, p)):
        np.testing.assert_array_equal(got, want)
    for got, want in zip(weighted[:3], reference_label_counts(t, p, w)):
        np.testing.assert_allclose(got, want)
    np.testing.assert_array_equal(per_sample.tp, (t & p).sum(1))
    np.testing.assert_array_equal(per_sample.pred, p.sum(1))
    np.testing.assert_array_equal(per_sample.true, t.sum(1))
    np.testing.assert_array_equal(errors, (t != p).sum(1))


@settings(max_examples=40, deadline=None)
@given(indicator_pairs(max_rows=300))
def test_sparse_and_mixed_equal_dense(pair):
    t, p, rng = pair
    w = rng.random(t.shape[0])
    dense = label_counts(t, p, w)
    for a, b in [
        (sp.csr_array(t), sp.csr_array(p)),
        (sp.csr_array(t), p),
        (t, sp.csr_matrix(p)),
    ]:
        for got, want in zip(label_counts(a, b, w), dense):
            np.testing.assert_allclose(got, want)
        np.testing.assert_array_equal(sample_counts(a, b).tp, (t & p).sum(1))
        np.testing.assert_array_equal(sample_errors(a, b), (t != p).sum(1))


def test_wide_rows_do_not_overflow(rng):
    # more than 255 labels per row: per-sample sums must not wrap around in uint8
    t = np.ones((3, 600), dtype=bool)
    p = rng.random((3, 600)) < 0.5
    counts = sample_counts(t, p)
    np.testing.assert_array_equal(counts.true, [600, 600, 600])
    np.testing.assert_array_equal(counts.tp, p.sum(1))
    np.testing.assert_array_equal(sample_errors(t, p), (~p).sum(1))


def test_many_rows_do_not_overflow_column_sums():
    # 255-row uint8 groups: a full column of ones over several groups
    t = np.ones((255 * 3 + 7, 2), dtype=bool)
    counts = label_counts(t, t)
    np.testing.assert_array_equal(counts.tp, [772, 772])


def test_thresholded_scores_are_compared_per_label(rng):
    scores = rng.random((50, 4)).astype(np.float32)
    thr = np.array([0.2, 0.5, 0.5, 0.9])
    t = rng.random((50, 4)) < 0.4
    lazy = label_counts(t, Thresholded(scores, thr))
    eager = label_counts(t, scores >= thr)
    for got, want in zip(lazy, eager):
        np.testing.assert_array_equal(got, want)
    sparse_scores = Thresholded(sp.csr_array(scores * (scores > 0.3)), thr - 0.5)
    np.testing.assert_array_equal(
        sample_counts(t, sparse_scores).pred,
        ((scores * (scores > 0.3)) >= thr - 0.5).sum(1),
    )


def test_inputs_are_not_modified(rng):
    t = rng.random((20, 3)) < 0.5
    p = (rng.random((20, 3)) < 0.5).astype(np.int64)
    t0, p0 = t.copy(), p.copy()
    label_counts(t, p)
    sample_counts(t, p)
    sample_errors(t, p)
    np.testing.assert_array_equal(t, t0)
    np.testing.assert_array_equal(p, p0)


@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
def test_comparable_cut_offs_compare_as_float64(dtype):
    rng = np.random.default_rng(0)
    scores = rng.random(20_000).astype(dtype)
    near = scores[:40].astype(np.float64)
    cuts = np.concatenate(
        [near, near + 1e-9, near - 1e-9, rng.random(40), [np.inf, -np.inf, 1e300]]
    )
    converted = comparable_cut_offs(cuts, dtype)
    assert converted.dtype == dtype
    for cut, same in zip(cuts, converted):
        assert np.array_equal(scores >= same, scores.astype(np.float64) >= cut)
    assert np.ndim(comparable_cut_offs(np.full(3, 0.1), dtype)) == 0


@settings(max_examples=40, deadline=None)
@given(indicator_pairs(max_rows=700), st.sampled_from([np.float32, np.float64]))
def test_one_kernel_counts_scores_by_label_and_by_sample(pair, dtype):
    # the one pass of the one-shot functions and the accumulator: scores cut
    # chunk by chunk into a reused workspace, per label (weighted) and per sample
    from skmultimetrics._counts._statistics import Workspace

    t, _, rng = pair
    scores = rng.random(t.shape).astype(dtype)
    thr = rng.random(t.shape[1])
    w = rng.random(t.shape[0])
    workspace = Workspace()
    for weight in (None, w):
        by_label, by_sample = count(
            t, Thresholded(scores, thr), weight, by_sample=True, workspace=workspace
        )
        p = scores >= thr
        for got, want in zip(by_label[:3], reference_label_counts(t, p, weight)):
            np.testing.assert_allclose(got, want, rtol=1e-12)
        np.testing.assert_array_equal(by_sample.tp, (t & p).sum(1))
        np.testing.assert_array_equal(by_sample.pred, p.sum(1))
        np.testing.assert_array_equal(by_sample.true, t.sum(1))
    assert count(t, p, by_label=False)[0] is None


def test_a_sample_of_weight_zero_has_undefined_ratios():
    # scikit-learn's samples average weighs the counts: a sample of weight 0 is
    # 0/0 and warns, in the one-shot functions and the accumulator alike
    import warnings

    from sklearn.exceptions import UndefinedMetricWarning
    from sklearn.metrics import precision_score as sk_precision

    import skmultimetrics as smm

    t = np.array([[1, 0], [0, 1], [1, 1]])
    p = np.array([[1, 0], [0, 1], [1, 0]])
    w = np.array([1.0, 0.0, 2.0])
    with pytest.warns(UndefinedMetricWarning, match="no predicted labels"):
        expected = sk_precision(t, p, average="samples", sample_weight=w)
    with pytest.warns(UndefinedMetricWarning, match="no predicted labels"):
        got = smm.precision_score(t, p, average="samples", sample_weight=w)
    with pytest.warns(UndefinedMetricWarning, match="no predicted labels"):
        acc = smm.MetricAccumulator(["precision_samples"]).update(t, p, sample_weight=w)
        streamed = acc.result()["precision_samples"]
    assert got == expected == streamed == 1.0
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert smm.precision_score(t, p, average="samples", sample_weight=w + 1) == 1
