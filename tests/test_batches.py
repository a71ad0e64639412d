"""MetricAccumulator(ignore_index=...): rows of 1-D class-index targets equal
to ``ignore_index`` (Hugging Face's -100) are left out, with their scores and
weights; the results equal the one-shot functions on the filtered arrays."""

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import accuracy_score

import skmultimetrics as smm

MULTICLASS = [
    "accuracy",
    "f1_macro",
    "precision_weighted",
    "recall_micro",
    "top2_accuracy",
    "jaccard_macro",
]
BINARY = ["f1", "precision", "recall", "accuracy", "f1_macro"]


def reference(names, y_true, y_score, sample_weight, ignore_index, **params):
    """The results of an accumulator fed the filtered arrays in one batch."""
    keep = y_true != ignore_index
    weight = None if sample_weight is None else sample_weight[keep]
    acc = smm.MetricAccumulator(names, **params)
    return acc.update(y_true[keep], y_score[keep], sample_weight=weight).result()


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("weighted", [False, True])
def test_multiclass_rows_equal_to_ignore_index_are_left_out(seed, weighted):
    rng = np.random.default_rng(seed)
    n, c = 300, 4
    y = rng.integers(0, c, n)
    y[rng.random(n) < 0.3] = -100
    scores = rng.random((n, c))
    weight = rng.random(n) if weighted else None
    acc = smm.MetricAccumulator(MULTICLASS, ignore_index=-100)
    for start in range(0, n, 37):
        stop = start + 37
        acc.update(
            y[start:stop],
            scores[start:stop],
            sample_weight=None if weight is None else weight[start:stop],
        )
    keep = y != -100
    expected = reference(MULTICLASS, y, scores, weight, -100)
    np.testing.assert_allclose(
        list(acc.result().values()), list(expected.values()), rtol=1e-12
    )
    assert acc.n_samples_ == keep.sum()
    # and the one-shot functions on the filtered arrays
    w = None if weight is None else weight[keep]
    pred = scores[keep].argmax(1)
    assert np.isclose(
        acc.result()["f1_macro"],
        smm.f1_score(y[keep], pred, average="macro", sample_weight=w),
    )
    assert np.isclose(
        acc.result()["accuracy"], accuracy_score(y[keep], pred, sample_weight=w)
    )


def test_binary_and_other_index_values():
    rng = np.random.default_rng(1)
    y = rng.integers(0, 2, 200)
    y[::5] = 7
    scores = rng.random(200)
    acc = smm.MetricAccumulator(BINARY, threshold=0.4, ignore_index=7)
    acc.update(y, scores)
    assert acc.result() == reference(BINARY, y, scores, None, 7, threshold=0.4)
    # an ignore_index that is a class (0) leaves its rows out, the class stays
    y = rng.integers(0, 3, 200)
    scores = rng.random((200, 3))
    acc = smm.MetricAccumulator(["accuracy", "f1_macro"], ignore_index=0)
    got = acc.update(y, scores).result()
    assert got == reference(["accuracy", "f1_macro"], y, scores, None, 0)


def test_inputs_of_every_kind_and_all_ignored_batches():
    rng = np.random.default_rng(2)
    y = rng.integers(0, 3, 60)
    y[:10] = -100
    scores = rng.random((60, 3))
    expected = reference(["f1_macro"], y, scores, None, -100)
    for y_in, s_in in [
        (y.tolist(), scores.tolist()),
        (pd.Series(y), pd.DataFrame(scores)),
        (y.astype(float), scores),
        (y.reshape(-1, 1), scores),
    ]:
        acc = smm.MetricAccumulator(["f1_macro"], ignore_index=-100)
        assert acc.update(y_in, s_in).result() == expected
    acc = smm.MetricAccumulator(["f1_macro"], ignore_index=-100)
    acc.update(np.full(5, -100), rng.random((5, 3)))  # nothing left: nothing added
    assert acc.n_samples_ == 0 and acc.kind_ is None
    assert acc.update(y, scores).result() == expected
    # the batch itself is not modified
    assert (y[:10] == -100).all()


def test_label_matrices_and_bad_values_are_refused():
    rng = np.random.default_rng(3)
    Y = rng.integers(0, 2, (20, 3))
    acc = smm.MetricAccumulator(["f1_macro"], ignore_index=-100)
    with pytest.raises(ValueError, match=r"'ignore_index'.*label matrix"):
        acc.update(Y, rng.random((20, 3)))
    for bad in (1.5, "x", True):
        with pytest.raises(ValueError, match=r"'ignore_index'.*None or an int"):
            smm.MetricAccumulator(["f1_macro"], ignore_index=bad)
    y = np.array([0, 1, -100, 2])
    with pytest.raises(ValueError, match=r"y_true and y_score.*different numbers"):
        acc.update(y, rng.random((3, 3)))
    with pytest.raises(ValueError, match="y_true and sample_weight"):
        acc.update(y, rng.random((4, 3)), sample_weight=[1, 2])
    with pytest.raises(ValueError, match="y_true"):  # -100 is out of range here
        smm.MetricAccumulator(["f1_macro"]).update(y, rng.random((4, 3)))
    assert acc.n_samples_ == 0
