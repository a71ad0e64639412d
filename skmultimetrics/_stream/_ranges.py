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


def _range_stats(scores, checks):
    """``(n_cells, min, max, n_outside of each check)`` of checked ``scores``."""
    values, zeros = _values(scores)
    if values.size + zeros == 0:
        return 0, np.inf, -np.inf, [0] * len(checks)
    lowest = min(values.min(), 0.0) if zeros else values.min()
    highest = max(values.max(), 0.0) if zeros else values.max()
    counts = []
    for _, low, high in checks:
        n_outside = 0
        if lowest < low or highest > high:
            n_outside = np.count_nonzero((values < low) | (values > high))
            if zeros and not low <= 0.0 <= high:
                n_outside += zeros
        counts.append(int(n_outside))
    return values.size + zeros, float(lowest), float(highest), counts


def _found(stats, checks):
    """The entries of :func:`outside` from ``(n_cells, min, max, counts)``."""
    n_cells, lowest, highest, counts = stats
    return [
        (setting, low, high, n_outside, n_cells, lowest, highest)
        for (setting, low, high), n_outside in zip(checks, counts)
        if n_outside
    ]


def outside(scores, checks):
    """For each check that ``scores`` break: ``(setting, low, high, n_outside,
    n_cells, min, max)``."""
    return _found(_range_stats(scores, checks), checks) if checks else []


def _block_stats(block, checks):
    """:func:`_range_stats` of a row block of Dask scores; None for a block that
    is not numbers (the block's own checks then raise, naming the argument)."""
    try:
        block = block if hasattr(block, "indptr") else np.asarray(block, dtype=float)
        if block.ndim == 1:
            block = block[:, np.newaxis]
        return _range_stats(block, checks)
    except (TypeError, ValueError, AttributeError):
        return None


def dask_range_stats(y_score, checks):
    """Delayed :func:`_range_stats` of every row block of Dask ``y_score``, to
    compute in the pass that counts (see :func:`dask_outside`)."""
    import dask
    import dask.array as da

    if not isinstance(y_score, da.Array):
        return [dask.delayed(_block_stats)(y_score, checks)]
    return [dask.delayed(_block_stats)(b, checks) for b in y_score.to_delayed().ravel()]


def dask_outside(block_stats, checks):
    """The entries of :func:`outside` from the computed block statistics."""
    if not checks or any(stats is None for stats in block_stats):
        return []
    n_cells = sum(stats[0] for stats in block_stats)
    lowest = min(stats[1] for stats in block_stats)
    highest = max(stats[2] for stats in block_stats)
    counts = np.sum([stats[3] for stats in block_stats], axis=0).astype(int).tolist()
    return _found((n_cells, lowest, highest, counts), checks)


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
