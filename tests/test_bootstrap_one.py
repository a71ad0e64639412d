"""One bootstrap: MetricAccumulator(bootstrap=B) on one batch draws the weights
of confidence_interval(method="percentile") from the same seed, so both give
the same resampled values and the same intervals, for every family."""

import warnings

import numpy as np
import pytest
from scipy.special import ndtri

from skmultimetrics import MetricAccumulator, confidence_interval

B = 300
SET_NAMES = [
    f"{metric}_{average}"
    for metric in ("f1", "f2", "precision", "recall", "jaccard")
    for average in ("macro", "micro", "weighted", "samples")
] + ["subset_accuracy", "hamming_accuracy", "neg_hamming_loss"]
RANK_NAMES = ["precision_at_2", "recall_at_2", "ndcg_at_3", "top2_accuracy"]


def labels(rng, n, n_labels):
    latent = rng.normal(size=(n, 1))
    truth = (latent + rng.normal(size=(n, n_labels))) / np.sqrt(2) > ndtri(0.65)
    scores = 1 / (1 + np.exp(-(1.6 * truth - 0.8 + rng.normal(size=truth.shape))))
    return truth, scores


def quiet(call):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return call()


def same(stream, one_shot, exact):
    assert stream.estimate == pytest.approx(one_shot.estimate, abs=1e-12)
    ends = (stream.low, stream.high, stream.standard_error)
    expected = (one_shot.low, one_shot.high, one_shot.standard_error)
    if exact:
        assert ends == expected
    else:
        np.testing.assert_allclose(ends, expected, rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("weighted", [False, True])
def test_one_batch_gives_the_one_shot_percentile_interval_of_the_same_draws(
    seed, weighted
):
    rng = np.random.default_rng(seed)
    n, k = int(rng.integers(70, 400)), int(rng.integers(3, 7))
    y, s = labels(rng, n, k)
    w = rng.uniform(0.2, 3.0, n) if weighted else None
    names = SET_NAMES + RANK_NAMES
    acc = MetricAccumulator(names, bootstrap=B, random_state=seed)
    got = quiet(lambda: acc.update(y, s, sample_weight=w).confidence_intervals())
    kw = dict(method="percentile", n_resamples=B, random_state=seed, sample_weight=w)
    one = quiet(lambda: confidence_interval(y, s >= 0.5, metric=SET_NAMES, **kw))
    one |= quiet(lambda: confidence_interval(y, s, metric=RANK_NAMES, **kw))
    for name in names:
        same(got[name], one[name], exact=not weighted)


@pytest.mark.parametrize("seed", range(4))
def test_one_batch_of_classes_gives_the_one_shot_interval(seed):
    rng = np.random.default_rng(seed)
    n, c = int(rng.integers(80, 300)), int(rng.integers(3, 6))
    y = rng.integers(0, c, size=n)
    s = rng.random((n, c))
    s[np.arange(n), y] += 0.4
    names = ["f1_macro", "precision_weighted", "accuracy", "recall_micro"]
    acc = MetricAccumulator([*names, "top2_accuracy"], bootstrap=B, random_state=seed)
    got = quiet(lambda: acc.update(y, s).confidence_intervals())
    kw = dict(method="percentile", n_resamples=B, random_state=seed)
    one = quiet(lambda: confidence_interval(y, s.argmax(axis=1), metric=names, **kw))
    one |= quiet(lambda: confidence_interval(y, s, metric=["top2_accuracy"], **kw))
    for name in [*names, "top2_accuracy"]:
        same(got[name], one[name], exact=True)


def test_random_state_is_read_once_and_bad_values_name_it():
    y = np.array([[1, 0], [0, 1], [1, 1]] * 30)
    for bad in (-1, True, "0", 2.5):
        with pytest.raises(ValueError, match="'random_state' parameter of conf"):
            confidence_interval(y, y, metric="f1_macro", random_state=bad)
        with pytest.raises(ValueError, match="'random_state' parameter of Metric"):
            MetricAccumulator("f1_macro", bootstrap=5, random_state=bad)
    # a RandomState seeds both the same way
    y, s = labels(np.random.default_rng(1), 90, 3)
    one = confidence_interval(
        y, s >= 0.5, metric="f1_micro", method="percentile", n_resamples=50,
        random_state=np.random.RandomState(3),
    )  # fmt: skip
    acc = MetricAccumulator(
        "f1_micro", bootstrap=50, random_state=np.random.RandomState(3)
    )
    assert acc.update(y, s).confidence_intervals()["f1_micro"] == one


@pytest.mark.parametrize("labels_", [(1, 2), (-1, 1), ("a", "b")])
def test_roc_auc_interval_of_binary_labels_other_than_0_1(labels_):
    # the greater class is positive, as roc_auc_score; not refused as multiclass
    rng = np.random.default_rng(0)
    y01 = rng.integers(0, 2, 120)
    y = np.where(y01 == 1, labels_[1], labels_[0])
    s = y01 * 0.3 + rng.random(120)
    for name in ("roc_auc", "roc_auc_macro"):
        got = confidence_interval(y, s, metric=name, random_state=0)
        ref = confidence_interval(y01, s, metric=name, method="bca", random_state=0)
        assert got.estimate == pytest.approx(ref.estimate, abs=1e-12)
        assert got.low < got.estimate < got.high


def test_merged_accumulators_share_no_state_that_changes():
    # merge shares the other's sums (never changed in place) and copies its
    # score histograms (counted in place): later batches of either stay theirs
    y, s = labels(np.random.default_rng(2), 400, 4)
    one, two = np.random.SeedSequence(5).spawn(2)
    settings = [
        dict(metrics=["f1_macro", "roc_auc_macro"], bins=20),
        dict(metrics=["f1_macro", "precision_at_2"], bootstrap=40),
    ]
    for kw in settings:
        seeds = (one, two) if "bootstrap" in kw else (None, None)
        b = MetricAccumulator(**kw, random_state=seeds[0]).update(y[:200], s[:200])
        a = MetricAccumulator(**kw, random_state=seeds[1]).merge(b)
        before = a.result()
        intervals = a.confidence_intervals() if "bootstrap" in kw else None
        b.update(y[200:], s[200:])
        assert a.result() == before
        if intervals is not None:
            assert a.confidence_intervals() == intervals
        after = b.result()
        a.update(y[200:300], s[200:300])
        assert b.result() == after
