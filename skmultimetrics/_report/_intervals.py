"""Confidence intervals of every number of :func:`multilabel_report`.

Each threshold set's numbers are the families of :func:`confidence_interval`
(subset and hamming accuracy, micro / macro / samples precision, recall and
F1, samples Jaccard; per label, precision, recall and F1 as binary averages of
one column; the predicted-positive share as a mean) with ``zero_division=0``,
as the table counts 0/0. The percentile bootstrap: no jackknife, so one
matrix product per block of resamples and column of statistics. Every row
draws the same Poisson weights (a generator seeded alike for each row), so all
the numbers of the table come from one set of resamples, while the per-sample
statistics of only one row are held at a time.
"""

import warnings

import numpy as np
import scipy.sparse as sp

from .._uncertainty._build import _mean_stats, parse_name, set_families
from .._uncertainty._common import bootstrap, check_level
from .._uncertainty._families import MeanFamily, SetFamily
from .._uncertainty._interval import _interval
from .._uncertainty._weights import Units, as_generator
from ._rows import COLUMNS

N_RESAMPLES = 1000
RANDOM_STATE = 0
_FUNC = "multilabel_report"
_LABEL = {"precision": (1.0, "pred"), "recall": (1.0, "true"), "f1": (2.0, "pred+true")}


def check_confidence_level(confidence_level):
    if confidence_level is None:
        return None
    return check_level(confidence_level, _FUNC)


def _families(y_true, scores, thresholds, weight, names, units):
    dense = scores.toarray() if sp.issparse(scores) else np.asarray(scores)
    pred = dense >= thresholds
    keys = [key for key, _, _ in COLUMNS if key != "predicted_positive_share"]
    specs = [parse_name(key, _FUNC)[1] for key in keys]
    params = {"zero_division": 0.0}
    families = set_families(specs, y_true, pred, weight, None, units, params, _FUNC)
    share = pred.sum(axis=1) / pred.shape[1]
    stats = _mean_stats(share, weight, units, 0.0)
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


def add_intervals(report, y_true, scores, sets, weight, confidence_level):
    """Add ``<key>_low`` / ``<key>_high`` to every row (and per-label entry) of
    ``report``; warnings of degenerate intervals are given once each."""
    n_samples = y_true.shape[0]
    units = Units(None, n_samples)
    names = list(report["labels"]) if len(sets) == 1 else []
    caught_all = []
    for i, thresholds in enumerate(sets):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            families = _families(y_true, scores, thresholds, weight, names, units)
            rng = as_generator(RANDOM_STATE)  # the same weights for every row
            values = bootstrap(families, rng, N_RESAMPLES, units.n_units)
            results = {
                key: _interval(
                    family, "percentile", values[key], confidence_level, N_RESAMPLES
                )
                for key, family in families.items()
            }
        where = f"row {i + 1}" if len(sets) > 1 else "the row"
        caught_all += [f"{_FUNC} ({where}): {w.message}" for w in caught]
        row = report["rows"][i]
        for key, _, _ in COLUMNS:
            row[f"{key}_low"] = results[key].low
            row[f"{key}_high"] = results[key].high
        for name in names:
            entry = report["labels"][name]
            for metric in _LABEL:
                entry[f"{metric}_low"] = results[(name, metric)].low
                entry[f"{metric}_high"] = results[(name, metric)].high
    report["confidence_level"] = confidence_level
    report["interval_method"] = "percentile"
    report["n_resamples"] = N_RESAMPLES
    for message in dict.fromkeys(caught_all):
        warnings.warn(message, UserWarning, stacklevel=4)
    return report
