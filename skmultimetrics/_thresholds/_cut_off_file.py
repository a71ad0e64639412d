"""FixedThresholdClassifier's ``threshold``: a number, an array, a pandas Series or
the cut-off file of ``skmultimetrics report --tune --output``, checked and
aligned to the labels (or classes) of the target."""

import json
import math
import numbers
import os
from pathlib import Path

import numpy as np

from .._checks._multiclass import check_class_thresholds
from .._checks._params import InvalidParameterError, check_cut_offs, param_error

NAME = "FixedThresholdClassifier"
_MUST = (
    "'auto', a float, an array of floats, a pandas Series indexed by label or "
    "the path of a cut-off file (as written by skmultimetrics report --tune "
    "--output)"
)
_INFINITE = {
    "inf": math.inf,
    "+inf": math.inf,
    "infinity": math.inf,
    "+infinity": math.inf,
    "-inf": -math.inf,
    "-infinity": -math.inf,
}


def _error(message):
    return InvalidParameterError(f"The 'threshold' parameter of {NAME} {message}")


def read_file(threshold):
    """:func:`read_cut_off_file` of a ``threshold`` path, its errors naming
    ``threshold``."""
    shown = os.fspath(threshold)
    if not Path(threshold).is_file():
        raise _error(f"must be {_MUST}; got {shown!r}, which is not a file.")
    try:
        return read_cut_off_file(threshold)
    except ValueError as exc:
        raise _error(f"is the cut-off file {exc}.") from None


def is_path(threshold):
    """True for a path (str or os.PathLike) other than the keyword "auto"."""
    if isinstance(threshold, str):
        return threshold != "auto"
    return isinstance(threshold, os.PathLike)


def _cut_off(value, i):
    """Cut-off ``i`` of a JSON file: a number, or "inf" / "-inf" as a string."""
    if isinstance(value, str) and value.strip().lower() in _INFINITE:
        return _INFINITE[value.strip().lower()]
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ValueError(
            f'cut-off {i + 1} (position {i}) is {value!r}, not a number, "inf" or '
            '"-inf"'
        )
    return float(value)


def _json_cut_offs(text):
    data = json.loads(text)
    names = None
    if isinstance(data, dict):
        if "thresholds" not in data:
            raise ValueError("it has no 'thresholds' list")
        names = data.get("labels")
        data = data["thresholds"]
    if not isinstance(data, list):
        raise ValueError(f"its cut-offs are not a list; got {type(data).__name__}")
    values = [_cut_off(value, i) for i, value in enumerate(data)]
    if names is not None and (
        not isinstance(names, list)
        or len(names) != len(values)
        or not all(isinstance(name, str) for name in names)
    ):
        raise ValueError(
            f"its 'labels' is not a list of one name per cut-off ({len(values)}) "
            "or null"
        )
    return values, names


def read_cut_off_file(path):
    """The cut-offs and label names (or None) of a cut-off file: the one
    reader, of ``FixedThresholdClassifier(threshold=path)`` and of
    ``skmultimetrics report --thresholds-file``.

    JSON (when the name ends in .json): an object with a ``"thresholds"`` list
    and optionally a ``"labels"`` list of the same length (what ``skmultimetrics
    report --tune --output F.json`` writes), or a plain list. Infinite cut-offs
    are JSON numbers or the strings ``"inf"`` and ``"-inf"``. Any other name:
    text, one number per line (commas and spaces also separate, ``#`` starts a
    comment). NaN and empty files are refused.

    Raises
    ------
    ValueError
        ``"{path}: what is wrong"``.
    """
    shown = os.fspath(path)
    path = Path(path)
    try:
        if not path.is_file():
            raise ValueError("no such file")
        text = path.read_text(encoding="utf-8-sig")
        if path.suffix.lower() == ".json":
            try:
                values, names = _json_cut_offs(text)
            except json.JSONDecodeError as exc:
                raise ValueError(f"not JSON ({exc})") from None
        else:
            names = None
            lines = (line.split("#")[0] for line in text.splitlines())
            tokens = [t for line in lines for t in line.replace(",", " ").split()]
            values = []
            for i, token in enumerate(tokens):
                try:
                    values.append(float(token))
                except ValueError:
                    raise ValueError(
                        f"cut-off {i + 1} ({token!r}) is not a number"
                    ) from None
        if not values:
            raise ValueError("it holds no cut-offs")
        nan = [i for i, v in enumerate(values) if math.isnan(v)]
        if nan:
            raise ValueError(
                f"cut-off {nan[0] + 1} is NaN; every label needs a number (inf "
                "never predicts it, -inf always does)"
            )
    except RecursionError:
        raise ValueError(f"{shown}: the JSON is nested too deeply to read") from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise ValueError(f"{shown}: {exc}") from None
    return np.array(values, dtype=np.float64), names


def _default_names(names):
    """Names the command line gives labels of a file without a header."""
    n = len(names)
    return names == [f"label {j}" for j in range(n)] or names == ["positive class"]


def _aligned(values, names, target, source):
    """``values`` (named ``names``, or None) in the order of the target's labels.

    Names are compared as strings. Without names on either side the order is
    the file's (or Series') and only the number is checked.
    """
    kind, classes, target_names = target
    n = 1 if kind == "binary" else classes.shape[0]
    what = "classes" if kind == "multiclass" else "labels"
    if names is not None and _default_names([str(v) for v in names]):
        names = None
    if names is not None and target_names is not None:
        keys = [str(v) for v in names]
        wanted = [str(v) for v in target_names]
        if len(set(keys)) != len(keys):
            raise _error(f"is {source}, whose {what} are not distinct: {keys}.")
        missing = [k for k in wanted if k not in keys]
        extra = [k for k in keys if k not in wanted]
        if missing or extra:
            against = "classes of y" if kind == "multiclass" else "columns of y"
            raise _error(
                f"is {source}, whose {what} do not match the {against} used in "
                f"fit: missing {missing}, not in y {extra}."
            )
        position = {k: i for i, k in enumerate(keys)}
        return values[[position[k] for k in wanted]]
    if values.shape[0] != n:
        need = {
            "binary": "one cut-off for a binary target",
            "multilabel": f"one cut-off for each of the {n} labels",
            "multiclass": f"one threshold for each of the {n} classes",
        }[kind]
        raise _error(
            f"is {source}, which holds {values.shape[0]} cut-offs; it needs "
            f"{need} (shape ({n},))."
        )
    return values


def _check_numbers(threshold):
    """Refuse booleans, strings and objects: never read them as numbers."""
    items = threshold if isinstance(threshold, (list, tuple)) else [threshold]
    if any(isinstance(v, (bool, np.bool_)) for v in items):
        raise param_error(NAME, "threshold", _MUST + " (not booleans)", threshold)
    try:
        values = np.asarray(threshold)
    except ValueError:  # ragged
        raise param_error(NAME, "threshold", _MUST, threshold) from None
    if values.dtype.kind not in "iuf":
        raise param_error(NAME, "threshold", _MUST, threshold)
    return values.astype(np.float64)


def resolve_cut_offs(threshold, target, response_method, file_cache=None):
    """The cut-offs that ``predict`` applies: a float (binary targets), an array
    of shape (n_labels,) (multi-label) or (n_classes,) (multiclass, ``1 / w``).

    ``target`` is ``(kind, classes, names)``: the kind of target, its classes
    (``arange(n_labels)`` for multi-label) and the names its cut-offs are
    aligned to (the DataFrame columns of y, the classes, or None).
    ``response_method`` is the method whose scores are cut ("predict_proba" or
    "decision_function"); it sets ``threshold="auto"``. ``file_cache`` holds
    ``(path, values, names)`` of the file read by ``fit``.
    """
    kind, classes, _ = target
    if isinstance(threshold, str) and threshold == "auto":
        if kind == "multiclass":
            return np.ones(classes.shape[0])
        return 0.5 if response_method == "predict_proba" else 0.0
    if is_path(threshold):
        path = os.fspath(threshold)
        if file_cache is not None and file_cache[0] == path:
            values, names = file_cache[1], file_cache[2]
        else:
            values, names = read_file(threshold)
        threshold = _aligned(values, names, target, f"the file {path!r}")
    elif hasattr(threshold, "index") and hasattr(threshold, "iloc"):  # a Series
        if getattr(threshold, "ndim", 1) != 1:
            raise param_error(NAME, "threshold", _MUST, threshold)
        index = list(threshold.index)
        names = None if index == list(range(len(index))) else index
        values = _check_numbers(threshold.to_numpy())
        threshold = _aligned(values, names, target, "a Series")
    else:
        threshold = _check_numbers(threshold)
    if kind == "binary":
        values = np.asarray(threshold, dtype=np.float64)
        if values.shape not in ((), (1,)):
            raise _error(
                "must be a float for a binary target (one cut-off on the scores "
                f"of the class classes_[1]); got shape {values.shape}."
            )
        value = float(values.reshape(-1)[0])
        if math.isnan(value):
            raise _error("is NaN; NaN is no cut-off.")
        return value
    if kind == "multiclass":
        return check_class_thresholds(threshold, classes.shape[0], NAME, "threshold")
    return check_cut_offs(
        threshold,
        classes.shape[0],
        NAME,
        "threshold",
        hint=" (the labels: the columns of y)",
    )
