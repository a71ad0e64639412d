"""Set metrics: precision, recall, F-beta and Jaccard of predicted label sets.

Each public function checks its inputs (``_checks``), reduces them to counts
(``_counts``) and finishes with a formula (``_counts._reductions``). Values, defaults
and warnings are those of scikit-learn's functions of the same names; every
function also takes ``threshold=`` to binarize scores on the fly.
"""

import functools
import inspect
import warnings

import numpy as np

from .._checks._onehot import caller_stacklevel
from .._checks._params import (
    check_average,
    check_beta,
    check_column_indices,
    check_target_average,
    check_zero_division,
    param_error,
)
from .._checks._targets import Thresholded, check_targets
from .._counts._sums import class_sums, multilabel_sums
from ._dask import dask_set_sums, is_dask, refuse_on_dask
from ._docstrings import shared_docs
from ._streamed import present_classes, set_scores


def _check_set_average(targets, average, pos_label):
    """scikit-learn's rules tying ``average`` and ``pos_label`` to the target type;
    the labels that ``average="binary"`` reports."""
    check_target_average(average, targets.kind, pos_label, targets.classes)
    if average == "binary":
        return [pos_label]
    if pos_label not in (None, 1):
        warnings.warn(
            f"Note that pos_label (set to {pos_label!r}) is ignored when average != "
            f"'binary' (got {average!r}). You may use labels=[pos_label] to specify "
            "a single positive class.",
            UserWarning,
            stacklevel=caller_stacklevel(),
        )
    return None


def _label_index(kind, classes, labels, func):
    """Positions of ``labels`` among the target's columns (None: all of them).

    For 1-D targets a label absent from the data gets position -1 (zero counts).
    """
    if labels is None:
        return None
    labels = np.asarray(labels)
    if labels.ndim != 1 or labels.shape[0] == 0:
        raise param_error(func, "labels", "a non-empty 1-D array-like", labels.tolist())
    if kind == "multilabel-indicator":
        n_labels = classes.shape[0]
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
    try:
        pos = np.searchsorted(classes, labels)
    except TypeError:
        raise param_error(
            func, "labels", f"labels of the targets' type ({classes.dtype})", labels
        ) from None
    pos = np.minimum(pos, classes.shape[0] - 1)
    return np.where(classes[pos] == labels, pos, -1)


def _select_columns(y, index):
    if isinstance(y, Thresholded):
        return Thresholded(y.scores[:, index], y.thresholds[index])
    return y[:, index]


def target_sums(targets, *, samples=(), betas=(), index=None):
    """The set sums of checked targets: one :func:`class_sums` count, or one
    :func:`multilabel_sums` count per label (without ``samples``) or of the
    per-sample scores ``samples`` (and F-beta of ``betas``) of the columns
    ``index``."""
    weight = targets.sample_weight
    if targets.kind != "multilabel-indicator":
        n_classes = targets.classes.shape[0]
        return class_sums(targets.y_true, targets.y_pred, n_classes, weight)
    y_true, y_pred = targets.y_true, targets.y_pred
    per_sample = bool(samples or betas)
    if per_sample and index is not None:
        y_true, y_pred = _select_columns(y_true, index), _select_columns(y_pred, index)
    return multilabel_sums(
        y_true, y_pred, weight, samples=samples, by_label=not per_sample, betas=betas
    )


def _sample_names(metrics, beta):
    """The per-sample sums of ``metrics`` (F-beta of beta 0 or inf is the
    precision or the recall), and the betas of other F-beta sums."""
    limit = {0.0: "precision", np.inf: "recall"}.get(float(beta))
    f_score = limit or ("f1" if beta == 1 else None)
    names = [f_score if metric == "f-score" else metric for metric in metrics]
    return tuple(n for n in names if n), (beta,) if None in names else ()


def set_scores_of_targets(
    targets,
    metrics,
    *,
    beta=1.0,
    labels=None,
    average,
    warn_for=None,
    zero_division,
    func,
    sums=None,
):
    """The set metrics ``metrics`` of checked targets (or of Dask ``sums`` of
    the same targets): count, then :func:`set_scores`. ``labels`` as the
    functions' ``labels``, already checked against ``average`` and
    ``pos_label``."""
    samples = average == "samples"
    index = _label_index(targets.kind, targets.classes, labels, func)
    if sums is None:
        names, betas = _sample_names(metrics, beta) if samples else ((), ())
        sums = target_sums(targets, samples=names, betas=betas, index=index)
    if index is None:
        index = present_classes(sums, targets.kind)
    return set_scores(
        sums,
        metrics,
        average=average,
        beta=beta,
        index=None if samples else index,
        zero_division=zero_division,
        warn_for=warn_for,
    )


def set_metric(
    func,
    metrics,
    y_true,
    y_pred,
    *,
    beta=1.0,
    labels,
    pos_label,
    average,
    sample_weight,
    zero_division,
    threshold,
    warn_for=None,
):
    """The body of every set metric function: check, count (NumPy or Dask),
    then :func:`set_scores`; ``metrics`` as there."""
    jaccard = metrics == ("jaccard",)
    zero_division = check_zero_division(zero_division, func, allow_nan=not jaccard)
    beta = check_beta(beta, func)
    check_average(average, func)
    sums = None
    if is_dask(y_true, y_pred, sample_weight):
        refuse_on_dask(func, labels=(labels, None))
        targets, sums = dask_set_sums(
            y_true,
            y_pred,
            sample_weight,
            threshold=threshold,
            func=func,
            samples=average == "samples",
            beta=beta,
            pos_label=pos_label if average == "binary" else 1,
        )
    else:
        targets = check_targets(
            y_true,
            y_pred,
            sample_weight,
            threshold=threshold,
            pos_label=pos_label,
            labels=labels,
            func=func,
        )
    labels = _check_set_average(targets, average, pos_label) or labels
    return set_scores_of_targets(
        targets,
        metrics,
        beta=beta,
        labels=labels,
        average=average,
        warn_for=warn_for,
        zero_division=zero_division,
        func=func,
        sums=sums,
    )


def set_metric_function(*metrics):
    """Decorator: the decorated function (its signature and docstring; its body
    never runs) computes ``metrics`` by :func:`set_metric`, named by the
    function. One metric comes back alone, several as a tuple ending with the
    support (:func:`precision_recall_fscore_support`)."""

    def decorate(function):
        signature = inspect.signature(function)
        name = function.__name__

        @functools.wraps(shared_docs(function))
        def metric_function(*args, **kwargs):
            try:
                bound = signature.bind(*args, **kwargs)
            except TypeError as error:  # named as Python names it
                raise TypeError(f"{name}() {error}") from None
            bound.apply_defaults()
            values = set_metric(name, metrics, **bound.arguments)
            return values if len(metrics) > 1 else values[0]

        return metric_function

    return decorate


@set_metric_function("precision", "recall", "f-score")
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
    y_true : <y_true>
    y_pred : <y_pred>
    beta : float, default=1.0
        Weight of recall against precision in the F-score.
    labels : array-like, default=None
        Labels to include and their order for ``average=None``; column indices
        for multi-label targets. By default all labels in sorted order; a label
        absent from the data gets zero counts.
    pos_label : <pos_label>
    average : {'binary', 'micro', 'macro', 'samples', 'weighted'} or None, \
default=None
        ``None`` returns per-label scores; ``'micro'`` pools the counts of every
        label; ``'macro'`` is the unweighted mean over labels; ``'weighted'``
        weighs labels by support; ``'samples'`` averages per-sample scores
        (multi-label only); ``'binary'`` reports ``pos_label`` only.
    warn_for : tuple or set, default=("precision", "recall", "f-score")
        Which ill-defined scores raise an ``UndefinedMetricWarning``.
    sample_weight : <sample_weight>
    zero_division : {"warn", 0.0, 1.0, np.nan}, default="warn"
        Value of 0/0 scores; "warn" acts as 0 and warns. ``np.nan`` values are
        left out of averages.
    threshold : <threshold>

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


@set_metric_function("jaccard")
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
    y_true : <y_true>
    y_pred : <y_pred>
    labels : <labels>
    pos_label : <pos_label>
    average : <average>
    sample_weight : <sample_weight>
    zero_division : {"warn", 0.0, 1.0}, default="warn"
        Value of 0/0 scores (no true and no predicted positives); "warn" acts
        as 0 and warns. (As in scikit-learn, NaN is not accepted here.)
    threshold : <threshold>

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
