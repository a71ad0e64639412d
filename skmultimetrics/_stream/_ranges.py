"""Scores outside the range that an accumulator's settings assume.

Two settings assume a range of scores: the default ``threshold=0.5`` assumes
probabilities (scores in [0, 1]; logits or margins cut at 0.5 give plausible but
wrong metrics), and ``bins=`` assumes the scores lie within the edges (outside
them every score shares one of two outer bins, so no cut-off can be placed among
them). A :class:`MetricAccumulator` warns once for each, at the first batch that
leaves the range.
"""

import numbers

import numpy as np


class DefaultThreshold(float):
    """The default ``threshold=0.5`` of :class:`MetricAccumulator`: a float, so
    the signature, ``repr`` and every computation see 0.5, whose type tells that
    the caller did not choose it."""

    __slots__ = ()

    def __repr__(self):
        return repr(float(self))


DEFAULT_THRESHOLD = DefaultThreshold(0.5)


def range_checks(default_threshold, edges, kind):
    """``(setting, low, high)`` for every range that the settings assume."""
    checks = []
    if default_threshold and kind in ("multilabel", "binary"):
        checks.append(("threshold", 0.0, 1.0))
    if edges is not None and kind != "multiclass":
        checks.append(("bins", float(edges[0]), float(edges[-1])))
    return checks


def _values(scores):
    """The stored values of ``scores`` and how many cells are implicit zeros."""
    if hasattr(scores, "indptr"):
        n_cells = scores.shape[0] * scores.shape[1]
        return np.asarray(scores.data), n_cells - scores.data.size
    return scores, 0


def outside(scores, checks):
    """For each check that ``scores`` break: ``(setting, low, high, n_outside,
    n_cells, min, max)``."""
    if not checks:
        return []
    values, zeros = _values(scores)
    n_cells = values.size + zeros
    lowest = min(values.min(), 0.0) if zeros else values.min()
    highest = max(values.max(), 0.0) if zeros else values.max()
    found = []
    for setting, low, high in checks:
        if lowest >= low and highest <= high:
            continue
        n_outside = np.count_nonzero((values < low) | (values > high))
        if zeros and not low <= 0.0 <= high:
            n_outside += zeros
        found.append(
            (setting, low, high, int(n_outside), n_cells, float(lowest), float(highest))
        )
    return found


def range_warning(found, bins, func):
    """The message for one entry of :func:`outside`."""
    setting, low, high, n_outside, n_cells, lowest, highest = found
    if isinstance(bins, numbers.Integral):
        bins = f"bins={bins}"
    else:
        bins = f"bins= ({np.size(bins)} edges)"
    share = f"{n_outside} of the {n_cells} scores ({n_outside / n_cells:.1%})"
    batch = f"{share} of a batch of {func} lie outside [{low:g}, {high:g}]"
    if setting == "threshold":
        return (
            f"{batch} (they range over [{lowest:g}, {highest:g}]), but threshold= "
            "was not given: the default cut-off 0.5 is meant for probabilities, "
            "and cuts logits or margins at a plausible but wrong place. Pass "
            "threshold= explicitly (0.0 for logits, say) or map the scores to "
            "probabilities first. Warned once per accumulator."
        )
    return (
        f"{batch}, the range of the edges of {bins}: the scores below "
        f"{low:g} share the bin under the first edge and those at or above "
        f"{high:g} the bin of the last, so sweep() and optimize_thresholds() can "
        "place no cut-off among them (the counts at every edge stay exact). Pass "
        "edges that cover the scores, e.g. bins=np.linspace(low, high, 101) with "
        f"low <= {lowest:g} and high >= {highest:g} (this batch's range). Warned "
        "once per accumulator."
    )
