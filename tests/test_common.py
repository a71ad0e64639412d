"""Invariances every metric of the registry keeps."""

from functools import partial

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp

from registry import RANK_METRICS, SET_METRICS

NAMES = sorted(SET_METRICS)


def _data(seed=0, n=40, c=5):
    rng = np.random.default_rng(seed)
    y_true = rng.random((n, c)) < 0.3
    y_true[0] = False  # an all-zero row
    y_true[:, -1] = False  # a label with no positives
    y_score = np.where(y_true, rng.random((n, c)) * 0.8 + 0.2, rng.random((n, c)) * 0.8)
    y_pred = y_score >= 0.5
    weight = rng.integers(1, 4, size=n).astype(float)
    return y_true, y_pred, y_score, weight, rng


def metric(name):
    return SET_METRICS[name][0]


@pytest.mark.parametrize("name", NAMES)
def test_returns_python_float_in_unit_interval(name):
    y_true, y_pred, *_ = _data()
    value = metric(name)(y_true, y_pred)
    assert type(value) is float
    assert 0.0 <= value <= 1.0


@pytest.mark.parametrize("name", NAMES)
def test_sample_order_does_not_matter(name):
    y_true, y_pred, _, weight, rng = _data()
    order = rng.permutation(y_true.shape[0])
    f = metric(name)
    assert f(y_true, y_pred) == pytest.approx(f(y_true[order], y_pred[order]))
    assert f(y_true, y_pred, sample_weight=weight) == pytest.approx(
        f(y_true[order], y_pred[order], sample_weight=weight[order])
    )


@pytest.mark.parametrize("name", NAMES)
def test_label_order_does_not_matter(name):
    y_true, y_pred, _, _, rng = _data()
    cols = rng.permutation(y_true.shape[1])
    f = metric(name)
    assert f(y_true, y_pred) == pytest.approx(f(y_true[:, cols], y_pred[:, cols]))


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize(
    "convert",
    [
        lambda y: y.astype(int).tolist(),
        lambda y: y.astype(np.float32),
        lambda y: y.astype(np.int8),
        lambda y: pd.DataFrame(y.astype(int)),
        sp.csr_matrix,
        sp.csr_array,
        sp.csc_matrix,
    ],
    ids=["list", "float32", "int8", "pandas", "csr_matrix", "csr_array", "csc"],
)
def test_input_containers_give_the_same_value(name, convert):
    y_true, y_pred, *_ = _data()
    f = metric(name)
    expected = f(y_true, y_pred)
    assert f(convert(y_true), convert(y_pred)) == pytest.approx(expected)
    assert f(convert(y_true), y_pred) == pytest.approx(expected)


@pytest.mark.parametrize("name", NAMES)
def test_sample_weight_properties(name):
    y_true, y_pred, _, weight, rng = _data()
    f = metric(name)
    n = y_true.shape[0]
    # None equals unit weights
    assert f(y_true, y_pred) == pytest.approx(
        f(y_true, y_pred, sample_weight=np.ones(n))
    )
    # integer weights equal repetition
    rep = np.repeat(np.arange(n), weight.astype(int))
    assert f(y_true, y_pred, sample_weight=weight) == pytest.approx(
        f(y_true[rep], y_pred[rep])
    )
    # scaling does not matter
    assert f(y_true, y_pred, sample_weight=weight) == pytest.approx(
        f(y_true, y_pred, sample_weight=weight * 3.7)
    )
    # zero weight equals removal
    zero = weight.copy()
    zero[rng.choice(n, size=10, replace=False)] = 0
    keep = zero > 0
    assert f(y_true, y_pred, sample_weight=zero) == pytest.approx(
        f(y_true[keep], y_pred[keep], sample_weight=zero[keep])
    )


@pytest.mark.parametrize("name", NAMES)
def test_threshold_equals_binarized_scores(name):
    y_true, _, y_score, _, rng = _data()
    f = metric(name)
    for threshold in (0.5, 0.3, rng.random(y_true.shape[1])):
        assert f(y_true, y_score, threshold=threshold) == pytest.approx(
            f(y_true, y_score >= threshold)
        )
    # sparse scores: a missing entry is a score of 0
    sparse_scores = sp.csr_array(np.where(y_score > 0.3, y_score, 0))
    for threshold in (0.5, 0.0, -1.0):
        assert f(y_true, sparse_scores, threshold=threshold) == pytest.approx(
            f(y_true, sparse_scores.toarray() >= threshold)
        )


@pytest.mark.parametrize("name", NAMES)
def test_equals_scikit_learn_on_the_registry_data(name):
    y_true, y_pred, _, weight, _ = _data()
    ours, theirs = SET_METRICS[name]
    assert ours(y_true, y_pred) == pytest.approx(theirs(y_true, y_pred))
    assert ours(y_true, y_pred, sample_weight=weight) == pytest.approx(
        theirs(y_true, y_pred, sample_weight=weight)
    )


@pytest.mark.parametrize("name", NAMES)
def test_inputs_are_never_modified(name):
    y_true, y_pred, y_score, weight, _ = _data()
    y_true_int = y_true.astype(np.int64)
    sparse_pred = sp.csr_matrix(y_pred.astype(float))
    sparse_pred.data[:3] = 0.0  # explicit zeros the checker must not remove in place
    copies = [a.copy() for a in (y_true_int, y_score, weight)]
    data_copy = sparse_pred.data.copy()
    f = metric(name)
    f(y_true_int, y_score, threshold=0.5, sample_weight=weight)
    f(y_true_int, sparse_pred, sample_weight=weight)
    for a, b in zip((y_true_int, y_score, weight), copies):
        np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(sparse_pred.data, data_copy)


# --- ranking metrics -------------------------------------------------------------

RANK_NAMES = sorted(RANK_METRICS)


def _rank_data(seed=0, n=40, c=7):
    rng = np.random.default_rng(seed)
    y_true = (rng.random((n, c)) < 0.3).astype(int)
    y_true[0] = 0
    y_score = np.round(rng.random((n, c)), 1)  # rounded: ties happen
    weight = rng.integers(1, 4, size=n).astype(float)
    return y_true, y_score, weight, rng


@pytest.mark.parametrize("name", RANK_NAMES)
@pytest.mark.parametrize("ties", ["average", "optimistic", "pessimistic"])
def test_rank_metrics_are_floats_in_unit_interval(name, ties):
    y_true, y_score, *_ = _rank_data()
    value = RANK_METRICS[name](y_true, y_score, ties=ties)
    assert type(value) is float
    assert 0.0 <= value <= 1.0


@pytest.mark.parametrize("name", RANK_NAMES)
def test_rank_metrics_order_of_ties_rules(name):
    y_true, y_score, *_ = _rank_data()
    f = RANK_METRICS[name]
    values = [
        f(y_true, y_score, ties=t) for t in ("pessimistic", "average", "optimistic")
    ]
    assert values[0] <= values[1] + 1e-12 and values[1] <= values[2] + 1e-12
    # without ties the three rules agree
    y_unique = y_score + np.random.default_rng(1).random(y_score.shape) * 1e-3
    values = [f(y_true, y_unique, ties=t) for t in ("pessimistic", "optimistic")]
    assert values[0] == pytest.approx(values[1])


@pytest.mark.parametrize("name", RANK_NAMES)
def test_rank_metrics_sample_and_label_order(name):
    y_true, y_score, weight, rng = _rank_data()
    f = RANK_METRICS[name]
    rows, cols = rng.permutation(y_true.shape[0]), rng.permutation(y_true.shape[1])
    expected = f(y_true, y_score, sample_weight=weight)
    assert f(y_true[rows], y_score[rows], sample_weight=weight[rows]) == (
        pytest.approx(expected)
    )
    assert f(y_true[:, cols], y_score[:, cols], sample_weight=weight) == (
        pytest.approx(expected)
    )


@pytest.mark.parametrize("name", RANK_NAMES)
def test_rank_metrics_sample_weight_properties(name):
    y_true, y_score, weight, rng = _rank_data()
    f = RANK_METRICS[name]
    n = y_true.shape[0]
    if name == "psp_at_3":  # estimated propensities depend on the number of rows
        f = partial(f, propensities=np.linspace(0.2, 0.9, y_true.shape[1]))
    assert f(y_true, y_score) == pytest.approx(
        f(y_true, y_score, sample_weight=np.ones(n))
    )
    rep = np.repeat(np.arange(n), weight.astype(int))
    assert f(y_true, y_score, sample_weight=weight) == pytest.approx(
        f(y_true[rep], y_score[rep])
    )
    assert f(y_true, y_score, sample_weight=weight) == pytest.approx(
        f(y_true, y_score, sample_weight=weight * 0.3)
    )
    zero = weight.copy()
    zero[rng.choice(n, size=10, replace=False)] = 0
    keep = zero > 0
    assert f(y_true, y_score, sample_weight=zero) == pytest.approx(
        f(y_true[keep], y_score[keep], sample_weight=zero[keep])
    )


@pytest.mark.parametrize("name", RANK_NAMES)
@pytest.mark.parametrize(
    "convert",
    [
        lambda y: y.tolist(),
        lambda y: pd.DataFrame(y),
        lambda y: np.asfortranarray(y),
        sp.csr_matrix,
    ],
    ids=["list", "pandas", "fortran", "csr"],
)
def test_rank_metrics_input_containers(name, convert):
    y_true, y_score, *_ = _rank_data()
    f = RANK_METRICS[name]
    expected = f(y_true, y_score)
    assert f(convert(y_true), y_score) == pytest.approx(expected)
    if convert is not sp.csr_matrix:  # sparse scores leave zeros unranked
        assert f(y_true, convert(y_score)) == pytest.approx(expected)
    assert f(y_true, y_score.astype(np.float32)) == pytest.approx(expected)


def test_psp_estimate_is_invariant_to_weight_scale_and_zero_weights():
    y_true, y_score, weight, _ = _rank_data()
    f = RANK_METRICS["psp_at_3"]
    expected = f(y_true, y_score, sample_weight=weight)
    assert f(y_true, y_score, sample_weight=weight * 7) == pytest.approx(expected)
    zero = weight.copy()
    zero[:5] = 0
    assert f(y_true, y_score, sample_weight=zero) == pytest.approx(
        f(y_true[5:], y_score[5:], sample_weight=zero[5:])
    )
    assert f(y_true, y_score, sample_weight=np.ones(40)) == pytest.approx(
        f(y_true, y_score)
    )


@pytest.mark.parametrize("name", RANK_NAMES)
def test_rank_metrics_do_not_modify_inputs(name):
    y_true, y_score, weight, _ = _rank_data()
    copies = y_true.copy(), y_score.copy(), weight.copy()
    RANK_METRICS[name](y_true, y_score, sample_weight=weight)
    for a, b in zip((y_true, y_score, weight), copies):
        np.testing.assert_array_equal(a, b)
