"""Cut-offs under a constraint: the best objective among the cut-offs whose
constraint metric reaches a level.

Every distinct cut-off of a label is a candidate, "predict none" included, as
:func:`operating_points` counts them: its rates are those of the operating
points (recall 0 with positives, specificity 1, precision 0: undefined, 0 as
scikit-learn's ``zero_division`` default), so it meets a precision level only
at 0, and a specificity level always.
"""

import numbers

import numpy as np

from .._checks._params import param_error
from .._counts._curves import rate
from .._counts._sweep import label_sweeps
from ._guarantee import guaranteed_choice

CONSTRAINT_METRICS = (
    "precision",
    "recall",
    "specificity",
    "sensitivity",
    "f1",
    "jaccard",
    "accuracy",
    "balanced_accuracy",
    "matthews",
)


def check_constraint(constraint, objective, strategy, func):
    """``(metric, level)`` with a known metric and a level the metric can take,
    for an objective that splits by label; None stays None."""
    if constraint is None:
        return None
    if (
        not isinstance(constraint, (tuple, list))
        or len(constraint) != 2
        or not isinstance(constraint[0], str)
        or constraint[0] not in CONSTRAINT_METRICS
        or not isinstance(constraint[1], numbers.Real)
        or isinstance(constraint[1], bool)
        or not np.isfinite(constraint[1])
    ):
        must = f"None or a pair (metric, level), the metric one of {CONSTRAINT_METRICS}"
        raise param_error(func, "constraint", must, constraint)
    metric, level = constraint[0], float(constraint[1])
    low, high = (-1.0, 1.0) if metric == "matthews" else (0.0, 1.0)  # its values
    if not low <= level <= high:
        must = f"a pair ({metric!r}, level) with the level in [{low:g}, {high:g}]"
        raise param_error(func, "constraint", must, constraint)
    if objective.kind != "separable":
        raise ValueError(
            f"The 'constraint' parameter of {func} needs an objective that splits "
            "by label (per-label, macro or weighted averages, hamming accuracy); "
            f"got scoring={getattr(objective, 'name', 'a callable')!r}."
        )
    if strategy not in ("auto", "per_label"):
        raise ValueError(
            f"The 'constraint' parameter of {func} works with strategy='auto' or "
            f"'per_label'; got strategy={strategy!r}."
        )
    return metric, level


def constrained_thresholds(objective, truth, scores, weight, constraint, delta=None):
    """Per label, the best cut-off of ``objective`` whose ``constraint`` metric
    reaches its level (else the one of the highest metric), and whether it
    does; among equal values the highest cut-off. With ``delta`` (see
    :mod:`._guarantee`), among the cut-offs certified to reach it on the
    population with probability ``1 - delta`` (else none), and the certified
    bound as a third value (None without ``delta``)."""
    metric, level = constraint
    sweep = label_sweeps(truth, scores, weight)
    gained = objective.sweep_values(sweep, truth)
    if delta is not None:
        return guaranteed_choice(metric, level, delta, sweep, scores, gained)
    reached = rate(metric, sweep.tp, sweep.fp, sweep.positives, sweep.negatives)
    meets = sweep.valid & (reached >= level)
    best = np.argmax(np.where(meets, gained, -np.inf), axis=1)
    rows = np.arange(best.size)
    feasible = meets[rows, best]
    closest = np.argmax(np.where(sweep.valid, reached, -np.inf), axis=1)
    best = np.where(feasible, best, closest)
    return sweep.thresholds[rows, best], feasible, None
