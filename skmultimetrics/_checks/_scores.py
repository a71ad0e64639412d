"""Formatting of scores: every ``predict_proba`` layout to one (n_samples, n_labels)
score matrix.

Multi-label estimators return scores in several layouts:

- an ``(n_samples, n_labels)`` array (``OneVsRestClassifier``, ``MLPClassifier``,
  ``KNeighborsClassifier`` with indicator targets, ``decision_function``);
- a scipy.sparse matrix (scikit-multilearn);
- a list with one ``(n_samples, 2)`` array per label (``MultiOutputClassifier``,
  ``RandomForestClassifier``, ``ClassifierChain`` before 1.x), where a label seen
  with one class only during ``fit`` gives an ``(n_samples, 1)`` array whose single
  class may be 0 *or* 1.

:func:`as_score_matrix` reads all of them; the last case needs the estimator's
``classes_`` and is an error without it, never a guess.
"""

import numpy as np
import scipy.sparse as sp

from ._arrays import as_ndarray, to_host
from ._labels import _EXACT_FLOAT


def _positive_column(block, label_classes, j, name, func):
    """The positive-class score column of one label's ``predict_proba`` block."""
    n_cols = block.shape[1]
    if label_classes is not None:
        label_classes = np.asarray(label_classes)
        if label_classes.shape[0] != n_cols:
            raise ValueError(
                f"{name} of {func}: label {j} has {n_cols} score columns but "
                f"{label_classes.shape[0]} classes {label_classes.tolist()}."
            )
    if n_cols == 2:
        if label_classes is not None and 1 in label_classes.tolist():
            return block[:, label_classes.tolist().index(1)]
        return block[:, 1]
    if n_cols == 1:
        if label_classes is None:
            raise ValueError(
                f"{name} of {func}: label {j} has a single score column, so its "
                "only class is unknown; pass the estimator's classes_ to tell "
                "whether it is the positive class."
            )
        positive = label_classes[0] == 1
        return np.full(block.shape[0], 1.0 if positive else 0.0)
    raise ValueError(
        f"{name} of {func}: label {j} has {n_cols} classes; multi-label scores "
        "need binary labels (multiclass-multioutput is not supported)."
    )


def as_score_matrix(y_score, *, classes=None, name="y_score", func="skmultimetrics"):
    """Return scores as an ``(n_samples, n_labels)`` ndarray or CSR array.

    Parameters
    ----------
    y_score : array-like, sparse matrix or list of arrays
        Scores in any layout listed in the module docstring. A 1-D array is one
        label's scores and becomes a single column.
    classes : list of array-like, default=None
        The estimator's ``classes_``: for the list layout, one array of classes per
        label. Needed only when a label has a single score column.

    Returns
    -------
    scores : ndarray or scipy.sparse.csr_array of shape (n_samples, n_labels)
        Dense input is returned without copying when it already is 2-D.
    """
    if sp.issparse(y_score):
        y_score = sp.csr_array(y_score)
        if not y_score.has_canonical_format:  # entries stored twice add up,
            y_score = y_score.copy()  # as in toarray(): sum them once, here
            y_score.sum_duplicates()
        return y_score
    y_score = to_host(y_score)
    if (
        isinstance(y_score, (list, tuple))
        and y_score
        and all(getattr(block, "ndim", 0) == 2 for block in y_score)
    ):
        if classes is not None and len(classes) != len(y_score):
            raise ValueError(
                f"{name} of {func} has {len(y_score)} per-label blocks but "
                f"classes has {len(classes)} entries."
            )
        n_rows = {block.shape[0] for block in y_score}
        if len(n_rows) != 1:
            raise ValueError(
                f"{name} of {func}: per-label blocks have different numbers of "
                f"rows {sorted(n_rows)}."
            )
        columns = [
            _positive_column(
                as_ndarray(block, f"{name}[{j}]", func),
                None if classes is None else classes[j],
                j,
                name,
                func,
            )
            for j, block in enumerate(y_score)
        ]
        return np.column_stack(columns).astype(np.float64, copy=False)
    scores = as_ndarray(y_score, name, func)
    if scores.dtype.kind not in "fiub":
        raise TypeError(
            f"{name} of {func} must hold numbers; got dtype {scores.dtype}."
        )
    if scores.ndim == 1:
        scores = scores.reshape(-1, 1)
    if scores.ndim != 2:
        raise ValueError(
            f"{name} of {func} must be 1-D or 2-D; got an array of shape "
            f"{scores.shape}."
        )
    if scores.shape[0] == 0 or scores.shape[1] == 0:
        raise ValueError(f"{name} of {func} is empty (shape {scores.shape}).")
    return scores


def meta_chain(estimator):
    """``estimator``, then the estimators it passes predictions through to: a
    search's ``best_estimator_``, a pipeline's last step, a fitted
    ``estimator_`` (such as ThresholdOptimizer's), and so on."""
    for _ in range(8):
        yield estimator
        if hasattr(estimator, "best_estimator_"):
            estimator = estimator.best_estimator_
        elif hasattr(estimator, "steps"):
            estimator = estimator.steps[-1][1]
        elif hasattr(estimator, "estimator_"):
            estimator = estimator.estimator_
        else:
            return


def _per_label_classes(estimator):
    """The per-label ``classes_`` (a list) of a multi-output estimator, or None.

    Looked up along :func:`meta_chain`, so a meta-estimator whose own
    ``classes_`` is not per label (ThresholdOptimizer's is ``arange(n_labels)``)
    gives those of the estimator whose list layout it passes through.
    """
    for inner in meta_chain(estimator):
        classes = getattr(inner, "classes_", None)
        if isinstance(classes, list):
            return classes
    return None


def _public_name(estimator):
    """The estimator's class name for a message; a private class (a stand-in
    made inside this package) is "the estimator"."""
    name = type(estimator).__name__
    return "the estimator" if name.startswith("_") else name


def read_scores(estimator, X, response_method="auto", *, func="skmultimetrics"):
    """An estimator's scores on ``X`` as an (n_samples, n_labels) matrix.

    ``response_method="auto"`` reads ``predict_proba``, else
    ``decision_function``. Multi-output layouts are read with the per-label
    ``classes_`` of the estimator that made them (see
    :func:`_per_label_classes`). A binary classifier gives two columns
    (``predict_proba``) or one (``decision_function``); callers choose what to
    make of them.

    Returns
    -------
    scores : ndarray or csr_array
    single_output_classes : ndarray or None
        The estimator's ``classes_`` when it has one output, else None.
    """
    if response_method == "auto":
        for method in ("predict_proba", "decision_function"):
            if hasattr(estimator, method):
                response_method = method
                break
        else:
            raise TypeError(
                f"{_public_name(estimator)} has neither predict_proba nor "
                f"decision_function; {func} needs scores (a threshold search "
                "scores its thresholded predictions, which are labels only)."
            )
    raw = getattr(estimator, response_method)(X)
    classes = getattr(estimator, "classes_", None)
    scores = as_score_matrix(
        raw,
        classes=_per_label_classes(estimator) if isinstance(raw, list) else None,
        name=f"{_public_name(estimator)}.{response_method}",
        func=func,
    )
    single = classes if classes is not None and not isinstance(classes, list) else None
    return scores, single


def _all_finite(data):
    """True when no value is NaN or infinite (False may also mean overflow).

    NaN and infinity propagate through sums, so one sum replaces an elementwise
    test; a sum that overflows only sends the caller to the exact test. (A BLAS
    matrix-vector product was tried instead: as fast on large float64 arrays,
    but 8 ms on a 10,000 x 100 float32 batch where the sum takes 0.15 ms.)
    """
    return bool(np.isfinite(data.sum()))


def check_scores(y_score, func, name="y_score", *, finite=True):
    """Return scores as a 2-D float ndarray or CSR array with finite values.

    With ``finite=False`` the caller promises to pass the sum of the scores,
    computed while it reads them anyway, to :func:`check_finite_total`.
    """
    y_score = as_score_matrix(y_score, name=name, func=func)
    data = y_score.data if sp.issparse(y_score) else y_score
    if data.dtype.kind not in "fiub":
        raise TypeError(f"{name} of {func} must hold numbers; got dtype {data.dtype}.")
    if data.dtype.kind in "iu" and data.dtype.itemsize == 8 and data.size:
        if int(data.max()) > _EXACT_FLOAT or int(data.min()) < -_EXACT_FLOAT:
            raise ValueError(
                f"{name} of {func} holds integers beyond 2**53, which float64 "
                "can't compare exactly (neighbouring scores would tie); pass "
                "them as floats or as ranks."
            )
    if finite and data.dtype.kind == "f" and data.size and not _all_finite(data):
        _raise_non_finite(data, name, func)
    return y_score


def check_finite_total(total, y_score, func):
    """Raise for NaN or infinite scores, given the sum of all of them."""
    if not np.isfinite(total):
        data = y_score.data if sp.issparse(y_score) else y_score
        _raise_non_finite(data, "y_score", func)


def _raise_non_finite(data, name, func):
    bad = data[~np.isfinite(data)]
    if bad.size:  # else the sum overflowed: the scores are fine
        raise ValueError(
            f"{name} of {func} contains {'NaN' if np.isnan(bad[0]) else 'infinity'}"
            f" ({bad.size} non-finite values); scores must be finite."
        )
