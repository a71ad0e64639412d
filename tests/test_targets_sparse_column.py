"""A sparse y_true of one column is refused by every consumer, as scikit-learn does.

scikit-learn 1.9 types a sparse (n, 1) matrix as "binary" and then refuses it
(set metrics: "Sparse input is only supported when targets are of multilabel
type"; roc_auc_score, the curves and top_k_accuracy_score: "must be an
array-like"). The package read it as one label in some functions and as
binary labels in others; now every function refuses it in one place
(``_checks/_targets.check_not_sparse_column``), naming the argument and the
dense input to pass instead.
"""

import numpy as np
import pytest
import scipy.sparse as sp
from sklearn import metrics
from sklearn.linear_model import LogisticRegression

import skmultimetrics as smm

rng = np.random.default_rng(0)
Y = rng.integers(0, 2, 40)
S = rng.random(40)
X = rng.normal(size=(40, 3))
PRED = (S > 0.5).astype(int)

CONSUMERS = {
    "f1_score": lambda y: smm.f1_score(y, PRED.reshape(-1, 1)),
    "f1_score_threshold": lambda y: smm.f1_score(y, S, threshold=0.5),
    "precision_score": lambda y: smm.precision_score(y, PRED),
    "recall_score": lambda y: smm.recall_score(y, PRED),
    "fbeta_score": lambda y: smm.fbeta_score(y, PRED, beta=2),
    "jaccard_score": lambda y: smm.jaccard_score(y, PRED),
    "prfs": lambda y: smm.precision_recall_fscore_support(y, PRED),
    "subset_accuracy_score": lambda y: smm.subset_accuracy_score(y, PRED),
    "hamming_accuracy_score": lambda y: smm.hamming_accuracy_score(y, PRED),
    "top_k_accuracy_score": lambda y: smm.top_k_accuracy_score(y, S, k=1),
    "precision_at_k_score": lambda y: smm.precision_at_k_score(y, S[:, None], k=1),
    "recall_at_k_score": lambda y: smm.recall_at_k_score(y, S[:, None], k=1),
    "ndcg_at_k_score": lambda y: smm.ndcg_at_k_score(y, S[:, None], k=1),
    "psp_at_k": lambda y: smm.propensity_scored_precision_at_k_score(
        y, S[:, None], k=1
    ),
    "roc_auc_score": lambda y: smm.roc_auc_score(y, S),
    "average_precision_score": lambda y: smm.average_precision_score(y, S[:, None]),
    "precision_at_recall_score": lambda y: smm.precision_at_recall_score(
        y, S, min_recall=0.5
    ),
    "operating_points": lambda y: smm.operating_points(
        y, S, maximize="recall", subject_to=("precision", 0.5)
    ),
    "threshold_sweep": lambda y: smm.threshold_sweep(y, S),
    "optimize_thresholds": lambda y: smm.optimize_thresholds(y, S[:, None]),
    "multilabel_report": lambda y: smm.multilabel_report(y, S[:, None]),
    "ThresholdOptimizer": lambda y: smm.ThresholdOptimizer(LogisticRegression()).fit(
        X, y
    ),
    "FixedThresholdClassifier": lambda y: smm.FixedThresholdClassifier(
        LogisticRegression()
    ).fit(X, y),
    "MetricAccumulator.update": lambda y: smm.MetricAccumulator("f1_macro").update(
        y, S[:, None]
    ),
    "confidence_interval": lambda y: smm.confidence_interval(y, PRED, metric="f1"),
    "confidence_interval_auc": lambda y: smm.confidence_interval(
        y, S, metric="roc_auc"
    ),
    "compare_predictions": lambda y: smm.compare_predictions(
        y, PRED, 1 - PRED, metric="f1"
    ),
    "get_scorer": lambda y: smm.get_scorer("f1_micro")(
        LogisticRegression().fit(X, Y), X, y
    ),
    "MultilabelStratifiedKFold": lambda y: list(
        smm.MultilabelStratifiedKFold(2).split(X, y)
    ),
}


@pytest.mark.parametrize("name", list(CONSUMERS))
@pytest.mark.parametrize("container", [sp.csr_array, sp.csr_matrix, sp.csc_array])
def test_sparse_column_is_refused_everywhere(name, container):
    y = container(Y.reshape(-1, 1))
    with pytest.raises(ValueError, match=r"sparse matrix of one column") as info:
        CONSUMERS[name](y)
    assert isinstance(info.value, TypeError)  # as scikit-learn's set metrics
    message = str(info.value)
    assert "toarray().ravel()" in message
    assert message.startswith(("y_true of ", "y of "))


# the @k metrics rank the labels of label matrices: one label is refused in
# any form; the splitter stratifies label matrices, a dense (n, 1) one too
MATRIX_ONLY = ("precision_at_k", "recall_at_k", "ndcg_at_k", "psp_at_k", "Multilabel")


@pytest.mark.parametrize(
    "name", [n for n in CONSUMERS if not n.startswith(MATRIX_ONLY)]
)
@pytest.mark.filterwarnings("ignore")
def test_the_dense_input_the_message_names_is_accepted(name):
    CONSUMERS[name](sp.csr_array(Y.reshape(-1, 1)).toarray().ravel())


def test_matrix_only_consumers_take_the_dense_column_as_before():
    y = sp.csr_array(Y.reshape(-1, 1)).toarray()
    assert len(list(smm.MultilabelStratifiedKFold(2).split(X, y))) == 2
    with pytest.raises(ValueError, match="label-indicator matrix"):
        smm.precision_at_k_score(y, S[:, None], k=1)


def test_scikit_learn_refuses_it_too():
    y = sp.csr_array(Y.reshape(-1, 1))
    with pytest.raises(TypeError, match="Sparse input"):
        metrics.f1_score(y, PRED)
    with pytest.raises(ValueError, match="y_true"):
        metrics.roc_auc_score(y, S)
    dense = y.toarray().ravel()
    assert smm.f1_score(dense, PRED) == pytest.approx(metrics.f1_score(Y, PRED))
    assert smm.roc_auc_score(dense, S) == pytest.approx(metrics.roc_auc_score(Y, S))


def test_sparse_predictions_of_one_column_are_refused_naming_y_pred():
    with pytest.raises(ValueError, match=r"^y_pred of f1_score is a sparse"):
        smm.f1_score(Y, sp.csr_array(PRED.reshape(-1, 1)))


def test_sparse_matrices_of_several_columns_still_work():
    y = sp.csr_array(np.column_stack([Y, 1 - Y]))
    p = sp.csr_array(np.column_stack([PRED, 1 - PRED]))
    dense = (y.toarray(), p.toarray())
    got = smm.f1_score(y, p, average="macro")
    assert got == pytest.approx(metrics.f1_score(*dense, average="macro"))
