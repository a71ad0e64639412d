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

import difflib
import re
from functools import partial

import numpy as np
import scipy.sparse as sp
from sklearn import metrics as sk_metrics
from sklearn.base import BaseEstimator

from .._checks._params import fbeta_of_name
from .._checks._scores import read_scores
from ._accuracy import hamming_accuracy_score, subset_accuracy_score
from ._at_k import ndcg_at_k_score, precision_at_k_score, recall_at_k_score
from ._curves import average_precision_score, roc_auc_score
from ._fscore import f1_score, fbeta_score, precision_score, recall_score
from ._operating_points import precision_at_recall_score, recall_at_precision_score
from ._ranking import top_k_accuracy_score
from ._set_metrics import jaccard_score

_AVERAGES = ("micro", "macro", "samples", "weighted")
_SET_METRICS = {
    "precision": precision_score,
    "recall": recall_score,
    "f1": f1_score,
    "jaccard": jaccard_score,
}
_AT_K = {
    "precision": precision_at_k_score,
    "recall": recall_at_k_score,
    "ndcg": ndcg_at_k_score,
}
_EXAMPLE_KS = (1, 3, 5, 10)
_EXAMPLE_LEVELS = (50, 80, 90, 95)
_EXAMPLE_BETAS = ("0.5", "2")
_OPERATING = {
    "recall_at_precision": (recall_at_precision_score, "min_precision"),
    "precision_at_recall": (precision_at_recall_score, "min_recall"),
}


def hamming_loss(y_true, y_pred, *, sample_weight=None):
    """The share of wrong label cells, ``1 - hamming_accuracy_score``."""
    return 1.0 - hamming_accuracy_score(y_true, y_pred, sample_weight=sample_weight)


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


def _ranking(
    metric,
    *,
    greater_is_better=True,
    one_hot=False,
    dense=False,
    response=PROBA_FIRST,
    **kw,
):
    inner = sk_metrics.make_scorer(
        metric, response_method="predict", greater_is_better=greater_is_better, **kw
    )
    return _ScoresScorer(inner, one_hot=one_hot, dense=dense, response=response)


def _fixed_factories():
    factories = {
        "subset_accuracy": partial(
            sk_metrics.make_scorer, subset_accuracy_score, response_method="predict"
        ),
        "hamming_accuracy": partial(
            sk_metrics.make_scorer, hamming_accuracy_score, response_method="predict"
        ),
        "neg_hamming_loss": partial(
            sk_metrics.make_scorer,
            hamming_loss,
            response_method="predict",
            greater_is_better=False,
        ),
        "label_ranking_average_precision": partial(
            _ranking, sk_metrics.label_ranking_average_precision_score, dense=True
        ),
        "neg_coverage_error": partial(
            _ranking, sk_metrics.coverage_error, greater_is_better=False, dense=True
        ),
        "neg_label_ranking_loss": partial(
            _ranking, sk_metrics.label_ranking_loss, greater_is_better=False, dense=True
        ),
    }
    for name, metric in _SET_METRICS.items():
        for average in _AVERAGES:
            factories[f"{name}_{average}"] = partial(
                sk_metrics.make_scorer,
                metric,
                response_method="predict",
                average=average,
            )
    # scikit-learn's names, with its parameters and response methods, read with
    # the estimator's classes_ (its own scorers misread a multi-output estimator
    # whose label had one class only in the training fold)
    factories["roc_auc"] = partial(_ranking, roc_auc_score, response=DECISION_FIRST)
    factories["average_precision"] = partial(
        _ranking, average_precision_score, response=DECISION_FIRST
    )
    for multi_class in ("ovr", "ovo"):
        for suffix, average in (("", "macro"), ("_weighted", "weighted")):
            factories[f"roc_auc_{multi_class}{suffix}"] = partial(
                _ranking,
                roc_auc_score,
                response=("predict_proba",),
                average=average,
                multi_class=multi_class,
            )
    for average in _AVERAGES:
        factories[f"roc_auc_{average}"] = partial(
            _ranking, roc_auc_score, average=average, multi_class="ovr"
        )
        factories[f"average_precision_{average}"] = partial(
            _ranking, average_precision_score, average=average
        )
    return factories


_FIXED = _fixed_factories()
_SEARCHABLE = {"subset_accuracy", "hamming_accuracy"} | {
    f"{name}_{average}" for name in _SET_METRICS for average in _AVERAGES
}
_TOP_K = re.compile(r"top(\d+)_accuracy")
_METRIC_AT_K = re.compile(r"(precision|recall|ndcg)_at_(\d+)")
_AT_LEVEL = re.compile(r"(recall_at_precision|precision_at_recall)_(\d+)")


def _fbeta_factory(name):
    """The scorer factory of an F-beta name ``f{beta}[_{average}]`` (beta != 1),
    else None."""
    head, _, average = name.partition("_")
    beta = fbeta_of_name(head)
    if beta is None or beta == 1.0 or (average and average not in _AVERAGES):
        return None
    return partial(
        sk_metrics.make_scorer,
        fbeta_score,
        response_method="predict",
        beta=beta,
        average=average or "binary",
    )


def _factory(name):
    """The scorer factory for one of this package's names, else None."""
    if name in _FIXED:
        return _FIXED[name]
    fbeta = _fbeta_factory(name)
    if fbeta is not None:
        return fbeta
    match = _TOP_K.fullmatch(name)
    if match and int(match.group(1)) >= 1:
        k = int(match[1])
        return partial(_ranking, top_k_accuracy_score, one_hot=True, dense=True, k=k)
    match = _METRIC_AT_K.fullmatch(name)
    if match and int(match.group(2)) >= 1:
        return partial(_ranking, _AT_K[match[1]], k=int(match[2]))
    match = _AT_LEVEL.fullmatch(name)
    if match and int(match.group(2)) <= 100:
        metric, level = _OPERATING[match[1]]
        return partial(_ranking, metric, **{level: int(match[2]) / 100})
    return None


def get_scorer_names():
    """List the names :func:`get_scorer` accepts: this package's and scikit-learn's.

    ``top{k}_accuracy`` and ``{precision,recall,ndcg}_at_{k}`` take any k >= 1,
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
    names = set(_FIXED) | set(sk_metrics.get_scorer_names())
    for k in _EXAMPLE_KS:
        names.add(f"top{k}_accuracy")
        names.update(f"{metric}_at_{k}" for metric in _AT_K)
    for level in _EXAMPLE_LEVELS:
        names.update(f"{metric}_{level}" for metric in _OPERATING)
    for beta in _EXAMPLE_BETAS:
        names.add(f"f{beta}")
        names.update(f"f{beta}_{average}" for average in _AVERAGES)
    return sorted(names)


def get_scorer(scoring):
    """A scorer object by name, for ``scoring=`` in scikit-learn.

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
    factory = _factory(scoring)
    if factory is not None:
        scorer = factory()
        if scoring in _SEARCHABLE or _fbeta_factory(scoring) is not None:
            # ThresholdOptimizer and optimize_thresholds search these exactly
            scorer._skmultimetrics_name = scoring
        return scorer
    try:
        return sk_metrics.get_scorer(scoring)
    except ValueError:
        close = difflib.get_close_matches(scoring, get_scorer_names(), n=5, cutoff=0.5)
        hint = f" The closest valid names are {close}." if close else ""
        raise ValueError(
            f"{scoring!r} is not a valid scoring value.{hint} See get_scorer_names(); "
            "top{k}_accuracy and {precision,recall,ndcg}_at_{k} take any k >= 1, "
            "recall_at_precision_{P} and precision_at_recall_{R} any percent P, R."
        ) from None
