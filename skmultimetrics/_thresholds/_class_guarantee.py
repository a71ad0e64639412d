"""Multiclass cut-offs with a guarantee: ``constraint=(metric, level, c)``
with ``confidence_level``, for decisions ``argmax_d(w_d s_d)``.

Every certificate is about a family of rules fixed before the labels are
seen: the other classes at weight 1 and class ``c`` at weight ``rho``, that
is, with the reference ratio ``r = s_c / max_{d != c} s_d``, "predict c when
``r`` reaches ``1 / rho``". The labels then pick, exactly as for one binary
label (:mod:`._guarantee`), which members are certified:

- recall: the ``k*``-th lowest ratio ``r*`` of the class-c rows; the rule
  ``r >= r*`` has population recall at least the level with probability at
  least ``1 - delta``. Any weights with ``w_c * r* > max_{d != c} w_d``
  predict c on every row with ``r >= r*`` (``w_c s_c >= w_c r* m > W m >=
  w_d s_d``), so their recall is at least that rule's, on the same event:
  the other weights may then be tuned freely within that limit.
- specificity: the ``k*``-th highest ratio ``r^`` of the other rows; weights
  with ``w_c * r^ < min_{d != c} w_d`` predict c only where ``r > r^``
  (``w_c s_c >= w_d s_d >= w_min m``), a subset of a certified rule; ``w_c =
  0`` (c never predicted) is always certified.
- precision is not monotone in the predicted set, so nothing dominates:
  Learn then Test over the family itself, ``1 / rho`` on the fixed grid of
  :func:`._guarantee.fixed_grid` applied to ``r / (1 + r)`` (the class's
  share of the two best scores), highest first, by the fallback procedure;
  the other weights stay 1. The decisions are counted exactly as ``predict``
  makes them (``argmax(scores / thresholds)`` with the reported thresholds,
  ties to the first class).

Among the certified decisions the objective is maximised (coordinate ascent
from the best member of the one-weight family, every step kept inside the
limit), which the family-wise certificate allows. Rows with ``s_c = 0 = m``
count as never predicted for recall, always for specificity. The limits keep
a relative margin ``_MARGIN`` so rounding cannot move a row across them.
"""

import numpy as np
from scipy.stats import binom

from ._guarantee import fallback_rejections, fixed_grid, largest_rank, rank_bound
from ._multiclass import choose_weight, class_sweep, coordinate_weights, decide

_MARGIN = 1e-9
_CANDIDATES = 128


def _value_at(objective, scores, weights, c, weight):
    """The objective with class c at ``weight``."""
    trial = weights.copy()
    trial[c] = weight
    return objective.value(decide(scores, trial))


def _ratios(scores, c, zero_over_zero):
    """``s_c / max_{d != c} s_d`` per row, and the best other column."""
    others = scores.copy()
    others[:, c] = -np.inf
    first = np.argmax(others, axis=1)
    best = others[np.arange(scores.shape[0]), first]
    s = scores[:, c]
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(best > 0, s / np.where(best > 0, best, 1), np.inf)
    ratio[(s == 0) & (best == 0)] = zero_over_zero
    return ratio, best, first


def _rank_limit(metric, level, delta, scores, codes, c):
    """Recall: ``1 / r*`` (``w_c > W / r*``); specificity: ``1 / r^`` (``w_c
    < w_min / r^``); with the rank, the row count and whether certified."""
    recall = metric == "recall"
    ratio = _ratios(scores, c, 0.0 if recall else np.inf)[0]
    rows = ratio[codes == c] if recall else ratio[codes != c]
    n = rows.shape[0]
    k = int(largest_rank(n, level, delta))
    if k == 0:  # recall: no rule certified; specificity: predict none
        return (np.nan if recall else 0.0), k, n, not recall
    cut = np.partition(rows, k - 1 if recall else n - k)[k - 1 if recall else n - k]
    if recall and cut == 0:  # would need rows scoring 0 for class c
        return np.nan, k, n, False
    with np.errstate(divide="ignore"):
        return 1.0 / cut, k, n, True


def _limits(metric, rho, c):
    """The open interval of class ``j``'s weight that keeps the certificate,
    the other weights at ``weights``: recall ``w_c > rho * max others``,
    specificity ``w_c < rho * min others``."""
    up, down = 1 + _MARGIN, 1 - _MARGIN

    def limits(weights, j):
        others = np.delete(weights, c)
        if metric == "recall":
            if j == c:
                return rho * others.max() * up, np.inf
            return 0.0, weights[c] / (rho * up) if rho > 0 else np.inf
        if j == c:
            return 0.0, rho * others.min() * down
        return weights[c] / (rho * down) if rho < np.inf else 0.0, np.inf

    return limits


def grid_counts(scores, codes, c):
    """Class c's weights ``rho`` on the fixed grid (the others at 1), highest
    cut-off first, and at each the rows predicted c and the true positives,
    counted as ``predict`` decides: ``argmax(scores / thresholds)`` with the
    threshold ``1 / rho`` that :func:`as_thresholds` reports, ties to the
    first class."""
    share = fixed_grid(np.zeros(0))  # cut-offs on r / (1 + r), highest first
    weights = (1.0 - share) / share
    thresholds = 1.0 / weights
    ratio, best, first = _ratios(scores, c, 0.0)
    s = scores[:, c]
    tie_wins = c < first
    ratio[(s == 0) & (best == 0) & tie_wins] = np.inf

    def predicted(t):
        return (s / t > best) | ((s / t == best) & tie_wins)

    # a row is predicted at a prefix of the ascending thresholds (the rule is
    # monotone): its length from the ratio, then stepped to the exact count
    ascending = thresholds[::-1]
    size = thresholds.size
    count = np.searchsorted(ascending, ratio, side="left")
    for _ in range(4):
        down = (count > 0) & ~predicted(ascending[np.maximum(count - 1, 0)])
        up = (count < size) & predicted(ascending[np.minimum(count, size - 1)])
        count = count - down + up
    # predicted at the descending thresholds i >= size - count
    first_predicted = size - count

    def cumulative(at):
        return np.cumsum(np.bincount(at, minlength=size + 1)[:size])

    return (
        weights,
        cumulative(first_predicted),
        cumulative(first_predicted[codes == c]),
    )


def _precision_grid(level, delta, scores, codes, c):
    """Class c's grid weights and which are certified (Learn then Test)."""
    weights, n_pred, tp = grid_counts(scores, codes, c)
    if level <= 0:
        return weights, np.ones(weights.size, dtype=bool)
    p_values = np.where(n_pred > 0, binom.sf(tp - 1, n_pred, level), 1.0)
    return weights, fallback_rejections(p_values[None], delta)[0]


def certified_weights(objective, scores, constraint, delta, max_rounds=10):
    """Class weights certified to meet ``constraint = (metric, level, c)`` with
    probability at least ``1 - delta`` (see the module documentation), the
    objective maximised among them.

    Returns the weights, whether any decision is certified, and the certified
    lower bound of the metric (NaN if none is). Without a certified decision:
    recall predicts c wherever the weights can (its weight above every
    breakpoint), precision never predicts c.
    """
    metric, level, c = constraint
    n_classes = scores.shape[1]
    weights = np.ones(n_classes)
    if metric == "precision":
        grid, certified = _precision_grid(level, delta, scores, objective.codes, c)
        if not certified.any():
            weights[c] = 0.0
            return weights, False, np.nan
        chosen = grid[certified]
        if objective.kind == "callable":  # scored at most _CANDIDATES times
            chosen = np.unique(
                chosen[np.linspace(0, chosen.size - 1, _CANDIDATES).astype(int)]
            )
            values = [_value_at(objective, scores, weights, c, w) for w in chosen]
            values = np.nan_to_num(np.asarray(values, dtype=float), nan=-np.inf)
        else:
            points, values = class_sweep(objective, scores, weights, c)
            values = values[np.searchsorted(points.edges, chosen, side="left")]
        weights[c] = chosen[int(np.argmax(values))]
        return weights, True, level
    rho, k, n, met = _rank_limit(metric, level, delta, scores, objective.codes, c)
    if metric == "recall":
        weights[objective.true == 0] = 0.0  # never predicted: only helps recall
    if not met:
        points = class_sweep(objective, scores, weights, c)[0]
        top = points.edges[-1] if points.edges.size else 1.0
        weights[c] = 2.0 * top
        return weights, False, np.nan
    if metric == "specificity" and rho == 0:  # only "never c" is certified
        weights[c] = 0.0
        return weights, True, 1.0
    limits = _limits(metric, rho, c)
    points, values = class_sweep(objective, scores, weights, c)
    weights[c] = choose_weight(points.edges, values, weights[c], *limits(weights, c))
    weights = coordinate_weights(
        objective, scores, weights, max_rounds=max_rounds, limits=limits
    )[0]
    bound = 1.0 if weights[c] == 0 else float(rank_bound(k, n, delta))
    return weights, True, bound
