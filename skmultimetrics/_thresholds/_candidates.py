"""Candidate cut-offs of ThresholdOptimizer (``thresholds=``): scores snapped to
the candidates, so that the exact search sees only their cut-offs."""

import numbers

import numpy as np

from .._counts._sweep import weighted_rows


def candidate_cut_offs(thresholds, scores, strategy, weight=None):
    """Per label, the sorted candidate cut-offs (None: every score).

    ``thresholds`` is ThresholdOptimizer's parameter, checked: None, an int
    (that many quantiles of each label's scores, or of the pooled scores with
    ``strategy="global"``) or an array of cut-offs for every label. Quantiles
    are of the rows with a non-zero ``weight``.
    """
    if thresholds is None:
        return None
    n_labels = scores.shape[1]
    scores = weighted_rows(scores, weight)
    if isinstance(thresholds, numbers.Integral):
        levels = np.linspace(0, 1, thresholds)
        if strategy == "global":
            return [np.unique(np.quantile(scores, levels))] * n_labels
        return [np.unique(np.quantile(scores[:, j], levels)) for j in range(n_labels)]
    return [np.unique(np.asarray(thresholds, dtype=np.float64))] * n_labels


def snap(scores, candidates):
    """Each score down to the largest candidate at most it (below all: a value
    under the lowest), so that any search sees only the candidates' cut-offs."""
    snapped = np.empty_like(scores, dtype=np.float64)
    for j, cut_offs in enumerate(candidates):
        below = cut_offs[0] - 1.0
        index = np.searchsorted(cut_offs, scores[:, j], side="right") - 1
        snapped[:, j] = np.where(index >= 0, cut_offs[np.maximum(index, 0)], below)
    return snapped


def unsnap(thresholds, candidates):
    """A threshold found on snapped scores as the candidate it stands for.

    "Predict every sample" (``-inf``) is no candidate: it becomes the lowest
    candidate, so a tuned cut-off is always one of the candidates (or ``inf``,
    never predict, for a label without positives).
    """
    out = thresholds.copy()
    for j, cut_offs in enumerate(candidates):
        if np.isfinite(thresholds[j]):
            index = np.searchsorted(cut_offs, thresholds[j], side="left")
            out[j] = cut_offs[index] if index < cut_offs.size else np.inf
        elif thresholds[j] == -np.inf:
            out[j] = cut_offs[0]
    return out
