"""Sums that add up over batches: the state of a stream of evaluations.

Each function reduces one batch to a dict of named sums (arrays or floats);
:func:`add_sums` adds two such dicts key by key, in any order or grouping, so a
stream's state is the sum of its batches' and two streams merge by addition.
The finishing formulas (:func:`sample_mean`) read only these sums.
"""

import numpy as np

from ._reductions import ratio_terms
from ._statistics import count

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


def _mean_sums(values, weight, undefined=None, n_undefined=0, scratch=False):
    """The sums of :func:`sample_mean_sums` of ``values`` that hold 0 where
    ``undefined`` (``n_undefined`` samples): the zeros stay in place, so the
    sums are those of scikit-learn's ``nanmean`` / ``average``. ``scratch``:
    ``values`` may be overwritten."""
    n = values.shape[0]
    # exact matches: a count of bools (faster than their sum)
    total = float(np.count_nonzero(values) if values.dtype == bool else values.sum())
    if weight is None:
        weighted, weight_defined, weight_total = total, float(n - n_undefined), n
    else:
        weighted = float(
            np.multiply(values, weight, out=values if scratch else None).sum()
        )
        weight_total = float(weight.sum())
        weight_undefined = float(weight[undefined].sum()) if n_undefined else 0.0
        weight_defined = weight_total - weight_undefined
    return {
        "weighted_sum": weighted,
        "sum": total,
        "weight_defined": weight_defined,
        "weight_undefined": weight_total - weight_defined,
        "n_defined": n - n_undefined,
        "n_undefined": n_undefined,
    }


def sample_mean_sums(values, weight):
    """Sums for the (weighted) mean of per-sample ``values``; NaN marks a sample
    whose value is undefined (its ``zero_division`` is applied when finishing).
    """
    undefined = np.isnan(values)
    n_undefined = int(np.count_nonzero(undefined))
    if n_undefined:
        values = np.where(undefined, 0.0, values)
    return _mean_sums(values, weight, undefined, n_undefined)


def _ratio_sums(metric, counts, weight, beta=1.0):
    """:func:`sample_mean_sums` of the per-sample ratios of a set metric from
    per-sample ``counts`` (tp, pred, true): one division of the counts, no NaN
    array. A sample's weight weighs its counts, as scikit-learn's: its ratio
    is undefined at weight 0, and has the bits of the ratio of weighted counts."""
    if weight is not None:
        counts = [np.multiply(c, weight) for c in counts]
    numerator, denominator = ratio_terms(metric, *counts, beta)
    undefined = np.equal(denominator, 0)
    # weighted: the counts are this function's, divided in place
    out = numerator if weight is not None else None
    with np.errstate(divide="ignore", invalid="ignore"):
        values = np.true_divide(numerator, denominator, out=out, dtype=np.float64)
    n_undefined = int(np.count_nonzero(undefined))
    if n_undefined:
        values[undefined] = 0.0
    return _mean_sums(values, weight, undefined, n_undefined, scratch=True)


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
    if by_sample == "errors":  # exact matches alone: no pass over floats
        sums["samples"] = {"subset_accuracy": _mean_sums(rows == 0, weight)}
        return sums
    sums["samples"] = {
        name: _mean_sums((rows.true == rows.tp) & (rows.pred == rows.tp), weight)
        if name == "subset_accuracy"
        else _ratio_sums(name, rows[:3], weight)
        for name in samples
    }
    for beta in betas:
        sums["samples"][f"fbeta{beta!r}"] = _ratio_sums("fbeta", rows[:3], weight, beta)
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
        "correct": _mean_sums(hit, weight),
    }
