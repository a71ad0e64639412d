"""The readouts of a :class:`MetricAccumulator`: metrics, report, sweep and tuned
cut-offs, each from one consistent view of the sums (taken under the lock, so a
thread that updates meanwhile cannot mix two states)."""

import numbers
import warnings

import numpy as np

from .._counts._sums import SAMPLE_SCORES
from .._metrics._streamed import finish
from .._metrics._streamed_curves import curve_value, is_curve
from .._report._rows import ReportCounts
from .._report._table import (
    _check_digits,
    check_target_names,
    report_from_counts,
    strict_json,
)
from .._uncertainty._resampled import (
    drawn_resamples,
    resampled_family,
    resampled_intervals,
)
from ._bins import binned_curves, binned_thresholds
from ._bootstrap import check_interval_args


class Readouts:
    """:meth:`result`, :meth:`report`, :meth:`sweep` and :meth:`optimize_thresholds`
    of :class:`MetricAccumulator` (which provides ``_state``)."""

    def _filled(self, func):
        """The state (see ``_state``), checked to hold a sample of some weight."""
        state = self._state()
        sums = state[0]
        if sums is None:
            raise ValueError(
                f"{func} has no data: add batches with update() (or merge()) first."
            )
        if sums["set"]["total"] == 0:
            raise ValueError(
                f"{func}: the sample_weight of every batch added sums to 0; at "
                "least one sample needs a non-zero weight."
            )
        return state

    def result(self):
        """Every metric of the batches added so far.

        Returns
        -------
        result : dict of str to float
            ``{name: value}`` in the order of ``metrics``.
        """
        return self._finish(self._filled(f"{self._FUNC}.result"))

    def _finish(self, state):
        """The metrics of a state (their warnings point at the caller)."""
        sums, kind, n_labels = state[:3]
        return finish(sums, self._specs, kind, n_labels, self._zero_division)

    def bounds(self):
        """Bounds that hold the exact value of each curve metric.

        The curve metrics (``roc_auc_*``, ``average_precision_*``,
        ``recall_at_precision_*``, ``precision_at_recall_*``) are computed from
        per-label histograms with one bin per float16 (or bfloat16) value. When
        every score added was such a value, the bins hold single scores and the
        metrics are exact (:meth:`result` equals the one-shot functions on the
        concatenated batches). Otherwise a bin holds the scores that round to
        one float16 value, in an unknown order: ``low`` and ``high`` are the
        metric under the least and the most favourable order inside every bin
        (for ROC AUC, the result's ties inside a bin count half either way),
        so the exact value lies between them, and :meth:`result`'s value too.
        Both are widened by 1e-9 for floating-point rounding (also when exact).

        Returns
        -------
        bounds : dict of str to tuple of (float, float)
            ``{name: (low, high)}`` for the curve metrics, in the order of
            ``metrics``; NaN where the metric is undefined.
        """
        func = f"{self._FUNC}.bounds"
        sums = self._filled(func)[0]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # result() warns of the same
            return {
                spec.name: curve_value(spec, sums["curves"], bounds=True)[1:]
                for spec in self._specs
                if is_curve(spec)
            }

    def confidence_intervals(self, confidence_level=0.95, method="percentile"):
        """Percentile bootstrap intervals of every metric (``bootstrap=B``).

        The B resamples give every sample of every batch its own Poisson(1)
        weight; the interval covers the metric's value on the population the
        samples were drawn from, for a fixed model and fixed cut-offs (as
        :func:`confidence_interval`, whose percentile interval on the
        concatenated batches it equals up to Monte-Carlo error).

        Parameters
        ----------
        confidence_level : float in (0, 1), default=0.95
        method : {"percentile"}, default="percentile"
            Only the percentile bootstrap: BCa's jackknife, the delta method,
            Wilson and DeLong need per-sample statistics that a stream does not
            keep.

        Returns
        -------
        intervals : dict of str to MetricInterval
            ``{name: MetricInterval}`` in the order of ``metrics``; the
            ``estimate`` is :meth:`result`'s value.

        Examples
        --------
        >>> import numpy as np
        >>> from skmultimetrics import MetricAccumulator
        >>> rng = np.random.default_rng(0)
        >>> Y = rng.random((1000, 5)) < 0.3
        >>> scores = np.clip(Y * 0.4 + rng.random((1000, 5)) * 0.6, 0, 1)
        >>> workers = np.random.SeedSequence(0).spawn(2)  # a seed per worker
        >>> first, second = (
        ...     MetricAccumulator("f1_macro", bootstrap=500, random_state=seed)
        ...     for seed in workers
        ... )
        >>> _ = first.update(Y[:600], scores[:600])
        >>> _ = second.update(Y[600:], scores[600:])
        >>> ci = first.merge(second).confidence_intervals()["f1_macro"]
        >>> bool(ci.low < ci.estimate < ci.high), ci.n_resamples
        (True, 500)
        """
        func = f"{self._FUNC}.confidence_intervals"
        if self._n_resamples is None:
            raise ValueError(
                f"{func} needs resamples: build the accumulator with bootstrap=B "
                "(e.g. MetricAccumulator(..., bootstrap=1000, random_state=seed))."
            )
        confidence_level = check_interval_args(confidence_level, method, func)
        state = self._filled(func)
        sums, kind = state[:2]
        estimates = self._finish(state)
        present = None if kind == "multilabel" else sums["set"]["seen"] > 0
        zero_division = 0.0 if self._zero_division == "warn" else self._zero_division
        families = {
            s.name: resampled_family(s, state[6], float(zero_division), keep=present)
            for s in self._specs
        }
        drawn = drawn_resamples(state[6], self._n_resamples)
        return resampled_intervals(
            families, estimates, drawn, confidence_level, self._n_resamples
        )

    def report(self, *, target_names=None, digits=4, output_dict=False):
        """:func:`multilabel_report`'s table at ``threshold``, from the batches.

        Label-indicator targets only. Ratios without a denominator count as 0,
        as in :func:`multilabel_report`.

        Parameters
        ----------
        target_names : list of str of shape (n_labels,), default=None
            Label names; by default ``"label 0"``, ``"label 1"``, ...
        digits : int, default=4
            Decimals of the text table.
        output_dict : bool, default=False
            Return a dict (the layout of :func:`multilabel_report`'s, strict JSON:
            infinite cut-offs as "inf" / "-inf", NaN as None) instead.

        Returns
        -------
        report : str or dict
        """
        func = f"{self._FUNC}.report"
        sums, kind, n_labels, threshold, n_samples = self._filled(func)[:5]
        if kind != "multilabel":
            raise ValueError(
                f"{func} needs label-indicator targets; the batches hold "
                f"{kind} class indices (use result() for their metrics)."
            )
        if "samples" not in sums["set"]:
            raise ValueError(
                f"{func} needs the per-sample sums: create the accumulator with "
                "report=True (or with a samples metric such as 'f1_samples')."
            )
        names = check_target_names(target_names, n_labels, func)
        digits = _check_digits(digits, func)
        set_sums = sums["set"]
        samples = set_sums["samples"]
        counts = ReportCounts(
            set_sums["tp"][np.newaxis],
            set_sums["pred"][np.newaxis],
            set_sums["true"],
            set_sums["total"],
            np.array([[samples[name]["weighted_sum"] for name in SAMPLE_SCORES]]),
        )
        shown = [
            float(threshold[0])
            if isinstance(self.threshold, numbers.Real)
            else threshold.tolist()
        ]
        report = report_from_counts(
            counts, n_samples, [threshold], shown, names, digits, output_dict
        )
        return strict_json(report) if output_dict else report

    def sweep(self, metric="f1", *, beta=1.0, zero_division=0.0):
        """:func:`threshold_sweep` on the batches: per label, ``metric`` at every
        bin edge (exact there), and the best edge. Needs ``bins=``.

        Parameters
        ----------
        metric : {"f1", "fbeta", "precision", "recall", "jaccard", "accuracy", \
"balanced_accuracy", "matthews"}, default="f1"
        beta : float, default=1.0
        zero_division : {0.0, 1.0}, default=0.0

        Returns
        -------
        result : sklearn.utils.Bunch
            As :func:`threshold_sweep` returns it: ``thresholds`` (``inf``, the
            edges from the highest down, ``-inf``) and ``scores`` per label,
            ``best_thresholds`` and ``best_scores`` (for binary targets one
            label's, with ``best_threshold`` and ``best_score``).
        """
        func = f"{self._FUNC}.sweep"
        sums, kind = self._filled(func)[:2]
        return binned_curves(
            sums,
            self._edges,
            kind,
            metric=metric,
            beta=beta,
            zero_division=zero_division,
            func=func,
        )

    def optimize_thresholds(self, scoring=None):
        """:func:`optimize_thresholds` on the batches, over the bin edges.

        Needs ``bins=``. Exact among cut-offs on the edges for objectives that
        split by label (per-label, macro and weighted averages, hamming
        accuracy) and for micro averages; samples averages and subset accuracy
        need each sample's predictions, which histograms do not keep.

        Parameters
        ----------
        scoring : str, default=None
            ``"{f1,precision,recall,jaccard}_{macro,weighted,micro}"``,
            ``"hamming_accuracy"``, or for binary targets ``"f1"`` (the
            default there; ``"f1_macro"`` otherwise).

        Returns
        -------
        result : sklearn.utils.Bunch
            ``thresholds`` (bin edges, or ``inf`` / ``-inf`` to predict no /
            every sample; a float for binary targets) and ``score``, the
            objective reached on the batches.
        """
        func = f"{self._FUNC}.optimize_thresholds"
        sums, kind = self._filled(func)[:2]
        return binned_thresholds(sums, self._edges, kind, scoring=scoring, func=func)
