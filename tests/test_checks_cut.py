"""The checks merged by the code-lines cut (issue 28) read inputs as before."""

import itertools

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import top_k_accuracy_score as sk_top_k

import skmultimetrics as smm
from skmultimetrics._checks._errors import InvalidParameterError
from skmultimetrics._checks._params import check_cut_offs


@pytest.mark.parametrize("seed", range(20))
def test_top_k_labels_map_columns_as_scikit_learn(seed):
    rng = np.random.default_rng(seed)
    n_classes = int(rng.integers(3, 7))
    labels = rng.permutation(np.arange(10, 10 + n_classes))
    y = rng.choice(labels, size=50)
    s = rng.random((50, n_classes))
    for k in range(1, n_classes):
        got = smm.top_k_accuracy_score(y, s, k=k, labels=labels)
        order = np.argsort(labels)  # scikit-learn needs them sorted
        want = sk_top_k(y, s[:, order], k=k, labels=labels[order])
        assert got == pytest.approx(want)


@pytest.mark.parametrize(
    "labels, match",
    [
        ([0, 1], "Number of given labels"),
        ([[0, 1, 2]], "Number of given labels"),
        ([0, 0, 1], "'labels' parameter .* unique"),
        ([5, 6, 7], "not in labels="),
        (["a", "b", "c"], "not in labels="),
    ],
)
def test_top_k_labels_errors(labels, match):
    with pytest.raises(ValueError, match=match):
        smm.top_k_accuracy_score([0, 1, 2], np.eye(3), k=1, labels=labels)


def _aligned_reference(series, n_labels, label_names):
    """The two-branch reading of a Series of cut-offs before the cut."""
    index = list(series.index)
    named = label_names is not None and len(set(label_names)) == n_labels
    if not (named and set(index) == set(label_names)) and index == list(
        range(len(index))
    ):
        return series.to_numpy()
    keys = list(range(n_labels)) if label_names is None else list(label_names)
    if (
        len(index) == len(keys)
        and set(index) == set(keys)
        and len(set(keys)) == n_labels
    ):
        return series.loc[keys].to_numpy()
    return None


INDEXES = [
    [0, 1, 2],
    [2, 0, 1],
    [1, 2, 3],
    ["a", "b", "c"],
    ["c", "a", "b"],
    [0, 1],
    [0, 1, 2, 3],
    [0, 0, 1],
    ["a", "b", "b"],
]
NAMES = [None, ["a", "b", "c"], [2, 1, 0], [0, 1, 2], ["a", "a", "b"], ["a", "b"]]


@pytest.mark.parametrize("index, names", list(itertools.product(INDEXES, NAMES)))
def test_series_cut_offs_aligned_as_before(index, names):
    series = pd.Series(np.arange(len(index)) / 10 + 0.1, index=index)
    want = _aligned_reference(series, 3, names)
    if want is None or want.shape != (3,):
        with pytest.raises(InvalidParameterError):
            check_cut_offs(series, 3, "f", label_names=names)
    else:
        got = check_cut_offs(series, 3, "f", label_names=names)
        np.testing.assert_array_equal(got, want)
