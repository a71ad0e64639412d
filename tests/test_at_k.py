"""Precision, recall, nDCG and PSP at k: hand-checked cases, properties, errors."""

import numpy as np
import pytest
import scipy.sparse as sp
from sklearn import metrics as sk
from sklearn.exceptions import UndefinedMetricWarning

import skmultimetrics as smm

AT_K = [
    smm.precision_at_k_score,
    smm.recall_at_k_score,
    smm.ndcg_at_k_score,
    smm.propensity_scored_precision_at_k_score,
]
at_k = pytest.mark.parametrize("f", AT_K, ids=[f.__name__ for f in AT_K])


def _multilabel(seed=0, n=60, c=8, density=0.25):
    rng = np.random.default_rng(seed)
    y_true = (rng.random((n, c)) < density).astype(int)
    y_true[0] = 1  # at least one full row, and below one empty row
    y_true[1] = 0
    return y_true, rng.random((n, c)), rng


# --- the @k metrics --------------------------------------------------------------


def test_at_k_hand_checked():
    y_true = [[1, 0, 1, 0], [0, 0, 0, 1], [0, 0, 0, 0]]
    y_score = [[0.9, 0.8, 0.1, 0.3], [0.2, 0.1, 0.3, 0.4], [0.1, 0.2, 0.3, 0.4]]
    # top 2: {0, 1} -> 1 true of 2; {3, 2} -> 1 true of 1; {3, 2} -> none
    assert smm.precision_at_k_score(y_true, y_score, k=2) == pytest.approx(2 / 6)
    recall = smm.recall_at_k_score(y_true, y_score, k=2, zero_division=np.nan)
    assert recall == pytest.approx((1 / 2 + 1) / 2)
    with pytest.warns(UndefinedMetricWarning, match="Recall@k is ill-defined"):
        assert smm.recall_at_k_score(y_true, y_score, k=2) == pytest.approx(0.5)
    # DCG row 1: 1 at rank 1; ideal 1 + 1/log2(3). Row 2: 1 at rank 1; ideal 1.
    ndcg_row1 = 1 / (1 + 1 / np.log2(3))
    assert smm.ndcg_at_k_score(
        y_true, y_score, k=2, zero_division=0.0
    ) == pytest.approx((ndcg_row1 + 1 + 0) / 3)


def test_at_k_ties_at_the_boundary():
    # one place left for three tied labels, one of them true
    y_true = [[1, 0, 0, 1]]
    y_score = [[0.5, 0.5, 0.5, 0.9]]
    expected = {"average": (1 + 1 / 3) / 2, "optimistic": 1.0, "pessimistic": 0.5}
    for ties, value in expected.items():
        assert smm.precision_at_k_score(
            y_true, y_score, k=2, ties=ties
        ) == pytest.approx(value)
        assert smm.recall_at_k_score(y_true, y_score, k=2, ties=ties) == (
            pytest.approx(value)
        )
    # nDCG: rank 1 true; rank 2 true with probability 1/3 (average)
    ideal = 1 + 1 / np.log2(3)
    assert smm.ndcg_at_k_score(y_true, y_score, k=2) == pytest.approx(
        (1 + 1 / 3 / np.log2(3)) / ideal
    )
    assert smm.ndcg_at_k_score(y_true, y_score, k=2, ties="optimistic") == 1.0
    assert smm.ndcg_at_k_score(
        y_true, y_score, k=2, ties="pessimistic"
    ) == pytest.approx(1 / ideal)


def test_at_k_all_equal_scores():
    y_true = np.array([[1, 0, 0, 0, 0], [1, 1, 0, 0, 0]])
    y_score = np.zeros((2, 5))
    for k in range(1, 5):
        assert smm.precision_at_k_score(y_true, y_score, k=k) == pytest.approx(
            (1 / 5 + 2 / 5) / 2
        )
        assert smm.recall_at_k_score(y_true, y_score, k=k) == pytest.approx(k / 5)


def test_recall_at_k_non_decreasing_and_one_at_n_labels():
    y_true, y_score, _ = _multilabel()
    values = [
        smm.recall_at_k_score(y_true, y_score, k=k, zero_division=1.0)
        for k in range(1, 9)
    ]
    assert np.all(np.diff(values) >= -1e-12)
    assert values[-1] == pytest.approx(1.0)
    # ties do not break it either
    rounded = np.round(y_score, 1)
    for ties in ("average", "optimistic", "pessimistic"):
        values = [
            smm.recall_at_k_score(y_true, rounded, k=k, ties=ties, zero_division=1.0)
            for k in range(1, 9)
        ]
        assert np.all(np.diff(values) >= -1e-12), ties
        assert values[-1] == pytest.approx(1.0)


@pytest.mark.parametrize("seed", range(3))
def test_ndcg_equals_scikit_learn(seed):
    y_true, y_score, _ = _multilabel(seed)
    for k in (1, 3, 5, 8):  # k > n_labels (8) raises: see the test below
        for scores in (y_score, np.round(y_score, 1)):  # with and without ties
            assert smm.ndcg_at_k_score(
                y_true, scores, k=k, zero_division=0.0
            ) == pytest.approx(sk.ndcg_score(y_true, scores, k=k))


@at_k
def test_sparse_and_dense_inputs_agree(f):
    y_true, y_score, _ = _multilabel()
    expected = (
        f(y_true, y_score, k=3, zero_division=0.0)
        if f is not AT_K[0]
        else (f(y_true, y_score, k=3))
    )
    kwargs = {} if f is AT_K[0] else {"zero_division": 0.0}
    for yt in (sp.csr_array(y_true), sp.csr_matrix(y_true), y_true.tolist()):
        for ys in (sp.csr_array(y_score), y_score.astype(np.float32)):
            assert f(yt, ys, k=3, **kwargs) == pytest.approx(expected, rel=1e-6)


def test_sparse_scores_leave_missing_labels_unranked():
    y_true = np.array([[1, 0, 0, 1], [0, 1, 0, 0]])
    # row 0 stores two (negative) scores; label 3 has none and is never ranked
    y_score = sp.csr_array(np.array([[-2.0, -1.0, 0, 0], [0, 0, 0.5, 0]]))
    assert smm.precision_at_k_score(y_true, y_score, k=3) == pytest.approx(
        (1 / 3 + 0) / 2
    )
    assert smm.recall_at_k_score(y_true, y_score, k=3) == pytest.approx((1 / 2 + 0) / 2)
    # dense zeros are ranked above the negative scores: label 3 is 2nd of row 0;
    # in row 1 three labels tie at 0 for two places, one of them true
    assert smm.precision_at_k_score(y_true, y_score.toarray(), k=3) == (
        pytest.approx((1 / 3 + 2 / 9) / 2)
    )


def test_psp_with_estimated_propensities():
    y_true, y_score, _ = _multilabel(n=200)
    n_l = y_true.sum(axis=0)
    c = (np.log(200) - 1) * 2.5**0.55
    gains = 1 + c * (n_l + 1.5) ** -0.55
    value = smm.propensity_scored_precision_at_k_score(y_true, y_score, k=3)
    got = best = 0.0
    for t, s in zip(y_true, y_score):
        top = np.argsort(-s)[:3]
        got += (t[top] * gains[top]).sum()
        best += np.sort(t * gains)[::-1][:3].sum()
    assert value == pytest.approx(got / best)
    # a perfect ranking (true labels first, rarest first) scores 1
    perfect = smm.propensity_scored_precision_at_k_score(
        y_true, y_true * gains + y_score * 0.01, k=3
    )
    assert perfect == pytest.approx(1.0)


@at_k
def test_at_k_sample_weight_properties(f):
    y_true, y_score, rng = _multilabel()
    kwargs = {} if f is AT_K[0] else {"zero_division": 0.0}
    if f is smm.propensity_scored_precision_at_k_score:
        # repetition changes estimated propensities; fix them
        kwargs["propensities"] = np.linspace(0.1, 1.0, y_true.shape[1])
    weight = rng.integers(1, 4, size=y_true.shape[0])
    rep = np.repeat(np.arange(y_true.shape[0]), weight)
    assert f(y_true, y_score, k=3, sample_weight=weight, **kwargs) == pytest.approx(
        f(y_true[rep], y_score[rep], k=3, **kwargs)
    )
    order = rng.permutation(y_true.shape[0])
    assert f(y_true[order], y_score[order], k=3, **kwargs) == pytest.approx(
        f(y_true, y_score, k=3, **kwargs)
    )


@at_k
@pytest.mark.filterwarnings("ignore::sklearn.exceptions.UndefinedMetricWarning")
def test_at_k_inputs_are_not_modified(f):
    y_true, y_score, _ = _multilabel()
    sparse_scores = sp.csr_array(y_score)
    copies = y_true.copy(), y_score.copy(), sparse_scores.data.copy()
    f(y_true, y_score, k=2)
    f(y_true, sparse_scores, k=2)
    np.testing.assert_array_equal(y_true, copies[0])
    np.testing.assert_array_equal(y_score, copies[1])
    np.testing.assert_array_equal(sparse_scores.data, copies[2])


@pytest.mark.parametrize("layout", ["random", "sorted", "reversed", "ties", "int"])
def test_wide_rows_candidate_selection_is_exact(monkeypatch, layout):
    # rows wider than 4 * _SAMPLE first keep only scores that can reach the top k;
    # a small _SAMPLE makes narrow test rows take that path
    from skmultimetrics._counts import _rank_statistics

    rng = np.random.default_rng(3)
    n, c = 50, 64
    y_score = rng.random((n, c))
    if layout == "sorted":  # the sampled columns hold the lowest scores
        y_score = np.sort(y_score, axis=1)
    elif layout == "reversed":
        y_score = np.sort(y_score, axis=1)[:, ::-1].copy()
    elif layout == "ties":
        y_score = np.round(y_score, 1)
    elif layout == "int":
        y_score = rng.integers(0, 4, size=(n, c))
    y_true = (rng.random((n, c)) < 0.2).astype(int)
    kwargs = {"zero_division": 0.0}
    expected = {}
    for k in (1, 2):
        for ties in ("average", "optimistic", "pessimistic"):
            for f in AT_K[1:]:
                expected[k, ties, f] = f(y_true, y_score, k=k, ties=ties, **kwargs)
    monkeypatch.setattr(_rank_statistics, "_SAMPLE", 8)
    for (k, ties, f), value in expected.items():
        for yt in (y_true, sp.csr_array(y_true)):
            assert f(yt, y_score, k=k, ties=ties, **kwargs) == pytest.approx(value)


def test_wide_rows_at_full_size():
    rng = np.random.default_rng(0)
    y_true = (rng.random((30, 5000)) < 0.01).astype(int)
    y_score = np.round(rng.random((30, 5000)), 3)  # wide and with ties
    for k in (1, 5, 20):
        assert smm.ndcg_at_k_score(
            y_true, y_score, k=k, zero_division=0.0
        ) == pytest.approx(sk.ndcg_score(y_true, y_score, k=k))
        # every score stored: sparse scores take the padded path, same value
        assert smm.precision_at_k_score(y_true, y_score, k=k) == pytest.approx(
            smm.precision_at_k_score(y_true, sp.csr_array(y_score), k=k)
        )


@pytest.mark.parametrize("as_sparse", [False, True])
def test_short_sparse_rows_padding_is_never_a_true_label(as_sparse):
    # fewer stored scores than k: the unused top-k places hold no label at all
    y_true = np.array([[1, 0, 1], [0, 1, 1]])
    y_true = sp.csr_array(y_true) if as_sparse else y_true
    scores = sp.csr_array(np.array([[0.0, 0.9, 0.0], [0.0, 0.0, 0.0]]))
    assert smm.precision_at_k_score(y_true, scores, k=2) == 0.0
    assert smm.recall_at_k_score(y_true, scores, k=3) == 0.0
    assert smm.ndcg_at_k_score(y_true, scores, k=2) == 0.0


def test_psp_estimate_with_very_few_samples():
    # ln N - 1 < 0 for N < e: propensities fall back to 1, PSP@k to a ratio of hits
    value = smm.propensity_scored_precision_at_k_score([[1, 0]], [[0.1, 0.9]], k=1)
    assert value == 0.0
    value = smm.propensity_scored_precision_at_k_score(
        [[1, 0], [1, 1]], [[0.9, 0.1], [0.2, 0.8]], k=1
    )
    assert value == 1.0


AT_K = [
    smm.precision_at_k_score,
    smm.recall_at_k_score,
    smm.ndcg_at_k_score,
    smm.propensity_scored_precision_at_k_score,
]
