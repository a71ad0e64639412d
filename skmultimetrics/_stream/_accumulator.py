"""MetricAccumulator: metrics of predictions that arrive in batches."""

import copy
import numbers
import warnings

import numpy as np

from .._checks._batches import check_batch
from .._checks._onehot import is_argmax
from .._checks._params import (
    InvalidParameterError,
    check_cut_offs,
    check_zero_division,
    param_error,
)
from .._checks._ranking import check_propensities
from .._counts._sums import SAMPLE_SCORES, Workspace, add_sums
from .._metrics._dask import dask_sums, is_dask
from .._metrics._streamed import (
    batch_sums,
    batch_thresholds,
    check_specs_for,
    finish,
    parse_metrics,
)
from .._report._rows import ReportCounts
from .._report._table import _check_digits, _check_names, report_from_counts
from ._bins import binned_curves, binned_thresholds, check_bins

DEFAULT_METRICS = ("subset_accuracy", "hamming_accuracy", "f1_micro", "f1_macro")


class MetricAccumulator:
    """Metrics of predictions that arrive in batches: ``update``, ``merge``, ``result``.

    Each :meth:`update` reduces a batch to sums that add up (per-label counts,
    per-sample score sums, top-k hits), and :meth:`result` computes every metric
    from the sums. Results equal the one-shot functions on the concatenated
    batches (to rounding), whatever the batch sizes, their order or how
    accumulators are merged; memory does not grow with the number of samples.
    Batches may be NumPy or SciPy sparse arrays, pandas objects, anything with
    ``__array__`` (such as a CPU ``torch.Tensor``), or Dask arrays, whose row
    chunks are reduced on the workers (the ``dask`` extra).

    Parameters
    ----------
    metrics : str or sequence of str, default=("subset_accuracy", \
"hamming_accuracy", "f1_micro", "f1_macro")
        Scorer names (see :func:`get_scorer_names`):
        ``{precision,recall,f1,jaccard}_{micro,macro,samples,weighted}``,
        ``subset_accuracy``, ``hamming_accuracy``, ``neg_hamming_loss``,
        scikit-learn's ``accuracy``, ``top_k_accuracy`` (k=2) and binary
        ``f1``, ``precision``, ``recall``, ``jaccard`` (of class 1),
        ``top{k}_accuracy``, ``{precision,recall,ndcg}_at_{k}`` and
        ``psp_at_{k}`` (with ``propensities``). Metrics that
        sort every score (ROC AUC, average precision, operating points) cannot be
        added up batch by batch and are refused with a message saying so.
    threshold : float, array-like of shape (n_labels,) or "argmax", default=0.5
        The prediction of a label-indicator or binary target is
        ``y_score >= threshold`` (one cut-off per label with an array). For
        multiclass targets the prediction is the best-scored class, or with
        one positive threshold per class ``argmax(y_score / threshold)`` (the
        ``thresholds_`` of a multiclass :class:`ThresholdOptimizer`).
        ``"argmax"`` reads a one-hot ``y_true`` (Keras' ``to_categorical``) as
        class indices and predicts the best-scored class: the multiclass
        numbers of ``argmax(y_true)``; a one-hot ``y_true`` with softmax rows
        under a numeric cut-off is scored label by label, with a warning.
    zero_division : {"warn", 0.0, 1.0, np.nan}, default="warn"
        Value of a ratio without a denominator, as in the metric functions;
        "warn" acts as 0 and warns. Jaccard metrics do not take NaN.
    report : bool, default=False
        Also keep the per-sample sums that :meth:`report` needs for
        label-indicator targets. They are kept anyway when ``metrics`` has a
        samples average or ``subset_accuracy``; otherwise they cost about as
        much again as the per-label counts, so they are off by default.
    bins : int or array-like of shape (n_edges,), default=None
        Also keep per-label histograms of the scores of positives and of
        negatives: an int n for n equal-width bins on [0, 1] (edges 0, 1/n,
        ..., 1), or the increasing edges. :meth:`sweep` and
        :meth:`optimize_thresholds` then work on the stream, exactly for
        cut-offs on the edges (and only those: a finer optimum between two
        edges is not seen). Label-indicator and binary targets.
    propensities : array-like of shape (n_labels,), default=None
        Label propensities in (0, 1] for ``psp_at_{k}``, as in
        :func:`propensity_scored_precision_at_k_score`, whose default estimate
        from the data needs every label's count first: a stream must be given
        them.

    Attributes
    ----------
    n_samples_ : int
        Number of samples added so far.
    kind_ : {"multilabel", "multiclass", "binary"} or None
        Kind of target, fixed by the first batch: a label-indicator matrix;
        1-D class indices ``0 .. C-1`` with scores of shape (n_samples, C); or
        1-D 0/1 labels with 1-D scores of class 1.
    n_labels_ : int or None
        Number of labels (or classes) of every batch.

    See Also
    --------
    multilabel_report : the same table as :meth:`report`, from whole arrays.

    Notes
    -----
    A bad batch (a different number of labels, NaN scores, non-binary truth, ...)
    raises ``ValueError`` or ``TypeError`` naming the argument and leaves the
    accumulator as it was: nothing is half-added. Top-k and @k metrics break
    ties at the k-th place as ``ties="average"`` does in the metric functions.

    Examples
    --------
    >>> import numpy as np
    >>> from skmultimetrics import MetricAccumulator, f1_score
    >>> rng = np.random.default_rng(0)
    >>> Y = rng.random((1000, 5)) < 0.3
    >>> scores = np.clip(Y * 0.4 + rng.random((1000, 5)) * 0.6, 0, 1)
    >>> acc = MetricAccumulator(["f1_macro", "subset_accuracy", "precision_at_2"])
    >>> for start in range(0, 1000, 100):        # batches from a data loader
    ...     _ = acc.update(Y[start:start + 100], scores[start:start + 100])
    >>> result = acc.result()
    >>> sorted(result)
    ['f1_macro', 'precision_at_2', 'subset_accuracy']
    >>> bool(np.isclose(result["f1_macro"],
    ...                 f1_score(Y, scores, threshold=0.5, average="macro")))
    True

    Accumulators filled elsewhere (other processes, other machines) merge:

    >>> first, second = MetricAccumulator("f1_micro"), MetricAccumulator("f1_micro")
    >>> _ = first.update(Y[:600], scores[:600])
    >>> _ = second.update(Y[600:], scores[600:])
    >>> merged = first.merge(second).result()["f1_micro"]
    >>> bool(np.isclose(merged, f1_score(Y, scores, threshold=0.5, average="micro")))
    True
    """

    _FUNC = "MetricAccumulator"

    def __init__(
        self,
        metrics=DEFAULT_METRICS,
        *,
        threshold=0.5,
        zero_division="warn",
        report=False,
        bins=None,
        propensities=None,
    ):
        func = self._FUNC
        self.metrics = metrics
        self.threshold = threshold
        self.zero_division = zero_division
        self._specs = parse_metrics(metrics, func)
        if not isinstance(report, (bool, np.bool_)):
            raise param_error(func, "report", "a bool", report)
        self._report = bool(report)
        self.bins = bins
        self._edges = check_bins(bins, func)
        self.propensities = propensities
        psp = [s.name for s in self._specs if s.metric == "psp"]
        if psp and propensities is None:
            raise InvalidParameterError(
                f"{psp} of {func} need propensities= when streamed: the function's "
                "default estimates each label's propensity from its count over "
                "all the data, which a stream knows only at its end. Pass "
                "propensities of shape (n_labels,) in (0, 1], e.g. from the "
                "training labels."
            )
        self._zero_division = check_zero_division(zero_division, func)
        if isinstance(self._zero_division, float) and np.isnan(self._zero_division):
            jaccard = [s.name for s in self._specs if s.metric == "jaccard"]
            if jaccard:
                raise InvalidParameterError(
                    f"The 'zero_division' parameter of {func} must be 'warn', 0.0 "
                    f"or 1.0 with Jaccard metrics ({jaccard}); got nan."
                )
        if is_argmax(threshold):
            pass
        elif not isinstance(threshold, numbers.Real):
            check_cut_offs(threshold, None, func)  # a 1-D array of numbers
        else:
            check_cut_offs(threshold, 1, func)
        self.reset()

    def reset(self):
        """Forget every batch; the settings stay.

        Returns
        -------
        self : MetricAccumulator
        """
        self.n_samples_ = 0
        self.kind_ = None
        self.n_labels_ = None
        self._thresholds = None
        self._sums = None
        self._workspace = Workspace()
        return self

    @property
    def names(self):
        """The metric names, in the order of :meth:`result`."""
        return [spec.name for spec in self._specs]

    def _check_kind(self, kind, n_columns, func, sparse_scores=False):
        if self.kind_ is not None and (kind, n_columns) != (self.kind_, self.n_labels_):
            what = "label" if self.kind_ == "multilabel" else "class"
            raise ValueError(
                f"y_true and y_score of {func} are a {kind} batch with {n_columns} "
                "columns, but earlier "
                f"batches were {self.kind_} with {self.n_labels_} {what} columns; "
                "every batch must have the same kind of target and the same "
                "number of labels."
            )
        check_specs_for(self._specs, kind, n_columns, func, sparse_scores)

    def update(self, y_true, y_score, *, sample_weight=None):
        """Add a batch of truth and scores.

        Parameters
        ----------
        y_true : array-like or sparse matrix
            A binary label-indicator matrix of shape (n_samples, n_labels); or
            1-D class indices ``0 .. C-1``; or 1-D 0/1 labels.
        y_score : array-like or sparse matrix
            Scores of shape (n_samples, n_labels) (any ``predict_proba`` layout),
            of shape (n_samples, C) for class indices, or 1-D scores of class 1
            for 0/1 labels.
        sample_weight : array-like of shape (n_samples,), default=None
            Sample weights.

        Returns
        -------
        self : MetricAccumulator
        """
        func = f"{self._FUNC}.update"
        if is_dask(y_true, y_score, sample_weight):
            return self._update_dask(y_true, y_score, sample_weight, func)
        batch = check_batch(
            y_true,
            y_score,
            sample_weight,
            func=func,
            argmax=is_argmax(self.threshold),
            warn=self.n_samples_ == 0,
        )
        sparse_scores = hasattr(batch.scores, "indptr")
        self._check_kind(batch.kind, batch.n_columns, func, sparse_scores)
        thresholds = self._thresholds
        if thresholds is None:
            thresholds = batch_thresholds(
                self.threshold, batch.kind, batch.n_columns, func
            )
        sums = batch_sums(
            batch,
            self._specs,
            thresholds,
            samples=self._report,
            workspace=self._workspace,
            edges=self._edges,
            gains=self._gains(batch.n_columns, func),
        )
        # every check has passed: add (nothing above changed the accumulator)
        return self._add(sums, batch.kind, batch.n_columns, thresholds)

    def _update_dask(self, y_true, y_score, sample_weight, func):
        """Each row chunk's sums on the Dask workers, added in a tree, then here."""
        kind, n_columns, sums = dask_sums(
            y_true,
            y_score,
            sample_weight,
            specs=self._specs,
            threshold=self.threshold,
            samples=self._report,
            func=func,
            allow_zero_total=True,
            edges=self._edges,
            gains=self._gains(np.shape(y_score)[-1], func),
        )
        self._check_kind(kind, n_columns, func)
        thresholds = batch_thresholds(self.threshold, kind, n_columns, func)
        return self._add(sums, kind, n_columns, thresholds)

    def _add(self, sums, kind, n_columns, thresholds):
        """Add checked sums (every check has passed: nothing is half-added)."""
        self._sums = sums if self._sums is None else add_sums(self._sums, sums)
        self.kind_, self.n_labels_ = kind, n_columns
        self._thresholds = thresholds
        self.n_samples_ += sums["set"]["n"]
        return self

    def merge(self, other):
        """Add the batches of another accumulator with the same settings.

        Parameters
        ----------
        other : MetricAccumulator
            Filled anywhere (another process, another machine: accumulators
            pickle). It is not changed.

        Returns
        -------
        self : MetricAccumulator
        """
        func = f"{self._FUNC}.merge"
        if not isinstance(other, MetricAccumulator):
            raise TypeError(
                f"The 'other' parameter of {func} must be a MetricAccumulator; got "
                f"{type(other).__name__}."
            )
        if self._settings() != other._settings():
            raise ValueError(
                f"The 'other' parameter of {func} was built with other settings "
                f"(metrics, threshold or zero_division): {other!r} against "
                f"{self!r}; only accumulators with the same settings merge."
            )
        if other._sums is None:
            return self
        self._check_kind(other.kind_, other.n_labels_, func)
        if self._sums is None:
            self._sums = copy.deepcopy(other._sums)
        else:
            self._sums = add_sums(self._sums, other._sums)
        self.kind_, self.n_labels_ = other.kind_, other.n_labels_
        self._thresholds = other._thresholds
        self.n_samples_ += other.n_samples_
        return self

    def _gains(self, n_labels, func):
        """Inverse propensities (PSP@k gains), checked against ``n_labels``."""
        if self.propensities is None:
            return None
        return 1.0 / check_propensities(self.propensities, n_labels, func)

    def _settings(self):
        argmax = is_argmax(self.threshold)
        threshold = np.asarray(1.0 if argmax else self.threshold, dtype=np.float64)
        return (
            argmax,
            self._specs,
            self._report,
            None if self._edges is None else tuple(self._edges.tolist()),
            None
            if self.propensities is None
            else tuple(np.ravel(self.propensities).tolist()),
            threshold.shape,
            tuple(threshold.ravel().tolist()),
            str(self._zero_division),
        )

    def _check_filled(self, func):
        if self._sums is None:
            raise ValueError(
                f"{func} has no data: add batches with update() (or merge()) first."
            )
        if self._sums["set"]["total"] == 0:
            raise ValueError(
                f"{func}: the sample_weight of every batch added sums to 0; at "
                "least one sample needs a non-zero weight."
            )

    def result(self):
        """Every metric of the batches added so far.

        Returns
        -------
        result : dict of str to float
            ``{name: value}`` in the order of ``metrics``.
        """
        func = f"{self._FUNC}.result"
        self._check_filled(func)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            result = finish(
                self._sums, self._specs, self.kind_, self.n_labels_, self._zero_division
            )
        for warning in caught:  # given again from here: they point at the caller
            warnings.warn(warning.message, warning.category, stacklevel=2)
        return result

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
            Return a dict (the layout of :func:`multilabel_report`'s) instead.

        Returns
        -------
        report : str or dict
        """
        func = f"{self._FUNC}.report"
        self._check_filled(func)
        if self.kind_ != "multilabel":
            raise ValueError(
                f"{func} needs label-indicator targets; the batches hold "
                f"{self.kind_} class indices (use result() for their metrics)."
            )
        if "samples" not in self._sums["set"]:
            raise ValueError(
                f"{func} needs the per-sample sums: create the accumulator with "
                "report=True (or with a samples metric such as 'f1_samples')."
            )
        names = _check_names(target_names, self.n_labels_, func)
        digits = _check_digits(digits, func)
        set_sums = self._sums["set"]
        samples = set_sums["samples"]
        counts = ReportCounts(
            set_sums["tp"][np.newaxis],
            set_sums["pred"][np.newaxis],
            set_sums["true"],
            set_sums["total"],
            np.array([[samples[name]["weighted_sum"] for name in SAMPLE_SCORES]]),
        )
        threshold = self._thresholds
        shown = [
            float(threshold[0])
            if isinstance(self.threshold, numbers.Real)
            else threshold.tolist()
        ]
        return report_from_counts(
            counts, self.n_samples_, [threshold], shown, names, digits, output_dict
        )

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
        self._check_filled(func)
        return binned_curves(
            self._sums,
            self._edges,
            self.kind_,
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
        self._check_filled(func)
        return binned_thresholds(
            self._sums, self._edges, self.kind_, scoring=scoring, func=func
        )

    def __repr__(self):
        return (
            f"MetricAccumulator(metrics={self.names!r}, threshold={self.threshold!r}, "
            f"zero_division={self.zero_division!r}, n_samples_={self.n_samples_})"
        )
