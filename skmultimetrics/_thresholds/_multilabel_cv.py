"""ThresholdOptimizer on binary and multi-label targets, as pure functions: the
objective checked before any fit, then the cut-offs tuned on the out-of-fold
scores with their rare-label fallbacks, shrinkage toward a shared cut-off
(:mod:`._shrink`) and what ``cv_results_`` reports."""

from functools import partial

import numpy as np
from sklearn.utils import Bunch

from .._checks._params import param_error
from .._checks._scores import check_scores
from .._counts._sweep import label_sweeps
from ._candidates import candidate_cut_offs, snap, unsnap
from ._constraint import check_constraint, constrained_thresholds
from ._flooding import flooding, label_names, predicted_share, warn_flooding
from ._folds import estimator_response, fold_spread, out_of_fold
from ._guarantee import check_guarantee, warn_uncertified
from ._objective import Objective
from ._optimize import (
    _GLOBAL_CANDIDATES,
    _QUANTILE_CANDIDATES,
    check_strategy,
    search_thresholds,
)
from ._shrink import shrink_to_shared
from ._threshold_sweep import sweep_curves

NAME = "ThresholdOptimizer"


def label_objective(params, n_labels, weight=None):
    """The objective, the checked constraint, whether the cut-offs are shrunk
    toward the shared one and each label's ``delta`` of a guarantee (None
    without), from ThresholdOptimizer's ``params`` (before any fit).
    ``shrink="auto"`` shrinks for micro averages (see docs/performance.rst),
    ``"shared"`` always; never with a constraint, which each label must meet
    on its own, fewer than three labels or one fold."""
    strategy, shrink = params["strategy"], params["shrink"]
    objective = Objective(params["scoring"], n_labels == 1, NAME, n_labels=n_labels)
    check_strategy(objective, strategy, NAME)
    constraint = check_constraint(params["constraint"], objective, strategy, NAME)
    delta = check_guarantee(
        params["confidence_level"],
        params["simultaneous"],
        constraint,
        weight,
        NAME,
        n_labels,
    )
    if delta is not None:  # certified cut-offs are neither snapped nor averaged
        for name, kept, must in (
            ("thresholds", params["thresholds"] is None, "None"),
            ("aggregate", params["aggregate"] == "pooled", "'pooled'"),
        ):
            if not kept:
                must += " with a confidence_level (certified cut-offs)"
                raise param_error(NAME, name, must, params[name])
    if params["keep_tuned"] == "if_better":
        must = (
            "'auto' or 'always' for binary and multi-label targets (it applies to "
            "multiclass targets)"
        )
        raise param_error(NAME, "keep_tuned", must, "if_better")
    if constraint is not None and shrink == "shared":
        must = "'auto' or 'none' with a constraint (each label must meet it)"
        raise param_error(NAME, "shrink", must, shrink)
    shrinks = shrink == "shared" or (
        shrink == "auto" and objective.kind == "ratio" and constraint is None
    )
    return objective, constraint, shrinks and n_labels >= 3, delta


def check_positive_label(objective, classes):
    """A binary scorer name (``"f1"``, ``"f2"``, ``"precision"``) scores the
    label 1, as scikit-learn's scorers (``pos_label=1``); the cut-off decides
    ``classes[1]``. Refuse the name where the two differ, rather than tune one
    class and report another's score."""
    if getattr(objective, "average", None) == "binary" and classes[1] != 1:
        raise ValueError(
            f"scoring={objective.name!r} of {NAME} is scikit-learn's score of the "
            f"label 1 (pos_label=1), but y holds {classes.tolist()} and the "
            f"cut-off decides classes_[1]={classes.tolist()[1]!r}: leave scoring=None "
            f"(F1 of classes_[1]), tune an average such as '{objective.name}_macro',"
            " or relabel y as 0/1 with 1 the class to score."
        )


def probabilities(params):
    """Whether the tuned scores are ``predict_proba``'s."""
    if params["response_method"] == "auto":
        return hasattr(params["estimator"], "predict_proba")
    return params["response_method"] == "predict_proba"


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
            f"{NAME}: scoring is a scorer object or callable, "
            f"evaluated at up to {_GLOBAL_CANDIDATES + 1} shared cut-offs."
        )
    per_label = _QUANTILE_CANDIDATES + 2
    return (
        f"{NAME}: scoring is a scorer object or callable, searched by "
        f"coordinate ascent (not exact): about {n_labels} labels x {per_label} "
        f"candidates = {n_labels * per_label} evaluations of it per sweep, up to "
        "50 sweeps (until one gains nothing). A named objective such as "
        "'f2_macro' is searched exactly, in one pass."
    )


def _fallbacks(optimize, truth, folds, fold_mean, with_folds, certified=False):
    """The pooled or fold-mean cut-offs with the rare-label fallbacks.

    ``optimize(rows)`` gives the tuned cut-offs of some rows and whether they
    met the constraint (None without one). ``fold_mean``: the mean of each
    fold's optimum; ``with_folds``: compute those anyway.

    Returns the cut-offs, each fold's optimum (or None), the fallback of each
    label ("never" for labels without positives and for rare labels, fewer
    positives than folds, whose pooled optimum would predict every sample;
    "pooled" for the other rare labels; else "none"; ``certified``: the pooled
    cut-offs of a guarantee, all "none") and what the pooled search says of
    the constraint.
    """
    pooled, met = optimize(np.arange(truth.shape[0]))
    n_positives = truth.sum(axis=0)
    fallback = np.where(n_positives == 0, "never", "none").astype(object)
    if certified:
        fallback[:] = "none"
    fold_thresholds = None
    thresholds = pooled.copy()
    if with_folds and len(folds) > 1:
        # each fold's own optimum; NaN where the fold holds no positive of
        # the label or the optimum is no cut-off (predict all or none)
        fold_thresholds = np.vstack([optimize(test)[0] for _, test in folds])
        has_positives = np.vstack([truth[test].any(axis=0) for _, test in folds])
        usable = has_positives & np.isfinite(fold_thresholds)
        fold_thresholds[~usable] = np.nan
        if fold_mean:
            counts = usable.sum(axis=0)
            sums = np.where(usable, fold_thresholds, 0.0).sum(axis=0)
            thresholds = np.where(counts > 0, sums / np.maximum(counts, 1), pooled)
    if certified:
        return pooled, fold_thresholds, fallback, met
    rare = (n_positives > 0) & (n_positives < len(folds))
    thresholds[rare], fallback[rare] = pooled[rare], "pooled"
    # a rare label whose positives score lowest of all out of fold would be
    # predicted for every sample: never predicting it is the safer guess
    never = (n_positives == 0) | (rare & (pooled == -np.inf))
    thresholds[never], fallback[never] = np.inf, "never"
    return thresholds, fold_thresholds, fallback, met


def _shrinker(objective, truth, scores, weight, folds, fold_thresholds, on_logits):
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
            cut_offs, fold_thresholds[inside], shared[0], shrinkable, on_logits
        )

    return shrink


def fit_labels(X, y, truth, classes, fit_params, weight, params, folding):
    """ThresholdOptimizer's ``fit`` of a binary or multi-label target: the
    out-of-fold scores of ``params["estimator"]`` (``folding`` as
    :func:`out_of_fold`'s ``settings``), then :func:`tune_labels`.

    Returns the kind of target ("binary" or "multilabel") and the Bunch of
    :func:`tune_labels` (whose ``thresholds`` is a float for a binary target).
    """
    kind = "binary" if truth.shape[1] == 1 else "multilabel"
    plan = label_objective(params, truth.shape[1], weight)
    if kind == "binary" and params["scoring"] is not None:
        check_positive_label(plan[0], classes)
    score = partial(
        estimator_response,
        response_method=params["response_method"],
        binary=kind == "binary",
    )
    target = truth[:, 0] if kind == "binary" else truth
    folds, scores = out_of_fold(
        params["estimator"], X, y, target, fit_params, score, folding
    )
    names = label_names(y, truth.shape[1])
    found = tune_labels(plan, truth, scores, folds, weight, params, names)
    if kind == "binary":
        found.thresholds = float(found.thresholds[0])
    return kind, found


def tune_labels(plan, truth, scores, folds, weight, params, names):
    """Per-label cut-offs tuned on out-of-fold scores.

    ``plan`` is :func:`label_objective`'s; ``params`` ThresholdOptimizer's
    parameters; ``names`` the labels' names for the flooding warning.

    Returns a Bunch of ``thresholds`` (n_labels,), ``best_score`` (the objective
    at them on the out-of-fold scores) and ``cv_results`` (None unless stored).
    """
    objective, constraint, shrinks, delta = plan
    strategy, store = params["strategy"], params["store_cv_results"]
    source = f"{type(params['estimator']).__name__}'s out-of-fold scores"
    scores = check_scores(scores, NAME, source)
    candidates = candidate_cut_offs(params["thresholds"], scores, strategy, weight)
    searched = scores if candidates is None else snap(scores, candidates)
    if params["verbose"] and objective.kind == "callable":
        print(coordinate_cost_message(truth.shape[1], strategy))

    def optimize(rows):
        w = None if weight is None else weight[rows]
        truth_, scores_ = truth[rows], searched[rows]
        if constraint is not None:
            found = constrained_thresholds(
                objective, truth_, scores_, w, constraint, delta
            )
            return found[0], found[1:]
        return search_thresholds(objective, truth_, scores_, w, strategy), (None, None)

    shrinks = shrinks and len(folds) > 1
    fold_mean = params["aggregate"] == "fold_mean"
    with_folds = fold_mean or store or shrinks
    found = _fallbacks(optimize, truth, folds, fold_mean, with_folds, delta is not None)
    thresholds, fold_thresholds, fallback, (met, bound) = found
    if delta is not None:
        warn_uncertified(NAME, met, names)
    shrink = shrink_weight = None
    if shrinks:
        on_logits = probabilities(params) and candidates is None
        shrink = _shrinker(
            objective, truth, searched, weight, folds, fold_thresholds, on_logits
        )
        shrinkable = np.isin(fallback, ("none", "pooled"))
        everything = np.arange(truth.shape[0])
        thresholds, shrink_weight = shrink(thresholds, everything, shrinkable)
    if candidates is not None:
        thresholds = unsnap(thresholds, candidates)
    share = predicted_share(scores, thresholds)
    prevalence = truth.mean(axis=0)
    flooded = flooding(share, prevalence)
    warn_flooding(NAME, flooded, share, prevalence, names)
    best_score = objective.score(truth, searched, thresholds, weight)
    cv_results = None
    if store:
        curves = _curves(objective, truth, searched, weight)
        cv_results = {
            "thresholds": curves.thresholds,
            "scores": curves.scores,
            "fold_thresholds": fold_thresholds,
            "fold_threshold_std": fold_spread(fold_thresholds),
            "n_positives": truth.sum(axis=0),
            "fallback": fallback,
            "constraint_met": met,
            "constraint_bound": bound,
            "shrink_weight": shrink_weight,
            "predicted_share": share,
            "flooding": flooded,
        }
    return Bunch(thresholds=thresholds, best_score=best_score, cv_results=cv_results)
