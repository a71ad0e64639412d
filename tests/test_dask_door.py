"""Every public metric function through its Dask door: the same values as on
NumPy for every average, on random inputs cut into several row (and column)
chunkings, with and without sample weights (NumPy or Dask); the local threaded
scheduler (test_dask.py runs a cluster of worker processes)."""

import inspect
import warnings

import numpy as np
import pytest

import skmultimetrics as smm

da = pytest.importorskip("dask.array")

SET_FUNCTIONS = [
    smm.precision_score,
    smm.recall_score,
    smm.f1_score,
    smm.fbeta_score,
    smm.jaccard_score,
    smm.precision_recall_fscore_support,
]
AVERAGES = ("micro", "macro", "weighted", "samples", None)


def chunkings(array, rng):
    """``array`` as Dask arrays: one chunk, random row chunks (some of one row),
    and random row and column chunks."""
    n = array.shape[0]
    cuts = sorted(rng.choice(np.arange(1, n), min(n - 1, 5), replace=False))
    rows = tuple(np.diff([0, *cuts, n]))
    yield da.from_array(array, chunks=-1)
    yield da.from_array(array, chunks=(rows, *array.shape[1:]))
    if array.ndim == 2:
        yield da.from_array(array, chunks=(rows, max(1, array.shape[1] // 3)))


def weights(n, rng):
    """Pairs of NumPy and Dask-side weights: none, NumPy, Dask."""
    w = rng.random(n) * 2
    w[rng.random(n) < 0.1] = 0.0  # some zero weights
    return [(None, None), (w, w), (w, da.from_array(w, chunks=max(1, n // 3)))]


def set_kw(func, rng, **kw):
    """Random ``zero_division`` (and ``beta``) for a set function."""
    options = ("warn", 0.0, 1.0) + ((np.nan,) if func is not smm.jaccard_score else ())
    kw["zero_division"] = options[rng.integers(len(options))]
    if "beta" in inspect.signature(func).parameters:
        kw["beta"] = float(rng.choice([0.5, 1.0, 2.0, 3.0]))
    return kw


def multilabel(seed):
    rng = np.random.default_rng(seed)
    n, n_labels = int(rng.integers(8, 60)), int(rng.integers(2, 7))
    y = rng.random((n, n_labels)) < rng.uniform(0.05, 0.6)
    y[:, 0] = False  # a label without positives
    y[0] = False  # a sample without labels
    s = np.round(rng.random((n, n_labels)), 1)  # ties
    return rng, y, s


def assert_same(got, want):
    if isinstance(want, tuple):
        assert len(got) == len(want)
        for g, w in zip(got, want):
            assert (g is None) == (w is None)
            if w is not None:
                np.testing.assert_allclose(g, w, rtol=1e-12, atol=1e-15)
    else:
        np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-15)


def both(func, y, s, dy, ds, w, dw, **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert_same(
            func(dy, ds, sample_weight=dw, **kw), func(y, s, sample_weight=w, **kw)
        )


@pytest.mark.parametrize("seed", range(4))
def test_set_metrics_every_average(seed):
    (
        rng,
        y,
        s,
    ) = multilabel(seed)
    thr = 0.5 if seed % 2 else rng.uniform(0.2, 0.8, y.shape[1])
    for w, dw in weights(y.shape[0], rng):
        for dy, ds in zip(chunkings(y, rng), chunkings(s, rng)):
            for func in SET_FUNCTIONS:
                for average in AVERAGES:
                    kw = set_kw(func, rng, average=average, threshold=thr)
                    both(func, y, s, dy, ds, w, dw, **kw)
            # 0/1 predictions instead of scores
            pred = s >= 0.5
            for func in (smm.f1_score, smm.jaccard_score):
                both(
                    func,
                    y,
                    pred,
                    dy,
                    da.from_array(pred, chunks=5),
                    w,
                    dw,
                    average="macro",
                )


@pytest.mark.parametrize("beta", [0.5, 2, 3.0])
def test_fbeta_samples_on_dask_equals_numpy(beta):
    # was refused on Dask, with a message about a default beta
    rng, y, s = multilabel(10)
    dy, ds = da.from_array(y, chunks=9), da.from_array(s, chunks=9)
    for w in (None, rng.random(y.shape[0])):
        for zd in ("warn", 0.0, 1.0, np.nan):
            kw = dict(beta=beta, average="samples", threshold=0.4, zero_division=zd)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                got = smm.fbeta_score(dy, ds, sample_weight=w, **kw)
                want = smm.fbeta_score(y, s, sample_weight=w, **kw)
                assert got == pytest.approx(want, rel=1e-12)
                got = smm.precision_recall_fscore_support(dy, ds, sample_weight=w, **kw)
                want = smm.precision_recall_fscore_support(y, s, sample_weight=w, **kw)
                assert_same(got, want)
    # beta changes the value, so the Dask value is not F1's
    f1 = smm.f1_score(dy, ds, average="samples", threshold=0.4, zero_division=0.0)
    got = smm.fbeta_score(
        dy, ds, beta=beta, average="samples", threshold=0.4, zero_division=0.0
    )
    assert got != pytest.approx(f1)


@pytest.mark.parametrize("seed", range(3))
def test_one_dimensional_targets(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(10, 80))
    yb, sb = (rng.random(n) < 0.4).astype(int), rng.random(n)
    yc, sc = rng.integers(0, 4, n), rng.random((n, 4))
    pc = rng.integers(0, 5, n)  # class 4 only predicted
    for w, dw in weights(n, rng):
        for dy, ds in zip(chunkings(yb, rng), chunkings(sb, rng)):
            for func in SET_FUNCTIONS:
                kw = set_kw(func, rng, average="binary", threshold=0.3)
                both(func, yb, sb, dy, ds, w, dw, **kw)
        for dy, dp in zip(chunkings(yc, rng), chunkings(pc, rng)):
            for func in SET_FUNCTIONS:
                for average in ("micro", "macro", "weighted", None):
                    kw = set_kw(func, rng, average=average)
                    both(func, yc, pc, dy, dp, w, dw, **kw)
            for func in (smm.subset_accuracy_score, smm.hamming_accuracy_score):
                both(func, yc, pc, dy, dp, w, dw)
        for dy, ds in zip(chunkings(yc, rng), chunkings(sc, rng)):
            for k in (1, 2, 3):
                both(smm.top_k_accuracy_score, yc, sc, dy, ds, w, dw, k=k)
            kw = dict(threshold="argmax")
            both(smm.subset_accuracy_score, yc, sc, dy, ds, w, dw, **kw)


@pytest.mark.parametrize("seed", range(3))
def test_counted_ranking_and_accuracies(seed):
    rng, y, s = multilabel(20 + seed)
    n, n_labels = y.shape
    for w, dw in weights(n, rng):
        for dy, ds in zip(chunkings(y, rng), chunkings(s, rng)):
            for func in (smm.subset_accuracy_score, smm.hamming_accuracy_score):
                both(func, y, s, dy, ds, w, dw, threshold=0.5)
            both(smm.subset_accuracy_score, y, s, dy, ds, w, dw, threshold=0.5,
                 normalize=False)  # fmt: skip
            for k in range(1, n_labels + 1):
                both(smm.top_k_accuracy_score, y, s, dy, ds, w, dw, k=k)
                both(smm.precision_at_k_score, y, s, dy, ds, w, dw, k=k)
                for func in (smm.recall_at_k_score, smm.ndcg_at_k_score):
                    for zd in ("warn", 0.0, 1.0, np.nan):
                        both(func, y, s, dy, ds, w, dw, k=k, zero_division=zd)
                both(smm.propensity_scored_precision_at_k_score, y, s, dy, ds, w, dw,
                     k=k)  # fmt: skip


@pytest.mark.parametrize("seed", range(2))
def test_sorting_metrics_every_average(seed):
    rng, y, s = multilabel(30 + seed)
    n = y.shape[0]
    for w in (None, rng.random(n) + 0.1):
        for dy, ds in zip(chunkings(y, rng), chunkings(s, rng)):
            for func in (smm.roc_auc_score, smm.average_precision_score):
                for average in ("macro", "weighted", "samples", None):
                    both(func, y, s, dy, ds, w, w, average=average)
            kw = dict(min_precision=0.3)
            for average in ("macro", "weighted", None):
                both(smm.recall_at_precision_score, y, s, dy, ds, w, w,
                     average=average, **kw)  # fmt: skip
                both(smm.specificity_at_sensitivity_score, y, s, dy, ds, w, w,
                     average=average, min_sensitivity=0.6)  # fmt: skip


def test_door_keeps_the_signature_and_numpy_path():
    for func in (*SET_FUNCTIONS, smm.roc_auc_score, smm.top_k_accuracy_score):
        assert "sample_weight" in inspect.signature(func).parameters
        assert func.__doc__ and func.__name__ in repr(func)
    # bad parameters are refused on Dask as on NumPy, naming the argument
    y = da.from_array(np.eye(3, dtype=int))
    for bad in (dict(zero_division="x"), dict(average="mean"), dict(beta=-1)):
        with pytest.raises(ValueError, match=next(iter(bad))):
            smm.fbeta_score(y, y, **{"beta": 1.0, "average": "macro", **bad})
