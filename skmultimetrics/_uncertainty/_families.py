"""Metrics as formulas of :class:`~._sums.Stats` sums, vectorised over resamples.

Every family offers what the interval methods need: ``estimate`` (the metric on
the test set), ``resampled(weights)`` (the metric of each bootstrap resample),
``jackknife()`` (leave-one-unit-out values), ``influence()`` (the delta method's
per-unit influence: the variance is ``sum((z - z.mean())**2)``), ``swapped``
(the paired permutation) and ``notes()`` (causes of unreliable intervals).
"""

import numpy as np

# A label undefined (0/0) in more than this share of resamples is reported.
_UNDEFINED_SHARE = 0.05
# Labels with fewer true positives than this in the data are reported.
_FEW_POSITIVES = 5


def _mean_or_nan(values, keep):
    """Mean of ``values`` over ``keep`` (the last axis); NaN where nothing is kept."""
    count = keep.sum(axis=-1)
    total = np.where(keep, values, 0.0).sum(axis=-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(count > 0, total / np.maximum(count, 1), np.nan)


class SumsFamily:
    """A metric that is a formula of the sums of a :class:`Stats`."""

    bounds = (0.0, 1.0)
    delta = True

    def __init__(self, name, stats):
        self.name = name
        self.stats = stats
        self.n_units = stats.n_units
        self.undefined = None
        self.n_seen = 0
        self.estimate = float(self.value(self._totals(), track=False)[0])

    def _totals(self):
        return {key: total[np.newaxis, :] for key, total in self.stats.totals.items()}

    def value(self, sums, track=True):
        raise NotImplementedError

    def gradient(self):
        raise NotImplementedError

    def resampled(self, weights):
        return self.value(self.stats.sums(weights))

    def jackknife(self, order=None):
        """Leave-one-unit-out values (exact, whatever ``order``)."""
        return np.concatenate(
            [self.value(s, track=False) for s in self.stats.leave_out_chunks()]
        )

    def influence(self):
        return self.stats.project(self.gradient())

    def swapped(self, other, flips):
        mine, theirs = self.stats.swapped(other.stats, flips)
        return self.value(mine, track=False), other.value(theirs, track=False)

    def _track(self, undefined, track):
        if not track:
            return
        counts = undefined.sum(axis=0)
        self.undefined = counts if self.undefined is None else self.undefined + counts
        self.n_seen += undefined.shape[0]

    def notes(self):
        return []


class MeanFamily(SumsFamily):
    """``offset + scale * sum(num) / sum(den)``: a mean of per-sample values
    (accuracies, top-k hits, @k values, samples averages); ``stats`` has one
    column "mean" of two rows, ``num`` and ``den``."""

    def __init__(self, name, stats, *, offset=0.0, scale=1.0, proportion=False):
        self.offset, self.scale = offset, scale
        self.proportion = proportion  # a share of independent 0/1 samples
        low, high = sorted((offset, offset + scale))
        self.bounds = (low, high)
        super().__init__(name, stats)

    def value(self, sums, track=True):
        num, den = sums["mean"][:, 0], sums["mean"][:, 1]
        undefined = den == 0
        self._track(undefined[:, np.newaxis], track)
        with np.errstate(invalid="ignore", divide="ignore"):
            ratio = num / den
        return self.offset + self.scale * ratio

    def gradient(self):
        num, den = self.stats.totals["mean"]
        if den == 0:
            return {"mean": np.zeros(2)}
        ratio = num / den
        return {"mean": np.array([self.scale / den, -self.scale * ratio / den])}

    def notes(self):
        if self.undefined is not None and self.undefined[0]:
            share = self.undefined[0] / max(self.n_seen, 1)
            return [
                f"{self.name}: no sample with a defined value in {share:.1%} of the "
                "resamples; those resamples are left out."
            ]
        return []


class SetFamily(SumsFamily):
    """Precision, recall, F-beta or Jaccard of per-label counts, with an average.

    ``stats`` columns: "tp", the denominator ``den`` (a column name: "pred",
    "true", "pred+true", "jaccard"), and "true" for the weighted average. Each
    label's ratio is ``factor * tp / den``.
    """

    def __init__(
        self,
        name,
        stats,
        *,
        den,
        factor,
        average,
        pos=None,
        zero_division,
        labels,
        true_count=None,
    ):
        self.den, self.factor, self.average = den, factor, average
        self.pos = pos
        self.zero_division = zero_division
        self.labels = labels  # display names of the labels
        self.true_count = true_count  # unweighted positives per label
        super().__init__(name, stats)

    def _ratios(self, sums):
        tp, den = sums["tp"], sums[self.den]
        if self.average == "binary" and self.pos is None:  # class 1 is absent
            tp = den = np.zeros((tp.shape[0], 1))
        elif self.average == "binary":
            tp, den = tp[:, self.pos : self.pos + 1], den[:, self.pos : self.pos + 1]
        elif self.average == "micro":
            tp, den = tp.sum(axis=1, keepdims=True), den.sum(axis=1, keepdims=True)
        undefined = den == 0
        with np.errstate(invalid="ignore", divide="ignore"):
            ratio = self.factor * tp / den
        ratio[undefined] = self.zero_division
        return ratio, undefined, den

    def value(self, sums, track=True):
        ratio, undefined, _ = self._ratios(sums)
        self._track(undefined, track)
        if self.average in ("binary", "micro"):
            return ratio[:, 0]
        keep = ~np.isnan(ratio)
        if self.average == "macro":
            return _mean_or_nan(ratio, keep)
        weight = np.where(keep, sums["true"], 0.0)
        total = weight.sum(axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            weighted = (weight * np.where(keep, ratio, 0.0)).sum(axis=1) / total
        return np.where(total > 0, weighted, _mean_or_nan(ratio, keep))

    def gradient(self):
        totals = self._totals()
        ratio, undefined, den = self._ratios(totals)
        ratio, undefined, den = ratio[0], undefined[0], den[0]
        keep = ~np.isnan(ratio)
        n_labels = totals["tp"].shape[1]
        safe_den = np.where(undefined, 1.0, den)
        d_tp = np.where(undefined, 0.0, self.factor / safe_den)
        d_den = np.where(undefined, 0.0, -ratio / safe_den)
        d_true = np.zeros(n_labels)
        if self.average in ("binary", "micro"):
            c = np.ones(1)
        elif self.average == "macro":
            c = keep / max(keep.sum(), 1)
        else:
            true = np.where(keep, totals["true"][0], 0.0)
            total = true.sum()
            if total > 0:
                c = true / total
                d_true = np.where(keep, (ratio - self.estimate) / total, 0.0)
            else:
                c = keep / max(keep.sum(), 1)
        if self.average == "binary":
            g_tp, g_den = np.zeros(n_labels), np.zeros(n_labels)
            if self.pos is not None:
                g_tp[self.pos], g_den[self.pos] = d_tp[0], d_den[0]
        elif self.average == "micro":
            g_tp = np.full(n_labels, d_tp[0])
            g_den = np.full(n_labels, d_den[0])
        else:
            g_tp, g_den = c * d_tp, c * d_den
        gradient = {"tp": g_tp}
        gradient[self.den] = gradient.get(self.den, 0.0) + g_den
        if self.average == "weighted":
            gradient["true"] = gradient.get("true", 0.0) + d_true
        return gradient

    def notes(self):
        notes = []
        if self.average in ("macro", "weighted", "binary"):
            true = self.true_count
            if true is not None:
                rare = np.flatnonzero((true > 0) & (true < _FEW_POSITIVES))
                if self.average == "binary":
                    rare = rare[rare == self.pos]
                if rare.size:
                    names = [self.labels[i] for i in rare[:10]]
                    notes.append(
                        f"{self.name}: label(s) {names} have fewer than "
                        f"{_FEW_POSITIVES} true positives in y_true (one positive "
                        "in all resamples or none): their values jump between a "
                        "few numbers and the interval is unreliable."
                    )
        share = np.zeros(1)
        if self.undefined is not None and self.n_seen:
            share = self.undefined / self.n_seen
        if self.average in ("macro", "weighted") and self.true_count is not None:
            # no positives, not 0/0 (reported below): the same value everywhere
            none = (self.true_count == 0) & (share <= _UNDEFINED_SHARE)
            if none.any():
                names = [self.labels[i] for i in np.flatnonzero(none)[:10]]
                notes.append(
                    f"{self.name}: label(s) {names} have no positives in y_true, so "
                    "their value is the same in every resample: the interval "
                    "leaves out how they would score on samples with positives "
                    "and is unreliable."
                )
        if self.n_seen:
            bad = np.flatnonzero(share > _UNDEFINED_SHARE)
            if bad.size:
                if self.average == "micro":
                    where = "the pooled counts"
                elif self.average == "binary" and self.pos is None:
                    where = "the positive class 1, absent from y_true and y_pred,"
                elif self.average == "binary":
                    where = f"label {self.labels[self.pos]!r}"
                else:
                    where = f"label(s) {[self.labels[i] for i in bad[:10]]}"
                notes.append(
                    f"{self.name}: {where} have no positives to divide by (0/0) in "
                    f"up to {share.max():.1%} of the resamples; there the ratio "
                    f"takes zero_division={self.zero_division}."
                )
        return notes
