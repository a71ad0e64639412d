"""Precision, recall, nDCG and propensity-scored precision at k for label sets.

All four read the k best-scored labels of each sample by partial selection
(never a full sort of a row), from dense or CSR scores; a label without a stored
sparse score is not ranked at all. Ties at the k-th place follow ``ties`` as in
:func:`top_k_accuracy_score`; nDCG also shares places within every group of
equal scores above it.
"""

from functools import partial

import numpy as np

from .._checks._params import check_sample_weight, check_zero_division
from .._checks._ranking import (
    check_k,
    check_propensities,
    check_ranking_targets,
    check_ties,
)
from .._checks._scores import check_finite_total
from .._counts._rank_statistics import best_gains, topk_counts
from .._counts._reductions import psp_value
from .._counts._statistics import column_counts
from ._dask import (
    counted_on_dask,
    dask_door,
    dask_label_frequencies,
    is_dask,
    refuse_on_dask,
)
from ._docstrings import shared_docs
from ._registry import Spec
from ._streamed import at_k_score


def _on_dask(func, y_true, y_score, *, k, ties, sample_weight, zero_division="warn"):
    """Precision, recall or nDCG at k of Dask arrays (``ties="average"`` only)."""
    refuse_on_dask(func, ties=(check_ties(ties, func), "average"))
    zero_division = check_zero_division(zero_division, func)
    shape = np.shape(y_score)
    k = check_k(k, shape[1] if len(shape) == 2 else 1, func)
    name = f"{func.split('_')[0]}_at_{k}"
    return counted_on_dask(
        func, name, y_true, y_score, sample_weight, zero_division=zero_division
    )


def _check(y_true, y_score, k, ties, sample_weight, func):
    ties = check_ties(ties, func)
    targets = check_ranking_targets(
        y_true, y_score, sample_weight=sample_weight, func=func, allow_labels=False
    )
    return targets, check_k(k, targets.scores.shape[1], func), ties


def _topk(targets, k, func, **kwargs):
    counts = topk_counts(targets.scores, targets.indicator, k, **kwargs)
    check_finite_total(counts.score_total, targets.scores, func)
    return counts


def _at_k(metric, targets, k, ties, zero_division, func):
    """Count the top k, then finish as the stream does (:func:`at_k_score`)."""
    counts = _topk(targets, k, func, need_dcg=metric == "ndcg")
    spec = Spec(f"{metric}_at_{k}", "at_k", metric, k=k)
    return at_k_score(spec, counts, targets.sample_weight, zero_division, ties)


@dask_door(_on_dask)
@shared_docs
def precision_at_k_score(y_true, y_score, *, k=5, ties="average", sample_weight=None):
    """Precision at k: the share of the k best-scored labels that are true.

    Read more in the :ref:`User Guide <definitions>`.

    ``P@k = |true labels among the k best| / k``, averaged over samples; a sample
    without true labels scores 0.

    Parameters
    ----------
    y_true : <y_true_at_k>
    y_score : <y_score_at_k>
    k : <k_at_k>
    ties : {"average", "optimistic", "pessimistic"}, default="average"
        How labels tied at the k-th place are counted; see
        :func:`top_k_accuracy_score`.
    sample_weight : <sample_weight>

    Returns
    -------
    score : float
        P@k, the (weighted) mean over samples.

    Examples
    --------
    >>> from skmultimetrics import precision_at_k_score
    >>> y_true = [[1, 0, 1, 0], [0, 0, 0, 1]]
    >>> y_score = [[0.9, 0.8, 0.1, 0.3], [0.2, 0.1, 0.3, 0.4]]

    Top 2 of row 1 are labels 0 and 1 (one true), of row 2 labels 3 and 2 (one):

    >>> precision_at_k_score(y_true, y_score, k=2)
    0.5
    """
    func = "precision_at_k_score"
    targets, k, ties = _check(y_true, y_score, k, ties, sample_weight, func)
    return _at_k("precision", targets, k, ties, 0.0, func)


@dask_door(_on_dask)
@shared_docs
def recall_at_k_score(
    y_true, y_score, *, k=5, ties="average", sample_weight=None, zero_division="warn"
):
    """Recall at k: the share of a sample's true labels among its k best-scored.

    Read more in the :ref:`User Guide <definitions>`.

    ``R@k = |true labels among the k best| / |true labels|``, averaged over
    samples. It never decreases in k and is 1 at ``k = n_labels`` (for dense
    scores).

    Parameters
    ----------
    y_true : <y_true_at_k>
    y_score : <y_score_at_k>
    k : <k_at_k>
    ties : <ties_at_k>
    sample_weight : <sample_weight>
    zero_division : {"warn", 0.0, 1.0, np.nan}, default="warn"
        Value for samples without true labels; "warn" acts as 0 and warns,
        ``np.nan`` leaves them out of the average.

    Returns
    -------
    score : float
        R@k, the (weighted) mean over samples.

    Examples
    --------
    >>> from skmultimetrics import recall_at_k_score
    >>> y_true = [[1, 0, 1, 0], [0, 0, 0, 1]]
    >>> y_score = [[0.9, 0.8, 0.1, 0.3], [0.2, 0.1, 0.3, 0.4]]
    >>> recall_at_k_score(y_true, y_score, k=2)  # (1/2 + 1/1) / 2
    0.75
    """
    func = "recall_at_k_score"
    zero_division = check_zero_division(zero_division, func)
    targets, k, ties = _check(y_true, y_score, k, ties, sample_weight, func)
    return _at_k("recall", targets, k, ties, zero_division, func)


@dask_door(_on_dask)
@shared_docs
def ndcg_at_k_score(
    y_true, y_score, *, k=5, ties="average", sample_weight=None, zero_division="warn"
):
    """Normalised discounted cumulative gain at k, with binary relevance.

    Read more in the :ref:`User Guide <definitions>`.

    ``DCG@k = sum over the k best-scored labels of rel / log2(rank + 1)``,
    divided by the ideal DCG, that of ``min(k, n_true)`` true labels ranked
    first; averaged over samples. Labels with equal scores share their ranks:
    ``"average"`` gives each rank of a tied group the group's share of true
    labels, which is :func:`sklearn.metrics.ndcg_score`'s tie handling, so the
    two are equal for binary relevance.

    Parameters
    ----------
    y_true : <y_true_at_k>
    y_score : <y_score_at_k>
    k : int, default=5
        Number of ranks that count.
        An int in [1, n_labels]: a larger ``k`` raises, because there are no
        more labels to rank and precision at k would divide by slots that no
        label can fill (:func:`top_k_accuracy_score` instead warns, as
        scikit-learn does).
    ties : {"average", "optimistic", "pessimistic"}, default="average"
        How labels with equal scores are ordered.
    sample_weight : <sample_weight>
    zero_division : {"warn", 0.0, 1.0, np.nan}, default="warn"
        Value for samples without true labels (scikit-learn uses 0); "warn"
        acts as 0 and warns, ``np.nan`` leaves them out of the average.

    Returns
    -------
    score : float
        NDCG@k, the (weighted) mean over samples.

    Examples
    --------
    >>> from skmultimetrics import ndcg_at_k_score
    >>> y_true = [[1, 0, 1, 0]]
    >>> y_score = [[0.9, 0.8, 0.1, 0.3]]

    True labels at ranks 1 and 4; with k=2 only rank 1 counts, and the ideal
    has true labels at ranks 1 and 2: ``1 / (1 + 1 / log2(3))``.

    >>> round(ndcg_at_k_score(y_true, y_score, k=2), 4)
    0.6131
    """
    func = "ndcg_at_k_score"
    zero_division = check_zero_division(zero_division, func)
    targets, k, ties = _check(y_true, y_score, k, ties, sample_weight, func)
    return _at_k("ndcg", targets, k, ties, zero_division, func)


def inverse_propensities(y_true_counts, n_samples, a=0.55, b=1.5):
    """Inverse label propensities of Jain et al. (2016) from label frequencies.

    ``1 / p_l = 1 + C (N_l + B) ** -A`` with ``C = (ln N - 1) (B + 1) ** A``,
    and ``C = 0`` (propensity 1) for ``N < e``, where the formula turns negative.
    """
    # below N = e the model's constant turns negative; every label is then
    # given propensity 1
    c = max(np.log(n_samples) - 1.0, 0.0) * (b + 1.0) ** a
    return 1.0 + c * (np.asarray(y_true_counts, dtype=np.float64) + b) ** (-a)


def _gains(propensities, count_labels, weight, a, b, shape, func):
    """The labels' gains ``1 / p_l``: of the given ``propensities``, or of the
    (weighted) label counts ``count_labels()`` of the ``shape`` label matrix."""
    n_samples, n_labels = shape
    if propensities is not None:
        return 1.0 / check_propensities(propensities, n_labels, func)
    label_counts = count_labels()
    # weighted label shares of the samples that count (non-zero weight), so
    # that scaling the weights changes nothing
    total = n_samples
    if weight is not None:
        total = np.count_nonzero(weight)
        label_counts = label_counts * (total / weight.sum())
    return inverse_propensities(label_counts, total, a, b)


def _psp_on_dask(
    func, y_true, y_score, *, k, propensities, a, b, ties, sample_weight, zero_division
):
    """PSP@k of Dask label matrices: the labels' counts in one pass (for the
    default propensities), then each row chunk's gains on the workers."""
    refuse_on_dask(func, ties=(check_ties(ties, func), "average"))
    zero_division = check_zero_division(zero_division, func)
    shape = np.shape(y_true)
    k = check_k(k, shape[1], func)
    weight = sample_weight
    if weight is not None:
        weight = check_sample_weight(np.asarray(weight), shape[0], func)
    if not is_dask(y_true, y_score):  # only the weights were a Dask array
        kw = dict(k=k, propensities=propensities, a=a, b=b, ties=ties)
        return propensity_scored_precision_at_k_score(
            y_true, y_score, sample_weight=weight, zero_division=zero_division, **kw
        )
    count = partial(dask_label_frequencies, y_true, weight, func)
    gains = _gains(propensities, count, weight, a, b, shape, func)
    name = f"psp_at_{k}"
    return counted_on_dask(
        func, name, y_true, y_score, weight, zero_division=zero_division, gains=gains
    )


@dask_door(_psp_on_dask)
@shared_docs
def propensity_scored_precision_at_k_score(
    y_true,
    y_score,
    *,
    k=5,
    propensities=None,
    a=0.55,
    b=1.5,
    ties="average",
    sample_weight=None,
    zero_division="warn",
):
    """Propensity-scored precision at k (PSP@k, Jain et al. 2016), normalised.

    Read more in the :ref:`User Guide <definitions>`.

    Each true label among the k best-scored earns its inverse propensity
    ``1 / p_l``, so rare (tail) labels count more. The summed gains over all
    samples are divided by those of the best possible ranking, as in the Extreme
    Classification Repository's evaluation: 1 is the best score.

    Parameters
    ----------
    y_true : <y_true_at_k>
    y_score : <y_score_at_k>
    k : <k_at_k>
    propensities : array-like of shape (n_labels,), default=None
        Label propensities in (0, 1]. By default estimated from ``y_true`` with
        ``p_l = 1 / (1 + C (N_l + B) ** -A)``, ``C = (ln N - 1) (B + 1) ** A``,
        where ``N_l`` is the number of samples with label ``l`` and ``N`` the
        number of samples. With ``sample_weight``, ``N`` counts the samples of
        non-zero weight and ``N_l / N`` is the weighted share of label ``l``.
    a, b : float, default=0.55, 1.5
        The constants A and B of the propensity model (0.55 and 1.5 suit
        Wikipedia-like data; Jain et al. use 0.6 and 2.6 for Amazon).
    ties : <ties_at_k>
    sample_weight : <sample_weight>
    zero_division : {"warn", 0.0, 1.0, np.nan}, default="warn"
        Value when no sample has a true label.

    Returns
    -------
    score : float
        PSP@k, normalised by the best ranking's: 1 is the best score.

    Examples
    --------
    >>> from skmultimetrics import propensity_scored_precision_at_k_score
    >>> y_true = [[1, 0, 1], [1, 0, 0]]
    >>> y_score = [[0.9, 0.8, 0.1], [0.7, 0.1, 0.2]]

    Gains are 1 / 0.5 = 2 for labels 0 and 1 and 1 / 0.25 = 4 for label 2. At
    k=1 both rows get label 0 (gain 2 each); the best would be 4 and 2:

    >>> p = [0.5, 0.5, 0.25]
    >>> round(propensity_scored_precision_at_k_score(
    ...     y_true, y_score, k=1, propensities=p), 4)  # (2 + 2) / (4 + 2)
    0.6667
    >>> propensity_scored_precision_at_k_score(
    ...     y_true, y_score, k=2, propensities=p)  # (2 + 2) / (6 + 2)
    0.5
    """
    func = "propensity_scored_precision_at_k_score"
    zero_division = check_zero_division(zero_division, func)
    targets, k, ties = _check(y_true, y_score, k, ties, sample_weight, func)
    indicator, weight = targets.indicator, targets.sample_weight
    count = partial(column_counts, indicator, weight)
    gains = _gains(propensities, count, weight, a, b, indicator.shape, func)
    counts = _topk(targets, k, func, gains=gains)
    got = counts.gain_above + counts.gain_tied[ties]
    best = best_gains(indicator, gains, k)
    total_got = got.sum() if weight is None else weight @ got
    total_best = best.sum() if weight is None else weight @ best
    return psp_value(total_got, total_best, zero_division)
