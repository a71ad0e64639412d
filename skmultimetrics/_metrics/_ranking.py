"""Ranking metrics: top-k accuracy and precision / recall / nDCG / PSP at k.

Each function checks its inputs (``_checks._ranking``), reduces the scores to
per-sample rank statistics in one pass without sorting rows
(``_rank_statistics``) and finishes with a formula. Ties at the k-th place follow
one rule, chosen by ``ties``:

- ``"average"``: the expected value when tied labels are ordered at random;
- ``"optimistic"``: true labels first among equal scores (Keras' ``in_top_k``);
- ``"pessimistic"``: true labels last among equal scores.
"""

import numpy as np

from .._checks._params import check_normalize
from .._checks._ranking import check_k, check_ranking_targets, check_ties, warn_k
from .._checks._scores import check_finite_total
from .._counts._rank_statistics import rank_counts, top_k_hits
from .._counts._sums import sample_mean_sums
from ._dask import counted_on_dask, dask_class_indices, dask_door, refuse_on_dask
from ._docstrings import shared_docs
from ._streamed import mean_or_sum


def _top_k_on_dask(func, y_true, y_score, *, k, normalize, sample_weight, labels, ties):
    """:func:`top_k_accuracy_score` of Dask arrays; ``y_true`` holds the column
    indices of ``y_score`` (or is a label matrix)."""
    refuse_on_dask(func, ties=(check_ties(ties, func), "average"))
    normalize = check_normalize(normalize, func)
    shape = np.shape(y_score)
    n_classes = shape[1] if len(shape) == 2 else 2
    k = check_k(k, n_classes, func, at_most_n_labels=False)
    if labels is not None and not np.array_equal(labels, np.arange(n_classes)):
        raise ValueError(
            f"{func} on Dask arrays takes labels= only as the column indices "
            f"0 .. {n_classes - 1} (y_true holding them); got {labels!r}. Call "
            ".compute() on the arrays to use other labels."
        )
    if len(np.shape(y_true)) == 1 and labels is None:
        dask_class_indices(y_true, n_classes, func)
    name = f"top{k}_accuracy"
    return counted_on_dask(
        func, name, y_true, y_score, sample_weight, normalize=normalize
    )


@dask_door(_top_k_on_dask)
@shared_docs
def top_k_accuracy_score(
    y_true,
    y_score,
    *,
    k=2,
    normalize=True,
    sample_weight=None,
    labels=None,
    ties="average",
):
    """Top-k accuracy: the share of samples whose true class is among the k best.

    Read more in the :ref:`User Guide <top_k>`.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,) or (n_samples, n_classes)
        True classes as labels (ints or strings), or as a one-hot / label
        indicator matrix (Keras' categorical format). With several true labels
        in a row, the sample is a hit when any of them is in the top k.
    y_score : array-like of shape (n_samples, n_classes) or (n_samples,)
        Scores, one column per class in the order of ``labels`` (by default the
        sorted classes of ``y_true``); for binary targets, the scores of the
        greater class may be given as one column.
    k : int, default=2
        Number of best-scored classes that count as hits; scikit-learn's default
        (ask for top-5 accuracy with ``k=5``). As in scikit-learn,
        ``k >= n_classes`` gives a perfect score with an
        ``UndefinedMetricWarning`` (the @k metrics refuse ``k > n_labels``).
    normalize : bool, default=True
        If False, return the (weighted) number of hits.
    sample_weight : <sample_weight>
    labels : array-like of shape (n_classes,), default=None
        The class of each column of ``y_score``, needed when ``y_true`` lacks some
        classes. Unlike scikit-learn, any order is accepted.
    ties : {"average", "optimistic", "pessimistic"}, default="average"
        How classes scoring equal to the true class are ranked. With ``m``
        classes scoring strictly higher than the true class and ``t`` others
        scoring equal to it: ``"optimistic"`` counts a hit when ``m < k`` (Keras'
        ``in_top_k``), ``"pessimistic"`` when ``m + t < k``, ``"average"`` gives
        the expected hit under random tie-breaking, ``clip((k - m) / (t + 1), 0,
        1)``.

    Returns
    -------
    score : float
        The (weighted) share of hits, or their (weighted) number with
        ``normalize=False``.

    Notes
    -----
    The scores are read once, in row chunks, and never sorted: a sample's rank
    is the number of scores above its true class's score. Without ties the value
    equals :func:`sklearn.metrics.top_k_accuracy_score`. A row of an indicator
    ``y_true`` without any true label is a miss.

    Examples
    --------
    >>> from skmultimetrics import top_k_accuracy_score
    >>> y_true = [0, 1, 2, 2]
    >>> y_score = [[0.5, 0.2, 0.2],   # true class 0 ranked 1st
    ...            [0.3, 0.4, 0.2],   # true class 1 ranked 1st
    ...            [0.2, 0.4, 0.3],   # true class 2 ranked 2nd
    ...            [0.7, 0.2, 0.1]]   # true class 2 ranked 3rd
    >>> top_k_accuracy_score(y_true, y_score, k=2)
    0.75

    A worked tie: in the first row below, class 0 (true) ties with class 1 for
    the 1st place. With k=1, one place for two tied classes:

    >>> y_score = [[0.4, 0.4, 0.2], [0.3, 0.5, 0.2]]
    >>> top_k_accuracy_score([0, 1], y_score, k=1, labels=[0, 1, 2])  # (1/2 + 1) / 2
    0.75
    >>> top_k_accuracy_score(
    ...     [0, 1], y_score, k=1, labels=[0, 1, 2], ties="optimistic")
    1.0
    >>> top_k_accuracy_score(
    ...     [0, 1], y_score, k=1, labels=[0, 1, 2], ties="pessimistic")
    0.5
    """
    func = "top_k_accuracy_score"
    ties = check_ties(ties, func)
    normalize = check_normalize(normalize, func)
    targets = check_ranking_targets(
        y_true,
        y_score,
        sample_weight=sample_weight,
        labels=labels,
        func=func,
        allow_sparse_scores=False,
        weight_total="nonzero" if normalize else "any",
    )
    n_classes = targets.scores.shape[1]
    k = check_k(k, n_classes, func, at_most_n_labels=False)
    warn_k(k, n_classes, func)
    counts = rank_counts(
        targets.scores, k, true_codes=targets.true_codes, indicator=targets.indicator
    )
    check_finite_total(counts.score_total, targets.scores, func)
    hits = sample_mean_sums(top_k_hits(counts, k, ties), targets.sample_weight)
    return mean_or_sum(hits, normalize)
