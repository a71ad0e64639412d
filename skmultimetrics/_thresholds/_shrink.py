"""Per-label cut-offs pulled toward one shared cut-off (ThresholdOptimizer's
``shrink="shared"``), by empirical Bayes.

A label's tuned cut-off is an estimate, and a noisy one where the label has
few positives: it moves from fold to fold. The shared cut-off (the best single
cut-off for all labels) is estimated from every label's scores at once and
barely moves. James and Stein's estimator weighs the two per label::

    z_j = w_j * own_j + (1 - w_j) * shared,    w_j = tau^2 / (tau^2 + s_j^2)

``s_j^2`` is the sampling variance of label ``j``'s cut-off, estimated from its
per-fold optima (their variance over the number of usable folds); ``tau^2``
is how much the labels' true cut-offs differ from the shared one: the
variance of ``own - shared`` over the labels, less the mean sampling variance
(at least 0). A label whose cut-off is stable keeps it (``w`` near 1); one whose
cut-off is mostly noise takes the shared one (``w`` near 0). No constant is
tuned. Probabilities are shrunk on the logit scale, other scores as they are.

Micro averages are where this pays: their optimum of calibrated probabilities
is one cut-off for every label (half the best micro F1), so per-label cut-offs
only correct miscalibration, and the shared cut-off is the natural prior.
"""

import numpy as np

_EPS = 1e-6


def _to_line(values, probabilities):
    """Cut-offs on the scale they are shrunk on (logit for probabilities)."""
    values = np.asarray(values, dtype=np.float64)
    if not probabilities:
        return values
    p = np.clip(values, _EPS, 1.0 - _EPS)
    return np.log(p) - np.log1p(-p)


def _from_line(values, probabilities):
    if not probabilities:
        return values
    return 1.0 / (1.0 + np.exp(-values))


def shrink_to_shared(cut_offs, fold_cut_offs, shared, shrinkable, probabilities):
    """Each label's cut-off moved toward ``shared`` by its empirical-Bayes weight.

    Parameters
    ----------
    cut_offs : ndarray of shape (n_labels,)
        The cut-offs tuned on all out-of-fold scores.
    fold_cut_offs : ndarray of shape (n_folds, n_labels)
        Each fold's own optimum, NaN where it is unusable (no positive in the
        fold, or no finite cut-off).
    shared : float
        The best cut-off shared by all labels.
    shrinkable : ndarray of bool, shape (n_labels,)
        Labels that may move (not the fallbacks).
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
        finite.
    """
    cut_offs = np.asarray(cut_offs, dtype=np.float64)
    out = cut_offs.copy()
    weights = np.full(cut_offs.shape, np.nan)
    shrinkable = np.asarray(shrinkable, dtype=bool) & np.isfinite(cut_offs)
    if shrinkable.sum() < 3 or not np.isfinite(shared):
        return out, weights
    own = _to_line(cut_offs[shrinkable], probabilities)
    center = float(_to_line(shared, probabilities))
    folds = _to_line(fold_cut_offs[:, shrinkable], probabilities)
    counts = np.isfinite(folds).sum(axis=0)
    noise = np.full(own.shape, np.inf)
    several = counts >= 2
    if several.any():
        noise[several] = np.nanvar(folds[:, several], axis=0, ddof=1) / counts[several]
    known = np.isfinite(noise)
    mean_noise = noise[known].mean() if known.any() else 0.0
    signal = max(0.0, float(np.var(own - center, ddof=1)) - mean_noise)
    with np.errstate(invalid="ignore", divide="ignore"):
        w = np.where(noise == 0, 1.0, signal / (signal + noise))
    moved = _from_line(w * own + (1.0 - w) * center, probabilities)
    out[shrinkable] = np.where(w == 1.0, cut_offs[shrinkable], moved)
    weights[shrinkable] = w
    return out, weights
