"""ThresholdOptimizer on multiclass targets: out-of-fold class probabilities,
per-class weights tuned on them (:mod:`._multiclass`), the ``if_better``
safety net and ``cv_results_``."""

import numpy as np
from sklearn.base import clone
from sklearn.utils.validation import check_is_fitted

from .._checks._multiclass import check_class_constraint, class_codes
from .._checks._params import param_error
from ._folds import class_scores, fit_folds, fold_spread
from ._multiclass import (
    MulticlassObjective,
    as_thresholds,
    class_curves,
    coordinate_weights,
    decide,
)

NAME = "ThresholdOptimizer"


def check_multiclass_params(optimizer):
    """Refuse the parameters that have no multiclass meaning."""
    if optimizer.strategy not in ("auto", "coordinate"):
        must = "'auto' or 'coordinate' for multiclass targets"
        raise param_error(NAME, "strategy", must, optimizer.strategy)
    if optimizer.shrink == "shared":
        must = "'auto' or 'none' for multiclass targets (it shrinks label cut-offs)"
        raise param_error(NAME, "shrink", must, optimizer.shrink)
    if optimizer.thresholds is not None:
        must = "None for multiclass targets (the class weights are searched exactly)"
        raise param_error(NAME, "thresholds", must, optimizer.thresholds)
    method = optimizer.response_method
    has_proba = hasattr(optimizer.estimator, "predict_proba")
    if method == "decision_function" or not has_proba:
        must = (
            "'auto' or 'predict_proba' with an estimator that has predict_proba: "
            "multiclass weights need non-negative scores (a decision_function's "
            "negative scores make a class weight meaningless)"
        )
        got = method if has_proba else f"{method} (no predict_proba)"
        raise param_error(NAME, "response_method", must, got)


def prefit_classes(estimator, y):
    """A fitted estimator's classes and each sample's index among them."""
    check_is_fitted(estimator)
    classes = np.asarray(estimator.classes_)
    return classes, class_codes(np.asarray(y).ravel(), classes, NAME, "y")


def out_of_fold_probabilities(optimizer, X, y, codes, classes, estimator_params):
    """The folds and every sample's class probabilities from the fit that did
    not see it, a column per class (0 for a class absent from a training
    fold); with "prefit", the fitted estimator's on all samples."""
    if optimizer._prefit:
        rows = np.arange(codes.shape[0])
        return [(rows, rows)], class_scores(optimizer.estimator, X, classes)
    folds, blocks = fit_folds(optimizer, X, y, codes, estimator_params, classes)
    scores = np.zeros((codes.shape[0], classes.shape[0]))
    for (_, test), block in zip(folds, blocks):
        scores[test] = block
    if not np.isfinite(scores).all() or (scores < 0).any():
        raise ValueError(
            f"{type(optimizer.estimator).__name__}'s out-of-fold predict_proba of "
            f"{NAME} holds negative or non-finite values."
        )
    return folds, scores


def _tune(scoring, constraint, codes, scores, weight, classes, rows, max_rounds):
    """Weights tuned on some rows."""
    objective = MulticlassObjective(scoring, NAME)
    objective.bind(
        codes[rows], None if weight is None else weight[rows], len(classes), classes
    )
    objective.constrain(constraint)
    return coordinate_weights(objective, scores[rows], max_rounds=max_rounds)[0]


def _nested_gain(objective, tune, codes, scores, folds):
    """The cross-validated gain of tuning over the plain argmax: for each fold,
    weights tuned on the other folds' out-of-fold probabilities decide its
    samples. Returns the gain on all samples and the gain of each fold."""
    everything = np.arange(codes.shape[0])
    nested = np.empty_like(codes)
    for _, test in folds:
        others = np.setdiff1d(everything, test, assume_unique=True)
        nested[test] = decide(scores[test], tune(others))
    plain = decide(scores, np.ones(scores.shape[1]))
    fold_gains = []
    for _, test in folds:
        fold = MulticlassObjective(objective.source, NAME)
        w = None if objective.sample_weight is None else objective.sample_weight[test]
        fold.bind(codes[test], w, scores.shape[1], objective.classes)
        fold.constrain(objective.constraint)
        fold_gains.append(fold.value(nested[test]) - fold.value(plain[test]))
    gain = objective.value(nested) - objective.value(plain)
    return gain, np.array(fold_gains)


def tune_multiclass(optimizer, codes, scores, folds, weight, classes, settings):
    """Per-class thresholds ``1 / w`` and what ``fit`` stores.

    ``settings`` is ``(max_rounds, keep_tuned, constraint)``, the last checked
    by :func:`check_class_constraint`.

    Returns
    -------
    thresholds : ndarray of shape (n_classes,)
    best_score : float
        The objective at ``thresholds`` on the out-of-fold probabilities.
    cv_results : dict or None
    """
    objective = MulticlassObjective(optimizer.scoring, NAME)
    max_rounds, keep_tuned, constraint = settings
    objective.bind(codes, weight, len(classes), classes)
    objective.constrain(constraint)
    everything = np.arange(codes.shape[0])

    def tune(rows):
        return _tune(
            optimizer.scoring,
            constraint,
            codes,
            scores,
            weight,
            classes,
            rows,
            max_rounds,
        )

    weights = tune(everything)
    fold_weights = None
    several = len(folds) > 1
    if several and (optimizer.aggregate == "fold_mean" or optimizer.store_cv_results):
        fold_weights = np.vstack([tune(test) for _, test in folds])
    if optimizer.aggregate == "fold_mean" and fold_weights is not None:
        # the geometric mean (weights act by their ratios) of the folds
        # whose tuning rows hold the class
        logs = np.log(np.where(fold_weights > 0, fold_weights, np.nan))
        counts = np.isfinite(logs).sum(axis=0)
        means = np.where(np.isfinite(logs), logs, 0.0).sum(axis=0)
        weights = np.where(counts > 0, np.exp(means / np.maximum(counts, 1)), weights)
    gain = kept = fold_gains = None
    fallback = np.where(objective.true > 0, "none", "never").astype(object)
    if keep_tuned == "if_better" and several:
        gain, fold_gains = _nested_gain(objective, tune, codes, scores, folds)
        # the gain must be positive and its mean over folds more than one
        # standard error of them: a positive estimate alone was not enough on
        # held-out data (see the README)
        spread = fold_gains.std(ddof=1) / np.sqrt(len(folds))
        better = gain > 0 and fold_gains.mean() > spread
        kept = np.full(len(classes), better)
        if not better:
            weights = np.ones(len(classes))
            fallback[fallback == "none"] = "default"
    best_score = objective.score(decide(scores, weights))
    met = objective.met(decide(scores, weights))
    cv_results = None
    if optimizer.store_cv_results:
        curves, values = class_curves(objective, scores, weights)
        fold_thresholds = None
        if fold_weights is not None:
            fold_thresholds = as_thresholds(fold_weights)
            fold_thresholds[~np.isfinite(fold_thresholds)] = np.nan
        cv_results = {
            "thresholds": curves,
            "scores": values,
            "fold_thresholds": fold_thresholds,
            "fold_threshold_std": fold_spread(fold_thresholds),
            "n_positives": np.bincount(codes, minlength=len(classes)),
            "fallback": fallback,
            "constraint_met": met,
            "gain": gain,
            "fold_gains": fold_gains,
            "kept": kept,
        }
    return as_thresholds(weights), best_score, cv_results


def fit_multiclass(optimizer, X, y, codes, weight, estimator_params, max_rounds):
    """``ThresholdOptimizer.fit`` on a multiclass target (``codes``: each
    sample's index in ``optimizer.classes_``)."""
    check_multiclass_params(optimizer)
    if optimizer._prefit:
        optimizer.classes_, codes = prefit_classes(optimizer.estimator, y)
        optimizer.estimator_ = optimizer.estimator
    classes = optimizer.classes_
    constraint = check_class_constraint(optimizer.constraint, classes, NAME)
    folds, scores = out_of_fold_probabilities(
        optimizer, X, y, codes, classes, estimator_params
    )
    keep_tuned = optimizer.keep_tuned
    if keep_tuned == "auto":  # the safe default of multiclass targets
        keep_tuned = "if_better"
    thresholds, best_score, cv_results = tune_multiclass(
        optimizer,
        codes,
        scores,
        folds,
        weight,
        classes,
        (max_rounds, keep_tuned, constraint),
    )
    optimizer.thresholds_, optimizer.best_score_ = thresholds, best_score
    if cv_results is not None:
        optimizer.cv_results_ = cv_results
    if not optimizer._prefit:
        optimizer.estimator_ = clone(optimizer.estimator).fit(X, y, **estimator_params)
    return optimizer
