"""Strict JSON for reports and cut-offs.

JSON has no infinity: an infinite cut-off is written as the string ``"inf"``
(no score reaches it: the label is never predicted) or ``"-inf"`` (every score
reaches it: the label is always predicted), and read back from those strings.
NaN, which no report or cut-off should hold, becomes ``"nan"``.
"""

import math

import numpy as np

INFINITE = {"inf": math.inf, "-inf": -math.inf}


def json_ready(value):
    """``value`` ready for ``json.dumps(..., allow_nan=False)``.

    Dicts, lists and tuples are walked; NumPy scalars and arrays become Python
    numbers and lists; infinite floats become ``"inf"`` / ``"-inf"`` and NaN
    ``"nan"``.
    """
    if isinstance(value, dict):
        return {key: json_ready(item) for key, item in value.items()}
    if isinstance(value, (list, tuple, np.ndarray)):
        return [json_ready(item) for item in value]
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")
    return value


def cut_off_from_json(value):
    """A cut-off read from JSON: a number, or ``"inf"`` / ``"-inf"``.

    Raises ``ValueError`` for anything else (``true``, ``"0.5"``, ``null``,
    NaN), whose float would be a guess.
    """
    if isinstance(value, str) and value.strip().lower() in INFINITE:
        return INFINITE[value.strip().lower()]
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f'{value!r} is not a number, "inf" or "-inf"')
    value = float(value)
    if math.isnan(value):
        raise ValueError("NaN is not a cut-off")
    return value
