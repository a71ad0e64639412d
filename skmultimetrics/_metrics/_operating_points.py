"""Operating points: the best of one rate where another reaches a level.

"Recall at 90 % precision", "specificity at 95 % sensitivity": per label, the
best value of the first rate over every distinct cut-off of the scores whose
second rate reaches the level (exact, from the one sort of ``_counts``), then
averaged. Values equal torchmetrics' exact (``thresholds=None``) multi-label
versions; a label where no cut-off reaches the level scores 0, with a warning.
"""

import numbers
from functools import partial

import numpy as np
from sklearn.utils import Bunch

from .._checks._params import check_average, param_error
from .._checks._targets import check_truth_and_scores
from .._counts._curves import OPERATING_METRICS, constrained_best, warn_infeasible
from .._counts._reductions import labels_average
from ._dask import dask_door, label_values_on_dask

_AVERAGE_OPTIONS = ("macro", "weighted", "micro", None)


def _check_level(level, name, func):
    if (
        not isinstance(level, numbers.Real)
        or isinstance(level, bool)
        or not 0 <= level <= 1
    ):
        raise param_error(func, name, "a float in [0, 1]", level)
    return float(level)


def _operating_point(
    y_true, y_score, objective, constraint, level, average, sample_weight, func
):
    """Values, cut-offs and feasibility per label (or pooled for "micro")."""
    check_average(average, func, _AVERAGE_OPTIONS)
    truth, scores, weight, one_label, _ = check_truth_and_scores(
        y_true, y_score, sample_weight, func=func
    )
    if average == "micro":
        pooled = None if weight is None else np.repeat(weight, truth.shape[1])
        truth, scores, weight = truth.reshape(-1, 1), scores.reshape(-1, 1), pooled
    values, cuts, feasible = constrained_best(
        truth, scores, weight, objective, constraint, level
    )
    warn_infeasible(feasible, objective, constraint, level)
    return truth, weight, one_label, values, cuts, feasible


def _averaged(values, truth, weight, one_label, average):
    if one_label or average == "micro":
        return float(values[0])
    support = truth.sum(axis=0) if weight is None else weight @ truth
    return labels_average(values, support, average)


def _block_values(objective, constraint, level, func, truth, scores, weight):
    """Per-label values of one block of columns of Dask label matrices."""
    return _operating_point(
        truth, scores, objective, constraint, level, None, weight, func
    )[3]


def _on_dask(
    objective, constraint, level_name, level, y_true, y_score, average, weight, **_
):
    """:func:`_score` of Dask label matrices: whole columns per task (other Dask
    inputs are read whole, as NumPy arrays)."""
    func = f"{objective}_at_{constraint}_score"
    shape = np.shape(y_true)
    if len(shape) != 2 or shape[1] < 2:
        return _score.__wrapped__(
            objective, constraint, level_name, level, y_true, y_score, average, weight
        )
    level = _check_level(level, level_name, func)
    check_average(average, func, _AVERAGE_OPTIONS)
    if average == "micro":
        raise ValueError(
            f"{func} on Dask arrays does not take average='micro', which searches "
            "every label cell together; call .compute() on the arrays to use it."
        )
    per_block = partial(_block_values, objective, constraint, level, func)
    values, support, _ = label_values_on_dask(per_block, y_true, y_score, weight, func)
    return labels_average(values, support, average)


@dask_door(_on_dask)
def _score(objective, constraint, level_name, level, y_true, y_score, average, weight):
    func = f"{objective}_at_{constraint}_score"
    level = _check_level(level, level_name, func)
    truth, weight, one_label, values, _, _ = _operating_point(
        y_true, y_score, objective, constraint, level, average, weight, func
    )
    return _averaged(values, truth, weight, one_label, average)


def recall_at_precision_score(
    y_true, y_score, *, min_precision, average="macro", sample_weight=None
):
    return _score(
        "recall", "precision", "min_precision", min_precision,
        y_true, y_score, average, sample_weight,
    )  # fmt: skip


def precision_at_recall_score(
    y_true, y_score, *, min_recall, average="macro", sample_weight=None
):
    return _score(
        "precision", "recall", "min_recall", min_recall,
        y_true, y_score, average, sample_weight,
    )  # fmt: skip


def sensitivity_at_specificity_score(
    y_true, y_score, *, min_specificity, average="macro", sample_weight=None
):
    return _score(
        "sensitivity", "specificity", "min_specificity", min_specificity,
        y_true, y_score, average, sample_weight,
    )  # fmt: skip


def specificity_at_sensitivity_score(
    y_true, y_score, *, min_sensitivity, average="macro", sample_weight=None
):
    return _score(
        "specificity", "sensitivity", "min_sensitivity", min_sensitivity,
        y_true, y_score, average, sample_weight,
    )  # fmt: skip


_DOC = """{title}

    Read more in the :ref:`User Guide <curves>`.

    Per label, the highest {objective} over every distinct cut-off of the scores
    (``y_score >= t``) whose {constraint} is at least ``{level}``; 0, with an
    ``UndefinedMetricWarning``, for a label where no cut-off reaches it. Equal
    to torchmetrics' exact ``Multilabel{torch}`` (``thresholds=None``)
    per label. :func:`operating_points` also returns the cut-offs.

    Parameters
    ----------
    y_true : array-like or sparse matrix of shape (n_samples, n_labels) or \
(n_samples,)
        Binary label-indicator matrix, or binary 1-D labels (0/1, -1/1 or bool).
    y_score : array-like of shape (n_samples, n_labels) or (n_samples,)
        Scores, in any ``predict_proba`` layout.
    {level} : float in [0, 1]
        The level the {constraint} must reach.
    average : {{"macro", "weighted", "micro"}} or None, default="macro"
        Mean over labels, mean weighted by positives, one search on all label
        cells pooled, or None for the per-label values. Ignored for 1-D
        ``y_true``.
    sample_weight : array-like of shape (n_samples,), default=None
        Sample weights.

    Returns
    -------
    score : float, or ndarray of shape (n_labels,) for ``average=None``
        The highest {objective} with {constraint} at least ``{level}``,
        averaged as ``average`` says.

    Examples
    --------
    >>> from skmultimetrics import {name}
    >>> y_true = [0, 0, 1, 1, 1]
    >>> y_score = [0.1, 0.6, 0.4, 0.7, 0.9]
    >>> {name}(y_true, y_score, {level}={example_level})
    {example}
    """

for _function, _objective, _constraint, _level, _torch, _value, _example in (
    (recall_at_precision_score, "recall", "precision", "min_precision",
     "RecallAtFixedPrecision", 0.8, "0.6666666666666666"),
    (precision_at_recall_score, "precision", "recall", "min_recall",
     "PrecisionAtFixedRecall", 1.0, "0.75"),
    (sensitivity_at_specificity_score, "sensitivity", "specificity",
     "min_specificity", "SensitivityAtSpecificity", 1.0, "0.6666666666666666"),
    (specificity_at_sensitivity_score, "specificity", "sensitivity",
     "min_sensitivity", "SpecificityAtSensitivity", 1.0, "0.5"),
):  # fmt: skip
    _function.__doc__ = _DOC.format(
        title=f"{_objective.capitalize()} at a minimum {_constraint}.",
        objective=_objective,
        constraint=_constraint,
        level=_level,
        torch=_torch,
        name=_function.__name__,
        example_level=_value,
        example=_example,
    )


def operating_points(
    y_true, y_score, *, maximize, subject_to, average=None, sample_weight=None
):
    """The best operating point of each label, with the cut-off to deploy.

    Read more in the :ref:`User Guide <curves>`.

    Parameters
    ----------
    y_true : array-like or sparse matrix of shape (n_samples, n_labels) or \
(n_samples,)
        Binary label-indicator matrix, or binary 1-D labels (0/1, -1/1 or bool).
    y_score : array-like of shape (n_samples, n_labels) or (n_samples,)
        Scores, in any ``predict_proba`` layout.
    maximize : {"recall", "precision", "sensitivity", "specificity"}
        The rate to maximise.
    subject_to : tuple of (str, float)
        ``(rate, level)``: the rate (one of the above) that must reach the level.
    average : {"micro"} or None, default=None
        None: one operating point per label; "micro": one cut-off for all label
        cells pooled.
    sample_weight : array-like of shape (n_samples,), default=None
        Sample weights.

    Returns
    -------
    result : sklearn.utils.Bunch
        ``scores`` (the rate reached), ``thresholds`` (predict
        ``y_score >= threshold``; ``inf`` where no cut-off is feasible) and
        ``feasible`` (bool), each of shape (n_labels,), or scalars for 1-D
        ``y_true`` and ``average="micro"``.

    Examples
    --------
    >>> from skmultimetrics import operating_points
    >>> y_true = [[0, 1], [0, 0], [1, 1], [1, 0], [1, 1]]
    >>> y_score = [[0.1, 0.8], [0.6, 0.3], [0.4, 0.7], [0.7, 0.2], [0.9, 0.5]]
    >>> point = operating_points(y_true, y_score, maximize="recall",
    ...                          subject_to=("precision", 1.0))
    >>> point.scores, point.thresholds
    (array([0.66666667, 1.        ]), array([0.65, 0.4 ]))
    """
    func = "operating_points"
    if maximize not in OPERATING_METRICS:
        raise param_error(func, "maximize", f"one of {OPERATING_METRICS}", maximize)
    if (
        not isinstance(subject_to, (tuple, list))
        or len(subject_to) != 2
        or subject_to[0] not in OPERATING_METRICS
    ):
        must = f"a pair (rate, level) with the rate one of {OPERATING_METRICS}"
        raise param_error(func, "subject_to", must, subject_to)
    if average not in (None, "micro"):
        raise param_error(func, "average", "None or 'micro'", average)
    constraint, level = subject_to[0], _check_level(subject_to[1], "subject_to", func)
    _, _, one_label, values, cuts, feasible = _operating_point(
        y_true, y_score, maximize, constraint, level, average, sample_weight, func
    )
    if one_label or average == "micro":
        return Bunch(
            scores=float(values[0]),
            thresholds=float(cuts[0]),
            feasible=bool(feasible[0]),
        )
    return Bunch(scores=values, thresholds=cuts, feasible=feasible)
