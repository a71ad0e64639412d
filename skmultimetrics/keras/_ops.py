"""Sufficient statistics of one batch, and the formulas that finish them, in
``keras.ops``: the device-side twins of ``_counts._sums`` and ``_streamed``.

Everything here is traceable (no Python branch on a tensor's value), so it runs
inside a compiled ``train_step``. A *mean sums* vector holds, in this order, the
six sums of ``_counts._sums.sample_mean_sums``: the weighted sum of the defined
values, their plain sum, the weight of the defined and of the undefined
samples, and the numbers of defined and undefined samples.
"""

import math

import keras
import numpy as np
from keras import ops
from scipy.stats import rankdata

from .._checks._multiclass import class_decisions
from .._counts._statistics import comparable_cut_offs

N_MEAN_SUMS = 6


def _safe_div(num, den):
    """``num / den`` where ``den != 0``, else 0 (the caller masks those)."""
    zero = ops.equal(den, 0)
    return ops.where(zero, ops.zeros_like(num), num / ops.where(zero, 1.0, den))


def mean_sums(values, defined, weight, dtype):
    """The mean sums of per-sample ``values`` (``defined``: a bool mask)."""
    values = ops.where(defined, values, ops.zeros_like(values))
    d = ops.cast(defined, dtype)
    n = ops.cast(ops.shape(values)[0], dtype)
    w = ops.ones_like(values) if weight is None else weight
    weight_defined = ops.sum(w * d)
    return ops.stack(
        [
            ops.sum(w * values),
            ops.sum(values),
            weight_defined,
            ops.sum(w) - weight_defined,
            ops.sum(d),
            n - ops.sum(d),
        ]
    )


def sample_mean(sums, zero_division, *, weighted_counts=False):
    """``_counts._sums.sample_mean`` on a mean sums vector."""
    wsum, plain, w_def, w_undef, n_def, n_undef = (sums[i] for i in range(6))
    nan = ops.cast(float("nan"), sums.dtype)
    if math.isnan(zero_division):
        value = ops.where(
            ops.equal(w_def, 0), _safe_div(plain, n_def), _safe_div(wsum, w_def)
        )
        if weighted_counts:
            value = ops.where(ops.equal(w_def, 0), nan, value)
        return ops.where(ops.equal(n_def, 0), nan, value)
    weight = w_def + w_undef
    unweighted = _safe_div(plain + zero_division * n_undef, n_def + n_undef)
    weighted = _safe_div(wsum + zero_division * w_undef, weight)
    return ops.where(ops.equal(weight, 0), unweighted, weighted)


# -- scores, cut-offs and what eager mode refuses ---------------------------------


def host_scores(y_pred):
    """``y_pred`` given as NumPy or a list, kept on the host in its own float
    type (other types: float64, as the metric functions read them) as a 2-D
    array; None for a backend tensor. JAX holds no float64: a cut-off or a rank
    of float64 scores is decided here, before they are converted."""
    if ops.is_tensor(y_pred):
        return None
    scores = np.asarray(y_pred)
    if scores.dtype not in (np.float16, np.float32, np.float64):
        scores = scores.astype(np.float64)
    return scores if scores.ndim != 1 else scores[:, None]


def work_scores(y_pred):
    """A 2-D tensor of scores: float64 stays float64, others are float32, which
    holds float16 and bfloat16 exactly."""
    is_64 = keras.backend.standardize_dtype(y_pred.dtype) == "float64"
    scores = ops.cast(y_pred, "float64" if is_64 else "float32")
    return scores if len(scores.shape) != 1 else ops.reshape(scores, (-1, 1))


def rank_scores(host, scores):
    """Scores to rank: dense ranks of float64 host scores, which keep their
    order and ties in float32."""
    if host is None or host.dtype != np.float64:
        return scores
    return ops.convert_to_tensor(rankdata(host, "dense", axis=1).astype(np.float32))


def above(host, scores, thresholds):
    """``y_pred >= thresholds`` as the metric functions compare: in the scores'
    own float type (on the host for NumPy scores)."""
    if host is not None:
        return ops.convert_to_tensor(
            host >= comparable_cut_offs(thresholds, host.dtype)
        )
    dtype = keras.backend.standardize_dtype(scores.dtype)
    cuts = comparable_cut_offs(thresholds, dtype)
    return ops.greater_equal(scores, ops.convert_to_tensor(cuts, dtype))


def class_predictions(host, scores, thresholds, binary):
    """The int32 class of each sample: ``y_pred >= threshold`` for one sigmoid
    output, else the argmax, of ``y_pred / thresholds`` with per-class ones."""
    if binary:
        return ops.cast(
            ops.reshape(above(host, scores, thresholds[:1]), (-1,)), "int32"
        )
    if host is not None:
        pred = host.argmax(axis=1) if thresholds is None else (
            class_decisions(host, thresholds))  # fmt: skip
        return ops.convert_to_tensor(pred.astype(np.int32))
    if thresholds is None:
        return ops.cast(ops.argmax(scores, axis=1), "int32")
    ratio = scores / ops.convert_to_tensor(thresholds, scores.dtype)
    never = np.isinf(thresholds)
    if never.any() and not never.all():
        low = ops.cast(float("-inf"), scores.dtype)
        ratio = ops.where(ops.convert_to_tensor(never)[None, :], low, ratio)
    return ops.cast(ops.argmax(ratio, axis=1), "int32")


def invalid_count(y_true, scores, kind, n_columns, soft=False):
    """How many entries the eager checks would refuse: NaN scores, and truth
    that is not 0/1 (``soft``: not in [0, 1]) or not a class index of
    ``[0, n_columns)``. A compiled step cannot raise; a count above 0 makes
    the result NaN."""
    y = ops.cast(y_true, "float32")
    if kind != "multilabel":
        ok = (y >= 0) & (y <= n_columns - 1) & ops.equal(y, ops.round(y))
    elif soft:
        ok = (y >= 0) & (y <= 1)
    else:
        ok = ops.equal(y, 0) | ops.equal(y, 1)
    bad = ops.sum(ops.cast(ops.logical_not(ok), "float32"))
    return bad + ops.sum(ops.cast(ops.isnan(scores), "float32"))


def row_maxima(y_true):
    """The targets of top-k on label-indicator rows: the labels at each row's
    maximum, if above 0 (Keras' argmax of soft targets such as mixup's; every
    label of a 0/1 row)."""
    top = ops.max(y_true, axis=1, keepdims=True)
    return ops.logical_and(ops.equal(y_true, top), y_true > 0)


# -- set metrics ----------------------------------------------------------------


def label_counts(truth, pred, weight):
    """``(3, n_labels)`` weighted counts ``[tp, pred, true]`` of float 0/1
    matrices, and the total weight."""
    hits = truth * pred
    if weight is None:
        blocks = [ops.sum(x, axis=0) for x in (hits, pred, truth)]
        total = ops.cast(ops.shape(truth)[0], truth.dtype)
    else:
        w = weight[None, :]
        blocks = [ops.squeeze(ops.matmul(w, x), 0) for x in (hits, pred, truth)]
        total = ops.sum(weight)
    return ops.stack(blocks), total


def sample_values(metric, truth, pred, beta=1.0):
    """Per-sample ``(values, defined)`` of a samples average (or exact match)."""
    tp = ops.sum(truth * pred, axis=1)
    n_pred = ops.sum(pred, axis=1)
    n_true = ops.sum(truth, axis=1)
    if metric == "subset_accuracy":
        exact = ops.cast(ops.equal(n_true + n_pred - 2 * tp, 0), truth.dtype)
        return exact, ops.ones_like(exact) > 0
    num, den = ratio_terms(metric, tp, n_pred, n_true, beta)
    return _safe_div(num, den), ops.not_equal(den, 0)


def ratio_terms(metric, tp, pred, true, beta=1.0):
    """Numerator and denominator of a set metric from counts."""
    if metric == "precision" or (metric == "fbeta" and beta == 0):
        return tp, pred
    if metric == "recall" or (metric == "fbeta" and math.isinf(beta)):
        return tp, true
    if metric == "jaccard":
        return tp, true + pred - tp
    beta2 = 1.0 if metric == "f1" else float(beta) ** 2
    return (1 + beta2) * tp, beta2 * true + pred


def ratios(metric, counts, zero_division, beta=1.0):
    """Per-label values of a set metric; ``zero_division`` where undefined."""
    num, den = ratio_terms(metric, counts[0], counts[1], counts[2], beta)
    fill = ops.cast(zero_division, counts.dtype)
    return ops.where(ops.equal(den, 0), fill, _safe_div(num, den))


def nan_average(values, weights=None, keep=None):
    """``_counts._reductions.nan_average`` over the labels with ``keep``."""
    kept = ops.logical_not(ops.isnan(values))
    if keep is not None:
        kept = ops.logical_and(kept, keep)
    k = ops.cast(kept, values.dtype)
    clean = ops.where(kept, values, ops.zeros_like(values))
    plain = _safe_div(ops.sum(clean), ops.sum(k))
    if weights is not None:
        w = weights * k
        plain = ops.where(
            ops.equal(ops.sum(w), 0), plain, _safe_div(ops.sum(clean * w), ops.sum(w))
        )
    nan = ops.cast(float("nan"), values.dtype)
    return ops.where(ops.equal(ops.sum(k), 0), nan, plain)


def set_value(metric, average, counts, zero_division, *, present=None, beta=1.0):
    """A set metric with a micro, macro, weighted or binary average."""
    if average == "micro":
        pooled = ops.sum(counts, axis=1, keepdims=True)
        return ratios(metric, pooled, zero_division, beta)[0]
    if average == "binary":  # class 1 of 0/1 labels
        return ratios(metric, counts[:, 1:2], zero_division, beta)[0]
    values = ratios(metric, counts, zero_division, beta)
    weights = counts[2] if average == "weighted" else None
    return nan_average(values, weights, present)


def hamming_accuracy(counts, total):
    """The share of right label cells, from per-label counts."""
    wrong = ops.sum(counts[2]) + ops.sum(counts[1]) - 2 * ops.sum(counts[0])
    n_labels = ops.cast(ops.shape(counts)[1], counts.dtype)
    return 1.0 - wrong / (total * n_labels)


# -- top-k and @k ---------------------------------------------------------------


def top_k_hits(scores, k, ties, codes=None, truth=None):
    """Per-sample hit of top-k accuracy (``_rank_statistics.top_k_hits``).

    ``codes``: the column of each sample's class; ``truth``: a bool indicator
    matrix (the best-scored true label counts, a sample without one misses).
    """
    dtype = scores.dtype
    if codes is not None:
        best = ops.take_along_axis(scores, codes[:, None], axis=1)
        has_true = None
    else:
        low = ops.cast(float("-inf"), dtype)
        best = ops.max(ops.where(truth, scores, low), axis=1, keepdims=True)
        has_true = ops.any(truth, axis=1)
    above = ops.sum(ops.cast(scores > best, dtype), axis=1)
    equal = ops.equal(scores, best)
    tied = ops.sum(ops.cast(equal, dtype), axis=1)
    if codes is not None:
        tied_true = ops.ones_like(tied)
    else:
        tied_true = ops.sum(ops.cast(ops.logical_and(equal, truth), dtype), axis=1)
    slots = k - above
    sure = ops.cast(slots > tied - tied_true, dtype)
    if ties == "optimistic":
        hit = ops.cast(slots >= 1, dtype)
    elif ties == "pessimistic":
        hit = sure
    else:
        # a random choice of r = slots of the g tied labels misses the q true
        # ones with probability prod_{i < r} (g - q - i) / (g - i)
        i = ops.cast(ops.arange(k), dtype)[None, :]
        r, g, q = slots[:, None], tied[:, None], tied_true[:, None]
        term = _safe_div(g - q - i, g - i)
        miss = ops.prod(ops.where(i < r, ops.maximum(term, 0.0), 1.0), axis=1)
        partial = ops.logical_and(slots >= 1, ops.logical_not(sure > 0))
        hit = ops.where(partial, 1.0 - miss, sure)
    if has_true is not None:
        hit = ops.where(has_true, hit, ops.zeros_like(hit))
    return hit


def at_k_values(metric, scores, truth, k, ties):
    """Per-sample ``(values, defined)`` of precision, recall or nDCG at k."""
    dtype = scores.dtype
    truth_f = ops.cast(truth, dtype)
    top_values, top_index = ops.top_k(scores, k)
    kth = top_values[:, k - 1 : k]
    higher = ops.cast(scores > kth, dtype)
    equal = ops.cast(ops.equal(scores, kth), dtype)
    above = ops.sum(higher, axis=1)
    tied = ops.sum(equal, axis=1)
    true_above = ops.sum(higher * truth_f, axis=1)
    true_tied = ops.sum(equal * truth_f, axis=1)
    n_true = ops.sum(truth_f, axis=1)
    slots = k - above
    if metric in ("precision", "recall"):
        if ties == "optimistic":
            share = ops.minimum(true_tied, slots)
        elif ties == "pessimistic":
            share = ops.maximum(0.0, slots - (tied - true_tied))
        else:
            share = true_tied * ops.minimum(slots, tied) / tied
        in_top = true_above + share
        if metric == "precision":
            return in_top / k, ops.ones_like(in_top) > 0
        return _safe_div(in_top, n_true), n_true > 0
    # nDCG: the group of equal scores at each top position shares its places
    relevant = ops.take_along_axis(truth_f, top_index, axis=1)
    same = ops.cast(ops.equal(top_values[:, :, None], top_values[:, None, :]), dtype)
    size = ops.sum(same, axis=2)
    n_rel = ops.sum(same * relevant[:, None, :], axis=2)
    first = ops.sum(
        ops.cast(top_values[:, None, :] > top_values[:, :, None], dtype), axis=2
    )
    at_kth = ops.equal(top_values, kth)
    size = ops.where(at_kth, tied[:, None], size)
    n_rel = ops.where(at_kth, true_tied[:, None], n_rel)
    first = ops.where(at_kth, above[:, None], first)
    offset = ops.cast(ops.arange(k), dtype)[None, :] - first
    if ties == "optimistic":
        share = ops.cast(offset < n_rel, dtype)
    elif ties == "pessimistic":
        share = ops.cast(offset >= size - n_rel, dtype)
    else:
        share = n_rel / size
    discount = 1.0 / np.log2(np.arange(2, k + 2))
    dcg = ops.sum(share * ops.convert_to_tensor(discount, dtype)[None, :], axis=1)
    ideal_table = np.concatenate([[0.0], np.cumsum(discount)])
    ideal = ops.take(
        ops.convert_to_tensor(ideal_table, dtype),
        ops.cast(ops.minimum(n_true, k), "int32"),
    )
    return _safe_div(dcg, ideal), ideal > 0
