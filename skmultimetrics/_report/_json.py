"""Strict JSON for reports and cut-offs.

JSON has no infinity: an infinite cut-off is written as the string ``"inf"``
(no score reaches it: the label is never predicted) or ``"-inf"`` (every score
reaches it: the label is always predicted), and read back from those strings.
NaN, which no report or cut-off should hold, becomes ``"nan"``. Cut-off files
are read by ``_thresholds._cut_off_file.read_cut_off_file``.
"""

import math

import numpy as np


def json_ready(value, nan="nan"):
    """``value`` ready for ``json.dumps(..., allow_nan=False)``.

    Dicts, lists and tuples are walked; NumPy scalars and arrays become Python
    numbers and lists; infinite floats become ``"inf"`` / ``"-inf"`` and NaN
    ``nan`` (the reports' dicts: None).
    """
    if isinstance(value, dict):
        return {key: json_ready(item, nan) for key, item in value.items()}
    if isinstance(value, (list, tuple, np.ndarray)):
        return [json_ready(item, nan) for item in value]
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return nan if math.isnan(value) else ("inf" if value > 0 else "-inf")
    return value
