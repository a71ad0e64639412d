"""Reductions: from counts to scores. The one place that divides and averages.

:func:`safe_divide` owns ``zero_division`` and the ``UndefinedMetricWarning``
messages (worded as scikit-learn words them, so warning filters keep working);
:func:`average_scores` owns every ``average``.
"""

import warnings

import numpy as np
from sklearn.exceptions import UndefinedMetricWarning

from .._checks._onehot import caller_stacklevel


def ratio_values(metric, tp, pred, true, beta=1.0, fill=0.0):
    """A set metric's values from counts, ``fill`` where undefined (0/0), with
    no warning: the inner loops' form of :func:`ratio_terms` (a fresh float64
    numerator is divided in place)."""
    numerator, denominator = ratio_terms(metric, tp, pred, true, beta)
    shape = np.broadcast_shapes(np.shape(numerator), np.shape(denominator))
    fresh = (
        isinstance(numerator, np.ndarray)
        and numerator is not tp
        and numerator.dtype == np.float64
        and numerator.shape == shape
    )
    out = numerator if fresh else np.array(np.broadcast_to(numerator, shape), float)
    with np.errstate(divide="ignore", invalid="ignore"):
        np.divide(out, denominator, out=out)
    undefined = np.asarray(denominator) == 0
    if undefined.any():
        out[np.broadcast_to(undefined, shape)] = fill
    return out


def ratio_terms(metric, tp, pred, true, beta=1.0):
    """Numerator and denominator of a set metric from counts: the one place of
    the formulas of precision ``tp / pred``, recall ``tp / true``, F-beta
    ``(1 + b2) tp / (pred + b2 true)`` (``metric`` "f1" or "fbeta"; beta 0 is
    precision, inf recall) and Jaccard ``tp / (true + pred - tp)``, where
    ``pred`` and ``true`` count the predicted and the true positives. Arrays
    broadcast; ``keras/_ops.py`` mirrors this in ``keras.ops``."""
    if metric == "precision" or (metric == "fbeta" and beta == 0):
        return tp, pred
    if metric == "recall" or (metric == "fbeta" and np.isposinf(beta)):
        return tp, true
    if metric == "jaccard":
        return tp, true + pred - tp
    if metric == "f1":  # integer counts stay integers: exact, and no float pass
        return 2 * tp, pred + true
    beta2 = float(beta) ** 2
    return (1 + beta2) * tp, pred + beta2 * true


def warn_undefined(average, modifier, msg_start, result_size):
    """Issue scikit-learn's ``UndefinedMetricWarning`` for an ill-defined score."""
    axis0, axis1 = ("label", "sample") if average == "samples" else ("sample", "label")
    where = "due to" if result_size == 1 else f"in {axis1}s with"
    warnings.warn(
        f"{msg_start} ill-defined and being set to 0.0 {where} no {modifier} "
        f"{axis0}s. Use `zero_division` parameter to control this behavior.",
        UndefinedMetricWarning,
        stacklevel=caller_stacklevel(),
    )


def safe_divide(
    numerator,
    denominator,
    *,
    metric,
    modifier,
    average,
    warn,
    zero_division,
    display=None,
):
    """``numerator / denominator`` with 0/0 set by ``zero_division``.

    Parameters
    ----------
    metric : str
        Name used in the warning ("precision", "recall", "f-score", "jaccard").
    modifier : str
        What is missing when the denominator is zero ("predicted", "true", ...).
    warn : bool
        Whether this metric is reported (scikit-learn's ``warn_for``).
    display : str, optional
        The metric's name in the warning; by default ``metric.capitalize()``.
    """
    numerator = np.asarray(numerator, dtype=np.float64)
    denominator = np.asarray(denominator, dtype=np.float64)
    undefined = denominator == 0
    with np.errstate(divide="ignore", invalid="ignore"):
        result = numerator / denominator
    if undefined.any():
        result[undefined] = 0.0 if zero_division == "warn" else float(zero_division)
        if zero_division == "warn" and warn:
            name = metric.capitalize() if display is None else display
            warn_undefined(average, modifier, f"{name} is", result.size)
    return result


def nan_average(values, weights=None):
    """Weighted mean ignoring NaN; unweighted if the remaining weights sum to 0."""
    keep = ~np.isnan(values)
    if not keep.any():
        return np.nan
    if weights is None:
        return float(values[keep].mean())
    weights = np.asarray(weights, dtype=np.float64)[keep]
    if weights.sum() == 0:
        return float(values[keep].mean())
    return float(np.average(values[keep], weights=weights))


def labels_average(values, support, average):
    """scikit-learn's average of per-label ``values`` (None: the values): the
    mean ("macro"), or weighted by each label's ``support`` ("weighted"; 0
    when no label has support, and a label without support counts 0, so its
    NaN does not spread)."""
    if average is None:
        return values
    if average != "weighted":
        return float(np.mean(values))
    if np.isclose(support.sum(), 0):
        return 0.0
    return float(np.average(np.where(support == 0, 0.0, values), weights=support))


def weighted_mean(values, weights=None):
    """Weighted mean; unweighted if the weights sum to 0 (NaN propagates)."""
    if weights is None or np.sum(weights) == 0:
        return float(np.mean(values))
    return float(np.average(values, weights=weights))


def micro_counts(counts):
    """Pool per-label counts into one pseudo-label (micro averaging)."""
    return type(counts)(
        np.atleast_1d(counts.tp.sum()),
        np.atleast_1d(counts.pred.sum()),
        np.atleast_1d(counts.true.sum()),
        *counts[3:],
    )


# scikit-learn's warn_for names: (formula, what is missing when undefined)
_RATIOS = {
    "precision": ("precision", "predicted"),
    "recall": ("recall", "true"),
    "f-score": ("fbeta", "true nor predicted"),
}


def precision_recall_fscore_from_counts(
    tp, pred, true, *, beta, average, warn_for, zero_division, need=None
):
    """Per-label (or per-sample, or pooled) precision, recall and F-beta arrays.

    ``need`` names the scores to compute (default: all three); the others come
    back as None. F-beta with beta 0 is the precision, with beta inf the recall
    (the same array, warned for as that score).
    """
    need = {"precision", "recall", "f-score"} if need is None else set(need)
    limit = {0.0: "precision", np.inf: "recall"}.get(float(beta))
    if "f-score" in need and limit is not None:
        need.add(limit)
    scores = {}
    for key in ("precision", "recall", "f-score"):
        if key not in need or (key == "f-score" and limit is not None):
            continue
        metric, modifier = _RATIOS[key]
        numerator, denominator = ratio_terms(
            metric, np.asarray(tp, dtype=np.float64), pred, true, beta
        )
        scores[key] = safe_divide(
            numerator,
            denominator,
            metric=key,
            modifier=modifier,
            average=average,
            warn=key in warn_for,
            zero_division=zero_division,
        )
    if limit is not None and "f-score" in need:
        scores["f-score"] = scores[limit]
    return tuple(scores.get(key) for key in ("precision", "recall", "f-score"))


def jaccard_from_counts(tp, pred, true, *, average, zero_division):
    """Jaccard index ``tp / (true + pred - tp)``."""
    true = np.asarray(true, dtype=np.float64)
    return safe_divide(
        *ratio_terms("jaccard", tp, pred, true),
        metric="jaccard",
        modifier="true or predicted",
        average=average,
        warn=True,
        zero_division=zero_division,
    )


def per_sample_scores(tp, pred, true, zero_division=0.0, beta=1.0):
    """Exact match, precision, recall, F-beta (F1 by default) and Jaccard of each
    sample, as rows.

    Ratios without a denominator take ``zero_division`` (NaN marks them), with
    no warning.
    """
    exact = (true + pred - tp) == tp
    precision, recall, f1 = precision_recall_fscore_from_counts(
        tp,
        pred,
        true,
        beta=beta,
        average=None,
        warn_for=(),
        zero_division=zero_division,
    )
    jaccard = jaccard_from_counts(
        tp, pred, true, average="samples", zero_division=zero_division
    )
    return np.vstack([exact, precision, recall, f1, jaccard])


def prf_from_counts(
    counts,
    *,
    beta=1.0,
    average,
    warn_for=(),
    zero_division=0.0,
    need=None,
):
    """Precision, recall, F-beta and support from :class:`LabelCounts`: per label
    (or pooled), then averaged."""
    precision, recall, fscore = precision_recall_fscore_from_counts(
        counts.tp,
        counts.pred,
        counts.true,
        beta=beta,
        average=average,
        warn_for=warn_for,
        zero_division=zero_division,
        need=need,
    )
    if average is None:
        return precision, recall, fscore, counts.true
    weights = counts.true if average == "weighted" else None
    return (
        *(
            None if score is None else nan_average(score, weights)
            for score in (precision, recall, fscore)
        ),
        None,
    )


def jaccard_from_counts_averaged(counts, *, average, zero_division):
    """The Jaccard index from :class:`LabelCounts`, averaged as ``average`` says."""
    scores = jaccard_from_counts(
        counts.tp,
        counts.pred,
        counts.true,
        average=average,
        zero_division=zero_division,
    )
    if average is None:
        return scores
    return weighted_mean(scores, counts.true if average == "weighted" else None)


def psp_value(total_got, total_best, zero_division):
    """PSP@k: the summed gains of the top k over the best achievable sum."""
    value = safe_divide(
        [total_got],
        [total_best],
        metric="psp@k",
        display="PSP@k",
        modifier="true",
        average="samples",
        warn=True,
        zero_division=zero_division,
    )
    return float(value[0])
