"""Sums that add up over batches: the state of a stream of evaluations.

Each function reduces one batch to a dict of named sums (arrays or floats);
:func:`add_sums` adds two such dicts key by key, in any order or grouping, so a
stream's state is the sum of its batches' and two streams merge by addition.
The finishing formulas (:func:`sample_mean`) read only these sums.
"""

import numpy as np
import scipy.sparse as sp

from .._checks._targets import threshold_scores
from ._reductions import per_sample_scores, ratio_values
from ._statistics import (
    LabelCounts,
    chunk_rows,
    class_counts,
    column_sums,
    comparable_cut_offs,
    indicator_rows,
    label_counts,
    row_sums,
    sample_counts,
)

# The per-sample scores of a multi-label batch, in the rows of per_sample_scores.
SAMPLE_SCORES = ("subset_accuracy", "precision", "recall", "f1", "jaccard")


def add_sums(a, b):
    """The key-by-key sum of two dicts of sums (nested dicts too), as a new dict."""
    if a.keys() != b.keys():
        raise ValueError(f"cannot add sums of {sorted(a)} and {sorted(b)}")
    return {
        key: add_sums(a[key], b[key]) if isinstance(a[key], dict) else a[key] + b[key]
        for key in a
    }


_HISTOGRAMS = ("bins", "curves")  # score histograms: large, added in place


def add_sums_into(own, new):
    """:func:`add_sums`, but the score histograms (``_HISTOGRAMS``) of ``new``
    are counted into ``own``'s in place; ``own`` must be the caller's alone
    (None: ``new`` becomes it, its histograms counted, keeping no rows)."""
    if own is None:
        return {k: v.dense() if k in _HISTOGRAMS else v for k, v in new.items()}
    rest = [key for key in own if key not in _HISTOGRAMS]
    added = add_sums({k: own[k] for k in rest}, {k: new[k] for k in new if k in rest})
    for key in own.keys() - set(rest):
        added[key] = own[key].add(new[key])
    return added


def own_copy(sums):
    """``sums`` with its score histograms copied: safe to read while the
    originals are added to in place."""
    if sums is None:
        return sums
    return {k: v.copy() if k in _HISTOGRAMS else v for k, v in sums.items()}


def sample_mean_sums(values, weight):
    """Sums for the (weighted) mean of per-sample ``values``; NaN marks a sample
    whose value is undefined (its ``zero_division`` is applied when finishing).
    """
    defined = ~np.isnan(values)
    kept = values[defined]
    n_defined = int(defined.sum())
    if weight is None:
        weighted_sum, weight_defined = float(kept.sum()), float(n_defined)
        weight_total = float(values.shape[0])
    else:
        w = weight[defined]
        weighted_sum, weight_defined = float(w @ kept), float(w.sum())
        weight_total = float(weight.sum())
    return {
        "weighted_sum": weighted_sum,
        "sum": float(kept.sum()),
        "weight_defined": weight_defined,
        "weight_undefined": weight_total - weight_defined,
        "n_defined": n_defined,
        "n_undefined": int(values.shape[0] - n_defined),
    }


def sample_mean(sums, zero_division, *, weighted_counts=False):
    """The mean that ``nan_average`` gives on the concatenated per-sample values.

    Undefined samples take ``zero_division`` (a number, or NaN to leave them
    out); a mean whose weights sum to 0 is unweighted, as in ``nan_average``.
    ``weighted_counts``: the set metrics' samples averages, whose one-shot form
    weights each sample's counts, so a sample of weight 0 is undefined too.
    """
    if np.isnan(zero_division):
        if sums["n_defined"] == 0:
            return np.nan
        if weighted_counts and sums["weight_defined"] == 0:
            return np.nan
        if sums["weight_defined"] == 0:
            return sums["sum"] / sums["n_defined"]
        return sums["weighted_sum"] / sums["weight_defined"]
    weight = sums["weight_defined"] + sums["weight_undefined"]
    if weight == 0:
        n = sums["n_defined"] + sums["n_undefined"]
        return (sums["sum"] + zero_division * sums["n_undefined"]) / n
    return (sums["weighted_sum"] + zero_division * sums["weight_undefined"]) / weight


class Workspace:
    """Buffers kept from one batch to the next.

    A batch's temporaries (its predictions and hits, a megabyte each for 10,000
    x 100) would otherwise be allocated and freed for every batch; above
    malloc's mmap threshold each is handed back to the operating system, and the
    next batch pays a page fault per 4 kB again (2.4x the time of the counting
    itself, measured). One workspace per accumulator: not for concurrent use.
    """

    def __init__(self):
        self._buffers = {}

    def get(self, name, shape, dtype):
        size = int(np.prod(shape))
        buffer = self._buffers.get(name)
        if buffer is None or buffer.dtype != dtype or buffer.size < size:
            buffer = self._buffers[name] = np.empty(size, dtype=dtype)
        return buffer[:size].reshape(shape)

    def __getstate__(self):
        return {"_buffers": {}}  # a pickled accumulator carries no buffers


def _dense_counts(truth, scores, cuts, weight, samples, workspace=None):
    """Per-label (and with ``samples`` per-sample) counts of dense truth against
    ``scores >= cuts``, chunk by chunk: each chunk is compared and intersected
    once."""
    n_samples, n_labels = truth.shape
    dtype = np.int64 if weight is None else np.float64
    tp, pred, true = (np.zeros(n_labels, dtype=dtype) for _ in range(3))
    rows = [np.empty(n_samples if samples else 0, dtype=np.int64) for _ in range(3)]
    step = chunk_rows(n_labels)
    for start in range(0, n_samples, step):
        stop = min(start + step, n_samples)
        t = indicator_rows(truth, start, stop)
        shape = (stop - start, n_labels)
        if workspace is None:
            p = np.ascontiguousarray(scores[start:stop] >= cuts).view(np.uint8)
            hits = t & p
        else:
            p = workspace.get("pred", shape, np.bool_)
            np.greater_equal(scores[start:stop], cuts, out=p)
            p = p.view(np.uint8)
            hits = np.bitwise_and(t, p, out=workspace.get("hits", shape, np.uint8))
        for out, row, block in zip((tp, pred, true), rows, (hits, p, t)):
            if weight is None:
                column_sums(block, out)
            else:
                out += weight[start:stop] @ block
            if samples:
                row[start:stop] = row_sums(block)
    total = n_samples if weight is None else float(weight.sum())
    return LabelCounts(tp, pred, true, total), rows


def multilabel_sums(
    truth, scores, thresholds, weight, *, samples=True, workspace=None, betas=()
):
    """Per-label counts and (with ``samples``) per-sample score sums of a
    multi-label batch.

    Parameters
    ----------
    truth : bool ndarray or CSR array of shape (n_samples, n_labels)
    scores : float ndarray or CSR array of the same shape
    thresholds : float64 ndarray of shape (n_labels,)
        The prediction is ``scores >= thresholds``.
    weight : float64 ndarray of shape (n_samples,) or None
    workspace : Workspace, optional
        Buffers to reuse for the batch's temporaries.
    betas : tuple of float, default=()
        With ``samples``: also the per-sample F-beta sums of these betas, under
        ``sums["samples"][f"fbeta{beta!r}"]``.
    """
    if sp.issparse(truth) or sp.issparse(scores):
        pred = threshold_scores(scores, thresholds)
        counts = label_counts(truth, pred, weight)
        if samples:
            per_sample = sample_counts(truth, pred)
            rows = (per_sample.tp, per_sample.pred, per_sample.true)
    else:
        cuts = comparable_cut_offs(thresholds, scores.dtype)
        counts, rows = _dense_counts(truth, scores, cuts, weight, samples, workspace)
    sums = {
        "tp": counts.tp,
        "pred": counts.pred,
        "true": counts.true,
        "total": float(counts.total),
        "n": truth.shape[0],
    }
    if samples:
        values = per_sample_scores(*rows, zero_division=np.nan)
        sums["samples"] = {
            name: sample_mean_sums(row, weight)
            for name, row in zip(SAMPLE_SCORES, values)
        }
        tp, pred, true = (np.asarray(row, dtype=np.float64) for row in rows)
        for beta in betas:  # NaN: no true nor predicted label
            row = ratio_values("fbeta", tp, pred, true, beta, fill=np.nan)
            sums["samples"][f"fbeta{beta!r}"] = sample_mean_sums(row, weight)
    return sums


def class_sums(true_codes, pred_codes, n_classes, weight):
    """Per-class counts of a batch of 1-D targets given as column indices, and how
    often each class occurs in either (unweighted: which classes are present)."""
    counts = class_counts(true_codes, pred_codes, n_classes, weight)
    seen = np.bincount(true_codes, minlength=n_classes)
    seen += np.bincount(pred_codes, minlength=n_classes)
    return {
        "tp": counts.tp,
        "pred": counts.pred,
        "true": counts.true,
        "total": float(counts.total),
        "n": true_codes.shape[0],
        "seen": seen,
        "correct": sample_mean_sums(
            (true_codes == pred_codes).astype(np.float64), weight
        ),
    }
