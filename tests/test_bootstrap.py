"""MetricAccumulator(bootstrap=B): resampled sums of a stream, merged, and their
percentile intervals against confidence_interval on the concatenated data."""

import copy
import itertools
import pickle
import threading

import numpy as np
import pytest
from scipy.special import ndtri

from skmultimetrics import MetricAccumulator, MetricInterval, confidence_interval

pytestmark = pytest.mark.filterwarnings(
    "ignore::sklearn.exceptions.UndefinedMetricWarning"
)
B = 2000
SET_NAMES = [
    "f1_macro",
    "f1_micro",
    "precision_weighted",
    "recall_macro",
    "jaccard_macro",
    "jaccard_samples",
    "f1_samples",
    "subset_accuracy",
    "hamming_accuracy",
    "neg_hamming_loss",
]
RANK_NAMES = ["precision_at_2", "recall_at_2", "ndcg_at_3", "top2_accuracy"]


def correlated_labels(rng, n, n_labels=5, strength=1.2, rate=0.35):
    latent = rng.normal(size=(n, 1))
    own = rng.normal(size=(n, n_labels))
    truth = (strength * latent + own) / np.sqrt(1 + strength**2) > ndtri(1 - rate)
    scores = 1 / (1 + np.exp(-(1.6 * truth - 0.8 + rng.normal(size=truth.shape))))
    return truth, scores


def assert_close(stream, one_shot):
    """Equal estimates; end points and standard errors within Monte-Carlo error
    (a percentile end point of B resamples varies by about 2.7 se / sqrt(B);
    the two intervals are independent: tolerance about 5 of those)."""
    assert stream.method == "percentile" and stream.n_resamples == B
    assert stream.estimate == pytest.approx(one_shot.estimate, abs=1e-12)
    se = one_shot.standard_error
    assert se > 0
    tol = 5 * 2.7 * se / np.sqrt(B) * np.sqrt(2)
    assert abs(stream.low - one_shot.low) < tol
    assert abs(stream.high - one_shot.high) < tol
    assert stream.standard_error == pytest.approx(se, rel=0.12)


def fill(names, y, s, splits, seeds, weight=None, **params):
    """Accumulators (one per seed) over consecutive batches, merged."""
    accs = [
        MetricAccumulator(names, bootstrap=B, random_state=seed, **params)
        for seed in seeds
    ]
    for i, (start, stop) in enumerate(itertools.pairwise(splits)):
        w = None if weight is None else weight[start:stop]
        accs[i % len(accs)].update(y[start:stop], s[start:stop], sample_weight=w)
    first = accs[0]
    for other in accs[1:]:
        first.merge(other)
    return first


def test_merged_stream_equals_one_shot_percentile_multilabel():
    rng = np.random.default_rng(0)
    y, s = correlated_labels(rng, 2400)
    y_copy, s_copy = y.copy(), s.copy()
    seeds = np.random.SeedSequence(7).spawn(3)
    acc = fill(SET_NAMES + RANK_NAMES[:3], y, s, [0, 300, 1000, 1700, 2400], seeds)
    got = acc.confidence_intervals()
    assert list(got) == SET_NAMES + RANK_NAMES[:3]
    assert all(isinstance(v, MetricInterval) for v in got.values())
    result = acc.result()
    one = confidence_interval(
        y,
        s >= 0.5,
        metric=SET_NAMES,
        method="percentile",
        n_resamples=B,
        random_state=1,
    )
    one.update(
        confidence_interval(
            y,
            s,
            metric=RANK_NAMES[:3],
            method="percentile",
            n_resamples=B,
            random_state=2,
        )
    )
    for name in got:
        assert got[name].estimate == result[name]
        assert_close(got[name], one[name])
    np.testing.assert_array_equal(y, y_copy)
    np.testing.assert_array_equal(s, s_copy)


def test_weighted_stream_equals_one_shot():
    rng = np.random.default_rng(1)
    y, s = correlated_labels(rng, 2000)
    w = rng.uniform(0.2, 3.0, size=2000)
    names = ["f1_macro", "f1_weighted", "hamming_accuracy", "precision_at_2"]
    acc = fill(names, y, s, [0, 900, 2000], [3, 4], weight=w)
    got = acc.confidence_intervals(confidence_level=0.9)
    one = confidence_interval(
        y,
        s >= 0.5,
        metric=names[:3],
        method="percentile",
        n_resamples=B,
        sample_weight=w,
        confidence_level=0.9,
        random_state=0,
    )
    one["precision_at_2"] = confidence_interval(
        y,
        s,
        metric="precision_at_2",
        method="percentile",
        n_resamples=B,
        sample_weight=w,
        confidence_level=0.9,
        random_state=0,
    )
    for name in names:
        assert got[name].confidence_level == 0.9
        assert_close(got[name], one[name])


def test_multiclass_stream_averages_over_the_classes_present():
    rng = np.random.default_rng(2)
    n, c = 2400, 5
    y = rng.integers(0, 4, size=n)  # class 4 never true ...
    s = rng.random((n, c)) * np.array([1, 1, 1, 1, 0.1])  # ... nor predicted
    s[np.arange(n), y] += 0.6
    names = ["f1_macro", "precision_weighted", "accuracy", "top2_accuracy"]
    acc = fill(names, y, s, [0, 1200, 2400], [5, 6])
    got = acc.confidence_intervals()
    pred = s.argmax(axis=1)
    one = confidence_interval(
        y,
        pred,
        metric=names[:3],
        method="percentile",
        n_resamples=B,
        random_state=0,
    )
    one["top2_accuracy"] = confidence_interval(
        y,
        s,
        metric="top2_accuracy",
        method="percentile",
        n_resamples=B,
        random_state=0,
    )
    for name in names:
        assert_close(got[name], one[name])


def test_binary_stream_equals_one_shot():
    rng = np.random.default_rng(3)
    y = rng.integers(0, 2, size=2000)
    s = np.clip(0.35 * y + rng.random(2000) * 0.65, 0, 1)
    names = ["f1", "precision", "f1_macro", "accuracy"]
    acc = fill(names, y, s, [0, 700, 2000], [8, 9])
    got = acc.confidence_intervals()
    one = confidence_interval(
        y,
        (s >= 0.5).astype(int),
        metric=names,
        method="percentile",
        n_resamples=B,
        random_state=0,
    )
    for name in names:
        assert_close(got[name], one[name])


def test_independent_seeds_draw_independent_weights():
    rng = np.random.default_rng(4)
    y, s = correlated_labels(rng, 800)
    one, two = np.random.SeedSequence(11).spawn(2)
    a = MetricAccumulator("hamming_accuracy", bootstrap=500, random_state=one)
    b = MetricAccumulator("hamming_accuracy", bootstrap=500, random_state=two)
    a.update(y, s)
    b.update(y, s)
    # the same data: only the weights differ; independent weights give
    # uncorrelated resampled sample counts
    count_a, count_b = (
        a._boot["hamming_accuracy"][:, 1],
        b._boot["hamming_accuracy"][:, 1],
    )
    assert not np.array_equal(count_a, count_b)
    assert abs(np.corrcoef(count_a, count_b)[0, 1]) < 0.15
    # and the same seed gives the same weights, which merge refuses
    c = MetricAccumulator("hamming_accuracy", bootstrap=500, random_state=one)
    c.update(y, s)
    np.testing.assert_array_equal(
        c._boot["hamming_accuracy"], a._boot["hamming_accuracy"]
    )
    with pytest.raises(ValueError, match=r"'other'.*same random_state.*spawn"):
        a.merge(c)
    with pytest.raises(ValueError, match="same random_state"):
        a.merge(copy.deepcopy(a))
    # None: fresh entropy per accumulator
    d = MetricAccumulator("hamming_accuracy", bootstrap=500).update(y, s)
    e = MetricAccumulator("hamming_accuracy", bootstrap=500).update(y, s)
    d.merge(e)
    assert d.n_samples_ == 1600


def test_memory_does_not_grow_with_samples():
    rng = np.random.default_rng(5)
    y, s = correlated_labels(rng, 3000)
    acc = MetricAccumulator(
        ["f1_macro", "subset_accuracy"], bootstrap=50, random_state=0
    )
    acc.update(y[:100], s[:100])
    sizes = {k: np.shape(v) for k, v in acc._boot.items()}
    for start in range(100, 3000, 100):
        acc.update(y[start : start + 100], s[start : start + 100])
    assert {k: np.shape(v) for k, v in acc._boot.items()} == sizes
    assert sizes["tp"] == (50, 5) and sizes["subset_accuracy"] == (50, 2)


def test_pickle_copy_and_threads():
    rng = np.random.default_rng(6)
    y, s = correlated_labels(rng, 2000)
    acc = MetricAccumulator(["f1_macro"], bootstrap=B, random_state=3)
    acc.update(y[:500], s[:500])
    clone = pickle.loads(pickle.dumps(acc))
    copied = copy.deepcopy(acc)
    for other in (clone, copied, acc):
        other.update(y[500:], s[500:])
    assert clone.confidence_intervals() == acc.confidence_intervals()
    assert copied.confidence_intervals() == acc.confidence_intervals()
    threaded = MetricAccumulator(["f1_macro"], bootstrap=B, random_state=4)
    threads = [
        threading.Thread(
            target=lambda i=i: [
                threaded.update(y[j : j + 50], s[j : j + 50])
                for j in range(i * 500, i * 500 + 500, 50)
            ]
        )
        for i in range(4)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert threaded.n_samples_ == 2000
    # every batch's resampled sample count was added: mean over resamples ~ n
    one = confidence_interval(
        y,
        s >= 0.5,
        metric="f1_macro",
        method="percentile",
        n_resamples=B,
        random_state=0,
    )
    assert_close(threaded.confidence_intervals()["f1_macro"], one)


def test_dask_row_chunks_give_the_numpy_intervals():
    da = pytest.importorskip("dask.array")
    rng = np.random.default_rng(7)
    y, s = correlated_labels(rng, 900)
    names = ["f1_macro", "precision_at_2"]
    numpy_acc = MetricAccumulator(names, bootstrap=200, random_state=5)
    for start in range(0, 900, 300):
        numpy_acc.update(y[start : start + 300], s[start : start + 300])
    dask_acc = MetricAccumulator(names, bootstrap=200, random_state=5)
    dask_acc.update(
        da.from_array(y, chunks=(300, 5)), da.from_array(s, chunks=(300, 5))
    )
    assert dask_acc.confidence_intervals() == numpy_acc.confidence_intervals()


def test_bad_input_names_the_argument():
    rng = np.random.default_rng(8)
    y, s = correlated_labels(rng, 100)
    for bad in (0, -3, 2.5, True, "100"):
        with pytest.raises(ValueError, match="'bootstrap' parameter of MetricAcc"):
            MetricAccumulator("f1_macro", bootstrap=bad)
    for bad in (-1, "seed", 1.5):
        with pytest.raises(ValueError, match="'random_state' parameter of Metric"):
            MetricAccumulator("f1_macro", bootstrap=10, random_state=bad)
    with pytest.raises(ValueError, match=r"'psp_at_2'.*no bootstrap interval"):
        MetricAccumulator("psp_at_2", bootstrap=10, propensities=np.full(5, 0.5))
    acc = MetricAccumulator("f1_macro", bootstrap=10, random_state=0)
    with pytest.raises(ValueError, match="has no data"):
        acc.confidence_intervals()
    acc.update(y, s)
    for method in ("bca", "delta", "auto"):
        with pytest.raises(
            ValueError, match=rf"'method'.*'percentile'; got '{method}'.*jackknife"
        ):
            acc.confidence_intervals(method=method)
    for level in (0, 1, 1.5, "0.9"):
        with pytest.raises(ValueError, match="'confidence_level' parameter of Metric"):
            acc.confidence_intervals(confidence_level=level)
    plain = MetricAccumulator("f1_macro").update(y, s)
    with pytest.raises(ValueError, match=r"confidence_intervals needs.*bootstrap="):
        plain.confidence_intervals()
    with pytest.raises(ValueError, match="other settings"):
        acc.merge(MetricAccumulator("f1_macro", bootstrap=20).update(y, s))


def test_reset_forgets_the_resamples():
    rng = np.random.default_rng(9)
    y, s = correlated_labels(rng, 400)
    acc = MetricAccumulator("f1_micro", bootstrap=20, random_state=0).update(y, s)
    acc.reset()
    assert acc._boot is None
    acc.update(y[:200], s[:200])
    assert acc._boot["tp"].sum(axis=1).mean() < y[:200].sum() * 1.5


def test_reset_forgets_the_merged_seeds():
    rng = np.random.default_rng(10)
    y, s = correlated_labels(rng, 300)
    one, two = np.random.SeedSequence(2).spawn(2)
    a = MetricAccumulator("f1_micro", bootstrap=20, random_state=one).update(y, s)
    b = MetricAccumulator("f1_micro", bootstrap=20, random_state=two).update(y, s)
    a.merge(b)
    with pytest.raises(ValueError, match="same random_state"):
        a.merge(b)  # b's weights are in a already
    a.reset().update(y, s)
    a.merge(b)
    assert a.n_samples_ == 600


def test_empty_resamples_are_left_out_of_a_stream():
    y = np.array([[1, 0], [0, 1], [1, 1]])
    acc = MetricAccumulator(
        ["f1_micro", "jaccard_samples"], bootstrap=1000, random_state=0
    )
    acc.update(y[:2], y[:2] * 0.9).update(y[2:], y[2:] * 0.9)
    with pytest.warns(UserWarning, match="drew no sample"):
        result = acc.confidence_intervals()
    for ci in result.values():
        assert (ci.low, ci.high) == (1.0, 1.0)
