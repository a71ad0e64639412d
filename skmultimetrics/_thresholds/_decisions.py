"""The decisions of fixed cut-offs, shared by :class:`ThresholdOptimizer` and
:class:`FixedThresholdClassifier` so that the two predict alike, and the manners
the two take from the estimator they wrap."""

from sklearn.utils import get_tags

from .._checks._multiclass import class_decisions


def estimator_has(attr):
    """``available_if`` check: the fitted (else the given) estimator has ``attr``."""

    def check(self):
        return hasattr(getattr(self, "estimator_", self.estimator), attr)

    return check


def wrapper_tags(tags, estimator):
    """``tags`` of a classifier wrapping ``estimator``: multi-label targets as
    far as the estimator takes them, multiclass targets with an estimator that
    has ``predict_proba``; sparse and NaN inputs as the estimator."""
    inner = get_tags(estimator)
    tags.classifier_tags.multi_label = inner.classifier_tags.multi_label
    tags.classifier_tags.multi_class = hasattr(estimator, "predict_proba")
    tags.input_tags.sparse = inner.input_tags.sparse
    tags.input_tags.allow_nan = inner.input_tags.allow_nan
    return tags


def apply_cut_offs(kind, classes, scores, cut_offs):
    """Predictions of ``cut_offs`` on an estimator's ``scores``.

    ``kind`` "multiclass": ``classes[argmax(scores / cut_offs)]``, one positive
    cut-off per class; "binary": ``classes[1]`` where the greater class's score
    (the last column: ``predict_proba[:, 1]`` or ``decision_function``) is at or
    above the cut-off, else ``classes[0]``; otherwise ``scores >= cut_offs`` as a
    0/1 label-indicator matrix.
    """
    if kind == "multiclass":
        return classes[class_decisions(scores, cut_offs)]
    if kind == "binary":
        return classes[(scores[:, -1] >= cut_offs).astype(int)]
    return (scores >= cut_offs).astype(int)
