"""Docstring fragments shared by the metric functions (one text, so the
functions cannot drift apart), filled in by :func:`shared_docs`.

A parameter line ``    name : <key>`` of a docstring stands for the fragment
``key``, the whole entry of that parameter (type line and description).
"""

import re

FRAGMENTS = {
    "y_true": """\
    y_true : 1-D array-like, or label indicator array / sparse matrix
        Ground truth: class labels, or a binary (n_samples, n_labels) matrix.""",
    "y_pred": """\
    y_pred : 1-D array-like, or label indicator array / sparse matrix
        Predicted labels in the layout of ``y_true``; scores with ``threshold``.""",
    "labels": """\
    labels : array-like, default=None
        Labels to include; column indices for multi-label targets.""",
    "pos_label": """\
    pos_label : int, float, bool or str, default=1
        The class reported when ``average='binary'``.""",
    "average": """\
    average : {'binary', 'micro', 'macro', 'samples', 'weighted'} or None, \
default='binary'
        How to average; see :func:`precision_recall_fscore_support`.""",
    "sample_weight": """\
    sample_weight : array-like of shape (n_samples,), default=None
        Sample weights.""",
    "zero_division_fscore": """\
    zero_division : {"warn", 0.0, 1.0, np.nan}, default="warn"
        Value when there are neither true nor predicted positives; "warn" acts
        as 0 and warns.""",
    "threshold": """\
    threshold : float, array-like of shape (n_labels,) or "argmax", default=None
        When given, ``y_pred`` holds scores and the prediction is
        ``y_pred >= threshold``; an array gives one cut-off per label.
        Multiclass ``y_true`` with scores of shape (n_samples, n_classes):
        ``argmax(y_pred / threshold)``, one positive threshold per class
        (``inf`` never predicts it, but not every class; a number gives the
        plain argmax). The columns are the classes: ``labels[j]`` when
        ``labels`` has one class per column, else the sorted classes of
        ``y_true`` when they are as many, else the class indices
        ``0 .. n_classes - 1`` (as :class:`MetricAccumulator`), so a class
        absent from ``y_true`` keeps its column. Binary
        1-D ``y_true``: a score is that of the greater class (as
        ``predict_proba[:, 1]``, which may be passed whole) and predicts it,
        whichever class ``pos_label`` reports.
        ``"argmax"`` scores one class per sample: the class of each row's
        highest score against the true class, with ``y_true`` 1-D labels
        or a one-hot matrix (Keras' ``to_categorical``), as scikit-learn
        scores ``argmax(y_true)`` against ``argmax(y_pred)``.""",
    "y_true_at_k": """\
    y_true : array-like or sparse matrix of shape (n_samples, n_labels)
        Binary label-indicator matrix of true labels.""",
    "y_score_at_k": """\
    y_score : array-like or sparse matrix of shape (n_samples, n_labels)
        Scores; with a sparse matrix, labels without a stored score are not ranked.""",
    "k_at_k": """\
    k : int, default=5
        Number of best-scored labels per sample.
        An int in [1, n_labels]: a larger ``k`` raises, because there are no
        more labels to rank and precision at k would divide by slots that no
        label can fill (:func:`top_k_accuracy_score` instead warns, as
        scikit-learn does).""",
    "ties_at_k": """\
    ties : {"average", "optimistic", "pessimistic"}, default="average"
        How labels tied at the k-th place are counted.""",
}

_MARKER = re.compile(r"^    \w+ : <(\w+)>$", re.MULTILINE)


def shared_docs(func):
    """Replace every marker line ``    name : <key>`` of ``func``'s docstring by
    ``FRAGMENTS[key]``."""
    if func.__doc__:  # None under python -OO
        func.__doc__ = _MARKER.sub(lambda m: FRAGMENTS[m.group(1)], func.__doc__)
    return func
