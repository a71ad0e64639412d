"""Cut-offs with a guarantee: per label, the cut-offs whose population metric
reaches the level with probability at least ``1 - delta`` (finite-sample,
exact, no normal approximation).

The rows are assumed i.i.d. and exchangeable with new data; the scores must
come from a model fitted on other rows (a calibration set, ``cv="prefit"``).

Recall and sensitivity: order statistics. Let ``s_(1) <= ... <= s_(n)`` be the
scores of the ``n`` positives, ``F`` their population distribution, and predict
``score >= t``. The population recall at ``s_(k)`` misses ``F(s_(k)-)`` of the
positives. Writing the scores as ``F^-1(U_i)`` with ``U_i`` uniform,
``F(s_(k)-) <= U_(k)`` (equality for continuous ``F``; ties only lower it), so

    P(recall(s_(k)) < level) <= P(U_(k) > 1 - level) = P(Binom(n, 1 - level) < k).

The largest ``k*`` with ``P(Binom(n, 1 - level) >= k*) >= 1 - delta`` (``k* =
0``: predict every row, recall 1) certifies every cut-off at most ``s_(k*)``
through the one event ``recall(s_(k*)) >= level``: the objective may choose
among them freely. ``k*`` depends on ``n`` only, so the bound
``1 - CP_upper(k* - 1 misses of n)``, the one-sided Clopper-Pearson bound at
``1 - delta`` (``>= level``), holds at the chosen cut-off. Specificity: the same
argument on the negatives' scores, from the top (cut-offs above the ``m*``-th
highest negative score; ``m* = 0``: predict none).

Precision: Learn then Test. For a cut-off ``t`` fixed before the labels are
seen, given the number ``n_t`` of rows with ``score >= t``, the true positives
are ``Binom(n_t, precision(t))``, so ``P(Binom(n_t, level) >= tp)`` is a valid p-value
of "``precision(t) < level``". The candidates are a grid fixed in advance:
``_GRID`` cut-offs in (0, 1) when every score lies in [0, 1] (probabilities),
else their logits; every distinct score would depend on the data and not be
exact. The hypotheses are tested from the highest cut-off down by a
fallback (graphical) procedure with weighted Bonferroni weights ``1 /
_WEIGHTED`` on every ``_GRID / _WEIGHTED``-th cut-off and 0 between: a
rejected hypothesis passes its whole level on to the next one, a retained one
keeps it. The family-wise error is at most ``delta`` under any dependence
(Bretz et al. 2009), and every weighted cut-off is tested at ``delta /
_WEIGHTED`` at least, so it certifies at least what Bonferroni over those
``_WEIGHTED`` cut-offs certifies, while the fine cut-offs between use the
level that the rejections above them pass on. Every rejected cut-off is
certified at once (family-wise), so the objective may choose among them.

``simultaneous=True``: ``delta / n_labels`` per label (Bonferroni), all labels at
once with probability at least ``1 - delta``.
"""

import numbers
import warnings

import numpy as np
from scipy.stats import beta, binom

from .._checks._onehot import caller_stacklevel
from .._checks._params import param_error

EXACT_METRICS = ("recall", "sensitivity", "specificity", "precision")
_GRID = 1000
_WEIGHTED = 100


def check_guarantee(confidence_level, simultaneous, constraint, weight, func, n_labels):
    """Each label's ``delta``: ``1 - confidence_level`` for a checked
    ``constraint``, over ``n_labels`` when ``simultaneous`` (None: no
    guarantee); refuses a bad level or flag, a missing or inexact constraint
    and sample weights."""
    if not isinstance(simultaneous, (bool, np.bool_)):
        raise param_error(func, "simultaneous", "a bool", simultaneous)
    if confidence_level is None:
        return None
    if (
        not isinstance(confidence_level, numbers.Real)
        or isinstance(confidence_level, (bool, np.bool_))
        or not 0 < confidence_level < 1
    ):
        must = "None or a float in (0, 1) such as 0.95"
        raise param_error(func, "confidence_level", must, confidence_level)
    if constraint is None:
        raise ValueError(
            f"The 'confidence_level' parameter of {func} needs a 'constraint' "
            "(metric, level) to certify; got constraint=None."
        )
    if constraint[0] not in EXACT_METRICS:
        raise ValueError(
            f"The 'constraint' parameter of {func} with a confidence_level must "
            f"name a metric with an exact finite-sample bound, one of "
            f"{EXACT_METRICS}; got {constraint[0]!r}."
        )
    if weight is not None:
        raise ValueError(
            f"The 'sample_weight' parameter of {func} cannot be used with a "
            "confidence_level: the exact bounds count rows (binomial counts), "
            "and weighted counts have no exact law; got sample weights."
        )
    return (1.0 - float(confidence_level)) / (n_labels if simultaneous else 1)


def largest_rank(n, level, delta):
    """Per label, the largest ``k`` in 0..n with ``P(Binom(n, 1 - level) >= k)
    >= 1 - delta``, that is ``P(Binom(n, 1 - level) <= k - 1) <= delta``."""
    n = np.asarray(n, dtype=np.int64)
    q = 1.0 - level
    if q >= 1.0:
        return n.copy()
    k = np.minimum(binom.ppf(delta, n, q), n).astype(np.int64)
    # ppf: the smallest x with cdf(x) >= delta; k = x + 1 only when equal
    k = np.where((k < n) & (binom.cdf(k, n, q) <= delta), k + 1, k)
    # guard the float round-off of the tail: step down until it holds
    for _ in range(3):
        bad = (k > 0) & (binom.cdf(k - 1, n, q) > delta)
        k = np.where(bad, k - 1, k)
    return k


def rank_bound(k, n, delta):
    """``1 - CP_upper``: the population rate's lower bound at the cut-off of
    the ``k``-th lowest of ``n`` order statistics (1 for ``k = 0``)."""
    k, n = np.asarray(k), np.asarray(n)
    upper = beta.ppf(1.0 - delta, np.maximum(k, 1), np.maximum(n - k + 1, 1))
    return np.where(k == 0, 1.0, 1.0 - upper)


def _order_statistics(metric, level, delta, sweep):
    """Certified sweep columns and the bound, recall or specificity."""
    rows = sweep.positives if metric in ("recall", "sensitivity") else sweep.negatives
    n = np.rint(rows[:, 0]).astype(np.int64)
    k = largest_rank(n, level, delta)
    columns = np.arange(sweep.tp.shape[1])
    if metric in ("recall", "sensitivity"):
        # the k-th lowest positive is predicted when tp >= n - k + 1
        allowed = sweep.tp >= (n - k + 1)[:, None]
        allowed[k == 0] = columns == columns[-1]
    else:
        # the k-th highest negative is left out when fp <= k - 1
        allowed = sweep.fp <= (k - 1)[:, None]
        allowed[k == 0] = columns == 0
    certified = allowed & sweep.valid
    return sweep.thresholds, None, certified, k, n  # columns: the sweep's own


def fallback_rejections(p_values, delta):
    """The fallback procedure over the columns of ``p_values`` (labels x
    hypotheses, in testing order), weights ``1 / _WEIGHTED`` on every
    ``_GRID / _WEIGHTED``-th hypothesis: which are rejected."""
    n_labels, size = p_values.shape
    step = size // _WEIGHTED
    weight = np.zeros(size)
    weight[step - 1 :: step] = delta / _WEIGHTED
    rejected = np.zeros(p_values.shape, dtype=bool)
    carried = np.zeros(n_labels)
    for j in range(size):
        alpha = carried + weight[j]
        rejected[:, j] = (alpha > 0) & (p_values[:, j] <= alpha)
        carried = np.where(rejected[:, j], alpha, 0.0)
    return rejected


def fixed_grid(scores):
    """The Learn-then-Test cut-offs, highest first: fixed before the labels."""
    grid = np.linspace(1.0, 0.0, _GRID + 2)[1:-1]
    if scores.size and (scores.min() < 0 or scores.max() > 1):
        grid = np.log(grid) - np.log1p(-grid)
    return grid


def _predicted_counts(scores, grid):
    """Per label, how many rows score at least each grid cut-off (one binary
    search per score over the ascending grid, then cumulative counts)."""
    ascending = grid[::-1]
    size = grid.size + 1
    counts = np.empty((scores.shape[1], grid.size), dtype=np.int64)
    for j in range(scores.shape[1]):
        above = np.searchsorted(ascending, scores[:, j].astype(np.float64), "right")
        # rows with ``above > i`` score at least ascending[i], and grid[k]
        # is ascending[-1 - k]: the reversed cumulative counts
        counts[j] = np.cumsum(np.bincount(above, minlength=size)[::-1])[:-1]
    return counts


def _learn_then_test(level, delta, sweep, scores):
    """Certified grid cut-offs of precision, and their sweep columns."""
    grid = fixed_grid(scores)
    columns = _predicted_counts(scores, grid)
    tp = np.take_along_axis(sweep.tp, columns, axis=1)
    if level <= 0:
        certified = np.ones(columns.shape, dtype=bool)
    else:
        p_values = np.where(columns > 0, binom.sf(tp - 1, columns, level), 1.0)
        certified = fallback_rejections(p_values, delta)
    cuts = np.broadcast_to(grid, columns.shape)
    return cuts, columns, certified


def guaranteed_choice(metric, level, delta, sweep, scores, gained):
    """Per label, the certified cut-off of the highest objective (``gained``,
    per sweep column; the highest cut-off among equal values), whether one is
    certified, and the certified lower bound of the metric there.

    A label without a certified cut-off (precision only) predicts none:
    cut-off ``inf``, bound NaN.
    """
    labels = np.arange(sweep.tp.shape[0])
    if metric == "precision":
        cuts, columns, certified = _learn_then_test(level, delta, sweep, scores)
    else:
        cuts, columns, certified, k, n = _order_statistics(metric, level, delta, sweep)
    if columns is not None:  # Learn then Test: the sweep columns of its grid
        gained = np.take_along_axis(gained, columns, axis=1)
    values = np.where(certified, gained, -np.inf)
    best = np.argmax(values, axis=1)
    met = certified[labels, best]
    thresholds = np.where(met, cuts[labels, best], np.inf)
    if metric == "precision":
        bound = np.where(met, level, np.nan)
    else:
        predict_all = thresholds == (-np.inf if metric != "specificity" else np.inf)
        bound = np.where(predict_all, 1.0, rank_bound(k, n, delta))
    return thresholds, met, bound


def warn_uncertified(
    func, met, names, action="labels, which therefore predict none (cut-off inf)"
):
    """One UserWarning naming the labels (classes) with no certified cut-off."""
    if met.all():
        return
    listed = ", ".join(repr(names[j]) for j in np.flatnonzero(~met))
    warnings.warn(
        f"{func}: no cut-off is certified to meet the constraint for these "
        f"{action}: {listed}. More "
        "rows, a lower level or a lower confidence_level may certify one.",
        UserWarning,
        stacklevel=caller_stacklevel(),
    )
