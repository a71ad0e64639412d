"""Multiclass searches as pure functions: :func:`optimize_thresholds` on a
calibration set, and ThresholdOptimizer's (the parameters checked before any
fit, then per-class weights tuned on the out-of-fold class probabilities
(:mod:`._multiclass`, or :mod:`._class_guarantee` with a confidence_level),
the ``if_better`` safety net and what ``cv_results_`` reports)."""

import numpy as np
from sklearn.utils import Bunch
from sklearn.utils.validation import check_is_fitted

from .._checks._multiclass import (
    check_class_constraint,
    check_multiclass_scores,
    class_codes,
)
from .._checks._params import param_error
from ._class_guarantee import certified_weights
from ._folds import fold_spread
from ._guarantee import check_guarantee, warn_uncertified
from ._multiclass import (
    MulticlassObjective,
    as_thresholds,
    class_curves,
    coordinate_weights,
    decide,
)

NAME = "ThresholdOptimizer"
MAX_ROUNDS = 10


def _search(objective, scores, constraint, delta, max_rounds=MAX_ROUNDS):
    """The tuned weights, and with a guarantee (``delta``) whether one is
    certified and its bound (else None, None)."""
    if delta is None:
        return (
            coordinate_weights(objective, scores, max_rounds=max_rounds)[0],
            None,
            None,
        )
    return certified_weights(objective, scores, constraint, delta, max_rounds)


def _warn_uncertified(func, met, constraint, classes):
    """The warning of a class without a certified decision."""
    action = (
        "classes, which therefore are never predicted (threshold inf)"
        if constraint[0] == "precision"
        else "classes, which therefore are predicted wherever their weight can "
        "make them (not certified)"
    )
    names = [classes.tolist()[constraint[2]]]
    warn_uncertified(func, np.array([met]), names, action)


def optimize_multiclass(
    y_true,
    y_score,
    *,
    scoring,
    constraint,
    confidence_level,
    simultaneous,
    strategy,
    sample_weight,
    labels,
    func,
):
    """:func:`optimize_thresholds` on a multiclass target: per-class thresholds
    ``1 / w`` by coordinate ascent from the plain argmax (certified with a
    ``confidence_level``: :mod:`._class_guarantee`)."""
    if strategy not in ("auto", "coordinate"):
        must = "'auto' or 'coordinate' for multiclass targets"
        raise param_error(func, "strategy", must, strategy)
    codes, scores, weight, classes = check_multiclass_scores(
        y_true, y_score, sample_weight, labels=labels, func=func
    )
    constraint = check_class_constraint(constraint, classes, func)
    delta = check_guarantee(
        confidence_level, simultaneous, constraint, weight, func, n_labels=1
    )
    objective = MulticlassObjective(scoring, func)
    objective.bind(codes, weight, scores.shape[1], classes)
    objective.constrain(None if delta is not None else constraint)
    weights, met, bound = _search(objective, scores, constraint, delta, max_rounds=10)
    pred = decide(scores, weights)
    result = Bunch(
        thresholds=as_thresholds(weights), score=objective.score(pred), classes=classes
    )
    if constraint is not None:
        result.feasible = objective.met(pred) if delta is None else met
    if delta is not None:
        result.constraint_bound = bound
        _warn_uncertified(func, met, constraint, classes)
    return result


def check_multiclass(params, classes, weight):
    """Refuse ThresholdOptimizer's ``params`` that have no multiclass meaning;
    returns the checked constraint and the ``delta`` of a guarantee (None:
    none), before any fit."""
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
    constraint = check_class_constraint(params["constraint"], classes, NAME)
    if constraint is not None and params["keep_tuned"] == "if_better":
        # as on binary and multi-label targets, a constraint keeps the tuned
        # weights: the plain argmax it would fall back to ignores it
        must = "'auto' or 'always' with a constraint (the plain argmax ignores it)"
        raise param_error(NAME, "keep_tuned", must, "if_better")
    delta = check_guarantee(
        params["confidence_level"], params["simultaneous"], constraint, weight, NAME, 1
    )
    return constraint, delta


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


def tune_classes(checked, codes, scores, folds, weight, classes, params):
    """Per-class thresholds ``1 / w`` tuned on out-of-fold probabilities.

    ``checked``: the constraint and ``delta`` of :func:`check_multiclass`;
    ``params`` are ThresholdOptimizer's parameters. With a constraint
    (certified or not) the tuned weights are kept: the ``if_better`` fallback,
    the plain argmax, ignores the constraint.

    Returns a Bunch of ``thresholds`` (n_classes,), ``best_score`` (the
    objective at them on the out-of-fold probabilities) and ``cv_results``
    (None unless stored).
    """
    if not np.isfinite(scores).all() or (scores < 0).any():
        raise ValueError(
            f"{type(params['estimator']).__name__}'s out-of-fold predict_proba "
            f"of {NAME} holds negative or non-finite values."
        )

    constraint, delta = checked
    searched = None if delta is not None else constraint

    def bound(rows):
        return _bound(params["scoring"], searched, codes, weight, classes, rows)

    def tune(rows):
        return _search(bound(rows), scores[rows], constraint, delta)[0]

    everything = np.arange(codes.shape[0])
    objective = bound(everything)
    weights, met, certified_bound = _search(objective, scores, constraint, delta)
    several = len(folds) > 1
    gain = kept = fold_gains = None
    fallback = np.where(objective.true > 0, "none", "never").astype(object)
    if delta is not None:
        _warn_uncertified(NAME, met, constraint, classes)
    elif params["keep_tuned"] != "always" and several and constraint is None:
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
            "constraint_met": objective.met(decisions) if delta is None else met,
            "gain": gain,
            "fold_gains": fold_gains,
            "kept": kept,
        }
        if delta is not None:
            cv_results["constraint_bound"] = certified_bound
    return Bunch(
        thresholds=as_thresholds(weights),
        best_score=objective.score(decisions),
        cv_results=cv_results,
    )
