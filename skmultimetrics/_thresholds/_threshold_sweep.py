"""threshold_sweep: each label's metric at every distinct cut-off of its scores."""

from sklearn.utils import Bunch

from .._checks._params import check_beta, param_error
from .._checks._targets import check_truth_and_scores
from .._counts._sweep import (
    SWEEP_METRICS,
    best_per_label,
    label_sweeps,
    metric_from_counts,
)


def threshold_sweep(
    y_true, y_score, *, metric="f1", sample_weight=None, beta=1.0, zero_division=0.0
):
    """For each label, a metric at every distinct cut-off of its scores.

    Read more in the :ref:`User Guide <which_cutoff>`.

    Exact, not a grid: each label's scores are sorted once and cumulative
    (weighted) counts give the metric of ``y_score >= t`` for every distinct
    ``t``, with tied scores as one cut-off.

    Parameters
    ----------
    y_true : array-like or sparse matrix of shape (n_samples, n_labels) or \
(n_samples,)
        Binary label-indicator matrix, or binary 1-D labels (0/1, -1/1 or bool).
    y_score : array-like of shape (n_samples, n_labels) or (n_samples,)
        Scores, in any ``predict_proba`` layout; with 1-D ``y_true``, a binary
        ``predict_proba`` of shape (n_samples, 2) is read as its column of
        class 1.
    metric : {"f1", "fbeta", "precision", "recall", "jaccard", "accuracy", \
"balanced_accuracy", "matthews"}, default="f1"
        The per-label metric.
    sample_weight : array-like of shape (n_samples,), default=None
        Sample weights.
    beta : float, default=1.0
        The beta of ``metric="fbeta"``.
    zero_division : {0.0, 1.0}, default=0.0
        Value of 0/0 metrics (for example precision with no predicted positive).

    Returns
    -------
    result : sklearn.utils.Bunch
        ``thresholds`` and ``scores``: for each label an array over its
        candidates, from ``inf`` (predict none) down to ``-inf`` (predict all);
        a threshold lies midway between two distinct scores, so
        ``y_score >= threshold`` gives exactly the counted predictions.
        ``best_thresholds`` and ``best_scores``: each label's best candidate
        (the highest threshold among equal scores). For 1-D ``y_true``, arrays
        and floats instead of lists and arrays.

    Examples
    --------
    >>> from skmultimetrics import threshold_sweep
    >>> sweep = threshold_sweep([0, 1, 1, 0], [0.1, 0.8, 0.4, 0.35])
    >>> sweep.thresholds
    array([ inf, 0.6  , 0.375, 0.225,  -inf])
    >>> sweep.scores.round(3)
    array([0.   , 0.667, 1.   , 0.8  , 0.667])
    >>> sweep.best_threshold, sweep.best_score
    (0.375, 1.0)
    """
    func = "threshold_sweep"
    metric, beta, zero_division = check_sweep_params(metric, beta, zero_division, func)
    truth, scores, weight, one_label, _ = check_truth_and_scores(
        y_true, y_score, sample_weight, func=func
    )
    curves = sweep_curves(
        truth, scores, weight, metric, beta=beta, zero_division=zero_division
    )
    return one_label_curves(curves) if one_label else curves


def one_label_curves(curves):
    """The curves of a single label, as :func:`threshold_sweep` returns them for
    1-D ``y_true``."""
    return Bunch(
        thresholds=curves.thresholds[0],
        scores=curves.scores[0],
        best_threshold=float(curves.best_thresholds[0]),
        best_score=float(curves.best_scores[0]),
    )


def check_sweep_params(metric, beta, zero_division, func):
    """The metric of a sweep, its ``beta`` and its ``zero_division`` (a float)."""
    if not isinstance(metric, str) or metric not in SWEEP_METRICS:
        raise param_error(func, "metric", f"one of {SWEEP_METRICS}", metric)
    if zero_division not in (0, 1) or isinstance(zero_division, bool):
        raise param_error(func, "zero_division", "0.0 or 1.0", zero_division)
    return metric, check_beta(beta, func), float(zero_division)


def sweep_curves(truth, scores, weight, metric="f1", *, beta=1.0, zero_division=0.0):
    """:func:`threshold_sweep` of checked arrays (see ``check_truth_and_scores``):
    per label, the valid cut-offs and the metric at each, and the best of them."""
    sweep = label_sweeps(truth, scores, weight)
    return curves_from_sweep(sweep, metric, beta=beta, zero_division=zero_division)


def curves_from_sweep(sweep, metric="f1", *, beta=1.0, zero_division=0.0):
    """Per label, the valid cut-offs of a :class:`Sweep`, the metric at each, and
    the best of them."""
    values = metric_from_counts(
        metric,
        sweep.tp,
        sweep.fp,
        sweep.positives,
        sweep.negatives,
        beta=beta,
        zero_division=zero_division,
    )
    _, best_values, best_thresholds = best_per_label(sweep, values)
    return Bunch(
        thresholds=[t[v] for t, v in zip(sweep.thresholds, sweep.valid)],
        scores=[s[v] for s, v in zip(values, sweep.valid)],
        best_thresholds=best_thresholds,
        best_scores=best_values,
    )
