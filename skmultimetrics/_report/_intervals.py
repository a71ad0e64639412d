"""Confidence intervals of every number of :func:`multilabel_report`.

Each threshold set's numbers are the families of :func:`confidence_interval`
(subset and hamming accuracy, micro / macro / samples precision, recall and
F1, samples Jaccard; per label, precision, recall and F1 as binary averages of
one column; the predicted-positive share as a mean) with ``zero_division=0``,
as the table counts 0/0. The percentile bootstrap (no jackknife): rows of
samples are taken a block at a time, each block gets B Poisson(1) weight rows,
shared by every threshold set (so all the numbers of the table come from one
set of resamples), and the B resampled sums of the blocks add up. Memory is one
block's per-sample statistics plus B x (size of the sums), so the same code
serves whole arrays and the command line's chunks of files larger than memory.
"""

import warnings

import numpy as np
import scipy.sparse as sp

from .._uncertainty._build import mean_stats, parse_name, set_families
from .._uncertainty._common import check_level
from .._uncertainty._families import MeanFamily, SetFamily
from .._uncertainty._interval import finish_interval
from .._uncertainty._methods import empty_note
from .._uncertainty._weights import Units, as_generator, poisson_weights
from ._rows import COLUMNS

N_RESAMPLES = 1000
RANDOM_STATE = 0
# Rows of a block: a (B, rows) float32 array of weights at a time.
_BLOCK_CELLS = 1 << 23
_FUNC = "multilabel_report"
_LABEL = {"precision": (1.0, "pred"), "recall": (1.0, "true"), "f1": (2.0, "pred+true")}
_KEYS = [key for key, _, _ in COLUMNS if key != "predicted_positive_share"]


def check_confidence_level(confidence_level, func=_FUNC):
    if confidence_level is None:
        return None
    return check_level(confidence_level, func)


def _families(y_true, scores, thresholds, weight, names, units, func):
    dense = scores.toarray() if sp.issparse(scores) else np.asarray(scores)
    pred = dense >= thresholds
    specs = [parse_name(key, func)[1] for key in _KEYS]
    params = {"zero_division": 0.0}
    families = set_families(specs, y_true, pred, weight, None, units, params, func)
    share = pred.sum(axis=1) / pred.shape[1]
    stats = mean_stats(share, weight, units, 0.0)
    families["predicted_positive_share"] = MeanFamily("predicted_positive_share", stats)
    counts = families["precision_micro"]
    for j, name in enumerate(names):
        for metric, (factor, den) in _LABEL.items():
            families[(name, metric)] = SetFamily(
                f"{metric} of {name}",
                counts.stats,
                den=den,
                factor=factor,
                average="binary",
                pos=j,
                zero_division=0.0,
                labels=names,
                true_count=counts.true_count,
            )
    return families


def _group(key, family):
    """The statistics a family reads: the shared label counts, or its own."""
    return "counts" if isinstance(family, SetFamily) else key


class ReportIntervals:
    """B resampled sums of every number of the report, added block by block."""

    def __init__(self, sets, names, confidence_level, func=_FUNC):
        self.sets = sets
        self.names = list(names) if len(sets) == 1 else []  # per-label rows
        self.confidence_level = confidence_level
        self.func = func
        self.rng = as_generator(RANDOM_STATE, func)
        self.sums = [{} for _ in sets]
        self.templates = [None for _ in sets]
        self.true_count = 0
        self.drawn = np.zeros(N_RESAMPLES)  # samples drawn by each resample

    def update(self, y_true, scores, weight=None):
        """Add the rows of a chunk (labels, scores and their weights)."""
        n = y_true.shape[0]
        step = max(1, _BLOCK_CELLS // N_RESAMPLES)
        for start in range(0, n, step):
            rows = slice(start, min(start + step, n))
            w = None if weight is None else weight[rows]
            weights = poisson_weights(self.rng, N_RESAMPLES, rows.stop - start)
            if w is not None and not w.any():
                continue  # no weight: nothing to add (the draws are kept aligned)
            self.drawn += weights.sum(axis=1)
            units = Units(None, rows.stop - start)
            for i, thresholds in enumerate(self.sets):
                self._add_set(
                    i, y_true[rows], scores[rows], thresholds, w, units, weights
                )

    def _add_set(self, i, y_true, scores, thresholds, weight, units, weights):
        families = _families(
            y_true, scores, thresholds, weight, self.names, units, self.func
        )
        if i == 0:
            self.true_count = self.true_count + families["precision_micro"].true_count
        total = self.sums[i]
        done = set()
        for key, family in families.items():
            group = _group(key, family)
            if group in done:
                continue
            done.add(group)
            sums = family.stats.sums(weights)
            if group in total:
                sums = {column: total[group][column] + sums[column] for column in sums}
            total[group] = sums
        if self.templates[i] is None:
            for family in families.values():
                family.stats = None  # the block's statistics are not kept
            self.templates[i] = families

    def finish(self, report):
        """``report`` with ``<key>_low`` / ``<key>_high`` in every row and
        per-label entry; warnings of degenerate intervals are given once each."""
        drawn = self.drawn > 0  # resamples without a sample are left out
        note = empty_note(int(N_RESAMPLES - drawn.sum()), N_RESAMPLES)
        messages = [f"{self.func}: {note}"] if note else []
        for i, families in enumerate(self.templates):
            estimates = dict(report["rows"][i])
            for name in self.names:
                for metric in _LABEL:
                    estimates[(name, metric)] = report["labels"][name][metric]
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                results = {}
                for key, family in families.items():
                    sums = self.sums[i][_group(key, family)]
                    values = family.value({c: v[drawn] for c, v in sums.items()})
                    family.estimate = float(estimates[key])
                    if isinstance(family, SetFamily):
                        family.true_count = self.true_count
                    results[key] = finish_interval(
                        family,
                        "percentile",
                        values,
                        self.confidence_level,
                        N_RESAMPLES,
                    )
            where = f"row {i + 1}" if len(self.sets) > 1 else "the row"
            messages += [f"{self.func} ({where}): {w.message}" for w in caught]
            for key, result in results.items():  # rows, then per-label entries
                entry, key = (
                    (report["rows"][i], key)
                    if isinstance(key, str)
                    else (report["labels"][key[0]], key[1])
                )
                entry[f"{key}_low"], entry[f"{key}_high"] = result.low, result.high
        report["confidence_level"] = self.confidence_level
        report["interval_method"] = "percentile"
        report["n_resamples"] = N_RESAMPLES
        for message in dict.fromkeys(messages):
            warnings.warn(message, UserWarning, stacklevel=4)
        return report


def add_intervals(report, y_true, scores, sets, weight, confidence_level):
    """The intervals of a report of whole arrays."""
    intervals = ReportIntervals(sets, report["labels"], confidence_level)
    intervals.update(y_true, scores, weight)
    return intervals.finish(report)
