"""Cross-validation plumbing of ThresholdOptimizer: rows of any input type, fit
parameters cut per fold, and the estimator's positive-class scores."""

import numbers

import numpy as np
from joblib import Parallel, delayed
from sklearn import get_config
from sklearn.base import clone
from sklearn.model_selection import KFold, StratifiedKFold, check_cv
from sklearn.utils.metadata_routing import process_routing
from sklearn.utils.validation import check_is_fitted

from .._checks._scores import read_scores
from .._checks._targets import target_type


def estimator_response(estimator, X, response_method, binary):
    """The estimator's scores as (n_samples, n_labels), positive classes only.

    ``binary`` is the target's kind: an estimator of two labels also has two
    ``classes_`` and two score columns, so its shape cannot tell.
    """
    scores, _ = read_scores(estimator, X, response_method, func="ThresholdOptimizer")
    scores = scores.toarray() if hasattr(scores, "toarray") else np.asarray(scores)
    if binary and scores.shape[1] == 2:
        return scores[:, [1]]  # binary predict_proba: the column of classes_[1]
    return scores


def indexable(a):
    """Row-indexable data: CSR for sparse input, arrays for lists and the like."""
    if hasattr(a, "toarray"):
        return a.tocsr()
    if hasattr(a, "iloc") or isinstance(a, np.ndarray):
        return a
    return np.asarray(a)


def fit_inputs(meta, X, y, sample_weight, fit_params):
    """Indexable ``X`` and ``y`` (a label matrix in a dtype that scikit-learn
    reads right) and the fit parameters of ``meta.estimator`` (routed to it
    with metadata routing enabled, else all of them and ``sample_weight``)."""
    name = type(meta).__name__
    if y is None:
        raise ValueError(f"{name} requires y to be passed, but the target y is None.")
    X, y = indexable(X), indexable(y)
    if get_config()["enable_metadata_routing"]:
        routed = process_routing(meta, "fit", sample_weight=sample_weight, **fit_params)
        params = routed.estimator.fit
    elif sample_weight is not None:
        params = {**fit_params, "sample_weight": sample_weight}
    else:
        params = fit_params
    return X, safe_label_matrix(y) if y.ndim == 2 else y, params


def _take(a, rows):
    return a.iloc[rows] if hasattr(a, "iloc") else a[rows]


def _fold_params(params, n_samples, rows):
    """Fit parameters for a fold: sample-aligned arrays sliced to its rows."""

    def sample_aligned(value):
        if hasattr(value, "iloc") or hasattr(value, "toarray"):
            return value.shape[0] == n_samples
        if not (hasattr(value, "__array__") or isinstance(value, (list, tuple))):
            return False
        value = np.asarray(value)
        return value.ndim >= 1 and value.shape[0] == n_samples

    return {
        key: _take(indexable(value), rows) if sample_aligned(value) else value
        for key, value in params.items()
    }


def class_scores(estimator, X, classes):
    """An estimator's ``predict_proba`` as (n_samples, n_classes), a column per
    class of ``classes``; a class the estimator never saw (absent from its
    training fold) scores 0, so it is never predicted there."""
    proba = estimator.predict_proba(X)
    proba = proba.toarray() if hasattr(proba, "toarray") else np.asarray(proba)
    seen = np.asarray(estimator.classes_)
    if seen.shape[0] == classes.shape[0] and (seen == classes).all():
        return proba.astype(np.float64, copy=False)
    scores = np.zeros((proba.shape[0], classes.shape[0]))
    scores[:, np.searchsorted(classes, seen)] = proba
    return scores


def _fit_and_score(estimator, X, y, train, test, params, score):
    """Fit a clone on the training rows and ``score`` its test rows."""
    params = _fold_params(params, y.shape[0], train)
    model = clone(estimator).fit(_take(X, train), _take(y, train), **params)
    return score(model, _take(X, test))


def out_of_fold(estimator, X, y, target, params, score, settings):
    """The folds, and every sample's scores from the fit that did not see it:
    ``score(model, X)`` of a clone fitted on the other folds, in parallel.

    ``target`` is what the folds see: 1-D classes (stratified folds, as
    ``check_cv`` makes them) or a label matrix (``KFold``). ``settings`` holds
    ThresholdOptimizer's ``cv``, ``random_state``, ``n_jobs`` and ``verbose``:
    an int ``cv`` with a ``random_state`` shuffles; ``cv="prefit"`` scores all
    rows with the fitted ``estimator``, one fold that is its own training set.
    """
    cv, random_state, n_jobs, verbose = settings
    rows = np.arange(target.shape[0])
    if isinstance(cv, str) and cv == "prefit":
        check_is_fitted(estimator)
        folds, blocks = [(rows, rows)], [score(estimator, X)]
    else:
        stratify = target.ndim == 1
        if isinstance(cv, numbers.Integral) and random_state is not None:
            kind = StratifiedKFold if stratify else KFold
            splitter = kind(cv, shuffle=True, random_state=random_state)
        else:
            splitter = check_cv(cv, target if stratify else None, classifier=True)
        folds = list(splitter.split(X, target))
        if verbose:
            print(f"ThresholdOptimizer: fitting {len(folds)} folds")
        blocks = Parallel(n_jobs=n_jobs, verbose=verbose)(
            delayed(_fit_and_score)(estimator, X, y, train, test, params, score)
            for train, test in folds
        )
    scores = np.zeros((rows.shape[0], blocks[0].shape[1]), dtype=np.float64)
    for (_, test), block in zip(folds, blocks):
        scores[test] = block
    return folds, scores


def safe_label_matrix(y):
    """A label matrix in a dtype that scikit-learn reads right.

    In scikit-learn 1.9.1, ``LabelBinarizer`` (and so ``OneVsRestClassifier``)
    scrambles a label matrix stored as ``int8`` that has more than 128 labels
    (``uint8``: more than 255): the models are trained on the wrong columns.
    Integer matrices narrower than 64 bits are passed on as ``int64``.
    """
    dtypes = getattr(y, "dtypes", None)  # a DataFrame: one dtype per column
    dtypes = [getattr(y, "dtype", None)] if dtypes is None else list(dtypes)
    narrow = any(
        d is not None and np.dtype(d).kind in "iu" and np.dtype(d).itemsize < 8
        for d in dtypes
    )
    return y.astype(np.int64) if narrow else y


def fold_spread(fold_thresholds):
    """Per label, the standard deviation of the usable fold cut-offs."""
    if fold_thresholds is None:
        return None
    usable = np.isfinite(fold_thresholds)
    spread = np.full(fold_thresholds.shape[1], np.nan)
    several = usable.sum(axis=0) >= 2
    spread[several] = np.nanstd(fold_thresholds[:, several], axis=0)
    return spread


def binary_or_multilabel(y, fitted_classes=None):
    """The classes and the 0/1 truth (n_samples, n_labels) of a binary or
    multi-label target, or of a multiclass target the classes and each
    sample's class index (n_samples,); any other target is refused.

    1-D labels of two classes are multiclass too when ``fitted_classes`` (a
    prefit estimator's ``classes_``) holds more than two.
    """
    kind = target_type(y, "y", "ThresholdOptimizer.fit")
    multiclass_fit = (
        isinstance(fitted_classes, np.ndarray)
        and fitted_classes.ndim == 1
        and fitted_classes.shape[0] > 2
    )
    if kind == "multiclass" or (kind == "binary" and multiclass_fit):
        classes, codes = np.unique(np.asarray(y).ravel(), return_inverse=True)
        return classes, codes.astype(np.intp)
    if kind == "binary":
        classes = np.unique(y)
        if classes.shape[0] != 2:
            raise ValueError(
                "Only binary classification is supported. y has a single class "
                f"{classes.tolist()}; ThresholdOptimizer needs two."
            )
        return classes, (np.asarray(y) == classes[1]).reshape(-1, 1)
    if kind == "multilabel-indicator":
        Y = y.toarray() if hasattr(y, "toarray") else np.asarray(y)
        values = np.unique(Y)
        if not np.isin(values, (0, 1)).all():
            # scikit-learn calls any two integers a label matrix; 1 and 0 are
            # the only reading that tells positives from negatives
            raise ValueError(
                "y of ThresholdOptimizer must be a label-indicator matrix of 0 "
                "(negative) and 1 (positive); found the values "
                f"{values[:5].tolist()}. Map them to 0/1 first, e.g. y == 1."
            )
        return np.arange(Y.shape[1]), Y.astype(bool)
    raise ValueError(
        "Only binary, multiclass and multi-label indicator targets are "
        f"supported; got a {kind} target."
    )
