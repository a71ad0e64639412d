"""Input checks of the ranking metrics (_checks/_ranking.py): k, propensities, scores
and true classes or label sets, each error naming the argument."""

import numpy as np
import pytest
import scipy.sparse as sp
from test_at_k import AT_K, _multilabel, at_k

import skmultimetrics as smm


def test_psp_propensities_are_checked():
    with pytest.raises(ValueError, match="'propensities' parameter"):
        smm.propensity_scored_precision_at_k_score(
            np.eye(3), np.eye(3), k=1, propensities=[0.5, 0.0, 1.0]
        )
    with pytest.raises(ValueError, match="'propensities' parameter"):
        smm.propensity_scored_precision_at_k_score(
            np.eye(3), np.eye(3), k=1, propensities=[0.5, 0.5]
        )


@at_k
def test_at_k_errors(f):
    y_true, y_score, _ = _multilabel()
    with pytest.raises(ValueError, match="'k' parameter"):
        f(y_true, y_score, k=0)
    with pytest.raises(ValueError, match="'ties' parameter"):
        f(y_true, y_score, ties="first")
    with pytest.raises(ValueError, match="label-indicator matrix"):
        f(y_true[:, 0], y_score)
    with pytest.raises(ValueError, match="different numbers of labels"):
        f(y_true, y_score[:, :3])
    bad = y_score.copy()
    bad[3, 3] = np.inf
    with pytest.raises(ValueError, match=r"y_score of .* infinity"):
        f(y_true, bad)
    non_binary = y_true.copy()
    non_binary[0, 0] = 3
    with pytest.raises(ValueError, match="binary label-indicator"):
        f(non_binary, y_score)


@pytest.mark.parametrize("func", AT_K, ids=lambda f: f.__name__)
@pytest.mark.parametrize("k", [0, 6, 7, 2.5, True])
def test_at_k_metrics_refuse_k_outside_one_to_n_labels(func, k):
    rng = np.random.default_rng(0)
    y_true, y_score = rng.random((10, 5)) < 0.4, rng.random((10, 5))
    y_true[:, 0] = True  # every sample has a true label: no warning
    with pytest.raises(
        ValueError, match=r"'k' parameter .* an int in \[1, n_labels=5\]"
    ):
        func(y_true, y_score, k=k)
    assert 0 <= func(y_true, y_score, k=5) <= 1


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        ({"k": 0}, ValueError, "'k' parameter of top_k_accuracy_score"),
        ({"k": 1.5}, ValueError, "'k' parameter"),
        ({"ties": "random"}, ValueError, "'ties' parameter"),
        ({"labels": [0, 1]}, ValueError, "Number of given labels"),
        ({"labels": [0, 0, 1]}, ValueError, "'labels' parameter .* unique"),
        ({"labels": [5, 6, 7]}, ValueError, "not in labels="),
        ({"sample_weight": [1, 2]}, ValueError, "'sample_weight'"),
        ({"normalize": "no"}, TypeError, "'normalize'"),
    ],
)
def test_top_k_errors(kwargs, error, match):
    with pytest.raises(error, match=match):
        smm.top_k_accuracy_score([0, 1, 2], np.eye(3), **kwargs)


def test_top_k_score_errors():
    with pytest.raises(ValueError, match=r"y_score of .* NaN"):
        smm.top_k_accuracy_score([0, 1], [[np.nan, 1.0], [0.0, 1.0]], k=1)
    with pytest.raises(ValueError, match="Number of classes in 'y_true'"):
        smm.top_k_accuracy_score([0, 1, 1], np.ones((3, 3)), k=1)
    with pytest.raises(ValueError, match="different numbers of samples"):
        smm.top_k_accuracy_score([0, 1], np.eye(3), k=1)
    with pytest.raises(ValueError, match="different numbers of labels"):
        smm.top_k_accuracy_score(np.eye(3), np.eye(3)[:, :2], k=1)
    with pytest.raises(TypeError, match="dense"):
        smm.top_k_accuracy_score([0, 1, 2], sp.csr_array(np.eye(3)), k=1)
    with pytest.raises(TypeError, match="dense"):
        smm.top_k_accuracy_score(np.eye(3), sp.csr_array(np.eye(3)), k=1)
