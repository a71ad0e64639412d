"""The two accuracies (_metrics/_accuracy.py): subset_accuracy_score is
scikit-learn's accuracy_score and hamming_accuracy_score is 1 - hamming_loss, on
label matrices, class labels and scores with a cut-off, weighted or not."""

import numpy as np
import pytest
from sklearn import metrics as sk

from skmultimetrics import hamming_accuracy_score, subset_accuracy_score


def _cases(seed):
    rng = np.random.default_rng(seed)
    n = 60
    y = rng.random((n, 4)) < 0.4
    p = y ^ (rng.random((n, 4)) < 0.15)  # mostly right, some rows exact
    yield "multilabel", y.astype(int), p.astype(int)
    classes = rng.integers(0, 4, n)
    yield "multiclass", classes, np.where(rng.random(n) < 0.7, classes, 3 - classes)
    yield "binary", classes % 2, (classes + (rng.random(n) < 0.2)) % 2
    names = np.array(["cat", "dog", "eel"])
    yield "strings", names[classes % 3], names[(classes + (rng.random(n) < 0.3)) % 3]


@pytest.mark.parametrize("seed", range(4))
def test_equal_scikit_learn_for_every_target_kind(seed):
    weight = np.random.default_rng(seed).integers(0, 4, 60).astype(float)
    for kind, y, p in _cases(seed):
        for w in (None, weight):
            assert subset_accuracy_score(y, p, sample_weight=w) == pytest.approx(
                sk.accuracy_score(y, p, sample_weight=w), abs=1e-15
            ), kind
            assert subset_accuracy_score(
                y, p, normalize=False, sample_weight=w
            ) == pytest.approx(
                sk.accuracy_score(y, p, normalize=False, sample_weight=w)
            ), kind
            assert hamming_accuracy_score(y, p, sample_weight=w) == pytest.approx(
                1 - sk.hamming_loss(y, p, sample_weight=w), abs=1e-15
            ), kind


def test_subset_is_never_above_hamming_and_they_differ_on_label_matrices():
    y = np.array([[1, 0, 1], [0, 1, 0]])
    p = np.array([[1, 0, 0], [0, 1, 0]])
    assert subset_accuracy_score(y, p) == 0.5
    assert hamming_accuracy_score(y, p) == pytest.approx(5 / 6)


def test_scores_with_a_cut_off_equal_the_cut_predictions():
    rng = np.random.default_rng(1)
    y = rng.random((40, 5)) < 0.3
    scores = rng.random((40, 5))
    cut = np.array([0.2, 0.4, 0.5, 0.6, 0.8])
    for func in (subset_accuracy_score, hamming_accuracy_score):
        assert func(y, scores, threshold=cut) == func(y, scores >= cut)
        assert func(y, scores, threshold=0.5) == func(y, scores >= 0.5)


def test_results_are_python_floats_and_bad_normalize_names_the_argument():
    assert type(subset_accuracy_score([0, 1], [0, 1])) is float
    assert type(hamming_accuracy_score([[0, 1]], [[0, 1]])) is float
    with pytest.raises(TypeError, match="'normalize'"):
        subset_accuracy_score([0, 1], [0, 1], normalize="yes")
