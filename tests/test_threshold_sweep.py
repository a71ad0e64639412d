"""threshold_sweep: each label's metric at every distinct cut-off of its scores."""

import numpy as np
import pytest


def test_threshold_sweep_public_function():
    import scipy.sparse as sp

    from skmultimetrics import f1_score, precision_score, threshold_sweep

    rng = np.random.default_rng(0)
    y_true = rng.random((60, 4)) < 0.3
    y_score = np.round(rng.random((60, 4)), 2)
    sweep = threshold_sweep(y_true, y_score)
    assert len(sweep.thresholds) == len(sweep.scores) == 4
    for j in range(4):
        assert sweep.thresholds[j][0] == np.inf and sweep.thresholds[j][-1] == -np.inf
        assert np.all(np.diff(sweep.thresholds[j]) < 0)
        for t, value in zip(sweep.thresholds[j], sweep.scores[j]):
            assert value == pytest.approx(
                f1_score(y_true[:, j], y_score[:, j] >= t, zero_division=0)
            )
    # the best thresholds reach the best per-label F1 through threshold=
    per_label = f1_score(
        y_true, y_score, average=None, threshold=sweep.best_thresholds, zero_division=0
    )
    np.testing.assert_allclose(per_label, sweep.best_scores)
    # sparse truth, list-of-blocks scores, weights, another metric
    blocks = [np.column_stack([1 - y_score[:, j], y_score[:, j]]) for j in range(4)]
    weight = rng.random(60)
    other = threshold_sweep(
        sp.csr_array(y_true), blocks, metric="precision", sample_weight=weight
    )
    for j in range(4):
        t = other.best_thresholds[j]
        assert other.best_scores[j] == pytest.approx(
            precision_score(
                y_true[:, j], y_score[:, j] >= t, sample_weight=weight, zero_division=0
            )
        )


def test_threshold_sweep_errors():
    from skmultimetrics import threshold_sweep

    with pytest.raises(ValueError, match="'metric' parameter"):
        threshold_sweep([0, 1], [0.2, 0.3], metric="auc")
    with pytest.raises(ValueError, match="'zero_division' parameter"):
        threshold_sweep([0, 1], [0.2, 0.3], zero_division="warn")
    with pytest.raises(ValueError, match="different shapes"):
        threshold_sweep([[0, 1], [1, 0]], [0.2, 0.3])
    with pytest.raises(ValueError, match=r"y_score of .* NaN"):
        threshold_sweep([0, 1], [0.2, np.nan])
    with pytest.raises(ValueError, match="binary label-indicator"):
        threshold_sweep([0, 2], [0.2, 0.3])
    with pytest.raises(ValueError, match="'sample_weight'"):
        threshold_sweep([0, 1], [0.2, 0.3], sample_weight=[1.0])


def test_a_binary_predict_proba_is_read_as_its_positive_column():
    from sklearn.datasets import make_classification
    from sklearn.linear_model import LogisticRegression

    from skmultimetrics import multilabel_report, optimize_thresholds, threshold_sweep

    X, y = make_classification(n_samples=200, random_state=0)
    proba = LogisticRegression().fit(X, y).predict_proba(X)
    assert proba.shape == (200, 2)
    sweep = threshold_sweep(y, proba)
    expected = threshold_sweep(y, proba[:, 1])
    np.testing.assert_array_equal(sweep.thresholds, expected.thresholds)
    np.testing.assert_array_equal(sweep.scores, expected.scores)
    result = optimize_thresholds(y, proba, scoring="f1")
    assert result.thresholds == optimize_thresholds(y, proba[:, 1]).thresholds
    report = multilabel_report(y, proba, thresholds=0.5, output_dict=True)
    assert report["n_labels"] == 1
    with pytest.raises(
        ValueError, match=r"different shapes: \(200, 1\) and \(200, 3\)"
    ):
        threshold_sweep(y, np.column_stack([proba, proba[:, :1]]))
