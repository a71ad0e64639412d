"""Batches of a stream: truth and scores checked once, as they arrive.

A batch is one of three kinds, fixed by its first batch for the whole stream:

- ``"multilabel"``: a binary label-indicator matrix (dense or sparse) and scores
  of the same shape, in any ``predict_proba`` layout;
- ``"multiclass"``: 1-D class indices ``0 .. C-1`` (the columns of the scores)
  and scores of shape (n_samples, C), C >= 2; the prediction is the argmax;
- ``"binary"``: 1-D 0/1 labels and 1-D scores of class 1 (or one column).
"""

import numbers
from typing import NamedTuple

import numpy as np
import scipy.sparse as sp

from ._arrays import check_same_rows, to_host
from ._errors import param_error
from ._labels import label_kind
from ._onehot import one_hot_codes, warn_one_hot_softmax
from ._params import check_sample_weight
from ._scores import check_scores
from ._targets import as_array_or_csr, check_indicator, check_not_empty

KINDS = ("multilabel", "multiclass", "binary")


class Batch(NamedTuple):
    """A checked batch.

    ``truth`` is a bool ndarray or CSR array of shape (n_samples, n_columns) for
    "multilabel", int64 class indices of shape (n_samples,) otherwise;
    ``scores`` is a float ndarray (or CSR, multilabel only) of shape
    (n_samples, n_columns); binary scores have one column.
    """

    kind: str
    truth: object
    scores: object
    sample_weight: object
    n_columns: int
    scored: bool = True  # the scores were floats (not 0/1 or integer predictions)


def _class_indices(y_true, n_columns, func):
    """1-D labels as int64 column indices in ``[0, n_columns)``."""
    if y_true.dtype == np.bool_:
        return y_true.astype(np.int64)
    if y_true.dtype.kind not in "iuf":
        raise TypeError(
            f"y_true of {func} must hold class indices 0 .. {n_columns - 1} (the "
            f"columns of y_score); got dtype {y_true.dtype}. Encode string labels "
            "first, e.g. with sklearn.preprocessing.LabelEncoder."
        )
    label_kind(y_true, "y_true", func)
    low, high = y_true.min(), y_true.max()
    if low < 0 or high >= n_columns:
        raise ValueError(
            f"y_true of {func} must hold class indices in [0, {n_columns - 1}] (one "
            f"per column of y_score); found {low if low < 0 else high}."
        )
    return y_true.astype(np.int64, copy=False)


def binary_proba_cut(threshold):
    """Whether ``threshold`` is one number chosen by the caller: with it, (n, 2)
    scores of 1-D targets are a binary ``predict_proba`` whose column of class
    1 is cut, as the metric functions read them (not two class scores)."""
    chosen = type(threshold) in (float, int) or isinstance(threshold, np.number)
    return chosen and not isinstance(threshold, bool) and np.ndim(threshold) == 0


def check_batch(
    y_true, y_score, sample_weight=None, *, func, argmax=False, warn=True, cut=None
):
    """Check one batch of truth and scores; return a :class:`Batch`.

    With ``argmax`` (``threshold="argmax"``) a one-hot ``y_true`` is read as
    the class index of each row's 1, a "multiclass" batch; 1-D binary labels
    then need a score column per class. Otherwise, with ``warn``, a one-hot
    truth whose score rows sum to 1 gets a warning that it is read label by
    label. With a ``cut`` of :func:`binary_proba_cut`, (n, 2) scores of 1-D
    targets are a binary ``predict_proba``: the batch is "binary", its scores
    the column of class 1.

    Raises ``ValueError`` or ``TypeError`` naming the argument for empty input,
    shape mismatches, non-binary label matrices, labels out of range, NaN or
    infinite scores and bad weights. All-zero weights are accepted here (the
    stream's total is checked when it is finished).
    """
    y_true = as_array_or_csr(y_true, "y_true", func)
    check_not_empty(y_true, "y_true", func)
    if y_true.ndim == 2 and not sp.issparse(y_true) and y_true.shape[1] == 1:
        y_true = y_true.ravel()
    scores = check_scores(y_score, func)
    check_same_rows(y_true, scores, func)
    if y_true.ndim == 1:
        if sp.issparse(scores):
            raise TypeError(
                f"y_score of {func} must be dense when y_true holds class indices."
            )
        if scores.shape[1] == 2 and not argmax and binary_proba_cut(cut):
            scores = scores[:, 1:]
        kind = "binary" if scores.shape[1] == 1 else "multiclass"
        if argmax and kind == "binary":
            raise ValueError(
                f"With threshold='argmax', y_score of {func} must hold one score "
                "column per class; got one column (binary scores: pass a numeric "
                "threshold)."
            )
        n_columns = 2 if kind == "binary" else scores.shape[1]
        truth = _class_indices(y_true, n_columns, func)
    elif y_true.ndim == 2:
        if scores.shape != y_true.shape:
            raise ValueError(
                f"y_true and y_score of {func} have different shapes: "
                f"{y_true.shape} and {scores.shape}; y_score needs one score per "
                "label cell."
            )
        kind, n_columns = "multilabel", y_true.shape[1]
        truth = check_indicator(y_true, "y_true", func)
        if argmax:
            kind, truth = "multiclass", one_hot_codes(truth, func).astype(np.int64)
        else:
            if warn:
                warn_one_hot_softmax(truth, scores, func)
            if not sp.issparse(truth) and truth.dtype != np.bool_:
                truth = truth != 0
    else:
        raise ValueError(
            f"y_true of {func} must be 1-D class indices or a 2-D label-indicator "
            f"matrix; got shape {y_true.shape}."
        )
    scored = scores.dtype.kind == "f"
    if not scored:
        scores = scores.astype(np.float64)
    weight = check_sample_weight(
        sample_weight, y_true.shape[0], func, allow_all_zero=True
    )
    return Batch(kind, truth, scores, weight, n_columns, scored)


def check_ignore_index(ignore_index, func):
    """``ignore_index`` is None or an int (the target of rows to leave out)."""
    if ignore_index is not None and (
        not isinstance(ignore_index, numbers.Integral) or isinstance(ignore_index, bool)
    ):
        raise param_error(func, "ignore_index", "None or an int", ignore_index)


def drop_ignored(y_true, y_score, sample_weight, ignore_index, func):
    """The batch without the rows whose class-index target is ``ignore_index``
    (Hugging Face's -100), as it is where none is (or ``ignore_index`` is
    None); None where every row is. Label matrices are refused: a cell equal to
    ``ignore_index`` says nothing about its row."""
    if ignore_index is None:
        return y_true, y_score, sample_weight
    truth = as_array_or_csr(y_true, "y_true", func)
    if truth.ndim == 2 and (sp.issparse(truth) or truth.shape[1] != 1):
        raise ValueError(
            f"The 'ignore_index' parameter of {func} leaves out the rows of 1-D "
            "class-index targets equal to it; y_true is a label matrix of shape "
            f"{truth.shape}, where it has no meaning: pass ignore_index=None."
        )
    keep = truth.reshape(-1) != ignore_index if truth.ndim else np.ones(1, bool)
    if keep.all():
        return y_true, y_score, sample_weight
    rows = [truth.reshape(-1)[keep]]
    for name, x in (("y_score", y_score), ("sample_weight", sample_weight)):
        if x is not None:
            x = x if hasattr(x, "iloc") else np.asarray(to_host(x))
            if np.shape(x)[:1] != keep.shape:
                raise ValueError(
                    f"y_true and {name} of {func} have different numbers of "
                    f"samples: {keep.shape[0]} and {np.shape(x)[:1]}."
                )
            x = x.iloc[keep] if hasattr(x, "iloc") else x[keep]
        rows.append(x)
    return tuple(rows) if keep.any() else None
