"""Cut-offs of a stream: score histograms per label, swept at their bin edges.

With ``bins=``, a :class:`MetricAccumulator` keeps, per label, how much weight of
the positives and of the negatives fell in each bin. The counts of ``score >=
edge`` at every edge are sums of bins, so :meth:`MetricAccumulator.sweep` and
:meth:`MetricAccumulator.optimize_thresholds` are exact for cut-offs on the
edges (and only consider those).
"""

import numbers

import numpy as np
from sklearn.utils import Bunch

from .._checks._params import InvalidParameterError, param_error
from .._counts._reductions import (
    jaccard_from_counts_averaged,
    micro_counts,
    prf_from_counts,
)
from .._counts._statistics import LabelCounts
from .._counts._sweep import best_per_label, metric_from_counts
from .._thresholds._objective import Objective, two_class_values
from .._thresholds._optimize import dinkelbach_choice
from .._thresholds._threshold_sweep import (
    check_sweep_params,
    curves_from_sweep,
    one_label_curves,
)

# More bins than this resolve nothing that float scores hold, and the histograms
# (two counters per bin and label, float64) of many labels would not fit in memory.
MAX_BINS = 10**6
MAX_COUNTERS = 10**8


def check_bins(bins, func):
    """Bin edges from ``bins``: None; an int n in [1, MAX_BINS] (n equal-width
    bins on [0, 1], n + 1 edges); or at most MAX_BINS + 1 increasing finite
    edges."""
    if bins is None:
        return None
    expected = f"None, an int in [1, {MAX_BINS}] or increasing edges"
    if isinstance(bins, numbers.Integral) and not isinstance(bins, bool):
        if not 1 <= bins <= MAX_BINS:
            raise param_error(func, "bins", expected, bins)
        return np.linspace(0.0, 1.0, int(bins) + 1)
    try:
        edges = np.asarray(bins, dtype=np.float64)
    except (TypeError, ValueError):
        raise param_error(func, "bins", expected, bins) from None
    if edges.ndim == 1 and edges.size > MAX_BINS + 1:
        raise InvalidParameterError(
            f"The 'bins' parameter of {func} must have at most {MAX_BINS + 1} "
            f"edges; got {edges.size}."
        )
    if edges.ndim == 1 and np.isinf(edges).any():
        raise InvalidParameterError(
            f"The 'bins' parameter of {func} must have finite edges; got "
            f"{edges.tolist()!r}. Scores below the first edge and at or above the "
            "last are counted in two outer bins, and sweep() and "
            "optimize_thresholds() also try -inf and inf (every sample, no "
            "sample): an infinite edge adds nothing."
        )
    if (
        edges.ndim != 1
        or edges.size == 0
        or not np.isfinite(edges).all()
        or (np.diff(edges) <= 0).any()
    ):
        raise InvalidParameterError(
            f"The 'bins' parameter of {func} must be None, an int >= 1 or a 1-D "
            "array of finite, strictly increasing edges; got "
            f"{np.asarray(bins).tolist()!r}."
        )
    return edges


def check_bin_counters(edges, n_labels, func):
    """Refuse histograms of more than MAX_COUNTERS counters (2 per bin and label),
    once the number of labels is known."""
    counters = 2 * n_labels * (edges.size + 1)
    if counters > MAX_COUNTERS:
        raise ValueError(
            f"The 'bins' parameter of {func} is too fine for {n_labels} labels: "
            f"{edges.size + 1} bins (the edges and two outer bins) x 2 x "
            f"{n_labels} labels are {counters} counters, more than {MAX_COUNTERS} "
            f"({MAX_COUNTERS * 8 // 10**6} MB); pass fewer bins."
        )


def _sweep_of(sums, edges, func):
    """The sweep of the ``bins=`` histograms, else of the curve names' when
    they hold every score exactly (a cut-off at every float16 or bfloat16
    value)."""
    if "bins" in sums:
        return sums["bins"].sweep(edges)
    if "curves" in sums and sums["curves"].exact:
        return sums["curves"].sweep()
    curves = (
        " (the curve names' histograms hold other scores than float16 or "
        "bfloat16 values, whose cut-offs they do not keep)"
        if "curves" in sums
        else ""
    )
    raise ValueError(
        f"{func} needs score histograms{curves}: create the accumulator with bins= "
        "(an int for equal-width bins on [0, 1], or the edges)."
    )


def binned_curves(sums, edges, kind, *, metric, beta, zero_division, func):
    """:func:`threshold_sweep`'s result at the bin edges."""
    metric, beta, zero_division = check_sweep_params(metric, beta, zero_division, func)
    curves = curves_from_sweep(
        _sweep_of(sums, edges, func), metric, beta=beta, zero_division=zero_division
    )
    return one_label_curves(curves) if kind == "binary" else curves


def _objective_value(objective, sweep, choice, total):
    """The objective at the chosen column of every label, from the counts."""
    labels = np.arange(choice.size)
    tp, fp = sweep.tp[labels, choice], sweep.fp[labels, choice]
    positives = sweep.positives[:, 0]
    if objective.metric == "accuracy":  # hamming accuracy
        wrong = fp.sum() + (positives - tp).sum()
        return float(1.0 - wrong / (total * choice.size))
    counts = LabelCounts(tp, tp + fp, positives, total)
    average = objective.average
    if average == "micro":
        counts = micro_counts(counts)
    if objective.metric == "jaccard":
        return float(
            jaccard_from_counts_averaged(counts, average=average, zero_division=0.0)
        )
    precision, recall, fscore, _ = prf_from_counts(
        counts, beta=objective.beta, average=average, zero_division=0.0
    )
    return float(
        {"precision": precision, "recall": recall}.get(objective.metric, fscore)
    )


def _two_class_values(objective, sweep):
    """scikit-learn's macro, weighted or micro average over the classes 0 and
    1 of a binary stream at every edge. A class counts as present when it has
    weight in the truth or the predictions (the histograms keep no unweighted
    counts: a class whose every sample has weight 0 counts as absent, where
    scikit-learn counts it)."""
    predicted = sweep.tp + sweep.fp
    total = sweep.positives + sweep.negatives
    present = (
        (sweep.positives > 0) | (predicted > 0),
        (sweep.negatives > 0) | (total - predicted > 0),
    )
    counts = (sweep.tp, sweep.fp, sweep.positives, sweep.negatives)
    return two_class_values(
        objective.metric, objective.average, counts, present, objective.beta
    )


def binned_thresholds(sums, edges, kind, *, scoring, func):
    """:func:`optimize_thresholds`'s result over the bin edges."""
    sweep = _sweep_of(sums, edges, func)
    objective = Objective(scoring, kind == "binary", func, n_labels=sweep.tp.shape[0])
    two_class = None
    if getattr(objective, "two_class", False):
        two_class = _two_class_values(objective, sweep)
        choice = best_per_label(sweep, two_class)[0]
    elif objective.kind == "separable":
        values = metric_from_counts(
            objective.metric,
            sweep.tp,
            sweep.fp,
            sweep.positives,
            sweep.negatives,
            beta=objective.beta,
        )
        choice = best_per_label(sweep, values)[0]
    elif objective.kind == "ratio":
        choice = dinkelbach_choice(sweep, objective.metric, beta=objective.beta)
    else:
        raise ValueError(
            f"scoring={getattr(objective, 'name', scoring)!r} of {func} needs each "
            "sample's predictions (samples averages, subset accuracy, callables), "
            "which histograms do not keep; use a per-label, macro, weighted or "
            "micro objective, or optimize_thresholds on the whole arrays."
        )
    labels = np.arange(choice.size)
    thresholds = sweep.thresholds[labels, choice]
    if two_class is not None:
        score = float(two_class[labels, choice][0])
    else:
        score = _objective_value(objective, sweep, choice, sums["set"]["total"])
    return Bunch(
        thresholds=float(thresholds[0]) if kind == "binary" else thresholds,
        score=score,
    )
