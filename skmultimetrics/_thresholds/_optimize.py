"""Cut-offs that maximise an objective (``_objective``) on scores you already have.

:func:`optimize_thresholds` checks its inputs once; :func:`search_thresholds`,
which ``ThresholdOptimizer`` calls on checked out-of-fold scores, works on
checked arrays and counts. Strategies:

- ``"per_label"``: each label's own best cut-off (exact when the objective splits
  by label: per-label, macro and weighted averages, hamming accuracy); not for
  callables and scorers, whose value on the label matrix does not split by
  label;
- ``"global"``: the best single cut-off shared by all labels;
- ``"coordinate"``: coordinate ascent over labels from the per-label solution,
  each step an exact sweep of one label with the others fixed; it never ends
  below its start and stops when a full round gains nothing;
- ``"auto"``: per-label when the objective splits by label; for micro averages
  (ratios of pooled counts) Dinkelbach's iteration, which reaches the exact
  optimum over per-label cut-offs in a few rounds of per-label sweeps; else
  coordinate ascent.
"""

import numpy as np
from sklearn.utils import Bunch

from .._checks._multiclass import is_multiclass
from .._checks._params import param_error
from .._checks._targets import check_truth_and_scores
from .._counts._reductions import ratio_terms, ratio_values
from .._counts._statistics import sample_counts
from .._counts._sweep import (
    as_if_removed,
    best_cuts,
    best_per_label,
    cut_between,
    label_sweeps,
    weighted_rows,
)
from ._constraint import check_constraint, constrained_thresholds
from ._guarantee import check_guarantee, warn_uncertified
from ._multiclass_cv import optimize_multiclass
from ._objective import Objective

STRATEGIES = ("auto", "per_label", "global", "coordinate")
_QUANTILE_CANDIDATES = 64
_GLOBAL_CANDIDATES = 256


def _per_label(y_true, y_score, weight, metric, beta=1.0):
    return best_cuts(y_true, y_score, metric, weight, beta=beta)[0]


def _ratio_terms(metric, tp, fp, positives, beta=1.0):
    """Numerator and denominator of a micro metric from pooled counts."""
    return ratio_terms(metric, tp, tp + fp, positives + 0 * tp, beta)


def dinkelbach_choice(sweep, metric, *, beta=1.0):
    """Each label's column of ``sweep`` that maximises a ratio of pooled counts.

    For a ratio ``N / D`` of sums over labels, Dinkelbach's iteration maximises
    ``N - lam D`` (which splits by label: one sweep each) and updates ``lam`` to
    the ratio reached, until it stops increasing.
    """
    labels = np.arange(sweep.tp.shape[0])
    total_positives = sweep.positives.sum()
    lam, best = 0.0, None
    for _ in range(100):
        numerator, denominator = _ratio_terms(metric, sweep.tp, sweep.fp, 0.0, beta)
        linear = numerator - lam * denominator
        choice = np.argmax(np.where(sweep.valid, linear, -np.inf), axis=1)
        tp = sweep.tp[labels, choice].sum()
        fp = sweep.fp[labels, choice].sum()
        num, den = _ratio_terms(metric, tp, fp, total_positives, beta)
        ratio = num / den if den > 0 else 0.0
        if best is not None and ratio <= lam + 1e-15:
            break
        lam, best = ratio, choice
    return best


def _global(objective, y_true, y_score, weight):
    """The best cut-off shared by all labels.

    Micro averages: exact, from one sweep of the pooled scores. Other
    objectives: every pooled distinct score when there are at most
    ``_GLOBAL_CANDIDATES``, else that many quantiles of the pooled scores.
    """
    n_labels = y_score.shape[1]
    if objective.kind == "ratio":
        pooled_weight = None if weight is None else np.repeat(weight, n_labels)
        cut = _per_label(
            y_true.reshape(-1, 1),
            y_score.reshape(-1, 1),
            pooled_weight,
            objective.metric,
            objective.beta,
        )
        return np.full(n_labels, cut[0])
    pooled = weighted_rows(y_score, weight)
    values = np.unique(pooled)[::-1]
    if values.size > _GLOBAL_CANDIDATES:
        values = np.unique(np.quantile(pooled, np.linspace(0, 1, _GLOBAL_CANDIDATES)))
        values = values[::-1]
    cuts = np.concatenate([[np.inf], cut_between(values[:-1], values[1:]), [-np.inf]])
    scored = [
        objective.score(y_true, y_score, np.full(n_labels, cut), weight) for cut in cuts
    ]
    return np.full(n_labels, cuts[int(np.argmax(scored))])


def _sample_values(objective, tp, pred, true):
    """Per-sample objective values (samples averages and subset accuracy)."""
    if objective.average == "subset":
        return ((pred == tp) & (true == tp)).astype(np.float64)
    return ratio_values(objective.metric, tp, pred, true, objective.beta)


def _coordinate_step_counts(objective, y_true, y_score, thresholds, j, weight):
    """Exact sweep of label j's cut-off with the others fixed (named objectives)."""
    others = np.ones(y_score.shape[1], dtype=bool)
    others[j] = False
    pred_others = y_score[:, others] >= thresholds[others]
    counts = sample_counts(y_true[:, others], pred_others)
    tp, pred, true = (c.astype(np.float64) for c in counts[:3])
    truth_j = y_true[:, j]
    true = true + truth_j
    w = np.ones(len(truth_j)) if weight is None else weight
    base = _sample_values(objective, tp, pred, true)
    switched = _sample_values(objective, tp + truth_j, pred + 1, true)
    scores_j = as_if_removed(y_score[:, j], weight)
    order = np.argsort(-scores_j)
    sorted_scores = scores_j[order]
    gains = np.cumsum((w * (switched - base))[order])
    valid = np.ones(len(order), dtype=bool)
    valid[:-1] = sorted_scores[1:] != sorted_scores[:-1]
    total = (w * base).sum()
    values = np.concatenate([[total], np.where(valid, total + gains, -np.inf)])
    cuts = np.concatenate(
        [[np.inf], cut_between(sorted_scores[:-1], sorted_scores[1:]), [-np.inf]]
    )
    return cuts, values


def _ratio_step(metric, y_true, y_score, thresholds, j, weight, beta=1.0):
    """Label j's best cut-off for a micro average, the other labels fixed."""
    w = np.ones(y_true.shape[0]) if weight is None else weight
    others = np.ones(y_score.shape[1], dtype=bool)
    others[j] = False
    pred = y_score[:, others] >= thresholds[others]
    truth = y_true[:, others]
    tp_others = w @ (pred & truth).sum(axis=1)
    fp_others = w @ (pred & ~truth).sum(axis=1)
    sweep = label_sweeps(y_true[:, [j]], y_score[:, [j]], weight)
    positives = w @ y_true.sum(axis=1)
    numerator, denominator = _ratio_terms(
        metric, tp_others + sweep.tp[0], fp_others + sweep.fp[0], positives, beta
    )
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(denominator > 0, numerator / denominator, 0.0)
    best = int(np.argmax(np.where(sweep.valid[0], ratio, -np.inf)))
    return sweep.thresholds[0, best]


def _coordinate(objective, y_true, y_score, thresholds, weight):
    """Coordinate ascent over labels; never below its start."""
    thresholds = thresholds.copy()
    current = objective.score(y_true, y_score, thresholds, weight)
    for _ in range(50):
        start = current
        for j in range(y_score.shape[1]):
            if objective.kind == "callable":
                scores_j = weighted_rows(y_score[:, j], weight)
                candidates = np.unique(
                    np.quantile(scores_j, np.linspace(0, 1, _QUANTILE_CANDIDATES))
                )
                cuts = np.concatenate([[np.inf], candidates, [-np.inf]])
            elif objective.kind == "ratio":
                cuts = [
                    _ratio_step(
                        objective.metric,
                        y_true,
                        y_score,
                        thresholds,
                        j,
                        weight,
                        objective.beta,
                    )
                ]
            else:
                cuts, values = _coordinate_step_counts(
                    objective, y_true, y_score, thresholds, j, weight
                )
                cuts = cuts[[int(np.argmax(values))]]
            for cut in cuts:
                trial = thresholds.copy()
                trial[j] = cut
                value = objective.score(y_true, y_score, trial, weight)
                if value > current + 1e-12:
                    thresholds, current = trial, value
        if current <= start + 1e-12:
            break
    return thresholds


def optimize_thresholds(
    y_true,
    y_score,
    *,
    scoring=None,
    constraint=None,
    confidence_level=None,
    simultaneous=False,
    strategy="auto",
    sample_weight=None,
    labels=None,
):
    """The cut-offs that maximise ``scoring`` on these scores, and the score reached.

    Read more in the :ref:`User Guide <which_cutoff>`.

    For Keras / PyTorch users with validation predictions and no scikit-learn
    estimator: ``y_pred = y_score >= result.thresholds``. For multiclass
    targets, one weight ``w_c`` per class: ``result.thresholds`` is ``1 / w``
    and ``y_pred = result.classes[argmax(y_score / result.thresholds)]``.

    Parameters
    ----------
    y_true : array-like or sparse matrix of shape (n_samples, n_labels) or \
(n_samples,)
        Binary label-indicator matrix, binary 1-D labels (0/1, -1/1 or bool), or
        multiclass
        1-D labels (more than two classes, or scores of three or more columns).
    y_score : array-like of shape (n_samples, n_labels) or (n_samples,)
        Scores, in any ``predict_proba`` layout; with 1-D ``y_true``, a binary
        ``predict_proba`` of shape (n_samples, 2) is read as its column of
        class 1. Multiclass targets: non-negative scores of shape
        (n_samples, n_classes) such as ``predict_proba``, one column per class.
    scoring : str or callable, default=None
        ``"{f1,precision,recall,jaccard}_{macro,weighted,micro,samples}"``,
        F-beta ``"f{beta}_{average}"`` for any beta > 0 written as its shortest
        decimal (``"f2_macro"``, ``"f0.5_micro"``; not ``"f2.0"``), searched
        as exactly and as fast as F1, ``"subset_accuracy"``,
        ``"hamming_accuracy"``, the binary ``"f1"``, ``"f2"`` (and friends),
        a scorer object ``scorer(estimator, X, y)`` (searched exactly
        when it comes from :func:`get_scorer` with one of these names; else it
        scores 0/1 predictions through a stand-in estimator's ``predict``), or a
        metric callable ``f(y_true, y_pred)`` of 0/1 labels (1-D for 1-D
        ``y_true``). Default: ``"f1"`` for 1-D targets, ``"f1_macro"`` for label
        matrices and multiclass targets. Binary targets (1-D, or a label
        matrix of one column, which scikit-learn also reads as binary): a
        ``_macro``, ``_weighted`` or ``_micro`` name is scikit-learn's average
        over both classes 0 and 1 (``"f1_macro"``: the mean of both classes'
        F1; ``"f1_micro"``: the accuracy), searched exactly; ``"f1"`` and
        friends score the positive class. Callables and scorers cannot take
        ``strategy="per_label"``. Multiclass targets take
        ``"accuracy"``, ``"balanced_accuracy"``,
        ``"{f1,precision,recall,jaccard}_{macro,weighted,micro}"``, scorers and
        callables ``f(y_true, y_pred)`` of class labels (scored at no more
        than 128 weights of a class per step). A scorer object or callable
        other than :func:`get_scorer`'s named ones is searched by coordinate
        ascent (not exact): about n_labels x 66 candidates evaluations of it
        per sweep, up to 50 sweeps; prefer a name (``"f2_macro"`` rather than
        ``make_scorer(fbeta_score, beta=2, average="macro")``).
    constraint : tuple of (str, float), default=None
        ``(metric, level)``, such as ``("precision", 0.9)``: per label, maximise
        the objective among the cut-offs whose ``metric`` (one of
        ``"precision"``, ``"recall"``, ``"specificity"``, ``"sensitivity"``,
        ``"f1"``, ``"jaccard"``, ``"accuracy"``, ``"balanced_accuracy"``,
        ``"matthews"``) reaches ``level`` (in [0, 1]; [-1, 1] for
        ``"matthews"``), exactly. The candidates are every distinct cut-off and
        "predict none" (``inf``), whose rates are those of
        :func:`operating_points`: specificity 1, recall 0, precision 0
        (undefined). A label where no cut-off
        does gets the cut-off with the highest ``metric``, and ``feasible`` in
        the result says which labels met it. Needs an objective that splits by
        label (per-label, macro or weighted averages, ``"recall"``, ...).
        The level is met on these scores only: on new data a cut-off at the
        edge misses it about half the time; see ``confidence_level``.
        Multiclass targets: ``(metric, level, class)``, such as ``("recall",
        0.95, "malignant")``, with the metric one of ``"precision"``,
        ``"recall"``, ``"f1"``, ``"jaccard"``, ``"specificity"`` of that class
        against the rest; the search then ranks every weight vector that
        meets it above every one that does not (``feasible``: a bool).
    confidence_level : float in (0, 1), default=None
        With a ``constraint`` of ``"recall"``, ``"sensitivity"``,
        ``"specificity"`` or ``"precision"``: choose among the cut-offs
        certified to meet it on the population the rows come from, with
        probability at least ``confidence_level`` per label (exact finite-sample
        bounds: order statistics with binomial tails for recall and
        specificity, Learn-then-Test over a fixed grid of 1,000 cut-offs for
        precision; see :ref:`guaranteed-cutoffs`). Exact
        for scores of rows not used to fit the model (a calibration set).
        ``feasible`` says which labels have a certified cut-off and
        ``constraint_bound`` gives the certified lower bound of the metric
        there; a precision floor that nothing meets predicts none (``inf``),
        with a warning naming the labels. Not with ``sample_weight``.
        Multiclass ``(metric, level, class)`` with ``"recall"``,
        ``"specificity"`` or ``"precision"``: certified over rules fixed before
        the labels are seen, the class's weight against the other classes at
        1 (order statistics of its score over the best other score; Learn then
        Test on a fixed grid of 1,000 weights for precision); for recall and
        specificity the other weights are then tuned within the certified
        ratio to the class's weight (``w_c > rho max_d w_d``, ``w_c < rho
        min_d w_d``), for precision they stay 1. ``feasible`` and
        ``constraint_bound`` are then scalars.
    simultaneous : bool, default=False
        With ``confidence_level``: the promise holds for all labels at once
        (Bonferroni over the labels) instead of for each label (no effect on
        multiclass targets: one constraint).
    strategy : {"auto", "per_label", "global", "coordinate"}, default="auto"
        See the module documentation; "auto" is exact for objectives that split
        by label and for micro averages.
    sample_weight : array-like of shape (n_samples,), default=None
        Sample weights.
    labels : array-like of shape (n_classes,), default=None
        Multiclass targets only: the class of each score column (default: the
        sorted classes of ``y_true``). A class absent from ``y_true`` gets the
        threshold ``inf``: never predicted.

    Returns
    -------
    result : sklearn.utils.Bunch
        ``thresholds`` (a float for 1-D ``y_true``, else shape (n_labels,);
        ``inf`` never predicts a label; multiclass: shape (n_classes,)) and
        ``score``, the objective reached; with ``constraint``, also
        ``feasible`` (bool, per label); with ``confidence_level``, also
        ``constraint_bound`` (per label); multiclass, also ``classes``.

    Notes
    -----
    Multiclass search: coordinate ascent over the classes from all weights 1.
    With the other weights fixed, sample ``i`` moves to class ``c`` once
    ``w_c`` passes ``max_{d != c}(w_d s_id) / s_ic``; one sort of these
    breakpoints and cumulative counts give the objective between every two of
    them, exactly (O(n log n) per class). The weight is put in the middle of
    the best interval (the current one when it is among the best), never on a
    breakpoint; a class whose scores are all 0 keeps its weight. Ties go to the
    first class, as ``numpy.argmax``. Rounds stop when one gains nothing.

    Examples
    --------
    >>> from skmultimetrics import optimize_thresholds
    >>> y_val = [[1, 0], [1, 1], [0, 1], [0, 0]]
    >>> val_scores = [[0.9, 0.3], [0.4, 0.35], [0.2, 0.6], [0.1, 0.05]]
    >>> result = optimize_thresholds(y_val, val_scores, scoring="f1_micro")
    >>> result.thresholds, result.score
    (array([0.3  , 0.325]), 1.0)

    Multiclass validation probabilities: the last sample belongs to the third
    class, which a higher threshold of the first class lets through.

    >>> y_val = [0, 1, 2, 2]
    >>> val_proba = [[0.5, 0.3, 0.2], [0.4, 0.5, 0.1], [0.3, 0.3, 0.4],
    ...              [0.5, 0.1, 0.4]]
    >>> result = optimize_thresholds(y_val, val_proba)
    >>> result.thresholds, result.score
    (array([1.443, 1.   , 1.   ]), 1.0)
    """
    func = "optimize_thresholds"
    if strategy not in STRATEGIES:
        raise param_error(func, "strategy", f"one of {STRATEGIES}", strategy)
    if is_multiclass(y_true, y_score):
        return optimize_multiclass(
            y_true,
            y_score,
            scoring=scoring,
            constraint=constraint,
            confidence_level=confidence_level,
            simultaneous=simultaneous,
            strategy=strategy,
            sample_weight=sample_weight,
            labels=labels,
            func=func,
        )
    if labels is not None:
        raise param_error(func, "labels", "None except for multiclass targets", labels)
    truth, scores, weight, one_label, _ = check_truth_and_scores(
        y_true, y_score, sample_weight, func=func
    )
    objective = Objective(scoring, one_label, func, n_labels=truth.shape[1])
    check_strategy(objective, strategy, func)
    constraint = check_constraint(constraint, objective, strategy, func)
    delta = check_guarantee(
        confidence_level, simultaneous, constraint, weight, func, truth.shape[1]
    )
    if constraint is not None:
        thresholds, feasible, bound = constrained_thresholds(
            objective, truth, scores, weight, constraint, delta
        )
        if delta is not None:
            warn_uncertified(func, feasible, list(range(truth.shape[1])))
    else:
        thresholds = search_thresholds(objective, truth, scores, weight, strategy)
    score = objective.score(truth, scores, thresholds, weight)
    result = Bunch(thresholds=thresholds, score=score)
    if constraint is not None:
        result.feasible = feasible
    if delta is not None:
        result.constraint_bound = bound
    if one_label:
        result.thresholds = float(thresholds[0])
        if constraint is not None:
            result.feasible = bool(feasible[0])
        if delta is not None:
            result.constraint_bound = float(bound[0])
    return result


def check_strategy(objective, strategy, func):
    """Refuse ``strategy="per_label"`` for a callable or scorer objective.

    A metric of the whole label matrix cannot be split into one metric per
    label, so "each label on its own" has nothing to maximise; coordinate
    ascent maximises the callable itself.
    """
    if strategy == "per_label" and objective.kind == "callable":
        raise ValueError(
            f"The 'strategy' parameter of {func} cannot be 'per_label' with a "
            "callable or scorer 'scoring': its value on the whole label matrix "
            "does not split into one metric per label. Use strategy='coordinate' "
            "(or 'auto'), which maximises the callable itself, or a named "
            "objective such as 'f1_macro'."
        )


def search_thresholds(objective, truth, scores, weight, strategy="auto"):
    """The cut-offs that maximise ``objective``, shape (n_labels,), on checked
    arrays (see :func:`check_truth_and_scores`); no input is checked again."""
    if objective.two_class:  # a binary target's average over both classes: the
        sweep = label_sweeps(truth, scores, weight)  # exact best of its column
        return best_per_label(sweep, objective.sweep_values(sweep, truth))[2]
    if strategy == "auto":
        strategy = {"separable": "per_label", "ratio": "dinkelbach"}.get(
            objective.kind, "coordinate"
        )
    if strategy == "global":
        return _global(objective, truth, scores, weight)
    # a callable starts from the per-label F1 optimum
    metric, beta = objective.metric or "f1", objective.beta
    if strategy == "dinkelbach":  # exact for a ratio of pooled counts
        sweep = label_sweeps(truth, scores, weight)
        choice = dinkelbach_choice(sweep, metric, beta=beta)
        return sweep.thresholds[np.arange(choice.size), choice]
    thresholds = _per_label(truth, scores, weight, metric, beta)
    if strategy == "coordinate":
        thresholds = _coordinate(objective, truth, scores, thresholds, weight)
    return thresholds
