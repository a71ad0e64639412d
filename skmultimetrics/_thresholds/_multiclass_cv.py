"""ThresholdOptimizer on multiclass targets, as pure functions: the parameters
checked before any fit, then per-class weights tuned on the out-of-fold class
probabilities (:mod:`._multiclass`), the ``if_better`` safety net and what
``cv_results_`` reports."""

import numpy as np
from sklearn.utils import Bunch
from sklearn.utils.validation import check_is_fitted

from .._checks._multiclass import check_class_constraint, class_codes
from .._checks._params import param_error
from ._folds import fold_spread
from ._multiclass import (
    MulticlassObjective,
    as_thresholds,
    class_curves,
    coordinate_weights,
    decide,
)

NAME = "ThresholdOptimizer"
MAX_ROUNDS = 10


def check_multiclass(params, classes):
    """Refuse ThresholdOptimizer's ``params`` that have no multiclass meaning;
    returns the checked constraint (before any fit)."""
    if params["strategy"] not in ("auto", "coordinate"):
        must = "'auto' or 'coordinate' for multiclass targets"
        raise param_error(NAME, "strategy", must, params["strategy"])
    if params["shrink"] == "shared":
        must = "'auto' or 'none' for multiclass targets (it shrinks label cut-offs)"
        raise param_error(NAME, "shrink", must, params["shrink"])
    if params["aggregate"] != "pooled":
        must = "'pooled' for multiclass targets"
        raise param_error(NAME, "aggregate", must, params["aggregate"])
    if params["thresholds"] is not None:
        must = "None for multiclass targets (the class weights are searched exactly)"
        raise param_error(NAME, "thresholds", must, params["thresholds"])
    method = params["response_method"]
    has_proba = hasattr(params["estimator"], "predict_proba")
    if method == "decision_function" or not has_proba:
        must = (
            "'auto' or 'predict_proba' with an estimator that has predict_proba: "
            "multiclass weights need non-negative scores (a decision_function's "
            "negative scores make a class weight meaningless)"
        )
        got = method if has_proba else f"{method} (no predict_proba)"
        raise param_error(NAME, "response_method", must, got)
    return check_class_constraint(params["constraint"], classes, NAME)


def prefit_classes(estimator, y):
    """A fitted estimator's classes and each sample's index among them."""
    check_is_fitted(estimator)
    classes = np.asarray(estimator.classes_)
    return classes, class_codes(np.asarray(y).ravel(), classes, NAME, "y")


def _bound(scoring, constraint, codes, weight, classes, rows):
    """The objective on some rows."""
    objective = MulticlassObjective(scoring, NAME)
    w = None if weight is None else weight[rows]
    objective.bind(codes[rows], w, len(classes), classes)
    objective.constrain(constraint)
    return objective


def _nested_gain(objective, tune, bound, scores, folds):
    """The cross-validated gain of tuning over the plain argmax: for each fold,
    weights tuned on the other folds' out-of-fold probabilities decide its
    samples. Returns the gain on all samples and the gain of each fold."""
    everything = np.arange(scores.shape[0])
    nested = np.empty(scores.shape[0], dtype=np.intp)
    for _, test in folds:
        others = np.setdiff1d(everything, test, assume_unique=True)
        nested[test] = decide(scores[test], tune(others))
    plain = decide(scores, np.ones(scores.shape[1]))
    fold_gains = []
    for _, test in folds:
        fold = bound(test)
        fold_gains.append(fold.value(nested[test]) - fold.value(plain[test]))
    fold_gains = np.array(fold_gains)
    return objective.value(nested) - objective.value(plain), fold_gains


def tune_classes(constraint, codes, scores, folds, weight, classes, params):
    """Per-class thresholds ``1 / w`` tuned on out-of-fold probabilities.

    ``constraint`` was checked by :func:`check_multiclass`; ``params`` are
    ThresholdOptimizer's parameters.

    Returns a Bunch of ``thresholds`` (n_classes,), ``best_score`` (the
    objective at them on the out-of-fold probabilities) and ``cv_results``
    (None unless stored).
    """
    if not np.isfinite(scores).all() or (scores < 0).any():
        raise ValueError(
            f"{type(params['estimator']).__name__}'s out-of-fold predict_proba "
            f"of {NAME} holds negative or non-finite values."
        )

    def bound(rows):
        return _bound(params["scoring"], constraint, codes, weight, classes, rows)

    def tune(rows):
        return coordinate_weights(bound(rows), scores[rows], max_rounds=MAX_ROUNDS)[0]

    everything = np.arange(codes.shape[0])
    objective = bound(everything)
    weights = tune(everything)
    several = len(folds) > 1
    gain = kept = fold_gains = None
    fallback = np.where(objective.true > 0, "none", "never").astype(object)
    if params["keep_tuned"] != "always" and several:  # "auto" is "if_better"
        gain, fold_gains = _nested_gain(objective, tune, bound, scores, folds)
        # the gain must be positive and its mean over folds more than one
        # standard error of them: a positive estimate alone was not enough on
        # held-out data (see docs/performance.rst)
        spread = fold_gains.std(ddof=1) / np.sqrt(len(folds))
        better = gain > 0 and fold_gains.mean() > spread
        kept = np.full(len(classes), better)
        if not better:
            weights = np.ones(len(classes))
            fallback[fallback == "none"] = "default"
    decisions = decide(scores, weights)
    cv_results = None
    if params["store_cv_results"]:
        curves, values = class_curves(objective, scores, weights)
        fold_thresholds = None
        if several:
            fold_thresholds = as_thresholds(np.vstack([tune(t) for _, t in folds]))
            fold_thresholds[~np.isfinite(fold_thresholds)] = np.nan
        cv_results = {
            "thresholds": curves,
            "scores": values,
            "fold_thresholds": fold_thresholds,
            "fold_threshold_std": fold_spread(fold_thresholds),
            "n_positives": np.bincount(codes, minlength=len(classes)),
            "fallback": fallback,
            "constraint_met": objective.met(decisions),
            "gain": gain,
            "fold_gains": fold_gains,
            "kept": kept,
        }
    return Bunch(
        thresholds=as_thresholds(weights),
        best_score=objective.score(decisions),
        cv_results=cv_results,
    )
