"""Set metrics: precision, recall, F-beta and Jaccard of predicted label sets.

Each public function checks its inputs (``_checks``), reduces them to counts
(``_counts``) and finishes with a formula (``_counts._reductions``). Values, defaults
and warnings are those of scikit-learn's functions of the same names; every
function also takes ``threshold=`` to binarize scores on the fly.
"""

import warnings

import numpy as np

from .._checks._params import (
    check_average,
    check_beta,
    check_column_indices,
    check_target_average,
    check_zero_division,
    param_error,
)
from .._checks._targets import Thresholded, check_targets
from .._counts._reductions import (
    jaccard_from_counts_averaged,
    micro_counts,
    prf_from_counts,
)
from .._counts._statistics import LabelCounts, class_counts, label_counts, sample_counts
from ._dask import dask_door, set_metrics_on_dask
from ._docstrings import shared_docs


def _check_set_average(targets, average, pos_label, func):
    """scikit-learn's rules tying ``average`` and ``pos_label`` to the target type."""
    check_target_average(average, targets.kind, pos_label, targets.classes)
    if average == "binary":
        return [pos_label]
    if pos_label not in (None, 1):
        warnings.warn(
            f"Note that pos_label (set to {pos_label!r}) is ignored when average != "
            f"'binary' (got {average!r}). You may use labels=[pos_label] to specify "
            "a single positive class.",
            UserWarning,
            stacklevel=3,
        )
    return None


def _label_index(targets, labels, func):
    """Positions of ``labels`` among the target's columns (None: all of them).

    For 1-D targets a label absent from the data gets position -1 (zero counts).
    """
    if labels is None:
        return None
    labels = np.asarray(labels)
    if labels.ndim != 1 or labels.shape[0] == 0:
        raise param_error(func, "labels", "a non-empty 1-D array-like", labels.tolist())
    if targets.kind == "multilabel-indicator":
        n_labels = targets.classes.shape[0]
        labels = check_column_indices(labels, func)
        if labels.max() >= n_labels:
            raise ValueError(
                "All labels must be in [0, n labels) for multilabel targets. "
                f"Got {labels.max()} > {n_labels - 1}"
            )
        if labels.min() < 0:
            raise ValueError(
                "All labels must be in [0, n labels) for multilabel targets. "
                f"Got {labels.min()} < 0"
            )
        return labels
    classes = targets.classes
    try:
        pos = np.searchsorted(classes, labels)
    except TypeError:
        raise param_error(
            func, "labels", f"labels of the targets' type ({classes.dtype})", labels
        ) from None
    pos = np.minimum(pos, classes.shape[0] - 1)
    return np.where(classes[pos] == labels, pos, -1)


def _take(counts, index):
    if index is None:
        return counts
    present = index >= 0
    safe = np.where(present, index, 0)

    def pick(values):
        return np.where(present, np.asarray(values)[safe], 0).astype(values.dtype)

    return LabelCounts(
        pick(counts.tp), pick(counts.pred), pick(counts.true), counts.total
    )


def _select_columns(y, index):
    if isinstance(y, Thresholded):
        return Thresholded(y.scores[:, index], y.thresholds[index])
    return y[:, index]


def _set_counts(targets, labels, average, func):
    """The counts a set metric divides: per label, per sample, or pooled."""
    index = _label_index(targets, labels, func)
    weight = targets.sample_weight
    if average == "samples":
        y_true, y_pred = targets.y_true, targets.y_pred
        if index is not None:
            y_true, y_pred = (
                _select_columns(y_true, index),
                _select_columns(y_pred, index),
            )
        counts = sample_counts(y_true, y_pred)
        if weight is None:
            return LabelCounts(counts.tp, counts.pred, counts.true, y_true.shape[0])
        return LabelCounts(
            counts.tp * weight, counts.pred * weight, counts.true * weight, weight.sum()
        )
    if targets.kind == "multilabel-indicator":
        counts = label_counts(targets.y_true, targets.y_pred, weight)
    else:
        counts = class_counts(
            targets.y_true, targets.y_pred, targets.classes.shape[0], weight
        )
    counts = _take(counts, index)
    return micro_counts(counts) if average == "micro" else counts


def _checked_targets(
    func, y_true, y_pred, labels, pos_label, average, sample_weight, threshold
):
    """Check the inputs of a set-wise metric; the labels it averages over."""
    check_average(average, func)
    targets = check_targets(
        y_true,
        y_pred,
        sample_weight,
        threshold=threshold,
        pos_label=pos_label,
        labels=labels,
        func=func,
    )
    labels = _check_set_average(targets, average, pos_label, func) or labels
    return targets, labels


def prf_from_targets(
    targets,
    *,
    beta=1.0,
    labels=None,
    average,
    warn_for=(),
    zero_division=0.0,
    need=None,
    func="skmultimetrics",
):
    """Precision, recall, F-beta and support of checked targets.

    The counts and formulas of :func:`precision_recall_fscore_support`, without
    its checks: for callers whose inputs are checked already. ``need`` names the
    scores the caller uses (default: all); the others are returned as None,
    uncomputed.
    """
    counts = _set_counts(targets, labels, average, func)
    return prf_from_counts(
        counts,
        beta=beta,
        average=average,
        warn_for=warn_for,
        zero_division=zero_division,
        need=need,
        sample_weight=targets.sample_weight,
    )


def jaccard_from_targets(
    targets, *, labels=None, average, zero_division=0.0, func="skmultimetrics"
):
    """The Jaccard index of checked targets (:func:`jaccard_score` without checks)."""
    counts = _set_counts(targets, labels, average, func)
    return jaccard_from_counts_averaged(
        counts,
        average=average,
        zero_division=zero_division,
        sample_weight=targets.sample_weight,
    )


@dask_door(set_metrics_on_dask)
def _precision_recall_fscore(
    func,
    y_true,
    y_pred,
    *,
    beta,
    labels,
    pos_label,
    average,
    warn_for,
    sample_weight,
    zero_division,
    threshold,
    need=None,
):
    """Shared body of the precision / recall / F-beta functions: check, then
    :func:`prf_from_targets`."""
    zero_division = check_zero_division(zero_division, func)
    beta = check_beta(beta, func)
    targets, labels = _checked_targets(
        func, y_true, y_pred, labels, pos_label, average, sample_weight, threshold
    )
    return prf_from_targets(
        targets,
        beta=beta,
        labels=labels,
        average=average,
        warn_for=warn_for,
        zero_division=zero_division,
        need=need,
        func=func,
    )


@shared_docs
def precision_recall_fscore_support(
    y_true,
    y_pred,
    *,
    beta=1.0,
    labels=None,
    pos_label=1,
    average=None,
    warn_for=("precision", "recall", "f-score"),
    sample_weight=None,
    zero_division="warn",
    threshold=None,
):
    """Compute precision, recall, F-beta and support for each class or label.

    Read more in the :ref:`User Guide <definitions>`.

    Precision is ``tp / (tp + fp)``, recall ``tp / (tp + fn)`` and F-beta
    ``(1 + beta**2) tp / ((1 + beta**2) tp + beta**2 fn + fp)``. Values, defaults
    and warnings are those of :func:`sklearn.metrics.precision_recall_fscore_support`.

    Parameters
    ----------
    y_true : 1-D array-like, or label indicator array / sparse matrix
        Ground truth: class labels, or a binary (n_samples, n_labels) matrix.
    y_pred : 1-D array-like, or label indicator array / sparse matrix
        Predicted labels in the layout of ``y_true``; scores with ``threshold``.
    beta : float, default=1.0
        Weight of recall against precision in the F-score.
    labels : array-like, default=None
        Labels to include and their order for ``average=None``; column indices
        for multi-label targets. By default all labels in sorted order; a label
        absent from the data gets zero counts.
    pos_label : int, float, bool or str, default=1
        The class reported when ``average='binary'``.
    average : {'binary', 'micro', 'macro', 'samples', 'weighted'} or None, \
default=None
        ``None`` returns per-label scores; ``'micro'`` pools the counts of every
        label; ``'macro'`` is the unweighted mean over labels; ``'weighted'``
        weighs labels by support; ``'samples'`` averages per-sample scores
        (multi-label only); ``'binary'`` reports ``pos_label`` only.
    warn_for : tuple or set, default=("precision", "recall", "f-score")
        Which ill-defined scores raise an ``UndefinedMetricWarning``.
    sample_weight : array-like of shape (n_samples,), default=None
        Sample weights.
    zero_division : {"warn", 0.0, 1.0, np.nan}, default="warn"
        Value of 0/0 scores; "warn" acts as 0 and warns. ``np.nan`` values are
        left out of averages.
    threshold : <shared>

    Returns
    -------
    precision, recall, fbeta_score : float or ndarray of shape (n_labels,)
        Scores; arrays when ``average=None``.
    support : None or ndarray of shape (n_labels,)
        Number (or weight) of true instances per label when ``average=None``.

    Notes
    -----
    Precision is undefined without predicted positives, recall without true
    positives, F-beta without either; such scores follow ``zero_division``.

    Examples
    --------
    >>> from skmultimetrics import precision_recall_fscore_support
    >>> y_true = [[1, 0, 1], [0, 1, 1]]
    >>> y_pred = [[1, 0, 0], [0, 1, 1]]

    Three predicted positives, all right; four true positives, three found:

    >>> p, r, f, _ = precision_recall_fscore_support(y_true, y_pred, average="micro")
    >>> p, r, round(f, 4)
    (1.0, 0.75, 0.8571)
    """
    return _precision_recall_fscore(
        "precision_recall_fscore_support",
        y_true,
        y_pred,
        beta=beta,
        labels=labels,
        pos_label=pos_label,
        average=average,
        warn_for=warn_for,
        sample_weight=sample_weight,
        zero_division=zero_division,
        threshold=threshold,
    )


@dask_door(set_metrics_on_dask)
@shared_docs
def jaccard_score(
    y_true,
    y_pred,
    *,
    labels=None,
    pos_label=1,
    average="binary",
    sample_weight=None,
    zero_division="warn",
    threshold=None,
):
    """Jaccard similarity coefficient: ``tp / (tp + fp + fn)`` per label or sample.

    Read more in the :ref:`User Guide <definitions>`.

    Values, defaults and warnings are those of :func:`sklearn.metrics.jaccard_score`.

    Parameters
    ----------
    y_true : 1-D array-like, or label indicator array / sparse matrix
        Ground truth: class labels, or a binary (n_samples, n_labels) matrix.
    y_pred : 1-D array-like, or label indicator array / sparse matrix
        Predicted labels in the layout of ``y_true``; scores with ``threshold``.
    labels : array-like, default=None
        Labels to include; column indices for multi-label targets.
    pos_label : int, float, bool or str, default=1
        The class reported when ``average='binary'``.
    average : {'binary', 'micro', 'macro', 'samples', 'weighted'} or None, \
default='binary'
        How to average; see :func:`precision_recall_fscore_support`.
    sample_weight : array-like of shape (n_samples,), default=None
        Sample weights.
    zero_division : {"warn", 0.0, 1.0}, default="warn"
        Value of 0/0 scores (no true and no predicted positives); "warn" acts
        as 0 and warns. (As in scikit-learn, NaN is not accepted here.)
    threshold : <shared>

    Returns
    -------
    score : float or ndarray of shape (n_labels,)
        The Jaccard index; an array when ``average=None``.

    Examples
    --------
    >>> from skmultimetrics import jaccard_score
    >>> y_true = [[1, 0, 1], [0, 1, 1]]
    >>> y_pred = [[1, 0, 0], [0, 1, 1]]

    Row 1 shares 1 of 2 labels, row 2 shares 2 of 2:

    >>> jaccard_score(y_true, y_pred, average="samples")
    0.75

    Scores thresholded per label:

    >>> jaccard_score(y_true, [[0.9, 0.2, 0.4], [0.1, 0.7, 0.6]], average="micro",
    ...               threshold=[0.5, 0.5, 0.3])
    1.0
    """
    func = "jaccard_score"
    zero_division = check_zero_division(zero_division, func, allow_nan=False)
    targets, labels = _checked_targets(
        func, y_true, y_pred, labels, pos_label, average, sample_weight, threshold
    )
    return jaccard_from_targets(
        targets,
        labels=labels,
        average=average,
        zero_division=zero_division,
        func=func,
    )
