"""Every predict_proba layout to one (n_samples, n_labels) score matrix."""

import numpy as np
import pytest
import scipy.sparse as sp

from skmultimetrics._checks._scores import as_score_matrix


def test_dense_matrix_is_returned_without_copy():
    scores = np.random.default_rng(0).random((5, 3)).astype(np.float32)
    out = as_score_matrix(scores)
    assert out is scores or np.shares_memory(out, scores)


def test_one_dimensional_scores_become_a_column():
    out = as_score_matrix([0.1, 0.9, 0.4])
    assert out.shape == (3, 1)
    np.testing.assert_array_equal(out[:, 0], [0.1, 0.9, 0.4])


def test_list_of_two_column_blocks_takes_the_positive_class():
    blocks = [np.array([[0.8, 0.2], [0.3, 0.7]]), np.array([[0.1, 0.9], [0.6, 0.4]])]
    np.testing.assert_array_equal(as_score_matrix(blocks), [[0.2, 0.9], [0.7, 0.4]])


def test_positive_column_follows_classes():
    # classes listed as [1, 0]: the positive class is the first column
    blocks = [np.array([[0.8, 0.2], [0.3, 0.7]])]
    out = as_score_matrix(blocks, classes=[np.array([1, 0])])
    np.testing.assert_array_equal(out[:, 0], [0.8, 0.3])


@pytest.mark.parametrize("only_class, expected", [(0, 0.0), (1, 1.0)])
def test_single_class_block_reads_its_class(only_class, expected):
    # a label with one class in the training fold: predict_proba gives an (n, 1)
    # block of ones whose class may be 0, in which case the positive score is 0
    blocks = [np.array([[0.3, 0.7], [0.9, 0.1]]), np.ones((2, 1))]
    out = as_score_matrix(blocks, classes=[np.array([0, 1]), np.array([only_class])])
    np.testing.assert_array_equal(out, [[0.7, expected], [0.1, expected]])


def test_single_class_block_without_classes_is_an_error():
    with pytest.raises(ValueError, match="classes_"):
        as_score_matrix([np.ones((2, 1)), np.ones((2, 2)) / 2])


def test_multiclass_blocks_are_rejected():
    with pytest.raises(ValueError, match="multiclass-multioutput"):
        as_score_matrix([np.ones((2, 3)) / 3])


def test_block_row_mismatch_and_classes_length_are_checked():
    with pytest.raises(ValueError, match="different numbers of rows"):
        as_score_matrix([np.ones((2, 2)), np.ones((3, 2))])
    with pytest.raises(ValueError, match="classes has 1"):
        as_score_matrix([np.ones((2, 2)), np.ones((2, 2))], classes=[[0, 1]])


def test_sparse_scores_stay_sparse():
    scores = sp.csr_matrix(np.array([[0.0, 0.5], [0.7, 0.0]]))
    out = as_score_matrix(scores)
    assert sp.issparse(out) and out.format == "csr"
    np.testing.assert_array_equal(out.toarray(), scores.toarray())


def test_matches_estimators(rng):
    from sklearn.ensemble import RandomForestClassifier
    from sklearn.multioutput import MultiOutputClassifier

    X = rng.random((40, 3))
    Y = (rng.random((40, 3)) < 0.4).astype(int)
    Y[:, 2] = 0  # a label with one class only
    forest = RandomForestClassifier(n_estimators=5, random_state=0).fit(X, Y)
    out = as_score_matrix(forest.predict_proba(X), classes=forest.classes_)
    assert out.shape == (40, 3)
    np.testing.assert_array_equal(out[:, 2], 0.0)
    multi = MultiOutputClassifier(RandomForestClassifier(n_estimators=5)).fit(X, Y)
    out = as_score_matrix(multi.predict_proba(X), classes=multi.classes_)
    np.testing.assert_array_equal(out[:, 2], 0.0)
    np.testing.assert_allclose(out[:, 0], multi.predict_proba(X)[0][:, 1])


def test_list_layouts_are_read_through_meta_estimators():
    """A ThresholdOptimizer, a pipeline or a search passes a forest's list of
    per-label predict_proba blocks through; its own classes_ is not per label.
    Label 2 has class 0 only in training: a single column, read as score 0."""
    from sklearn.datasets import make_multilabel_classification
    from sklearn.ensemble import RandomForestClassifier
    from sklearn.model_selection import GridSearchCV
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    from skmultimetrics import ThresholdOptimizer, get_scorer
    from skmultimetrics._checks._scores import read_scores

    X, Y = make_multilabel_classification(n_samples=90, n_classes=3, random_state=0)
    Y[:, 2] = 0
    forest = RandomForestClassifier(n_estimators=5, random_state=0).fit(X, Y)
    expected = np.column_stack([block[:, -1] for block in forest.predict_proba(X)])
    expected[:, 2] = 0.0
    optimizer = ThresholdOptimizer(forest, cv="prefit").fit(X, Y)
    pipeline = make_pipeline(StandardScaler(), ThresholdOptimizer(forest, cv=2))
    search = GridSearchCV(pipeline, {"thresholdoptimizer__cv": [2]}, cv=2)
    for model in (forest, optimizer, pipeline.fit(X, Y), search.fit(X, Y)):
        scores, _ = read_scores(model, X)
        assert scores.shape == (90, 3)
        if model is forest or model is optimizer:
            np.testing.assert_array_equal(scores, expected)
        assert (scores[:, 2] == 0).all()
        assert 0 <= get_scorer("ndcg_at_2")(model, X, Y) <= 1
