"""Scorer names as functions of ``(y_true, y_score)``: what
:class:`ValidationMetrics` computes on an epoch's predictions, with the
package's metric functions (NumPy, on the host)."""

import re
from functools import partial

import numpy as np
from sklearn import metrics as sk_metrics

from .._checks._multiclass import class_decisions
from .._checks._params import InvalidParameterError
from .._metrics._accuracy import hamming_accuracy_score, subset_accuracy_score
from .._metrics._at_k import ndcg_at_k_score, precision_at_k_score, recall_at_k_score
from .._metrics._curves import average_precision_score, roc_auc_score
from .._metrics._fscore import f1_score, precision_score, recall_score
from .._metrics._operating_points import (
    precision_at_recall_score,
    recall_at_precision_score,
)
from .._metrics._ranking import top_k_accuracy_score
from .._metrics._scorers import get_scorer
from .._metrics._set_metrics import jaccard_score

_SET = {
    "precision": precision_score,
    "recall": recall_score,
    "f1": f1_score,
    "jaccard": jaccard_score,
}
_AT_K = {
    "precision": precision_at_k_score,
    "recall": recall_at_k_score,
    "ndcg": ndcg_at_k_score,
}
_AVERAGE = r"(?:_(micro|macro|samples|weighted))?"
_SET_NAME = re.compile(r"(precision|recall|f1|jaccard)" + _AVERAGE)
_TOP_K = re.compile(r"top(\d+)_accuracy")
_AT_K_NAME = re.compile(r"(precision|recall|ndcg)_at_(\d+)")
_CURVE = re.compile(r"(roc_auc|average_precision)" + _AVERAGE)
_OVR = re.compile(r"roc_auc_(ovr|ovo)(_weighted)?")
_LEVEL = re.compile(r"(recall_at_precision|precision_at_recall)_(\d+)")
_SKLEARN = {
    "label_ranking_average_precision": (
        sk_metrics.label_ranking_average_precision_score,
        1,
    ),
    "neg_coverage_error": (sk_metrics.coverage_error, -1),
    "neg_label_ranking_loss": (sk_metrics.label_ranking_loss, -1),
}


class Targets:
    """Validation truth and scores in the layout of the metric functions."""

    def __init__(self, y_true, y_score, thresholds, kind, sample_weight):
        self.kind = kind
        self.y_true = y_true
        self.y_score = y_score
        self.thresholds = thresholds
        self.sample_weight = sample_weight

    def predictions(self):
        """Multiclass: the class of each sample (argmax, or with per-class
        thresholds ``argmax(y_score / threshold)``)."""
        if (self.thresholds == self.thresholds[0]).all():
            return self.y_score.argmax(axis=1)
        return class_decisions(self.y_score, self.thresholds)

    def one_hot(self):
        if self.kind != "multiclass":
            return self.y_true
        return np.eye(self.y_score.shape[1], dtype=bool)[self.y_true]

    @property
    def cut(self):
        return self.thresholds if self.kind == "multilabel" else self.thresholds[0]


def _set(targets, metric, average):
    func = _SET[metric]
    w = targets.sample_weight
    if targets.kind == "multiclass":
        return func(targets.y_true, targets.predictions(), average=average,
                    sample_weight=w)  # fmt: skip
    return func(targets.y_true, targets.y_score, threshold=targets.cut,
                average=average, sample_weight=w)  # fmt: skip


def _accuracy(targets, metric):
    w = targets.sample_weight
    func = subset_accuracy_score if metric == "subset" else hamming_accuracy_score
    if targets.kind == "multiclass":
        return func(targets.y_true, targets.predictions(), sample_weight=w)
    return func(targets.y_true, targets.y_score, threshold=targets.cut,
                sample_weight=w)  # fmt: skip


def _top_k(targets, k):
    n_columns = targets.y_score.shape[1]
    if k > n_columns:  # top_k_accuracy_score warns and gives 1.0; get_metric raises
        what = "labels" if targets.kind == "multilabel" else "classes"
        raise ValueError(
            f"The 'k' of top{k}_accuracy in ValidationMetrics must be at most the "
            f"number of {what} ({n_columns}); got k={k}."
        )
    labels = None
    if targets.kind == "multiclass":
        labels = np.arange(n_columns)
    return top_k_accuracy_score(targets.y_true, targets.y_score, k=k, labels=labels,
                                sample_weight=targets.sample_weight)  # fmt: skip


def _curve(targets, metric, average):
    w = targets.sample_weight
    if metric == "average_precision" or targets.kind != "multiclass":
        y = targets.one_hot() if metric == "average_precision" else targets.y_true
        func = roc_auc_score if metric == "roc_auc" else average_precision_score
        return func(y, targets.y_score, average=average, sample_weight=w)
    labels = np.arange(targets.y_score.shape[1])
    return roc_auc_score(targets.y_true, targets.y_score, average=average,
                         multi_class="ovr", labels=labels, sample_weight=w)  # fmt: skip


def _ovr(targets, multi_class, average):
    labels = np.arange(targets.y_score.shape[1])
    return roc_auc_score(targets.y_true, targets.y_score, average=average,
                         multi_class=multi_class, labels=labels,
                         sample_weight=targets.sample_weight)  # fmt: skip


def _level(targets, metric, level):
    if metric == "recall_at_precision":
        func, key = recall_at_precision_score, "min_precision"
    else:
        func, key = precision_at_recall_score, "min_recall"
    return func(targets.one_hot(), targets.y_score, sample_weight=targets.sample_weight,
                **{key: level})  # fmt: skip


def _at_k(targets, metric, k):
    func = _AT_K[metric]
    return func(targets.y_true, targets.y_score, k=k,
                sample_weight=targets.sample_weight)  # fmt: skip


def _sklearn(targets, func, sign):
    kwargs = {}
    if targets.sample_weight is not None:
        kwargs["sample_weight"] = targets.sample_weight
    return sign * func(targets.one_hot(), targets.y_score, **kwargs)


def scorer_function(name, func):
    """The function ``targets -> float`` of a scorer name; an unknown name
    raises ``ValueError`` with the nearest valid names."""
    if not isinstance(name, str):
        raise InvalidParameterError(
            f"The 'metrics' parameter of {func} must hold scorer names (str); got "
            f"{name!r}."
        )
    if name in ("subset_accuracy", "accuracy"):
        return partial(_accuracy, metric="subset")
    if name == "hamming_accuracy":
        return partial(_accuracy, metric="hamming")
    if name == "neg_hamming_loss":
        return lambda targets: _accuracy(targets, "hamming") - 1.0
    if name == "top_k_accuracy":
        return partial(_top_k, k=2)
    match = _SET_NAME.fullmatch(name)
    if match:
        return partial(_set, metric=match[1], average=match[2] or "binary")
    match = _TOP_K.fullmatch(name)
    if match and int(match[1]) >= 1:
        return partial(_top_k, k=int(match[1]))
    match = _AT_K_NAME.fullmatch(name)
    if match and int(match[2]) >= 1:
        return partial(_at_k, metric=match[1], k=int(match[2]))
    match = _CURVE.fullmatch(name)
    if match:
        return partial(_curve, metric=match[1], average=match[2] or "macro")
    match = _OVR.fullmatch(name)
    if match:
        average = "weighted" if match[2] else "macro"
        return partial(_ovr, multi_class=match[1], average=average)
    match = _LEVEL.fullmatch(name)
    if match and int(match[2]) <= 100:
        return partial(_level, metric=match[1], level=int(match[2]) / 100)
    if name in _SKLEARN:
        return partial(_sklearn, func=_SKLEARN[name][0], sign=_SKLEARN[name][1])
    try:
        get_scorer(name)
    except ValueError as error:
        raise InvalidParameterError(
            f"The 'metrics' parameter of {func} holds an unknown name: {error}"
        ) from None
    raise InvalidParameterError(
        f"The 'metrics' parameter of {func} holds {name!r}, a scikit-learn scorer "
        "that does not score a matrix of scores; use this package's names "
        "(set metrics, accuracies, top{k}_accuracy, {precision,recall,ndcg}_at_{k}, "
        "roc_auc_*, average_precision_*, recall_at_precision_{P}, "
        "precision_at_recall_{R}, label ranking metrics)."
    )
