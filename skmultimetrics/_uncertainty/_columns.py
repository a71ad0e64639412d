"""Per-unit label counts of the set metrics: the columns (``tp``, ``pred``,
``true`` and their combinations) whose sums give precision, recall, F-beta and
Jaccard, for the bootstrap, the jackknife and the delta method."""

from functools import partial

import numpy as np
import scipy.sparse as sp

from .._counts._statistics import (
    chunk_rows,
    column_counts,
    indicator_rows,
    label_counts,
)
from ._sums import LazyStats, Stats, exact_dtype, unit_columns, unit_sparse_columns

# column -> coefficients of (tp, pred, true)
COLUMNS = {
    "tp": (1, 0, 0),
    "pred": (0, 1, 0),
    "true": (0, 0, 1),
    "pred+true": (0, 1, 1),
    "jaccard": (-1, 1, 1),
}

# Sparse columns of fewer labels are made dense: BLAS's products of (k, n)
# float32 columns beat sparse ones below about 30 labels (classes).
_DENSE_BELOW = 32
# Cells per chunk of the delta method's one pass (a float64 buffer in cache)
_PROJECTION_CELLS = 1 << 19


def combined(tp, pred, true, coefficients, dtype):
    """``a * tp + b * pred + c * true`` in ``dtype``, for ``coefficients = (a, b,
    c)``."""
    a, b, c = coefficients
    out = np.zeros(tp.shape, dtype=dtype)
    for coef, block in ((a, tp), (b, pred), (c, true)):
        if coef == 1:
            out += block
        elif coef == -1:
            out -= block
        elif coef:
            out += coef * block
    return out


def count_stats(targets, columns, units):
    """Per-unit label counts of checked targets: ``columns`` maps each column's
    name to its coefficients of ``(tp, pred, true)``."""
    weight = targets.sample_weight
    y_true, y_pred = targets.y_true, targets.y_pred
    n = y_true.shape[0]
    dtype = exact_dtype(n, weight is not None)
    # exact_dtype bounds sums of columns in {-1, 0, 1} coefficients; F-beta's
    # beta**2 * true is not one of them: its column is float64
    dtypes = {
        name: dtype if set(coef) <= {-1, 0, 1} else np.float64
        for name, coef in columns.items()
    }
    if targets.kind != "multilabel-indicator":
        n_classes = targets.classes.shape[0]
        rows = np.arange(n)
        true = sp.csr_array((np.ones(n), (rows, y_true)), shape=(n, n_classes))
        pred = sp.csr_array((np.ones(n), (rows, y_pred)), shape=(n, n_classes))
        sparse = True
    elif sp.issparse(y_true) and sp.issparse(y_pred):
        true = sp.csr_array(y_true, dtype=np.float64)
        pred = sp.csr_array(y_pred, dtype=np.float64)
        sparse = True
    else:
        sparse = False
    if sparse:
        tp = true.multiply(pred).tocsr()
        stats = {}
        for name, (a, b, c) in columns.items():
            matrix = a * tp + b * pred + c * true
            if weight is not None:
                matrix = sp.csr_array(matrix.multiply(weight[:, np.newaxis]))
            col = unit_sparse_columns(matrix, units, dtypes[name])
            stats[name] = col.toarray() if col.shape[0] < _DENSE_BELOW else col
        true_count = np.asarray(true.sum(axis=0)).ravel()
        return Stats(stats), true_count
    counts = label_counts(y_true, y_pred, weight)
    true_count = counts.true if weight is None else column_counts(y_true)
    totals = {
        name: combined(counts.tp, counts.pred, counts.true, coef, np.float64)
        for name, coef in columns.items()
    }
    build = partial(_dense_columns, y_true, y_pred, weight, columns, dtypes, units)
    project = partial(_dense_projection, y_true, y_pred, weight, columns, units)
    return LazyStats(totals, units.n_units, build, project), true_count


def _dense_columns(y_true, y_pred, weight, columns, dtypes, units):
    """The per-unit columns (k, n_units) of dense label matrices."""
    n, n_labels = y_true.shape
    per_sample = {name: np.empty((n_labels, n), dtypes[name]) for name in columns}
    step = chunk_rows(n_labels)
    for start in range(0, n, step):
        stop = min(start + step, n)
        t = indicator_rows(y_true, start, stop)
        p = indicator_rows(y_pred, start, stop)
        hit = t & p
        for name, coefficients in columns.items():
            block = combined(hit, p, t, coefficients, dtypes[name])
            if weight is not None:
                block *= weight[start:stop, np.newaxis]
            per_sample[name][:, start:stop] = block.T
    if units.index is not None:
        per_sample = {
            name: unit_columns(col.T, units, dtypes[name])
            for name, col in per_sample.items()
        }
    return per_sample


def _dense_projection(y_true, y_pred, weight, columns, units, gradient):
    """Each unit's ``sum over columns of gradient . column``, from the label
    matrices in one pass: ``tp @ a + pred @ b + true @ c`` per sample, where
    ``(a, b, c)`` gather the gradient by the columns' coefficients (``(pred +
    true) @ b`` when ``b == c``, as for F-scores and Jaccard; zero terms are
    skipped)."""
    n, n_labels = y_true.shape
    a, b, c = np.zeros((3, n_labels))
    for name, g in gradient.items():
        g = np.asarray(g, dtype=np.float64)
        a_, b_, c_ = columns[name]
        a += a_ * g
        b += b_ * g
        c += c_ * g
    both = np.array_equal(b, c)
    terms = [(key, v) for key, v in (("tp", a), ("pred", b), ("true", c)) if v.any()]
    if both and b.any():
        terms = [t for t in terms if t[0] == "tp"] + [("pred+true", b)]
    z = np.zeros(n)
    step = chunk_rows(n_labels, _PROJECTION_CELLS)
    cells = np.empty((min(step, n), n_labels))
    for start in range(0, n, step):
        stop = min(start + step, n)
        t = indicator_rows(y_true, start, stop)
        p = indicator_rows(y_pred, start, stop)
        block = cells[: stop - start]
        part = z[start:stop]
        for key, vector in terms:
            if key == "tp":
                np.bitwise_and(t, p, out=block, casting="unsafe")
            elif key == "pred+true":
                np.add(t, p, out=block, casting="unsafe")
            else:
                np.copyto(block, p if key == "pred" else t)
            part += block @ vector
    if weight is not None:
        z *= weight
    return units.aggregate(z[:, np.newaxis])[:, 0]
