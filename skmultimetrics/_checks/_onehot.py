"""One class per sample, said out loud: ``threshold="argmax"`` and one-hot truth.

Keras' ``to_categorical`` targets are one-hot matrices, and softmax scores sum to
1 over each row. Read as a multi-label target at a cut-off such as 0.5 they give
a different number (a sample whose best score is below the cut-off predicts no
class); read as one class per sample they give the multiclass number, that of
the class indices ``argmax(y_true)`` against ``argmax(y_score)``.

``threshold="argmax"`` asks for the second reading. With a numeric cut-off and a
one-hot truth whose score rows sum to 1, the first reading is kept, but a
warning says which was taken and how to ask for the other (not for 0/1
scores, on which both readings make the same decisions).
"""

import importlib.util
import os
import sys
import warnings

import numpy as np
import scipy.sparse as sp

ARGMAX = "argmax"

# rows checked before the whole truth is: a multi-label truth is seldom one-hot
# in its first rows, so the check costs next to nothing there
_PROBE_ROWS = 1024


def is_argmax(threshold):
    """True when ``threshold`` asks for the class of the highest score."""
    return isinstance(threshold, str) and threshold == ARGMAX


def _row_positives(y):
    if sp.issparse(y):
        return np.diff(y.indptr) if y.has_canonical_format else (y != 0).sum(axis=1)
    return np.count_nonzero(y, axis=1)


def one_hot_codes(y_true, func):
    """The column of each row's single 1 in a checked indicator matrix.

    Raises ``ValueError`` naming ``y_true`` when a row has no positive or more
    than one: such a target is not one class per sample.
    """
    positives = np.asarray(_row_positives(y_true)).ravel()
    bad = np.flatnonzero(positives != 1)
    if bad.size:
        row = int(bad[0])
        raise ValueError(
            f"y_true of {func} must be one-hot (exactly one 1 per row) with "
            f"threshold='argmax', which scores one class per sample; row {row} has "
            f"{int(positives[row])} positives. For a multi-label target pass a "
            "numeric threshold."
        )
    if sp.issparse(y_true):
        csr = y_true.tocsr()
        csr.eliminate_zeros()
        return csr.indices.astype(np.intp)
    return np.argmax(y_true, axis=1).astype(np.intp)


def argmax_codes(scores):
    """The column of each row's highest score, the first on ties (as NumPy)."""
    if sp.issparse(scores):
        return np.asarray(sp.csr_array(scores).argmax(axis=1)).ravel().astype(np.intp)
    return np.argmax(scores, axis=1).astype(np.intp)


# fewer rows, or fewer than three classes (where a cut-off of 0.5 and the argmax
# decide alike on rows summing to 1), are too little evidence to warn about
_MIN_ROWS, _MIN_CLASSES = 32, 3


def _is_one_hot(y_true):
    if (
        y_true.ndim != 2
        or y_true.shape[0] < _MIN_ROWS
        or y_true.shape[1] < _MIN_CLASSES
    ):
        return False
    probe = y_true[:_PROBE_ROWS]
    if not (np.asarray(_row_positives(probe)).ravel() == 1).all():
        return False
    return bool((np.asarray(_row_positives(y_true)).ravel() == 1).all())


def _soft_rows_sum_to_one(scores):
    """Probabilities over classes: rows summing to 1, not all 0/1 (a one-hot
    prediction reads the same both ways)."""
    values = scores.data if sp.issparse(scores) else scores
    if values.size == 0 or values.min() < 0:
        return False
    if sp.issparse(scores):
        sums = np.asarray(scores.sum(axis=1)).ravel()
    else:
        sums = scores.sum(axis=1, dtype=np.float64)
    if not np.allclose(sums, 1.0, rtol=0, atol=1e-3):
        return False
    return bool(((values > 0) & (values < 1)).any())


# this package, and the libraries that call it for the user: scikit-learn (a
# scorer, cross-validation, a search, through joblib) and Keras (a metric or
# callback in fit)
# (directories with a trailing separator: not keras_hub/ or a user's file
# skmultimetrics_demo.py beside a checkout's skmultimetrics/)
_CALLERS = tuple(
    os.path.join(os.path.dirname(os.path.abspath(origin)), "")
    for origin in (
        os.path.dirname(os.path.abspath(__file__)),
        *(
            spec.origin
            for spec in map(importlib.util.find_spec, ("sklearn", "joblib", "keras"))
            if spec is not None and spec.origin
        ),
    )
)


def caller_stacklevel():
    """The stack level of the first frame outside this package and
    scikit-learn: the user's line, whichever public entry point it called."""
    frame, level = sys._getframe(1), 1
    while frame is not None and frame.f_code.co_filename.startswith(_CALLERS):
        frame, level = frame.f_back, level + 1
    return level


def warn_one_hot_softmax(y_true, scores, func):
    """Warn when a one-hot truth meets scores whose rows sum to 1 under a
    numeric cut-off: they are scored as a multi-label target, which is seldom
    what the user of softmax outputs means. Returns True when it warned."""
    if not _is_one_hot(y_true) or not _soft_rows_sum_to_one(scores):
        return False
    warnings.warn(
        f"y_true of {func} is one-hot (one class per sample) and the score rows "
        "sum to 1 (softmax outputs), but a numeric threshold scores them as a "
        "multi-label target, label by label. For the multiclass reading, the "
        "class of the highest score against the true class, pass "
        "threshold='argmax'.",
        UserWarning,
        stacklevel=caller_stacklevel(),
    )
    return True
