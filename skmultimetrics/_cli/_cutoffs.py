"""Cut-offs of the command line: ``--thresholds`` specs, ``--thresholds-file``
files in, tuned cut-offs out.

JSON files hold infinite cut-offs as the strings ``"inf"`` and ``"-inf"``
(``skmultimetrics._report._json``), so they stay strict JSON.
"""

import json
import math
import warnings

import numpy as np

from .._metrics._registry import fbeta_name, lookup
from .._report._json import json_ready
from .._report._table import report_dict
from .._thresholds._constraint import CONSTRAINT_METRICS
from .._thresholds._cut_off_file import read_cut_off_file
from ._io import CommandError
from ._output import interval_warnings, progress, write_text

PROG = "skmultimetrics"


def parse_thresholds(text):
    """``"0.1:0.9:0.1"`` (stop included when a step lands on it) or ``"0.3,0.5"``."""
    text = text.strip()
    try:
        if ":" in text:
            start, stop, step = (float(part) for part in text.split(":"))
        else:
            values = [float(part) for part in text.split(",")]
    except ValueError:
        raise CommandError(
            f"--thresholds: cannot read {text!r}; use START:STOP:STEP such as "
            "0.1:0.9:0.1, or a comma list such as 0.3,0.5."
        ) from None
    if ":" in text:
        if not all(map(math.isfinite, (start, stop, step))) or step <= 0:
            raise CommandError(f"--thresholds {text}: needs finite values, STEP > 0.")
        if stop < start:
            raise CommandError(f"--thresholds {text}: STOP is below START.")
        n_steps = math.floor((stop - start) / step * (1 + 1e-9) + 1e-9)
        if n_steps >= 10_000:
            raise CommandError(f"--thresholds {text}: over 10000 cut-offs.")
        # rounding drops float noise: 0.1 + 2 * 0.1 is 0.3, not 0.30000000000000004
        values = [round(start + i * step, 12) for i in range(n_steps + 1)]
    if any(math.isnan(v) for v in values):
        raise CommandError(f"--thresholds {text}: NaN is not a cut-off.")
    return values


def _by_name(path, values, file_names, names):
    """The cut-offs of ``file_names`` (one per value: ``read_cut_off_file``
    checks it) in the order of the input's ``names``."""
    if len(set(file_names)) != len(file_names):
        raise CommandError(f"{path}: a label name repeats in {file_names}.")
    missing = [n for n in names if n not in file_names]
    extra = [n for n in file_names if n not in names]
    if missing or extra:
        raise CommandError(
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
        raise CommandError(f"{exc}.") from None
    if len(values) != n_labels:
        raise CommandError(
            f"{path}: needs one cut-off per label ({n_labels}); got "
            f"{len(values)} values."
        )
    if file_names is not None and names is not None:
        values = np.array(_by_name(path, values, file_names, names))
    return values, file_names is not None and names is None


def parse_constraint(text, confidence, scoring):
    """``--constraint METRIC=LEVEL`` and ``--confidence`` as the keywords of
    :func:`optimize_thresholds` (an empty dict without them)."""
    if text is None:
        if confidence is not None:
            raise CommandError("--confidence: needs --constraint METRIC=LEVEL.")
        return {}
    if scoring is None:
        raise CommandError("--constraint: needs --tune.")
    metric, _, level = text.partition("=")
    try:
        level = float(level)
    except ValueError:
        level = None
    if metric not in CONSTRAINT_METRICS or level is None:
        raise CommandError(
            f"--constraint: cannot read {text!r}; use METRIC=LEVEL such as "
            f"recall=0.9, METRIC one of {', '.join(CONSTRAINT_METRICS)}."
        )
    return {"constraint": (metric, level), "confidence_level": confidence}


def _one_label_objective(scoring, n_labels):
    """The objective that tunes ``scoring`` as the report reads TRUE: a label
    matrix. Of one label, the macro, micro and weighted averages are that
    label's metric (the report's rows), not scikit-learn's mean over the two
    classes of a binary target, which ``optimize_thresholds`` would read."""
    spec = lookup(scoring)
    if n_labels > 1 or spec.family != "set" or spec.average == "samples":
        return scoring
    return fbeta_name(spec.beta) if spec.metric == "fbeta" else spec.metric


def tune(y_true, y_score, scoring, names, confidence_level, constraint):
    """The cut-offs of ``--tune`` (under ``constraint``, the keywords of
    :func:`parse_constraint`) and the report at them."""
    from .._thresholds._optimize import optimize_thresholds

    try:
        with warnings.catch_warnings(record=True) as caught:  # uncertified labels
            warnings.simplefilter("always")
            objective = _one_label_objective(scoring, y_true.shape[1])
            result = optimize_thresholds(
                y_true, y_score, scoring=objective, **constraint
            )
    except ValueError as exc:
        raise CommandError(f"--tune: {exc}") from None
    for warning in caught:
        progress(str(warning.message).replace("optimize_thresholds", "--tune"))
    with interval_warnings(f"{PROG} report"):
        report = report_dict(  # cut-offs as floats, for format_report
            y_true,
            y_score,
            thresholds=[result.thresholds],
            target_names=names,
            confidence_level=confidence_level,
        )
    guarantee = None
    if constraint:
        metric, level = constraint["constraint"]
        guarantee = {
            "metric": metric,
            "level": level,
            "confidence_level": constraint["confidence_level"],
            "met": [bool(m) for m in result.feasible],
            "bound": [
                None if math.isnan(b) else float(b)
                for b in result.get("constraint_bound", [])
            ]
            or None,
        }
    return {
        "scoring": scoring,
        "score": float(result.score),
        "thresholds": [float(t) for t in result.thresholds],
        "constraint": guarantee,
        "report": report,
    }


def write_thresholds(path, tuned, names):
    """The cut-offs of :func:`tune`'s ``tuned``: JSON when ``path`` ends in .json
    (``names``, the input's label names or None, as ``"labels"``; a guarantee
    as ``"constraint"``), else one per line."""
    values = tuned["thresholds"]
    text = "\n".join(repr(v) for v in values)
    if str(path).lower().endswith(".json"):
        data = {"scoring": tuned["scoring"], "score": tuned["score"], "labels": names}
        if tuned["constraint"] is not None:
            data["constraint"] = tuned["constraint"]
        data = json_ready({**data, "thresholds": values})
        text = json.dumps(data, indent=2, allow_nan=False)
    write_text(path, text + "\n")
