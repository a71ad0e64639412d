"""ROC AUC of one label or averaged over labels: weighted re-evaluation for the
bootstrap, DeLong's structural components for the variance.

The area of a label is ``sum over positive i, negative j of w_i w_j (1 if
s_i > s_j, 1/2 if tied) / (W+ W-)``: with the scores sorted once, a resample's
area is a weighted cumulative sum over the tie groups, for a whole block of
resamples at once (``O(n)`` per label and resample, no sort).

DeLong et al. (1988): with ``V10_i`` the share of negatives below positive
``i`` (ties count 1/2) and ``V01_j`` the share of positives above negative
``j``, ``var(AUC) = var(V10) / m + var(V01) / k`` (m positives, k negatives,
variances with ddof=1), pROC's ``var(roc, method="delong")``. A sample's
influence is its component minus the area, scaled so that the sum of squares
is that variance; for an average over labels the influences of a sample are
averaged first (its labels are correlated), and with ``groups`` they are
summed over the group.
"""

import numpy as np

from ._weights import jackknife_weights

_JACKKNIFE_BLOCKS = 200
_AREA_CELLS = 1 << 23


class _Label:
    """One label's scores sorted once, cut into tie groups."""

    def __init__(self, truth, scores):
        # the order inside a tie group does not matter: groups are summed
        self.order = np.argsort(scores)
        ordered = scores[self.order]
        self.starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
        self.positive = truth[self.order].astype(np.float32)

    def delong(self):
        """``(area, influence)``: ``influence`` of shape (n,) with
        ``sum(influence**2)`` pROC's DeLong variance (needs 2+ of each class),
        from the scores sorted once, in O(n)."""
        n = self.positive.shape[0]
        sizes = np.diff(np.r_[self.starts, n])
        pos = np.add.reduceat(self.positive, self.starts, dtype=np.float64)
        neg = sizes - pos
        m, k = pos.sum(), neg.sum()
        # per tie group: the share of negatives below (ties 1/2), of positives above
        v10 = (np.cumsum(neg) - 0.5 * neg) / k
        v01 = (m - np.cumsum(pos) + 0.5 * pos) / m
        area = float(pos @ v10 / m)
        scale_pos, scale_neg = np.sqrt(m * (m - 1.0)), np.sqrt(k * (k - 1.0))
        with np.errstate(divide="ignore", invalid="ignore"):  # 1 of a class: NaN
            ordered = np.where(
                self.positive.astype(bool),
                np.repeat((v10 - area) / scale_pos, sizes),
                np.repeat((v01 - area) / scale_neg, sizes),
            )
        influence = np.empty(n)
        influence[self.order] = ordered
        return area, influence

    def areas(self, weights):
        """The area of each row of sample ``weights`` (b, n); NaN without both
        classes. Also the weight of positives of each row."""
        w = weights[:, self.order]
        pos = w * self.positive
        neg = w - pos
        pos = np.add.reduceat(pos, self.starts, axis=1, dtype=np.float64)
        neg = np.add.reduceat(neg, self.starts, axis=1, dtype=np.float64)
        below = np.cumsum(neg, axis=1) - neg
        num = (pos * (below + 0.5 * neg)).sum(axis=1)
        n_pos, n_neg = pos.sum(axis=1), neg.sum(axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            area = num / (n_pos * n_neg)
        area[(n_pos == 0) | (n_neg == 0)] = np.nan
        return area, n_pos


class AUCFamily:
    """ROC AUC of binary targets, or the macro / weighted average over labels.

    ``truth`` bool (n, L), ``scores`` (n, L); ``sample_weight`` or None.
    """

    bounds = (0.0, 1.0)
    delta = True

    def __init__(self, name, truth, scores, sample_weight, units, *, average):
        self.name = name
        self.units = units
        self.n_units = units.n_units
        self.average = average
        self.sample_weight = sample_weight
        self.truth = truth
        self.scores = scores
        self.labels = [_Label(truth[:, j], scores[:, j]) for j in range(truth.shape[1])]
        self.undefined = np.zeros(truth.shape[1])
        self.n_seen = 0
        w = np.ones((1, truth.shape[0]), dtype=np.float32)
        if sample_weight is not None:
            w = sample_weight[np.newaxis, :]
        self.estimate = float(self._areas(w, track=False)[0])

    def _areas(self, weights, track=True):
        areas, support = zip(*(label.areas(weights) for label in self.labels))
        areas, support = np.column_stack(areas), np.column_stack(support)
        keep = ~np.isnan(areas)
        if track:
            self.undefined += (~keep).sum(axis=0)
            self.n_seen += areas.shape[0]
        if self.average == "weighted":
            support = np.where(keep, support, 0.0)
        else:
            support = keep.astype(np.float64)
        total = support.sum(axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            return (np.where(keep, areas, 0.0) * support).sum(axis=1) / total

    def resampled(self, weights):
        # sub-blocks of about 2**23 cells: each label holds a few (rows, n)
        # temporaries at once
        step = max(1, _AREA_CELLS // max(weights.shape[1], 1))
        out = []
        for start in range(0, weights.shape[0], step):
            w = self.units.expand(weights[start : start + step])
            if self.sample_weight is not None:
                w = w * self.sample_weight
            out.append(self._areas(w))
        return np.concatenate(out)

    def jackknife(self, order):
        weights = jackknife_weights(self.n_units, _JACKKNIFE_BLOCKS, order)
        w = self.units.expand(weights)
        if self.sample_weight is not None:
            w = w * self.sample_weight
        return np.concatenate(
            [self._areas(w[i : i + 16], track=False) for i in range(0, len(w), 16)]
        )

    def influence(self):
        """Per-unit DeLong influence of the (averaged) area."""
        n_labels = self.truth.shape[1]
        if self.average == "weighted":
            support = self.truth.sum(axis=0).astype(np.float64)
            coef = support / support.sum()
        else:
            coef = np.full(n_labels, 1.0 / n_labels)
        z = np.zeros(self.truth.shape[0])
        for j, label in enumerate(self.labels):
            _, influence = label.delong()
            z += coef[j] * influence
        return self.units.aggregate(z)

    def swapped(self, other, flips):
        raise NotImplementedError

    def few(self):
        """The labels with fewer than 2 samples of one class: DeLong's variance
        is undefined there."""
        positives = self.truth.sum(axis=0)
        negatives = self.truth.shape[0] - positives
        return np.flatnonzero(np.minimum(positives, negatives) < 2)

    def notes(self):
        notes = []
        few = self.few()
        if few.size:
            notes.append(
                f"{self.name}: label(s) {few[:10].tolist()} have fewer than 2 "
                "samples of one class: their area is 0, 1/2 or 1 in most "
                "resamples and the interval is unreliable."
            )
        if self.n_seen:
            share = self.undefined / self.n_seen
            bad = np.flatnonzero(share > 0.05)
            if bad.size:
                notes.append(
                    f"{self.name}: label(s) {bad[:10].tolist()} lack positives or "
                    f"negatives in up to {share.max():.1%} of the resamples; they "
                    "are left out of those resamples' average."
                )
        return notes
