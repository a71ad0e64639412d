"""The bootstrap state of ``MetricAccumulator(bootstrap=B)``.

Each batch is reduced to the per-sample statistics of the families of
:func:`confidence_interval` (per-label tp / pred / true counts; each mean's
numerator and denominator), and B Poisson(1) weight rows for its samples,
drawn from the accumulator's own generator in the blocks of the one-shot
bootstrap, turn them into B resampled sums: the state is B x (size of the
sums), whatever the number of samples, and two states merge by addition. The
intervals are the families' values of the summed resamples, so on one batch
they are the one-shot percentile intervals of the same draws, and on the
concatenated batches those up to Monte-Carlo error.

Seeds: ``random_state`` is turned into a :class:`numpy.random.SeedSequence`;
the accumulator remembers its identity (entropy and spawn key), and
:meth:`merge` refuses two accumulators drawn from the same seed (their weights
would be the same numbers, and the interval too narrow).
"""

from functools import partial

import numpy as np

from .._checks._targets import Targets
from .._metrics._streamed import batch_predictions
from .._uncertainty._build import (
    mean_family,
    rank_stats,
    set_family,
    set_ratio,
    set_stats,
)
from .._uncertainty._columns import COLUMNS, combined
from .._uncertainty._common import check_level, check_resamples
from .._uncertainty._interval import finish_interval
from .._uncertainty._methods import empty_note, warn
from .._uncertainty._sums import Stats, weighted_sums
from .._uncertainty._weights import Units, poisson_blocks, seed_sequence

# The label counts kept: every set metric's denominator is a sum of them.
_COUNTS = {key: COLUMNS[key] for key in ("tp", "pred", "true")}


def check_bootstrap(bootstrap, random_state, specs, func):
    """``(n_resamples, seed, rng)``: ``bootstrap`` as an int >= 1 or None
    (metrics without a family refused), the identity of the SeedSequence of
    ``random_state`` (entropy and spawn key) and a generator drawn from it."""
    seed = seed_sequence(random_state, func)
    identity = (str(seed.entropy), tuple(seed.spawn_key))
    if bootstrap is None:
        return None, identity, np.random.default_rng(seed)
    must = "None or an int >= 1 (the number of resamples)"
    n_resamples = check_resamples(bootstrap, func, "bootstrap", must)
    for spec in specs:
        if spec.family in ("auc", "ap", "level"):
            raise ValueError(
                f"{spec.name!r} of {func} has no bootstrap interval in a stream "
                "(resampling a curve needs each sample's score, which the "
                "histograms do not keep); use confidence_interval on the whole "
                "arrays, or build the accumulator without bootstrap=."
            )
        if spec.metric == "psp":
            raise ValueError(
                f"{spec.name!r} of {func} has no bootstrap interval in a stream "
                "(confidence_interval scores them again on each resample, which "
                "needs every sample's scores); leave it out of metrics= or build "
                "the accumulator without bootstrap=."
            )
    return n_resamples, identity, np.random.default_rng(seed)


def check_seeds(n_resamples, mine, theirs, func):
    """Refuse to merge resamples drawn from the same seed."""
    if n_resamples is not None and mine & theirs:
        raise ValueError(
            f"The 'other' parameter of {func} drew its bootstrap weights from "
            "the same random_state as this accumulator (or a copy of it), so "
            "the merged resamples would repeat the same weights and the "
            "intervals would be too narrow. Give each accumulator its own "
            "seed, e.g. the children of numpy.random.SeedSequence(seed)"
            ".spawn(n_workers), or random_state=None."
        )


def _float(zero_division):
    return 0.0 if zero_division == "warn" else float(zero_division)


def batch_resampler(batch, specs, thresholds, zero_division, rng, n_resamples):
    """The function ``state -> state`` plus the resampled sums of a checked
    batch (:func:`add_resamples`), None without ``bootstrap=``; the batch is
    reduced now, the weights are drawn when it is called."""
    if n_resamples is None:
        return None
    stats = batch_statistics(batch, specs, thresholds, zero_division)
    return partial(add_resamples, stats=stats, rng=rng, n_resamples=n_resamples)


def batch_statistics(batch, specs, thresholds, zero_division):
    """``{key: Stats}`` of a checked batch: the statistics of
    :func:`confidence_interval`'s families (see :func:`set_stats`, with the
    label counts tp, pred and true, and :func:`rank_stats`), per sample."""
    units, stats = Units(None, batch.truth.shape[0]), {}
    multilabel = batch.kind == "multilabel"
    if any(s.family in ("set", "accuracy") for s in specs):
        kind = "multilabel-indicator" if multilabel else batch.kind
        pred = batch_predictions(batch, thresholds)
        classes = np.arange(batch.n_columns)
        targets = Targets(kind, batch.truth, pred, classes, batch.sample_weight)
        stats = set_stats(specs, targets, units, _float(zero_division), _COUNTS)
    truth = batch.truth
    if multilabel:
        truth = (truth.toarray() if hasattr(truth, "toarray") else truth) != 0
    codes, indicator = (None, truth) if multilabel else (truth, None)
    for spec in specs:
        if spec.family in ("top_k", "at_k"):
            stats[spec.name] = rank_stats(
                spec, batch.scores, codes, indicator, batch.sample_weight, units,
                "average", _float(zero_division),
            )  # fmt: skip
    return stats


def add_resamples(state, *, stats, rng, n_resamples):
    """``state`` (``{key: (B, k)}`` or None) plus the resampled sums of a
    batch's :func:`batch_statistics`, drawn from ``rng`` in the one-shot
    bootstrap's blocks of resamples; "drawn" the total weight of each
    resample. Returns a new dict."""
    stats = dict(stats)
    true_count = stats.pop("true_count", None)
    columns = dict(stats.pop("counts").columns) if "counts" in stats else {}
    columns.update({name: s.columns["mean"] for name, s in stats.items()})
    n = next(iter(columns.values())).shape[1]
    blocks = []
    for weights in poisson_blocks(rng, n_resamples, n):
        blocks.append(weighted_sums(columns, weights))
        blocks[-1]["drawn"] = weights.sum(axis=1, dtype=np.float64)
    total = {} if state is None else dict(state)
    for key in blocks[0]:
        sums = np.concatenate([block[key] for block in blocks])
        total[key] = total[key] + sums if key in total else sums
    if true_count is not None:
        total["true_count"] = total.get("true_count", 0) + true_count
    return total


def merge_resamples(mine, theirs):
    """The sum of two states (None: empty); the arrays are never changed in
    place, so one state may be the other's."""
    if mine is None or theirs is None:
        return theirs if mine is None else mine
    return {key: mine[key] + theirs[key] for key in mine}


def _zeros(sums):
    """Stats of zero totals, to build a family whose value is all it computes
    (its estimate is the accumulator's result)."""
    return Stats({key: np.zeros((value.shape[1], 1)) for key, value in sums.items()})


def _family(spec, state, kind, present, zero_division):
    """The family of ``spec`` and its resampled sums ``{column: (B, k)}``."""
    if spec.family != "set" or spec.average == "samples":
        sums = {"mean": state[spec.name]}
        return mean_family(spec, _zeros(sums)), sums
    labels, true_count = np.arange(state["tp"].shape[1]), state["true_count"]
    sums = {key: state[key] for key in _COUNTS}
    if kind != "multilabel" and spec.average != "binary":
        # scikit-learn: the classes found in y_true or y_pred
        labels, true_count = labels[present], true_count[present]
        sums = {key: value[:, present] for key, value in sums.items()}
    _, den, coefficients = set_ratio(spec)
    if den not in sums:
        sums[den] = combined(*sums.values(), coefficients, np.float64)
    family = set_family(
        spec, _zeros(sums), true_count, labels.tolist(), _float(zero_division)
    )
    return family, sums


def check_interval_args(confidence_level, method, func):
    """The checked level; only the percentile method."""
    if method != "percentile":
        raise ValueError(
            f"The 'method' parameter of {func} must be 'percentile'; got {method!r}. "
            "A stream keeps B resampled sums, not the per-sample statistics that "
            "BCa's jackknife (and the delta, Wilson and DeLong methods) need: use "
            "confidence_interval on whole arrays for those."
        )
    return check_level(confidence_level, func)


def stream_intervals(specs, state, estimates, kind, present, zero_division, args):
    """``{name: MetricInterval}``: percentile intervals of the resampled sums;
    the estimates are the accumulator's ``result()``."""
    confidence_level, n_resamples = args
    drawn = state["drawn"] > 0  # resamples without a sample are left out
    note = empty_note(int(drawn.shape[0] - drawn.sum()), n_resamples)
    if note:
        warn(note, stacklevel=3)
    results = {}
    for spec in specs:
        family, sums = _family(spec, state, kind, present, zero_division)
        values = family.value({key: sums[key][drawn] for key in sums})
        family.estimate = float(estimates[spec.name])
        results[spec.name] = finish_interval(
            family, "percentile", values, confidence_level, n_resamples
        )
    return results


def dask_row_blocks(y_true, y_score, sample_weight, func):
    """Yield ``(y_true, y_score, sample_weight)`` NumPy row blocks of Dask arrays
    (with ``bootstrap=``, each block's weights are drawn here, in order)."""
    if not (hasattr(y_true, "chunks") and hasattr(y_score, "chunks")):
        raise TypeError(
            f"y_true and y_score of {func} must be Dask arrays (or NumPy arrays) "
            "with bootstrap=; got "
            f"{type(y_true).__name__} and {type(y_score).__name__}."
        )
    sizes = y_true.chunks[0]
    for stop, size in zip(np.cumsum(sizes), sizes, strict=True):
        rows = slice(stop - size, stop)
        yield tuple(
            None if a is None else np.asarray(a[rows])
            for a in (y_true, y_score, sample_weight)
        )
