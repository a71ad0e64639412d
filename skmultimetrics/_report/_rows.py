"""The numbers of :func:`multilabel_report`: counts of every threshold set, and the
rows and per-label entries made of them.

:func:`report_counts` reads the scores once per chunk of rows: for each threshold
set it adds the per-label counts (true and predicted positives, hits) and the
per-sample sums of example-based scores. Every number of the table is then a
formula of those counts, the formulas of ``_counts._reductions`` that the metric
functions use.
"""

from typing import NamedTuple

import numpy as np
import scipy.sparse as sp

from .._counts._reductions import (
    nan_average,
    per_sample_scores,
    precision_recall_fscore_from_counts,
)
from .._counts._statistics import chunk_rows, column_sums, indicator_rows

# (dict key, group, column header) of each metric of a row, in table order.
COLUMNS = (
    ("subset_accuracy", "accuracy", "subset"),
    ("hamming_accuracy", "accuracy", "hamming"),
    ("precision_micro", "micro", "prec"),
    ("recall_micro", "micro", "rec"),
    ("f1_micro", "micro", "f1"),
    ("precision_macro", "macro", "prec"),
    ("recall_macro", "macro", "rec"),
    ("f1_macro", "macro", "f1"),
    ("precision_samples", "samples", "prec"),
    ("recall_samples", "samples", "rec"),
    ("f1_samples", "samples", "f1"),
    ("jaccard_samples", "samples", "jaccard"),
    ("predicted_positive_share", "predicted", "pos."),
)


class ReportCounts(NamedTuple):
    """Counts of ``S`` threshold sets: per label, and per-sample score sums."""

    tp: np.ndarray  # (S, n_labels) hits
    pred: np.ndarray  # (S, n_labels) predicted positives
    true: np.ndarray  # (n_labels,) actual positives
    total: float  # number (or weight) of samples
    sample_sums: np.ndarray  # (S, 5): exact matches, precision, recall, F1, Jaccard


def _add_columns(cells, out, weight):
    """Add the (weighted) column sums of 0/1 ``cells`` to ``out``."""
    if weight is None:
        column_sums(cells, out)
    else:
        out += weight @ cells


def report_counts(y_true, scores, threshold_sets, sample_weight=None):
    """The counts of every threshold set, reading each chunk of rows once."""
    n_samples, n_labels = y_true.shape
    n_sets = len(threshold_sets)
    weighted = sample_weight is not None
    dtype = np.float64 if weighted else np.int64
    tp = np.zeros((n_sets, n_labels), dtype=dtype)
    pred = np.zeros((n_sets, n_labels), dtype=dtype)
    true = np.zeros(n_labels, dtype=dtype)
    sample_sums = np.zeros((n_sets, 5))
    step = chunk_rows(n_labels)
    for start in range(0, n_samples, step):
        stop = min(start + step, n_samples)
        t = indicator_rows(y_true, start, stop)
        block = scores[start:stop]
        block = block.toarray() if sp.issparse(block) else block
        w = None if not weighted else sample_weight[start:stop]
        true_s = t.sum(axis=1, dtype=np.int64)
        _add_columns(t, true, w)
        for i, thr in enumerate(threshold_sets):
            p = np.ascontiguousarray(block >= thr).view(np.uint8)
            hits = t & p
            _add_columns(hits, tp[i], w)
            _add_columns(p, pred[i], w)
            per_sample = per_sample_scores(
                hits.sum(axis=1, dtype=np.int64), p.sum(axis=1, dtype=np.int64), true_s
            )
            sample_sums[i] += per_sample.sum(axis=1) if w is None else per_sample @ w
    total = float(sample_weight.sum()) if weighted else n_samples
    return ReportCounts(tp, pred, true, total, sample_sums)


def _prf(tp, pred, true):
    """Precision, recall and F1 arrays from counts, 0/0 counted as 0."""
    return precision_recall_fscore_from_counts(
        tp, pred, true, beta=1.0, average=None, warn_for=(), zero_division=0.0
    )


def row_from_counts(counts, i):
    """The metrics of threshold set ``i``, as Python floats keyed like COLUMNS."""
    tp, pred, true = counts.tp[i], counts.pred[i], counts.true
    cells = np.float64(counts.total) * true.shape[0]
    wrong = true.sum() + pred.sum() - 2 * tp.sum()
    row = {"hamming_accuracy": float(1.0 - wrong / cells)}
    micro = _prf(*(np.atleast_1d(c.sum()) for c in (tp, pred, true)))
    for name, micro_value, per_label in zip(
        ("precision", "recall", "f1"), micro, _prf(tp, pred, true)
    ):
        row[f"{name}_micro"] = float(micro_value[0])
        row[f"{name}_macro"] = nan_average(per_label)
    means = counts.sample_sums[i] / counts.total
    for key, value in zip(
        ("subset_accuracy", "precision", "recall", "f1", "jaccard"), means
    ):
        row[key if key == "subset_accuracy" else f"{key}_samples"] = float(value)
    row["predicted_positive_share"] = float(pred.sum() / cells)
    return {key: row[key] for key, _, _ in COLUMNS}


def label_rows(counts, thresholds, names):
    """Per-label cut-off, support, precision, recall and F1 of the one set."""
    precision, recall, f1 = _prf(counts.tp[0], counts.pred[0], counts.true)
    support = counts.true.tolist()
    return {
        name: {
            "threshold": float(thresholds[j]),
            "support": support[j],
            "precision": float(precision[j]),
            "recall": float(recall[j]),
            "f1": float(f1[j]),
        }
        for j, name in enumerate(names)
    }
