"""Precision, recall and F-scores: thin views of ``precision_recall_fscore_support``.

Each function is its signature and docstring; :func:`set_metric_function` makes
it check, count and finish (``_set_metrics.set_metric``).
"""

from ._set_metrics import set_metric_function


@set_metric_function("precision")
def precision_score(
    y_true,
    y_pred,
    *,
    labels=None,
    pos_label=1,
    average="binary",
    sample_weight=None,
    zero_division="warn",
    threshold=None,
):
    """Precision ``tp / (tp + fp)``: the share of predicted positives that are right.

    Read more in the :ref:`User Guide <definitions>`.

    Values, defaults and warnings are those of :func:`sklearn.metrics.precision_score`.

    Parameters
    ----------
    y_true : <y_true>
    y_pred : <y_pred>
    labels : <labels>
    pos_label : <pos_label>
    average : <average>
    sample_weight : <sample_weight>
    zero_division : {"warn", 0.0, 1.0, np.nan}, default="warn"
        Value when there are no predicted positives; "warn" acts as 0 and warns.
    threshold : <threshold>

    Returns
    -------
    precision : float or ndarray of shape (n_labels,)
        Precision: the value of ``pos_label`` for ``average='binary'``, the
        average over the labels, or one value per label for ``average=None``.

    Examples
    --------
    >>> from skmultimetrics import precision_score
    >>> precision_score([0, 1, 1, 0], [0.2, 0.9, 0.4, 0.6], threshold=0.5)
    0.5
    """


@set_metric_function("recall")
def recall_score(
    y_true,
    y_pred,
    *,
    labels=None,
    pos_label=1,
    average="binary",
    sample_weight=None,
    zero_division="warn",
    threshold=None,
):
    """Recall ``tp / (tp + fn)``: the share of true positives that are found.

    Read more in the :ref:`User Guide <definitions>`.

    Values, defaults and warnings are those of :func:`sklearn.metrics.recall_score`.

    Parameters
    ----------
    y_true : <y_true>
    y_pred : <y_pred>
    labels : <labels>
    pos_label : <pos_label>
    average : <average>
    sample_weight : <sample_weight>
    zero_division : {"warn", 0.0, 1.0, np.nan}, default="warn"
        Value when there are no true positives; "warn" acts as 0 and warns.
    threshold : <threshold>

    Returns
    -------
    recall : float or ndarray of shape (n_labels,)
        Recall: the value of ``pos_label`` for ``average='binary'``, the average
        over the labels, or one value per label for ``average=None``.

    Examples
    --------
    >>> from skmultimetrics import recall_score
    >>> recall_score([[1, 1], [0, 1]], [[1, 0], [0, 1]], average=None)
    array([1. , 0.5])
    """


@set_metric_function("f-score")
def fbeta_score(
    y_true,
    y_pred,
    *,
    beta,
    labels=None,
    pos_label=1,
    average="binary",
    sample_weight=None,
    zero_division="warn",
    threshold=None,
):
    """F-beta score ``(1 + beta**2) tp / ((1 + beta**2) tp + beta**2 fn + fp)``.

    Read more in the :ref:`User Guide <definitions>`.

    ``beta < 1`` favours precision, ``beta > 1`` recall. Values, defaults and
    warnings are those of :func:`sklearn.metrics.fbeta_score`.

    Parameters
    ----------
    y_true : <y_true>
    y_pred : <y_pred>
    beta : float
        Weight of recall against precision.
    labels : <labels>
    pos_label : <pos_label>
    average : <average>
    sample_weight : <sample_weight>
    zero_division : <zero_division_fscore>
    threshold : <threshold>

    Returns
    -------
    fbeta : float or ndarray of shape (n_labels,)
        F-beta score: the value of ``pos_label`` for ``average='binary'``, the
        average over the labels, or one value per label for ``average=None``.

    Examples
    --------
    >>> from skmultimetrics import fbeta_score

    One hit, one false alarm, two misses: F2 = 5 / (5 + 4 * 2 + 1):

    >>> round(fbeta_score([1, 1, 1, 0], [1, 0, 0, 1], beta=2), 4)
    0.3571
    """


@set_metric_function("f-score")
def f1_score(
    y_true,
    y_pred,
    *,
    labels=None,
    pos_label=1,
    average="binary",
    sample_weight=None,
    zero_division="warn",
    threshold=None,
):
    """F1 score, the harmonic mean of precision and recall: ``2 tp / (2 tp + fp + fn)``.

    Read more in the :ref:`User Guide <definitions>`.

    Values, defaults and warnings are those of :func:`sklearn.metrics.f1_score`.

    Parameters
    ----------
    y_true : <y_true>
    y_pred : <y_pred>
    labels : <labels>
    pos_label : <pos_label>
    average : <average>
    sample_weight : <sample_weight>
    zero_division : <zero_division_fscore>
    threshold : <threshold>

    Returns
    -------
    f1 : float or ndarray of shape (n_labels,)
        F1 score: the value of ``pos_label`` for ``average='binary'``, the
        average over the labels, or one value per label for ``average=None``.

    Examples
    --------
    >>> from skmultimetrics import f1_score
    >>> y_true = [[1, 0, 1], [0, 1, 1]]
    >>> y_score = [[0.8, 0.1, 0.3], [0.2, 0.6, 0.9]]

    At 0.5 the third label of row 1 is missed; per label F1 is 1, 1 and 2/3:

    >>> round(f1_score(y_true, y_score, average="macro", threshold=0.5), 4)
    0.8889
    >>> f1_score(y_true, y_score, average="macro", threshold=[0.5, 0.5, 0.25])
    1.0
    """
