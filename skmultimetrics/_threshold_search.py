"""Exact threshold search: every distinct cut-off of every label, from one sort.

For each label the scores are sorted once (all labels in one ``argsort`` of the
score matrix); cumulative sums then give the (weighted) true and false positives
of ``score >= s`` at every distinct score ``s``, and a count-based metric is
evaluated at all of them in one vectorised pass. Ties are one cut-off, never
split. A chosen cut-off is reported as a threshold midway between its score and
the next lower distinct score, so that ``score >= threshold`` reproduces the
counted predictions with a margin on both sides; predicting every sample
positive gives ``-inf``, predicting none ``+inf``.
"""

from typing import NamedTuple

import numpy as np


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
        Label-major arrays: one sort of each label's contiguous scores.
    """
    n_samples, n_labels = y_score.shape
    scores = np.ascontiguousarray(y_score.T)  # label-major: rows sort fast
    # order within a tie group does not matter: the group is one candidate
    order = np.argsort(-scores, axis=1)
    sorted_scores = np.take_along_axis(scores, order, axis=1).astype(np.float64)
    truth = np.ascontiguousarray(np.asarray(y_true, dtype=bool).T)
    sorted_true = np.take_along_axis(truth, order, axis=1)
    shape = (n_labels, n_samples + 1)
    tp, fp = np.zeros(shape), np.zeros(shape)
    if sample_weight is None:
        np.cumsum(sorted_true, axis=1, out=tp[:, 1:])
        fp[:, 1:] = np.arange(1, n_samples + 1) - tp[:, 1:]
    else:
        sorted_weight = sample_weight[order]
        np.cumsum(np.where(sorted_true, sorted_weight, 0.0), axis=1, out=tp[:, 1:])
        np.cumsum(np.where(sorted_true, 0.0, sorted_weight), axis=1, out=fp[:, 1:])
    valid = np.ones(shape, dtype=bool)
    valid[:, 1:-1] = sorted_scores[:, 1:] != sorted_scores[:, :-1]
    # a valid position ends its group of tied scores, so the next position holds
    # the next lower distinct score: the threshold lies midway
    thresholds = np.empty(shape)
    thresholds[:, 0] = np.inf
    thresholds[:, -1] = -np.inf
    thresholds[:, 1:-1] = (sorted_scores[:, :-1] + sorted_scores[:, 1:]) / 2
    return Sweep(thresholds, tp, fp, valid, tp[:, -1:].copy(), fp[:, -1:].copy())


def _safe_ratio(numerator, denominator, zero_division):
    with np.errstate(divide="ignore", invalid="ignore"):
        out = numerator / denominator
    return np.where(denominator == 0, zero_division, out)


def metric_from_counts(
    name, tp, fp, positives, negatives, *, beta=1.0, zero_division=0.0
):
    """A count-based metric at every candidate (arrays broadcast per label)."""
    fn = positives - tp
    tn = negatives - fp
    if name == "precision":
        return _safe_ratio(tp, tp + fp, zero_division)
    if name == "recall":
        return _safe_ratio(tp, positives + 0 * tp, zero_division)
    if name in ("f1", "fbeta"):
        beta2 = 1.0 if name == "f1" else beta**2
        return _safe_ratio((1 + beta2) * tp, beta2 * positives + tp + fp, zero_division)
    if name == "jaccard":
        return _safe_ratio(tp, positives + fp, zero_division)
    if name == "accuracy":
        return _safe_ratio(tp + tn, positives + negatives + 0 * tp, zero_division)
    if name == "balanced_accuracy":
        tpr = _safe_ratio(tp, positives + 0 * tp, zero_division)
        tnr = _safe_ratio(tn, negatives + 0 * tp, zero_division)
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
    masked = np.where(sweep.valid, values, -np.inf)
    best = np.argmax(masked, axis=1)
    labels = np.arange(values.shape[0])
    return best, masked[labels, best], sweep.thresholds[labels, best]
