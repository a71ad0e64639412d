"""1-D class labels: their kind, and their codes into the sorted union of two
label arrays, exact for integer labels of one type (labels compared as float64
beyond 2**53 are refused: float64 merges neighbouring integers there)."""

import numpy as np

from ._arrays import missing_values_error


def label_kind(y, name, func):
    """Raise for missing, continuous or unsupported 1-D targets."""
    if y.dtype.kind == "f":
        if np.isnan(y).any():
            raise missing_values_error(name, func, "NaN")
        if not np.isfinite(y).all():
            raise ValueError(f"{name} of {func} contains infinity.")
        if (y != np.round(y)).any():
            raise ValueError(
                f"{name} of {func} holds continuous values, not class labels; "
                "pass threshold= to binarize scores."
            )
    elif y.dtype.kind not in "iubUSO":
        raise TypeError(f"{name} of {func} has unsupported dtype {y.dtype}.")


_EXACT_FLOAT = 2**53  # float64 holds every integer up to this, not beyond


def _check_exact(y_true, y_pred, func):
    """Refuse labels that NumPy compares as float64 (float labels, or integer
    labels of two types without a common integer type, such as int64 and
    uint64) beyond 2**53 in magnitude, where float64 merges neighbouring
    integers; integer labels of one type are compared exactly."""
    if np.result_type(y_true.dtype, y_pred.dtype).kind != "f":
        return
    for y in (y_true, y_pred):
        if y.size and max(abs(int(y.max())), abs(int(y.min()))) > _EXACT_FLOAT:
            raise ValueError(
                f"y_true and y_pred of {func} hold labels beyond 2**53 that are "
                "compared as float64, which merges neighbouring integers; pass "
                "both as integer arrays of one type (int64 or uint64)."
            )


def _offsets(y, low):
    """``y - low`` as intp for integer labels ``y >= low`` close to ``low``:
    exact for uint64 labels beyond int64's maximum too."""
    if y.dtype == np.uint64:
        return (y - np.uint64(low)).astype(np.intp)
    return y.astype(np.intp, copy=False) - low


def _encode(y_true, y_pred, func):
    """Integer codes of 1-D labels into their sorted union."""
    if (y_true.dtype.kind in "USO") != (y_pred.dtype.kind in "USO"):
        raise ValueError(
            f"y_true and y_pred of {func} mix string and number labels "
            f"({y_true.dtype} and {y_pred.dtype})."
        )
    n = y_true.shape[0]
    if y_true.dtype.kind not in "USO":
        _check_exact(y_true, y_pred, func)
    common = np.result_type(y_true.dtype, y_pred.dtype)
    if common.kind in "iu":
        y_true, y_pred = (
            y_true.astype(common, copy=False),
            y_pred.astype(common, copy=False),
        )
        low = min(int(y_true.min()), int(y_pred.min()))
        span = max(int(y_true.max()), int(y_pred.max())) - low + 1
        if span <= max(1024, 2 * n):
            # small integer labels: counts and a lookup table instead of a sort
            # (the offsets from the least label, exact in the labels' own type)
            offset_true = _offsets(y_true, low)
            offset_pred = _offsets(y_pred, low)
            present = np.bincount(offset_true, minlength=span) > 0
            present |= np.bincount(offset_pred, minlength=span) > 0
            classes = np.flatnonzero(present)
            if common == np.uint64:
                classes = classes.astype(np.uint64) + np.uint64(low)
            else:
                classes = (classes + low).astype(common)
            if present.all():  # labels low, low + 1, ...: the offsets are the codes
                return classes, offset_true, offset_pred
            lookup = np.cumsum(present, dtype=np.intp) - 1
            return classes, lookup[offset_true], lookup[offset_pred]
    message = f"y_true and y_pred of {func} mix labels of different types."
    classes, codes = unique_codes(np.concatenate([y_true, y_pred]), message)
    return classes, codes[:n], codes[n:]


def unique_codes(values, message):
    """``np.unique(values, return_inverse=True)`` with the codes as a flat intp
    array; ``ValueError(message)`` for values that do not compare."""
    try:
        classes, codes = np.unique(values, return_inverse=True)
    except TypeError:
        raise ValueError(message) from None
    return classes, codes.astype(np.intp).ravel()
