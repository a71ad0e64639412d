"""Metric names -> checked inputs -> the families that compute them.

Set metrics and accuracies take predictions (or scores with ``threshold=``) as
the metric functions do; top-k and @k metrics take scores with class indices or
a label-indicator matrix (as :class:`MetricAccumulator`); ROC AUC, average
precision and the operating points take scores as their functions do.
"""

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
from .._counts._statistics import sample_counts
from .._metrics._curves import roc_auc_score
from .._metrics._registry import parse_name as parse_name_for
from .._metrics._scorers import metric_function
from .._metrics._streamed import _at_k_values
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


def samples_values(spec, tp, pred, true, zero_division):
    """``(values, zero_division)`` of a samples average: each sample's metric
    from its counts (NaN where undefined), and the value the undefined ones take
    (scikit-learn's samples Jaccard counts a sample without labels as 0 when
    ``zero_division`` is NaN)."""
    values = per_sample_scores(tp, pred, true, zero_division=np.nan, beta=spec.beta)
    row = ("subset_accuracy", "precision", "recall", "f", "jaccard")
    metric = "f" if spec.metric in ("f1", "fbeta") else spec.metric
    if np.isnan(zero_division) and spec.metric == "jaccard":
        zero_division = 0.0
    return values[row.index(metric)], zero_division


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
    stats = true_count = None
    if any(s.family == "set" and s.average != "samples" for s in specs):
        stats, true_count = count_stats(targets, needed, units)
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
            values, zd = samples_values(spec, tp, pred, true, zero_division)
            stats_s = _mean_stats(values, weight, units, zd)
            families[spec.name] = MeanFamily(spec.name, stats_s)
        elif spec.family == "set":
            factor, den, _ = set_ratio(spec)
            pos = None
            if spec.average == "binary" and 1 in labels:
                pos = labels.index(1)
            elif spec.average == "binary" and len(labels) > 1:
                pos = len(labels) - 1  # the greater class, as the functions
            # (one class other than 1: the positive class 1 is absent, pos None)
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


def score_families(specs, y_true, y_score, sample_weight, units, params, func):
    """Families of ROC AUC, average precision, the operating points and the
    propensity-scored @k metrics (with ``params["propensities"]``)."""
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
        function, _ = metric_function(spec, multiclass=multiclass)
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
