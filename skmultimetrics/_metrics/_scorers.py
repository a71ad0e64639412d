"""Scorers: every metric usable by name wherever scikit-learn takes ``scoring=``.

Set scorers are :func:`sklearn.metrics.make_scorer` objects on ``predict``.
Ranking scorers are ``make_scorer`` objects too, applied to the estimator's
scores as one ``(n_samples, n_labels)`` matrix: :class:`_ScoresScorer` reads
``predict_proba`` (or ``decision_function``) and formats it with the estimator's
``classes_``, which scikit-learn's own scorers cannot do for a multi-output
estimator that saw one class only of some label (its ``(n, 1)`` block may hold
class 0, a positive-class score of 0). scikit-learn's own names for ROC AUC and
average precision are served the same way, with scikit-learn's parameters and
response methods. Top-k scorers also read the columns' classes from
``classes_``, so a test fold lacking some classes is scored right.
"""

from functools import partial

import numpy as np
import scipy.sparse as sp
from sklearn import metrics as sk_metrics
from sklearn.base import BaseEstimator

from .._checks._scores import read_scores
from ._accuracy import hamming_accuracy_score, subset_accuracy_score
from ._at_k import (
    ndcg_at_k_score,
    precision_at_k_score,
    propensity_scored_precision_at_k_score,
    recall_at_k_score,
)
from ._curves import average_precision_score, roc_auc_score
from ._fscore import f1_score, fbeta_score, precision_score, recall_score
from ._operating_points import precision_at_recall_score, recall_at_precision_score
from ._ranking import top_k_accuracy_score
from ._registry import SKLEARN_SCORERS, example_names, lookup, unknown_name
from ._set_metrics import jaccard_score

_SET = {
    "precision": precision_score,
    "recall": recall_score,
    "f1": f1_score,
    "fbeta": fbeta_score,
    "jaccard": jaccard_score,
}
_RANKED = {
    "precision": precision_at_k_score,
    "recall": recall_at_k_score,
    "ndcg": ndcg_at_k_score,
    "psp": propensity_scored_precision_at_k_score,
    "recall_at_precision": recall_at_precision_score,
    "precision_at_recall": precision_at_recall_score,
}


def hamming_loss(y_true, y_pred, *, threshold=None, sample_weight=None):
    """The share of wrong label cells, ``1 - hamming_accuracy_score``."""
    return 1.0 - hamming_accuracy_score(
        y_true, y_pred, threshold=threshold, sample_weight=sample_weight
    )


PROBA_FIRST = ("predict_proba", "decision_function")
# scikit-learn's "roc_auc" and "average_precision" read decision_function first
DECISION_FIRST = ("decision_function", "predict_proba")


def estimator_scores(estimator, X, response_method=PROBA_FIRST):
    """The first of ``response_method`` that the estimator has, as
    (n_samples, n_labels).

    Every layout of multi-output estimators is read with the estimator's
    ``classes_``; a binary classifier's scores become one column per class.
    """
    method = next((m for m in response_method if hasattr(estimator, m)), None)
    if method is None:
        name = type(estimator).__name__
        name = "the estimator" if name.startswith("_") else name  # a stand-in
        raise TypeError(
            f"{name} has neither predict_proba nor "
            "decision_function; a ranking scorer needs scores."
            if len(response_method) > 1
            else f"{name} has no {response_method[0]}; this "
            f"scorer needs {response_method[0]}."
        )
    scores, classes = read_scores(estimator, X, method, func="a ranking scorer")
    if classes is not None and scores.shape[1] == 1 and len(classes) == 2:
        # a binary decision_function: the score of classes_[1], against classes_[0]
        column = scores[:, 0]
        scores = np.column_stack([-column, column])
    return scores


class _EstimatorScores(BaseEstimator):
    """An estimator seen through its formatted scores, returned by ``predict``."""

    def __init__(self, estimator, dense=False, response_method=PROBA_FIRST):
        self.estimator = estimator
        self.dense = dense
        self.response_method = response_method

    def predict(self, X):
        scores = estimator_scores(self.estimator, X, self.response_method)
        return scores.toarray() if self.dense and sp.issparse(scores) else scores


def _one_hot(y_true, classes):
    """Class labels as an indicator matrix over the estimator's ``classes_``."""
    y_true = np.asarray(y_true)
    if y_true.ndim == 2 and y_true.shape[1] == 1:
        y_true = y_true.ravel()
    if y_true.ndim != 1:
        return y_true
    classes = np.asarray(classes)
    pos = np.minimum(np.searchsorted(classes, y_true), classes.shape[0] - 1)
    unknown = classes[pos] != y_true
    if unknown.any():
        raise ValueError(
            f"y contains the label {y_true[unknown][0]!r}, which the estimator did "
            f"not see in fit; its classes_ are {classes.tolist()}."
        )
    indicator = np.zeros((y_true.shape[0], classes.shape[0]), dtype=bool)
    indicator[np.arange(y_true.shape[0]), pos] = True
    return indicator


class _ScoresScorer:
    """A ``make_scorer`` object applied to an estimator's formatted scores.

    Metadata routing (``set_score_request``, ``get_metadata_routing``) is the
    inner scorer's.
    """

    def __init__(self, scorer, *, one_hot=False, dense=False, response=PROBA_FIRST):
        self._scorer = scorer
        self._one_hot = one_hot
        self._dense = dense
        self._response = response

    def __call__(self, estimator, X, y_true, **kwargs):
        if self._one_hot:
            y_true = _one_hot(y_true, estimator.classes_)
        view = _EstimatorScores(estimator, self._dense, self._response)
        return self._scorer(view, X, y_true, **kwargs)

    def set_score_request(self, **kwargs):
        self._scorer.set_score_request(**kwargs)
        return self

    def get_metadata_routing(self):
        return self._scorer.get_metadata_routing()

    def __repr__(self):
        # the inner scorer reads predict of a view; say what the view reads
        response = self._response if len(self._response) > 1 else self._response[0]
        inner = repr(self._scorer)
        return inner.replace(
            "response_method='predict'", f"response_method={response!r}"
        )


def metric_function(spec):
    """``(function, sign)`` of a registry :class:`Spec`: its value is ``sign *
    function(y_true, y, **kwargs)`` with the public metric function of the name
    (``y`` predictions or scores, ``kwargs`` such as ``sample_weight``).
    ``roc_auc`` is scikit-learn's scorer: binary targets and label matrices
    (macro); multiclass targets need ``roc_auc_ovr`` or ``roc_auc_ovo``."""
    family, metric = spec.family, spec.metric
    if family == "set":
        beta = {"beta": spec.beta} if metric == "fbeta" else {}
        return partial(_SET[metric], average=spec.average, **beta), 1
    if family == "accuracy":
        return {
            "subset_accuracy": (subset_accuracy_score, 1),
            "hamming_accuracy": (hamming_accuracy_score, 1),
            "neg_hamming_loss": (hamming_loss, -1),
            "balanced_accuracy": (sk_metrics.balanced_accuracy_score, 1),
        }[metric]
    if family == "top_k":
        return partial(top_k_accuracy_score, k=spec.k), 1
    if family == "at_k":
        return partial(_RANKED[metric], k=spec.k), 1
    if family == "level":
        key = "min_precision" if metric == "recall_at_precision" else "min_recall"
        return partial(_RANKED[metric], **{key: spec.level}), 1
    if family == "ap" and spec.average is None:  # scikit-learn's default: macro
        return average_precision_score, 1
    if family == "ap":
        return partial(average_precision_score, average=spec.average), 1
    if family == "label_ranking":
        return {
            "label_ranking_average_precision": (
                sk_metrics.label_ranking_average_precision_score,
                1,
            ),
            "neg_coverage_error": (sk_metrics.coverage_error, -1),
            "neg_label_ranking_loss": (sk_metrics.label_ranking_loss, -1),
        }[metric]
    average = spec.average
    if average in ("ovr", "ovo", "ovr_weighted", "ovo_weighted"):
        multi, _, weighted = average.partition("_")
        return partial(roc_auc_score, multi_class=multi, average=weighted or "macro"), 1
    if average is None:  # scikit-learn's "roc_auc"
        return roc_auc_score, 1
    return partial(roc_auc_score, average=average or "macro", multi_class="ovr"), 1


def _scorer(spec):
    """A new scorer object of a registry :class:`Spec`."""
    function, sign = metric_function(spec)
    kwargs = {"greater_is_better": sign > 0, "response_method": "predict"}
    if isinstance(function, partial):  # make_scorer's repr shows the parameters
        function, kwargs = function.func, {**kwargs, **function.keywords}
    if spec.family == "set" and spec.average != "binary":
        kwargs["pos_label"] = None  # as scikit-learn's: any two labels, not 1
    if not spec.reads_scores:
        scorer = sk_metrics.make_scorer(function, **kwargs)
        if spec.metric != "neg_hamming_loss":
            # ThresholdOptimizer and optimize_thresholds search these exactly
            scorer._skmultimetrics_name = spec.name
        return scorer
    response = PROBA_FIRST
    if spec.metric in ("roc_auc", "average_precision") and spec.average is None:
        response = DECISION_FIRST  # scikit-learn's "roc_auc", "average_precision"
    elif spec.family == "auc" and spec.average[:2] == "ov":
        response = ("predict_proba",)
    return _ScoresScorer(
        sk_metrics.make_scorer(function, **kwargs),
        one_hot=spec.family == "top_k",
        dense=spec.family in ("top_k", "label_ranking"),
        response=response,
    )


def get_scorer_names():
    """List the names :func:`get_scorer` accepts: this package's and scikit-learn's.

    Read more in the :ref:`User Guide <pipelines>`.

    ``top{k}_accuracy`` and ``{precision,recall,ndcg,psp}_at_{k}`` take any k >= 1,
    ``recall_at_precision_{P}`` and ``precision_at_recall_{R}`` any level in
    percent from 0 to 100; the list shows them for k in 1, 3, 5 and 10 and
    levels 50, 80, 90 and 95. ``f{beta}_{average}`` (F-beta of any average)
    and the binary ``f{beta}`` take any beta > 0 written as its shortest
    decimal (``f2_macro``, ``f0.5_micro``, ``f2``; not ``f2.0`` or ``f.5``);
    the list shows them for beta 0.5 and 2.

    Returns
    -------
    names : list of str
        Sorted.
    """
    names = set(example_names()) | set(sk_metrics.get_scorer_names())
    return sorted(names)


def get_scorer(scoring):
    """A scorer object by name, for ``scoring=`` in scikit-learn.

    Read more in the :ref:`User Guide <pipelines>`.

    Parameters
    ----------
    scoring : str or callable
        A name of :func:`get_scorer_names` (``top{k}_accuracy`` and
        ``{precision,recall,ndcg}_at_{k}`` for any k >= 1, F-beta names
        ``f{beta}_{average}`` and ``f{beta}`` for any beta > 0 such as
        ``f2_macro`` or ``f0.5_micro``), or any name that
        :func:`sklearn.metrics.get_scorer` knows. A callable is returned as it is.

    Returns
    -------
    scorer : callable
        A new object on each call, built with :func:`sklearn.metrics.make_scorer`:
        set metrics (``subset_accuracy``, ``f1_macro``, ...) score ``predict``;
        ranking metrics (``top5_accuracy``, ``ndcg_at_10``, ``roc_auc_macro``,
        ``average_precision_micro``, ``recall_at_precision_90``, ...) score
        ``predict_proba`` or ``decision_function``, read with the estimator's
        ``classes_``. scikit-learn's names ``roc_auc``, ``roc_auc_ovr``,
        ``roc_auc_ovo``, ``roc_auc_ovr_weighted``, ``roc_auc_ovo_weighted`` and
        ``average_precision`` give this package's scorers with scikit-learn's
        parameters and response methods (``decision_function`` first for
        ``roc_auc`` and ``average_precision``): the same values, and also
        right on multi-output estimators that saw one class only of a label,
        which scikit-learn's own scorers misread. Other names of
        :func:`sklearn.metrics.get_scorer` give its scorers.

    Raises
    ------
    ValueError
        For an unknown name, listing the closest valid names.

    Examples
    --------
    >>> from sklearn.datasets import make_multilabel_classification
    >>> from sklearn.model_selection import cross_val_score
    >>> from sklearn.neighbors import KNeighborsClassifier
    >>> from skmultimetrics import get_scorer
    >>> X, Y = make_multilabel_classification(n_samples=200, random_state=0)
    >>> scores = cross_val_score(KNeighborsClassifier(), X, Y, cv=3,
    ...                          scoring=get_scorer("precision_at_3"))
    >>> scores.shape
    (3,)
    """
    if callable(scoring):
        return scoring
    if not isinstance(scoring, str):
        raise TypeError(
            f"scoring must be a str or a callable; got {type(scoring).__name__}."
        )
    spec = lookup(scoring)
    if spec is not None and scoring not in SKLEARN_SCORERS:
        return _scorer(spec)
    try:
        return sk_metrics.get_scorer(scoring)
    except ValueError:
        raise unknown_name(
            scoring, "scoring", "get_scorer", candidates=sk_metrics.get_scorer_names()
        ) from None
