"""What ThresholdCurveDisplay draws: per-label curves from a sweep or from a
ThresholdOptimizer's ``cv_results_``, the labels chosen, their names and the
cut-offs marked, each argument checked."""

import numbers

import numpy as np

from .._checks._params import check_cut_offs, param_error
from .._checks._scores import read_scores
from .._checks._targets import check_truth_and_scores
from .._thresholds._objective import Objective
from .._thresholds._threshold_sweep import check_sweep_params, sweep_curves


def _dense(a):
    return a.toarray() if hasattr(a, "toarray") else np.asarray(a)


def _choose_labels(labels, positives, max_labels, func):
    """Label indices to draw, ascending: ``labels``, or the most frequent."""
    integral = isinstance(max_labels, numbers.Integral)
    if not integral or isinstance(max_labels, bool) or max_labels < 1:
        raise param_error(func, "max_labels", "an int >= 1", max_labels)
    n_labels = positives.shape[0]
    if labels is None:
        # most positives first; among equals the lower index (stable sort)
        return np.sort(np.argsort(-positives, kind="stable")[:max_labels])
    values = np.asarray(labels)
    if not (
        values.ndim == 1
        and values.size
        and values.dtype.kind in "iu"
        and 0 <= values.min() <= values.max() < n_labels
        and np.unique(values).size == values.size
    ):
        must = f"distinct label indices in [0, {n_labels - 1}]"
        raise param_error(func, "labels", must, labels)
    return values


def per_label(values, n_labels, name, func, per="label"):
    if len(values) != n_labels:
        raise ValueError(
            f"The '{name}' parameter of {func} must have one entry per {per} "
            f"({n_labels}); got {len(values)}."
        )
    return values


def check_names(label_names, n_labels, func, default):
    if label_names is None:
        return default
    names = [label_names] if isinstance(label_names, str) else list(label_names)
    return [str(n) for n in per_label(names, n_labels, "label_names", func)]


def check_cut_offs_to_mark(
    thresholds, n_labels, func, name="thresholds", label_names=None
):
    """Cut-offs to mark: None, one float for every label, or one per label (a
    Series aligned to ``label_names``), also as the single row of
    ``multilabel_report``'s spelling, ``[cut_offs]``."""
    if thresholds is None:
        return None
    if isinstance(thresholds, (list, tuple)) and len(thresholds) == 1:
        row = thresholds[0]
        if getattr(row, "ndim", None) == 1 or (
            isinstance(row, (list, tuple)) and all(np.ndim(v) == 0 for v in row)
        ):
            thresholds = row
    elif getattr(thresholds, "ndim", 0) == 2 and thresholds.shape[0] == 1:
        thresholds = np.asarray(thresholds)[0]
    return check_cut_offs(thresholds, n_labels, func, name, label_names=label_names)


def _breakpoints(thresholds, scores):
    """Each cut-off ``t`` as the lowest score ``s >= t`` (``inf`` kept): the
    same predictions, and the point where the curve steps."""
    distinct = np.unique(scores)
    index = np.searchsorted(distinct, thresholds, side="left")
    last = distinct.size - 1
    return np.where(index <= last, distinct[np.minimum(index, last)], np.inf)


def _pick(curves, values, best, positives, names, func, columns=None, **options):
    """Display arguments for the labels to draw: curves, names, marked cut-offs."""
    n_labels = len(curves)
    chosen = _choose_labels(options["labels"], positives, options["max_labels"], func)
    names = check_names(options["label_names"], n_labels, func, names)
    marks = check_cut_offs_to_mark(
        options["thresholds"], n_labels, func, label_names=columns
    )
    marks = best if marks is None else marks
    return chosen, {
        "thresholds": [np.asarray(curves[j], dtype=np.float64) for j in chosen],
        "scores": [np.asarray(values[j], dtype=np.float64) for j in chosen],
        "label_names": [names[j] for j in chosen],
        "tuned_thresholds": marks[chosen],
        "n_labels": n_labels,
        "drawn": chosen,
    }


def titled(name, n_drawn, n_labels, chosen_by_user):
    """The title, saying when ``max_labels`` left labels out."""
    if n_drawn == n_labels or chosen_by_user:
        return name
    note = f"{n_drawn} of {n_labels} labels, those with the most positives"
    return note if name is None else f"{name}\n({note})"


def swept(y_true, y_score, metric, sample_weight, metric_params, func, **options):
    """Display arguments from a sweep, each cut-off where its curve steps."""
    params = {"beta": 1.0, "zero_division": 0.0, **metric_params}
    if set(params) != {"beta", "zero_division"}:
        must = "a dict of 'beta' and 'zero_division'"
        raise param_error(func, "metric_params", must, metric_params)
    metric, beta, zero_division = check_sweep_params(
        metric, params["beta"], params["zero_division"], func
    )
    truth, scores, weight, one_label, columns = check_truth_and_scores(
        y_true, y_score, sample_weight, func=func
    )
    curves = sweep_curves(
        truth, scores, weight, metric, beta=beta, zero_division=zero_division
    )
    n_labels = truth.shape[1]
    names = ["positive class"] if one_label else [f"label {j}" for j in range(n_labels)]
    if columns is not None:
        names = [str(column) for column in columns]
    chosen, args = _pick(
        curves.thresholds,
        curves.scores,
        curves.best_thresholds,
        truth.sum(axis=0),
        names,
        func,
        columns,
        **options,
    )
    args["thresholds"] = [
        _breakpoints(t, scores[:, j]) for t, j in zip(args["thresholds"], chosen)
    ]
    return args


def stored(optimizer, metric, sample_weight, func, **options):
    """Display arguments from a ThresholdOptimizer's ``cv_results_``, as stored."""
    binary = np.ndim(optimizer.thresholds_) == 0
    objective = Objective(optimizer.scoring, binary, type(optimizer).__name__)
    cv_metric = getattr(objective, "metric", None) or "f1"
    if getattr(objective, "two_class", False):  # averaged over both classes
        cv_metric = f"{cv_metric}_{objective.average}"
    if metric is not None and metric != cv_metric:
        must = f"None or {cv_metric!r}, the metric of the estimator's cv_results_"
        raise param_error(func, "metric", must, metric)
    if sample_weight is not None:
        must = "None for curves from cv_results_ (weighted as at fit)"
        raise param_error(func, "sample_weight", must, type(sample_weight).__name__)
    results = optimizer.cv_results_
    curves, values = results["thresholds"], results["scores"]
    names = ["positive class"] if binary else [f"label {j}" for j in range(len(curves))]
    if getattr(objective, "two_class", False):
        names = [f"{objective.average} over both classes"]
    positives = np.asarray(results["n_positives"])
    _, args = _pick(curves, values, None, positives, names, func, **options)
    return args, cv_metric


def estimator_scores(estimator, X, y, response_method, func):
    """0/1 targets and an estimator's positive-class scores; a 2-D ``y`` is
    passed on as given, so that a DataFrame's columns name the curves."""
    scores, classes = read_scores(estimator, X, response_method, func=func)
    scores, labels = _dense(scores), _dense(y)
    if labels.ndim == 1:
        y = labels
        if classes is not None and len(classes) == 2:
            y = labels == classes[1]
        if scores.shape[1] <= 2:
            scores = scores[:, -1]  # predict_proba: the column of classes_[1]
    return y, scores
