"""The decisions of fixed cut-offs, shared by :class:`ThresholdOptimizer` and
:class:`FixedThresholdClassifier` so that the two predict alike."""

from .._checks._multiclass import class_decisions


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
