"""Metric names -> checked inputs -> the families that compute them.

Set metrics and accuracies take predictions (or scores with ``threshold=``) as
the metric functions do; top-k and @k metrics take scores with class indices or
a label-indicator matrix (as :class:`MetricAccumulator`); ROC AUC, average
precision and the operating points take scores as their functions do.
"""

from functools import partial

import numpy as np
import scipy.sparse as sp

from .._checks._multiclass import is_multiclass
from .._checks._params import check_target_average, check_zero_division
from .._checks._ranking import check_ranking_targets, check_ties
from .._checks._scores import check_finite_total, check_scores
from .._checks._targets import check_targets, check_truth_and_scores
from .._counts._rank_statistics import rank_counts, top_k_hits, topk_counts
from .._counts._reductions import per_sample_scores
from .._counts._statistics import sample_counts
from .._metrics._curves import roc_auc_score
from .._metrics._registry import parse_name as parse_name_for
from .._metrics._scorers import metric_function
from .._metrics._streamed import at_k_values
from ._auc import AUCFamily
from ._columns import COLUMNS, count_stats
from ._families import MeanFamily, SetFamily
from ._loop import LoopFamily
from ._sums import Stats, unit_columns

# Each set metric's ratio: factor * tp / den, den a column of the counts
_RATIO = {
    "precision": (1.0, "pred"),
    "recall": (1.0, "true"),
    "f1": (2.0, "pred+true"),
    "jaccard": (1.0, "jaccard"),
}


def parse_name(name, func, params=None):
    """A metric name -> ``(family, Spec)`` through the registry; the
    propensity-scored @k metrics need ``propensities`` in ``params``."""
    spec = parse_name_for(name, consumer="interval", func=func)
    if spec.metric == "psp" and (params or {}).get("propensities") is None:
        raise ValueError(
            f"The metric {name!r} of {func} needs propensities: pass "
            "propensities= (one per label), as the resamples must not re-estimate "
            "them."
        )
    return spec.family, spec


def set_ratio(spec):
    """``(factor, den, coefficients)`` of a set metric: each label's ratio is
    ``factor * tp / den``, where the column ``den`` is ``a * tp + b * pred + c *
    true`` for ``coefficients = (a, b, c)``. F-beta: ``(1 + b2) tp / (pred + b2
    true)`` with ``b2 = beta ** 2``."""
    if spec.metric == "fbeta":
        b2 = float(spec.beta) ** 2
        return 1.0 + b2, f"pred+{b2!r}*true", (0, 1, b2)
    factor, den = _RATIO[spec.metric]
    return factor, den, COLUMNS[den]


def samples_values(spec, tp, pred, true):
    """Each sample's metric of a samples average, from its counts (NaN where
    undefined)."""
    values = per_sample_scores(tp, pred, true, zero_division=np.nan, beta=spec.beta)
    row = ("subset_accuracy", "precision", "recall", "f", "jaccard")
    metric = "f" if spec.metric in ("f1", "fbeta") else spec.metric
    return values[row.index(metric)]


def accuracy_values(spec, truth, pred, rows):
    """Each sample's value of an accuracy: right or wrong (1-D targets), the
    whole row right (subset accuracy) or its share of right cells (hamming)
    from the per-sample counts ``rows = (tp, pred, true, n_labels)``."""
    if rows is None:
        return (truth == pred).astype(np.float64)
    tp, pred, true, n_labels = rows
    if spec.metric in ("accuracy", "subset_accuracy"):
        return ((true + pred - tp) == tp).astype(np.float64)
    return 1.0 - (true + pred - 2.0 * tp) / n_labels


def mean_stats(values, weight, units, zero_division):
    """:class:`Stats` of the weighted mean of per-sample ``values``: the column
    "mean" of rows ``num`` and ``den``; NaN values (undefined) count as
    ``zero_division``, or are left out of the mean where it is NaN."""
    values = np.asarray(values, dtype=np.float64)
    undefined = np.isnan(values)
    w = np.ones(values.shape[0]) if weight is None else weight
    if np.isnan(zero_division):
        num, den = np.where(undefined, 0.0, values) * w, np.where(undefined, 0.0, w)
    else:
        num, den = np.where(undefined, zero_division, values) * w, w
    return Stats({"mean": unit_columns(np.column_stack([num, den]), units, np.float64)})


def mean_family(spec, stats, proportion=False):
    """The :class:`MeanFamily` of an accuracy, top-k or @k metric or a samples
    average (``neg_hamming_loss`` is the hamming accuracy minus 1)."""
    offset = -1.0 if spec.metric == "neg_hamming_loss" else 0.0
    return MeanFamily(spec.name, stats, offset=offset, proportion=proportion)


def _zero_division(params, func, specs=()):
    """``zero_division`` as a float; NaN refused with Jaccard, as
    ``jaccard_score`` does."""
    jaccard = any(spec.metric == "jaccard" for spec in specs)
    value = params.get("zero_division", "warn")
    value = check_zero_division(value, func, allow_nan=not jaccard)
    return 0.0 if value == "warn" else float(value)


def set_stats(specs, targets, units, zero_division, columns):
    """``{key: Stats}`` of checked :class:`Targets`: under "counts" the label
    counts ``columns`` (``{name: coefficients of (tp, pred, true)}``) of the
    set metrics other than samples averages, with "true_count" the unweighted
    positives per label; each samples average and accuracy under its name."""
    stats = {}
    if any(s.family == "set" and s.average != "samples" for s in specs):
        stats["counts"], stats["true_count"] = count_stats(targets, columns, units)
    rows = None
    if targets.kind == "multilabel-indicator" and any(
        s.family == "accuracy" or s.average == "samples" for s in specs
    ):
        counts = sample_counts(targets.y_true, targets.y_pred)
        rows = (counts.tp, counts.pred, counts.true, counts.n_labels)
    for spec in specs:
        if spec.family == "set" and spec.average == "samples":
            values, z = samples_values(spec, *rows[:3]), zero_division
        elif spec.family == "accuracy":
            values = accuracy_values(spec, targets.y_true, targets.y_pred, rows)
            z = 0.0
        else:
            continue
        stats[spec.name] = mean_stats(values, targets.sample_weight, units, z)
    return stats


def set_family(spec, stats, true_count, labels, zero_division, pos=None):
    """The :class:`SetFamily` of a set metric on label counts ``stats``; a
    binary average reads label ``pos`` (default: class 1, or the greater
    class; None where one class other than 1 is all there is)."""
    factor, den, _ = set_ratio(spec)
    if pos is None and spec.average == "binary" and 1 in labels:
        pos = labels.index(1)
    elif pos is None and spec.average == "binary" and len(labels) > 1:
        pos = len(labels) - 1  # the greater class, as the functions
    return SetFamily(
        spec.name, stats, den=den, factor=factor, average=spec.average, pos=pos,
        zero_division=zero_division, labels=labels, true_count=true_count,
    )  # fmt: skip


def set_families(specs, y_true, y_pred, sample_weight, threshold, units, params, func):
    """Families of the set metrics and accuracies (one shared count matrix)."""
    targets = check_targets(
        y_true, y_pred, sample_weight, threshold=threshold, func=func
    )
    zero_division = _zero_division(params, func, specs)
    multilabel = targets.kind == "multilabel-indicator"
    needed = {"tp": COLUMNS["tp"]}
    for spec in specs:
        if spec.family == "set" and spec.average == "binary" and multilabel:
            raise ValueError(
                f"{spec.name!r} of {func} is scikit-learn's binary scorer (the score "
                "of class 1); y_true is a label-indicator matrix: use "
                f"'{spec.name}_macro' or another average."
            )
        if spec.family == "set" and spec.average != "samples":
            check_target_average(spec.average, targets.kind, 1, targets.classes)
            _, den, coefficients = set_ratio(spec)
            needed[den] = coefficients
            if spec.average == "weighted":
                needed["true"] = COLUMNS["true"]
        elif spec.family == "set":
            check_target_average("samples", targets.kind)
    stats = set_stats(specs, targets, units, zero_division, needed)
    labels = targets.classes.tolist()
    families = {}
    for spec in specs:
        if spec.family == "set" and spec.average != "samples":
            families[spec.name] = set_family(
                spec, stats["counts"], stats["true_count"], labels, zero_division
            )
            continue
        # a share of independent 0/1 samples: any accuracy of 1-D targets,
        # subset accuracy of label rows
        proportion = spec.metric in ("accuracy", "subset_accuracy") or (
            spec.metric == "hamming_accuracy" and not multilabel
        )
        families[spec.name] = mean_family(spec, stats[spec.name], proportion)
    return families


def rank_stats(spec, scores, codes, indicator, weight, units, ties, zero_division):
    """The :func:`mean_stats` of each sample's top-k hit or @k value (NaN where
    undefined), from scores and class ``codes`` or a label ``indicator``."""
    if spec.family == "top_k":
        counts = rank_counts(scores, spec.k, true_codes=codes, indicator=indicator)
        return mean_stats(top_k_hits(counts, spec.k, ties), weight, units, 0.0)
    counts = topk_counts(scores, indicator, spec.k, need_dcg=spec.metric == "ndcg")
    return mean_stats(at_k_values(spec, counts), weight, units, zero_division)


def _column_indices(y_true, y_score):
    """``arange(n_columns)`` where ``y_true`` holds integer class indices of
    the score columns, as :class:`MetricAccumulator` reads them (a class may
    be absent from ``y_true``); else None: the classes of ``y_true``."""
    if sp.issparse(y_true) or sp.issparse(y_score):
        return None
    y, n_columns = np.asarray(y_true), np.shape(y_score)[-1]
    if y.ndim != 1 or y.dtype.kind not in "iu" or np.ndim(y_score) != 2 or not y.size:
        return None
    return np.arange(n_columns) if 0 <= y.min() and y.max() < n_columns else None


def rank_families(specs, y_true, y_score, sample_weight, units, params, func):
    """Families of top-k accuracy and the @k metrics (per-sample values), with
    the inputs checked as :func:`top_k_accuracy_score` checks them."""
    targets = check_ranking_targets(
        y_true, y_score, sample_weight=sample_weight, func=func,
        labels=_column_indices(y_true, y_score),
    )  # fmt: skip
    scores, codes, indicator = targets.scores, targets.true_codes, targets.indicator
    if not sp.issparse(scores):
        check_finite_total(scores.sum(), scores, func)
    ties = check_ties(params.get("ties", "average"), func)
    zero_division = _zero_division(params, func)
    families = {}
    for spec in specs:
        if spec.family == "at_k" and indicator is None:
            raise ValueError(
                f"{spec.name!r} of {func} needs y_true as a label-indicator matrix "
                "of shape (n_samples, n_labels); got class labels."
            )
        if spec.family == "at_k" and spec.k > scores.shape[1]:
            raise ValueError(
                f"{spec.name!r} of {func} needs k <= n_labels ({scores.shape[1]})."
            )
        if spec.family == "at_k" and ties != "average":
            raise ValueError(
                f"{spec.name!r} of {func}: the @k metrics take ties='average' here."
            )
        stats = rank_stats(
            spec, scores, codes, indicator, targets.sample_weight, units, ties,
            zero_division,
        )  # fmt: skip
        families[spec.name] = mean_family(spec, stats, spec.family == "top_k")
    return families


def score_families(specs, y_true, y_score, sample_weight, units, params, func):
    """Families of ROC AUC, average precision, the operating points and the
    propensity-scored @k metrics (with ``params["propensities"]``)."""
    check_scores(y_score, func, name="y_pred")
    multiclass = is_multiclass(y_true, y_score)
    # DeLong's fast areas read 0/1 truth; other binary labels (the greater
    # class positive) are scored by the metric function per resample
    y = y_true.data if sp.issparse(y_true) else np.asarray(y_true)
    zero_one = not multiclass and np.isin(y, (0, 1)).all()
    families = {}
    for spec in specs:
        if (
            spec.family == "auc"
            and spec.average in (None, "macro", "weighted")
            and zero_one
        ):
            scored = check_truth_and_scores(y_true, y_score, sample_weight, func=func)
            family = AUCFamily(
                spec.name,
                scored.y_true,
                scored.y_score,
                scored.sample_weight,
                units,
                average=spec.average or "macro",
            )
            # a label without both classes (or weights): the metric function
            # raises or warns as it does; otherwise the family's area is its
            truth = scored.y_true
            positives = np.count_nonzero(truth, axis=0)
            degenerate = (positives == 0) | (positives == truth.shape[0])
            if sample_weight is not None or degenerate.any():
                family.estimate = float(
                    roc_auc_score(
                        y_true,
                        y_score,
                        average=spec.average or "macro",
                        sample_weight=sample_weight,
                    )
                )
            families[spec.name] = family
            continue
        if spec.name == "roc_auc" and multiclass:
            raise ValueError(
                f"'roc_auc' of {func} is scikit-learn's scorer, which refuses "
                "multiclass targets: use 'roc_auc_ovr' or 'roc_auc_ovo'."
            )
        function, _ = metric_function(spec)
        if spec.metric == "psp":
            zero_division = params.get("zero_division", "warn")
            function = partial(
                function,
                propensities=params["propensities"],
                zero_division=zero_division,
            )
        weight = None if sample_weight is None else np.asarray(sample_weight, float)
        families[spec.name] = LoopFamily(
            spec.name, function, y_true, y_score, weight, units
        )
    return families
