"""The bootstrap state of ``MetricAccumulator(bootstrap=B)``.

Each batch is reduced to per-sample statistics (per-label tp / pred / true
indicators times the sample weight; a per-sample value and its weight for the
means), and B Poisson(1) weight rows for its samples, drawn from the
accumulator's own generator, turn them into B resampled sums: the state is
B x (size of the sums), whatever the number of samples, and two states merge
by addition. The intervals come from the families of
:func:`confidence_interval` (their ``value`` is vectorised over resamples), so
on the concatenated batches they are the one-shot percentile intervals up to
Monte-Carlo error.

Seeds: ``random_state`` is turned into a :class:`numpy.random.SeedSequence`;
the accumulator remembers its identity (entropy and spawn key), and
:meth:`merge` refuses two accumulators drawn from the same seed (their weights
would be the same numbers, and the interval too narrow).
"""

import numbers

import numpy as np

from .._counts._statistics import sample_counts
from .._metrics._streamed import batch_predictions
from .._uncertainty._build import (
    accuracy_values,
    mean_columns,
    mean_family,
    rank_values,
    samples_values,
    set_ratio,
)
from .._uncertainty._columns import combined
from .._uncertainty._common import check_level
from .._uncertainty._families import SetFamily
from .._uncertainty._interval import finish_interval
from .._uncertainty._methods import empty_note, warn
from .._uncertainty._sums import unit_columns, weighted_sums
from .._uncertainty._weights import Units, poisson_weights

# A batch's weight rows are drawn this many cells at a time (B x rows float32).
_ROW_CELLS = 1 << 23


def check_bootstrap(bootstrap, specs, func):
    """``bootstrap`` as an int >= 1 or None; refuse metrics without a family."""
    if bootstrap is None:
        return None
    if (
        isinstance(bootstrap, (bool, np.bool_))
        or not isinstance(bootstrap, numbers.Integral)
        or bootstrap < 1
    ):
        raise ValueError(
            f"The 'bootstrap' parameter of {func} must be None or an int >= 1 (the "
            f"number of resamples); got {bootstrap!r}."
        )
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
                "(the propensity-scored @k metrics are not among "
                "confidence_interval's metrics); leave it out of metrics= or build "
                "the accumulator without bootstrap=."
            )
    return int(bootstrap)


def seed_sequence(random_state, func):
    """A SeedSequence from None, an int, a SeedSequence, a Generator or a
    RandomState (a Generator or RandomState gives a fresh seed drawn from it)."""
    if random_state is None or isinstance(random_state, numbers.Integral):
        if isinstance(random_state, (bool, np.bool_)) or (
            random_state is not None and random_state < 0
        ):
            raise ValueError(
                f"The 'random_state' parameter of {func} must be None, an int >= 0, "
                f"a numpy SeedSequence or Generator; got {random_state!r}."
            )
        return np.random.SeedSequence(
            None if random_state is None else int(random_state)
        )
    if isinstance(random_state, np.random.SeedSequence):
        return random_state
    if isinstance(random_state, np.random.Generator):
        return np.random.SeedSequence(int(random_state.integers(0, 2**63)))
    if isinstance(random_state, np.random.RandomState):
        return np.random.SeedSequence(int(random_state.randint(0, 2**31 - 1)))
    raise ValueError(
        f"The 'random_state' parameter of {func} must be None, an int >= 0, a numpy "
        f"SeedSequence or Generator; got {type(random_state).__name__}."
    )


def seed_identity(seed):
    return (str(seed.entropy), tuple(seed.spawn_key))


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


def _dense(matrix):
    return matrix.toarray() if hasattr(matrix, "toarray") else np.asarray(matrix)


def _one_hot(codes, n_columns):
    out = np.zeros((codes.shape[0], n_columns), dtype=bool)
    out[np.arange(codes.shape[0]), codes] = True
    return out


def batch_statistics(batch, specs, thresholds, zero_division):
    """``{key: (n, k) or (n,)}`` per-sample statistics of a checked batch (those
    of :func:`confidence_interval`'s families: per-label "tp", "pred", "true";
    num and den (n, 2) of each mean, under its name; "drawn", a 1 per sample);
    ``"true_count"`` the unweighted positives per label."""
    weight = batch.sample_weight
    zd = 0.0 if zero_division == "warn" else float(zero_division)
    stats = {"drawn": np.ones(batch.truth.shape[0], dtype=bool)}
    pred = None
    if any(s.family in ("set", "accuracy") for s in specs):
        pred = batch_predictions(batch, thresholds)
    truth = _dense(batch.truth) != 0 if batch.kind == "multilabel" else batch.truth
    if any(s.family == "set" and s.average != "samples" for s in specs):
        if batch.kind == "multilabel":
            t, p = truth, pred
        else:
            t, p = _one_hot(truth, batch.n_columns), _one_hot(pred, batch.n_columns)
        stats["tp"], stats["pred"], stats["true"] = t & p, p, t
        if weight is not None:
            w = weight[:, np.newaxis]
            stats.update(tp=stats["tp"] * w, pred=p * w, true=t * w)
        stats["true_count"] = t.sum(axis=0)
    rows = None
    if batch.kind == "multilabel" and pred is not None:
        counts = sample_counts(truth, pred)
        rows = (counts.tp, counts.pred, counts.true, counts.n_labels)
    indicator = truth if batch.kind == "multilabel" else None
    codes = None if batch.kind == "multilabel" else truth
    for spec in specs:
        z = zd
        if spec.family == "set" and spec.average == "samples":
            values = samples_values(spec, *rows[:3])
        elif spec.family == "accuracy":
            values, z = accuracy_values(spec, truth, pred, rows), 0.0
        elif spec.family in ("top_k", "at_k"):
            values = rank_values(spec, batch.scores, codes, indicator, "average")
            z = 0.0 if spec.family == "top_k" else zd
        else:
            continue
        stats[spec.name] = np.column_stack(
            list(mean_columns(values, weight, z).values())
        )
    return stats


def add_resamples(state, statistics, rng, n_resamples):
    """``state`` (``{key: (B, k)}`` or None) plus the batch's resampled sums,
    drawn from ``rng`` in row blocks of bounded size; returns a new dict."""
    true_count = statistics.get("true_count")
    units = Units(None, 0)  # each sample its own unit
    columns = {}
    for key, values in statistics.items():
        if key != "true_count":  # 0/1 indicators are summed in float32, exactly
            dtype = np.float32 if values.dtype.kind in "bui" else np.float64
            columns[key] = unit_columns(values, units, dtype)
    n = columns["drawn"].shape[1]
    total = {} if state is None else dict(state)
    step = max(1, _ROW_CELLS // max(n_resamples, 1))
    for start in range(0, n, step):
        stop = min(start + step, n)
        weights = poisson_weights(rng, n_resamples, stop - start)
        chunk = {k: v[:, start:stop] for k, v in columns.items()}
        for key, sums in weighted_sums(chunk, weights).items():
            total[key] = total[key] + sums if key in total else sums
    if true_count is not None:
        total["true_count"] = total.get("true_count", 0) + true_count
    return total


def merge_resamples(mine, theirs):
    if theirs is None:
        return mine
    if mine is None:
        return {k: np.array(v, copy=True) for k, v in theirs.items()}
    return {k: mine[k] + theirs[k] for k in mine}


class _Totals:
    """The ``stats`` a family needs to be built: totals of a stream's sums."""

    def __init__(self, totals, n_units):
        self.totals = totals
        self.n_units = n_units


def _set_sums(sums, keep, den, coefficients):
    """The columns "tp", "true" and ``den`` (``a tp + b pred + c true``) of the
    resampled per-label sums, of the labels ``keep`` (all where None)."""
    tp, pred, true = sums["tp"], sums["pred"], sums["true"]
    if keep is not None:
        tp, pred, true = tp[:, keep], pred[:, keep], true[:, keep]
    columns = {"tp": tp, "pred": pred, "true": true}
    if den not in columns:
        columns[den] = combined(tp, pred, true, coefficients, np.float64)
    return columns


def _family(spec, state, kind, present, zero_division, n_samples):
    """The family of ``spec`` and its resampled sums ``{column: (B, k)}``."""
    if spec.family == "set" and spec.average != "samples":
        keep = None
        if kind != "multilabel" and spec.average != "binary":
            keep = present  # scikit-learn: the classes found in y_true or y_pred
        factor, den, coefficients = set_ratio(spec)
        sums = _set_sums(state, keep, den, coefficients)
        labels = np.arange(state["tp"].shape[1])
        true_count = state["true_count"]
        if keep is not None:
            labels, true_count = labels[keep], true_count[keep]
        totals = {key: np.zeros(value.shape[1]) for key, value in sums.items()}
        zd = 0.0 if zero_division == "warn" else float(zero_division)
        family = SetFamily(
            spec.name,
            _Totals(totals, n_samples),
            den=den,
            factor=factor,
            average=spec.average,
            pos=1 if spec.average == "binary" else None,
            zero_division=zd,
            labels=labels.tolist(),
            true_count=true_count,
        )
        return family, sums
    sums = {"num": state[spec.name][:, :1], "den": state[spec.name][:, 1:]}
    totals = {"num": np.zeros(1), "den": np.ones(1)}
    return mean_family(spec, _Totals(totals, n_samples)), sums


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


def stream_intervals(
    specs, state, estimates, kind, present, zero_division, n_samples, args, func
):
    """``{name: MetricInterval}``: percentile intervals of the resampled sums;
    the estimates are the accumulator's ``result()``."""
    confidence_level, n_resamples = args
    drawn = state["drawn"][:, 0] > 0  # resamples without a sample are left out
    note = empty_note(int(drawn.shape[0] - drawn.sum()), n_resamples)
    if note:
        warn(note, stacklevel=3)
    results = {}
    for spec in specs:
        family, sums = _family(spec, state, kind, present, zero_division, n_samples)
        values = family.value({key: sums[key][drawn] for key in sums})
        family.estimate = float(estimates[spec.name])
        results[spec.name] = finish_interval(
            family, "percentile", values, confidence_level, n_resamples
        )
    return results


def dask_row_blocks(y_true, y_score, sample_weight, func):
    """Yield ``(y_true, y_score, sample_weight)`` NumPy row blocks of Dask arrays
    (with ``bootstrap=``, each block's weights are drawn here, in order)."""
    chunks = getattr(y_true, "chunks", None)
    if chunks is None or not hasattr(y_score, "chunks"):
        raise TypeError(
            f"y_true and y_score of {func} must be Dask arrays (or NumPy arrays) "
            "with bootstrap=; got "
            f"{type(y_true).__name__} and {type(y_score).__name__}."
        )
    start = 0
    for size in chunks[0]:
        stop = start + size
        block = [y_true[start:stop], y_score[start:stop]]
        block.append(None if sample_weight is None else sample_weight[start:stop])
        yield tuple(
            b.compute()
            if hasattr(b, "compute")
            else np.asarray(b)
            if b is not None
            else None
            for b in block
        )
        start = stop
