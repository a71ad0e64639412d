"""Curve metrics of a stream: ROC AUC, average precision and the operating
points, from the score histograms of ``_counts._histogram``, averaged and warned
of as the one-shot functions do.

A histogram that is exact (every score a float16 or a bfloat16 value) gives the
one-shot value. Otherwise its bins hold intervals of scores whose order inside
a bin is unknown: :func:`curve_value` with ``bounds=True`` also returns the
lowest and the highest value over those orders (widened by ``ROUNDING`` for
floating-point rounding), and the value it returns lies between them.
"""

import warnings

import numpy as np

from .._checks._onehot import caller_stacklevel
from .._counts._curves import area_values, warn_infeasible
from .._counts._histogram import histogram_areas, histogram_operating_points
from .._counts._reductions import labels_average

CURVE_FAMILIES = ("auc", "ap", "level")
ROUNDING = 1e-9
WIDE = 0.01  # bounds wider than this make result() warn
_LEVEL_RATES = {
    "recall_at_precision": ("recall", "precision"),
    "precision_at_recall": ("precision", "recall"),
}


def is_curve(spec):
    """Whether a spec's metric is read from the score histograms."""
    return spec.family in CURVE_FAMILIES


def _average(values, support, average):
    if values.size == 1:
        return float(values[0])
    return labels_average(values, support, average)


def _quiet(function, *args):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return function(*args)


def curve_value(spec, hist, bounds=False):
    """The value of a curve spec from a stream's histogram (one label for
    binary targets), or with ``bounds`` ``(value, low, high)``. A value whose
    bounds are more than ``WIDE`` apart comes with a warning."""
    if bounds or hist.exact:
        return _curve_value(spec, hist, bounds)
    value, low, high = _curve_value(spec, hist, True)
    if high - low > WIDE:
        warnings.warn(
            f"{spec.name}: the scores are not all float16 or bfloat16 values, "
            "and the histogram's float16 bins leave the exact value anywhere in "
            f"[{low:.4g}, {high:.4g}] (this value is {value:.4g}): the scores "
            "mix inside bins (or lie beyond float16's range, +-65504). See "
            "MetricAccumulator.bounds(); scale the scores into float16's range, "
            "or compute the metric on the whole arrays.",
            UserWarning,
            stacklevel=caller_stacklevel(),
        )
    return value


def _curve_value(spec, hist, bounds):
    average = spec.average or "macro"
    if average == "micro":
        hist = hist.pooled()
    support = hist.positives()
    if average == "weighted" and np.isclose(support.sum(), 0) and support.size > 1:
        return (0.0, 0.0, 0.0) if bounds else 0.0  # the one-shot's 0, unwarned
    if spec.family == "level":
        objective, constraint = _LEVEL_RATES[spec.metric]
        values, feasible = histogram_operating_points(
            hist, objective, constraint, spec.level
        )
        warn_infeasible(feasible, objective, constraint, spec.level)
        value = _average(values, support, average)
        if not bounds:
            return value
        high = value
        if not hist.exact:
            values, _ = histogram_operating_points(
                hist, objective, constraint, spec.level, optimistic=True
            )
            high = _average(values, support, average)
        return _bounded(value, value, high)
    kind, key = (
        ("roc", "roc") if spec.family == "auc" else ("average_precision", "precision")
    )
    areas = histogram_areas(hist, bounds=bounds and not hist.exact)
    positives, negatives = areas["positives"], areas["negatives"]
    values = area_values(kind, areas[key], positives, negatives)
    value = _average(values, support, average)
    if not bounds:
        return value
    if hist.exact:
        return _bounded(value, value, value)
    low, high = (
        _average(
            _quiet(area_values, kind, areas[key + end], positives, negatives),
            support,
            average,
        )
        for end in ("_low", "_high")
    )
    return _bounded(value, low, high)


def _bounded(value, low, high):
    """``(value, low, high)``, the bounds widened for rounding within [0, 1]
    (NaN stays NaN)."""
    return (
        value,
        float(np.maximum(low - ROUNDING, 0.0)),
        float(np.minimum(high + ROUNDING, 1.0)),
    )
