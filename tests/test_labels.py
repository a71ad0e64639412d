"""1-D class labels (_checks/_labels.py): their kind, and codes into the union of two
label arrays equal to scikit-learn's encoding."""

import numpy as np
import pytest

import skmultimetrics as smm


def test_continuous_labels_are_rejected():
    with pytest.raises(ValueError, match="continuous values"):
        smm.f1_score([0, 1, 1], [0.2, 0.7, 0.9])


def test_string_and_number_labels_do_not_mix():
    with pytest.raises(ValueError, match="mix string and number"):
        smm.subset_accuracy_score(["a", "b"], [0, 1])


@pytest.mark.parametrize(
    "y_true, y_pred",
    [
        ([0, 1, 2, 2], [0, 2, 1, 2]),  # contiguous codes
        ([-3, 5, 5, 9], [5, -3, 5, 100]),  # gaps and negatives: lookup table
        ([0, 10**9, 5, 5], [5, 0, 10**9, 5]),  # wide range: sorted unique
        (np.array([1, 2, 2, 3], np.uint8), np.array([3, 2, 1, 2], np.int64)),
        (["b", "a", "c", "a"], ["a", "a", "c", "b"]),
        ([True, False, True, True], [True, True, False, True]),
    ],
)
def test_label_encoding_paths_agree_with_scikit_learn(y_true, y_pred):
    from sklearn import metrics as sk

    for average in ("micro", "macro", "weighted", None):
        np.testing.assert_allclose(
            smm.f1_score(y_true, y_pred, average=average, zero_division=0),
            sk.f1_score(y_true, y_pred, average=average, zero_division=0),
        )
    assert smm.subset_accuracy_score(y_true, y_pred) == sk.accuracy_score(
        y_true, y_pred
    )
