"""FixedThresholdClassifier: cut-offs chosen elsewhere, applied around an
estimator (binary, multi-label and multiclass targets)."""

import os
from typing import ClassVar

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin, MetaEstimatorMixin, clone
from sklearn.exceptions import NotFittedError
from sklearn.utils.metadata_routing import (
    UNUSED,
    MetadataRouter,
    MethodMapping,
)
from sklearn.utils.metaestimators import available_if
from sklearn.utils.validation import check_is_fitted

from .._checks._params import param_error
from .._checks._scores import read_scores
from .._checks._targets import target_type
from ._cut_off_file import NAME, is_path, read_file, resolve_cut_offs
from ._decisions import apply_cut_offs, estimator_has, wrapper_tags
from ._folds import class_scores, fit_inputs, indexable

RESPONSE_METHODS = ("auto", "predict_proba", "decision_function")


def _target_of(y):
    """``(kind, classes, names)`` of a target given to ``fit``: the classes
    (``arange(n_labels)`` for multi-label) and the names cut-offs are aligned
    to (a DataFrame's columns, the classes of a multiclass target, or None)."""
    kind = target_type(y, "y", NAME)
    columns = getattr(y, "columns", None)
    names = None if columns is None else list(columns)
    if kind == "multilabel-indicator":
        return "multilabel", np.arange(y.shape[1]), names
    if kind == "multiclass":
        classes = np.unique(np.asarray(y).ravel())
        return "multiclass", classes, list(classes)
    if kind == "binary":
        classes = np.unique(np.asarray(y).ravel())
        if classes.shape[0] != 2:
            raise ValueError(
                f"{NAME} needs two classes in y; y has one class {classes.tolist()}."
            )
        return "binary", classes, names
    raise ValueError(
        f"{NAME} supports binary, multiclass and multi-label indicator targets; "
        f"got a {kind} target."
    )


def _first_row(X):
    X = indexable(X)
    return X.iloc[:1] if hasattr(X, "iloc") else X[:1]


def _prefit_target(estimator, X):
    """``(kind, classes, None)`` of an estimator fitted elsewhere, read from its
    ``classes_`` and the shape of its ``predict`` on the first row of ``X``."""
    classes = getattr(estimator, "classes_", None)
    if isinstance(classes, list):  # one array of classes per output
        return "multilabel", np.arange(len(classes)), None
    predicted = estimator.predict(_first_row(X))
    if len(np.shape(predicted)) == 2 and np.shape(predicted)[1] > 1:
        return "multilabel", np.arange(np.shape(predicted)[1]), None
    if classes is None:
        raise ValueError(
            f"{NAME} needs the classes_ of the fitted {type(estimator).__name__}."
        )
    classes = np.asarray(classes)
    if classes.shape[0] == 2:
        return "binary", classes, None
    if classes.shape[0] > 2:
        return "multiclass", classes, list(classes)
    raise ValueError(
        f"{NAME} needs an estimator fitted on two or more classes; "
        f"{type(estimator).__name__} has classes_ {classes.tolist()}."
    )


class FixedThresholdClassifier(ClassifierMixin, MetaEstimatorMixin, BaseEstimator):
    """Classifier with fixed cut-offs: one per label, or one weight per class.

    Read more in the :ref:`User Guide <pipelines>`.

    scikit-learn's :class:`~sklearn.model_selection.FixedThresholdClassifier`
    for binary targets, and also for multi-label targets (one cut-off per
    label: label ``j`` is predicted where its score is ``>= threshold[j]``) and
    multiclass targets (``predict`` is ``classes_[argmax(predict_proba /
    threshold)]``, ``threshold = 1 / w`` for class weights ``w``, as
    :class:`ThresholdOptimizer`'s ``thresholds_``). ``threshold`` may be the
    file that ``skmultimetrics report --tune --output`` writes, aligned to the
    labels by name. Nothing is tuned: for cut-offs chosen by cross-validation,
    see :class:`ThresholdOptimizer`.

    Parameters
    ----------
    estimator : estimator
        A classifier with ``predict_proba`` or ``decision_function``
        (multiclass targets: ``predict_proba``), fitted or not. ``fit`` fits a
        clone of it, as scikit-learn's class does; without ``fit``, ``predict``
        uses a fitted ``estimator`` as it is.
    threshold : float, "auto", array-like, pandas Series, str or \
os.PathLike, default=0.5
        The cut-offs. A float: one cut-off for every label (the binary target's
        positive class ``classes_[1]`` is predicted where its score is ``>=``
        it; for a multiclass target every class gets the same weight, the plain
        argmax). An array of shape (n_labels,) for multi-label targets, in the
        order of the columns of y (``inf`` never predicts a label, ``-inf``
        always does), or of shape (n_classes,) for multiclass targets, in the
        order of ``classes_``: positive thresholds ``1 / w`` (``inf`` never
        predicts the class). A pandas Series indexed
        by label name is aligned to the columns of the DataFrame y given to
        ``fit`` (multiclass: by class). A path (str or os.PathLike): the file of
        ``skmultimetrics report --tune --output FILE`` (JSON with ``"labels"``
        and ``"thresholds"``, infinite cut-offs as ``"inf"`` / ``"-inf"`` or
        JSON numbers; or text, one cut-off per line), read by ``fit``, aligned
        by label name to the columns of the DataFrame y (a missing or extra name
        is an error); without names on either side (the command line's default
        ``"label 0"``, ``"label 1"``, ... or a y without column names) the
        file's order is used and the number must match. ``"auto"``:
        scikit-learn's default, 0.5 for ``predict_proba`` scores and 0 for
        ``decision_function`` scores (the default 0.5 is applied to either).
        Changed with ``set_params``, it applies at the next ``predict``, as in
        scikit-learn (a file then is read again). A fitted ``estimator`` used
        without ``fit`` has no column names of y: the file is read at each
        ``predict`` and its order is used.
    response_method : {"auto", "predict_proba", "decision_function"}, \
default="auto"
        The scores to cut; "auto" prefers ``predict_proba``. Multiclass
        targets use ``predict_proba``.

    Attributes
    ----------
    estimator_ : estimator
        The clone of ``estimator`` fitted by ``fit``.
    thresholds_ : float or ndarray of shape (n_labels,) or (n_classes,)
        The cut-offs ``predict`` applies, aligned to the labels (or classes).
    classes_ : ndarray
        The classes (binary, multiclass) or ``arange(n_labels)`` (multi-label).
    n_features_in_ : int
        The estimator's, where it has it.
    feature_names_in_ : ndarray of str
        The estimator's, where it has it.

    See Also
    --------
    ThresholdOptimizer : Cut-offs tuned by cross-validation.

    Examples
    --------
    One cut-off per label:

    >>> import numpy as np
    >>> from sklearn.datasets import make_multilabel_classification
    >>> from sklearn.linear_model import LogisticRegression
    >>> from sklearn.multiclass import OneVsRestClassifier
    >>> from skmultimetrics import FixedThresholdClassifier
    >>> X, Y = make_multilabel_classification(n_samples=100, n_classes=3,
    ...                                       random_state=0)
    >>> model = FixedThresholdClassifier(
    ...     OneVsRestClassifier(LogisticRegression()), threshold=[0.3, 0.5, 0.7]
    ... ).fit(X, Y)
    >>> proba = model.predict_proba(X)
    >>> bool((model.predict(X) == (proba >= [0.3, 0.5, 0.7])).all())
    True

    A multiclass target: ``predict`` divides the probabilities by the
    thresholds.

    >>> from sklearn.datasets import load_iris
    >>> X, y = load_iris(return_X_y=True)
    >>> model = FixedThresholdClassifier(
    ...     LogisticRegression(max_iter=1000), threshold=[1.0, 2.0, 0.5]
    ... ).fit(X, y)
    >>> proba = model.predict_proba(X)
    >>> expected = np.argmax(proba / [1.0, 2.0, 0.5], axis=1)
    >>> bool((model.predict(X) == model.classes_[expected]).all())
    True
    """

    # sample_weight is only passed on to the estimator: nothing to request here
    __metadata_request__fit: ClassVar[dict] = {"sample_weight": UNUSED}

    def __init__(self, estimator, *, threshold=0.5, response_method="auto"):
        self.estimator = estimator
        self.threshold = threshold
        self.response_method = response_method

    def _method(self, estimator):
        """The response method whose scores are cut."""
        if self.response_method != "auto":
            return self.response_method
        return (
            "predict_proba"
            if hasattr(estimator, "predict_proba")
            else "decision_function"
        )

    def _check_params(self, estimator, kind):
        if (
            not isinstance(self.response_method, str)
            or self.response_method not in RESPONSE_METHODS
        ):
            raise param_error(
                NAME,
                "response_method",
                f"one of {RESPONSE_METHODS}",
                self.response_method,
            )
        if kind == "multiclass" and (
            self.response_method == "decision_function"
            or not hasattr(estimator, "predict_proba")
        ):
            raise ValueError(
                f"{NAME} with a multiclass target divides predict_proba by the "
                "class thresholds: the estimator needs predict_proba and "
                "response_method must be 'auto' or 'predict_proba'; got "
                f"{type(estimator).__name__} with response_method="
                f"{self.response_method!r}."
            )

    def fit(self, X, y, sample_weight=None, **fit_params):
        """Fit a clone of ``estimator`` and check ``threshold`` against y.

        Parameters
        ----------
        X : array-like or sparse matrix of shape (n_samples, n_features)
            The samples.
        y : array-like of shape (n_samples,) or (n_samples, n_labels)
            Binary or multiclass labels, or a binary label-indicator matrix (a
            DataFrame's columns name the labels that ``threshold`` is aligned
            to).
        sample_weight : array-like of shape (n_samples,), default=None
            Passed to ``estimator.fit`` (with metadata routing enabled: if the
            estimator requests it).
        **fit_params : dict
            Passed to ``estimator.fit`` (with metadata routing enabled: as the
            estimator requests them).

        Returns
        -------
        self : FixedThresholdClassifier
            The fitted classifier.
        """
        X, y, params = fit_inputs(self, X, y, sample_weight, fit_params)
        target = _target_of(y)
        self._check_params(self.estimator, target[0])
        cache = None
        if is_path(self.threshold):  # read once: the fitted model needs no file
            cache = (os.fspath(self.threshold), *read_file(self.threshold))
        # check the cut-offs before an expensive fit
        resolve_cut_offs(self.threshold, target, self._method(self.estimator), cache)
        self.estimator_ = clone(self.estimator).fit(X, y, **params)
        self._target = target
        self._file = cache
        return self

    def get_metadata_routing(self):
        """Get the metadata routing of this object.

        ``fit`` routes metadata to ``estimator.fit``, as it requests.

        Returns
        -------
        routing : MetadataRouter
            A :class:`~sklearn.utils.metadata_routing.MetadataRouter`
            encapsulating the routing information.
        """
        return MetadataRouter(owner=self).add(
            estimator=self.estimator,
            method_mapping=MethodMapping().add(caller="fit", callee="fit"),
        )

    def __sklearn_is_fitted__(self):
        if hasattr(self, "estimator_"):
            return True
        try:
            check_is_fitted(self.estimator)
        except (NotFittedError, TypeError):
            return False
        return True

    def _deployed(self, X):
        """The fitted estimator, the target and the cut-offs to apply."""
        if hasattr(self, "estimator_"):
            estimator, target, cache = self.estimator_, self._target, self._file
        else:  # a fitted estimator used as it is, as in scikit-learn
            check_is_fitted(self.estimator)
            estimator, cache = self.estimator, None
            target = _prefit_target(estimator, X)
            self._check_params(estimator, target[0])
        method = self._method(estimator)
        cut_offs = resolve_cut_offs(self.threshold, target, method, cache)
        return estimator, target, method, cut_offs

    def predict(self, X):
        """Predict the labels that the cut-offs give.

        The binary classes, 0/1 per label, or
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
        estimator, (kind, classes, _), method, cut_offs = self._deployed(X)
        if kind == "multiclass":
            scores = class_scores(estimator, X, classes)
            return apply_cut_offs(kind, classes, scores, cut_offs)
        scores, _ = read_scores(estimator, X, method, func=NAME)
        scores = scores.toarray() if hasattr(scores, "toarray") else np.asarray(scores)
        if kind == "binary":
            if scores.shape[1] not in (1, 2):
                raise ValueError(
                    f"{NAME}: {type(estimator).__name__}.{method} gives "
                    f"{scores.shape[1]} score columns for a binary target."
                )
        elif scores.shape[1] != classes.shape[0]:
            raise ValueError(
                f"{NAME}: {type(estimator).__name__}.{method} gives "
                f"{scores.shape[1]} score columns, but the target has "
                f"{classes.shape[0]} labels."
            )
        # binary: the column of classes_[1] (predict_proba) or the one column
        return apply_cut_offs(kind, classes, scores, cut_offs)

    @property
    def thresholds_(self):
        check_is_fitted(self, "estimator_")
        return self._deployed(None)[3]

    @property
    def classes_(self):
        if hasattr(self, "estimator_"):
            return self._target[1]
        check_is_fitted(self.estimator)
        classes = self.estimator.classes_
        return np.arange(len(classes)) if isinstance(classes, list) else classes

    @available_if(estimator_has("predict_proba"))
    def predict_proba(self, X):
        """The estimator's ``predict_proba``."""
        return self._model().predict_proba(X)

    @available_if(estimator_has("predict_log_proba"))
    def predict_log_proba(self, X):
        """The estimator's ``predict_log_proba``."""
        return self._model().predict_log_proba(X)

    @available_if(estimator_has("decision_function"))
    def decision_function(self, X):
        """The estimator's ``decision_function``."""
        return self._model().decision_function(X)

    def _model(self):
        if hasattr(self, "estimator_"):
            return self.estimator_
        check_is_fitted(self.estimator)
        return self.estimator

    @property
    def n_features_in_(self):
        return self._model().n_features_in_

    @property
    def feature_names_in_(self):
        return self._model().feature_names_in_

    def __sklearn_tags__(self):
        return wrapper_tags(super().__sklearn_tags__(), self.estimator)
