"""B resampled sums, added chunk by chunk, and their percentile intervals.

The one bootstrap of data that comes in chunks (the batches of
``MetricAccumulator(bootstrap=B)``, the blocks of rows of
:func:`multilabel_report` and of the command line's files): each chunk is
reduced to the per-unit :class:`~._sums.Stats` of the families of
:func:`confidence_interval` (per-label tp / pred / true counts; each mean's
numerator and denominator), and B Poisson(1) weight rows for its units, drawn
in the one-shot bootstrap's blocks of resamples, turn them into B resampled
sums. The state is B x (size of the sums), whatever the number of samples, and
two states merge by addition. The intervals are the families' values of the
summed resamples, so on one chunk they are the one-shot percentile intervals
of the same draws, and on the concatenated chunks those up to Monte-Carlo
error.
"""

import numpy as np

from ._build import mean_family, set_family, set_ratio
from ._columns import COLUMNS, combined
from ._interval import finish_interval
from ._methods import empty_note, warn
from ._sums import Stats, weighted_sums
from ._weights import poisson_blocks

# The label counts kept: every set metric's denominator is a sum of them.
COUNTS = {key: COLUMNS[key] for key in ("tp", "pred", "true")}


def add_resamples(state, stats, rng, n_resamples):
    """``state`` (None: empty) plus the resampled sums of one chunk's
    ``stats``, drawn from ``rng`` in the one-shot bootstrap's blocks of
    resamples; returns a new dict. ``stats`` maps ``group + "counts"`` to the
    label counts (summed as ``group + column``), any other key to the Stats
    of a mean (column "mean"), and "true_count" to the positives per label
    (added as they are); "drawn" is the total weight of each resample."""
    columns = {}
    for key, value in stats.items():
        if key.endswith("counts"):
            group = key.removesuffix("counts")
            columns |= {group + c: v for c, v in value.columns.items()}
        elif key != "true_count":
            columns[key] = value.columns["mean"]
    n_units = next(iter(columns.values())).shape[1]
    blocks = []
    for weights in poisson_blocks(rng, n_resamples, n_units):
        blocks.append(weighted_sums(columns, weights))
        blocks[-1]["drawn"] = weights.sum(axis=1, dtype=np.float64)
    sums = {key: np.concatenate([block[key] for block in blocks]) for key in blocks[0]}
    if "true_count" in stats:
        sums["true_count"] = stats["true_count"]
    return merge_resamples(state, sums)


def merge_resamples(mine, theirs):
    """The sum of two states (None: empty); the arrays are never changed in
    place, so one state may be the other's."""
    if mine is None or theirs is None:
        return theirs if mine is None else mine
    return {key: mine[key] + theirs[key] for key in mine}


def zeros(sums):
    """Stats of zero totals, to build a family whose value of ``sums`` is all
    it computes (its estimate is set by the caller)."""
    return Stats({key: np.zeros((value.shape[1], 1)) for key, value in sums.items()})


def resampled_family(
    spec, state, zero_division, group="", *, labels=None, keep=None, pos=None
):
    """``(family, sums)``: the family of ``spec`` and the resampled sums
    ``{column: (B, k)}`` it reads from ``state``: a mean's own (``group +
    spec.name``), or the label counts (``group + column``) of a set metric,
    of the labels where ``keep`` is True (the classes found in a multiclass
    stream; default: all) but for a binary average, of label ``pos`` (default:
    as :func:`set_family`)."""
    if spec.family != "set" or spec.average == "samples":
        sums = {"mean": state[group + spec.name]}
        return mean_family(spec, zeros(sums)), sums
    sums = {key: state[group + key] for key in COUNTS}
    true_count = state["true_count"]
    labels = list(range(true_count.shape[0]) if labels is None else labels)
    if keep is not None and spec.average != "binary":
        labels, true_count = np.asarray(labels)[keep].tolist(), true_count[keep]
        sums = {key: value[:, keep] for key, value in sums.items()}
    _, den, coefficients = set_ratio(spec)
    if den not in sums:
        sums[den] = combined(*sums.values(), coefficients, np.float64)
    family = set_family(spec, zeros(sums), true_count, labels, zero_division, pos)
    return family, sums


def drawn_resamples(state, n_resamples):
    """The resamples that drew a unit (the others have no metric and are left
    out), with a warning where many drew none."""
    drawn = state["drawn"] > 0
    note = empty_note(int(drawn.shape[0] - drawn.sum()), n_resamples)
    if note:
        warn(note)
    return drawn


def resampled_intervals(families, estimates, drawn, confidence_level, n_resamples):
    """``{key: MetricInterval}``: the percentile intervals of the ``drawn``
    resamples of ``families`` (``{key: (family, sums)}``), around
    ``estimates[key]``."""
    results = {}
    for key, (family, sums) in families.items():
        values = family.value({column: v[drawn] for column, v in sums.items()})
        family.estimate = float(estimates[key])
        results[key] = finish_interval(
            family, "percentile", values, confidence_level, n_resamples
        )
    return results
