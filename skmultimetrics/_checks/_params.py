"""Argument checks: each returns the checked value or raises an error naming the
function, the argument and what was found."""

import numbers

import numpy as np
import scipy.sparse as sp

AVERAGE_OPTIONS = ("micro", "macro", "samples", "weighted", "binary", None)
ZERO_DIVISION_OPTIONS = ("warn", 0.0, 1.0, np.nan)


def param_error(func, name, must, got, cls=ValueError):
    """The error for a bad argument, in the house format."""
    return cls(f"The '{name}' parameter of {func} must be {must}; got {got!r}.")


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
        raise param_error(func, "normalize", "a bool", normalize, TypeError)
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


def check_sample_weight(sample_weight, n_samples, func):
    """Return float64 weights of shape (n_samples,), or None for unit weights."""
    if sample_weight is None:
        return None
    if sp.issparse(sample_weight):
        raise param_error(
            func, "sample_weight", "a 1-D array-like", "a sparse matrix", TypeError
        )
    try:
        weight = np.asarray(sample_weight, dtype=np.float64)
    except (TypeError, ValueError):
        raise param_error(
            func, "sample_weight", "a 1-D array of numbers", sample_weight, TypeError
        ) from None
    if weight.ndim != 1 or weight.shape[0] != n_samples:
        raise ValueError(
            f"The 'sample_weight' parameter of {func} must have shape "
            f"({n_samples},) to match y_true; got shape {weight.shape}."
        )
    if not np.isfinite(weight).all():
        raise ValueError(
            f"The 'sample_weight' parameter of {func} contains NaN or infinity."
        )
    if not weight.any():
        raise ValueError(
            f"The 'sample_weight' parameter of {func} must contain at least one "
            "non-zero weight; all weights are zero."
        )
    return weight


def check_threshold(threshold, n_labels, func):
    """Return thresholds as a float64 array of shape (n_labels,)."""
    try:
        thr = np.asarray(threshold, dtype=np.float64)
    except (TypeError, ValueError):
        raise param_error(
            func, "threshold", "a float or an array of floats", threshold, TypeError
        ) from None
    if thr.ndim == 0:
        thr = np.full(n_labels, float(thr))
    elif thr.ndim != 1 or thr.shape[0] != n_labels:
        raise ValueError(
            f"The 'threshold' parameter of {func} must be a float or an array of "
            f"shape ({n_labels},), one cut-off per label; got shape {thr.shape}."
        )
    if np.isnan(thr).any():
        raise ValueError(f"The 'threshold' parameter of {func} contains NaN.")
    return thr
