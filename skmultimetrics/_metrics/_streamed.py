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
from .._checks._targets import threshold_scores
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
from ._streamed_curves import curve_value, is_curve

# Undefined-ratio warnings of the samples average: (display name, what is missing)
_UNDEFINED = {
    "precision": ("Precision", "predicted"),
    "recall": ("Recall", "true"),
    "f-score": ("F-score", "true nor predicted"),
    "jaccard": ("Jaccard", "true or predicted"),
    "recall_at": ("Recall@k", "true"),
    "ndcg_at": ("nDCG@k", "true"),
}
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
                threshold_scores(batch.scores, thresholds),
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
            values = at_k_values(spec, top_k[spec.k])
            sums[spec.name] = sample_mean_sums(values, weight)
    return sums


def at_k_values(spec, counts, ties="average"):
    """Per-sample precision, recall or nDCG at k (``spec.metric``, ``spec.k``)
    from top-k counts; NaN where undefined."""
    k = spec.k
    if spec.metric == "precision":
        return true_in_top_k(counts, ties) / k
    with np.errstate(divide="ignore", invalid="ignore"):
        if spec.metric == "recall":
            values = true_in_top_k(counts, ties) / counts.n_true
            values[counts.n_true == 0] = np.nan
            return values
        discount = 1.0 / np.log2(np.arange(2, k + 2))
        ideal = np.concatenate([[0.0], np.cumsum(discount)])[
            np.minimum(counts.n_true, k)
        ]
        values = counts.dcg[ties] / ideal
    values[ideal == 0] = np.nan
    return values


def at_k_score(spec, counts, weight, zero_division, ties="average"):
    """The mean over samples of precision, recall or nDCG at k (one-shot)."""
    sums = sample_mean_sums(at_k_values(spec, counts, ties), weight)
    return sample_score({spec.metric: sums}, spec.metric, zero_division, at_k=True)


def sample_score(samples, metric, zero_division, *, beta=1.0, warn=True, at_k=False):
    """A samples average from the per-sample sums of a multi-label count; warns
    for undefined samples when ``zero_division`` is "warn" (and ``warn``), as
    scikit-learn does. ``metric``: a key of ``_UNDEFINED``."""
    key = {"f-score": "f1" if beta == 1 else f"fbeta{beta!r}"}.get(metric, metric)
    sums = samples[key]
    if zero_division == "warn" and warn and sums["n_undefined"]:
        display, modifier = _UNDEFINED[f"{metric}_at" if at_k else metric]
        n_samples = sums["n_defined"] + sums["n_undefined"]
        warn_undefined("samples", modifier, f"{display} is", n_samples)
    zero = 0.0 if zero_division == "warn" else float(zero_division)
    return float(sample_mean(sums, zero))


def set_counts(set_sums, average, index=None):
    """The per-label counts that ``average`` divides: of the columns ``index``
    (-1: a class absent from the data, zero counts; None: all), pooled for
    "micro"."""
    counts = LabelCounts(
        set_sums["tp"], set_sums["pred"], set_sums["true"], set_sums["total"]
    )
    if index is not None:
        present = np.asarray(index) >= 0
        safe = np.where(present, index, 0)
        counts = LabelCounts(
            *(np.where(present, c[safe], 0).astype(c.dtype) for c in counts[:3]),
            counts.total,
        )
    return micro_counts(counts) if average == "micro" else counts


def set_scores(
    set_sums,
    metrics,
    *,
    average,
    beta=1.0,
    index=None,
    zero_division="warn",
    warn_for=None,
):
    """The set metrics ``metrics`` ("precision", "recall", "f-score" or
    "jaccard") of a count's set sums, averaged as ``average`` says; the one
    finish of the one-shot functions, Dask and the accumulator.

    ``index``: the columns to average over (see :func:`set_counts`);
    ``warn_for``: the metrics whose undefined values warn (default: all).
    Returns a tuple of the values, then the support (``average=None``) or None.
    """
    warn_for = metrics if warn_for is None else warn_for
    if average == "samples":
        # F-beta of beta 0 (inf) is the precision (recall), not warned for again
        limit = {0.0: "precision", np.inf: "recall"}.get(float(beta))
        values = (
            sample_score(
                set_sums["samples"],
                limit if metric == "f-score" and limit else metric,
                zero_division,
                beta=beta,
                warn=metric in warn_for and not (metric == "f-score" and limit),
            )
            for metric in metrics
        )
        return (*values, None)
    counts = set_counts(set_sums, average, index)
    support = counts.true if average is None else None
    if metrics == ("jaccard",):
        value = jaccard_from_counts_averaged(
            counts, average=average, zero_division=zero_division
        )
        return value, support
    scores = prf_from_counts(
        counts,
        beta=beta,
        average=average,
        warn_for=warn_for,
        zero_division=zero_division,
        need=metrics,
    )
    names = ("precision", "recall", "f-score")
    return (*(scores[names.index(metric)] for metric in metrics), support)


def present_classes(set_sums, kind):
    """The columns a 1-D target's averages run over: the classes found in
    y_true or y_pred, as scikit-learn's (None: every label of a multi-label
    count)."""
    return None if kind.startswith("multilabel") else np.flatnonzero(set_sums["seen"])


def _set_value(spec, sums, kind, zero_division):
    index = present_classes(sums["set"], kind)
    value, _ = set_scores(
        sums["set"],
        (_WARN_FOR.get(spec.metric, spec.metric),),
        average=spec.average,
        beta=spec.beta,
        index=[1] if spec.average == "binary" else index,  # the class 1 of 0/1
        zero_division=zero_division,
    )
    return float(value)


def mean_or_sum(sums, normalize=True):
    """The mean of per-sample values from their sums (none undefined), or with
    ``normalize=False`` their (weighted) sum."""
    return float(sample_mean(sums, 0.0) if normalize else sums["weighted_sum"])


def accuracy_value(set_sums, metric, normalize=True):
    """Subset or hamming accuracy (or the negated hamming loss) of a count's set
    sums; with ``normalize=False`` the (weighted) number of exact matches."""
    one_d = "seen" in set_sums  # class counts of 1-D targets
    if metric == "subset_accuracy":
        sums = set_sums["correct" if one_d else "samples"]
        sums = sums if one_d else sums["subset_accuracy"]
        return mean_or_sum(sums, normalize)
    if one_d:
        hamming = float(sample_mean(set_sums["correct"], 0.0))
    else:
        tp, pred, true = set_sums["tp"], set_sums["pred"], set_sums["true"]
        wrong = true.sum() + pred.sum() - 2 * tp.sum()
        hamming = float(1.0 - wrong / (np.float64(set_sums["total"]) * tp.shape[0]))
    return hamming if metric == "hamming_accuracy" else -(1.0 - hamming)


def finish(sums, specs, kind, n_columns, zero_division):
    """``{name: value}`` of every spec from a stream's added sums."""
    result = {}
    for spec in specs:
        if spec.family == "set":
            value = _set_value(spec, sums, kind, zero_division)
        elif spec.family == "accuracy":
            value = accuracy_value(sums["set"], spec.metric)
        elif spec.family == "top_k":
            warn_k(spec.k, n_columns, "top_k_accuracy_score")
            value = float(sample_mean(sums[spec.name], 0.0))
        elif is_curve(spec):
            value = curve_value(spec, sums["curves"])
        elif spec.metric == "psp":
            psp = sums[spec.name]
            value = psp_value(psp["got"], psp["best"], zero_division)
        else:
            samples = {spec.metric: sums[spec.name]}
            value = sample_score(samples, spec.metric, zero_division, at_k=True)
        result[spec.name] = value
    return result
