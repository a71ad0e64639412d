"""Exact threshold search: every distinct cut-off of every label, from one sort.

For each label the scores are sorted once (a block of labels filling one cache
line of a row at a time, so the score matrix is read once and the work stays in
cache); cumulative counts then give the (weighted) true and false positives of
``score >= s`` at every distinct score ``s``, and a count-based metric is
evaluated at all of them in one vectorised pass. Ties are one cut-off, never
split. A chosen cut-off is reported as a threshold midway between its score and
the next lower distinct score (the score itself when no float lies between),
so that ``score >= threshold`` reproduces the counted predictions with a margin
on both sides; predicting every sample
positive gives ``-inf``, predicting none ``+inf``.
"""

from typing import NamedTuple

import numpy as np

from ._reductions import ratio_values


class Sweep(NamedTuple):
    """Counts at every candidate cut-off, as (n_labels, n_candidates) arrays.

    Column 0 is "predict none"; column ``i >= 1`` is ``score >= s`` for the
    label's i-th highest score ``s`` and is a candidate only where
    ``valid[:, i]`` (the last of a group of tied scores). ``positives`` and
    ``negatives`` are the (weighted) totals per label, shaped (n_labels, 1).
    """

    thresholds: np.ndarray
    tp: np.ndarray
    fp: np.ndarray
    valid: np.ndarray
    positives: np.ndarray
    negatives: np.ndarray


def cut_between(upper, lower):
    """A threshold separating ``upper`` from the lower distinct ``lower``.

    Midway (halves added, so no overflow near the float maximum), or ``upper``
    itself for adjacent floats, which have nothing between them. Computed in the
    scores' own float type, and where every (float32) score is a float16 or
    bfloat16 value (half-precision model outputs, widened on input to float32)
    also one of those:
    NumPy and PyTorch compare a Python float cut with such scores in their own
    type, where a wider midway would round back to the lower score.
    """
    midway = upper / 2 + lower / 2
    cut = np.where(midway > lower, midway, upper)
    # half-precision scores arrive widened to float32: where every one is a
    # float16 (or bfloat16) value, the cut is one too
    for narrow in (_to_float16, _to_bfloat16) if cut.dtype == np.float32 else ():
        held = (np.array_equal(narrow(v), v) for v in (upper.flat[:1], upper, lower))
        if not all(held):  # not all of this type: perhaps of the next
            continue
        rounded = narrow(cut)
        cut = np.where(rounded > lower, rounded, upper)
    return cut


def _to_float16(values):
    """``values`` rounded to float16, back in their own type."""
    with np.errstate(over="ignore"):
        return values.astype(np.float16).astype(values.dtype)


def _to_bfloat16(values):
    """``values`` rounded to bfloat16 (nearest, ties to even), in their own type:
    float32 bits with the low 16 cleared."""
    with np.errstate(over="ignore"):
        bits = np.asarray(values, dtype=np.float32).view(np.uint32)
    rounded = (bits + np.uint32(0x7FFF) + ((bits >> 16) & np.uint32(1))) & np.uint32(
        0xFFFF0000
    )
    return rounded.view(np.float32).astype(values.dtype)


def as_if_removed(y_score, sample_weight):
    """``y_score`` (n_samples, k) with each zero-weight row tied to its column's
    lowest weighted score: in a sweep such a row then adds nothing and moves no
    cut-off, as if removed (scikit-learn's curves drop these rows)."""
    unweighted = None if sample_weight is None else sample_weight == 0
    if unweighted is None or not unweighted.any() or unweighted.all():
        return y_score
    y_score = y_score.copy()
    y_score[unweighted] = y_score[~unweighted].min(axis=0)
    return y_score


def weighted_rows(y_score, sample_weight):
    """The rows of ``y_score`` with a non-zero weight (all rows when none has):
    where candidate cut-offs are quantiles or distinct values of the scores."""
    if sample_weight is None or not sample_weight.any():
        return y_score
    return y_score[sample_weight != 0]


_BLOCK_LABELS = 8


def _label_blocks(n_labels):
    """Slices of ``_BLOCK_LABELS`` labels.

    Eight float64 scores fill one 64-byte cache line of a row, so gathering the
    blocks reads the score matrix about once, and a block's working arrays
    (a few ``8 x n_samples`` float64 arrays) stay close to the cache.
    """
    step = _BLOCK_LABELS
    return [slice(start, start + step) for start in range(0, n_labels, step)]


def _sort_block(y_true, y_score, labels, sample_weight):
    """Scores of a block of labels sorted descending, with cumulative counts.

    Unweighted: one in-place sort of the block's scores; each positive is then
    placed at its group of tied scores by a binary search of its (sorted)
    score, and true positives are the cumulative count of those places.
    Weighted: one argsort, and the weights are accumulated in sorted order.

    Returns ``descending`` (b, n), ``tp`` and ``fp`` (b, n + 1) float64, where
    column ``i`` counts the ``i`` highest scores, and ``valid`` (b, n + 1): the
    columns that end a group of tied scores (column 0, predict none, included).
    """
    dtype = y_score.dtype if y_score.dtype in (np.float32, np.float64) else None
    block = as_if_removed(y_score[:, labels], sample_weight)
    scores = np.array(block.T, dtype=dtype or np.float64, order="C")
    truth = np.ascontiguousarray(y_true[:, labels].T, dtype=bool)
    size, n_samples = scores.shape
    tp = np.zeros((size, n_samples + 1))
    fp = np.zeros((size, n_samples + 1))
    if sample_weight is None:
        positives = [np.sort(row[flags]) for row, flags in zip(scores, truth)]
        scores.sort(axis=1)
        places = np.concatenate(
            [np.empty(0, dtype=np.intp)]
            + [
                (row + 1) * n_samples
                - np.searchsorted(scores[row], values, side="right")
                for row, values in enumerate(positives)
            ]
        )
        # float counts from bincount, so the cumulative sum needs no cast
        hits = np.bincount(
            places, weights=np.ones(places.size), minlength=size * n_samples
        )
        np.cumsum(hits.reshape(size, n_samples), axis=1, out=tp[:, 1:])
        np.subtract(np.arange(1.0, n_samples + 1), tp[:, 1:], out=fp[:, 1:])
        descending = scores[:, ::-1]
    else:
        # order within a tie group does not matter: the group is one candidate
        order = np.argsort(scores, axis=1)[:, ::-1]
        descending = np.take_along_axis(scores, order, axis=1)
        sorted_true = np.take_along_axis(truth, order, axis=1)
        sorted_weight = sample_weight[order]
        np.cumsum(np.where(sorted_true, sorted_weight, 0.0), axis=1, out=tp[:, 1:])
        np.cumsum(np.where(sorted_true, 0.0, sorted_weight), axis=1, out=fp[:, 1:])
    valid = np.ones((size, n_samples + 1), dtype=bool)
    np.not_equal(descending[:, 1:], descending[:, :-1], out=valid[:, 1:-1])
    return descending, tp, fp, valid


def _cuts_at(descending, index):
    """The threshold of candidate ``index`` (a count of top scores) per row."""
    n_samples = descending.shape[1]
    rows = np.arange(descending.shape[0])
    upper = descending[rows, np.clip(index - 1, 0, n_samples - 1)]
    lower = descending[rows, np.clip(index, 0, n_samples - 1)]
    # in the scores' own float type, so the cut is one of its values too
    cuts = cut_between(upper, lower).astype(np.float64)
    cuts[index == 0] = np.inf
    cuts[index == n_samples] = -np.inf
    return cuts


def label_sweeps(y_true, y_score, sample_weight=None):
    """Cumulative counts of every label at every distinct cut-off.

    Parameters
    ----------
    y_true : ndarray of shape (n_samples, n_labels)
        Binary indicator (dense).
    y_score : ndarray of shape (n_samples, n_labels)
    sample_weight : ndarray of shape (n_samples,) or None

    Returns
    -------
    Sweep
        Label-major arrays, filled a cache-line block of labels at a time.
    """
    n_samples, n_labels = y_score.shape
    shape = (n_labels, n_samples + 1)
    tp, fp = np.empty(shape), np.empty(shape)
    valid, thresholds = np.empty(shape, dtype=bool), np.empty(shape)
    thresholds[:, 0], thresholds[:, -1] = np.inf, -np.inf
    for labels in _label_blocks(n_labels):
        descending, tp[labels], fp[labels], valid[labels] = _sort_block(
            y_true, y_score, labels, sample_weight
        )
        # a valid column ends its group of tied scores, so the next score is
        # the next lower distinct one: the threshold lies midway, in the
        # scores' float type (float32 scores compare with a Python float cut
        # in float32)
        thresholds[labels, 1:-1] = cut_between(descending[:, :-1], descending[:, 1:])
    return Sweep(thresholds, tp, fp, valid, tp[:, -1:].copy(), fp[:, -1:].copy())


def best_cuts(y_true, y_score, metric, sample_weight=None, *, beta=1.0):
    """Each label's best cut-off and its metric value, without keeping sweeps.

    The same sweep as ``label_sweeps``, reduced a block of labels at a time to
    the best candidate (the highest cut-off among equal values), so the work
    stays in cache and memory stays bounded.
    """
    n_labels = y_score.shape[1]
    thresholds, values = np.empty(n_labels), np.empty(n_labels)
    for labels in _label_blocks(n_labels):
        descending, tp, fp, valid = _sort_block(y_true, y_score, labels, sample_weight)
        metric_values = metric_from_counts(
            metric, tp, fp, tp[:, -1:], fp[:, -1:], beta=beta
        )
        best, values[labels] = _best_valid(metric_values, valid)
        thresholds[labels] = _cuts_at(descending, best)
    return thresholds, values


def _safe_ratio(numerator, denominator, zero_division):
    """``numerator / denominator``, ``zero_division`` where the denominator is 0.

    ``numerator`` must be a fresh array of the result's shape: it is reused.
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.divide(numerator, denominator, out=numerator)
    undefined = denominator == 0
    if undefined.any():
        out[np.broadcast_to(undefined, out.shape)] = zero_division
    return out


def metric_from_counts(
    name, tp, fp, positives, negatives, *, beta=1.0, zero_division=0.0
):
    """A count-based metric at every candidate (arrays broadcast per label)."""
    if name in ("precision", "recall", "f1", "fbeta", "jaccard"):
        return ratio_values(name, tp, tp + fp, positives, beta, fill=zero_division)
    fn = positives - tp
    tn = negatives - fp
    if name == "accuracy":
        return _safe_ratio(tp + tn, positives + negatives, zero_division)
    if name == "balanced_accuracy":
        tpr = _safe_ratio(tp.copy(), positives, zero_division)
        tnr = _safe_ratio(tn, negatives, zero_division)
        return (tpr + tnr) / 2
    if name == "matthews":
        denominator = np.sqrt((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn))
        return _safe_ratio(tp * tn - fp * fn, denominator, 0.0)
    raise ValueError(f"unknown sweep metric {name!r}")


SWEEP_METRICS = (
    "f1",
    "fbeta",
    "precision",
    "recall",
    "jaccard",
    "accuracy",
    "balanced_accuracy",
    "matthews",
)


def best_per_label(sweep, values):
    """Per label: the best valid candidate (the highest cut-off among equals).

    Returns the candidate index, the metric value and the threshold per label.
    """
    best, best_values = _best_valid(values, sweep.valid)
    return best, best_values, sweep.thresholds[np.arange(best.size), best]


def _best_valid(values, valid):
    """Per row, the first valid column of the highest value, and that value."""
    masked = np.where(valid, values, -np.inf)
    best = np.argmax(masked, axis=1)
    return best, masked[np.arange(best.size), best]
