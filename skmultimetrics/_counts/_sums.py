"""Sums that add up over batches: the state of a stream of evaluations.

Each function reduces one batch to a dict of named sums (arrays or floats);
:func:`add_sums` adds two such dicts key by key, in any order or grouping, so a
stream's state is the sum of its batches' and two streams merge by addition.
The finishing formulas (:func:`sample_mean`) read only these sums.
"""

import numpy as np

from ._reductions import ratio_values
from ._statistics import count
from ._sweep import Sweep

# The per-sample scores of a multi-label batch.
SAMPLE_SCORES = ("subset_accuracy", "precision", "recall", "f1", "jaccard")


def add_sums(a, b):
    """The key-by-key sum of two dicts of sums (nested dicts too), as a new dict."""
    if a.keys() != b.keys():
        raise ValueError(f"cannot add sums of {sorted(a)} and {sorted(b)}")
    return {
        key: add_sums(a[key], b[key]) if isinstance(a[key], dict) else a[key] + b[key]
        for key in a
    }


def sample_mean_sums(values, weight):
    """Sums for the (weighted) mean of per-sample ``values``; NaN marks a sample
    whose value is undefined (its ``zero_division`` is applied when finishing).
    """
    defined = ~np.isnan(values)
    n_defined = int(np.count_nonzero(defined))
    kept = values if n_defined == values.shape[0] else values[defined]
    if weight is None:
        weighted_sum, weight_defined = float(kept.sum()), float(n_defined)
        weight_total = float(values.shape[0])
    else:
        w = weight if n_defined == values.shape[0] else weight[defined]
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


def multilabel_sums(
    truth, pred, weight, *, samples=True, by_label=True, workspace=None, betas=()
):
    """Per-label counts and per-sample score sums of a multi-label batch, from
    one :func:`count`.

    Parameters
    ----------
    truth : bool ndarray or CSR array of shape (n_samples, n_labels)
    pred : ndarray, CSR array or Thresholded of the same shape
        The predictions (``threshold_scores`` of scores and cut-offs).
    weight : float64 ndarray of shape (n_samples,) or None
        A sample of weight 0 has undefined ratios, as its weighted counts are
        all 0 (scikit-learn's samples average weighs the counts).
    samples : bool or tuple of str, default=True
        The per-sample scores to sum, under ``sums["samples"][name]``: names of
        :data:`SAMPLE_SCORES` (True: all of them).
    by_label : bool, default=True
        Whether to count per label (``sums["tp"]``, ``["pred"]``, ``["true"]``).
    workspace : Workspace, optional
        Buffers to reuse for the batch's temporaries.
    betas : tuple of float, default=()
        Also the per-sample F-beta sums of these betas, under
        ``sums["samples"][f"fbeta{beta!r}"]``.
    """
    samples = SAMPLE_SCORES if samples is True else tuple(samples or ())
    by_sample = bool(samples or betas)
    if samples == ("subset_accuracy",) and not betas:
        by_sample = "errors"  # exact matches alone: one exclusive or per chunk
    counts, rows = count(
        truth,
        pred,
        weight,
        by_label=by_label,
        by_sample=by_sample,
        workspace=workspace,
    )
    n = truth.shape[0]
    sums = {"total": float(n if weight is None else weight.sum()), "n": n}
    if by_label:
        sums.update(tp=counts.tp, pred=counts.pred, true=counts.true)
    if not by_sample:
        return sums
    if by_sample == "errors":
        values = {"subset_accuracy": (rows == 0).astype(np.float64)}
    else:
        tp, pred, true = (np.asarray(row, dtype=np.float64) for row in rows[:3])
        values = {
            name: ((true + pred - tp) == tp).astype(np.float64)
            if name == "subset_accuracy"
            else ratio_values(name, tp, pred, true, fill=np.nan)
            for name in samples
        }
        for beta in betas:  # NaN: no true nor predicted label
            values[f"fbeta{beta!r}"] = ratio_values(
                "fbeta", tp, pred, true, beta, np.nan
            )
        if weight is not None:  # undefined ratios where the weight is 0
            for name, row in values.items():
                if name != "subset_accuracy":
                    row[weight == 0] = np.nan
    sums["samples"] = {
        name: sample_mean_sums(row, weight) for name, row in values.items()
    }
    return sums


def class_sums(true_codes, pred_codes, n_classes, weight):
    """Per-class counts of a batch of 1-D targets given as column indices, and how
    often each class occurs in either (unweighted: which classes are present)."""
    hit = true_codes == pred_codes
    w_hit = None if weight is None else weight[hit]
    seen = np.bincount(true_codes, minlength=n_classes)
    seen += np.bincount(pred_codes, minlength=n_classes)
    return {
        "tp": np.bincount(true_codes[hit], weights=w_hit, minlength=n_classes),
        "pred": np.bincount(pred_codes, weights=weight, minlength=n_classes),
        "true": np.bincount(true_codes, weights=weight, minlength=n_classes),
        "total": float(true_codes.shape[0] if weight is None else weight.sum()),
        "n": true_codes.shape[0],
        "seen": seen,
        "correct": sample_mean_sums(hit.astype(np.float64), weight),
    }


def histogram_sums(truth, scores, edges, weight):
    """Per-label histograms of the scores of positives and of negatives.

    Bin ``b`` of a score is the number of ``edges`` at or below it (0 to
    ``len(edges)``), so ``score >= edges[j]`` exactly when ``b > j``: counts at
    every edge are sums of bins, exact whatever the scores.

    Parameters
    ----------
    truth : bool ndarray of shape (n_samples, n_labels)
    scores : float ndarray of shape (n_samples, n_labels)
    edges : float64 ndarray of shape (n_edges,), increasing
    weight : float64 ndarray of shape (n_samples,) or None
    """
    n_labels = truth.shape[1]
    n_bins = edges.shape[0] + 1
    cells = np.searchsorted(edges, scores, side="right")
    cells += np.arange(n_labels) * n_bins
    size = n_labels * n_bins
    sums = {}
    for name, mask in (("positives", truth), ("negatives", ~truth)):
        weights = None
        if weight is not None:
            weights = np.broadcast_to(weight[:, np.newaxis], mask.shape)[mask]
        counts = np.bincount(cells[mask], weights=weights, minlength=size)
        sums[name] = counts.reshape(n_labels, n_bins)
    return sums


def histogram_sweep(positives, negatives, edges):
    """A :class:`Sweep` with a candidate at every edge, from the histograms of
    :func:`histogram_sums`: columns ``+inf``, the edges from the highest down,
    then ``-inf``; ``score >= edge`` counted exactly."""
    n_labels = positives.shape[0]
    tp, fp = (
        np.concatenate(
            [np.zeros((n_labels, 1)), np.cumsum(h[:, ::-1], axis=1, dtype=np.float64)],
            axis=1,
        )
        for h in (positives, negatives)
    )
    cuts = np.concatenate([[np.inf], edges[::-1], [-np.inf]])
    thresholds = np.broadcast_to(cuts, tp.shape).copy()
    valid = np.ones(tp.shape, dtype=bool)
    return Sweep(thresholds, tp, fp, valid, tp[:, -1:].copy(), fp[:, -1:].copy())
