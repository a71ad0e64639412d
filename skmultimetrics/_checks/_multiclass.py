"""Checks of multiclass decisions: class labels against an (n_samples,
n_classes) matrix of non-negative scores, and per-class weights or thresholds.

A multiclass decision ``argmax_c(w_c * s_c)`` needs scores that a positive
weight can trade against each other: probabilities or other non-negative
scores. Decision-function scores can be negative, where a larger weight lowers
a score, so they are refused.
"""

import numbers

import numpy as np
import scipy.sparse as sp

from ._arrays import as_ndarray, check_same_rows, missing_values_error, to_host
from ._onehot import argmax_codes, is_argmax
from ._params import (
    InvalidParameterError,
    check_cut_offs,
    check_sample_weight,
    is_series,
    param_error,
)
from ._scores import check_scores


def is_multiclass(y_true, y_score=None):
    """True for 1-D class labels of more than two classes, or 1-D labels with
    scores of three or more columns (a class may be missing from ``y_true``)."""
    y_true = to_host(y_true)
    if sp.issparse(y_true) or not (
        hasattr(y_true, "__array__") or isinstance(y_true, (list, tuple))
    ):
        return False
    try:
        y = np.asarray(y_true)
    except ValueError:  # ragged: not class labels
        return False
    if y.ndim == 2 and y.shape[1] == 1:
        y = y.ravel()
    if y.ndim != 1 or y.size == 0:
        return False
    columns = np.shape(y_score)[1] if np.ndim(y_score) == 2 else 0
    if columns >= 3:
        return True
    try:
        return np.unique(y).shape[0] > 2
    except TypeError:  # mixed types: let the usual checks say so
        return False


def check_multiclass_scores(y_true, y_score, sample_weight, *, labels=None, func):
    """Class codes, non-negative scores and weights of a multiclass decision.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        Class labels.
    y_score : array-like of shape (n_samples, n_classes)
        Non-negative scores, one column per class.
    sample_weight : array-like of shape (n_samples,) or None
    labels : array-like of shape (n_classes,), default=None
        The class of each score column; by default the sorted classes of
        ``y_true``, which must then number ``n_classes``.
    func : str
        The public function, named in errors.

    Returns
    -------
    codes : ndarray of int, shape (n_samples,)
        Each sample's class as a column index of ``y_score``.
    scores : ndarray of float64, shape (n_samples, n_classes)
    weight : ndarray of float64, shape (n_samples,), or None
    classes : ndarray of shape (n_classes,)
    """
    y = as_ndarray(y_true, "y_true", func)
    if y.ndim == 2 and y.shape[1] == 1:
        y = y.ravel()
    if y.ndim != 1 or y.size == 0:
        raise ValueError(
            f"y_true of {func} must be non-empty 1-D class labels; got shape {y.shape}."
        )
    if y.dtype.kind == "f" and np.isnan(y).any():
        raise missing_values_error("y_true", func, "NaN")
    if y.dtype.kind == "f" and not np.isfinite(y).all():
        raise ValueError(f"y_true of {func} contains infinity.")
    scores = check_scores(y_score, func)
    scores = scores.toarray() if sp.issparse(scores) else np.asarray(scores)
    scores = scores.astype(np.float64, copy=False)
    check_same_rows(y, scores, func)
    if (scores < 0).any():
        raise ValueError(
            f"y_score of {func} has negative values; multiclass weights need "
            "non-negative scores such as predict_proba (a decision_function's "
            "negative scores make a class weight meaningless)."
        )
    codes, classes = column_codes(y, scores.shape[1], labels, func)
    weight = check_sample_weight(sample_weight, y.shape[0], func)
    return codes, scores, weight, classes


def column_codes(y_true, n_columns, labels, func):
    """Each sample's column among ``n_columns`` score columns, and the classes
    of the columns: ``labels`` (one per column) or the sorted classes of 1-D
    ``y_true`` (scikit-learn's rule, :func:`score_columns`)."""
    if labels is not None and np.shape(labels) != (n_columns,):
        raise InvalidParameterError(
            f"The 'labels' parameter of {func} must be an array of shape "
            f"({n_columns},), the class of each column; got shape "
            f"{np.shape(labels)}. Number of given labels not equal to the number "
            f"of classes in 'y_score' ({n_columns})."
        )
    classes = score_columns(y_true, n_columns, labels, func, "y_score", indices=False)
    return class_codes(y_true, classes, func), classes


def score_columns(y_true, n_columns, labels, func, name, *, indices=True):
    """The class of each of the ``n_columns`` score columns (``name``) of 1-D
    ``y_true``: the one rule of every multiclass decision.

    ``labels`` when it names one distinct class per column (``labels[j]`` is
    column j); else the sorted classes of ``y_true`` when they number
    ``n_columns`` (scikit-learn's rule); else ``arange(n_columns)`` when
    ``y_true`` holds class indices in ``[0, n_columns)`` (the rule of
    :class:`MetricAccumulator` and Keras, with ``indices``), so a class absent
    from ``y_true`` keeps its column. Anything else cannot say which column is
    whose and is refused.
    """
    if labels is not None and np.shape(labels) == (n_columns,):
        classes = np.asarray(labels)
        if np.unique(classes).shape[0] != n_columns:
            raise param_error(func, "labels", "unique (one class per column)", labels)
        return classes
    try:
        classes = np.unique(y_true)
    except TypeError:
        raise ValueError(
            f"y_true of {func} mixes labels of different types (such as strings "
            "and numbers)."
        ) from None
    if classes.shape[0] == n_columns:
        return classes
    if (
        indices
        and classes.dtype.kind in "iuf"
        and (classes == np.round(classes)).all()
        and classes[0] >= 0
        and classes[-1] < n_columns
    ):
        return np.arange(n_columns)
    raise ValueError(
        f"Number of classes in 'y_true' ({classes.shape[0]}) not equal to the "
        f"number of columns of '{name}' ({n_columns}) in {func}: {name} must hold "
        f"one score column per class, and y_true has the classes "
        f"{classes[:5].tolist()}"
        + (f", not class indices 0 .. {n_columns - 1}" if indices else "")
        + "; pass labels=, the class of each column."
    )


def class_codes(y, classes, func, name="y_true"):
    """Each label of ``y`` as its position in ``classes``; a label that is not
    among them raises an error naming ``name``."""
    order = np.argsort(classes, kind="stable")
    try:
        position = np.searchsorted(classes[order], y)
    except TypeError:
        position = np.zeros(y.shape[0], dtype=np.intp)
    codes = order[np.minimum(position, classes.shape[0] - 1)]
    unknown = classes[codes] != y
    if np.any(unknown):
        raise ValueError(
            f"{name} of {func} holds classes that are not in labels=, the classes "
            f"of the score columns ({classes[:10].tolist()}): "
            f"{np.unique(y[unknown])[:5].tolist()}."
        )
    return codes.astype(np.intp)


def check_class_thresholds(thresholds, n_classes, func, name="threshold"):
    """Per-class thresholds ``1 / w`` as float64 of shape (n_classes,): one
    number for every class or one per class ("argmax": all 1), positive,
    ``inf`` allowed (the class is never predicted) but not for every class (no
    class is left to predict); a wrong shape, NaN, a value <= 0 or no finite
    value raises an error naming ``name``. The one check of class thresholds:
    every multiclass decision takes its thresholds from here."""
    if is_argmax(thresholds):
        thresholds = 1.0
    if is_series(thresholds):  # read by position, as an array
        thresholds = thresholds.to_numpy()
    values = check_cut_offs(
        thresholds, n_classes, func, name, per="threshold per class"
    )
    if (values <= 0).any():
        raise param_error(
            func, name, "positive (inf never predicts a class)", thresholds
        )
    if np.isinf(values).all():
        raise InvalidParameterError(
            f"The '{name}' parameter of {func} is inf for every class; at least "
            "one class threshold must be finite (inf never predicts a class, and "
            "with every class excluded there is no decision)."
        )
    return values


def class_decisions(scores, thresholds, func=None, name="y_score"):
    """Column of ``argmax(scores / thresholds)`` per row (thresholds checked by
    :func:`check_class_thresholds`), the first on ties (as NumPy), never a
    column whose threshold is ``inf``: a row scoring 0 on every other class
    goes to the first of those. Equal thresholds are the plain argmax. With
    ``func`` (scores from a user), negative scores are refused where the
    finite thresholds differ: a weight cannot trade them."""
    if (thresholds == thresholds[0]).all():
        return argmax_codes(scores)
    scores = scores.toarray() if sp.issparse(scores) else scores
    finite = np.isfinite(thresholds)
    if func and np.ptp(thresholds[finite]) > 0 and (scores < 0).any():
        raise ValueError(
            f"{name} of {func} has negative scores; per-class thresholds need "
            "non-negative scores such as predict_proba."
        )
    return np.argmax(np.where(finite, scores / thresholds, -np.inf), axis=1)


def threshold_multiclass(y_true, scores, threshold, labels, func):
    """Class predictions ``argmax(scores / threshold)`` for 1-D multiclass
    labels ("argmax": the plain argmax), the columns of ``scores`` being the
    classes of :func:`score_columns`."""
    if scores.shape[1] < 2:
        raise ValueError(
            f"With threshold= and 1-D multiclass y_true, y_pred of {func} must "
            f"hold one score column per class; got {scores.shape[1]} column."
        )
    classes = score_columns(y_true, scores.shape[1], labels, func, "y_pred")
    class_codes(y_true, classes, func)
    thresholds = check_class_thresholds(threshold, classes.shape[0], func)
    return classes[class_decisions(scores, thresholds, func, "y_pred")]


CLASS_METRICS = ("precision", "recall", "f1", "jaccard", "specificity")


def check_class_constraint(constraint, classes, func):
    """``(metric, level, class)`` as ``(metric, level, class index)``; None
    stays None. An unknown metric or class, or a level that is not a finite
    number, raises an error naming ``constraint``."""
    if constraint is None:
        return None
    must = (
        "None or, for multiclass targets, a triple (metric, level, class) with "
        f"the metric one of {CLASS_METRICS} and the class one of "
        f"{classes.tolist()}"
    )
    if (
        not isinstance(constraint, (tuple, list))
        or len(constraint) != 3
        or not isinstance(constraint[0], str)
        or constraint[0] not in CLASS_METRICS
        or not isinstance(constraint[1], numbers.Real)
        or isinstance(constraint[1], bool)
        or not np.isfinite(constraint[1])
    ):
        raise param_error(func, "constraint", must, constraint)
    found = (
        np.flatnonzero(classes == constraint[2]) if np.ndim(constraint[2]) == 0 else []
    )
    if len(found) != 1:
        raise param_error(func, "constraint", must, constraint)
    return constraint[0], float(constraint[1]), int(found[0])
