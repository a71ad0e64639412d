"""Metric names -> checked inputs -> the families that compute them.

Set metrics and accuracies take predictions (or scores with ``threshold=``) as
the metric functions do; top-k and @k metrics take scores with class indices or
a label-indicator matrix (as :class:`MetricAccumulator`); ROC AUC, average
precision and the operating points take scores as their functions do.
"""

import difflib
import re
from functools import partial

import numpy as np
import scipy.sparse as sp

from .._checks._batches import check_batch
from .._checks._params import check_target_average, check_zero_division
from .._checks._ranking import check_ties
from .._checks._scores import check_scores
from .._checks._targets import check_targets, check_truth_and_scores
from .._counts._rank_statistics import rank_counts, top_k_hits, topk_counts
from .._counts._reductions import per_sample_scores
from .._counts._statistics import chunk_rows, indicator_rows, sample_counts
from .._metrics._curves import average_precision_score, roc_auc_score
from .._metrics._operating_points import (
    precision_at_recall_score,
    recall_at_precision_score,
)
from .._metrics._streamed import MetricSpec, _at_k_values
from ._auc import AUCFamily
from ._families import MeanFamily, SetFamily
from ._loop import LoopFamily
from ._sums import Stats, exact_dtype, unit_columns, unit_sparse_columns

SET_METRICS = ("precision", "recall", "f1", "jaccard")
AVERAGES = ("micro", "macro", "samples", "weighted")
# Each set metric's ratio: factor * tp / den, den a column of the counts
_RATIO = {
    "precision": (1.0, "pred"),
    "recall": (1.0, "true"),
    "f1": (2.0, "pred+true"),
    "jaccard": (1.0, "jaccard"),
}
# column -> coefficients of (tp, pred, true)
_COLUMNS = {
    "tp": (1, 0, 0),
    "pred": (0, 1, 0),
    "true": (0, 0, 1),
    "pred+true": (0, 1, 1),
    "jaccard": (-1, 1, 1),
}
_TOP_K = re.compile(r"top(\d+)_accuracy")
_AT_K = re.compile(r"(precision|recall|ndcg)_at_(\d+)")
_AT_LEVEL = re.compile(r"(recall_at_precision|precision_at_recall)_(\d+)")
_AUC = re.compile(
    r"roc_auc(_(micro|macro|samples|weighted|ovr|ovo|ovr_weighted|ovo_weighted))?"
)
_AP = re.compile(r"average_precision(_(micro|macro|samples|weighted))?")
VALID = (
    "{precision,recall,f1,jaccard}_{micro,macro,samples,weighted}; binary "
    "precision, recall, f1, jaccard, accuracy; subset_accuracy, "
    "hamming_accuracy, neg_hamming_loss; top_k_accuracy, top{k}_accuracy; "
    "{precision,recall,ndcg}_at_{k}; roc_auc[_{micro,macro,samples,weighted,"
    "ovr,ovo,ovr_weighted,ovo_weighted}]; average_precision[_{micro,macro,"
    "samples,weighted}]; recall_at_precision_{P}, precision_at_recall_{R}"
)
_EXAMPLES = [f"{m}_{a}" for m in SET_METRICS for a in AVERAGES] + [
    "accuracy",
    "subset_accuracy",
    "hamming_accuracy",
    "neg_hamming_loss",
    "top5_accuracy",
    "precision_at_5",
    "ndcg_at_5",
    "roc_auc",
    "roc_auc_macro",
    "average_precision_macro",
    "recall_at_precision_90",
]


def parse_name(name, func):
    """A metric name -> ``(family kind, MetricSpec)``; ValueError listing the
    valid names for an unknown one."""
    if not isinstance(name, str):
        raise ValueError(
            f"The 'metric' parameter of {func} must be a metric name (str) or a "
            f"list of them; got {name!r}."
        )
    head, _, average = name.rpartition("_")
    if head in SET_METRICS and average in AVERAGES:
        return "set", MetricSpec(name, "set", head, average=average)
    if name in SET_METRICS:
        return "set", MetricSpec(name, "set", name, average="binary")
    if name in ("accuracy", "subset_accuracy", "hamming_accuracy", "neg_hamming_loss"):
        return "accuracy", MetricSpec(name, "accuracy", name)
    if name == "top_k_accuracy":
        return "top_k", MetricSpec(name, "top_k", "top_k", k=2)
    match = _TOP_K.fullmatch(name)
    if match and int(match[1]) >= 1:
        return "top_k", MetricSpec(name, "top_k", "top_k", k=int(match[1]))
    match = _AT_K.fullmatch(name)
    if match and int(match[2]) >= 1:
        return "at_k", MetricSpec(name, "at_k", match[1], k=int(match[2]))
    match = _AUC.fullmatch(name)
    if match:
        return "auc", MetricSpec(name, "auc", "roc_auc", average=match[2])
    match = _AP.fullmatch(name)
    if match:
        return "ap", MetricSpec(name, "ap", "average_precision", average=match[2])
    match = _AT_LEVEL.fullmatch(name)
    if match and int(match[2]) <= 100:
        return "level", MetricSpec(name, "level", match[1], k=int(match[2]))
    close = difflib.get_close_matches(name, _EXAMPLES, n=3, cutoff=0.5)
    hint = f" Did you mean {close}?" if close else ""
    raise ValueError(
        f"The 'metric' parameter of {func} holds the unknown metric {name!r}.{hint} "
        f"Valid names: {VALID}."
    )


def _combined(tp, pred, true, coefficients, dtype):
    a, b, c = coefficients
    out = np.zeros(tp.shape, dtype=dtype)
    for coef, block in ((a, tp), (b, pred), (c, true)):
        if coef == 1:
            out += block
        elif coef == -1:
            out -= block
    return out


def _count_stats(targets, names, units):
    """Per-unit label counts (the columns ``names``) of checked targets."""
    weight = targets.sample_weight
    y_true, y_pred = targets.y_true, targets.y_pred
    n = y_true.shape[0]
    dtype = exact_dtype(n, weight is not None)
    if targets.kind != "multilabel-indicator":
        n_classes = targets.classes.shape[0]
        rows = np.arange(n)
        true = sp.csr_array((np.ones(n), (rows, y_true)), shape=(n, n_classes))
        pred = sp.csr_array((np.ones(n), (rows, y_pred)), shape=(n, n_classes))
        sparse = True
    elif sp.issparse(y_true) and sp.issparse(y_pred):
        true = sp.csr_array(y_true, dtype=np.float64)
        pred = sp.csr_array(y_pred, dtype=np.float64)
        sparse = True
    else:
        sparse = False
    if sparse:
        tp = true.multiply(pred).tocsr()
        columns = {}
        for name in names:
            a, b, c = _COLUMNS[name]
            matrix = a * tp + b * pred + c * true
            if weight is not None:
                matrix = sp.csr_array(matrix.multiply(weight[:, np.newaxis]))
            columns[name] = unit_sparse_columns(matrix, units, dtype)
        true_count = np.asarray(true.sum(axis=0)).ravel()
        return Stats(columns), true_count
    n_labels = y_true.shape[1]
    per_sample = {name: np.empty((n_labels, n), dtype=dtype) for name in names}
    true_count = np.zeros(n_labels)
    step = chunk_rows(n_labels)
    for start in range(0, n, step):
        stop = min(start + step, n)
        t = indicator_rows(y_true, start, stop)
        p = indicator_rows(y_pred, start, stop)
        hit = t & p
        true_count += t.sum(axis=0)
        for name in names:
            block = _combined(hit, p, t, _COLUMNS[name], dtype)
            if weight is not None:
                block *= weight[start:stop, np.newaxis]
            per_sample[name][:, start:stop] = block.T
    if units.index is not None:
        per_sample = {
            name: unit_columns(col.T, units, dtype) for name, col in per_sample.items()
        }
    return Stats(per_sample), true_count


def _mean_stats(values, weight, units, zero_division):
    """num / den columns of a mean of per-sample ``values`` (NaN: undefined)."""
    values = np.asarray(values, dtype=np.float64)
    undefined = np.isnan(values)
    w = np.ones(values.shape[0]) if weight is None else weight
    if np.isnan(zero_division):
        num, den = np.where(undefined, 0.0, values) * w, np.where(undefined, 0.0, w)
    else:
        num, den = np.where(undefined, zero_division, values) * w, w
    return Stats(
        {
            "num": unit_columns(num, units, np.float64),
            "den": unit_columns(den, units, np.float64),
        }
    )


def _zero_division(params, func):
    value = check_zero_division(params.get("zero_division", "warn"), func)
    return 0.0 if value == "warn" else float(value)


def set_families(specs, y_true, y_pred, sample_weight, threshold, units, params, func):
    """Families of the set metrics and accuracies (one shared count matrix)."""
    targets = check_targets(
        y_true, y_pred, sample_weight, threshold=threshold, func=func
    )
    zero_division = _zero_division(params, func)
    multilabel = targets.kind == "multilabel-indicator"
    needed = {"tp"}
    for spec in specs:
        if spec.family == "set" and spec.average != "samples":
            check_target_average(spec.average, targets.kind, 1, targets.classes)
            needed.add(_RATIO[spec.metric][1])
            if spec.average == "weighted":
                needed.add("true")
        elif spec.family == "set":
            check_target_average("samples", targets.kind)
    stats = true_count = None
    if any(s.family == "set" and s.average != "samples" for s in specs):
        stats, true_count = _count_stats(targets, sorted(needed), units)
    rows = None
    if multilabel and any(
        s.family == "accuracy" or s.average == "samples" for s in specs
    ):
        counts = sample_counts(targets.y_true, targets.y_pred)
        rows = (counts.tp, counts.pred, counts.true, counts.n_labels)
    labels = targets.classes.tolist()
    weight = targets.sample_weight
    families = {}
    for spec in specs:
        if spec.family == "set" and spec.average == "samples":
            tp, pred, true, _ = rows
            values = per_sample_scores(tp, pred, true, zero_division=np.nan)
            row = ("subset_accuracy", *SET_METRICS)
            zd = zero_division
            if np.isnan(zd) and spec.metric == "jaccard":
                zd = 0.0
            stats_s = _mean_stats(values[row.index(spec.metric)], weight, units, zd)
            families[spec.name] = MeanFamily(spec.name, stats_s)
        elif spec.family == "set":
            factor, den = _RATIO[spec.metric]
            pos = None
            if spec.average == "binary":
                pos = labels.index(1) if 1 in labels else len(labels) - 1
            families[spec.name] = SetFamily(
                spec.name,
                stats,
                den=den,
                factor=factor,
                average=spec.average,
                pos=pos,
                zero_division=zero_division,
                labels=labels,
                true_count=true_count,
            )
        else:
            families[spec.name] = _accuracy(spec, targets, rows, units)
    return families


def _accuracy(spec, targets, rows, units):
    weight = targets.sample_weight
    if rows is None:  # 1-D targets: every accuracy is the share of right labels
        correct = (targets.y_true == targets.y_pred).astype(np.float64)
        offset = -1.0 if spec.metric == "neg_hamming_loss" else 0.0
        stats = _mean_stats(correct, weight, units, 0.0)
        proportion = spec.metric != "neg_hamming_loss"
        return MeanFamily(spec.name, stats, offset=offset, proportion=proportion)
    tp, pred, true, n_labels = rows
    if spec.metric in ("accuracy", "subset_accuracy"):
        exact = ((true + pred - tp) == tp).astype(np.float64)
        stats = _mean_stats(exact, weight, units, 0.0)
        return MeanFamily(spec.name, stats, proportion=True)
    right = 1.0 - (true + pred - 2.0 * tp) / n_labels
    stats = _mean_stats(right, weight, units, 0.0)
    offset = -1.0 if spec.metric == "neg_hamming_loss" else 0.0
    return MeanFamily(spec.name, stats, offset=offset)


def rank_families(specs, y_true, y_score, sample_weight, units, params, func):
    """Families of top-k accuracy and the @k metrics (per-sample values)."""
    batch = check_batch(y_true, y_score, sample_weight, func=func)
    ties = check_ties(params.get("ties", "average"), func)
    zero_division = _zero_division(params, func)
    indicator = batch.truth if batch.kind == "multilabel" else None
    codes = None if batch.kind == "multilabel" else batch.truth
    families = {}
    for spec in specs:
        if batch.kind == "binary":
            raise ValueError(
                f"{spec.name!r} of {func} needs one score column per class, of "
                "shape (n_samples, n_classes); got one column of binary scores."
            )
        if spec.family == "top_k":
            counts = rank_counts(
                batch.scores, spec.k, true_codes=codes, indicator=indicator
            )
            values = top_k_hits(counts, spec.k, ties)
            stats = _mean_stats(values, batch.sample_weight, units, 0.0)
            families[spec.name] = MeanFamily(spec.name, stats, proportion=True)
            continue
        if indicator is None:
            raise ValueError(
                f"{spec.name!r} of {func} needs y_true as a label-indicator matrix "
                "of shape (n_samples, n_labels); got class indices."
            )
        if spec.k > batch.n_columns:
            raise ValueError(
                f"{spec.name!r} of {func} needs k <= n_labels ({batch.n_columns})."
            )
        counts = topk_counts(
            batch.scores, indicator, spec.k, need_dcg=spec.metric == "ndcg"
        )
        if ties != "average":
            raise ValueError(
                f"{spec.name!r} of {func}: the @k metrics take ties='average' here."
            )
        values = _at_k_values(spec, counts)
        stats = _mean_stats(values, batch.sample_weight, units, zero_division)
        families[spec.name] = MeanFamily(spec.name, stats)
    return families


def _loop_function(spec, multiclass):
    if spec.family == "level":
        if spec.metric == "recall_at_precision":
            return partial(recall_at_precision_score, min_precision=spec.k / 100)
        return partial(precision_at_recall_score, min_recall=spec.k / 100)
    average = spec.average or "macro"
    if spec.family == "ap":
        return partial(average_precision_score, average=average)
    if average in ("ovr", "ovo", "ovr_weighted", "ovo_weighted"):
        multi, _, weighted = average.partition("_")
        return partial(roc_auc_score, multi_class=multi, average=weighted or "macro")
    if multiclass:
        return partial(roc_auc_score, multi_class="ovr", average=average)
    return partial(roc_auc_score, average=average)


def _one_dimensional_multiclass(y_true):
    if sp.issparse(y_true):
        return False
    y = np.asarray(y_true)
    if y.ndim == 2 and y.shape[1] == 1:
        y = y.ravel()
    if y.ndim != 1:
        return False
    values = np.unique(y)
    return values.shape[0] > 2 or not np.isin(values, [0, 1]).all()


def score_families(specs, y_true, y_score, sample_weight, units, func):
    """Families of ROC AUC, average precision and the operating points."""
    check_scores(y_score, func, name="y_pred")
    multiclass = _one_dimensional_multiclass(y_true)
    families = {}
    for spec in specs:
        if (
            spec.family == "auc"
            and spec.average in (None, "macro", "weighted")
            and not multiclass
        ):
            scored = check_truth_and_scores(y_true, y_score, sample_weight, func=func)
            if spec.average is None and not scored.one_label:
                raise ValueError(
                    f"'roc_auc' of {func} is scikit-learn's binary scorer; y_true is "
                    "a label-indicator matrix: use 'roc_auc_macro' or another "
                    "average."
                )
            family = AUCFamily(
                spec.name,
                scored.y_true,
                scored.y_score,
                scored.sample_weight,
                units,
                average=spec.average or "macro",
            )
            # the area must be the metric function's: it raises for bad targets
            roc_auc_score(
                y_true,
                y_score,
                average=spec.average or "macro",
                sample_weight=sample_weight,
            )
            families[spec.name] = family
            continue
        function = _loop_function(spec, multiclass)
        weight = None if sample_weight is None else np.asarray(sample_weight, float)
        families[spec.name] = LoopFamily(
            spec.name, function, y_true, y_score, weight, units
        )
    return families
