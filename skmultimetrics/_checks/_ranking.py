"""Input checking for ranking metrics: scores against true classes or label sets."""

import numbers
import warnings
from typing import NamedTuple

import numpy as np
import scipy.sparse as sp
from sklearn.exceptions import UndefinedMetricWarning

from ._arrays import check_same_rows
from ._multiclass import column_codes
from ._onehot import caller_stacklevel
from ._params import check_sample_weight, param_error
from ._scores import check_scores
from ._targets import (
    as_array_or_csr,
    check_indicator,
    check_not_empty,
    column_or_1d,
    label_kind,
)

TIES_OPTIONS = ("average", "optimistic", "pessimistic")


class RankTargets(NamedTuple):
    """Checked inputs of a ranking metric.

    Exactly one of ``true_codes`` (the column of each sample's true class) and
    ``indicator`` (an (n_samples, n_labels) 0/1 ndarray or CSR array) is set.
    """

    true_codes: object
    indicator: object
    scores: object
    sample_weight: object


def check_k(k, n_labels, func, *, at_most_n_labels=True):
    """``k`` is an int in [1, n_labels].

    The @k metrics refuse a larger ``k``: there are no more labels to rank, and
    precision at k would divide by slots that no label can fill. Top-k accuracy
    (``at_most_n_labels=False``) takes it with scikit-learn's warning instead.
    """
    integral = isinstance(k, numbers.Integral) and not isinstance(k, bool)
    if not integral or k < 1 or (at_most_n_labels and k > n_labels):
        raise param_error(func, "k", f"an int in [1, n_labels={n_labels}]", k)
    return int(k)


def check_ties(ties, func):
    if not isinstance(ties, str) or ties not in TIES_OPTIONS:
        raise param_error(func, "ties", f"one of {TIES_OPTIONS}", ties)
    return ties


def _binary_columns(scores):
    """One score of the positive class becomes two columns, as scikit-learn reads
    it: probabilities are compared with 0.5, decision values with 0."""
    cut = 0.5 if scores.min() >= 0 and scores.max() <= 1 else 0.0
    centred = scores[:, 0].astype(np.float64) - cut
    return np.column_stack([-centred, centred])


def check_ranking_targets(
    y_true,
    y_score,
    *,
    sample_weight=None,
    labels=None,
    func,
    allow_labels=True,
    allow_sparse_scores=True,
    weight_total="some",
):
    """Check ``y_true`` (1-D classes or an indicator matrix) against ``y_score``.

    ``y_score`` may be dense or CSR when ``y_true`` is an indicator matrix; with
    1-D classes it is dense, one column per class in sorted order (or in the
    order of ``labels``), or one column of positive-class scores for binary
    targets. ``weight_total`` says which weights are refused: "some" (the
    default) all-zero weights, "nonzero" (the metric divides by the total)
    weights summing to zero too, "any" none of these (a count).
    """
    y_true = as_array_or_csr(y_true, "y_true", func)
    check_not_empty(y_true, "y_true", func)
    # NaN and infinity are found from the sum of the scores that the ranking
    # kernels take while reading them (see check_finite_total).
    if sp.issparse(y_score) and not allow_sparse_scores:
        raise TypeError(
            f"y_score of {func} must be dense; got a sparse matrix. (Sparse scores "
            "are ranked by precision_at_k_score and the other @k metrics.)"
        )
    scores = check_scores(y_score, func, finite=sp.issparse(y_score))
    if scores.dtype.kind != "f":  # integer or boolean scores: rank them as floats
        scores = scores.astype(np.float64)
    check_same_rows(y_true, scores, func)
    weight = check_sample_weight(
        sample_weight,
        y_true.shape[0],
        func,
        allow_all_zero=weight_total == "any",
        nonzero_total=weight_total == "nonzero",
    )
    indicator_input = y_true.ndim == 2 and (sp.issparse(y_true) or y_true.shape[1] > 1)
    if indicator_input:
        if labels is not None:
            raise ValueError(
                f"labels= of {func} names the classes of 1-D y_true; with an "
                "indicator matrix the columns are the classes."
            )
        if y_true.shape[1] != scores.shape[1]:
            raise ValueError(
                f"y_true and y_score of {func} have different numbers of labels: "
                f"{y_true.shape[1]} and {scores.shape[1]}."
            )
        return RankTargets(
            None, check_indicator(y_true, "y_true", func), scores, weight
        )
    if not allow_labels:
        raise ValueError(
            f"y_true of {func} must be a label-indicator matrix of shape "
            f"(n_samples, n_labels); got shape {y_true.shape}."
        )
    if sp.issparse(scores):
        raise TypeError(
            f"y_score of {func} must be dense when y_true holds class labels."
        )
    y_true = column_or_1d(y_true, "y_true", func)
    label_kind(y_true, "y_true", func)
    n_columns = scores.shape[1]
    if n_columns == 1:  # binary: scores of the positive (greater) class
        scores = _binary_columns(scores)
    codes, _ = column_codes(y_true, scores.shape[1], labels, func)
    return RankTargets(codes, None, scores, weight)


def warn_k(k, n_labels, func):
    if k >= n_labels:
        warnings.warn(
            f"'k' ({k}) greater than or equal to 'n_classes' ({n_labels}) will result "
            "in a perfect score and is therefore meaningless.",
            UndefinedMetricWarning,
            stacklevel=caller_stacklevel(),
        )


def check_propensities(propensities, n_labels, func):
    """Label propensities: shape (n_labels,), values in (0, 1]."""
    p = np.asarray(propensities, dtype=np.float64)
    if p.shape != (n_labels,) or not ((p > 0) & (p <= 1)).all():
        raise param_error(
            func,
            "propensities",
            f"an array of shape ({n_labels},) with values in (0, 1]",
            propensities if p.ndim != 1 or p.size > 10 else p.tolist(),
        )
    return p
