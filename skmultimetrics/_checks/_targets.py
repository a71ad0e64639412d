"""Targets of the set metrics: typed, checked and encoded once, at the door.

Every public function calls into this layer once; metric code does not re-validate.
Errors name the function, the argument and what was found.
"""

from typing import NamedTuple

import numpy as np
import scipy.sparse as sp
from sklearn.utils.multiclass import type_of_target

from ._arrays import as_ndarray, check_same_rows, to_host
from ._errors import InvalidParameterError
from ._labels import _encode, label_kind
from ._multiclass import is_multiclass, threshold_multiclass
from ._onehot import argmax_codes, is_argmax, one_hot_codes, warn_one_hot_softmax
from ._params import check_cut_offs, check_sample_weight, is_series
from ._scores import check_scores


class Thresholded(NamedTuple):
    """Predictions ``scores >= thresholds``, evaluated lazily chunk by chunk."""

    scores: np.ndarray
    thresholds: np.ndarray  # shape (n_labels,)

    @property
    def shape(self):
        return self.scores.shape

    @property
    def ndim(self):
        return 2


class Targets(NamedTuple):
    """Checked targets of a set metric.

    For ``kind`` "binary" or "multiclass", ``y_true`` and ``y_pred`` are integer
    codes into ``classes``.  For "multilabel-indicator" they are 2-D 0/1 arrays,
    CSR arrays with data 1, or :class:`Thresholded` scores; ``classes`` is
    ``arange(n_labels)``.
    """

    kind: str
    y_true: object
    y_pred: object
    classes: np.ndarray
    sample_weight: object


def check_not_sparse_column(y, name, func):
    """Refuse a sparse matrix of one column, as scikit-learn does: binary labels
    or one label of an indicator matrix, its reading would depend on the
    function. Every function that types targets asks here."""
    if sp.issparse(y) and y.ndim == 2 and y.shape[1] == 1:
        raise InvalidParameterError(
            f"{name} of {func} is a sparse matrix of one column {y.shape}, which "
            "scikit-learn refuses as ambiguous (binary labels or a one-label "
            f"indicator matrix); pass it dense: {name}.toarray().ravel() for "
            f"binary labels (or {name}.toarray())."
        )


def target_type(y, name, func):
    """scikit-learn's ``type_of_target`` of ``y``, after the refusal of
    :func:`check_not_sparse_column`."""
    check_not_sparse_column(y, name, func)
    return type_of_target(y, input_name=name, raise_unknown=True)


def as_array_or_csr(y, name, func):
    """Convert an array-like or sparse matrix without copying where possible
    (see :func:`as_ndarray`: tensors, missing values, mixed types); a sparse
    matrix of one column is refused (:func:`check_not_sparse_column`)."""
    check_not_sparse_column(y, name, func)
    if sp.issparse(y):
        # a csr_array passes through as it is, keeping scipy's cached
        # canonical-format flag (a rescan costs O(nnz))
        y = y if isinstance(y, sp.csr_array) else sp.csr_array(y)
        if y.ndim != 2:
            raise ValueError(f"{name} of {func} must be 2-D; got {y.ndim}-D sparse.")
        if y.dtype.kind == "c":
            raise InvalidParameterError(
                f"{name} of {func} must hold real numbers; got complex values "
                f"(dtype {y.dtype})."
            )
        return y
    y = to_host(y)
    if not (hasattr(y, "__array__") or isinstance(y, (list, tuple))):
        raise TypeError(
            f"{name} of {func} must be an array-like or a sparse matrix; "
            f"got {type(y).__name__}."
        )
    return as_ndarray(y, name, func)


def check_not_empty(y, name, func):
    if y.shape[0] == 0:
        raise ValueError(
            f"{name} of {func} is empty (shape {y.shape}); at least one sample "
            "is required."
        )
    if y.ndim == 2 and y.shape[1] == 0:
        raise ValueError(
            f"{name} of {func} has no columns (shape {y.shape}); at least one "
            "label is required."
        )


def _is_binary_matrix(y, chunk_cells=1 << 20):
    """True when a dense matrix holds only 0 and 1; no scan for booleans."""
    if y.dtype == np.bool_:
        return True
    if y.dtype.kind not in "iuf":
        return False
    chunk_rows = max(1, chunk_cells // y.shape[1])
    for start in range(0, y.shape[0], chunk_rows):
        block = y[start : start + chunk_rows]
        if block.dtype.kind == "f":
            if not ((block == 0) | (block == 1)).all():
                return False
        elif block.min() < 0 or block.max() > 1:
            return False
    return True


def check_indicator(y, name, func, hint=""):
    """Check a 2-D label-indicator matrix (dense 0/1 or sparse with ones);
    ``hint`` ends the message for non-binary values."""
    if sp.issparse(y):
        if y.data.size and not (y.data == 1).all():
            if not ((y.data == 0) | (y.data == 1)).all():
                bad = y.data[(y.data != 0) & (y.data != 1)][0]
                raise ValueError(
                    f"{name} of {func} must be a binary label-indicator matrix "
                    f"(0 and 1 only); found the value {bad!r}."
                )
            y = y.copy()
            y.eliminate_zeros()
        if not y.has_canonical_format:
            y = y.copy()
            y.sum_duplicates()
            if (y.data > 1).any():
                raise ValueError(
                    f"{name} of {func} has duplicate entries summing above 1."
                )
        return y
    if not _is_binary_matrix(y):
        values = np.unique(y[:1000])
        raise ValueError(
            f"{name} of {func} must be a binary label-indicator matrix (0 and 1 "
            f"only) of shape (n_samples, n_labels); found values such as "
            f"{values[:5].tolist()}.{hint}"
        )
    return y


def column_or_1d(y, name, func):
    if y.ndim == 2 and y.shape[1] == 1:
        return y.ravel()
    if y.ndim != 1:
        raise ValueError(
            f"{name} of {func} must be 1-D class labels or a 2-D label-indicator "
            f"matrix; got an array of shape {y.shape}."
        )
    return y


def _binary_classes(y_true, pos_label, func):
    """The (lesser, greater) classes of a binary target ``y_true``.

    A single class present is completed by ``pos_label`` (when it is another
    label of the same type) or, for 0/1 labels, by the other of 0 and 1.
    """
    classes = np.unique(y_true).tolist()
    if len(classes) > 2:
        raise ValueError(
            f"threshold= of {func} applies to binary and multi-label targets; "
            f"y_true is multiclass with classes {classes}."
        )
    if len(classes) == 2:
        return classes
    (only,) = classes
    numeric = y_true.dtype.kind in "iufb"
    if (
        pos_label is not None
        and isinstance(pos_label, str) != numeric
        and pos_label != only
    ):
        return sorted([only, pos_label])
    if numeric and only in (0, 1):
        return [0, 1] if y_true.dtype != np.bool_ else [False, True]
    raise ValueError(
        f"y_true of {func} has the single class {only!r}; the other class that "
        "threshold= predicts is unknown."
    )


def _threshold_binary(y_true, scores, threshold, pos_label, func):
    """Turn 1-D scores into labels of the binary target ``y_true``.

    As in scikit-learn (``predict_proba[:, 1]`` is ``classes_[1]``), a score is
    that of the greater class: ``score >= threshold`` predicts the greater of
    the two classes, whichever class ``pos_label`` reports. A binary
    ``predict_proba`` of shape (n_samples, 2) gives its second column.
    """
    if scores.shape[1] == 2:
        scores = scores[:, 1:]
    if scores.shape[1] != 1:
        raise ValueError(
            f"With threshold= and 1-D y_true, y_pred of {func} must hold one score "
            "per sample (or the two columns of a binary predict_proba); got shape "
            f"{scores.shape}."
        )
    negative, positive = _binary_classes(y_true, pos_label, func)
    thr = check_cut_offs(threshold, 1, func)
    return _class_array(y_true, [negative, positive])[
        (scores[:, 0] >= thr[0]).astype(np.intp)
    ]


def _class_array(y_true, classes):
    """``classes`` as an array of ``y_true``'s dtype where they fit it exactly:
    NumPy would read Python ints beyond int64 as float64 (2**63 and 2**63 + 1
    would then be one class)."""
    if y_true.dtype.kind in "iub":
        try:
            values = np.array(classes, dtype=y_true.dtype)
        except (OverflowError, ValueError):
            values = None
        if values is not None and values.tolist() == list(classes):
            return values
    values = np.array(classes)
    if values.dtype.kind == "f" and any(isinstance(c, int) for c in classes):
        return np.array(classes, dtype=object)  # exact, not rounded
    return values


def check_targets(
    y_true,
    y_pred,
    sample_weight=None,
    *,
    threshold=None,
    pos_label=1,
    labels=None,
    func,
    nonzero_total=False,
):
    """Check ``y_true`` against predictions (or scores with ``threshold``).

    Returns a :class:`Targets`.  Raises ``ValueError`` or ``TypeError`` naming the
    argument for empty input, mismatched shapes, non-binary indicator matrices,
    continuous labels, NaN or infinite scores, and bad weights (with
    ``nonzero_total``, also weights summing to zero: the metric divides by
    their total). ``pos_label`` only completes a binary ``y_true`` of a single
    class for ``threshold=`` (see :func:`_binary_classes`); ``labels`` names
    the class of each score column of multiclass scores (see
    :func:`score_columns`).
    """
    label_names = None
    if threshold is not None:
        check_same_columns(y_true, y_pred, threshold, func)
        label_names = label_names_of(y_true, y_pred)
    y_true = as_array_or_csr(y_true, "y_true", func)
    check_not_empty(y_true, "y_true", func)
    multilabel = y_true.ndim == 2 and (sp.issparse(y_true) or y_true.shape[1] > 1)

    if threshold is not None:
        scores = check_scores(y_pred, func, name="y_pred")
        check_same_rows(y_true, scores, func, "y_pred")
        if is_argmax(threshold) and multilabel:  # one-hot: the column of each 1
            if scores.shape != y_true.shape:
                raise ValueError(
                    f"y_true and y_pred of {func} have different shapes: "
                    f"{y_true.shape} and {scores.shape}; with threshold='argmax' "
                    "a one-hot y_true needs one score column per class."
                )
            y_true = one_hot_codes(check_indicator(y_true, "y_true", func), func)
            y_pred, multilabel = argmax_codes(scores), False
        elif not multilabel:
            y_true = column_or_1d(y_true, "y_true", func)
            label_kind(y_true, "y_true", func)
            if is_argmax(threshold) or is_multiclass(y_true, scores):
                y_pred = threshold_multiclass(y_true, scores, threshold, labels, func)
            else:
                scores = scores.toarray() if sp.issparse(scores) else scores
                y_pred = _threshold_binary(y_true, scores, threshold, pos_label, func)
        else:
            thr = check_cut_offs(
                threshold, scores.shape[1], func, label_names=label_names
            )
            y_pred = threshold_scores(scores, thr)
    else:
        y_pred = as_array_or_csr(y_pred, "y_pred", func)
        check_not_empty(y_pred, "y_pred", func)

    check_same_rows(y_true, y_pred, func, "y_pred")
    pred_multilabel = y_pred.ndim == 2 and (
        sp.issparse(y_pred) or y_pred.shape[1] > 1 or isinstance(y_pred, Thresholded)
    )
    if multilabel != pred_multilabel:
        kinds = ["1-D labels", "a label-indicator matrix"]
        raise ValueError(
            f"{func} can't handle a mix of targets: y_true is "
            f"{kinds[multilabel]} of shape {y_true.shape}, y_pred is "
            f"{kinds[pred_multilabel]} of shape {y_pred.shape}."
        )
    weight = check_sample_weight(
        sample_weight, y_true.shape[0], func, nonzero_total=nonzero_total
    )

    if multilabel:
        if y_true.shape[1] != y_pred.shape[1]:
            raise ValueError(
                f"y_true and y_pred of {func} have different numbers of labels: "
                f"{y_true.shape[1]} and {y_pred.shape[1]}."
            )
        y_true = check_indicator(y_true, "y_true", func)
        if not isinstance(y_pred, Thresholded):
            hint = " To binarize scores pass threshold=."
            y_pred = check_indicator(y_pred, "y_pred", func, hint)
        if threshold is not None:
            warn_one_hot_softmax(y_true, scores, func)
        classes = np.arange(y_true.shape[1])
        return Targets("multilabel-indicator", y_true, y_pred, classes, weight)

    y_true = column_or_1d(y_true, "y_true", func)
    y_pred = column_or_1d(y_pred, "y_pred", func)
    label_kind(y_true, "y_true", func)
    label_kind(y_pred, "y_pred", func)
    classes, true_codes, pred_codes = _encode(y_true, y_pred, func)
    kind = "binary" if classes.shape[0] <= 2 else "multiclass"
    return Targets(kind, true_codes, pred_codes, classes, weight)


class ScoredTargets(NamedTuple):
    """Checked truth and scores of the threshold search and the report."""

    y_true: object  # (n_samples, n_labels) 0/1: a bool ndarray, or as given
    y_score: object  # (n_samples, n_labels) finite scores: an ndarray, or CSR
    sample_weight: object  # float64 (n_samples,) or None
    one_label: bool  # y_true came 1-D
    label_names: object  # the DataFrame columns of y_true or y_score, or None


def check_truth_and_scores(y_true, y_score, sample_weight=None, *, func, dense=True):
    """Binary truth and scores of the same shape: the one check of both.

    ``y_true`` is binary 1-D labels (0/1, -1/1 or bool, as scikit-learn's
    curves read them without ``pos_label``; one label) or a binary
    label-indicator matrix, dense or sparse; ``y_score`` holds one finite score
    per label cell, in any ``predict_proba`` layout (with 1-D ``y_true``, a
    binary ``predict_proba`` of shape (n_samples, 2) gives its second column,
    the score of class 1). With ``dense=True`` the
    truth comes back as a bool ndarray and the scores as an ndarray; otherwise
    sparse inputs stay sparse (the truth checked as an indicator).

    Returns a :class:`ScoredTargets`.
    """
    label_names = label_names_of(y_true, y_score)
    y_true = as_array_or_csr(y_true, "y_true", func)
    one_label = y_true.ndim == 1
    if one_label:
        y_true = y_true.reshape(-1, 1)
    if y_true.ndim != 2:
        raise ValueError(
            f"y_true of {func} must be binary labels of shape (n_samples,) or a "
            f"label-indicator matrix of shape (n_samples, n_labels); got shape "
            f"{y_true.shape}."
        )
    check_not_empty(y_true, "y_true", func)
    if one_label and y_true.dtype.kind in "iuf" and np.isin(y_true, (-1, 1)).all():
        y_true = y_true == 1  # scikit-learn's other binary labels: 1 is positive
    hint = " For 1-D labels: 0/1, -1/1 or bool; else pass y_true == positive_class."
    y_true = check_indicator(y_true, "y_true", func, hint if one_label else "")
    y_score = check_scores(y_score, func)
    if one_label and y_score.shape[1] == 2:
        # a binary predict_proba: the positive class (1, the greater) is column 1
        y_score = y_score[:, 1:]
    if y_score.shape != y_true.shape:
        raise ValueError(
            f"y_true and y_score of {func} have different shapes: {y_true.shape} "
            f"and {y_score.shape}; y_score needs one score per label cell."
        )
    weight = check_sample_weight(sample_weight, y_true.shape[0], func)
    if weight is not None and (weight < 0).any():
        # a curve's counts must grow with the cut-off: with negative weights
        # precision and recall leave [0, 1] and the areas mean nothing
        raise ValueError(
            f"The 'sample_weight' parameter of {func} has negative weights (such "
            f"as {float(weight[weight < 0][0])}); the curves and cut-offs need "
            "non-negative weights."
        )
    if dense:
        y_true = np.asarray(
            y_true.toarray() if sp.issparse(y_true) else y_true, dtype=bool
        )
        y_score = y_score.toarray() if sp.issparse(y_score) else y_score
    if label_names is not None and len(label_names) != y_true.shape[1]:
        label_names = None
    return ScoredTargets(y_true, y_score, weight, one_label, label_names)


def check_same_columns(y_true, y_pred, threshold, func):
    """Refuse per-label cut-offs given by label name (a pandas Series) when
    ``y_true`` and ``y_pred`` are DataFrames whose columns differ: the scores
    are read by position, as scikit-learn does, so the names would point at
    the cut-off of another label."""
    columns = [getattr(y, "columns", None) for y in (y_true, y_pred)]
    if not is_series(threshold) or any(c is None for c in columns):
        return
    if list(columns[0]) != list(columns[1]):
        raise ValueError(
            f"y_true and y_pred of {func} are DataFrames with different columns "
            f"({list(columns[0])[:5]} and {list(columns[1])[:5]}), and threshold "
            "is a Series of cut-offs by label name; the scores are read by "
            "position, so reorder them first: y_pred[y_true.columns]."
        )


def label_names_of(*frames):
    """The column labels of the first DataFrame among ``frames``, or None."""
    for frame in frames:
        columns = getattr(frame, "columns", None)
        if columns is not None and getattr(frame, "ndim", 0) == 2:
            return list(columns)
    return None


def threshold_scores(scores, thr):
    """Predictions ``scores >= thr``.

    Sparse scores stay sparse while every cut-off is positive (a missing score is
    0, hence negative); otherwise the comparison is made chunk by chunk later.
    """
    if sp.issparse(scores) and (thr > 0).all():
        keep = scores.data >= thr[scores.indices]
        indptr = np.concatenate([[0], np.cumsum(keep)])[scores.indptr]
        return sp.csr_array(
            (np.ones(int(keep.sum()), dtype=np.int8), scores.indices[keep], indptr),
            shape=scores.shape,
        )
    return Thresholded(scores, thr)
