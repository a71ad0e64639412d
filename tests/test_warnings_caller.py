"""Every warning given on behalf of a public call points at the caller's line.

The warnings use ``caller_stacklevel()`` (the first frame outside the package,
scikit-learn and Keras), so a warning names this file whichever entry point
gave it: the function, a scorer, ``MetricAccumulator``, ``cross_val_score`` ...
"""

import importlib.util
import warnings

import numpy as np
import pytest
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.model_selection import cross_val_score

import skmultimetrics as smm

rng = np.random.default_rng(0)
Y = np.array([[1, 0, 0], [0, 1, 0], [1, 1, 0], [0, 0, 0]] * 5)  # label 2: no 1
S = rng.random(Y.shape)
ZEROS = np.zeros_like(Y)
RARE = np.column_stack([Y[:, 0], np.eye(20, dtype=int)[0]])  # one positive
y3 = np.tile([0, 1, 2], 12)
P3 = rng.dirichlet(np.ones(3), size=36)
ONE_HOT = np.eye(3, dtype=int)[y3]


class Constant(ClassifierMixin, BaseEstimator):
    """Predicts ``pred`` and scores ``proba`` for every row of X (indices)."""

    def __init__(self, pred=None, proba=None):
        self.pred, self.proba = pred, proba

    def fit(self, X, y):
        self.classes_ = np.unique(y) if np.ndim(y) == 1 else [np.array([0, 1])]
        return self

    def predict(self, X):
        return self.pred[np.asarray(X).ravel()]

    def predict_proba(self, X):
        return self.proba[np.asarray(X).ravel()]


X20 = np.arange(20).reshape(-1, 1)
X30 = np.arange(36).reshape(-1, 1)


def _accumulate(metric, y, s, **kwargs):
    return smm.MetricAccumulator(metric, **kwargs).update(y, s).result()


CALLS = {
    "zero_division/function": lambda: smm.f1_score(Y, ZEROS, average="macro"),
    "zero_division/get_scorer": lambda: smm.get_scorer("f1_macro")(
        Constant(ZEROS).fit(X20, Y), X20, Y
    ),
    "zero_division/accumulator": lambda: _accumulate("f1_macro", Y, S * 0),
    "zero_division/cross_val_score": lambda: cross_val_score(
        Constant(ZEROS), X20, Y, scoring=smm.get_scorer("precision_macro"), cv=2
    ),
    "pos_label/function": lambda: smm.f1_score(y3, y3, average="macro", pos_label=2),
    "pos_label/precision": lambda: smm.precision_score(
        y3, y3, average="micro", pos_label=2
    ),
    "roc_auc_one_class/function": lambda: smm.roc_auc_score(Y, S, average=None),
    "roc_auc_one_class/accumulator": lambda: _accumulate("roc_auc_macro", Y, S),
    "average_precision_no_positive/function": lambda: smm.average_precision_score(
        Y, S, average=None
    ),
    "infeasible/function": lambda: smm.recall_at_precision_score(
        Y[:, :2], S[:, :2], min_precision=1.0
    ),
    "infeasible/accumulator": lambda: _accumulate(
        "recall_at_precision_95", Y[:, :2], 1 - Y[:, :2] * 0.5
    ),
    "one_hot_softmax/function": lambda: smm.f1_score(
        ONE_HOT, P3, threshold=0.5, average="micro"
    ),
    "one_hot_softmax/accumulator": lambda: _accumulate(
        "f1_micro", ONE_HOT, P3, threshold=0.5
    ),
    "top_k/function": lambda: smm.top_k_accuracy_score(y3, P3, k=3),
    "top_k/get_scorer": lambda: smm.get_scorer("top3_accuracy")(
        Constant(y3, P3).fit(X30, y3), X30, y3
    ),
    "accumulator_bins_range/update": lambda: _accumulate("f1_macro", Y, S * 4 - 2),
    "accumulator_bins_range/curves": lambda: _accumulate(
        "average_precision_macro", Y[:, :2], S[:, :2] * 4 - 2, bins=64
    ),
    "report_thresholds/multilabel_report": lambda: smm.multilabel_report(
        Y, S, thresholds=[0.2, 0.5, 0.8]
    ),
    "report_thresholds/output_dict": lambda: smm.multilabel_report(
        Y, S, thresholds=np.array([0.2, 0.5, 0.8]), output_dict=True
    ),
    "delong_fallback/confidence_interval": lambda: smm.confidence_interval(
        RARE, S[:, :2], metric="roc_auc_macro", n_resamples=20, random_state=0
    ),
}

if importlib.util.find_spec("dask") is not None:
    import dask.array as da

    CALLS["zero_division/dask"] = lambda: smm.f1_score(
        da.from_array(Y, chunks=(10, 3)),
        da.from_array(ZEROS, chunks=(10, 3)),
        average="macro",
    )
    CALLS["roc_auc_one_class/dask"] = lambda: smm.roc_auc_score(
        da.from_array(Y, chunks=(10, 3)), da.from_array(S, chunks=(10, 3)), average=None
    )


@pytest.mark.parametrize("name", list(CALLS))
def test_warning_points_at_the_callers_line(name):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        CALLS[name]()
    ours = [w for w in caught if "numpy" not in w.filename]
    assert ours, f"{name} gave no warning"
    for w in ours:
        assert w.filename == __file__, (name, w.filename, w.lineno, str(w.message))


def test_every_topic_has_two_entry_points():
    topics = [name.split("/")[0] for name in CALLS]
    single = {"average_precision_no_positive", "delong_fallback"}
    assert all(topics.count(t) >= 2 for t in set(topics) - single)
