"""MultilabelStratifiedKFold: a partition, stratified label by label."""

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.datasets import make_multilabel_classification
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import KFold, check_cv, cross_validate
from sklearn.multiclass import OneVsRestClassifier

from skmultimetrics import MultilabelStratifiedKFold, ThresholdOptimizer, get_scorer


def rare_labels(n=2000, n_labels=60, seed=0):
    rng = np.random.default_rng(seed)
    prevalence = rng.uniform(0.002, 0.02, n_labels)
    return (rng.random((n, n_labels)) < prevalence).astype(np.int8)


def folds_of(splitter, Y):
    folds = np.full(Y.shape[0], -1)
    for k, (train, test) in enumerate(splitter.split(np.zeros((Y.shape[0], 1)), Y)):
        assert np.intersect1d(train, test).size == 0
        assert train.size + test.size == Y.shape[0]
        assert (folds[test] == -1).all()  # no sample in two test folds
        folds[test] = k
    assert (folds >= 0).all()
    return folds


def label_deviation(Y, folds, n_splits):
    """Mean |positive share in a fold - positive share overall| over labels."""
    overall = Y.mean(axis=0)
    return np.mean(
        [np.abs(Y[folds == k].mean(axis=0) - overall) for k in range(n_splits)]
    )


@settings(max_examples=60, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    n_splits=st.integers(2, 6),
    shuffle=st.booleans(),
)
def test_a_partition_of_balanced_folds(seed, n_splits, shuffle):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(n_splits, 80))
    Y = (rng.random((n, int(rng.integers(1, 8)))) < rng.uniform(0, 0.6)).astype(int)
    cv = MultilabelStratifiedKFold(
        n_splits, shuffle=shuffle, random_state=seed if shuffle else None
    )
    folds = folds_of(cv, Y)
    sizes = np.bincount(folds, minlength=n_splits)
    assert sizes.sum() == n
    # the label dealt first (fewest positives) is spread as evenly as can be
    counts = Y.sum(axis=0)
    if counts.max() > 0:
        first = int(np.argmin(np.where(counts > 0, counts, np.inf)))
        per_fold = np.bincount(folds[Y[:, first] == 1], minlength=n_splits)
        assert per_fold.max() - per_fold.min() <= 1


def test_rare_labels_reach_every_fold_where_kfold_misses_them():
    Y = rare_labels()
    ours = folds_of(MultilabelStratifiedKFold(5), Y)
    plain = folds_of(KFold(5, shuffle=True, random_state=0), Y)

    def empty(folds):
        enough = Y.sum(axis=0) >= 5
        return sum(
            int(((Y[folds == k].sum(axis=0) == 0) & enough).sum()) for k in range(5)
        )

    assert empty(ours) == 0 < empty(plain)
    assert label_deviation(Y, ours, 5) < label_deviation(Y, plain, 5) / 2
    sizes = np.bincount(ours)
    assert sizes.max() - sizes.min() <= 0.05 * Y.shape[0] / 5


def test_sparse_dense_and_shuffle():
    Y = rare_labels(500, 20, seed=1)
    dense = MultilabelStratifiedKFold(4).fold_of_each_sample(Y)
    np.testing.assert_array_equal(
        dense, MultilabelStratifiedKFold(4).fold_of_each_sample(sp.csr_matrix(Y))
    )
    shuffled = MultilabelStratifiedKFold(4, shuffle=True, random_state=3)
    again = MultilabelStratifiedKFold(4, shuffle=True, random_state=3)
    np.testing.assert_array_equal(
        shuffled.fold_of_each_sample(Y), again.fold_of_each_sample(Y)
    )
    other = MultilabelStratifiedKFold(4, shuffle=True, random_state=4)
    assert (other.fold_of_each_sample(Y) != shuffled.fold_of_each_sample(Y)).any()
    assert (shuffled.fold_of_each_sample(Y) != dense).any()


@pytest.mark.parametrize(
    "params, y, message",
    [
        ({"n_splits": 1}, np.eye(4), "'n_splits' parameter"),
        ({"n_splits": 2.5}, np.eye(4), "'n_splits' parameter"),
        ({"n_splits": 5}, np.eye(4), "n_splits=5 greater than the number of samples"),
        ({"random_state": 0}, np.eye(6), "shuffle is False"),
        ({"shuffle": "yes"}, np.eye(6), "'shuffle' parameter"),
        ({}, None, "needs y"),
        ({}, np.arange(6), "label-indicator matrix"),
        ({}, np.eye(6) * 2, "binary label-indicator"),
    ],
)
def test_bad_input_names_the_argument(params, y, message):
    cv = MultilabelStratifiedKFold(**{"n_splits": 2, **params})
    with pytest.raises(ValueError, match=message):
        list(cv.split(np.zeros((6 if y is None else len(y), 1)), y))


def test_a_scikit_learn_splitter():
    X, Y = make_multilabel_classification(n_samples=150, random_state=0)
    cv = MultilabelStratifiedKFold(3)
    assert check_cv(cv) is cv and cv.get_n_splits() == 3
    assert (
        repr(cv)
        == "MultilabelStratifiedKFold(n_splits=3, random_state=None, shuffle=False)"
    )
    model = OneVsRestClassifier(LogisticRegression(max_iter=500))
    scores = cross_validate(model, X, Y, cv=cv, scoring=get_scorer("f1_macro"))
    assert scores["test_score"].shape == (3,)
    tuned = ThresholdOptimizer(model, cv=cv).fit(X, Y)
    assert tuned.thresholds_.shape == (Y.shape[1],)
