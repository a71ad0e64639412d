"""Cross-validation plumbing of ThresholdOptimizer: rows of any input type, fit
parameters cut per fold, and the estimator's positive-class scores."""

import numpy as np
from sklearn.base import clone
from sklearn.utils.multiclass import type_of_target

from .._checks._scores import read_scores


def estimator_response(estimator, X, response_method, binary):
    """The estimator's scores as (n_samples, n_labels), positive classes only.

    ``binary`` is the target's kind: an estimator of two labels also has two
    ``classes_`` and two score columns, so its shape cannot tell.
    """
    scores, _ = read_scores(estimator, X, response_method, func="ThresholdOptimizer")
    scores = scores.toarray() if hasattr(scores, "toarray") else np.asarray(scores)
    if binary and scores.shape[1] == 2:
        return scores[:, [1]]  # binary predict_proba: the column of classes_[1]
    return scores


def indexable(a):
    """Row-indexable data: CSR for sparse input, arrays for lists and the like."""
    if hasattr(a, "toarray"):
        return a.tocsr()
    if hasattr(a, "iloc") or isinstance(a, np.ndarray):
        return a
    return np.asarray(a)


def _take(a, rows):
    return a.iloc[rows] if hasattr(a, "iloc") else a[rows]


def _fold_params(params, n_samples, rows):
    """Fit parameters for a fold: sample-aligned arrays sliced to its rows."""

    def sample_aligned(value):
        if hasattr(value, "iloc") or hasattr(value, "toarray"):
            return value.shape[0] == n_samples
        if not (hasattr(value, "__array__") or isinstance(value, (list, tuple))):
            return False
        value = np.asarray(value)
        return value.ndim >= 1 and value.shape[0] == n_samples

    return {
        key: _take(indexable(value), rows) if sample_aligned(value) else value
        for key, value in params.items()
    }


def fit_and_score(estimator, X, y, train, test, response_method, binary, params):
    params = _fold_params(params, y.shape[0], train)
    model = clone(estimator).fit(_take(X, train), _take(y, train), **params)
    return estimator_response(model, _take(X, test), response_method, binary)


def safe_label_matrix(y):
    """A label matrix in a dtype that scikit-learn reads right.

    In scikit-learn 1.9.1, ``LabelBinarizer`` (and so ``OneVsRestClassifier``)
    scrambles a label matrix stored as ``int8`` that has more than 128 labels
    (``uint8``: more than 255): the models are trained on the wrong columns.
    Integer matrices narrower than 64 bits are passed on as ``int64``.
    """
    dtypes = getattr(y, "dtypes", None)  # a DataFrame: one dtype per column
    dtypes = [getattr(y, "dtype", None)] if dtypes is None else list(dtypes)
    narrow = any(
        d is not None and np.dtype(d).kind in "iu" and np.dtype(d).itemsize < 8
        for d in dtypes
    )
    return y.astype(np.int64) if narrow else y


def fold_spread(fold_thresholds):
    """Per label, the standard deviation of the usable fold cut-offs."""
    if fold_thresholds is None:
        return None
    usable = np.isfinite(fold_thresholds)
    spread = np.full(fold_thresholds.shape[1], np.nan)
    several = usable.sum(axis=0) >= 2
    spread[several] = np.nanstd(fold_thresholds[:, several], axis=0)
    return spread


def binary_or_multilabel(y):
    """The classes and the 0/1 truth (n_samples, n_labels) of a binary or
    multi-label target; any other target is refused."""
    kind = type_of_target(y, input_name="y", raise_unknown=True)
    if kind == "binary":
        classes = np.unique(y)
        if classes.shape[0] != 2:
            raise ValueError(
                "Only binary classification is supported. y has a single class "
                f"{classes.tolist()}; ThresholdOptimizer needs two."
            )
        return classes, (np.asarray(y) == classes[1]).reshape(-1, 1)
    if kind == "multilabel-indicator":
        Y = y.toarray() if hasattr(y, "toarray") else np.asarray(y)
        return np.arange(Y.shape[1]), Y.astype(bool)
    raise ValueError(
        "Only binary classification is supported. Multi-label indicator targets "
        f"are supported too; got a {kind} target."
    )
