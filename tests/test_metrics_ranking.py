"""top_k_accuracy_score: hand-checked cases, properties, errors."""

import warnings

import numpy as np
import pytest
import scipy.sparse as sp
from sklearn import metrics as sk
from sklearn.exceptions import UndefinedMetricWarning

import skmultimetrics as smm


def _multilabel(seed=0, n=60, c=8, density=0.25):
    rng = np.random.default_rng(seed)
    y_true = (rng.random((n, c)) < density).astype(int)
    y_true[0] = 1  # at least one full row, and below one empty row
    y_true[1] = 0
    return y_true, rng.random((n, c)), rng


def test_top_k_hand_checked():
    y_true = ["cat", "dog", "pig", "pig"]
    y_score = [
        [0.5, 0.2, 0.3],  # cat 1st
        [0.6, 0.1, 0.3],  # dog 3rd
        [0.1, 0.3, 0.6],  # pig 1st
        [0.4, 0.5, 0.1],  # pig 3rd
    ]
    assert smm.top_k_accuracy_score(y_true, y_score, k=1) == 0.5
    assert smm.top_k_accuracy_score(y_true, y_score, k=2) == 0.5
    assert smm.top_k_accuracy_score(y_true, y_score, k=2, normalize=False) == 2.0
    assert smm.top_k_accuracy_score(
        y_true, y_score, k=1, sample_weight=[3, 1, 1, 1]
    ) == pytest.approx(4 / 6)


@pytest.mark.parametrize("n_classes", [3, 7, 10])
def test_all_equal_scores(n_classes):
    # every class tied: random tie-breaking puts the true class in the top k with
    # probability k / C; optimistic always, pessimistic never
    y_true = np.arange(n_classes)
    y_score = np.ones((n_classes, n_classes))
    for k in range(1, n_classes):
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            value = smm.top_k_accuracy_score(y_true, y_score, k=k)
        assert value == pytest.approx(k / n_classes)
        assert smm.top_k_accuracy_score(y_true, y_score, k=k, ties="optimistic") == 1
        assert smm.top_k_accuracy_score(y_true, y_score, k=k, ties="pessimistic") == 0


def test_partial_tie_at_the_boundary():
    # true class 0 scores 0.5: one class above, two others equal -> m=1, t=2
    y_score = [[0.5, 0.9, 0.5, 0.5, 0.1]]
    labels = np.arange(5)
    for k, expected in [(1, 0.0), (2, 1 / 3), (3, 2 / 3), (4, 1.0)]:
        assert smm.top_k_accuracy_score(
            [0], y_score, k=k, labels=labels
        ) == pytest.approx(expected)
        assert smm.top_k_accuracy_score(
            [0], y_score, k=k, labels=labels, ties="optimistic"
        ) == float(k >= 2)
        assert smm.top_k_accuracy_score(
            [0], y_score, k=k, labels=labels, ties="pessimistic"
        ) == float(k >= 4)


@pytest.mark.parametrize("seed", range(5))
def test_top_k_equals_scikit_learn_without_ties(seed):
    rng = np.random.default_rng(seed)
    n, c = 200, 12
    y_true = rng.integers(0, c, size=n)
    y_score = rng.random((n, c))
    weight = rng.random(n)
    labels = np.arange(c)
    for k in range(1, c):
        for normalize in (True, False):
            ours = smm.top_k_accuracy_score(
                y_true,
                y_score,
                k=k,
                labels=labels,
                normalize=normalize,
                sample_weight=weight,
            )
            theirs = sk.top_k_accuracy_score(
                y_true,
                y_score,
                k=k,
                labels=labels,
                normalize=normalize,
                sample_weight=weight,
            )
            assert ours == pytest.approx(theirs)


def test_top_k_binary_one_column_scores_match_scikit_learn():
    rng = np.random.default_rng(0)
    y_true = rng.integers(0, 2, size=50)
    for scores in (rng.random(50), rng.normal(size=50)):
        assert smm.top_k_accuracy_score(y_true, scores, k=1) == pytest.approx(
            sk.top_k_accuracy_score(y_true, scores, k=1)
        )


def test_top_k_one_hot_and_label_sets():
    y_score = np.array([[0.1, 0.6, 0.3], [0.5, 0.2, 0.3], [0.2, 0.3, 0.5]])
    one_hot = np.array([[0, 0, 1], [1, 0, 0], [0, 1, 0]])  # ranks 2, 1, 2
    assert smm.top_k_accuracy_score(one_hot, y_score, k=1) == pytest.approx(1 / 3)
    assert smm.top_k_accuracy_score(one_hot, y_score, k=2) == 1.0
    assert smm.top_k_accuracy_score(sp.csr_array(one_hot), y_score, k=1) == (
        pytest.approx(1 / 3)
    )
    # several true labels: a hit if any is in the top k; an empty row misses
    label_sets = np.array([[1, 0, 1], [0, 1, 1], [0, 0, 0]])  # best true ranks 2, 2
    assert smm.top_k_accuracy_score(label_sets, y_score, k=1) == 0.0
    assert smm.top_k_accuracy_score(label_sets, y_score, k=2) == pytest.approx(2 / 3)
    label_sets = np.array([[0, 1, 1], [1, 0, 1], [0, 0, 1]])  # ranks 1, 1, 1
    assert smm.top_k_accuracy_score(label_sets, y_score, k=1) == 1.0
    # two true labels tied with one other at the top, one place: 1 - 1/3
    assert smm.top_k_accuracy_score([[1, 1, 0]], [[0.5, 0.5, 0.5]], k=1) == (
        pytest.approx(2 / 3)
    )


def test_top_k_labels_map_columns_in_any_order():
    y_score = np.array([[0.1, 0.7, 0.2], [0.6, 0.3, 0.1]])
    # column j is class labels[j]
    assert smm.top_k_accuracy_score(["b", "c"], y_score, k=1, labels=["c", "b", "a"])
    assert (
        smm.top_k_accuracy_score(["b", "c"], y_score, k=1, labels=["c", "b", "a"])
        == 1.0
    )
    assert (
        smm.top_k_accuracy_score(["b", "c"], y_score, k=1, labels=["a", "b", "c"])
        == 0.5
    )


def test_top_k_non_decreasing_in_k():
    y_true, y_score, _ = _multilabel()
    codes = np.argmax(y_score + y_true, axis=1)
    values = [
        smm.top_k_accuracy_score(codes, y_score, k=k, labels=np.arange(8))
        for k in range(1, 8)
    ]
    assert values == sorted(values)


def test_top_k_warns_when_k_covers_every_class():
    with pytest.warns(UndefinedMetricWarning, match="'k' \\(3\\) greater than"):
        assert smm.top_k_accuracy_score([0, 1, 2], np.eye(3), k=3) == 1.0


def test_top_k_string_labels_equal_scikit_learn():
    rng = np.random.default_rng(7)
    classes = np.array(["ant", "bee", "cat", "dog", "eel"])
    y_true = classes[rng.integers(0, 5, size=100)]
    y_score = rng.random((100, 5))
    weight = rng.random(100)
    for k in range(1, 5):
        assert smm.top_k_accuracy_score(
            y_true, y_score, k=k, sample_weight=weight
        ) == pytest.approx(
            sk.top_k_accuracy_score(y_true, y_score, k=k, sample_weight=weight)
        )


def test_top_k_accuracy_keeps_scikit_learns_warning_for_large_k():
    from sklearn.exceptions import UndefinedMetricWarning

    y_score = np.random.default_rng(0).random((6, 3))
    with pytest.warns(UndefinedMetricWarning, match="perfect score"):
        assert smm.top_k_accuracy_score([0, 1, 2, 0, 1, 2], y_score, k=4) == 1.0
