"""What a threshold search maximises: a named objective, a scorer or a metric.

Objectives are named like scorers (``f1_macro``, ``jaccard_micro``,
``f1_samples``, ``subset_accuracy``, ...), are scorer objects
``scorer(estimator, X, y)`` (this package's named scorers are searched exactly
as their names; any other scorer scores the predictions of a stand-in
estimator), or are metric callables ``f(y_true, y_pred)``. Named objectives are
scored from counts of checked arrays, as the metric functions count them.

Binary targets (1-D labels, or a label matrix of one column, which
scikit-learn's ``type_of_target`` also calls binary): a ``_macro``,
``_weighted`` or ``_micro`` name means what scikit-learn's metric of that
``average`` gives on them, an average over the two classes 0 and 1 (the
classes present in the truth or the predictions, as scikit-learn counts them),
not the positive class's score: ``"f1_macro"`` is the mean of both classes'
F1, ``"f1_micro"`` the accuracy. Both classes' counts at every cut-off come
from the same sweep (``tn = negatives - fp``, ``fn = positives - tp``), so the
search stays exact.

F-beta objectives are named ``f{beta}_{average}`` and, for the positive class
of a binary target, ``f{beta}``, with beta written as its shortest decimal:
``"f2_macro"``, ``"f0.5_micro"``, ``"f2"`` (``"f1"`` is F1). They are searched
as F1 is: per label (macro, weighted), by Dinkelbach's iteration (micro), by
coordinate ascent (samples).
"""

import inspect

import numpy as np
from sklearn.base import BaseEstimator

from .._checks._params import param_error
from .._checks._targets import Targets, Thresholded
from .._counts._reductions import ratio_values
from .._counts._sweep import metric_from_counts
from .._metrics._accuracy import (
    hamming_accuracy_from_targets,
    subset_accuracy_from_targets,
)
from .._metrics._registry import parse_name
from .._metrics._set_metrics import set_scores_of_targets

_TWO_CLASS_AVERAGES = ("macro", "weighted", "micro")


def _class_metric(metric, tp, fp, fn, beta=1.0):
    """One class's metric from its counts, 0 where undefined (0/0)."""
    return ratio_values(metric, tp, tp + fp, tp + fn, beta)


def two_class_values(metric, average, counts, present, beta=1.0):
    """scikit-learn's ``average`` of ``metric`` over the classes 0 and 1 of a
    binary target, from the positive class's counts.

    ``counts`` is ``(tp, fp, positives, negatives)`` (weighted, arrays that
    broadcast); ``present`` is ``(class_1, class_0)``, bool arrays: whether
    the class occurs in the truth or the predictions (unweighted, as
    scikit-learn's ``unique_labels``). A class absent from both is left out
    of the macro average; undefined ratios (0/0) are 0, scikit-learn's
    ``zero_division="warn"`` value.
    """
    tp, fp, positives, negatives = counts
    fn, tn = positives - tp, negatives - fp
    if average == "micro":  # pooled over both classes: every error is a fp and a fn
        right, wrong = tp + tn, fp + fn
        return _class_metric(metric, right, wrong, wrong, beta)
    one = _class_metric(metric, tp, fp, fn, beta)
    zero = _class_metric(metric, tn, fn, fp, beta)
    if average == "weighted":
        total = positives + negatives
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(total != 0, (positives * one + negatives * zero) / total, 0)
    present_1, present_0 = present
    return (one * present_1 + zero * present_0) / (
        present_1.astype(np.float64) + present_0
    )


class _Predictions(BaseEstimator):
    """A stand-in estimator whose ``predict`` returns fixed predictions.

    ``X`` holds row indices, so a scorer object scores any rows of them.
    """

    def __init__(self, y_pred=None):
        self.y_pred = y_pred

    def fit(self, X, y=None):
        return self

    def predict(self, X):
        return self.y_pred[np.asarray(X).ravel()]


def _is_scorer(scoring):
    """True for a scorer ``f(estimator, X, y)``, False for a metric ``f(y, y_pred)``."""
    try:
        parameters = inspect.signature(scoring).parameters.values()
    except (TypeError, ValueError):  # builtins without a signature: metrics
        return False
    positional = (
        inspect.Parameter.POSITIONAL_ONLY,
        inspect.Parameter.POSITIONAL_OR_KEYWORD,
    )
    required = [p for p in parameters if p.kind in positional and p.default is p.empty]
    return len(required) >= 3


def split_scoring(scoring):
    """``scoring`` (a package scorer unwrapped to its name), and the metric
    callable ``f(y, y_pred)`` and the scorer ``f(estimator, X, y)`` it is
    (None, None for a name)."""
    scoring = getattr(scoring, "_skmultimetrics_name", scoring)
    if not callable(scoring):
        return scoring, None, None
    scorer = _is_scorer(scoring)
    return scoring, None if scorer else scoring, scoring if scorer else None


class Objective:
    """What to maximise: its per-label sweep metric and how it couples labels."""

    def __init__(self, scoring, one_label, func, *, n_labels=None):
        self.one_label = one_label
        self.beta = 1.0  # of F-beta objectives (metric "fbeta")
        # a named average over the two classes of a binary target
        self.two_class = False
        scoring, self.callable, self.scorer = split_scoring(scoring)
        if callable(scoring):
            self.kind, self.metric, self.average = "callable", None, None
            return
        if scoring is None:
            scoring = "f1" if one_label else "f1_macro"
        if not isinstance(scoring, str):
            raise param_error(func, "scoring", "a name or a callable", scoring)
        spec = parse_name(scoring, consumer="objective", func=func, argument="scoring")
        self.name = scoring
        if spec.family == "accuracy":
            if spec.metric == "subset_accuracy":
                self.kind, self.metric, self.average = "coupled", "accuracy", "subset"
            else:
                self.kind, self.metric, self.average = (
                    "separable",
                    "accuracy",
                    "hamming",
                )
            return
        metric, average, self.beta = spec.metric, spec.average, spec.beta
        self.metric, self.average = metric, average
        self.kind = {"micro": "ratio", "samples": "coupled"}.get(average, "separable")
        if average in _TWO_CLASS_AVERAGES and (one_label or n_labels == 1):
            # binary: both classes of the one column, searched as one label
            self.two_class, self.kind = True, "separable"
        if average == "binary" and n_labels is not None and n_labels > 1:
            raise ValueError(
                f"scoring={scoring!r} of {func} scores the positive class of a "
                f"binary target, but y has {n_labels} labels; name an average "
                f"over them, such as {scoring + '_macro'!r} or "
                f"{scoring + '_micro'!r}."
            )
        if average == "samples" and n_labels is not None and n_labels < 2:
            raise ValueError(
                f"scoring={scoring!r} of {func} averages over samples, which "
                "needs a label matrix with at least 2 labels."
            )

    def score(self, y_true, y_score, thresholds, sample_weight):
        """The objective at ``thresholds`` on checked arrays.

        ``y_true`` is a bool (n_samples, n_labels) matrix and ``y_score`` a dense
        score matrix of its shape, as :func:`check_truth_and_scores` returns
        them: named objectives are counted directly, without the checks of the
        public metric functions (whose values they equal).
        """
        if self.kind == "callable":
            return self._score_callable(y_true, y_score, thresholds, sample_weight)
        if self.two_class:
            return self._score_two_class(y_true, y_score, thresholds, sample_weight)
        n_labels = y_true.shape[1]
        targets = Targets(
            "multilabel-indicator",
            y_true,
            Thresholded(y_score, np.asarray(thresholds, dtype=np.float64)),
            np.arange(n_labels),
            sample_weight,
        )
        if self.average == "subset":
            return subset_accuracy_from_targets(targets)
        if self.average == "hamming":
            return hamming_accuracy_from_targets(targets)
        average = self.average
        if average == "binary" or (n_labels == 1 and average != "samples"):
            # one label: every average over labels is the label's own score
            average = "macro"
        metric = "f-score" if self.metric in ("f1", "fbeta") else self.metric
        return set_scores_of_targets(
            targets,
            (metric,),
            beta=self.beta,
            average=average,
            warn_for=(),
            zero_division=0.0,
            func="skmultimetrics",
        )[0]

    def sweep_values(self, sweep, y_true):
        """The objective's per-label value at every column of a :class:`Sweep`
        of ``y_true`` (objectives that split by label)."""
        if not self.two_class:
            metric = "accuracy" if self.average == "hamming" else self.metric
            return metric_from_counts(
                metric,
                sweep.tp,
                sweep.fp,
                sweep.positives,
                sweep.negatives,
                beta=self.beta,
            )
        n_samples = y_true.shape[0]
        predicted = np.arange(n_samples + 1)  # column i predicts the i top scores
        present = (
            y_true[:, 0].any() | (predicted > 0),
            (~y_true[:, 0]).any() | (predicted < n_samples),
        )
        counts = (sweep.tp, sweep.fp, sweep.positives, sweep.negatives)
        return two_class_values(self.metric, self.average, counts, present, self.beta)

    def _score_two_class(self, y_true, y_score, thresholds, sample_weight):
        truth = y_true[:, 0]
        pred = y_score[:, 0] >= np.asarray(thresholds, dtype=np.float64).ravel()[0]
        w = np.ones(truth.shape[0]) if sample_weight is None else sample_weight
        counts = (w @ (truth & pred), w @ (~truth & pred), w @ truth, w @ ~truth)
        present = (
            np.array(truth.any() or pred.any()),
            np.array((~truth).any() or not pred.all()),
        )
        return float(
            two_class_values(self.metric, self.average, counts, present, self.beta)
        )

    def _score_callable(self, y_true, y_score, thresholds, sample_weight):
        """A metric callable or a scorer object on 0/1 predictions."""
        y_pred = (y_score >= thresholds).astype(np.int64)
        y_true = y_true.astype(np.int64)
        if self.one_label:  # binary targets: 1-D 0/1 labels, as scikit-learn
            y_true, y_pred = y_true[:, 0], y_pred[:, 0]
        if self.callable is not None:
            return float(self.callable(y_true, y_pred))
        rows = np.arange(y_true.shape[0]).reshape(-1, 1)
        weight = {} if sample_weight is None else {"sample_weight": sample_weight}
        return float(self.scorer(_Predictions(y_pred), rows, y_true, **weight))
