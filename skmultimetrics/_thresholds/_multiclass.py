"""Multiclass decisions: one positive weight per class, ``argmax_c(w_c * s_c)``.

The weights are reported as thresholds ``1 / w`` (mlr3's convention), so the
decision is ``argmax(scores / thresholds)``; all ones is the plain argmax.

The search is coordinate ascent over classes, exact in each step. With the
other weights fixed, sample ``i`` goes to class ``c`` once ``w_c`` passes its
breakpoint ``max_{d != c}(w_d s_id) / s_ic`` (a sample with ``s_ic = 0`` never
does; a sample of zero weight adds none, as if removed). One sort of the
breakpoints then gives the objective on every interval between them: the
counts move by the samples that switch, and for objectives that are a sum of
per-class terms (macro, weighted and micro averages of F1, precision, recall
and Jaccard, accuracy, balanced accuracy) the changes are
summed by cumulative sums, so each step costs O(n log n + n C). The new weight
is taken inside the best interval (its geometric middle), never on a
breakpoint. A metric callable or a scorer object is scored on the predictions
of each interval (at most ``_CALLABLE_CANDIDATES`` of them, spread by
quantiles, per step). A step is kept only when the objective recomputed from
the predictions rises, so the ascent never ends below its start.
"""

from functools import partial

import numpy as np

from .._checks._multiclass import (
    class_decisions,
)
from .._counts._reductions import ratio_values
from .._metrics._registry import parse_name
from ._objective import _Predictions, split_scoring

_CALLABLE_CANDIDATES = 128
_TOL = 1e-12
_INFEASIBLE = -1e9  # below every objective value: the constraint is not met
_SAME = 1e-9  # relative gap below which two breakpoints are one


def _terms(metric, tp, pred, true, beta=1.0):
    """A class's term: F-beta, precision, recall, Jaccard (0/0 is 0) or its tp."""
    if metric == "accuracy":
        return tp
    return ratio_values(metric, tp, pred, true, beta)


class MulticlassObjective:
    """What a multiclass search maximises.

    A set metric name averaged "macro", "weighted" or "micro" (F-beta
    included), "accuracy" or "balanced_accuracy": a sum of per-class terms of
    the weighted counts;
    a scorer object ``scorer(estimator, X, y)`` (scored through a stand-in
    estimator whose ``predict`` returns the class labels) or a metric callable
    ``f(y_true, y_pred)`` of class labels. Default: ``"f1_macro"``.
    """

    def __init__(self, scoring, func):
        self.source = scoring
        scoring, self.callable, self.scorer = split_scoring(scoring)
        if callable(scoring):
            self.kind, self.name = "callable", None
            return
        if scoring is None:
            scoring = "f1_macro"
        spec = parse_name(scoring, consumer="multiclass", func=func, argument="scoring")
        self.kind, self.name, self.beta = "sum", spec.name, spec.beta
        if spec.metric == "balanced_accuracy":
            self.metric, self.average = "recall", "macro"
        elif spec.metric == "subset_accuracy":  # one label per sample: accuracy
            self.metric, self.average = "accuracy", "micro"
        else:
            self.metric, self.average = spec.metric, spec.average
        # one class per sample and prediction: micro F-beta, precision and
        # recall are the accuracy; micro Jaccard is a rising function a / (2 - a) of it
        self.transform = None
        if self.average == "micro":
            if self.metric == "jaccard":
                self.transform = lambda a: a / (2 - np.minimum(a, 1))
            self.metric = "accuracy"

    def bind(self, codes, weight, n_classes, classes):
        """The objective on these samples: class counts and coefficients."""
        self.codes, self.classes, self.n_classes = codes, classes, n_classes
        self.constraint = None
        self.weight = np.ones(codes.shape[0]) if weight is None else weight
        self.sample_weight = weight
        self.true = np.bincount(codes, weights=self.weight, minlength=n_classes)
        if self.kind == "callable":
            return self
        total = self.true.sum()
        if self.average == "micro":
            self.coef = np.full(n_classes, 1.0 / total)
        elif self.average == "weighted":
            self.coef = self.true / total
        else:  # macro: the classes of y_true (absent ones are never predicted)
            present = self.true > 0
            self.coef = present / present.sum()
        return self

    def counts(self, pred):
        """Weighted true positives and predictions of each class."""
        hit = self.weight * (pred == self.codes)
        tp = np.bincount(pred, weights=hit, minlength=self.n_classes)
        return tp, np.bincount(pred, weights=self.weight, minlength=self.n_classes)

    def linear(self, tp, pred):
        """The sum of per-class terms, before ``transform``."""
        return float(self.coef @ _terms(self.metric, tp, pred, self.true, self.beta))

    def finish(self, value):
        return value if self.transform is None else self.transform(value)

    def constrain(self, constraint):
        """Search under ``(metric, level, class index)`` (None: no constraint)."""
        self.constraint = constraint
        return self

    def penalised(self, values, tp, pred):
        """``values`` where the constrained class's metric (from its counts
        ``tp``, ``pred``) reaches the level; below it, less than any value
        that does, the less the closer the metric is to the level."""
        if self.constraint is None:
            return values
        metric, level, k = self.constraint
        reached = class_metric(metric, tp, pred, self.true[k], self.true.sum())
        return np.where(
            reached >= level - _TOL, values, _INFEASIBLE - (level - reached)
        )

    def met(self, pred):
        """Whether the constrained class's metric reaches its level."""
        if self.constraint is None:
            return None
        tp, counted = self.counts(pred)
        k = self.constraint[2]
        return bool(self.penalised(np.array(0.0), tp[k], counted[k]) == 0.0)

    def value(self, pred):
        """What the search maximises: :meth:`score`, below every feasible
        value where the constraint is not met."""
        tp, counted = self.counts(pred)
        k = 0 if self.constraint is None else self.constraint[2]
        return float(self.penalised(np.array(self.score(pred)), tp[k], counted[k]))

    def score(self, pred):
        """The objective of predicted class codes."""
        if self.kind == "callable":
            y_true, y_pred = self.classes[self.codes], self.classes[pred]
            if self.callable is not None:
                return float(self.callable(y_true, y_pred))
            rows = np.arange(pred.shape[0]).reshape(-1, 1)
            weight = self.sample_weight
            extra = {} if weight is None else {"sample_weight": weight}
            return float(self.scorer(_Predictions(y_pred), rows, y_true, **extra))
        return self.finish(self.linear(*self.counts(pred)))


def decide(scores, weights):
    """``argmax_c(weights_c * scores_c)`` as ``predict`` computes it,
    ``argmax(scores / thresholds)``: the first class on ties (as NumPy)."""
    return class_decisions(scores, as_thresholds(weights))


class _Breakpoints:
    """Where each sample's decision moves to class c as ``w_c`` grows; a row
    of zero ``sample_weight`` moves nothing, as if removed."""

    def __init__(self, scores, weights, c, sample_weight=None):
        n = scores.shape[0]
        weighted = scores * weights
        weighted[:, c] = -np.inf
        other = np.argmax(weighted, axis=1)
        best_other = weighted[np.arange(n), other]
        s = scores[:, c]
        moves = (s > 0) & (best_other > 0)
        if sample_weight is not None:
            moves &= sample_weight != 0
        # below every breakpoint: the best other class, except where c wins
        # for any positive weight (all others 0), or ties at 0 go to the first
        base = other.copy()
        base[(s > 0) & (best_other == 0)] = c
        base[(s == 0) & (best_other == 0) & (c < other)] = c
        rows = np.flatnonzero(moves)
        breaks = best_other[rows] / s[rows]
        order = np.argsort(breaks, kind="stable")
        self.base, self.rows, self.c = base, rows[order], c
        self.breaks = breaks[order]
        last = np.ones(self.rows.shape[0], dtype=bool)
        # breakpoints equal up to rounding (the same ratio from other scores)
        # are one: no weight between them would decide the same in floats
        last[:-1] = self.breaks[1:] > self.breaks[:-1] * (1 + _SAME)
        self.ends = np.flatnonzero(last)  # the last switch of each breakpoint
        self.edges = self.breaks[self.ends]  # distinct, ascending

    def prediction(self, k):
        """Predictions on interval k, between ``edges[k - 1]`` and ``edges[k]``."""
        pred = self.base.copy()
        if k > 0:
            pred[self.rows[: self.ends[k - 1] + 1]] = self.c
        return pred


def _group_cumsum(values, groups):
    """Running sums of ``values`` within each group, in the given order."""
    order = np.argsort(groups, kind="stable")
    sorted_values = values[order]
    running = np.cumsum(sorted_values)
    sorted_groups = groups[order]
    first = np.ones(order.shape[0], dtype=bool)
    first[1:] = sorted_groups[1:] != sorted_groups[:-1]
    before = (running - sorted_values)[first]
    out = np.empty_like(running)
    out[order] = running - before[np.cumsum(first) - 1]
    return out


def _sum_values(objective, points):
    """The linear objective on each interval of ``points``, from counts moved
    incrementally as samples switch to class c (ascending breakpoints)."""
    c, rows = points.c, points.rows
    tp0, pred0 = objective.counts(points.base)
    coef, true = objective.coef, objective.true
    metric = partial(_terms, objective.metric, beta=objective.beta)
    w = objective.weight[rows]
    truth = objective.codes[rows]
    start = coef * metric(tp0, pred0, true)
    others = start.sum() - start[c]
    # class c gains each switching sample
    tp_c = tp0[c] + np.cumsum(w * (truth == c))
    pred_c = pred0[c] + np.cumsum(w)
    # the class each sample leaves loses it: its own running counts
    source = points.base[rows]
    lost_tp = w * (truth == source)
    tp_after = tp0[source] - _group_cumsum(lost_tp, source)
    pred_after = pred0[source] - _group_cumsum(w, source)
    change = coef[source] * (
        metric(tp_after, pred_after, true[source])
        - metric(tp_after + lost_tp, pred_after + w, true[source])
    )
    ends = points.ends
    moved = others + np.cumsum(change)[ends]
    moved += coef[c] * metric(tp_c[ends], pred_c[ends], true[c])
    return np.concatenate([[start.sum()], moved])


def _class_counts(objective, points, k):
    """Class k's weighted true positives and predictions on every interval."""
    tp0, pred0 = objective.counts(points.base)
    rows = points.rows
    w = objective.weight[rows]
    truth = objective.codes[rows]
    if k == points.c:  # gains every switching sample
        tp_step, pred_step = w * (truth == k), w
    else:  # loses those that leave it
        leaves = points.base[rows] == k
        tp_step, pred_step = -w * leaves * (truth == k), -w * leaves
    ends = points.ends
    tp = np.concatenate([[tp0[k]], tp0[k] + np.cumsum(tp_step)[ends]])
    return tp, np.concatenate([[pred0[k]], pred0[k] + np.cumsum(pred_step)[ends]])


def _callable_values(objective, points):
    """A callable objective on (at most ``_CALLABLE_CANDIDATES``) intervals;
    the others get ``-inf``."""
    n_intervals = points.edges.shape[0] + 1
    chosen = np.arange(n_intervals)
    if n_intervals > _CALLABLE_CANDIDATES:
        chosen = np.unique(
            np.round(np.linspace(0, n_intervals - 1, _CALLABLE_CANDIDATES))
        ).astype(int)
    values = np.full(n_intervals, -np.inf)
    for k in chosen:
        values[k] = objective.score(points.prediction(k))
    return values


def class_sweep(objective, scores, weights, c):
    """The objective on every interval of ``w_c`` (the others fixed): the
    breakpoints and one value per interval (see :meth:`MulticlassObjective.value`)."""
    # a metric callable takes no weights: every row counts to it
    weight = None if objective.callable is not None else objective.sample_weight
    points = _Breakpoints(scores, weights, c, weight)
    if objective.kind == "callable":
        values = _callable_values(objective, points)
    else:
        values = objective.finish(_sum_values(objective, points))
    if objective.constraint is not None:
        values = objective.penalised(
            values, *_class_counts(objective, points, objective.constraint[2])
        )
    return points, values


def _inside(lower, upper):
    """A weight strictly inside (lower, upper): the geometric middle."""
    if lower == 0:
        return upper / 2
    if upper == np.inf:
        return lower * 2
    middle = np.sqrt(lower) * np.sqrt(upper)
    return middle if lower < middle < upper else upper


def choose_weight(edges, values, current, lo=0.0, hi=np.inf):
    """A weight on the best interval within ``(lo, hi)``: ``current`` when it
    lies inside and its interval is one of the best, else the middle of the
    allowed part of the best interval nearest to it."""
    lower = np.maximum(np.concatenate([[0.0], edges]), lo)
    upper = np.minimum(np.concatenate([edges, [np.inf]]), hi)
    # a callable's NaN is the worst; intervals outside (lo, hi) are excluded
    values = np.where(np.isnan(values) | (lower >= upper), -np.inf, values)
    best = values.max()
    if not np.isfinite(best):
        return current
    good = np.flatnonzero(values >= best - _TOL * max(1.0, abs(best)))
    k = int(np.searchsorted(edges, current, side="left"))
    on_edge = k < edges.shape[0] and edges[k] == current
    if not on_edge and k in good and lo < current < hi:
        return current
    log_current = np.log(current) if current > 0 else -np.inf
    with np.errstate(divide="ignore", invalid="ignore"):
        distance = np.where(
            upper[good] <= current,
            log_current - np.log(upper[good]),
            np.log(lower[good]) - log_current,
        )
    pick = good[int(np.argmin(np.maximum(np.nan_to_num(distance), 0.0)))]
    return _inside(lower[pick], upper[pick])


def coordinate_weights(objective, scores, weights=None, *, max_rounds=10, limits=None):
    """Coordinate ascent on the class weights of a bound objective.

    Starts at ``weights`` (default ones, classes absent from the truth at 0,
    never predicted); a step is kept when the objective recomputed from the
    predictions rises. ``limits(weights, c)``: the open interval that class
    c's weight must stay in (default: any positive weight). Stops after
    ``max_rounds`` rounds over the classes or a round without gain.

    Returns
    -------
    weights : ndarray of shape (n_classes,)
    value : float
        The objective at ``weights``.
    """
    n_classes = scores.shape[1]
    if weights is None:
        weights = np.ones(n_classes)
        weights[objective.true == 0] = 0.0
    weights = weights.astype(float)
    tunable = np.flatnonzero((objective.true > 0) & (scores > 0).any(axis=0))
    current = objective.value(decide(scores, weights))
    if tunable.shape[0] < 2:
        return weights, current
    for _ in range(max_rounds):
        start = current
        for c in tunable:
            points, values = class_sweep(objective, scores, weights, c)
            allowed = (0.0, np.inf) if limits is None else limits(weights, c)
            new = choose_weight(points.edges, values, weights[c], *allowed)
            if new == weights[c]:
                continue
            trial = weights.copy()
            trial[c] = new
            value = objective.value(decide(scores, trial))
            if value > current + _TOL:
                weights, current = trial, value
        if current <= start + _TOL:
            break
    return weights, current


def class_curves(objective, scores, weights):
    """Per class, the thresholds ``1 / w_c`` in the middle of each interval and
    the objective there, the other weights at ``weights``."""
    thresholds, values = [], []
    for c in range(scores.shape[1]):
        if objective.true[c] == 0 or not (scores[:, c] > 0).any():
            thresholds.append(np.array([np.inf]))
            values.append(np.array([objective.value(decide(scores, weights))]))
            continue
        points, swept = class_sweep(objective, scores, weights, c)
        lower = np.concatenate([[0.0], points.edges])
        upper = np.concatenate([points.edges, [np.inf]])
        inside = np.array([_inside(lo, up) for lo, up in zip(lower, upper)])
        keep = np.isfinite(swept)
        thresholds.append(1.0 / inside[keep])
        values.append(swept[keep])
    return thresholds, values


def as_thresholds(weights):
    """Thresholds ``1 / w``; a weight of 0 becomes ``inf`` (never predicted)."""
    with np.errstate(divide="ignore"):
        return 1.0 / weights


def class_metric(metric, tp, pred, true, total):
    """One class's metric against the rest from its weighted counts (0/0 is 0)."""
    if metric == "specificity":
        negatives = total - true
        out = np.zeros(np.broadcast(tp, pred).shape)
        return np.divide(
            negatives - (pred - tp), negatives, out=out, where=negatives > 0
        )
    return _terms(metric, tp, pred, true)
