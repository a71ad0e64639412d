"""Confidence intervals of every number of :func:`multilabel_report`.

Each threshold set's numbers are the families of :func:`confidence_interval`
(subset and hamming accuracy, micro / macro / samples precision, recall and
F1, samples Jaccard; per label, precision, recall and F1 as binary averages of
one column; the predicted-positive share as a mean) with ``zero_division=0``,
as the table counts 0/0. The percentile bootstrap of resampled sums
(``_uncertainty._resampled``, as ``MetricAccumulator(bootstrap=B)``): rows of
samples are taken a block at a time, each block gets B Poisson(1) weight rows,
shared by every threshold set (so all the numbers of the table come from one
set of resamples), and the B resampled sums of the blocks add up. Memory is one
block's per-sample statistics plus B x (size of the sums), so the same code
serves whole arrays and the command line's chunks of files larger than memory.
Arrays of one block draw the weights of ``confidence_interval(...,
method="percentile", n_resamples=1000, random_state=0)``: the same intervals.
"""

import numpy as np
import scipy.sparse as sp

from .._checks._targets import Targets
from .._uncertainty._build import mean_stats, parse_name, set_stats
from .._uncertainty._common import check_level
from .._uncertainty._families import MeanFamily
from .._uncertainty._resampled import (
    COUNTS,
    add_resamples,
    drawn_resamples,
    resampled_family,
    resampled_intervals,
    zeros,
)
from .._uncertainty._weights import Units, as_generator
from ._rows import COLUMNS

N_RESAMPLES = 1000
RANDOM_STATE = 0
# Label cells of a block of rows, over the threshold sets: its per-sample
# statistics are 3 float32 counts per cell (48 MB).
_BLOCK_CELLS = 1 << 22
_FUNC = "multilabel_report"
_SHARE = "predicted_positive_share"
_SPECS = [parse_name(key, _FUNC)[1] for key, _, _ in COLUMNS if key != _SHARE]
_LABEL = {
    metric: parse_name(metric, _FUNC)[1] for metric in ("precision", "recall", "f1")
}


def check_confidence_level(confidence_level, func=_FUNC):
    if confidence_level is None:
        return None
    return check_level(confidence_level, func)


class ReportIntervals:
    """B resampled sums of every number of the report, added block by block."""

    def __init__(self, sets, names, confidence_level, func=_FUNC):
        self.sets = sets
        self.names = list(names) if len(sets) == 1 else []  # per-label rows
        self.confidence_level = confidence_level
        self.func = func
        self.rng = as_generator(RANDOM_STATE, func)
        self.state = None

    def update(self, y_true, scores, weight=None):
        """Add the rows of a chunk (labels, scores and their weights)."""
        n, n_labels = y_true.shape
        step = max(1, _BLOCK_CELLS // (n_labels * len(self.sets)))
        for start in range(0, n, step):
            rows = slice(start, min(start + step, n))
            w = None if weight is None else weight[rows]
            stats = self._statistics(y_true[rows], scores[rows], w)
            self.state = add_resamples(self.state, stats, self.rng, N_RESAMPLES)

    def _statistics(self, y_true, scores, weight):
        """The per-sample statistics of every threshold set (group ``"i "``)."""
        dense = scores.toarray() if sp.issparse(scores) else np.asarray(scores)
        units, stats = Units(None, y_true.shape[0]), {}
        for i, thresholds in enumerate(self.sets):
            pred = dense >= thresholds
            classes = np.arange(pred.shape[1])
            targets = Targets("multilabel-indicator", y_true, pred, classes, weight)
            own = set_stats(_SPECS, targets, units, 0.0, COUNTS)
            stats["true_count"] = own.pop("true_count")
            own[_SHARE] = mean_stats(pred.mean(axis=1), weight, units, 0.0)
            stats |= {f"{i} {key}": value for key, value in own.items()}
        return stats

    def _families(self, i, report):
        """``{key: (family, sums)}`` of row ``i`` (and the per-label entries),
        with ``{key: (entry, name)}``, where each interval goes; the families'
        names (those of their warnings) say which row."""
        group, row = f"{i} ", report["rows"][i]
        families = {s.name: resampled_family(s, self.state, 0.0, group) for s in _SPECS}
        share = {"mean": self.state[group + _SHARE]}
        families[_SHARE] = MeanFamily(_SHARE, zeros(share)), share
        entries = {key: (row, key) for key in families}
        for j, name in enumerate(self.names):
            for metric, spec in _LABEL.items():
                families[name, metric] = resampled_family(
                    spec, self.state, 0.0, group, labels=self.names, pos=j
                )
                families[name, metric][0].name = f"{metric} of {name}"
                entries[name, metric] = report["labels"][name], metric
        where = f"row {i + 1}" if len(self.sets) > 1 else "the row"
        for family, _ in families.values():
            family.name = f"{self.func} ({where}): {family.name}"
        return families, entries

    def finish(self, report):
        """``report`` with ``<key>_low`` / ``<key>_high`` in every row and
        per-label entry."""
        drawn = drawn_resamples(self.state, N_RESAMPLES)
        for i in range(len(self.sets)):
            families, entries = self._families(i, report)
            estimates = {key: entry[name] for key, (entry, name) in entries.items()}
            results = resampled_intervals(
                families, estimates, drawn, self.confidence_level, N_RESAMPLES
            )
            for key, result in results.items():
                entry, name = entries[key]
                entry[f"{name}_low"], entry[f"{name}_high"] = result.low, result.high
        report["confidence_level"] = self.confidence_level
        report["interval_method"] = "percentile"
        report["n_resamples"] = N_RESAMPLES
        return report


def add_intervals(report, y_true, scores, sets, weight, confidence_level):
    """The intervals of a report of whole arrays."""
    intervals = ReportIntervals(sets, report["labels"], confidence_level)
    intervals.update(y_true, scores, weight)
    return intervals.finish(report)
