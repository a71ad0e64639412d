"""Docstring fragments shared by the metric functions (one text, so the
functions cannot drift apart), filled in by :func:`shared_docs`."""

THRESHOLD = """\
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
        scores ``argmax(y_true)`` against ``argmax(y_pred)``."""


def shared_docs(func):
    """Replace the line ``    threshold : <shared>`` of ``func``'s docstring by
    :data:`THRESHOLD`."""
    if func.__doc__:  # None under python -OO
        func.__doc__ = func.__doc__.replace("    threshold : <shared>", THRESHOLD)
    return func
