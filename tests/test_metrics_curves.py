"""roc_auc_score and average_precision_score against scikit-learn's.

Random problems with ties, sample weights (zeros included), labels with one
class only, sparse label matrices, and every average; values, warnings and
errors are compared with scikit-learn's functions of the same names.
"""

import warnings

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn import metrics as sk
from sklearn.exceptions import UndefinedMetricWarning

import skmultimetrics as smm

PAIRS = {
    "roc_auc_score": (smm.roc_auc_score, sk.roc_auc_score),
    "average_precision_score": (
        smm.average_precision_score,
        sk.average_precision_score,
    ),
}


def outcome(func, *args, **kwargs):
    """The value (or the error type) and the warning categories of a call."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            value = func(*args, **kwargs)
        except (ValueError, TypeError) as exc:
            value = type(exc).__name__
    return value, {w.category for w in caught}


def assert_same(ours, theirs):
    (a, a_warned), (b, b_warned) = ours, theirs
    if isinstance(b, str):
        assert a == b or isinstance(a, str), (a, b)
    else:
        assert not isinstance(a, str), (a, b)
        np.testing.assert_allclose(a, b, rtol=1e-12, atol=1e-12, equal_nan=True)
    assert a_warned == b_warned


@st.composite
def problems(draw, min_labels=1):
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    n = draw(st.integers(2, 25))
    n_labels = draw(st.integers(min_labels, 5))
    y_true = (
        rng.random((n, n_labels)) < draw(st.sampled_from([0.05, 0.3, 0.7]))
    ).astype(int)
    decimals = draw(st.sampled_from([1, 2, 6]))  # 1: many ties
    y_score = np.round(rng.random((n, n_labels)), decimals)
    weight = None
    if draw(st.booleans()):
        weight = rng.integers(0, 4, n).astype(float)
        if not weight.any():
            weight[0] = 1.0
    return y_true, y_score, weight


@settings(max_examples=150, deadline=None)
@given(
    problem=problems(min_labels=2),
    name=st.sampled_from(sorted(PAIRS)),
    average=st.sampled_from(["macro", "micro", "weighted", "samples", None]),
    sparse=st.booleans(),
)
def test_label_matrices_match_scikit_learn(problem, name, average, sparse):
    y_true, y_score, weight = problem
    ours, theirs = PAIRS[name]
    truth = sp.csr_array(y_true) if sparse else y_true
    assert_same(
        outcome(ours, truth, y_score, average=average, sample_weight=weight),
        outcome(theirs, y_true, y_score, average=average, sample_weight=weight),
    )


@settings(max_examples=150, deadline=None)
@given(
    problem=problems(),
    name=st.sampled_from(sorted(PAIRS)),
    classes=st.sampled_from([(0, 1), (-1, 1), ("no", "yes"), (False, True)]),
)
def test_binary_targets_match_scikit_learn(problem, name, classes):
    y_true, y_score, weight = problem
    y = np.array(classes)[y_true[:, 0]]
    ours, theirs = PAIRS[name]
    kwargs = {"sample_weight": weight}
    if name == "average_precision_score":
        kwargs["pos_label"] = classes[1]
    assert_same(
        outcome(ours, y, y_score[:, 0], **kwargs),
        outcome(theirs, y, y_score[:, 0], **kwargs),
    )


@settings(max_examples=100, deadline=None)
@given(
    problem=problems(min_labels=1),
    max_fpr=st.sampled_from([0.05, 0.3, 0.5, 0.99, 1.0]),
    average=st.sampled_from(["macro", "micro", "weighted", "samples", None]),
)
def test_partial_auc_matches_scikit_learn(problem, max_fpr, average):
    y_true, y_score, weight = problem
    if weight is not None:
        # no zero weights: where every negative of a label weighs 0, scikit-learn's
        # partial AUC fails on its NaN false-positive rates (ours is NaN, warned)
        weight = weight + 1
    if y_true.shape[1] == 1:
        y_true, y_score = y_true[:, 0], y_score[:, 0]
    kwargs = {"average": average, "sample_weight": weight, "max_fpr": max_fpr}
    assert_same(
        outcome(smm.roc_auc_score, y_true, y_score, **kwargs),
        outcome(sk.roc_auc_score, y_true, y_score, **kwargs),
    )


@settings(max_examples=100, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    average=st.sampled_from(["macro", "micro", "weighted", None]),
    weighted=st.booleans(),
)
def test_multiclass_matches_scikit_learn(seed, average, weighted):
    rng = np.random.default_rng(seed)
    n, n_classes = 30, int(rng.integers(3, 6))
    y = rng.integers(0, n_classes, n)
    y[:n_classes] = np.arange(n_classes)
    proba = np.round(rng.random((n, n_classes)), 1) + 0.01
    proba /= proba.sum(axis=1, keepdims=True)
    weight = rng.random(n) if weighted else None
    for name in sorted(PAIRS):
        ours, theirs = PAIRS[name]
        kwargs = {"average": average, "sample_weight": weight}
        if name == "roc_auc_score":
            kwargs["multi_class"] = "ovr"
        assert_same(
            outcome(ours, y, proba, **kwargs), outcome(theirs, y, proba, **kwargs)
        )
    kwargs = {"average": "macro", "multi_class": "ovo"}
    assert_same(
        outcome(smm.roc_auc_score, y, proba, **kwargs),
        outcome(sk.roc_auc_score, y, proba, **kwargs),
    )


def test_hand_checked_values():
    # positives at 0.35 and 0.8, negatives at 0.1 and 0.4: 3 of 4 pairs ordered
    assert smm.roc_auc_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) == 0.75
    # precision 1 at recall 1/2 (0.8), then 2/3 at recall 1 (0.35)
    value = smm.average_precision_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])
    assert value == pytest.approx(0.5 * 1 + 0.5 * 2 / 3)
    # a tie between a positive and a negative is half an ordered pair
    assert smm.roc_auc_score([0, 1], [0.5, 0.5]) == 0.5


def test_one_class_labels_are_nan_with_a_warning():
    y_true = np.array([[1, 0], [0, 0], [1, 0]])
    y_score = np.array([[0.9, 0.2], [0.3, 0.7], [0.6, 0.6]])
    with pytest.warns(UndefinedMetricWarning, match="Only one class"):
        values = smm.roc_auc_score(y_true, y_score, average=None)
    assert values[0] == 1.0 and np.isnan(values[1])
    with pytest.warns(UserWarning, match="No positive class"):
        values = smm.average_precision_score(y_true, y_score, average=None)
    np.testing.assert_array_equal(values, [1.0, 0.0])


@pytest.mark.parametrize("name", sorted(PAIRS))
def test_bad_input_names_the_argument(name):
    func = PAIRS[name][0]
    y_true, y_score = np.array([[1, 0], [0, 1], [1, 1]]), np.full((3, 2), 0.5)
    with pytest.raises(ValueError, match="'average' parameter"):
        func(y_true, y_score, average="binary")
    with pytest.raises(ValueError, match=r"y_score of .* NaN"):
        func(y_true, np.where(y_score > 0, np.nan, 0))
    with pytest.raises(ValueError, match="different shapes"):
        func(y_true, y_score[:, :1])
    with pytest.raises(ValueError, match="binary label-indicator"):
        func(y_true * 2, y_score)


def test_bad_roc_parameters():
    with pytest.raises(ValueError, match="'max_fpr' parameter"):
        smm.roc_auc_score([0, 1], [0.2, 0.4], max_fpr=0)
    with pytest.raises(ValueError, match="'multi_class' parameter"):
        smm.roc_auc_score([0, 1], [0.2, 0.4], multi_class="all")
    with pytest.raises(ValueError, match="multi_class must be in"):
        smm.roc_auc_score([0, 1, 2], np.full((3, 3), 1 / 3))
    with pytest.raises(ValueError, match="probabilities"):
        smm.roc_auc_score([0, 1, 2], np.ones((3, 3)), multi_class="ovr")


def test_inputs_are_left_alone():
    rng = np.random.default_rng(0)
    y_true, y_score = rng.random((20, 3)) < 0.4, rng.random((20, 3)).astype(np.float32)
    y_true[:, 0], y_true[:, 1] = True, False  # two classes in every row
    before = y_true.copy(), y_score.copy()
    smm.roc_auc_score(y_true, y_score, average="samples")
    smm.average_precision_score(y_true, y_score, average="micro")
    np.testing.assert_array_equal(y_true, before[0])
    np.testing.assert_array_equal(y_score, before[1])


def test_equal_to_torchmetrics_exact():
    torch = pytest.importorskip("torch")
    classification = pytest.importorskip("torchmetrics.functional.classification")
    rng = np.random.default_rng(0)
    for _ in range(50):
        n, n_labels = int(rng.integers(4, 40)), int(rng.integers(2, 5))
        y = (rng.random((n, n_labels)) < 0.4).astype(int)
        y[:2] = [[0], [1]]  # both classes in every label
        s = np.round(rng.random((n, n_labels)), 2).astype(np.float32)
        preds, target = torch.from_numpy(s), torch.from_numpy(y)
        np.testing.assert_allclose(
            smm.roc_auc_score(y, s, average=None),
            classification.multilabel_auroc(preds, target, n_labels, None).numpy(),
            atol=1e-6,
        )
        np.testing.assert_allclose(
            smm.average_precision_score(y, s, average=None),
            classification.multilabel_average_precision(
                preds, target, n_labels, None
            ).numpy(),
            atol=1e-6,
        )


def test_a_binary_predict_proba_is_read_by_its_positive_class():
    proba = np.array([[0.8, 0.2], [0.3, 0.7], [0.4, 0.6], [0.55, 0.45]])
    y = np.array([0, 1, 0, 1])
    assert smm.roc_auc_score(y, proba) == sk.roc_auc_score(y, proba[:, 1])
    assert smm.average_precision_score(y, proba) == pytest.approx(
        sk.average_precision_score(y, proba[:, 1])
    )
    named = np.array(["a", "b", "a", "b"])
    assert smm.average_precision_score(named, proba, pos_label="a") == pytest.approx(
        sk.average_precision_score(named, proba[:, 0], pos_label="a")
    )
    # one class present: the column of class 1 still
    assert smm.average_precision_score(np.ones(4, int), proba) == pytest.approx(
        sk.average_precision_score(np.ones(4, int), proba[:, 1])
    )
