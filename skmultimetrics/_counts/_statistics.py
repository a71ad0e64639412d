"""Sufficient statistics: inputs reduced to small count vectors.

Set metrics need, per label, the (weighted) numbers of true positives, predicted
positives and true positives in ``y_true`` (:func:`label_counts`), and for
example-based metrics the same three numbers per sample (:func:`sample_counts`).
Dense inputs are read in row chunks, so memory stays bounded whatever ``n``;
counts add up over chunks, so the same code can run on chunks held elsewhere.
Sparse inputs cost time in proportion to their stored entries.
"""

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


def _dense_label_counts(y_true, y_pred, sample_weight):
    n_samples, n_labels = y_true.shape
    weighted = sample_weight is not None
    # Weighted sums go through a float64 buffer that must stay in cache.
    step = chunk_rows(n_labels, _WEIGHTED_CHUNK_CELLS if weighted else None)
    dtype = np.float64 if weighted else np.int64
    tp, pred, true = (np.zeros(n_labels, dtype=dtype) for _ in range(3))
    both = np.empty((min(step, n_samples), n_labels), dtype=np.uint8)
    if weighted:
        buffer = np.empty(both.shape, dtype=np.float64)
    for start in range(0, n_samples, step):
        stop = min(start + step, n_samples)
        t = indicator_rows(y_true, start, stop)
        p = indicator_rows(y_pred, start, stop)
        tp_block = np.bitwise_and(t, p, out=both[: stop - start])
        if weighted:
            w = sample_weight[start:stop]
            cells = buffer[: stop - start]
            for out, block in ((tp, tp_block), (pred, p), (true, t)):
                np.copyto(cells, block)
                out += w @ cells
        else:
            column_sums(tp_block, tp)
            column_sums(p, pred)
            column_sums(t, true)
    total = float(sample_weight.sum()) if weighted else n_samples
    return LabelCounts(tp, pred, true, total)


def _sparse_column_counts(y, sample_weight):
    n_labels = y.shape[1]
    if sample_weight is None:
        return np.bincount(y.indices, minlength=n_labels)
    per_entry = np.repeat(sample_weight, np.diff(y.indptr))
    return np.bincount(y.indices, weights=per_entry, minlength=n_labels)


def label_counts(y_true, y_pred, sample_weight=None):
    """Per-label true positives, predicted positives and actual positives.

    Parameters
    ----------
    y_true, y_pred : ndarray, csr_array or Thresholded of shape (n_samples, n_labels)
        Checked indicator matrices (see ``check_targets``).
    sample_weight : ndarray of shape (n_samples,) or None

    Returns
    -------
    LabelCounts
        int64 counts without weights, float64 weighted sums with them.
    """
    if sp.issparse(y_true) and sp.issparse(y_pred):
        both = y_true.multiply(y_pred).tocsr()
        total = y_true.shape[0] if sample_weight is None else float(sample_weight.sum())
        return LabelCounts(
            _sparse_column_counts(both, sample_weight),
            _sparse_column_counts(y_pred, sample_weight),
            _sparse_column_counts(y_true, sample_weight),
            total,
        )
    return _dense_label_counts(y_true, y_pred, sample_weight)


def column_counts(y, sample_weight=None):
    """(Weighted) number of positives per column of an indicator matrix."""
    if sp.issparse(y):
        return _sparse_column_counts(y, sample_weight)
    return _dense_label_counts(y, y, sample_weight).true


def row_sums(block):
    """Row sums of a uint8 0/1 block (in uint8 below 256 columns: no overflow)."""
    if block.shape[1] < 256:
        return np.einsum("ij->i", block)
    return block.sum(axis=1, dtype=np.int64)


def sample_counts(y_true, y_pred):
    """Per-sample true positives, predicted positives and actual positives."""
    n_samples, n_labels = y_true.shape
    if sp.issparse(y_true) and sp.issparse(y_pred):
        both = y_true.multiply(y_pred).tocsr()
        return SampleCounts(
            np.diff(both.indptr),
            np.diff(y_pred.indptr),
            np.diff(y_true.indptr),
            n_labels,
        )
    tp, pred, true = (np.empty(n_samples, dtype=np.int64) for _ in range(3))
    step = chunk_rows(n_labels)
    for start in range(0, n_samples, step):
        stop = min(start + step, n_samples)
        t = indicator_rows(y_true, start, stop)
        p = indicator_rows(y_pred, start, stop)
        tp[start:stop] = row_sums(t & p)
        pred[start:stop] = row_sums(p)
        true[start:stop] = row_sums(t)
    return SampleCounts(tp, pred, true, n_labels)


def sample_errors(y_true, y_pred):
    """Number of wrong label cells per sample (for 1-D targets: 0 or 1)."""
    if y_true.ndim == 1:
        return (y_true != y_pred).view(np.uint8)
    if sp.issparse(y_true) and sp.issparse(y_pred):
        return np.diff((y_true != y_pred).tocsr().indptr)
    n_samples, n_labels = y_true.shape
    errors = np.empty(n_samples, dtype=np.int64)
    step = chunk_rows(n_labels)
    for start in range(0, n_samples, step):
        stop = min(start + step, n_samples)
        t = indicator_rows(y_true, start, stop)
        p = indicator_rows(y_pred, start, stop)
        errors[start:stop] = row_sums(t ^ p)
    return errors


def class_counts(true_codes, pred_codes, n_classes, sample_weight=None):
    """Per-class counts of 1-D targets given as integer codes."""
    hit = true_codes == pred_codes
    if sample_weight is None:
        tp = np.bincount(true_codes[hit], minlength=n_classes)
        total = true_codes.shape[0]
    else:
        tp = np.bincount(
            true_codes[hit], weights=sample_weight[hit], minlength=n_classes
        )
        total = float(sample_weight.sum())
    pred = np.bincount(pred_codes, weights=sample_weight, minlength=n_classes)
    true = np.bincount(true_codes, weights=sample_weight, minlength=n_classes)
    return LabelCounts(tp, pred, true, total)
