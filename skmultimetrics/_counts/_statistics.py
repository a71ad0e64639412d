"""Sufficient statistics: inputs reduced to small count vectors.

Set metrics need, per label, the (weighted) numbers of true positives, predicted
positives and true positives in ``y_true`` (:func:`label_counts`), and for
example-based metrics the same three numbers per sample (:func:`sample_counts`).
Dense inputs are read in row chunks, so memory stays bounded whatever ``n``;
counts add up over chunks, so the same code can run on chunks held elsewhere.
Sparse inputs cost time in proportion to their stored entries.
"""

import math
from typing import NamedTuple

import numpy as np
import scipy.sparse as sp

from .._checks._targets import Thresholded

# A uint8 column sum of at most 255 rows cannot overflow: sum 255-row groups in
# uint8 (SIMD-friendly), then the group sums in int64.
_GROUP = 255
# About 2**20 cells per chunk: small enough for cache-friendly passes and a small
# float64 buffer in the weighted path.
_CHUNK_CELLS = 1 << 20
_WEIGHTED_CHUNK_CELLS = 1 << 18


class LabelCounts(NamedTuple):
    """Per-label counts; ``total`` is the number (or weight) of samples."""

    tp: np.ndarray
    pred: np.ndarray
    true: np.ndarray
    total: float

    def __add__(self, other):
        return LabelCounts(
            self.tp + other.tp,
            self.pred + other.pred,
            self.true + other.true,
            self.total + other.total,
        )


class SampleCounts(NamedTuple):
    """Per-sample counts over ``n_labels`` labels (unweighted)."""

    tp: np.ndarray
    pred: np.ndarray
    true: np.ndarray
    n_labels: int


def chunk_rows(n_labels, cells=None):
    """Rows per chunk: a multiple of 255 holding about ``cells`` cells."""
    cells = _CHUNK_CELLS if cells is None else cells
    return max(_GROUP, (cells // max(n_labels, 1)) // _GROUP * _GROUP)


def comparable_cut_offs(thresholds, dtype):
    """Cut-offs ``u`` in the scores' ``dtype`` with ``s >= u`` exactly when
    ``s >= thresholds`` (in float64), for every score ``s`` of that dtype; a
    scalar when all are equal.

    ``u`` is the smallest value of ``dtype`` at or above each cut-off, so the
    comparison runs in the scores' own type (a float32 matrix is not converted
    to float64 on the fly), and against a scalar when it can (several times
    faster than broadcasting a row of cut-offs).
    """
    thresholds = np.asarray(thresholds, dtype=np.float64)
    dtype = np.dtype(dtype)
    if dtype.kind != "f" or dtype.itemsize >= 8:
        cuts = thresholds
    else:
        with np.errstate(over="ignore"):
            cuts = thresholds.astype(dtype)
        below = cuts.astype(np.float64) < thresholds
        cuts[below] = np.nextafter(cuts[below], dtype.type(np.inf))
    if cuts.size and (cuts == cuts.flat[0]).all():
        return cuts.flat[0]
    return cuts


def indicator_rows(y, start, stop):
    """Rows ``start:stop`` of an indicator or of thresholded scores, as uint8."""
    if isinstance(y, Thresholded):
        scores = y.scores[start:stop]
        if sp.issparse(scores):
            scores = scores.toarray()
        block = scores >= comparable_cut_offs(y.thresholds, scores.dtype)
    else:
        block = y[start:stop]
        if sp.issparse(block):
            block = block.toarray()
        if block.dtype != np.bool_:
            block = block != 0
    return np.ascontiguousarray(block).view(np.uint8)


def column_sums(block, out):
    """Add the column sums of a uint8 0/1 block to ``out`` (int64)."""
    n_full = block.shape[0] // _GROUP
    if n_full:
        grouped = block[: n_full * _GROUP].reshape(n_full, _GROUP, block.shape[1])
        # einsum sums uint8 in uint8, twice as fast as .sum(dtype=np.uint8)
        out += np.einsum("gij->gj", grouped).sum(axis=0, dtype=np.int64)
    if block.shape[0] > n_full * _GROUP:
        out += block[n_full * _GROUP :].sum(axis=0, dtype=np.int64)


def _sparse_column_counts(y, sample_weight):
    n_labels = y.shape[1]
    if sample_weight is None:
        return np.bincount(y.indices, minlength=n_labels)
    per_entry = np.repeat(sample_weight, np.diff(y.indptr))
    return np.bincount(y.indices, weights=per_entry, minlength=n_labels)


class Workspace:
    """Buffers kept from one chunk (or batch) to the next.

    A chunk's temporaries (its predictions and hits, a megabyte each for 10,000
    x 100) would otherwise be allocated and freed for every batch; above
    malloc's mmap threshold each is handed back to the operating system, and the
    next batch pays a page fault per 4 kB again (2.4x the time of the counting
    itself, measured). One workspace per accumulator: not for concurrent use.
    """

    def __init__(self):
        self._buffers = {}

    def get(self, name, shape, dtype):
        size = math.prod(shape)
        buffer = self._buffers.get(name)
        if buffer is None or buffer.dtype != dtype or buffer.size < size:
            buffer = self._buffers[name] = np.empty(size, dtype=dtype)
        return buffer[:size].reshape(shape)

    def __getstate__(self):
        return {"_buffers": {}}  # a pickled accumulator carries no buffers


def _pred_rows(pred, cuts, start, stop, workspace):
    """Rows ``start:stop`` of the predictions as uint8, compared into a reused
    buffer when ``pred`` holds dense scores (``cuts``: their cut-offs)."""
    if cuts is None:
        return indicator_rows(pred, start, stop)
    block = workspace.get("pred", (stop - start, pred.scores.shape[1]), np.bool_)
    np.greater_equal(pred.scores[start:stop], cuts, out=block)
    return block.view(np.uint8)


def _dense_counts(truth, pred, weight, by_label, by_sample, workspace):
    n_samples, n_labels = truth.shape
    # Weighted sums go through a float64 buffer that must stay in cache.
    weighted = by_label and weight is not None
    step = chunk_rows(n_labels, _WEIGHTED_CHUNK_CELLS if weighted else None)
    dtype = np.int64 if weight is None else np.float64
    errors = by_sample == "errors"
    sums = [np.zeros(n_labels if by_label else 0, dtype=dtype) for _ in range(3)]
    # per-sample counts in int32 (as a sparse matrix's): half the bytes of int64,
    # and converted to float64 by SIMD (int64 is not, 8x slower)
    rows = [np.empty(n_samples if by_sample else 0, dtype=np.int32) for _ in range(3)]
    cuts = None
    if isinstance(pred, Thresholded) and not sp.issparse(pred.scores):
        cuts = comparable_cut_offs(pred.thresholds, pred.scores.dtype)
    for start in range(0, n_samples, step):
        stop = min(start + step, n_samples)
        shape = (stop - start, n_labels)
        t = indicator_rows(truth, start, stop)
        p = _pred_rows(pred, cuts, start, stop, workspace)
        hits = workspace.get("hits", shape, np.uint8)
        if errors:  # wrong cells per sample, by one exclusive or
            rows[0][start:stop] = row_sums(np.bitwise_xor(t, p, out=hits))
            if not by_label:
                continue
        np.bitwise_and(t, p, out=hits)
        for out, row, block in zip(sums, rows, (hits, p, t)):
            if by_label and weight is None:
                column_sums(block, out)
            elif by_label:
                cells = workspace.get("cells", shape, np.float64)
                np.copyto(cells, block)
                out += weight[start:stop] @ cells
            if by_sample and not errors:
                row[start:stop] = row_sums(block)
    return sums, rows[0] if errors else rows


def count(truth, pred, weight=None, *, by_label=True, by_sample=False, workspace=None):
    """The counting kernel: per-label and per-sample true positives, predicted
    positives and actual positives, in one pass over row chunks.

    Parameters
    ----------
    truth, pred : ndarray, csr_array or Thresholded of shape (n_samples, n_labels)
        Checked indicator matrices (see ``check_targets``); ``pred`` may hold
        scores to compare with their cut-offs chunk by chunk.
    weight : ndarray of shape (n_samples,) or None
        Weights of the per-label counts (the per-sample counts are unweighted).
    by_label, by_sample : bool
        Which counts to make; ``by_sample="errors"``: instead of the
        per-sample counts, the number of wrong cells per sample (an integer
        array), the one statistic of exact matches.
    workspace : Workspace, optional
        Buffers to reuse for the chunks' temporaries.

    Returns
    -------
    label : LabelCounts or None
        int64 counts without weights, float64 weighted sums with them.
    sample : SampleCounts or None
    """
    n_samples, n_labels = truth.shape
    if sp.issparse(truth) and sp.issparse(pred):
        sums = rows = None
        if by_sample == "errors":
            rows = np.diff((truth != pred).tocsr().indptr)
        if by_label or by_sample is True:
            both = truth.multiply(pred).tocsr()
        if by_label:
            sums = [_sparse_column_counts(y, weight) for y in (both, pred, truth)]
        if by_sample is True:
            rows = [np.diff(y.indptr) for y in (both, pred, truth)]
    else:
        workspace = Workspace() if workspace is None else workspace
        sums, rows = _dense_counts(truth, pred, weight, by_label, by_sample, workspace)
    total = n_samples if weight is None else float(weight.sum())
    if by_sample and by_sample != "errors":
        rows = SampleCounts(*rows, n_labels)
    return LabelCounts(*sums, total) if by_label else None, rows if by_sample else None


def label_counts(y_true, y_pred, sample_weight=None):
    """Per-label counts of :func:`count`."""
    return count(y_true, y_pred, sample_weight)[0]


def sample_counts(y_true, y_pred):
    """Per-sample counts of :func:`count`."""
    return count(y_true, y_pred, by_label=False, by_sample=True)[1]


def column_counts(y, sample_weight=None):
    """(Weighted) number of positives per column of an indicator matrix."""
    if sp.issparse(y):
        return _sparse_column_counts(y, sample_weight)
    return label_counts(y, y, sample_weight).true


def row_sums(block):
    """Row sums of a uint8 0/1 block (in uint8 below 256 columns: no overflow)."""
    if block.shape[1] < 256:
        return np.einsum("ij->i", block)
    return block.sum(axis=1, dtype=np.int64)
