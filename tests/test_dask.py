"""Dask arrays on a LocalCluster of two worker processes: the same floats as on
NumPy, from each row chunk's sums; unsupported arguments and bad chunks raise."""

import warnings

import numpy as np
import pytest

import skmultimetrics as smm
from skmultimetrics import MetricAccumulator

da = pytest.importorskip("dask.array")
distributed = pytest.importorskip("dask.distributed")


@pytest.fixture(scope="module", autouse=True)
def client():
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    )
    with distributed.Client(cluster) as client:
        yield client
    cluster.close()


def chunked(array, rng):
    """``array`` as a Dask array with random row and column chunks."""
    rows = sorted(rng.choice(np.arange(1, array.shape[0]), 3, replace=False))
    row_chunks = tuple(np.diff([0, *rows, array.shape[0]]))
    if array.ndim == 1:
        return da.from_array(array, chunks=(row_chunks,))
    return da.from_array(array, chunks=(row_chunks, max(1, array.shape[1] // 2)))


def case(seed):
    rng = np.random.default_rng(seed)
    n, n_labels = int(rng.integers(20, 200)), int(rng.integers(3, 8))
    y = rng.random((n, n_labels)) < rng.uniform(0.1, 0.5)
    y[:, 0] = False  # a label without positives
    y[1] = False  # a row without labels
    s = np.round(rng.random((n, n_labels)), 1)  # ties
    w = rng.random(n) * 2 if seed % 2 else None
    return rng, y, s, w


SET_FUNCTIONS = [smm.precision_score, smm.recall_score, smm.f1_score, smm.jaccard_score]


@pytest.mark.parametrize("seed", range(3))
def test_multilabel_functions_equal_numpy(seed):
    rng, y, s, w = case(seed)
    dy, ds = chunked(y, rng), chunked(s, rng)
    dw = None if w is None else (chunked(w, rng) if seed % 4 == 1 else w)
    thr = 0.5 if seed % 3 else rng.uniform(0.3, 0.7, y.shape[1])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for func in SET_FUNCTIONS:
            for average in ("micro", "macro", "weighted", "samples", None):
                kw = dict(average=average, zero_division=("warn", 1.0)[seed % 2])
                got = func(dy, ds, threshold=thr, sample_weight=dw, **kw)
                want = func(y, s, threshold=thr, sample_weight=w, **kw)
                np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-15)
        kw = dict(beta=2, threshold=thr, average="macro")
        got = smm.fbeta_score(dy, ds, **kw)
        assert got == pytest.approx(smm.fbeta_score(y, s, **kw), rel=1e-12)
        for func in (smm.subset_accuracy_score, smm.hamming_accuracy_score):
            got = func(dy, ds, threshold=thr, sample_weight=dw)
            assert got == pytest.approx(func(y, s, threshold=thr, sample_weight=w))
        got = smm.subset_accuracy_score(dy, dy.astype(int), normalize=False)
        assert got == y.shape[0]
        assert smm.top_k_accuracy_score(dy, ds, k=2, sample_weight=dw) == (
            pytest.approx(smm.top_k_accuracy_score(y, s, k=2, sample_weight=w))
        )
        for func in (smm.precision_at_k_score, smm.recall_at_k_score):
            got = func(dy, ds, k=2, sample_weight=dw)
            assert got == pytest.approx(func(y, s, k=2, sample_weight=w), rel=1e-12)
        got = smm.ndcg_at_k_score(dy, ds, k=3, zero_division=1.0)
        assert got == pytest.approx(smm.ndcg_at_k_score(y, s, k=3, zero_division=1.0))


@pytest.mark.parametrize("seed", range(2))
def test_classes_equal_numpy(seed):
    rng = np.random.default_rng(seed)
    n = 150
    y = rng.integers(0, 4, n)  # class 4 never occurs
    s = rng.random((n, 5))
    dy, ds = chunked(y, rng), chunked(s, rng)
    got = smm.top_k_accuracy_score(dy, ds, k=2, labels=range(5))
    assert got == pytest.approx(smm.top_k_accuracy_score(y, s, k=2, labels=range(5)))
    acc = MetricAccumulator(["f1_macro", "top3_accuracy", "subset_accuracy"])
    result = acc.update(dy, ds).result()
    pred = s.argmax(axis=1)
    assert result["f1_macro"] == pytest.approx(
        smm.f1_score(y, pred, average="macro"), rel=1e-12
    )
    assert result["subset_accuracy"] == pytest.approx(np.mean(pred == y))
    got = smm.top_k_accuracy_score(y, ds, k=3, labels=np.arange(5))  # NumPy truth
    assert got == pytest.approx(smm.top_k_accuracy_score(y, s, k=3, labels=range(5)))
    yb = (rng.random(n) < 0.3).astype(int)
    sb = rng.random(n)
    got = smm.f1_score(chunked(yb, rng), chunked(sb, rng), threshold=0.4)
    assert got == pytest.approx(smm.f1_score(yb, sb, threshold=0.4), rel=1e-12)
    got = smm.recall_score(chunked(yb, rng), chunked((sb > 0.4).astype(int), rng))
    assert got == pytest.approx(smm.recall_score(yb, sb > 0.4), rel=1e-12)


def test_accumulator_takes_dask_batches():
    rng, y, s, w = case(1)
    acc = MetricAccumulator(["f1_samples", "precision_at_2", "hamming_accuracy"])
    acc.update(chunked(y[:100], rng), chunked(s[:100], rng), sample_weight=w[:100])
    acc.update(y[100:], s[100:], sample_weight=w[100:])
    assert acc.n_samples_ == y.shape[0]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = acc.result()
        assert result["f1_samples"] == pytest.approx(
            smm.f1_score(y, s, threshold=0.5, average="samples", sample_weight=w)
        )
    assert result["precision_at_2"] == pytest.approx(
        smm.precision_at_k_score(y, s, k=2, sample_weight=w)
    )


def test_bad_chunks_and_unsupported_arguments():
    rng, y, s, _ = case(2)
    bad = s.copy()
    bad[-1, 1] = np.nan
    with pytest.raises(ValueError, match=r"y_score .*NaN"):
        smm.f1_score(chunked(y, rng), chunked(bad, rng), threshold=0.5, average="macro")
    with pytest.raises(ValueError, match=r"y_true .*binary"):
        smm.f1_score(
            chunked(y * 2, rng), chunked(s, rng), threshold=0.5, average="micro"
        )
    with pytest.raises(ValueError, match=r"labels=\[0\]"):
        smm.f1_score(chunked(y, rng), chunked(s, rng), labels=[0], average="micro")
    with pytest.raises(ValueError, match="ties='optimistic'"):
        smm.precision_at_k_score(chunked(y, rng), chunked(s, rng), ties="optimistic")
    with pytest.raises(ValueError, match="average='binary'"):
        smm.f1_score(chunked(y, rng), chunked(s, rng), threshold=0.5)
    acc = MetricAccumulator(["f1_macro"])
    with pytest.raises(ValueError, match=r"y_score .*NaN"):
        acc.update(chunked(y, rng), chunked(bad, rng))
    assert acc.n_samples_ == 0 and acc.kind_ is None


def test_accumulator_histograms_on_dask():
    rng, y, s, w = case(3)
    local = MetricAccumulator(["f1_micro"], bins=8).update(y, s, sample_weight=w)
    dask_acc = MetricAccumulator(["f1_micro"], bins=8)
    dask_acc.update(chunked(y, rng), chunked(s, rng), sample_weight=w)
    got, want = dask_acc.sweep("f1"), local.sweep("f1")
    for a, b in zip(got.scores, want.scores):
        np.testing.assert_allclose(a, b, rtol=1e-12)
    tuned = dask_acc.optimize_thresholds("f1_micro")
    assert tuned.score == pytest.approx(local.optimize_thresholds("f1_micro").score)


def test_class_labels_as_predictions():
    from sklearn import metrics as sk

    rng = np.random.default_rng(4)
    y = rng.integers(0, 5, 300)  # class 5 only predicted
    p = rng.integers(0, 6, 300)
    w = rng.random(300)
    dy, dp = chunked(y, rng), chunked(p, rng)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for average in ("micro", "macro", "weighted", None):
            got = smm.f1_score(dy, dp, average=average, sample_weight=w)
            want = sk.f1_score(y, p, average=average, sample_weight=w)
            np.testing.assert_allclose(got, want, rtol=1e-12)
            got = smm.jaccard_score(dy, dp, average=average)
            np.testing.assert_allclose(got, sk.jaccard_score(y, p, average=average))
    assert smm.subset_accuracy_score(dy, dp) == pytest.approx(sk.accuracy_score(y, p))
    labels = np.array(["cat", "dog"])
    ys, ps = labels[y % 2], labels[p % 2]
    got = smm.recall_score(chunked(ys, rng), chunked(ps, rng), pos_label="dog")
    assert got == pytest.approx(sk.recall_score(ys, ps, pos_label="dog"), rel=1e-12)
    with pytest.raises(ValueError, match="pos_label=1 is not a valid label"):
        smm.recall_score(chunked(ys, rng), chunked(ps, rng))


@pytest.mark.parametrize("seed", range(2))
def test_sorting_metrics_by_whole_columns(seed):
    rng, y, s, w = case(seed)
    dy, ds = chunked(y, rng), chunked(s, rng)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for func in (smm.roc_auc_score, smm.average_precision_score):
            for average in ("macro", "weighted", "samples", None):
                got = func(dy, ds, average=average, sample_weight=w)
                want = func(y, s, average=average, sample_weight=w)
                np.testing.assert_allclose(got, want, rtol=1e-12, equal_nan=True)
        got = smm.roc_auc_score(dy, ds, max_fpr=0.4)
        assert got == pytest.approx(smm.roc_auc_score(y, s, max_fpr=0.4), nan_ok=True)
        for average in ("macro", "weighted", None):
            kw = dict(min_precision=0.4, average=average, sample_weight=w)
            got = smm.recall_at_precision_score(dy, ds, **kw)
            np.testing.assert_allclose(got, smm.recall_at_precision_score(y, s, **kw))
        got = smm.propensity_scored_precision_at_k_score(dy, ds, k=2, sample_weight=w)
        want = smm.propensity_scored_precision_at_k_score(y, s, k=2, sample_weight=w)
        assert got == pytest.approx(want, rel=1e-12)
    # the label without positives warns here, though it was found on a worker
    assert any("Only one class" in str(w.message) for w in caught)
    with pytest.raises(ValueError, match="average='micro'"):
        smm.roc_auc_score(dy, ds, average="micro")


def test_review_fixes_on_dask():
    import pandas as pd
    import scipy.sparse as sp

    zeros = np.zeros(6, int)
    dz = da.from_array(zeros, chunks=3)
    assert smm.f1_score(dz, dz, zero_division=0.0) == 0.0
    assert smm.f1_score(dz, dz, zero_division=1.0) == 1.0
    y = np.array([[1, 0], [0, 0], [1, 1]])
    s = np.array([[0.9, 0.1], [0.1, 0.1], [0.7, 0.2]])
    w = np.array([0.0, 1.0, 0.0])
    kw = dict(threshold=0.5, average="samples", sample_weight=w, zero_division=np.nan)
    assert np.isnan(smm.recall_score(y, s, **kw))
    assert np.isnan(smm.recall_score(da.from_array(y), da.from_array(s), **kw))
    got = smm.propensity_scored_precision_at_k_score(
        y.tolist(), s, k=1, sample_weight=da.from_array(w + 1, chunks=2)
    )
    want = smm.propensity_scored_precision_at_k_score(y, s, k=1, sample_weight=w + 1)
    assert got == pytest.approx(want)
    with pytest.raises(ValueError, match=r"y_pred .*binary"):
        smm.f1_score(da.from_array(y), da.from_array(s), average="macro")
    masked = da.from_array(s, chunks=2)[da.from_array(s[:, 0] > 0)]
    with pytest.raises(ValueError, match=r"'y_score' .*unknown chunk sizes"):
        smm.f1_score(y, masked, threshold=0.5, average="macro")
    with pytest.raises(ValueError, match="different numbers of samples"):
        smm.f1_score(
            da.from_array(y), da.from_array(s[:2]), threshold=0.5, average="micro"
        )
    got = smm.f1_score(
        sp.csr_array(y), da.from_array(s), threshold=0.5, average="macro"
    )
    assert got == pytest.approx(smm.f1_score(y, s, threshold=0.5, average="macro"))
    got = smm.roc_auc_score(pd.DataFrame(y), da.from_array(s), average=None)
    np.testing.assert_allclose(got, smm.roc_auc_score(y, s, average=None))


def test_top_k_class_labels_as_on_numpy():
    rng = np.random.default_rng(0)
    s = rng.random((40, 4))
    y = np.arange(40) % 3  # class 3 never occurs
    with pytest.raises(ValueError, match="Number of classes in 'y_true'"):
        smm.top_k_accuracy_score(y, s, k=2)
    with pytest.raises(ValueError, match="Number of classes in 'y_true'"):
        smm.top_k_accuracy_score(da.from_array(y, chunks=15), s, k=2)
    with pytest.raises(ValueError, match="column indices"):
        smm.top_k_accuracy_score(da.from_array(np.arange(40) % 4 + 1), s, k=2)
