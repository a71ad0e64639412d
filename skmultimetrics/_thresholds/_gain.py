"""What tuning gains over the default cut-off, estimated without extra fits.

The out-of-fold scores already allow an honest estimate: for each fold, the
cut-offs are tuned on the other folds' out-of-fold scores and applied to this
fold's. The objective of these nested predictions, pooled over all samples, is
compared with that of the default decision (0.5 for probabilities, 0 for
decision functions). Objectives that split by label are compared label by
label; any other objective as a whole.
"""

import numpy as np

from .._counts._curves import _rate
from .._counts._sweep import metric_from_counts


def _label_values(objective, truth, predicted, weight):
    """Per label, the objective's metric of 0/1 predictions."""
    if objective.two_class:  # both classes of a binary target: one label
        half = np.full(1, 0.5)
        return np.array([objective.score(truth, predicted.astype(float), half, weight)])
    w = np.ones(truth.shape[0]) if weight is None else weight
    tp = w @ (truth & predicted)
    fp = w @ (~truth & predicted)
    positives, negatives = w @ truth, w @ ~truth
    name = objective.metric or "f1"
    if name == "fbeta":
        return metric_from_counts(
            name, tp, fp, positives, negatives, beta=objective.beta
        )
    return _rate(name, tp[None], fp[None], positives[None], negatives[None])[0]


def estimate_gain(objective, truth, scores, folds, weight, default, optimize):
    """The estimated gain of tuning, and which labels keep their tuned cut-off.

    Parameters
    ----------
    objective : Objective
    truth, scores : ndarray of shape (n_samples, n_labels)
        Checked out-of-fold truth (bool) and scores.
    folds : list of (train, test) index arrays
    weight : ndarray of shape (n_samples,) or None
    default : float
        The default cut-off.
    optimize : callable
        ``optimize(rows)``: the tuned cut-offs of those rows, shape (n_labels,).

    Returns
    -------
    gain : ndarray of shape (n_labels,) or float
        Per label for objectives that split by label, else for the whole.
    keep : ndarray of bool, shape (n_labels,)
        Where the tuned cut-off is kept (the estimated gain is positive).
    """
    nested = np.zeros(truth.shape, dtype=bool)
    everything = np.arange(truth.shape[0])
    for _, test in folds:
        others = np.setdiff1d(everything, test, assume_unique=True)
        nested[test] = scores[test] >= optimize(others)
    plain = scores >= default
    if objective.kind == "separable":
        gain = _label_values(objective, truth, nested, weight) - _label_values(
            objective, truth, plain, weight
        )
        return gain, gain > 0
    n_labels = truth.shape[1]
    half = np.full(n_labels, 0.5)
    tuned_value = objective.score(truth, nested.astype(np.float64), half, weight)
    plain_value = objective.score(truth, plain.astype(np.float64), half, weight)
    gain = float(tuned_value - plain_value)
    return gain, np.full(n_labels, gain > 0)
