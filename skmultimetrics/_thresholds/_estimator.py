"""ThresholdOptimizer: per-label cut-offs tuned by cross-validation."""

import numbers
from functools import partial

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin, MetaEstimatorMixin, clone
from sklearn.utils.metadata_routing import MetadataRouter, MethodMapping
from sklearn.utils.metaestimators import available_if
from sklearn.utils.validation import check_is_fitted

from .._checks._params import check_cut_offs, check_sample_weight, param_error
from ._decisions import apply_cut_offs, estimator_has, wrapper_tags
from ._folds import (
    binary_or_multilabel,
    class_scores,
    estimator_response,
    fit_inputs,
    out_of_fold,
)
from ._multiclass_cv import check_multiclass, prefit_classes, tune_classes
from ._multilabel_cv import fit_labels
from ._optimize import STRATEGIES

AGGREGATES = ("pooled", "fold_mean")
RESPONSE_METHODS = ("auto", "predict_proba", "decision_function")
KEEP_TUNED = ("auto", "always", "if_better")
SHRINK = ("auto", "none", "shared")


class ThresholdOptimizer(ClassifierMixin, MetaEstimatorMixin, BaseEstimator):
    """Tune one cut-off per label (or one weight per class) by cross-validation.

    Read more in the :ref:`User Guide <which_cutoff_sklearn>`.

    ``fit`` gets out-of-fold scores of ``estimator`` by cross-validation (``cv +
    1`` fits in all, whatever the number of labels), chooses the cut-offs that
    maximise ``scoring`` on them with :func:`optimize_thresholds`, then refits
    ``estimator`` on all the data. ``predict`` applies the cut-offs;
    ``predict_proba`` and ``decision_function`` pass through. Binary and
    multi-label targets (scikit-learn's ``TunedThresholdClassifierCV`` refuses
    the latter), and multiclass targets: one positive weight ``w_c`` per class,
    ``predict`` is ``classes_[argmax(predict_proba / thresholds_)]`` with
    ``thresholds_ = 1 / w`` (mlr3's convention; all ones is the plain argmax),
    tuned by exact coordinate ascent over the breakpoints where a sample's
    decision changes (see :func:`optimize_thresholds`).

    Parameters
    ----------
    estimator : estimator
        A classifier with ``predict_proba`` or ``decision_function``.
    scoring : str or callable, default=None
        The objective: a name of :func:`optimize_thresholds` (``"f1_macro"``,
        ``"f1_micro"``, ``"f1_samples"``, ``"subset_accuracy"``,
        ``"f2_macro"``, ...), a scorer ``scorer(estimator, X, y)`` or a metric
        ``f(y_true, y_pred)``. Names and :func:`get_scorer`'s scorers are
        searched exactly, other scorers and callables by coordinate ascent
        (slower, not exact). Default: F1 of the positive class for binary
        targets, macro F1 otherwise. Read more in the
        :ref:`user guide <threshold_optimizer_scoring>`.
    constraint : tuple of (str, float), default=None
        ``(metric, level)``, such as ``("precision", 0.9)`` with
        ``scoring="recall_macro"``: per label, the cut-off that maximises the
        objective among those whose out-of-fold ``metric`` reaches ``level``
        (see :func:`optimize_thresholds`); a label where none does gets the
        cut-off of the highest ``metric``, and ``cv_results_["constraint_met"]``
        says which labels met it. It holds on the tuning data only (on new
        data a cut-off at the edge misses it about half the time); see
        ``confidence_level``. Multiclass targets: ``(metric, level,
        class)``, one class's ``"precision"``, ``"recall"``, ``"f1"``,
        ``"jaccard"`` or ``"specificity"`` (see :func:`optimize_thresholds`).
    confidence_level : float in (0, 1), default=None
        Certify the ``constraint`` (recall, sensitivity, specificity or
        precision) on the population: per label, only cut-offs whose metric
        reaches the level with probability at least ``confidence_level`` are
        candidates (see :func:`optimize_thresholds`); a precision floor that
        no cut-off is certified to meet predicts none, with a warning.
        Exact with ``cv="prefit"`` and a calibration set the estimator was
        not fitted on; with cross-validation folds the out-of-fold scores come
        from other models than the refitted one: approximate. Not with
        ``sample_weight``, ``thresholds`` or ``aggregate="fold_mean"``.
        Multiclass targets: one class's recall, specificity or precision,
        certified as :func:`optimize_thresholds` does; the certified weights
        are kept (no ``keep_tuned`` fallback to the plain argmax).
    simultaneous : bool, default=False
        With ``confidence_level``: for all labels at once.
    strategy : {"auto", "per_label", "global", "coordinate"}, default="auto"
        The search of :func:`optimize_thresholds`.
    thresholds : None, int or array-like, default=None
        Candidate cut-offs. ``None``: every distinct out-of-fold score (exact).
        An int: that many quantiles of each label's out-of-fold scores (of the
        pooled scores with ``strategy="global"``). An array: these cut-offs for
        every label. The tuned cut-offs are then taken from the candidates.
    cv : int, cross-validation generator, iterable or "prefit", default=5
        How to get out-of-fold scores; ``"prefit"`` tunes an already fitted
        ``estimator`` on the data given to ``fit`` and refits nothing.
    aggregate : {"pooled", "fold_mean"}, default="pooled"
        ``"pooled"``: one search on all out-of-fold scores. ``"fold_mean"``: the
        mean of each fold's best cut-off (folds without a label's positives are
        left out for that label); measured, with a macro objective it kept
        held-out macro-F1 and raised micro-F1 (see docs/performance.rst).
        Binary and multi-label targets only.
    response_method : {"auto", "predict_proba", "decision_function"}, \
default="auto"
        The scores to threshold; "auto" prefers ``predict_proba``.
    n_jobs : int, default=None
        Folds fitted in parallel through joblib (so ``joblib.parallel_config``
        chooses the backend, e.g. Dask).
    random_state : int, RandomState instance or None, default=None
        With an int ``cv``: ``None`` keeps ``check_cv``'s unshuffled folds
        (``StratifiedKFold`` for binary and multiclass, ``KFold`` for
        multi-label targets);
        otherwise the same splitters shuffle with this seed. Ignored when
        ``cv`` is a splitter, an iterable or "prefit".
    keep_tuned : {"auto", "always", "if_better"}, default="auto"
        Multiclass targets: ``"if_better"`` keeps the tuned weights only when
        their cross-validated gain over the plain argmax exceeds one standard
        error, else all thresholds are 1; ``"always"`` keeps them. ``"auto"``
        is ``"if_better"`` for multiclass targets without a ``constraint``,
        ``"always"`` otherwise: as for binary and multi-label targets, a
        constraint keeps the tuned weights (the plain argmax ignores it) and
        refuses ``"if_better"``.
        Read more in the :ref:`user guide <threshold_optimizer_keep_tuned>`.
    shrink : {"auto", "none", "shared"}, default="auto"
        ``"shared"`` moves each label's cut-off toward the best cut-off shared
        by all labels, by its empirical-Bayes weight: noisy cut-offs (of rare
        labels, mostly) move, stable ones stay. ``"auto"`` is ``"shared"`` for
        micro averages, ``"none"`` otherwise. Needs three labels and two folds;
        not with a ``constraint`` or multiclass targets. Read more in the
        :ref:`user guide <threshold_optimizer_shrink>`.
    store_cv_results : bool, default=False
        Keep per-fold cut-offs and the out-of-fold data summary in
        ``cv_results_``.
    verbose : int, default=0
        Fold progress: the number of folds, then joblib's progress messages
        (more with higher values); with a scorer object or callable
        ``scoring``, that it is searched by coordinate ascent, and its cost.

    Attributes
    ----------
    estimator_ : estimator
        The estimator refitted on all data (or ``estimator`` with "prefit").
    thresholds_ : float or ndarray of shape (n_labels,) or (n_classes,)
        The cut-offs; ``inf`` never predicts a label (no positive in training,
        or fewer positives than folds, all scored below every negative);
        ``-inf`` always predicts it (its best cut-off is below every score).
        A cut-off that predicts a label on far more out-of-fold rows than it
        occurs, a share above ``max(10 x prevalence, prevalence + 0.5)``,
        raises one UserWarning naming the labels (by the DataFrame column
        names of ``y`` when it has them): at ten times the prevalence and
        above half the rows, a label is no longer a rare event but most
        predictions, which a macro objective buys for a small gain of the
        label's own F1 at the cost of every pooled metric. Remedies:
        ``shrink="shared"``, a precision ``constraint``. For
        multiclass targets, ``1 / w`` per class.
    best_score_ : float
        The objective at ``thresholds_`` on the out-of-fold scores.
    classes_ : ndarray
        The classes (binary, multiclass) or ``arange(n_labels)`` (multi-label).
    cv_results_ : dict
        With ``store_cv_results=True``, arrays with one entry per label (per
        class for multiclass targets); read more in the
        :ref:`user guide <threshold_optimizer_cv_results>`.

        ``thresholds``, ``scores``
            Each label's candidate cut-offs, and the objective at each on the
            out-of-fold scores.
        ``fold_thresholds``, ``fold_threshold_std``
            Each fold's own optimal cut-offs, and their standard deviation.
        ``n_positives``, ``fallback``
            Positives per label; ``"none"``, ``"pooled"`` (fewer positives
            than folds) or ``"never"`` (never predicted).
        ``shrink_weight``
            The weight of each label's own cut-off under ``shrink``.
        ``constraint_met``, ``constraint_bound``
            Whether each label met ``constraint`` (with ``confidence_level``:
            whether a cut-off is certified), and the certified lower bound of
            the constraint metric at the chosen cut-off (multiclass: one bool
            and one float, of the constrained class).
        ``predicted_share``, ``flooding``
            The share of out-of-fold rows each cut-off predicts, and whether
            it floods (see ``thresholds_``).
        ``gain``, ``fold_gains``, ``kept``
            Multiclass targets with ``keep_tuned="if_better"`` and no
            ``constraint``.

    Examples
    --------
    >>> from sklearn.datasets import make_multilabel_classification
    >>> from sklearn.linear_model import LogisticRegression
    >>> from sklearn.multiclass import OneVsRestClassifier
    >>> from skmultimetrics import ThresholdOptimizer
    >>> X, Y = make_multilabel_classification(n_samples=300, random_state=0)
    >>> model = ThresholdOptimizer(OneVsRestClassifier(LogisticRegression()), cv=3)
    >>> model.fit(X, Y).thresholds_.round(3)   # one cut-off per label
    array([0.551, 0.319, 0.24 , 0.477, 0.279])
    >>> round(model.best_score_, 3)   # out-of-fold macro F1 at these cut-offs
    0.712
    >>> model.predict(X).shape
    (300, 5)

    A multiclass target: one threshold per class, ``predict`` divides the
    probabilities by them.

    >>> import numpy as np
    >>> from sklearn.datasets import load_iris
    >>> X, y = load_iris(return_X_y=True)
    >>> model = ThresholdOptimizer(LogisticRegression(max_iter=1000), cv=3)
    >>> model.fit(X, y).thresholds_   # here the plain argmax is best
    array([1., 1., 1.])
    >>> proba = model.predict_proba(X)
    >>> bool((model.predict(X) == np.argmax(proba / model.thresholds_, axis=1)).all())
    True
    """

    def __init__(
        self,
        estimator,
        *,
        scoring=None,
        constraint=None,
        confidence_level=None,
        simultaneous=False,
        strategy="auto",
        thresholds=None,
        cv=5,
        aggregate="pooled",
        response_method="auto",
        n_jobs=None,
        random_state=None,
        keep_tuned="auto",
        shrink="auto",
        store_cv_results=False,
        verbose=0,
    ):
        self.estimator = estimator
        self.scoring = scoring
        self.constraint = constraint
        self.confidence_level = confidence_level
        self.simultaneous = simultaneous
        self.strategy = strategy
        self.thresholds = thresholds
        self.cv = cv
        self.aggregate = aggregate
        self.response_method = response_method
        self.n_jobs = n_jobs
        self.random_state = random_state
        self.keep_tuned = keep_tuned
        self.shrink = shrink
        self.store_cv_results = store_cv_results
        self.verbose = verbose

    def _check_params(self):
        name = type(self).__name__
        for param, options in (
            ("strategy", STRATEGIES),
            ("aggregate", AGGREGATES),
            ("response_method", RESPONSE_METHODS),
            ("keep_tuned", KEEP_TUNED),
            ("shrink", SHRINK),
        ):
            if getattr(self, param) not in options:
                raise param_error(
                    name, param, f"one of {options}", getattr(self, param)
                )
        candidates = self.thresholds
        if isinstance(candidates, numbers.Integral) and not isinstance(
            candidates, bool
        ):
            if candidates < 2:
                must = "None, an int >= 2 or a 1-D array of cut-offs"
                raise param_error(name, "thresholds", must, candidates)
        elif candidates is not None:
            check_cut_offs(candidates, None, name, "thresholds")

    def fit(self, X, y, sample_weight=None, **fit_params):
        """Tune the cut-offs on out-of-fold scores, then refit ``estimator``.

        Parameters
        ----------
        X : array-like or sparse matrix of shape (n_samples, n_features)
            The samples.
        y : array-like of shape (n_samples,) or (n_samples, n_labels)
            Binary labels of any two classes (the greater is the positive
            one, as scikit-learn; ``predict`` returns them), multiclass
            labels, or a label-indicator matrix of 0 and 1 (any other values
            are refused).
        sample_weight : array-like of shape (n_samples,), default=None
            Weights the search for the cut-offs and is passed to
            ``estimator.fit`` (with metadata routing enabled: if the estimator
            requests it; request it of this estimator with
            ``set_fit_request(sample_weight=True)``).
        **fit_params : dict
            Passed to ``estimator.fit`` on every fit (with metadata routing
            enabled, as the estimator requests them); arrays with one entry per
            sample are cut to each fold's training rows.

        Returns
        -------
        self : ThresholdOptimizer
            The fitted estimator.
        """
        self._check_params()
        X, y, fit_params = fit_inputs(self, X, y, sample_weight, fit_params)
        if y.shape[0] < 2:
            raise ValueError(
                "ThresholdOptimizer needs at least 2 samples to tune cut-offs; "
                f"got n_samples = {y.shape[0]}."
            )
        weight = check_sample_weight(sample_weight, y.shape[0], "ThresholdOptimizer")
        prefit = isinstance(self.cv, str) and self.cv == "prefit"
        fitted = getattr(self.estimator, "classes_", None) if prefit else None
        classes, truth = binary_or_multilabel(y, fitted)
        params = self.get_params(deep=False)
        folding = (self.cv, self.random_state, self.n_jobs, self.verbose)
        if truth.ndim == 1:  # multiclass: each sample's class index
            kind, checked = "multiclass", check_multiclass(params, classes, weight)
            if prefit:
                classes, truth = prefit_classes(self.estimator, y)
            score = partial(class_scores, classes=classes)
            folds, scores = out_of_fold(
                self.estimator, X, y, truth, fit_params, score, folding
            )
            found = tune_classes(checked, truth, scores, folds, weight, classes, params)
        else:
            kind, found = fit_labels(
                X, y, truth, classes, fit_params, weight, params, folding
            )
        self.classes_, self._target_kind = classes, kind
        self.thresholds_, self.best_score_ = found.thresholds, found.best_score
        if found.cv_results is not None:
            self.cv_results_ = found.cv_results
        if prefit:
            self.estimator_ = self.estimator
        else:
            self.estimator_ = clone(self.estimator).fit(X, y, **fit_params)
        return self

    def get_metadata_routing(self):
        """Get the metadata routing of this object.

        ``fit`` routes metadata to ``estimator.fit``, as it requests;
        ``sample_weight`` given to ``fit`` also weights the search.

        Returns
        -------
        routing : MetadataRouter
            A :class:`~sklearn.utils.metadata_routing.MetadataRouter`
            encapsulating the routing information.
        """
        return (
            MetadataRouter(owner=self)
            .add_self_request(self)
            .add(
                estimator=self.estimator,
                method_mapping=MethodMapping().add(caller="fit", callee="fit"),
            )
        )

    def predict(self, X):
        """Predict the labels that the tuned cut-offs give.

        0/1 per label, the binary classes, or
        ``classes_[argmax(predict_proba / thresholds_)]`` (multiclass).

        Parameters
        ----------
        X : array-like or sparse matrix of shape (n_samples, n_features)
            The samples.

        Returns
        -------
        y_pred : ndarray of shape (n_samples,) or (n_samples, n_labels)
            The predicted classes, or the 0/1 label-indicator matrix.
        """
        check_is_fitted(self)
        if self._target_kind == "multiclass":
            scores = class_scores(self.estimator_, X, self.classes_)
            kind = "multiclass"
        else:
            binary = np.ndim(self.thresholds_) == 0
            scores = estimator_response(
                self.estimator_, X, self.response_method, binary
            )
            kind = "binary" if binary else "multilabel"
        return apply_cut_offs(kind, self.classes_, scores, self.thresholds_)

    @available_if(estimator_has("predict_proba"))
    def predict_proba(self, X):
        """The estimator's ``predict_proba``."""
        check_is_fitted(self)
        return self.estimator_.predict_proba(X)

    @available_if(estimator_has("decision_function"))
    def decision_function(self, X):
        """The estimator's ``decision_function``."""
        check_is_fitted(self)
        return self.estimator_.decision_function(X)

    @property
    def n_features_in_(self):
        check_is_fitted(self)
        return self.estimator_.n_features_in_

    @property
    def feature_names_in_(self):
        check_is_fitted(self)
        return self.estimator_.feature_names_in_

    def __sklearn_tags__(self):
        return wrapper_tags(super().__sklearn_tags__(), self.estimator)
