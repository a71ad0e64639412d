"""MetricAccumulator: metrics of predictions that arrive in batches."""

import numbers
import warnings

import numpy as np

from .._checks._batches import check_batch, check_ignore_index, drop_ignored
from .._checks._onehot import caller_stacklevel, is_argmax
from .._checks._params import (
    InvalidParameterError,
    check_cut_offs,
    check_zero_division,
    param_error,
)
from .._checks._ranking import check_propensities
from .._checks._targets import is_series
from .._counts._sums import add_sums_into, own_copy
from .._metrics._dask import dask_sums, is_dask
from .._metrics._registry import parse_names
from .._metrics._streamed import batch_sums, batch_thresholds, check_specs_for
from .._uncertainty._resampled import merge_resamples
from ._bins import check_bin_counters, check_bins
from ._bootstrap import (
    batch_resampler,
    check_bootstrap,
    check_seeds,
    dask_row_blocks,
)
from ._guard import Guard
from ._ranges import (
    DEFAULT_THRESHOLD,
    DefaultThreshold,
    dask_outside,
    dask_range_stats,
    outside,
    range_checks,
    range_warning,
)
from ._readouts import Readouts
from ._settings import named_thresholds, settings_of

DEFAULT_METRICS = ("subset_accuracy", "hamming_accuracy", "f1_micro", "f1_macro")


class MetricAccumulator(Readouts):
    """Metrics of predictions that arrive in batches: ``update``, ``merge``, ``result``.

    Read more in the :ref:`User Guide <batches>`.

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
        F-beta for any beta (``f2_macro``, ``f0.5_micro``, binary ``f2``),
        ``subset_accuracy``, ``hamming_accuracy``, ``neg_hamming_loss``,
        scikit-learn's ``accuracy``, ``top_k_accuracy`` (k=2) and binary
        ``f1``, ``precision``, ``recall``, ``jaccard`` (of class 1),
        ``top{k}_accuracy``, ``{precision,recall,ndcg}_at_{k}`` and
        ``psp_at_{k}`` (with ``propensities``), and the curve names
        ``roc_auc[_{micro,macro,weighted}]``,
        ``average_precision[_{micro,macro,weighted}]``,
        ``recall_at_precision_{P}`` and ``precision_at_recall_{R}`` (label
        matrices and binary targets): kept as per-label histograms of the
        scores with one bin per float16 (or bfloat16) value, exact when every
        score is such a value (mixed-precision outputs), otherwise within
        :meth:`bounds`.
    threshold : float, array-like of shape (n_labels,) or "argmax", default=0.5
        The prediction of a label-indicator or binary target is
        ``y_score >= threshold`` (one cut-off per label with an array). For
        multiclass targets the prediction is the best-scored class, or with
        one positive threshold per class ``argmax(y_score / threshold)`` (the
        ``thresholds_`` of a multiclass :class:`ThresholdOptimizer`). The
        default 0.5 is meant for probabilities: when it was not passed, cuts
        the scores of some metric (not only top-k or @k ones) and a
        label-indicator or binary batch holds scores outside [0, 1] (logits,
        margins), the accumulator warns, once; a threshold passed explicitly,
        0.5 included, is taken as meant. ``"argmax"`` reads a one-hot
        ``y_true`` (Keras' ``to_categorical``) as class indices and predicts
        the best-scored class: the multiclass numbers of ``argmax(y_true)``; a
        one-hot ``y_true`` with softmax rows under a numeric cut-off is scored
        label by label, with a warning.
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
        negatives: an int n in [1, 1_000_000] for n equal-width bins on [0, 1]
        (edges 0, 1/n, ..., 1), or at most 1_000_001 finite increasing edges;
        the histograms, 2 x n_labels x (n_edges + 1) counters, may hold at most
        10**8 (checked at the first batch). :meth:`sweep` and
        :meth:`optimize_thresholds` then work on the stream, exactly for
        cut-offs on the edges (and only those: a finer optimum between two
        edges is not seen). A cut-off at an edge ``e`` predicts ``score >= e``
        exactly, scores outside the edges included; but the scores below the
        first edge share one bin, and those at or above the last edge another,
        so no cut-off falls among them: the first batch with scores outside
        the edges warns, once (pass edges that cover the scores, such as
        ``np.linspace(-10, 10, 201)`` for logits). Label-indicator and binary
        targets.
    propensities : array-like of shape (n_labels,), default=None
        Label propensities in (0, 1] for ``psp_at_{k}``, as in
        :func:`propensity_scored_precision_at_k_score`, whose default estimate
        from the data needs every label's count first: a stream must be given
        them.
    bootstrap : int, default=None
        B >= 1: also keep B Poisson(1)-resampled copies of the sums (B x their
        size, whatever the number of samples) for :meth:`confidence_intervals`,
        percentile intervals equal, up to Monte-Carlo error, to
        ``confidence_interval(..., method="percentile")`` on the concatenated
        batches. Not for ``psp_at_{k}``.
    random_state : int, numpy SeedSequence or Generator, default=None
        Seed of the bootstrap weights. Accumulators that will be merged need
        seeds of their own, e.g. ``SeedSequence(seed).spawn(n_workers)`` or
        None (fresh entropy): :meth:`merge` refuses two drawn from one seed (or
        a copy), whose weights would repeat.
    ignore_index : int, default=None
        With 1-D class-index targets, the rows whose target is ``ignore_index``
        (Hugging Face's -100) are left out, with their scores and weights.
        Refused for label matrices.

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
    multilabel_report : The same table as :meth:`report`, from whole arrays.

    Notes
    -----
    A bad batch (a different number of labels, NaN scores, non-binary truth, ...)
    raises ``ValueError`` or ``TypeError`` naming the argument and leaves the
    accumulator as it was: nothing is half-added. Batches are never modified.

    Threads: one accumulator may be updated, merged into and read from several
    threads at once (each thread counts in scratch buffers of its own, and the
    sums are added under a lock), with the same results as one thread. The
    simplest and fastest pattern is still one accumulator per worker (thread,
    process or machine), then :meth:`merge`. An accumulator pickles and copies
    (``copy.deepcopy``) with its sums; ``acc.merge(acc)`` is refused (merge a
    copy to count the batches twice; not with ``bootstrap=``). Top-k and @k
    metrics break ties at the k-th place as ``ties="average"`` does in the
    metric functions. With ``bootstrap=``, each batch's weights are drawn from
    the accumulator's generator under the lock.

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
        threshold=DEFAULT_THRESHOLD,
        zero_division="warn",
        report=False,
        bins=None,
        propensities=None,
        bootstrap=None,
        random_state=None,
        ignore_index=None,
    ):
        func = self._FUNC
        check_ignore_index(ignore_index, func)
        self.ignore_index = ignore_index
        self.metrics = metrics
        self.threshold = threshold
        self._guard = Guard()
        self.zero_division = zero_division
        self._specs = parse_names(metrics, consumer="stream", func=func)
        if not isinstance(report, (bool, np.bool_)):
            raise param_error(func, "report", "a bool", report)
        self._report = bool(report)
        # the default cut-off (not chosen) cuts the scores of some metric
        self._default_threshold = isinstance(threshold, DefaultThreshold) and (
            self._report or any(s.family in ("set", "accuracy") for s in self._specs)
        )
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
        # NaN is refused with Jaccard metrics, as jaccard_score refuses it
        jaccard = any(s.metric == "jaccard" for s in self._specs)
        self._zero_division = check_zero_division(
            zero_division, func, allow_nan=not jaccard
        )
        if not is_argmax(threshold):  # one number, or a 1-D array of them
            numeric = isinstance(threshold, numbers.Real)
            check_cut_offs(threshold, 1 if numeric else None, func)
        self.bootstrap = bootstrap
        self.random_state = random_state
        self._n_resamples, self._seed, self._rng = check_bootstrap(
            bootstrap, random_state, self._specs, func
        )
        self.reset()

    def reset(self):
        """Forget every batch; the settings stay.

        Returns
        -------
        self : MetricAccumulator
            The accumulator, empty.
        """
        with self._guard.lock:
            self.n_samples_ = 0
            self.kind_ = None
            self.n_labels_ = None
            self._thresholds = None
            self._sums = None
            self._warned = set()  # the settings whose range was left (warned)
            self._boot = None  # {column: (B, k)} resampled sums (bootstrap=B)
            self._seeds = frozenset([self._seed])  # the seeds of the streams added
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
        if self._edges is not None and kind != "multiclass":
            check_bin_counters(self._edges, 1 if kind == "binary" else n_columns, func)

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
            The accumulator, with the batch added.
        """
        func = f"{self._FUNC}.update"
        rows = drop_ignored(y_true, y_score, sample_weight, self.ignore_index, func)
        if rows is None:  # every row left out
            return self
        y_true, y_score, sample_weight = rows
        if is_dask(y_true, y_score, sample_weight) and self._n_resamples:
            for rows in dask_row_blocks(y_true, y_score, sample_weight, func):
                self.update(*rows[:2], sample_weight=rows[2])
            return self
        if is_dask(y_true, y_score, sample_weight):
            found = self._update_dask(y_true, y_score, sample_weight, func)
        else:
            batch = check_batch(
                y_true,
                y_score,
                sample_weight,
                func=func,
                argmax=is_argmax(self.threshold),
                warn=self.n_samples_ == 0,
                cut=self.threshold,
            )
            kind, n_columns = batch.kind, batch.n_columns
            self._check_kind(kind, n_columns, func, hasattr(batch.scores, "indptr"))
            thresholds = self._thresholds  # those of the kind checked (or None)
            if thresholds is None or is_series(self.threshold):
                thresholds = named_thresholds(
                    self.threshold, y_true, y_score, kind, n_columns, thresholds, func
                )
            found = outside(batch.scores, self._range_checks(kind))
            with self._guard.workspace() as workspace:  # this thread's own
                sums = batch_sums(
                    batch,
                    self._specs,
                    thresholds,
                    func=func,
                    samples=self._report,
                    workspace=workspace,
                    edges=self._edges,
                    gains=self._gains(n_columns, func),
                )
                resample = batch_resampler(
                    batch, self._specs, thresholds, self._zero_division,
                    self._rng, self._n_resamples,
                )  # fmt: skip
            # every check has passed: add (nothing above changed the accumulator)
            found = self._add(sums, kind, n_columns, thresholds, found, func, resample)
        for entry in found:
            warnings.warn(
                range_warning(entry, self.bins, func), stacklevel=caller_stacklevel()
            )
        return self

    def _range_checks(self, kind):
        """The ranges that the settings assume and no batch has left yet."""
        checks = range_checks(self._default_threshold, self._edges, kind)
        return [check for check in checks if check[0] not in self._warned]

    def _update_dask(self, y_true, y_score, sample_weight, func):
        """Each row chunk's sums on the Dask workers, added in a tree, then here
        (with the range of the scores, in the same pass, while one is unwarned)."""
        checks = self._range_checks("multilabel")  # all; the kind comes later
        (kind, n_columns, sums), (stats,) = dask_sums(
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
            extra=[dask_range_stats(y_score, checks) if checks else []],
        )
        self._check_kind(kind, n_columns, func)
        thresholds = batch_thresholds(self.threshold, kind, n_columns, func)
        kept = self._range_checks(kind)
        found = [e for e in dask_outside(stats, checks) if e[:3] in kept]
        return self._add(sums, kind, n_columns, thresholds, found, func)

    def _add(self, sums, kind, n_columns, thresholds, found, func, resample=None):
        """Add checked sums under the lock (nothing is half-added), and the
        resampled sums ``resample(old)`` (it draws from the generator under the
        lock); return the entries of ``found`` (ranges left, each keyed by its
        first item) that no thread has warned of yet."""
        with self._guard.lock:
            self._check_kind(kind, n_columns, func)  # again: another thread may
            # have added the first batch since
            if resample is not None:
                self._boot = resample(self._boot)
            self._sums = add_sums_into(self._sums, sums)
            self.kind_, self.n_labels_ = kind, n_columns
            self._thresholds = thresholds
            self.n_samples_ += sums["set"]["n"]
            found = [entry for entry in found if entry[0] not in self._warned]
            self._warned.update(entry[0] for entry in found)
        return found

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
            The accumulator, with the batches of ``other`` added.
        """
        func = f"{self._FUNC}.merge"
        if not isinstance(other, MetricAccumulator):
            raise TypeError(
                f"The 'other' parameter of {func} must be a MetricAccumulator; got "
                f"{type(other).__name__}."
            )
        if other is self:
            raise ValueError(
                f"The 'other' parameter of {func} is the accumulator itself, whose "
                "batches would count twice; to mean that, merge a copy "
                "(copy.deepcopy(accumulator))."
            )
        if settings_of(self) != settings_of(other):
            raise ValueError(
                f"The 'other' parameter of {func} was built with other settings "
                f"(metrics, threshold or zero_division): {other!r} against "
                f"{self!r}; only accumulators with the same settings merge."
            )
        # one lock at a time (other's, then ours): merges both ways can't block
        sums, kind, n_columns, thresholds, _, warned, boot, seeds = other._state()
        if sums is None:
            return self
        check_seeds(self._n_resamples, self._seeds, seeds, func)

        def resample(mine):  # the seeds are added with the resamples they drew
            self._seeds |= seeds
            return merge_resamples(mine, boot)

        found = [(key,) for key in warned]
        self._add(sums, kind, n_columns, thresholds, found, func, resample)
        return self

    def _state(self):
        """A consistent view of the sums, taken under the lock (each addition
        makes new sums, except the score histograms, counted in place and so
        copied here)."""
        with self._guard.lock:
            return (
                own_copy(self._sums),
                self.kind_,
                self.n_labels_,
                self._thresholds,
                self.n_samples_,
                frozenset(self._warned),
                self._boot,
                self._seeds,
            )

    def _gains(self, n_labels, func):
        """Inverse propensities (PSP@k gains), checked against ``n_labels``."""
        if self.propensities is None:
            return None
        return 1.0 / check_propensities(self.propensities, n_labels, func)

    def __repr__(self):
        return (
            f"MetricAccumulator(metrics={self.names!r}, threshold={self.threshold!r}, "
            f"zero_division={self.zero_division!r}, n_samples_={self.n_samples_})"
        )
