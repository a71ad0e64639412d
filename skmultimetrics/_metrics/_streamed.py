"""Metrics of a stream of batches, by scorer name, from sums that add up.

:func:`batch_sums` reduces one checked batch to the sums that the registry's
specs (``_registry``) need (``_counts._sums``), and
:func:`finish` computes each number from the added sums with the formulas of the
one-shot functions, so the values equal theirs on the concatenated batches.
"""

import numpy as np

from .._checks._multiclass import check_class_thresholds, class_decisions
from .._checks._onehot import is_argmax
from .._checks._params import check_cut_offs
from .._checks._ranking import warn_k
from .._counts._histogram import ScoreHistogram
from .._counts._rank_statistics import (
    best_gains,
    rank_counts,
    top_k_hits,
    topk_counts,
    true_in_top_k,
)
from .._counts._reductions import (
    jaccard_from_counts_averaged,
    micro_counts,
    prf_from_counts,
    psp_value,
    warn_undefined,
)
from .._counts._statistics import LabelCounts
from .._counts._sums import (
    class_sums,
    multilabel_sums,
    sample_mean,
    sample_mean_sums,
)
from ._registry import SET_METRICS
from ._streamed_curves import curve_value, is_curve

# Undefined-ratio warnings of the samples average: (display name, what is missing)
_UNDEFINED = {
    "precision": ("Precision", "predicted"),
    "recall": ("Recall", "true"),
    "f1": ("F-score", "true nor predicted"),
    "jaccard": ("Jaccard", "true or predicted"),
    "recall_at": ("Recall@k", "true"),
    "ndcg_at": ("nDCG@k", "true"),
}
_UNDEFINED["fbeta"] = _UNDEFINED["f1"]
_WARN_FOR = {
    "precision": "precision",
    "recall": "recall",
    "f1": "f-score",
    "fbeta": "f-score",
}


def check_specs_for(specs, kind, n_columns, func, sparse_scores=False):
    """Raise for a metric that the batch cannot give, before anything is added."""
    for spec in specs:
        if spec.average == "binary" and kind != "binary":
            raise ValueError(
                f"{spec.name!r} of {func} is scikit-learn's binary scorer (the score "
                f"of class 1); the batches hold {kind} targets: use "
                f"'{spec.name}_macro' or another average."
            )
        if spec.family == "top_k" and sparse_scores:
            raise TypeError(
                f"y_score of {func} must be dense for {spec.name!r}; got a sparse "
                "matrix. (Sparse scores are ranked by the @k metrics.)"
            )
        if spec.average == "samples" and kind != "multilabel":
            raise ValueError(
                f"{spec.name!r} of {func}: samplewise metrics are not available "
                f"outside of multilabel classification (y_true holds {kind} class "
                "indices)."
            )
        if spec.family == "at_k":
            if kind != "multilabel":
                raise ValueError(
                    f"{spec.name!r} of {func} needs y_true as a label-indicator "
                    f"matrix of shape (n_samples, n_labels); got {kind} class indices."
                )
            if spec.k > n_columns:
                raise ValueError(
                    f"{spec.name!r} of {func} needs k <= n_labels ({n_columns}); there "
                    "are no more labels to rank."
                )
        if is_curve(spec) and kind == "multiclass":
            raise ValueError(
                f"{spec.name!r} of {func} needs a label-indicator matrix or 0/1 "
                "labels with the scores of class 1; got multiclass class indices "
                "(for one-vs-rest curves, pass y_true one-hot, as a label matrix)."
            )
        if spec.family == "top_k" and kind == "binary":
            raise ValueError(
                f"{spec.name!r} of {func} needs one score column per class, of shape "
                "(n_samples, n_classes); got one column of binary scores."
            )


def needs_sample_sums(specs):
    """Whether ``specs`` need the per-sample sums of a multi-label batch."""
    return any(
        spec.average == "samples" or spec.metric == "subset_accuracy" for spec in specs
    )


def batch_thresholds(threshold, kind, n_columns, func, label_names=None):
    """Cut-offs of a batch kind: one per label, one for binary scores, or one
    positive threshold per class (multiclass: ``argmax(scores / threshold)``)."""
    if kind == "multiclass":
        return check_class_thresholds(threshold, n_columns, func)
    if is_argmax(threshold):
        raise ValueError(
            f"threshold='argmax' of {func} scores one class per sample; the "
            f"batch is {kind}."
        )
    return check_cut_offs(
        threshold, 1 if kind == "binary" else n_columns, func, label_names=label_names
    )


def batch_predictions(batch, thresholds, func=None):
    """The predictions of a checked batch at checked ``thresholds``: a bool
    (n, L) matrix (multi-label) or class codes (1-D targets). With ``func``,
    multiclass scores are checked as :func:`class_decisions` says."""
    scores = batch.scores
    if batch.kind == "multilabel":
        scores = scores.toarray() if hasattr(scores, "toarray") else scores
        return scores >= thresholds
    if batch.kind == "binary":
        return (scores[:, 0] >= thresholds[0]).astype(np.int64)
    return class_decisions(scores, thresholds, func)


def _label_columns(batch, what):
    """Dense bool truth and scores, one column per label (binary: one)."""
    if batch.kind == "multiclass":
        raise ValueError(
            f"{what} needs label-indicator or binary targets; the batch holds "
            "multiclass class indices."
        )
    truth, scores = batch.truth, batch.scores
    if batch.kind == "binary":
        truth = (truth == 1)[:, np.newaxis]
    truth = truth.toarray() != 0 if hasattr(truth, "toarray") else truth
    scores = scores.toarray() if hasattr(scores, "toarray") else scores
    return truth, scores


def batch_sums(
    batch,
    specs,
    thresholds,
    *,
    func,
    samples=False,
    workspace=None,
    edges=None,
    gains=None,
):
    """The sums of one checked batch that ``specs`` need (set counts always; the
    per-sample sums of a multi-label batch also with ``samples``; score
    histograms with bin ``edges``; PSP@k with per-label ``gains``)."""
    weight = batch.sample_weight
    histograms = None
    if edges is not None:
        truth, scores = _label_columns(batch, "bins=")
        histograms = ScoreHistogram.of_edges(truth, scores, weight, edges)
    curves = [spec.name for spec in specs if is_curve(spec)]
    if curves and not batch.scored:
        raise TypeError(
            f"y_score of {func} must hold scores (floats: probabilities, logits) "
            f"for {curves[0]!r}, which ranks them; got integers or bools, such as "
            "0/1 predictions, whose curve has a single cut-off. Pass the model's "
            "scores, as floats."
        )
    if curves and weight is not None and (weight < 0).any():
        raise ValueError(
            f"The 'sample_weight' parameter of {func} has negative weights (such "
            f"as {weight[weight < 0][0]!r}); the curves ({curves[0]!r}) need "
            "non-negative weights."
        )
    if curves:
        truth, scores = _label_columns(batch, repr(curves[0]))
        curves = ScoreHistogram.of_batch(truth, scores, weight)
    if not samples and specs and all(is_curve(spec) for spec in specs):
        n = batch.truth.shape[0]  # curves only: no counts at a cut-off
        total = n if weight is None else weight.sum()
        sums = {"set": {"n": n, "total": float(total)}}
    elif batch.kind == "multilabel":
        samples = samples or needs_sample_sums(specs)
        sums = {
            "set": multilabel_sums(
                batch.truth,
                batch.scores,
                thresholds,
                weight,
                samples=samples,
                workspace=workspace,
                betas=tuple(
                    {s.beta for s in specs if s.metric == "fbeta"} if samples else ()
                ),
            )
        }
    else:
        pred = batch_predictions(batch, thresholds, func)
        sums = {"set": class_sums(batch.truth, pred, batch.n_columns, weight)}
    indicator = batch.truth if batch.kind == "multilabel" else None
    codes = None if batch.kind == "multilabel" else batch.truth
    if histograms is not None:
        sums["bins"] = histograms
    if curves:
        sums["curves"] = curves
    top_k = {}  # k -> the top-k statistics, shared by the @k metrics of that k
    for spec in specs:
        if spec.family == "top_k" and spec.name not in sums:
            counts = rank_counts(
                batch.scores, spec.k, true_codes=codes, indicator=indicator
            )
            hits = top_k_hits(counts, spec.k, "average")
            sums[spec.name] = sample_mean_sums(hits, weight)
        elif spec.metric == "psp":
            counts = topk_counts(batch.scores, indicator, spec.k, gains=gains)
            got = counts.gain_above + counts.gain_tied["average"]
            best = best_gains(indicator, gains, spec.k)
            if weight is not None:
                got, best = got * weight, best * weight
            sums[spec.name] = {"got": float(got.sum()), "best": float(best.sum())}
        elif spec.family == "at_k":
            if spec.k not in top_k:
                need_dcg = any(
                    s.metric == "ndcg" and s.k == spec.k
                    for s in specs
                    if s.family == "at_k"
                )
                top_k[spec.k] = topk_counts(
                    batch.scores, indicator, spec.k, need_dcg=need_dcg
                )
            values = _at_k_values(spec, top_k[spec.k])
            sums[spec.name] = sample_mean_sums(values, weight)
    return sums


def _at_k_values(spec, counts):
    """Per-sample precision, recall or nDCG at k; NaN where undefined."""
    k = spec.k
    if spec.metric == "precision":
        return true_in_top_k(counts, "average") / k
    with np.errstate(divide="ignore", invalid="ignore"):
        if spec.metric == "recall":
            values = true_in_top_k(counts, "average") / counts.n_true
            values[counts.n_true == 0] = np.nan
            return values
        discount = 1.0 / np.log2(np.arange(2, k + 2))
        ideal = np.concatenate([[0.0], np.cumsum(discount)])[
            np.minimum(counts.n_true, k)
        ]
        values = counts.dcg["average"] / ideal
    values[ideal == 0] = np.nan
    return values


def _zero_value(zero_division):
    return 0.0 if zero_division == "warn" else float(zero_division)


def _streamed_mean(sums, key, zero_division):
    """A samples average; warns for undefined samples when ``zero_division`` is
    "warn", as the one-shot function does."""
    if zero_division == "warn" and sums["n_undefined"]:
        display, modifier = _UNDEFINED[key]
        warn_undefined("samples", modifier, f"{display} is", 2)
    weighted_counts = key in (*SET_METRICS, "fbeta")
    value = sample_mean(
        sums, _zero_value(zero_division), weighted_counts=weighted_counts
    )
    return float(value)


def _label_counts(set_sums, kind):
    """Per-label counts; for 1-D targets, of the classes present (as scikit-learn
    averages over the classes found in y_true or y_pred)."""
    counts = LabelCounts(
        set_sums["tp"], set_sums["pred"], set_sums["true"], set_sums["total"]
    )
    if kind == "multilabel":
        return counts
    present = set_sums["seen"] > 0
    return LabelCounts(
        counts.tp[present], counts.pred[present], counts.true[present], counts.total
    )


def _set_value(spec, sums, kind, zero_division):
    set_sums = sums["set"]
    if spec.average == "samples":
        key = f"fbeta{spec.beta!r}" if spec.metric == "fbeta" else spec.metric
        return _streamed_mean(set_sums["samples"][key], spec.metric, zero_division)
    counts = _label_counts(set_sums, kind)
    if spec.average == "binary":  # the class 1 of 0/1 labels
        pick = slice(1, 2)
        counts = LabelCounts(
            set_sums["tp"][pick],
            set_sums["pred"][pick],
            set_sums["true"][pick],
            set_sums["total"],
        )
    if spec.average == "micro":
        counts = micro_counts(counts)
    if spec.metric == "jaccard":
        return float(
            jaccard_from_counts_averaged(
                counts, average=spec.average, zero_division=zero_division
            )
        )
    precision, recall, fscore, _ = prf_from_counts(
        counts,
        beta=spec.beta,
        average=spec.average,
        warn_for=(_WARN_FOR[spec.metric],),
        zero_division=zero_division,
        need=(_WARN_FOR[spec.metric],),
    )
    return float({"precision": precision, "recall": recall}.get(spec.metric, fscore))


def _hamming_accuracy(sums, kind):
    set_sums = sums["set"]
    if kind != "multilabel":
        return float(sample_mean(set_sums["correct"], 0.0))
    tp, pred, true = set_sums["tp"], set_sums["pred"], set_sums["true"]
    wrong = true.sum() + pred.sum() - 2 * tp.sum()
    return float(1.0 - wrong / (np.float64(set_sums["total"]) * tp.shape[0]))


def _accuracy_value(spec, sums, kind):
    if spec.metric == "subset_accuracy":
        if kind == "multilabel":
            return float(sample_mean(sums["set"]["samples"]["subset_accuracy"], 0.0))
        return float(sample_mean(sums["set"]["correct"], 0.0))
    hamming = _hamming_accuracy(sums, kind)
    return hamming if spec.metric == "hamming_accuracy" else -(1.0 - hamming)


def finish(sums, specs, kind, n_columns, zero_division):
    """``{name: value}`` of every spec from a stream's added sums."""
    result = {}
    for spec in specs:
        if spec.family == "set":
            value = _set_value(spec, sums, kind, zero_division)
        elif spec.family == "accuracy":
            value = _accuracy_value(spec, sums, kind)
        elif spec.family == "top_k":
            warn_k(spec.k, n_columns, "top_k_accuracy_score")
            value = float(sample_mean(sums[spec.name], 0.0))
        elif is_curve(spec):
            value = curve_value(spec, sums["curves"])
        elif spec.metric == "precision":
            value = float(sample_mean(sums[spec.name], 0.0))
        elif spec.metric == "psp":
            psp = sums[spec.name]
            value = psp_value(psp["got"], psp["best"], zero_division)
        else:
            value = _streamed_mean(sums[spec.name], f"{spec.metric}_at", zero_division)
        result[spec.name] = value
    return result
