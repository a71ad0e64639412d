"""Argument checks: each returns the checked value or raises an error naming the
function, the argument and what was found."""

import numbers

import numpy as np
import scipy.sparse as sp

from ._arrays import as_ndarray, to_host
from ._errors import InvalidParameterError, param_error

AVERAGE_OPTIONS = ("micro", "macro", "samples", "weighted", "binary", None)
ZERO_DIVISION_OPTIONS = ("warn", 0.0, 1.0, np.nan)


def check_zero_division(zero_division, func, *, allow_nan=True):
    """``zero_division`` is "warn", 0.0, 1.0 or (where scikit-learn allows) NaN."""
    if isinstance(zero_division, str):
        if zero_division == "warn":
            return zero_division
    elif isinstance(zero_division, numbers.Real) and not isinstance(
        zero_division, bool
    ):
        if zero_division in (0, 1) or (allow_nan and np.isnan(zero_division)):
            return float(zero_division)
    options = "'warn', 0.0, 1.0" + (" or np.nan" if allow_nan else " (not NaN)")
    raise param_error(func, "zero_division", f"one of {options}", zero_division)


def check_average(average, func, options=AVERAGE_OPTIONS):
    if not (average is None or isinstance(average, str)) or average not in options:
        raise param_error(func, "average", f"one of {options}", average)
    return average


def check_normalize(normalize, func):
    if not isinstance(normalize, (bool, np.bool_)):
        raise param_error(func, "normalize", "a bool", normalize)
    return bool(normalize)


def check_beta(beta, func):
    if (
        not isinstance(beta, numbers.Real)
        or isinstance(beta, bool)
        or np.isnan(beta)
        or beta < 0
    ):
        raise param_error(func, "beta", "a float in [0, inf]", beta)
    return float(beta)


def check_column_indices(labels, func):
    """Column indices of a label matrix as an int array: integers, or floats
    of integral value (``[1.0, 2.0]``); anything else raises naming ``labels``."""
    values = np.asarray(labels)
    if values.dtype.kind == "f" and np.isfinite(values).all():
        if (values == np.round(values)).all():
            return values.astype(np.intp)
    elif values.dtype.kind in "iu":
        return values
    must = "column indices (integers) for multilabel targets"
    raise param_error(func, "labels", must, values.tolist())


def check_sample_weight(
    sample_weight, n_samples, func, *, allow_all_zero=False, nonzero_total=False
):
    """Return float64 weights of shape (n_samples,), or None for unit weights.

    Weights must be finite real numbers. All-zero weights are refused unless
    ``allow_all_zero`` (a batch of a stream, whose total is checked when the
    stream is finished; a count, which is then 0). With ``nonzero_total`` (a
    metric that divides by the total weight) weights summing to zero are
    refused too, where scikit-learn raises ``ZeroDivisionError``.
    """
    if sample_weight is None:
        return None
    if sp.issparse(sample_weight):
        raise param_error(func, "sample_weight", "a 1-D array-like", "a sparse matrix")
    weight = as_ndarray(sample_weight, "sample_weight", func)
    if weight.dtype.kind not in "biuf":
        raise param_error(
            func, "sample_weight", "a 1-D array of numbers", sample_weight
        ) from None
    weight = weight.astype(np.float64, copy=False)
    if weight.ndim != 1 or weight.shape[0] != n_samples:
        raise ValueError(
            f"The 'sample_weight' parameter of {func} must have shape "
            f"({n_samples},) to match y_true; got shape {weight.shape}."
        )
    if not np.isfinite(weight).all():
        raise ValueError(
            f"The 'sample_weight' parameter of {func} contains NaN or infinity."
        )
    if not allow_all_zero and not weight.any():
        raise ValueError(
            f"The 'sample_weight' parameter of {func} must contain at least one "
            "non-zero weight; all weights are zero."
        )
    if nonzero_total and weight.any() and weight.sum() == 0:
        raise ValueError(
            f"The 'sample_weight' parameter of {func} sums to zero (its positive "
            "and negative weights cancel), so the weighted mean is undefined."
        )
    return weight


def check_cut_offs(
    cut_offs,
    n_labels,
    func,
    name="threshold",
    *,
    hint="",
    label_names=None,
    per="cut-off per label",
):
    """Cut-offs as a float64 array: the one check of them.

    With ``n_labels`` an int, ``cut_offs`` is one number for every label or an
    array-like of one number per label, returned with shape (n_labels,). With
    ``n_labels=None`` it is a non-empty 1-D list of candidate cut-offs of any
    length. ``inf`` is allowed (never predict), NaN is not. Every mistake (no
    numbers, a wrong shape, NaN) raises :class:`InvalidParameterError` naming
    ``name``; ``hint`` is added to the wrong-shape message, which asks for one
    ``per`` item. A pandas Series of
    per-label cut-offs is aligned by its index to ``label_names`` (the columns
    of a DataFrame target; else ``0, 1, ...``).
    """
    cut_offs = to_host(cut_offs)
    if n_labels is not None and is_series(cut_offs):
        cut_offs = _aligned(cut_offs, n_labels, func, name, label_names)
    try:
        values = np.asarray(cut_offs)
    except ValueError:  # ragged
        values = np.asarray(None)
    if values.dtype.kind not in "iuf":  # strings, booleans, None, objects
        must = "a float or an array of floats"
        if n_labels is None:
            must = "a 1-D array of floats"
        raise param_error(func, name, must, cut_offs) from None
    values = values.astype(np.float64)
    if n_labels is None:
        if values.ndim != 1 or values.size == 0:
            raise InvalidParameterError(
                f"The '{name}' parameter of {func} must be a non-empty 1-D array "
                f"of cut-offs; got shape {values.shape}.{hint}"
            )
    elif values.ndim == 0:
        values = np.full(n_labels, float(values))
    elif values.shape != (n_labels,):
        raise InvalidParameterError(
            f"The '{name}' parameter of {func} must be a float or an array of "
            f"shape ({n_labels},), one {per}; got shape "
            f"{values.shape}.{hint}"
        )
    if np.isnan(values).any():
        raise InvalidParameterError(f"The '{name}' parameter of {func} contains NaN.")
    return values


def is_series(value):
    """Whether ``value`` is a pandas Series (without importing pandas)."""
    return (
        hasattr(value, "index")
        and hasattr(value, "iloc")
        and getattr(value, "ndim", 0) == 1
    )


def _aligned(series, n_labels, func, name, label_names):
    """A Series of per-label cut-offs in label order; its index must name the
    labels. Where the target has names (the columns of a DataFrame) an index
    of those names is read by name, whatever its order, also when the names
    are 0, 1, ...; otherwise a default 0, 1, ... index is read by position."""
    index = list(series.index)
    keys = list(range(n_labels)) if label_names is None else list(label_names)
    distinct = len(index) == len(keys) == len(set(keys)) == n_labels
    if distinct and set(index) == set(keys):
        return series.loc[keys].to_numpy()
    if index == list(range(len(index))):
        return series.to_numpy()
    raise InvalidParameterError(
        f"The '{name}' parameter of {func} is a Series whose index {index[:5]} "
        f"does not match the labels {keys[:5]}; index it by the label names "
        "(the columns of y_true) or pass an array in label order."
    )


def check_target_average(average, kind, pos_label=1, classes=None):
    """scikit-learn's errors tying ``average`` (and ``pos_label``) to the target
    ``kind`` ("binary", "multiclass" or "multilabel-indicator"), in its exact
    words, as its own test suite checks them; ``classes``: those of a binary
    target, among which ``pos_label`` must be."""
    if average == "binary":
        if kind != "binary":
            options = [None, "micro", "macro", "weighted", "samples"]
            if kind == "multiclass":
                options.remove("samples")
            raise ValueError(
                f"Target is {kind} but average='binary'. Please choose another "
                f"average setting, one of {options!r}."
            )
        if (
            classes is not None
            and pos_label not in classes.tolist()
            and classes.shape[0] >= 2
        ):
            raise ValueError(
                f"pos_label={pos_label} is not a valid label. It should be one of "
                f"{classes}"
            )
    if average == "samples" and kind != "multilabel-indicator":
        raise ValueError(
            "Samplewise metrics are not available outside of multilabel "
            f"classification; the target is {kind}."
        )
