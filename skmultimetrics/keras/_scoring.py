"""Scorer names as functions of ``(y_true, y_score)``: what
:class:`ValidationMetrics` computes on an epoch's predictions, with the
package's metric functions (NumPy, on the host)."""

from functools import partial

import numpy as np

from .._checks._multiclass import class_decisions
from .._counts._statistics import comparable_cut_offs
from .._metrics._scorers import metric_function


class Targets:
    """Validation truth and scores in the layout of the metric functions."""

    def __init__(
        self, y_true, y_score, thresholds, kind, sample_weight, proba_cut=None
    ):
        self.kind = kind
        self.y_true = y_true
        self.y_score = y_score
        self.thresholds = thresholds
        self.sample_weight = sample_weight
        self.proba_cut = proba_cut

    def predictions(self):
        """Multiclass: the class of each sample (argmax, or with per-class
        thresholds ``argmax(y_score / threshold)``); a binary ``predict_proba``
        with one cut-off (``proba_cut``): its column of class 1 cut, as the
        metric functions cut it."""
        if self.proba_cut is not None:
            cut = comparable_cut_offs(self.proba_cut, self.y_score.dtype)
            return (self.y_score[:, 1] >= cut).astype(np.int64)
        return class_decisions(self.y_score, self.thresholds)

    def one_hot(self):
        if self.kind != "multiclass":
            return self.y_true
        return np.eye(self.y_score.shape[1], dtype=bool)[self.y_true]

    @property
    def cut(self):
        return self.thresholds if self.kind == "multilabel" else self.thresholds[0]


def _decisions(targets, function):
    """Set metrics and accuracies: of the class decisions (multiclass), else of
    the scores cut at the thresholds."""
    w = targets.sample_weight
    if targets.kind == "multiclass":
        return function(targets.y_true, targets.predictions(), sample_weight=w)
    return function(targets.y_true, targets.y_score, threshold=targets.cut,
                    sample_weight=w)  # fmt: skip


def _labels(targets, function):
    """Top-k and ROC AUC: class indices scored against every column."""
    labels = None
    if targets.kind == "multiclass":
        labels = np.arange(targets.y_score.shape[1])
    return function(targets.y_true, targets.y_score, labels=labels,
                    sample_weight=targets.sample_weight)  # fmt: skip


def _top_k(targets, function, k):
    if targets.kind == "binary":
        raise ValueError(
            f"top{k}_accuracy in ValidationMetrics needs one score column per "
            "class; the model has one sigmoid output (binary scores)."
        )
    n_columns = targets.y_score.shape[1]
    if k > n_columns:  # top_k_accuracy_score warns and gives 1.0; get_metric raises
        what = "labels" if targets.kind == "multilabel" else "classes"
        raise ValueError(
            f"The 'k' of top{k}_accuracy in ValidationMetrics must be at most the "
            f"number of {what} ({n_columns}); got k={k}."
        )
    return _labels(targets, function)


def _scores(targets, function, one_hot):
    """Score metrics of a label matrix (class indices one-hot with ``one_hot``)."""
    y_true = targets.one_hot() if one_hot else targets.y_true
    return function(y_true, targets.y_score, sample_weight=targets.sample_weight)


def scorer_function(spec):
    """The function ``targets -> float`` of a registry spec (its
    :func:`metric_function`, on the layout of the epoch's targets)."""
    function, sign = metric_function(spec)
    family = spec.family
    if family in ("set", "accuracy"):
        run = partial(_decisions, function=function)
    elif family == "top_k":
        run = partial(_top_k, function=function, k=spec.k)
    elif family == "auc":
        run = partial(_labels, function=function)
    else:  # ap, level, label ranking (one-hot classes); @k (label matrices)
        run = partial(_scores, function=function, one_hot=family != "at_k")
    return run if sign > 0 else lambda targets: -run(targets)
