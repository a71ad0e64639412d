"""The one conversion of array inputs: whatever comes in becomes a NumPy array
once, here, with the mistakes that a conversion would hide found on the way.

- Tensors (PyTorch on any device and with ``requires_grad``, JAX, TensorFlow,
  anything with ``__array__`` or ``__dlpack__``) are detached and copied to the
  host; float16 and bfloat16 are widened to float32. Nothing imports a
  framework: the tensors are recognised by their methods.
- Object arrays (pandas nullable and categorical columns, mixed lists) are read
  element by element: a missing value (None, NaN, ``pd.NA``, ``pd.NaT``) or a
  mix of strings and numbers raises, instead of becoming a class of its own or
  being merged by a cast to strings; otherwise NumPy finds the common type.
- A 0-d array (a scalar) and complex numbers are refused.
"""

import numbers

import numpy as np

from ._errors import InvalidParameterError

_NARROW_FLOATS = ("float16", "bfloat16")
_MISSING_TYPES = ("NoneType", "NAType", "NaTType")
_NUMBER_TYPES = (numbers.Number, np.number, np.bool_)


def to_host(x):
    """``x`` as something :func:`numpy.asarray` reads without a framework: a
    tensor detached and on the CPU, bfloat16 and float16 widened to float32."""
    if isinstance(x, (np.ndarray, list, tuple)):
        return x
    if hasattr(x, "detach") and hasattr(x, "cpu"):  # a PyTorch tensor
        x = x.detach().cpu()
        if str(getattr(x, "dtype", "")).rsplit(".", 1)[-1] in _NARROW_FLOATS:
            x = x.float()
        if hasattr(x, "resolve_conj"):
            x = x.resolve_conj().resolve_neg()
        return x.numpy()
    if not hasattr(x, "__array__") and hasattr(x, "__dlpack__"):
        return np.from_dlpack(x)
    return x


def _widened(y):
    """float16 and bfloat16 (ml_dtypes, as JAX hands them over) as float32;
    booleans whose bytes are other than 0 and 1 (made by a view or a file) as
    the booleans they mean, so that every count reads them alike."""
    if y.dtype == np.bool_ and y.size and y.view(np.uint8).max() > 1:
        return y.view(np.uint8) != 0
    return y.astype(np.float32) if y.dtype.name in _NARROW_FLOATS else y


def missing_values_error(name, func, what="None, NaN or pd.NA"):
    return ValueError(
        f"{name} of {func} contains missing values ({what}); drop or fill them first."
    )


def _has_pandas_missing(y):
    """True for a pandas object of a nullable or categorical dtype holding a
    missing value (NumPy would read ``pd.NA`` in a Float64 column as NaN)."""
    if not hasattr(y, "isna"):
        return False
    dtypes = getattr(y, "dtypes", getattr(y, "dtype", None))
    if isinstance(dtypes, np.dtype):
        return False
    dtypes = list(dtypes) if hasattr(dtypes, "__iter__") else [dtypes]
    if all(isinstance(dtype, np.dtype) for dtype in dtypes):
        return False
    return bool(np.asarray(y.isna()).any())


def _is_nan(value):
    return isinstance(value, (float, np.floating)) and value != value


def _from_objects(y, name, func):
    """An object array as a typed one, refusing missing values and a mix of
    strings and numbers (scikit-learn's "Mix of label input types")."""
    values = y.ravel()
    types = set(map(type, values.tolist()))
    missing = [t.__name__ for t in types if t.__name__ in _MISSING_TYPES]
    if missing or (
        any(issubclass(t, (float, np.floating)) for t in types)
        and any(map(_is_nan, values.tolist()))
    ):
        raise missing_values_error(name, func)
    strings = any(issubclass(t, (str, bytes)) for t in types)
    if strings and any(issubclass(t, _NUMBER_TYPES) for t in types):
        raise ValueError(
            f"{name} of {func} holds both strings and numbers (Mix of label input "
            "types (string and number)); a label '1' and a label 1 are different "
            "classes, so pass labels of one type."
        )
    if y.ndim == 0:
        return y
    try:
        return np.asarray(y.tolist())
    except ValueError as exc:
        raise ValueError(f"{name} of {func} is ragged: {exc}") from None


def as_ndarray(y, name, func):
    """``y`` as a NumPy array of at least one dimension, the one conversion
    of array inputs (see the module docstring).

    Raises ``ValueError`` naming ``name`` and ``func`` for a 0-d array, ragged
    input, missing values in an object array and a mix of strings and
    numbers; :class:`InvalidParameterError` (a ``TypeError`` and a
    ``ValueError``) for complex numbers.
    """
    y = to_host(y)
    if _has_pandas_missing(y):
        raise missing_values_error(name, func)
    try:
        y = np.asarray(y)
    except ValueError as exc:
        raise ValueError(f"{name} of {func} is ragged: {exc}") from None
    if y.ndim == 0:
        raise ValueError(
            f"{name} of {func} must be an array with one entry per sample; got "
            f"a scalar (a 0-d array): {y!r}."
        )
    if y.dtype == object:
        y = _from_objects(y, name, func)
    if y.dtype.kind == "c":
        raise InvalidParameterError(
            f"{name} of {func} must hold real numbers; got complex values "
            f"(dtype {y.dtype})."
        )
    return _widened(y)


def check_same_rows(y_true, other, func, name="y_score"):
    """Raise unless ``other`` (named ``name``) has as many samples as ``y_true``."""
    if other.shape[0] != y_true.shape[0]:
        raise ValueError(
            f"y_true and {name} of {func} have different numbers of samples: "
            f"{y_true.shape[0]} and {other.shape[0]}."
        )
