"""Cut-offs of the command line: ``--thresholds`` specs, ``--thresholds-file``
files in, tuned cut-offs out.

JSON files hold infinite cut-offs as the strings ``"inf"`` and ``"-inf"``
(``skmultimetrics._report._json``), so they stay strict JSON.
"""

import json
import math
from pathlib import Path

import numpy as np

from .._report._json import json_ready
from .._thresholds._cut_off_file import read_cut_off_file
from ._io import InputError


def parse_thresholds(text):
    """``"0.1:0.9:0.1"`` (stop included when a step lands on it) or ``"0.3,0.5"``."""
    text = text.strip()
    try:
        if ":" in text:
            start, stop, step = (float(part) for part in text.split(":"))
        else:
            values = [float(part) for part in text.split(",")]
    except ValueError:
        raise InputError(
            f"--thresholds: cannot read {text!r}; use START:STOP:STEP such as "
            "0.1:0.9:0.1, or a comma list such as 0.3,0.5."
        ) from None
    if ":" in text:
        if not all(map(math.isfinite, (start, stop, step))) or step <= 0:
            raise InputError(f"--thresholds {text}: needs finite values, STEP > 0.")
        if stop < start:
            raise InputError(f"--thresholds {text}: STOP is below START.")
        n_steps = math.floor((stop - start) / step * (1 + 1e-9) + 1e-9)
        if n_steps >= 10_000:
            raise InputError(f"--thresholds {text}: over 10000 cut-offs.")
        # rounding drops float noise: 0.1 + 2 * 0.1 is 0.3, not 0.30000000000000004
        values = [round(start + i * step, 12) for i in range(n_steps + 1)]
    if any(math.isnan(v) for v in values):
        raise InputError(f"--thresholds {text}: NaN is not a cut-off.")
    return values


def _by_name(path, values, file_names, names):
    """The cut-offs of ``file_names`` in the order of the input's ``names``."""
    if len(file_names) != len(values):
        raise InputError(
            f"{path}: {len(file_names)} label names but {len(values)} cut-offs."
        )
    if len(set(file_names)) != len(file_names):
        raise InputError(f"{path}: a label name repeats in {file_names}.")
    missing = [n for n in names if n not in file_names]
    extra = [n for n in file_names if n not in names]
    if missing or extra:
        raise InputError(
            f"{path}: its labels do not match the input's: no cut-off for "
            f'{missing}, cut-offs for unknown {extra} (edit its "labels", or '
            "set them to null to apply the cut-offs by position)."
        )
    position = {name: i for i, name in enumerate(file_names)}
    return [values[position[name]] for name in names]


def read_thresholds(path, n_labels, names=None):
    """Per-label cut-offs from a file written by ``--output``.

    JSON (a list, or an object with a ``"thresholds"`` list and optionally
    ``"labels"``, their names; ``"inf"`` and ``"-inf"`` for infinite cut-offs)
    or text with one number per line (commas and spaces also separate; ``inf``
    is allowed). When both the file and the input (``names``, a CSV header)
    name the labels, each cut-off goes to the label of its name; otherwise they
    apply by position.

    Returns
    -------
    thresholds : ndarray of shape (n_labels,)
    by_position : bool
        True when the file names its labels but the input does not, so the
        names could not be checked.
    """
    try:
        values, file_names = read_cut_off_file(path)
    except ValueError as exc:
        raise InputError(f"{exc}.") from None
    if len(values) != n_labels:
        raise InputError(
            f"{path}: needs one cut-off per label ({n_labels}); got "
            f"{len(values)} values."
        )
    if file_names is not None and names is not None:
        values = np.array(_by_name(path, values, file_names, names))
    return values, file_names is not None and names is None


def write_thresholds(path, thresholds, *, scoring, score, names):
    """Tuned cut-offs: JSON when ``path`` ends in .json (``names``, the input's
    label names or None, as ``"labels"``), else one per line."""
    path = Path(path)
    values = [float(t) for t in thresholds]
    if path.suffix.lower() == ".json":
        data = {"scoring": scoring, "score": score, "labels": names}
        data = json_ready({**data, "thresholds": values})
        text = json.dumps(data, indent=2, allow_nan=False)
    else:
        text = "\n".join(repr(v) for v in values)
    try:
        path.write_text(text + "\n")
    except OSError as exc:
        raise InputError(f"{path}: cannot write ({exc}).") from None
