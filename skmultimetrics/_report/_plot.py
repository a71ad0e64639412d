"""ThresholdCurveDisplay: a metric against the cut-off, one curve per label.

matplotlib is an optional dependency (the extra ``plot``), imported only when a
figure is drawn, so importing the package never imports it.
"""

import numpy as np
from sklearn.utils.validation import check_is_fitted

from .._checks._params import param_error
from .._checks._scores import meta_chain
from .._thresholds._estimator import RESPONSE_METHODS, ThresholdOptimizer
from ._curves import (
    check_cut_offs_to_mark,
    check_names,
    estimator_scores,
    per_label,
    stored,
    swept,
    titled,
)

SOURCES = ("data", "cv_results")
METRIC_NAMES = {"f1": "F1", "fbeta": "F-beta", "matthews": "Matthews correlation"}


class ThresholdCurveDisplay:
    """A metric against the cut-off, one curve per label.

    Read more in the :ref:`User Guide <which_cutoff>`.

    Each curve shows the metric of the predictions ``y_score >= t`` against the
    cut-off ``t``; a dot marks each label's tuned cut-off and a dashed vertical
    line the default cut-off. Build it with :meth:`from_predictions` or
    :meth:`from_estimator`; the parameters are stored as attributes. Needs
    matplotlib, the ``plot`` extra (``pip install '.[plot]'`` from a clone).

    Parameters
    ----------
    thresholds : list of ndarray
        Per curve, cut-offs ``t`` in any order (``inf`` and ``-inf`` allowed),
        as :func:`threshold_sweep` gives them.
    scores : list of ndarray
        Per curve, the metric of ``y_score >= t`` at each of its ``thresholds``.
    label_names : list of str
        Per curve, its name in the legend.
    tuned_thresholds : array-like of shape (n_curves,), default=None
        Per curve, a cut-off to mark with a dot; None marks none.
    metric : str, default="f1"
        The metric's name, for the y axis.
    default_threshold : float or None, default=0.5
        Where to draw the dashed line; None draws none.
    marks_label : str, default="tuned cut-off"
        What the dots are, for the legend: :meth:`from_estimator` says
        "tuned cut-off" only for a ``ThresholdOptimizer``'s ``thresholds_``,
        "best on these data" for each curve's own best cut-off and "given
        cut-off" for ``thresholds=``.
    threshold_spread : array-like of shape (n_curves,), default=None
        Per curve, a half-width to shade around its marked cut-off, such as
        ``cv_results_["fold_threshold_std"]`` of a ``ThresholdOptimizer``
        (:meth:`from_estimator` passes it); NaN shades nothing.

    Attributes
    ----------
    ax_ : matplotlib Axes
    figure_ : matplotlib Figure
    lines_ : list of matplotlib Line2D
        One curve per label.
    tuned_markers_ : list of matplotlib Line2D or None
        One dot per label, at its tuned cut-off on its curve.
    default_line_ : matplotlib Line2D or None
        The dashed line at ``default_threshold``.
    spread_bands_ : list of matplotlib patches or None
        With ``threshold_spread``: per curve, its shaded band (None where
        none is drawn).

    Notes
    -----
    The metric of ``y_score >= t`` is a step function of ``t``, constant on
    ``(s', s]`` for neighbouring distinct scores ``s' < s``. Curves are drawn
    with ``drawstyle="steps-pre"`` through their cut-offs in ascending order
    (and flat below the lowest): exact when the cut-offs are the scores, as
    :meth:`from_predictions` makes them; ``cv_results_`` curves keep the
    sweep's cut-offs midway between scores, so each step is drawn up to one
    gap early. ``-inf`` (predict all) and ``inf`` (predict none) are drawn at
    the ends of the x range: the span of the finite and marked cut-offs and
    ``default_threshold`` (``[0, 1]`` if they lie in it, as probabilities
    do), widened by 5 % each side, so both ends lie beyond every score.

    Examples
    --------
    >>> from skmultimetrics import ThresholdCurveDisplay
    >>> y_true = [[1, 0], [0, 1], [1, 1], [0, 0]]
    >>> y_score = [[0.9, 0.2], [0.4, 0.7], [0.6, 0.3], [0.1, 0.8]]
    >>> display = ThresholdCurveDisplay.from_predictions(y_true, y_score)
    >>> len(display.lines_), display.tuned_markers_[0].get_xdata()
    (2, array([0.5]))
    """

    def __init__(
        self,
        *,
        thresholds,
        scores,
        label_names,
        tuned_thresholds=None,
        metric="f1",
        default_threshold=0.5,
        marks_label="tuned cut-off",
        threshold_spread=None,
    ):
        self.thresholds = thresholds
        self.scores = scores
        self.label_names = label_names
        self.tuned_thresholds = tuned_thresholds
        self.marks_label = marks_label
        self.threshold_spread = threshold_spread
        self.metric = metric
        self.default_threshold = default_threshold

    def _curves(self):
        """Checked curves, each sorted by cut-off; names; tuned cut-offs."""
        func, n_curves = type(self).__name__, len(self.thresholds)
        per_label(self.scores, n_curves, "scores", func)
        default = [f"label {j}" for j in range(n_curves)]
        names = check_names(self.label_names, n_curves, func, default)
        marks, name = self.tuned_thresholds, "tuned_thresholds"
        tuned = check_cut_offs_to_mark(marks, n_curves, func, name)
        curves = []
        for t, s in zip(self.thresholds, self.scores):
            t, s = np.asarray(t, dtype=np.float64), np.asarray(s, dtype=np.float64)
            per_label(s, t.size, "scores", func, per="cut-off")
            order = np.argsort(t, kind="stable")
            curves.append((t[order], s[order]))
        return curves, names, tuned

    def _x_range(self, curves, tuned):
        values = [t[np.isfinite(t)] for t, _ in curves]
        if tuned is not None:
            values.append(tuned[np.isfinite(tuned)])
        if self.default_threshold is not None:
            values.append(np.array([float(self.default_threshold)]))
        values = np.concatenate(values)
        lo, hi = (values.min(), values.max()) if values.size else (0.0, 1.0)
        if lo >= 0 and hi <= 1:
            lo, hi = 0.0, 1.0
        pad = 0.05 * (hi - lo) or 0.05
        return lo - pad, hi + pad

    def _shade_spread(self, ax, tuned, handles):
        """A band of one standard deviation of the fold cut-offs around each
        marked cut-off, in its curve's colour."""
        self.spread_bands_ = None
        if self.threshold_spread is None:
            return
        func, n_curves = type(self).__name__, len(self.lines_)
        spread = np.asarray(self.threshold_spread, dtype=np.float64)
        per_label(spread, n_curves, "threshold_spread", func)
        from matplotlib.patches import Patch

        self.spread_bands_ = []
        for cut_off, width, line in zip(tuned, spread, self.lines_):
            band = None
            if np.isfinite(cut_off) and np.isfinite(width):
                band = ax.axvspan(
                    cut_off - width, cut_off + width, color=line.get_color(),
                    alpha=0.15, linewidth=0,
                )  # fmt: skip
            self.spread_bands_.append(band)
        label = "fold spread of the cut-off (1 std)"
        handles.append(Patch(color="gray", alpha=0.3, label=label))

    def plot(self, ax=None, *, name=None, **kwargs):
        """Draw the curves, the tuned cut-offs and the default cut-off.

        Parameters
        ----------
        ax : matplotlib Axes, default=None
            Axes to draw on; None makes a new figure.
        name : str, default=None
            Title of the axes; None sets none.
        **kwargs : dict
            Passed to matplotlib's ``plot`` for every curve (for example
            ``linewidth=2`` or ``drawstyle="default"``).

        Returns
        -------
        display : ThresholdCurveDisplay
            The display, with the drawn artists as attributes.
        """
        curves, names, tuned = self._curves()
        try:
            import matplotlib.pyplot as plt
            from matplotlib.lines import Line2D
        except ImportError as exc:
            raise ImportError(
                "ThresholdCurveDisplay needs matplotlib: pip install "
                "'skmultimetrics[plot]' (from a clone of the repository: "
                "pip install '.[plot]')"
            ) from exc

        if ax is None:
            # constrained layout keeps the legend, outside the axes, in the figure
            _, ax = plt.subplots(layout="constrained", figsize=(8.0, 4.8))
        left, right = self._x_range(curves, tuned)
        self.lines_ = []
        for (t, s), label in zip(curves, names):
            x = np.clip(t, left, right)
            if x[0] > left:  # below the lowest cut-off, its value
                x, s = np.r_[left, x], np.r_[s[0], s]
            style = {"drawstyle": "steps-pre", "label": label, **kwargs}
            self.lines_ += ax.plot(x, s, **style)
        handles, dot = list(self.lines_), {"marker": "o", "linestyle": "none"}
        self.tuned_markers_ = self.spread_bands_ = None
        if tuned is not None:
            self.tuned_markers_ = []
            for (t, s), cut_off, line in zip(curves, tuned, self.lines_):
                # the value drawn at cut_off: that of the lowest cut-off >= it
                y = s[min(np.searchsorted(t, cut_off, side="left"), t.size - 1)]
                x, color = np.clip(cut_off, left, right), line.get_color()
                self.tuned_markers_ += ax.plot(
                    [x], [y], color=color, mec="black", zorder=3, **dot
                )
            label = str(self.marks_label)
            handles.append(Line2D([], [], color="w", mec="k", label=label, **dot))
            self._shade_spread(ax, tuned, handles)
        self.default_line_ = None
        if self.default_threshold is not None:
            cut_off = float(self.default_threshold)
            label = f"default cut-off ({cut_off:g})"
            self.default_line_ = ax.axvline(
                cut_off, color="gray", linestyle="--", linewidth=1, label=label
            )
            handles.append(self.default_line_)
        ax.set_xlim(left, right)
        ax.set_xlabel("cut-off t (predict score >= t)")
        metric = str(self.metric)
        ax.set_ylabel(METRIC_NAMES.get(metric, metric.replace("_", " ").capitalize()))
        if name is not None:
            ax.set_title(name)
        # beside the axes, where it covers no curve
        ax.legend(
            handles=handles,
            loc="upper left",
            bbox_to_anchor=(1.02, 1.0),
            borderaxespad=0,
        )
        self.ax_, self.figure_ = ax, ax.figure
        return self

    @classmethod
    def from_predictions(
        cls,
        y_true,
        y_score,
        *,
        labels=None,
        label_names=None,
        metric="f1",
        thresholds=None,
        sample_weight=None,
        max_labels=10,
        metric_params=None,
        default_threshold=0.5,
        name=None,
        ax=None,
        **kwargs,
    ):
        """Plot each label's metric against the cut-off, from scores.

        Parameters
        ----------
        y_true : array-like or sparse matrix of shape (n_samples, n_labels) \
or (n_samples,)
            Binary label-indicator matrix, or binary 1-D labels (one curve).
        y_score : array-like of shape (n_samples, n_labels) or (n_samples,)
            Scores, in any layout :func:`threshold_sweep` takes.
        labels : array-like of int, default=None
            Indices of the labels to draw. Default: every label when there are
            at most ``max_labels``, else the ``max_labels`` labels with the
            most positive samples (the lower index among equals); drawn in
            index order.
        label_names : list of str, default=None
            Names of all ``n_labels`` labels, for the legend. Default
            ``"label {j}"`` (``"positive class"`` for 1-D ``y_true``).
        metric : {"f1", "fbeta", "precision", "recall", "jaccard", \
"accuracy", "balanced_accuracy", "matthews"}, default="f1"
            The per-label metric, as in :func:`threshold_sweep`.
        thresholds : float or array-like of shape (n_labels,), default=None
            Cut-offs to mark, one per label, for example tuned ones; also in
            :func:`multilabel_report`'s spelling of one per-label row,
            ``[cut_offs]``. Default: each label's best cut-off in the sweep.
        sample_weight : array-like of shape (n_samples,), default=None
            Sample weights.
        max_labels : int, default=10
            The most labels drawn when ``labels`` is None.
        metric_params : dict, default=None
            ``beta`` and ``zero_division`` of :func:`threshold_sweep`.
        default_threshold : float or None, default=0.5
            Where to draw the dashed line; None draws none.
        name : str, default=None
            Title of the axes.
        ax : matplotlib Axes, default=None
            Axes to draw on; None makes a new figure.
        **kwargs : dict
            Passed to matplotlib's ``plot`` for every curve.

        Returns
        -------
        display : ThresholdCurveDisplay
            Each cut-off of :func:`threshold_sweep` is moved to the lowest
            score it predicts positive, where its curve steps (``inf`` stays).
        """
        func = f"{cls.__name__}.from_predictions"
        options = {"labels": labels, "label_names": label_names}
        options.update(thresholds=thresholds, max_labels=max_labels)
        weight, params = sample_weight, metric_params or {}
        args = swept(y_true, y_score, metric, weight, params, func, **options)
        n_labels = args.pop("n_labels")
        args.pop("drawn")
        name = titled(name, len(args["label_names"]), n_labels, labels is not None)
        marks = "best on these data" if thresholds is None else "given cut-off"
        display = cls(
            **args,
            metric=metric,
            default_threshold=default_threshold,
            marks_label=marks,
        )
        return display.plot(ax=ax, name=name, **kwargs)

    @classmethod
    def from_estimator(
        cls,
        estimator,
        X,
        y,
        *,
        source="data",
        response_method="auto",
        labels=None,
        label_names=None,
        metric=None,
        thresholds=None,
        sample_weight=None,
        max_labels=10,
        name=None,
        ax=None,
        **kwargs,
    ):
        """Plot each label's metric against the cut-off for a fitted estimator.

        The estimator is scored on ``X`` and swept on ``y`` as in
        :meth:`from_predictions`. For a fitted :class:`ThresholdOptimizer`,
        also at the end of a pipeline or as a search's ``best_estimator_``,
        its ``thresholds_`` are marked as the tuned cut-offs; otherwise the
        dots mark each label's best cut-off on the data drawn ("best on these
        data"). With ``source="cv_results"`` a ``ThresholdOptimizer`` fitted
        with ``store_cv_results=True`` has its out-of-fold curves of the
        training data drawn from ``cv_results_`` instead, as stored.

        Parameters
        ----------
        estimator : estimator
            A fitted classifier with ``predict_proba`` or ``decision_function``:
            a :class:`ThresholdOptimizer`, a pipeline or search ending in one,
            or any other.
        X : array-like or sparse matrix of shape (n_samples, n_features)
            The samples scored; unused (may be None) with
            ``source="cv_results"``.
        y : array-like of shape (n_samples,) or (n_samples, n_labels)
            Binary labels or a binary label-indicator matrix (the columns of a
            DataFrame name the curves); unused (may be None) with
            ``source="cv_results"``.
        source : {"data", "cv_results"}, default="data"
            ``"data"``: the curves of the estimator's scores on ``X`` against
            ``y``. ``"cv_results"``: the out-of-fold curves that a
            :class:`ThresholdOptimizer` (also inside a pipeline or search)
            fitted with ``store_cv_results=True`` keeps in ``cv_results_``,
            as stored: what it tuned on, not these data.
        response_method : {"auto", "predict_proba", "decision_function"}, \
default="auto"
            The scores; "auto" prefers ``predict_proba`` (for a
            :class:`ThresholdOptimizer`: its own ``response_method``, the
            scale of its ``thresholds_``).
        labels, label_names, max_labels, name, ax, **kwargs
            As in :meth:`from_predictions`.
        metric : str, default=None
            As in :meth:`from_predictions`; None means "f1", or for curves
            from ``cv_results_`` the optimizer's per-label metric, the only
            one allowed there.
        thresholds : float or array-like of shape (n_labels,), default=None
            Cut-offs to mark. Default: the ``thresholds_`` of the
            :class:`ThresholdOptimizer` that decides, else each label's best
            cut-off on these data.
        sample_weight : array-like of shape (n_samples,), default=None
            Sample weights; must be None for curves from ``cv_results_``
            (weighted as at ``fit``).

        Returns
        -------
        display : ThresholdCurveDisplay
            The default cut-off is 0.5 for ``predict_proba`` and 0.0 for
            ``decision_function`` scores.
        """
        func = f"{cls.__name__}.from_estimator"
        if not isinstance(source, str) or source not in SOURCES:
            raise param_error(func, "source", f"one of {SOURCES}", source)
        if response_method not in RESPONSE_METHODS:
            must = f"one of {RESPONSE_METHODS}"
            raise param_error(func, "response_method", must, response_method)
        check_is_fitted(estimator)
        title = type(estimator).__name__
        options = {"labels": labels, "label_names": label_names}
        options.update(thresholds=thresholds, max_labels=max_labels)
        marks = "best on these data" if thresholds is None else "given cut-off"
        # the ThresholdOptimizer that decides: the estimator, the last step of a
        # pipeline, or a search's best_estimator_ (recursively)
        chain = meta_chain(estimator)
        optimizer = next((e for e in chain if isinstance(e, ThresholdOptimizer)), None)
        if getattr(optimizer, "_target_kind", None) == "multiclass":
            raise ValueError(
                f"{func} draws the cut-offs of binary and multi-label targets; "
                "this ThresholdOptimizer holds multiclass weights (per class, "
                "fit with store_cv_results=True and read cv_results_['thresholds'] "
                "and cv_results_['scores'])."
            )
        if optimizer is not None:
            if thresholds is None:
                options["thresholds"] = optimizer.thresholds_
                marks = "tuned cut-off"
            if response_method == "auto":
                response_method = optimizer.response_method
        if response_method == "auto":
            proba = hasattr(estimator, "predict_proba")
            response_method = "predict_proba" if proba else "decision_function"
        if source == "cv_results":
            if not hasattr(optimizer, "cv_results_"):
                raise ValueError(
                    f"{func} draws curves from cv_results_ (source='cv_results') "
                    "only for a ThresholdOptimizer fitted with "
                    "store_cv_results=True, also inside a pipeline or search; "
                    f"got {title}. Use source='data' to draw the curves of X "
                    "and y."
                )
            args, metric = stored(optimizer, metric, sample_weight, func, **options)
            title = f"{title} (out-of-fold)"
        else:
            # a ThresholdOptimizer, and a pipeline or search ending in one, pass
            # its estimator_'s scores through
            y, scores = estimator_scores(estimator, X, y, response_method, func)
            metric = "f1" if metric is None else metric
            args = swept(y, scores, metric, sample_weight, {}, func, **options)
        default = 0.0 if response_method == "decision_function" else 0.5
        n_labels, drawn = args.pop("n_labels"), args.pop("drawn")
        spread = getattr(optimizer, "cv_results_", {}).get("fold_threshold_std")
        if spread is not None and thresholds is None:
            args["threshold_spread"] = np.asarray(spread)[drawn]
        title = titled(
            title if name is None else name,
            len(args["label_names"]),
            n_labels,
            labels is not None,
        )
        display = cls(
            **args, metric=metric, default_threshold=default, marks_label=marks
        )
        return display.plot(ax=ax, name=title, **kwargs)
