"""The two "accuracies" of a multi-label model, under names that say which is which.

- :func:`subset_accuracy_score`: a sample counts only if *every* label is right
  (scikit-learn's ``accuracy_score`` on multi-label data, the exact-match ratio).
- :func:`hamming_accuracy_score`: the share of right label *cells* (Keras'
  ``binary_accuracy`` / ``BinaryAccuracy``, ``1 - sklearn.metrics.hamming_loss``).

On sparse label sets the second is high whatever the model does, because most
cells are negatives that are easy to get right.
"""

from .._checks._params import check_normalize
from .._checks._targets import check_targets
from ._dask import counted_on_dask, dask_door
from ._docstrings import shared_docs
from ._set_metrics import target_sums
from ._streamed import accuracy_value


def _on_dask(func, y_true, y_pred, *, threshold, sample_weight, normalize=True):
    """Either accuracy of Dask arrays, by the name of its scorer."""
    return counted_on_dask(
        func,
        func.removesuffix("_score"),
        y_true,
        y_pred,
        sample_weight,
        threshold=threshold,
        normalize=check_normalize(normalize, func),
    )


@dask_door(_on_dask)
@shared_docs
def subset_accuracy_score(
    y_true, y_pred, *, threshold=None, normalize=True, sample_weight=None
):
    """Exact-match ratio: the share of samples whose every label is right.

    Read more in the :ref:`User Guide <which_accuracy>`.

    Equal to :func:`sklearn.metrics.accuracy_score`; on 1-D targets it is
    ordinary accuracy.

    Parameters
    ----------
    y_true : <y_true>
    y_pred : <y_pred>
    threshold : float, array-like of shape (n_labels,) or "argmax", default=None
        When given, ``y_pred`` holds scores and the prediction is
        ``y_pred >= threshold``; an array gives one cut-off per label (multiclass
        scores: ``argmax(y_pred / threshold)``, one threshold per class). For 1-D
        binary ``y_true`` a score is that of the greater class (as
        ``predict_proba[:, 1]``, which may be passed whole) and predicts it.
        ``"argmax"`` scores one class per sample: the class of each row's
        highest score against the true class, with ``y_true`` 1-D labels
        or a one-hot matrix (Keras' ``to_categorical``), as scikit-learn
        scores ``argmax(y_true)`` against ``argmax(y_pred)``.
    normalize : bool, default=True
        If False, return the (weighted) number of exact matches instead.
    sample_weight : <sample_weight>

    Returns
    -------
    score : float
        The share of exact matches, or their (weighted) number with
        ``normalize=False``.

    See Also
    --------
    hamming_accuracy_score : The share of right label cells.

    Examples
    --------
    >>> from skmultimetrics import subset_accuracy_score
    >>> y_true = [[1, 0, 0, 1, 0], [0, 1, 0, 0, 0]]
    >>> y_pred = [[1, 0, 0, 1, 0], [0, 1, 1, 0, 0]]

    The second row has one wrong cell, so it does not count:

    >>> subset_accuracy_score(y_true, y_pred)
    0.5
    >>> subset_accuracy_score(y_true, y_pred, normalize=False)
    1.0
    """
    func = "subset_accuracy_score"
    normalize = check_normalize(normalize, func)
    targets = check_targets(
        y_true,
        y_pred,
        sample_weight,
        threshold=threshold,
        pos_label=None,
        func=func,
        nonzero_total=normalize,
    )
    return subset_accuracy_from_targets(targets, normalize=normalize)


@dask_door(_on_dask)
@shared_docs
def hamming_accuracy_score(y_true, y_pred, *, threshold=None, sample_weight=None):
    """The share of right label cells: ``1 - hamming_loss``.

    Read more in the :ref:`User Guide <which_accuracy>`.

    This is what Keras reports as ``accuracy`` for a multi-label model
    (``binary_accuracy``), averaged over samples and labels.  On 1-D targets it
    is ordinary accuracy.

    Parameters
    ----------
    y_true : <y_true>
    y_pred : <y_pred>
    threshold : float, array-like of shape (n_labels,) or "argmax", default=None
        When given, ``y_pred`` holds scores and the prediction is
        ``y_pred >= threshold``; an array gives one cut-off per label (multiclass
        scores: ``argmax(y_pred / threshold)``, one threshold per class). (Keras
        compares with ``>``; the two differ only on scores equal to the cut-off.)
        For 1-D binary ``y_true`` a score is that of the greater class (as
        ``predict_proba[:, 1]``, which may be passed whole) and predicts it.
        ``"argmax"`` scores one class per sample: the class of each row's
        highest score against the true class, with ``y_true`` 1-D labels
        or a one-hot matrix (Keras' ``to_categorical``), as scikit-learn
        scores ``argmax(y_true)`` against ``argmax(y_pred)``.
    sample_weight : <sample_weight>

    Returns
    -------
    score : float
        The (weighted) share of right label cells.

    See Also
    --------
    subset_accuracy_score : The share of samples with every label right.

    Examples
    --------
    >>> from skmultimetrics import hamming_accuracy_score
    >>> y_true = [[1, 0, 0, 1, 0], [0, 1, 0, 0, 0]]
    >>> y_pred = [[1, 0, 0, 1, 0], [0, 1, 1, 0, 0]]

    One wrong cell out of ten:

    >>> hamming_accuracy_score(y_true, y_pred)
    0.9
    """
    func = "hamming_accuracy_score"
    targets = check_targets(
        y_true,
        y_pred,
        sample_weight,
        threshold=threshold,
        pos_label=None,
        func=func,
        nonzero_total=True,
    )
    return hamming_accuracy_from_targets(targets)


def subset_accuracy_from_targets(targets, *, normalize=True):
    """Subset accuracy of checked targets (:func:`subset_accuracy_score` without
    its checks)."""
    sums = target_sums(targets, samples=("subset_accuracy",))
    return accuracy_value(sums, "subset_accuracy", normalize)


def hamming_accuracy_from_targets(targets):
    """Hamming accuracy of checked targets (:func:`hamming_accuracy_score` without
    its checks)."""
    return accuracy_value(target_sums(targets), "hamming_accuracy")
