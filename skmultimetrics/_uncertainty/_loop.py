"""Metrics without sums: the metric function re-evaluated per resample.

Average precision, the operating points, multiclass and micro / samples ROC
AUC sort every score, so a resample is a call of the metric function with the
resample's weights as ``sample_weight``: ``n_resamples`` calls (about the cost
of ``n_resamples`` point estimates), and a delete-a-block jackknife of at most
50 blocks for BCa's acceleration (50 more calls): leave-one-out up to 50 units,
else blocks of a random permutation of the units (contiguous blocks of rows
would make the acceleration depend on the order of the rows).
"""

import warnings

import numpy as np

from ._weights import jackknife_weights

_JACKKNIFE_BLOCKS = 50


class LoopFamily:
    """``func(y_true, y_score, sample_weight=w)`` per resample."""

    bounds = (0.0, 1.0)
    delta = False

    def __init__(self, name, func, y_true, y_score, sample_weight, units):
        self.name = name
        self.func = func
        self.y_true, self.y_score = y_true, y_score
        self.sample_weight = sample_weight
        self.units = units
        self.n_units = units.n_units
        self.failed = 0
        self.n_seen = 0
        self.estimate = float(func(y_true, y_score, sample_weight=sample_weight))

    def _call(self, w):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                return float(self.func(self.y_true, self.y_score, sample_weight=w))
            except ValueError:  # e.g. a class absent from the resample
                self.failed += 1
                return np.nan

    def _values(self, weights):
        w = self.units.expand(weights).astype(np.float64)
        if self.sample_weight is not None:
            w = w * self.sample_weight
        return np.array([self._call(row) for row in w])

    def resampled(self, weights):
        self.n_seen += weights.shape[0]
        return self._values(weights)

    def jackknife(self, order):
        return self._values(jackknife_weights(self.n_units, _JACKKNIFE_BLOCKS, order))

    def influence(self):
        raise NotImplementedError

    def swapped(self, other, flips):
        raise NotImplementedError

    def notes(self):
        if self.failed:
            return [
                f"{self.name}: undefined in {self.failed} of the resamples (a class "
                "absent from the resample); those resamples are left out."
            ]
        return []
