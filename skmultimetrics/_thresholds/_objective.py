"""What a threshold search maximises: a named objective, a scorer or a metric.

Objectives are named like scorers (``f1_macro``, ``jaccard_micro``,
``f1_samples``, ``subset_accuracy``, ...), are scorer objects
``scorer(estimator, X, y)`` (this package's named scorers are searched exactly
as their names; any other scorer scores the predictions of a stand-in
estimator), or are metric callables ``f(y_true, y_pred)``. Named objectives are
scored from counts of checked arrays, as the metric functions count them.
"""

import inspect

import numpy as np
from sklearn.base import BaseEstimator

from .._checks._params import param_error
from .._checks._targets import Targets, Thresholded
from .._metrics._accuracy import (
    hamming_accuracy_from_targets,
    subset_accuracy_from_targets,
)
from .._metrics._set_metrics import jaccard_from_targets, prf_from_targets

_METRICS = ("f1", "precision", "recall", "jaccard")
_COUPLED_NAMES = ("subset_accuracy", "hamming_accuracy")


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


class Objective:
    """What to maximise: its per-label sweep metric and how it couples labels."""

    def __init__(self, scoring, one_label, func, *, n_labels=None):
        self.callable, self.scorer, self.one_label = None, None, one_label
        scoring = getattr(scoring, "_skmultimetrics_name", scoring)
        if callable(scoring):
            self.kind, self.metric, self.average = "callable", None, None
            if _is_scorer(scoring):
                self.scorer = scoring
            else:
                self.callable = scoring
            return
        if scoring is None:
            scoring = "f1" if one_label else "f1_macro"
        if not isinstance(scoring, str):
            raise param_error(func, "scoring", "a name or a callable", scoring)
        self.name = scoring
        if scoring == "subset_accuracy":
            self.kind, self.metric, self.average = "coupled", "accuracy", "subset"
            return
        if scoring == "hamming_accuracy":
            self.kind, self.metric, self.average = "separable", "accuracy", "hamming"
            return
        metric, _, average = scoring.partition("_")
        average = average or "binary"
        valid = ("binary", "macro", "weighted", "micro", "samples")
        if metric not in _METRICS or average not in valid:
            names = [f"{m}_{a}" for m in _METRICS for a in valid[1:]]
            raise param_error(
                func,
                "scoring",
                f"a callable or one of {[*names, *_COUPLED_NAMES]}",
                scoring,
            )
        self.metric, self.average = metric, average
        self.kind = {"micro": "ratio", "samples": "coupled"}.get(average, "separable")
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
        if self.metric == "jaccard":
            return jaccard_from_targets(targets, average=average)
        need = "f-score" if self.metric == "f1" else self.metric
        scores = prf_from_targets(targets, average=average, need=(need,))
        return scores[("precision", "recall", "f-score").index(need)]

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
