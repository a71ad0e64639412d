"""Threshold-free metrics: ROC AUC and average precision, from one sort per label.

Signatures, defaults, values and warnings are scikit-learn's; the per-label
areas come from the exact sweep's cumulative counts (``_counts._curves``), so
a 100,000 x 100 score matrix costs about one sort of it instead of a loop of
``roc_curve`` calls.
"""

import numbers
from functools import partial

import numpy as np
import sklearn.metrics

from .._checks._params import check_average, param_error
from .._checks._scores import as_score_matrix
from .._checks._targets import as_array_or_csr, check_truth_and_scores, column_or_1d
from .._counts._curves import area_values, curve_sums, one_class, partial_roc_areas
from .._counts._reductions import labels_average
from ._dask import dask_door, label_values_on_dask

_AVERAGE_OPTIONS = ("micro", "macro", "samples", "weighted", None)


def _label_values(kind, truth, scores, weight, max_fpr=None, by="label"):
    """Per label (or row): ROC AUC (NaN and a warning for one class only) or
    average precision (0 and a warning without positives); one sort each."""
    if kind == "roc" and max_fpr is not None and max_fpr != 1:
        values, positives, negatives = partial_roc_areas(
            truth, scores, weight, max_fpr, by=by
        )
    else:
        sums = curve_sums(truth, scores, weight, by=by)
        positives, negatives = sums.positives, sums.negatives
        areas = sums.precision if kind == "average_precision" else sums.roc
        return area_values(kind, areas, positives, negatives)
    return one_class(values, positives, negatives)


def _averaged(kind, truth, scores, weight, average, max_fpr=None):
    """scikit-learn's ``_average_binary_score`` over the labels of a checked
    bool truth matrix and its scores."""
    if average == "micro":
        n_labels = truth.shape[1]
        pooled = None if weight is None else np.repeat(weight, n_labels)
        flat_truth, flat_scores = truth.reshape(-1, 1), scores.reshape(-1, 1)
        value = _label_values(kind, flat_truth, flat_scores, pooled, max_fpr)
        return float(value[0])
    if average == "samples":
        values = _label_values(kind, truth, scores, None, max_fpr, by="row")
        return _samples_average(values, weight)
    support = truth.sum(axis=0) if weight is None else weight @ truth
    if average == "weighted" and np.isclose(support.sum(), 0):
        return 0.0  # no positive anywhere: scikit-learn's 0, before any warning
    values = _label_values(kind, truth, scores, weight, max_fpr)
    return labels_average(values, support, average)


def _samples_average(values, weight):
    if weight is None:
        return float(np.mean(values))
    values[weight == 0] = 0.0
    return float(np.average(values, weights=weight))


def _block_values(kind, max_fpr, func, by, truth, scores, weight):
    """Per label (or row) values of one block of a Dask label matrix."""
    checked = check_truth_and_scores(truth, scores, weight, func=func)
    return _label_values(
        kind, checked.y_true, checked.y_score, checked.sample_weight, max_fpr, by=by
    )


def _on_dask(func, y_true, y_score, sample_weight, average, **params):
    """ROC AUC or average precision of Dask label matrices: whole columns (or
    rows, for the samples average) per task; the pooled micro average is
    refused. Other Dask inputs are read whole, as NumPy arrays."""
    roc = func == "roc_auc_score"
    shape = np.shape(y_true)
    if len(shape) != 2 or shape[1] < 2:
        function = roc_auc_score if roc else average_precision_score
        return function.__wrapped__(
            y_true, y_score, sample_weight=sample_weight, average=average, **params
        )
    if roc:
        average = _check_roc_params(average, params["max_fpr"], params["multi_class"])
    else:
        average = check_average(average, func, _AVERAGE_OPTIONS)
        _check_pos_label_of_matrix(params["pos_label"])
    if average == "micro":
        raise ValueError(
            f"{func} on Dask arrays does not take average='micro', which sorts "
            "every label cell together; call .compute() on the arrays to use it."
        )
    by = "row" if average == "samples" else "label"
    kind, max_fpr = ("roc", params["max_fpr"]) if roc else ("average_precision", None)
    per_block = partial(_block_values, kind, max_fpr, func, by)
    values, support, weight = label_values_on_dask(
        per_block, y_true, y_score, sample_weight, func, by=by
    )
    if average == "samples":
        return _samples_average(values, weight)
    return labels_average(values, support, average)


def _checked_average(kind, y_true, y_score, sample_weight, average, func, **kw):
    """:func:`_averaged` of inputs checked by ``check_truth_and_scores``."""
    checked = check_truth_and_scores(y_true, y_score, sample_weight, func=func)
    return _averaged(
        kind, checked.y_true, checked.y_score, checked.sample_weight, average, **kw
    )


def _check_roc_params(average, max_fpr, multi_class):
    func = "roc_auc_score"
    average = check_average(average, func, _AVERAGE_OPTIONS)
    if max_fpr is not None and not (
        isinstance(max_fpr, numbers.Real) and 0 < max_fpr <= 1
    ):
        raise param_error(func, "max_fpr", "a float in (0, 1] or None", max_fpr)
    if multi_class not in ("raise", "ovr", "ovo"):
        raise param_error(
            func, "multi_class", "one of ('raise', 'ovr', 'ovo')", multi_class
        )
    return average


def _check_pos_label_of_matrix(pos_label):
    if pos_label != 1:
        raise ValueError(
            "Parameter pos_label is fixed to 1 for multilabel-indicator y_true. "
            "Do not set pos_label or set pos_label to 1."
        )


def _binary_truth(y, positive):
    """1-D labels as a (n, 1) 0/1 matrix of ``y == positive``."""
    return (y == positive).reshape(-1, 1)


@dask_door(_on_dask)
def roc_auc_score(
    y_true,
    y_score,
    *,
    average="macro",
    sample_weight=None,
    max_fpr=None,
    multi_class="raise",
    labels=None,
):
    """Area under the ROC curve, as :func:`sklearn.metrics.roc_auc_score`.

    Read more in the :ref:`User Guide <curves>`.

    Binary targets (the greater class is positive), label-indicator matrices
    (dense or sparse) with every ``average``, and multiclass targets with
    ``multi_class="ovr"`` (one-vs-rest, computed here) or ``"ovo"`` (passed on
    to scikit-learn). Each label's area comes from one sort of its scores;
    tied scores are one step of the curve (the trapezoid through it).

    Parameters
    ----------
    y_true : array-like or sparse matrix of shape (n_samples,) or \
(n_samples, n_labels)
        Binary labels, class labels, or a binary label-indicator matrix.
    y_score : array-like of shape (n_samples,) or (n_samples, n_labels)
        Scores, in any ``predict_proba`` layout; class probabilities summing
        to 1 for multiclass targets.
    average : {"macro", "micro", "samples", "weighted"} or None, \
default="macro"
        How label scores are averaged (ignored for binary targets); None
        returns them. A label with one class only is NaN with an
        ``UndefinedMetricWarning`` (weight 0 under "weighted").
    sample_weight : array-like of shape (n_samples,), default=None
        Sample weights.
    max_fpr : float in (0, 1], default=None
        Standardised partial AUC up to this false-positive rate (McClish
        correction); binary and multi-label targets only.
    multi_class : {"raise", "ovr", "ovo"}, default="raise"
        For multiclass targets, as in scikit-learn.
    labels : array-like of shape (n_classes,), default=None
        Multiclass targets: the classes of the columns of ``y_score``.

    Returns
    -------
    auc : float, or ndarray of shape (n_labels,) for ``average=None``
        The area under the ROC curve, averaged as ``average`` says.

    Examples
    --------
    >>> from skmultimetrics import roc_auc_score
    >>> roc_auc_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])
    0.75
    >>> y_true = [[1, 0], [0, 1], [1, 1], [0, 0]]
    >>> roc_auc_score(y_true, [[0.9, 0.2], [0.3, 0.7], [0.6, 0.6], [0.1, 0.4]])
    1.0
    """
    func = "roc_auc_score"
    average = _check_roc_params(average, max_fpr, multi_class)
    truth = as_array_or_csr(y_true, "y_true", func)
    if truth.ndim == 2 and (truth.shape[1] > 1 or hasattr(truth, "toarray")):
        return _checked_average(
            "roc", truth, y_score, sample_weight, average, func, max_fpr=max_fpr
        )
    y = column_or_1d(truth, "y_true", func)
    scores = as_score_matrix(y_score, name="y_score", func=func)
    classes = np.unique(y)
    if classes.shape[0] > 2 or scores.shape[1] > 2:
        return _multiclass_roc_auc(
            y,
            y_score,
            scores,
            classes,
            average,
            sample_weight,
            max_fpr,
            multi_class,
            labels,
        )
    if scores.shape[1] == 2:  # predict_proba: the greater class's column
        scores = scores[:, 1:]
    checked = check_truth_and_scores(
        _binary_truth(y, classes[-1]), scores, sample_weight, func=func
    )
    values = _label_values(
        "roc", checked.y_true, checked.y_score, checked.sample_weight, max_fpr
    )
    return float(values[0])


def _multiclass_roc_auc(
    y, y_score, scores, classes, average, sample_weight, max_fpr, multi_class, labels
):
    """One-vs-rest ROC AUC of class labels, with scikit-learn's checks."""
    if max_fpr is not None and max_fpr != 1.0:
        raise ValueError(
            "Partial AUC computation not available in multiclass setting, "
            f"'max_fpr' must be set to `None`, received `max_fpr={max_fpr}` instead"
        )
    if multi_class == "raise":
        raise ValueError("multi_class must be in ('ovo', 'ovr')")
    if multi_class == "ovo" or labels is not None:
        # Hand & Till's one-vs-one, and the checks of given labels: scikit-learn's
        return sklearn.metrics.roc_auc_score(
            y,
            y_score,
            average=average,
            sample_weight=sample_weight,
            multi_class=multi_class,
            labels=labels,
        )
    if not np.allclose(1, scores.sum(axis=1)):
        raise ValueError(
            "Target scores need to be probabilities for multiclass roc_auc, i.e. "
            "they should sum up to 1.0 over classes"
        )
    options = ("micro", "macro", "weighted", None)
    if average not in options:
        raise ValueError(f"average must be one of {options} for multiclass problems")
    if classes.shape[0] != scores.shape[1]:
        raise ValueError(
            "Number of classes in y_true not equal to the number of columns in "
            "'y_score'"
        )
    truth = y.reshape(-1, 1) == classes
    return _checked_average(
        "roc", truth, scores, sample_weight, average, "roc_auc_score"
    )


@dask_door(_on_dask)
def average_precision_score(
    y_true, y_score, *, average="macro", pos_label=1, sample_weight=None
):
    """Average precision, as :func:`sklearn.metrics.average_precision_score`.

    Read more in the :ref:`User Guide <curves>`.

    ``AP = sum_n (R_n - R_{n-1}) P_n`` over the distinct cut-offs of the
    scores, from the highest: the step integral of the precision-recall curve
    (no interpolation). Binary, multiclass (one column of scores per class)
    and label-indicator targets, with every ``average``; each label's value
    comes from one sort of its scores.

    Parameters
    ----------
    y_true : array-like or sparse matrix of shape (n_samples,) or \
(n_samples, n_labels)
        Binary labels, class labels, or a binary label-indicator matrix.
    y_score : array-like of shape (n_samples,) or (n_samples, n_labels)
        Scores, in any ``predict_proba`` layout.
    average : {"macro", "micro", "samples", "weighted"} or None, \
default="macro"
        How label scores are averaged (ignored for binary targets); None
        returns them. A label without positives scores 0, with a warning.
    pos_label : int, float, bool or str, default=1
        The positive class of binary targets (fixed to 1 otherwise).
    sample_weight : array-like of shape (n_samples,), default=None
        Sample weights.

    Returns
    -------
    average_precision : float, or ndarray of shape (n_labels,) for \
``average=None``
        The average precision, averaged as ``average`` says.

    Examples
    --------
    >>> from skmultimetrics import average_precision_score
    >>> round(average_precision_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]), 4)
    0.8333
    """
    func = "average_precision_score"
    average = check_average(average, func, _AVERAGE_OPTIONS)
    truth = as_array_or_csr(y_true, "y_true", func)
    if truth.ndim == 2 and (truth.shape[1] > 1 or hasattr(truth, "toarray")):
        _check_pos_label_of_matrix(pos_label)
        return _checked_average(
            "average_precision", truth, y_score, sample_weight, average, func
        )
    y = column_or_1d(truth, "y_true", func)
    classes = np.unique(y)
    scores = as_score_matrix(y_score, name="y_score", func=func)
    if classes.shape[0] > 2:
        if pos_label != 1:
            raise ValueError(
                "Parameter pos_label is fixed to 1 for multiclass y_true. "
                "Do not set pos_label or set pos_label to 1."
            )
        if scores.shape != (y.shape[0], classes.shape[0]):
            raise ValueError(
                "`y_score` needs to be of shape `(n_samples, n_classes)`, since "
                f"`y_true` contains multiple classes. Got `y_score.shape="
                f"{scores.shape}`."
            )
        truth = y.reshape(-1, 1) == classes
        return _checked_average(
            "average_precision", truth, scores, sample_weight, average, func
        )
    if classes.shape[0] == 2 and pos_label not in classes.tolist():
        raise ValueError(
            f"pos_label={pos_label} is not a valid label. It should be one of {classes}"
        )
    if scores.shape[1] == 2:  # predict_proba: the positive class's column
        negative_first = classes.shape[0] == 2 and pos_label == classes[0]
        scores = scores[:, [0 if negative_first else 1]]
    checked = check_truth_and_scores(
        _binary_truth(y, pos_label), scores, sample_weight, func=func
    )
    values = _label_values(
        "average_precision", checked.y_true, checked.y_score, checked.sample_weight
    )
    return float(values[0])
