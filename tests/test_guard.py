"""MetricAccumulator shared by threads, copied, pickled and merged: the one-shot
functions' values on the concatenated batches, whatever the interleaving."""

import copy
import pickle
import sys
import threading

import numpy as np
import pytest

import skmultimetrics as smm
from skmultimetrics import MetricAccumulator

NAMES = ["f1_macro", "f1_micro", "f1_samples", "subset_accuracy", "precision_at_2"]
N_THREADS = 8


def batches(seed, n_batches=48, n_labels=20):
    """Batches of different sizes, with weights."""
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(n_batches):
        n = int(rng.integers(200, 600))
        y = rng.random((n, n_labels)) < 0.3
        s = np.clip(y * 0.2 + rng.random((n, n_labels)) * 0.8, 0, 1)
        out.append((y, s, rng.random(n) * 2))
    return out


def expected(parts):
    """The one-shot functions on the concatenated batches."""
    y, s, w = (np.concatenate(column) for column in zip(*parts))
    values = {
        f"f1_{average}": smm.f1_score(
            y, s, threshold=0.5, average=average, sample_weight=w
        )
        for average in ("macro", "micro", "samples")
    }
    values["subset_accuracy"] = smm.subset_accuracy_score(
        y, s, threshold=0.5, sample_weight=w
    )
    values["precision_at_2"] = smm.precision_at_k_score(y, s, k=2, sample_weight=w)
    return values, y.shape[0]


def in_threads(work, parts):
    """``work(share)`` in N_THREADS threads at once, each on every N-th batch."""
    start = threading.Barrier(N_THREADS)
    errors = []

    def run(share):
        start.wait()
        try:
            work(share)
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [
        threading.Thread(target=run, args=(parts[k::N_THREADS],))
        for k in range(N_THREADS)
    ]
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads often: races show
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    assert not errors


def assert_equals_one_shot(acc, parts):
    values, n_samples = expected(parts)
    assert acc.n_samples_ == n_samples
    result = acc.result()
    for name in NAMES:
        assert result[name] == pytest.approx(values[name], rel=1e-12, abs=1e-15), name


@pytest.mark.parametrize("seed", range(4))
def test_one_accumulator_updated_from_threads(seed):
    parts = batches(seed)
    acc = MetricAccumulator(NAMES)

    def work(share):
        for y, s, w in share:
            acc.update(y, s, sample_weight=w)

    in_threads(work, parts)
    assert_equals_one_shot(acc, parts)


@pytest.mark.parametrize("seed", range(3))
def test_threads_merge_into_one_accumulator(seed):
    parts = batches(seed)
    total = MetricAccumulator(NAMES)

    def work(share):
        for y, s, w in share:  # one per worker, then merge (a batch at a time)
            total.merge(MetricAccumulator(NAMES).update(y, s, sample_weight=w))

    in_threads(work, parts)
    assert_equals_one_shot(total, parts)


def test_updates_and_merges_and_readouts_at_once():
    parts = batches(7)
    acc = MetricAccumulator(NAMES)
    half = len(parts) // 2

    def work(share):
        for i, (y, s, w) in enumerate(share):
            if i % 2:
                acc.merge(MetricAccumulator(NAMES).update(y, s, sample_weight=w))
            else:
                acc.update(y, s, sample_weight=w)
            acc.result()  # reading meanwhile sees one consistent state

    in_threads(work, parts[:half])
    copied = copy.deepcopy(acc)
    assert_equals_one_shot(copied, parts[:half])
    # the copy and the unpickled accumulator have locks of their own, and work
    # from threads again
    unpickled = pickle.loads(pickle.dumps(acc))
    for filled in (copied, unpickled):

        def work(share, filled=filled):
            for y, s, w in share:
                filled.update(y, s, sample_weight=w)

        in_threads(work, parts[half:])
        assert_equals_one_shot(filled, parts)
    assert_equals_one_shot(acc, parts[:half])  # the original was left alone


def test_merge_refuses_itself_and_leaves_other_unchanged():
    (y, s, w), (y2, s2, w2) = batches(3, n_batches=2)
    acc = MetricAccumulator(NAMES, bins=10).update(y, s, sample_weight=w)
    before = pickle.dumps(acc)
    with pytest.raises(ValueError, match=r"MetricAccumulator\.merge.*itself"):
        acc.merge(acc)
    assert pickle.dumps(acc) == before
    # merging a copy counts the batches twice, as asked
    doubled = MetricAccumulator(NAMES, bins=10).update(y, s, sample_weight=2 * w)
    twice = acc.merge(copy.deepcopy(acc))
    assert twice.n_samples_ == 2 * y.shape[0]
    for name, value in doubled.result().items():
        assert twice.result()[name] == pytest.approx(value, rel=1e-12)

    other = MetricAccumulator(NAMES, bins=10).update(y2, s2, sample_weight=w2)
    other_before = pickle.dumps(other)
    into = MetricAccumulator(NAMES, bins=10)
    into.merge(other)  # into an empty accumulator: nothing shared with other
    into.update(y, s, sample_weight=w)
    acc.merge(other)
    acc.update(y2, s2, sample_weight=w2)
    assert pickle.dumps(other) == other_before
