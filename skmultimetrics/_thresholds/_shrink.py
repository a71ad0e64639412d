"""Per-label cut-offs pulled toward one shared cut-off (ThresholdOptimizer's
``shrink="shared"``), by empirical Bayes.

A label's tuned cut-off is an estimate, and a noisy one where the label has
few positives: it moves from fold to fold. The shared cut-off (the best single
cut-off for all labels) is estimated from every label's scores at once and
barely moves. James and Stein's estimator weighs the two per label::

    z_j = w_j * own_j + (1 - w_j) * shared,    w_j = tau^2 / (tau^2 + s_j^2)

``s_j^2`` is the sampling variance of label ``j``'s cut-off, estimated from its
per-fold optima (their variance over the number of usable folds; infinite
with fewer than two); ``tau^2`` is how much the labels' true cut-offs differ
from the shared one: the variance of ``own - shared`` over the labels with a
finite ``s_j^2``, less their mean sampling variance (at least 0). A label
whose cut-off is stable keeps it (``w`` near 1); one whose cut-off is mostly
noise takes the shared one (``w`` near 0). No constant is tuned.
Probabilities are shrunk on the logit scale, other scores (and scores snapped
to ``thresholds=`` candidates) as they are.

Micro averages are where this pays: their optimum of calibrated probabilities
is one cut-off for every label (half the best micro F1), so per-label cut-offs
only correct miscalibration, and the shared cut-off is the natural prior.
"""

import numpy as np


def _to_line(values, probabilities):
    """Cut-offs on the scale they are shrunk on: the logit for probabilities
    (at most 0 and at least 1 become -inf and inf), the scores' own
    otherwise."""
    values = np.asarray(values, dtype=np.float64)
    if not probabilities:
        return values
    with np.errstate(divide="ignore", invalid="ignore"):
        line = np.log(values) - np.log1p(-values)
    # cut-offs at or beyond 0 and 1 (inf: never predict) are infinite; NaN stays
    return np.where(values >= 1, np.inf, np.where(values <= 0, -np.inf, line))


def shrink_to_shared(cut_offs, fold_cut_offs, shared, shrinkable, probabilities):
    """Each label's cut-off moved toward ``shared`` by its empirical-Bayes weight.

    Parameters
    ----------
    cut_offs : ndarray of shape (n_labels,)
        The cut-offs tuned on all out-of-fold scores.
    fold_cut_offs : ndarray of shape (n_folds, n_labels)
        Each fold's own optimum, NaN (or not finite) where it is left out: the
        fold holds no positive of the label, or its optimum is no cut-off
        (predict none or all), which says only that the label's cut-off lies
        beyond the fold's scores. (Reading such a fold as "unstable", so that
        the label takes the shared cut-off, lowered yeast's micro-F1 by 0.0025
        with logistic regression: a label never predicted in one fold wants a
        high cut-off, not the shared one.)
    shared : float or ndarray of shape (n_labels,)
        The best cut-off shared by all labels (or a target per label).
    shrinkable : ndarray of bool, shape (n_labels,)
        Labels that may move (not the fallbacks). Labels whose cut-off is not
        finite on the shrinking scale never move.
    probabilities : bool
        Whether the scores are probabilities (shrunk on the logit scale).

    Returns
    -------
    cut_offs : ndarray of shape (n_labels,)
        A new array; labels that do not move keep their cut-off exactly.
    weights : ndarray of shape (n_labels,)
        ``w_j``: 1 keeps the label's own cut-off, 0 takes the shared one; NaN
        for labels that were not shrinkable. All NaN when fewer than three
        labels are shrinkable (James-Stein needs three) or ``shared`` is not
        finite for every label. ``tau^2`` is estimated from the labels whose
        ``s_j^2`` is finite, and is 0 with fewer than two of them.
    """
    cut_offs = np.asarray(cut_offs, dtype=np.float64)
    out = cut_offs.copy()
    weights = np.full(cut_offs.shape, np.nan)
    line = _to_line(cut_offs, probabilities)
    center = np.broadcast_to(_to_line(shared, probabilities), line.shape)
    shrinkable = np.asarray(shrinkable, dtype=bool) & np.isfinite(line)
    if shrinkable.sum() < 3 or not np.isfinite(center).all():
        return out, weights
    own, center = line[shrinkable], center[shrinkable]
    folds = _to_line(fold_cut_offs[:, shrinkable], probabilities)
    folds = np.where(np.isfinite(folds), folds, np.nan)
    counts = np.isfinite(folds).sum(axis=0)
    noise = np.full(own.shape, np.inf)
    known = counts >= 2
    if known.any():
        noise[known] = np.nanvar(folds[:, known], axis=0, ddof=1) / counts[known]
    signal = 0.0
    if known.sum() >= 2:
        spread = float(np.var(own[known] - center[known], ddof=1))
        signal = max(0.0, spread - float(noise[known].mean()))
    with np.errstate(invalid="ignore", divide="ignore"):
        w = np.where(noise == 0, 1.0, signal / (signal + noise))
    moved = w * own + (1.0 - w) * center
    if probabilities:
        moved = 1.0 / (1.0 + np.exp(-moved))
    out[shrinkable] = np.where(w == 1.0, cut_offs[shrinkable], moved)
    weights[shrinkable] = w
    return out, weights
