"""MetricAccumulator with scores outside the range its settings assume: the default
threshold=0.5 (probabilities) and bins= (the edges) warn once; bins= has bounds."""

import inspect
import pickle
import warnings

import numpy as np
import pytest
import scipy.sparse as sp

from skmultimetrics import MetricAccumulator

LOGITS = np.array([[-1.0, 0.5], [2.0, 0.3], [0.1, 0.9]])  # 2 of 6 outside [0, 1]
TRUTH = np.array([[0, 1], [1, 0], [1, 1]])


def no_warning(acc, y, s, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return acc.update(y, s, **kwargs)


def test_default_threshold_warns_once_for_scores_outside_0_1():
    acc = MetricAccumulator(["f1_macro"])
    with pytest.warns(UserWarning) as record:
        acc.update(TRUTH, LOGITS)
    assert len(record) == 1
    message = str(record[0].message)
    for part in ("2 of the 6 scores (33.3%)", "[0, 1]", "[-1, 2]", "threshold="):
        assert part in message
    assert "MetricAccumulator.update" in message
    assert record[0].filename == __file__  # points at the caller
    no_warning(acc, TRUTH, LOGITS)  # once per accumulator, not per batch
    no_warning(pickle.loads(pickle.dumps(acc)), TRUTH, LOGITS)
    acc.reset()  # a new stream warns again
    with pytest.warns(UserWarning, match="threshold="):
        acc.update(TRUTH, LOGITS)
    # an unpickled accumulator still knows that the default was not chosen
    fresh = pickle.loads(pickle.dumps(MetricAccumulator(["f1_macro"])))
    with pytest.warns(UserWarning, match="threshold="):
        fresh.update(TRUTH, LOGITS)


def test_default_threshold_looks_like_0_5_and_explicit_thresholds_are_meant():
    acc = MetricAccumulator(["f1_macro"])
    assert "threshold=0.5," in repr(acc)
    assert inspect.signature(MetricAccumulator).parameters["threshold"].default == 0.5
    for threshold in (0.5, 0.0, [0.5, 0.0]):
        no_warning(MetricAccumulator(["f1_macro"], threshold=threshold), TRUTH, LOGITS)
    no_warning(MetricAccumulator(["f1_macro"]), TRUTH, np.clip(LOGITS, 0, 1))
    # metrics that only rank the scores do not cut them
    no_warning(MetricAccumulator(["precision_at_1", "top1_accuracy"]), TRUTH, LOGITS)
    with pytest.warns(UserWarning, match="threshold="):  # the report cuts them
        MetricAccumulator(["precision_at_1"], report=True).update(TRUTH, LOGITS)
    # multiclass: the prediction is the argmax, whatever the scale
    no_warning(MetricAccumulator(["f1_macro"]), np.array([0, 1, 1]), LOGITS)
    # binary 1-D scores and sparse scores (implicit zeros are in range) warn
    with pytest.warns(UserWarning, match=r"1 of the 3 scores \(33\.3%\)"):
        MetricAccumulator(["f1"]).update([0, 1, 1], [0.2, 3.0, 0.7])
    with pytest.warns(UserWarning, match=r"1 of the 6 scores .*\[0, 2\]"):
        MetricAccumulator(["f1_macro"]).update(
            TRUTH, sp.csr_array(np.array([[0, 0.5], [2.0, 0], [0, 0.9]]))
        )


def test_bins_warn_once_for_scores_outside_the_edges():
    rng = np.random.default_rng(0)
    y = rng.random((200, 3)) < 0.4
    s = y * 2.0 + rng.normal(size=(200, 3)) * 1.5 - 1.0  # logits
    n_outside = int(((s < 0) | (s > 1)).sum())
    acc = MetricAccumulator(["f1_macro"], threshold=0.0, bins=10)
    with pytest.warns(UserWarning) as record:
        acc.update(y[:100], s[:100])
    assert len(record) == 1
    message = str(record[0].message)
    first = int(((s[:100] < 0) | (s[:100] > 1)).sum())
    assert f"{first} of the 300 scores ({first / 300:.1%})" in message
    assert "[0, 1]" in message and "bins=10" in message and "linspace" in message
    no_warning(acc, y[100:], s[100:])
    assert n_outside > first
    # edges that cover the scores do not warn
    low, high = s.min(), s.max()
    covering = MetricAccumulator(
        ["f1_macro"], threshold=0.0, bins=np.linspace(low, high, 11)
    )
    no_warning(covering, y, s)


def test_cut_offs_at_the_edges_are_exact_for_scores_outside_them():
    """Every finite cut-off of sweep() and optimize_thresholds() counts
    ``score >= cut-off`` exactly, also for the scores beyond the edges."""
    rng = np.random.default_rng(1)
    y = rng.random((300, 3)) < 0.4
    s = y * 2.0 + rng.normal(size=(300, 3)) * 1.5 - 1.0
    with pytest.warns(UserWarning, match="bins="):
        acc = MetricAccumulator(["f1_macro"], threshold=0.0, bins=4).update(y, s)
    sweep = acc.sweep("f1")
    for label in range(3):
        for cut, value in zip(sweep.thresholds[label], sweep.scores[label]):
            pred = s[:, label] >= cut
            tp = np.sum(pred & y[:, label])
            denominator = pred.sum() + y[:, label].sum()
            assert value == pytest.approx(2 * tp / denominator if denominator else 0)
    tuned = acc.optimize_thresholds("f1_macro")
    pred = s >= tuned.thresholds
    tp, denominator = (pred & y).sum(0), pred.sum(0) + y.sum(0)
    assert tuned.score == pytest.approx(np.mean(2 * tp / denominator))
    assert set(tuned.thresholds) <= {-np.inf, np.inf, 0.0, 0.25, 0.5, 0.75, 1.0}


def test_bins_bounds_are_checked_before_allocating():
    with pytest.raises(ValueError, match=r"'bins' .*\[1, 1000000\]"):
        MetricAccumulator(bins=10**12)
    with pytest.raises(ValueError, match=r"'bins' .*finite edges.*adds nothing"):
        MetricAccumulator(bins=[-np.inf, 0.0, 0.5, 1.0, np.inf])
    acc = MetricAccumulator(["f1_macro"], bins=10**6)
    y, s = np.zeros((4, 100), dtype=bool), np.full((4, 100), 0.5)
    with pytest.raises(ValueError, match=r"'bins' .*100 labels.*counters"):
        acc.update(y, s)
    assert acc.n_samples_ == 0 and acc.kind_ is None
    acc.update(y[:, :40], s[:, :40])  # 2 x 40 x 1000002 counters fit
    assert acc.n_samples_ == 4


def test_update_never_modifies_the_batch():
    rng = np.random.default_rng(2)
    y, s, w = rng.random((50, 3)) < 0.5, rng.normal(size=(50, 3)), rng.random(50)
    s32 = s.astype(np.float32)
    copies = [a.copy() for a in (y, s, w, s32)]
    acc = MetricAccumulator(["f1_macro", "f1_samples", "precision_at_2"], bins=8)
    with pytest.warns(UserWarning):
        acc.update(y, s, sample_weight=w)
    acc.update(y, s32, sample_weight=w)
    for array, copy in zip((y, s, w, s32), copies):
        assert np.array_equal(array, copy) and array.dtype == copy.dtype


def test_dask_batches_warn_as_numpy_ones():
    da = pytest.importorskip("dask.array")
    rng = np.random.default_rng(3)
    y = rng.random((90, 3)) < 0.4
    s = rng.normal(size=(90, 3))
    n_outside = int(((s < 0) | (s > 1)).sum())
    acc = MetricAccumulator(["f1_macro"], bins=5)
    with pytest.warns(UserWarning) as record:
        acc.update(da.from_array(y, chunks=(20, 3)), da.from_array(s, chunks=(20, 3)))
    messages = sorted(str(w.message) for w in record)
    assert len(messages) == 2
    assert all(f"{n_outside} of the 270 scores" in m for m in messages)
    assert sorted("bins=5" in m for m in messages) == [False, True]
    assert sorted("threshold= was not given" in m for m in messages) == [False, True]
    no_warning(acc, da.from_array(y, chunks=(30, 3)), da.from_array(s, chunks=30))
    expected = MetricAccumulator(["f1_macro"], bins=5, threshold=0.5)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        expected.update(y, s).update(y, s)
    assert acc.result() == expected.result()
    # multiclass logits under the default: the argmax, no warning
    no_warning(
        MetricAccumulator(["f1_macro"]),
        da.from_array(y.argmax(axis=1), chunks=20),
        da.from_array(s, chunks=(20, 3)),
    )
