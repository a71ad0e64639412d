"""1-D class labels: their kind, and their codes into the sorted union of two
label arrays, exact for every integer type (no float64 round trip)."""

import numpy as np

from ._arrays import missing_values_error


def _label_kind(y, name, func):
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


def _exact_integers(a, b, func):
    """Two integer label arrays in one type that holds both exactly: NumPy's
    common integer type, else int64 or uint64 (NumPy would take float64 for an
    int64 and a uint64 array, merging labels beyond 2**53), else Python ints."""
    common = np.result_type(a.dtype, b.dtype)
    if common.kind not in "iu":
        low = min(int(a.min()), int(b.min()))
        high = max(int(a.max()), int(b.max()))
        common = np.dtype(object)
        for dtype in (np.int64, np.uint64):
            if np.iinfo(dtype).min <= low and high <= np.iinfo(dtype).max:
                common = np.dtype(dtype)
                break
    return a.astype(common, copy=False), b.astype(common, copy=False)


def _check_exact_mix(y_true, y_pred, func):
    """Integer labels beyond 2**53 meet float labels: float64 can't tell them
    apart from their neighbours."""
    kinds = {y_true.dtype.kind, y_pred.dtype.kind}
    if "f" in kinds and kinds & set("iu"):
        ints = y_true if y_true.dtype.kind in "iu" else y_pred
        if int(ints.max()) > _EXACT_FLOAT or int(ints.min()) < -_EXACT_FLOAT:
            raise ValueError(
                f"y_true and y_pred of {func} mix float labels with integer "
                f"labels beyond 2**53, which float64 can't compare exactly; pass "
                "both as integers."
            )


def _offsets(y, low):
    """``y - low`` as intp for integer labels ``y >= low`` close to ``low``:
    exact for uint64 labels beyond int64's maximum too."""
    if y.dtype == np.uint64:
        return (y - np.uint64(low)).astype(np.intp)
    return y.astype(np.intp, copy=False) - low


def _int_objects(y):
    """True for an object array of integers only."""
    return y.dtype == object and all(
        isinstance(v, (int, np.integer)) and not isinstance(v, bool) for v in y.tolist()
    )


def _encode(y_true, y_pred, func):
    """Integer codes of 1-D labels into their sorted union."""
    if _int_objects(y_true) or _int_objects(y_pred):
        # Python integers beyond uint64 (or int64 with uint64): exact as objects
        if y_true.dtype.kind in "iuO" and y_pred.dtype.kind in "iuO":
            y_true, y_pred = y_true.astype(object), y_pred.astype(object)
    if (y_true.dtype.kind in "USO") != (y_pred.dtype.kind in "USO"):
        raise ValueError(
            f"y_true and y_pred of {func} mix string and number labels "
            f"({y_true.dtype} and {y_pred.dtype})."
        )
    n = y_true.shape[0]
    if y_true.dtype.kind in "iu" and y_pred.dtype.kind in "iu":
        y_true, y_pred = _exact_integers(y_true, y_pred, func)
    else:
        _check_exact_mix(y_true, y_pred, func)
    if y_true.dtype.kind in "iu":
        common = y_true.dtype
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
    both = np.concatenate([y_true, y_pred])
    try:
        classes, codes = np.unique(both, return_inverse=True)
    except TypeError:
        raise ValueError(
            f"y_true and y_pred of {func} mix labels of different types."
        ) from None
    return classes, codes[:n].astype(np.intp), codes[n:].astype(np.intp)
