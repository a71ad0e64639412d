"""ThresholdOptimizer on binary and multi-label targets: out-of-fold scores,
the cut-off search with its rare-label fallbacks, shrinkage toward a shared
cut-off (:mod:`._shrink`), the ``if_better`` safety net and ``cv_results_``."""

import numpy as np
from sklearn.base import clone
from sklearn.utils import Bunch
from sklearn.utils.validation import check_is_fitted

from .._checks._params import param_error
from .._checks._scores import check_scores
from .._counts._sweep import label_sweeps
from ._candidates import candidate_cut_offs, snap, unsnap
from ._constraint import check_constraint, constrained_thresholds
from ._flooding import flooding, label_names, predicted_share, warn_flooding
from ._folds import (
    estimator_response,
    fit_folds,
    fold_spread,
    search_with_fallbacks,
)
from ._gain import estimate_gain
from ._objective import Objective
from ._optimize import (
    _GLOBAL_CANDIDATES,
    _QUANTILE_CANDIDATES,
    check_strategy,
    search_thresholds,
)
from ._shrink import shrink_to_shared
from ._threshold_sweep import sweep_curves


def out_of_fold_scores(optimizer, X, y, truth, estimator_params):
    """The folds, and every sample's score from the fit that did not see it
    (with "prefit": the fitted estimator's scores of all samples)."""
    binary = truth.shape[1] == 1
    if optimizer._prefit:
        check_is_fitted(optimizer.estimator)
        optimizer.estimator_ = optimizer.estimator
        rows = np.arange(truth.shape[0])
        folds = [(rows, rows)]
        method = optimizer.response_method
        fold_scores = [estimator_response(optimizer.estimator, X, method, binary)]
    else:
        target = truth[:, 0] if binary else truth
        folds, fold_scores = fit_folds(optimizer, X, y, target, estimator_params)
    scores = np.zeros(truth.shape, dtype=np.float64)
    for (_, test), block in zip(folds, fold_scores):
        scores[test] = block
    name = f"{type(optimizer.estimator).__name__}'s out-of-fold scores"
    return folds, check_scores(scores, type(optimizer).__name__, name)


def _probabilities(optimizer):
    """Whether the tuned scores are ``predict_proba``'s."""
    method = optimizer.response_method
    if method == "auto":
        return hasattr(optimizer.estimator, "predict_proba")
    return method == "predict_proba"


def default_cut_off(optimizer):
    """0.5 for probabilities, 0 for decision functions."""
    return 0.5 if _probabilities(optimizer) else 0.0


def _shrinks(optimizer, objective, constraint):
    """Whether the cut-offs are shrunk toward the shared one: ``"auto"`` does
    for micro averages (see the README's measurements), ``"shared"`` always;
    never with a constraint, which each label must meet on its own."""
    shrink = optimizer.shrink
    if constraint is not None and shrink == "shared":
        must = "'auto' or 'none' with a constraint (each label must meet it)"
        raise param_error(type(optimizer).__name__, "shrink", must, shrink)
    if shrink == "auto":
        return objective.kind == "ratio" and constraint is None
    return shrink == "shared"


def _shrinker(objective, truth, scores, weight, folds, fold_thresholds, probabilities):
    """``shrink(cut_offs, rows, shrinkable)``: cut-offs tuned on ``rows`` (whole
    folds) moved toward the best shared cut-off of those rows, with the noise
    of each label's cut-off from the per-fold optima of the folds among them
    (see :func:`shrink_to_shared`); returns the cut-offs and the weights."""
    fold_of = np.empty(truth.shape[0], dtype=np.intp)
    for i, (_, test) in enumerate(folds):
        fold_of[test] = i

    def shrink(cut_offs, rows, shrinkable):
        w = None if weight is None else weight[rows]
        shared = search_thresholds(objective, truth[rows], scores[rows], w, "global")
        inside = np.unique(fold_of[rows])
        return shrink_to_shared(
            cut_offs, fold_thresholds[inside], shared[0], shrinkable, probabilities
        )

    return shrink


def _optimizer(optimizer, objective, constraint, truth, scores, weight):
    """``optimize(rows)``: the tuned cut-offs of some rows, and whether they
    met the constraint (None without one)."""

    def optimize(rows):
        w = None if weight is None else weight[rows]
        if constraint is not None:
            return constrained_thresholds(
                objective, truth[rows], scores[rows], w, constraint
            )
        found = search_thresholds(
            objective, truth[rows], scores[rows], w, optimizer.strategy
        )
        return found, None

    return optimize


def _keep_if_better(optimizer, objective, truth, scores, folds, weight, found):
    """With ``keep_tuned="if_better"``: the cross-validated gain of tuning
    (``tune(rows)`` gives the cut-offs tuned on some folds' rows, shrunk as
    the final ones are), and the default cut-off back where it is not
    positive (in place)."""
    thresholds, tune, fallback, shrink_weight = found
    if optimizer.keep_tuned != "if_better" or len(folds) < 2:
        return None, None
    default = default_cut_off(optimizer)
    gain, kept = estimate_gain(objective, truth, scores, folds, weight, default, tune)
    back = ~kept & (fallback != "never")
    thresholds[back], fallback[back] = default, "default"
    if shrink_weight is not None:
        shrink_weight[back] = np.nan
    return gain, kept


def _curves(objective, truth, scores, weight):
    """Per label, the candidate cut-offs and the objective's per-label metric at
    each (for an average over both classes of a binary target: the average)."""
    if not objective.two_class:
        metric = objective.metric or "f1"
        return sweep_curves(truth, scores, weight, metric, beta=objective.beta)
    sweep = label_sweeps(truth, scores, weight)
    values = objective.sweep_values(sweep, truth)
    return Bunch(
        thresholds=[t[v] for t, v in zip(sweep.thresholds, sweep.valid)],
        scores=[s[v] for s, v in zip(values, sweep.valid)],
    )


def coordinate_cost_message(n_labels, strategy):
    """What a scorer object or callable costs: coordinate ascent's evaluations."""
    if strategy == "global":
        return (
            "ThresholdOptimizer: scoring is a scorer object or callable, "
            f"evaluated at up to {_GLOBAL_CANDIDATES + 1} shared cut-offs."
        )
    per_label = _QUANTILE_CANDIDATES + 2
    return (
        "ThresholdOptimizer: scoring is a scorer object or callable, searched by "
        f"coordinate ascent (not exact): about {n_labels} labels x {per_label} "
        f"candidates = {n_labels * per_label} evaluations of it per sweep, up to "
        "50 sweeps (until one gains nothing). A named objective such as "
        "'f2_macro' is searched exactly, in one pass."
    )


def fit_multilabel(optimizer, X, y, truth, weight, estimator_params):
    """``ThresholdOptimizer.fit`` for binary and multi-label targets (``truth``
    the 0/1 matrix, one column for binary targets)."""
    name = type(optimizer).__name__
    binary = truth.shape[1] == 1
    objective = Objective(optimizer.scoring, binary, name, n_labels=truth.shape[1])
    check_strategy(objective, optimizer.strategy, name)
    constraint = check_constraint(
        optimizer.constraint, objective, optimizer.strategy, name
    )
    shrinks = _shrinks(optimizer, objective, constraint) and truth.shape[1] >= 3
    folds, scores = out_of_fold_scores(optimizer, X, y, truth, estimator_params)
    shrinks = shrinks and len(folds) >= 2
    candidates = candidate_cut_offs(optimizer.thresholds, scores, optimizer.strategy)
    raw_scores = scores
    if candidates is not None:
        scores = snap(scores, candidates)
    optimize = _optimizer(optimizer, objective, constraint, truth, scores, weight)
    if optimizer.verbose and objective.kind == "callable":
        print(coordinate_cost_message(truth.shape[1], optimizer.strategy))
    fold_mean = optimizer.aggregate == "fold_mean"
    with_folds = fold_mean or optimizer.store_cv_results or shrinks
    found = search_with_fallbacks(optimize, truth, folds, fold_mean, with_folds)
    thresholds, fold_thresholds, fallback, met = found
    shrink = shrink_weight = None
    if shrinks:
        probabilities = _probabilities(optimizer) and candidates is None
        shrink = _shrinker(
            objective, truth, scores, weight, folds, fold_thresholds, probabilities
        )
        shrinkable = np.isin(fallback, ("none", "pooled"))
        rows = np.arange(truth.shape[0])
        thresholds, shrink_weight = shrink(thresholds, rows, shrinkable)

    def tune(rows):
        """The cut-offs tuned on some folds' rows, shrunk as the final ones."""
        cut_offs = optimize(rows)[0]
        if shrink is None:
            return cut_offs
        return shrink(cut_offs, rows, truth[rows].any(axis=0))[0]

    if candidates is not None:
        thresholds = unsnap(thresholds, candidates)
    gain, kept = _keep_if_better(
        optimizer,
        objective,
        truth,
        scores,
        folds,
        weight,
        (thresholds, tune, fallback, shrink_weight),
    )
    share = predicted_share(raw_scores, thresholds)
    prevalence = truth.mean(axis=0)
    flooded = flooding(share, prevalence)
    names = label_names(y, truth.shape[1])
    warn_flooding(name, flooded, share, prevalence, names)
    optimizer.thresholds_ = float(thresholds[0]) if binary else thresholds
    optimizer.best_score_ = objective.score(truth, scores, thresholds, weight)
    if optimizer.store_cv_results:
        curves = _curves(objective, truth, scores, weight)
        optimizer.cv_results_ = {
            "thresholds": curves.thresholds,
            "scores": curves.scores,
            "fold_thresholds": fold_thresholds,
            "fold_threshold_std": fold_spread(fold_thresholds),
            "n_positives": truth.sum(axis=0),
            "fallback": fallback,
            "constraint_met": met,
            "gain": gain,
            "kept": kept,
            "shrink_weight": shrink_weight,
            "predicted_share": share,
            "flooding": flooded,
        }
    if not optimizer._prefit:
        optimizer.estimator_ = clone(optimizer.estimator).fit(X, y, **estimator_params)
    return optimizer
