"""skmultimetrics.torch.sync: on 2 gloo processes it equals the one-shot
functions on the concatenated shards. ``test_torch_trainer.py`` tests
``compute_metrics`` and runs a real ``transformers.Trainer`` and Lightning.

CI sets ``SKMM_REQUIRE_TORCH=1`` (``.ci/run``) so that a missing torch,
transformers or lightning fails instead of skipping.
"""

import copy
import datetime
import importlib
import os
import tempfile
import warnings

import numpy as np
import pytest
from sklearn.exceptions import UndefinedMetricWarning

import skmultimetrics as smm
from skmultimetrics._metrics._registry import parse_name
from skmultimetrics._metrics._scorers import metric_function


def require(module):
    if os.environ.get("SKMM_REQUIRE_TORCH"):
        return importlib.import_module(module)
    return pytest.importorskip(module)


torch = require("torch")
skt = require("skmultimetrics.torch")
dist = torch.distributed

SET = [f"{m}_{a}" for m in ("precision", "recall", "f1", "jaccard")
       for a in ("micro", "macro", "samples", "weighted")]  # fmt: skip
MULTILABEL = [*SET, "subset_accuracy", "hamming_accuracy", "neg_hamming_loss",
              "precision_at_2", "ndcg_at_3", "recall_at_2"]  # fmt: skip
MULTICLASS = ["accuracy", "f1_macro", "precision_weighted", "recall_micro",
              "top2_accuracy", "jaccard_macro"]  # fmt: skip
N, L, C = 157, 5, 4
SHARDS = (0, 41, N)  # uneven: rank 0 has 41 rows, rank 1 has 116


def one_shot(name, y_true, y_score, threshold=0.5, sample_weight=None):
    """The public metric function of ``name`` on whole arrays."""
    spec = parse_name(name, consumer="scorer", func="test")
    func, sign = metric_function(spec)
    kwargs = {"sample_weight": sample_weight}
    if spec.family in ("set", "accuracy"):
        if y_true.ndim == 1:
            y_score = y_score.argmax(1)
        else:
            y_score = y_score >= threshold
    if spec.family == "set":
        kwargs["zero_division"] = 0.0
    return sign * func(y_true, y_score, **kwargs)


def multilabel_data(seed=0):
    rng = np.random.default_rng(seed)
    Y = rng.random((N, L)) < 0.3
    Y[:, -1] = False  # a label without positives
    scores = np.clip(Y * 0.3 + rng.random((N, L)) * 0.7, 0, 1)
    return Y, scores


def multiclass_data(seed=1):
    rng = np.random.default_rng(seed)
    y = rng.integers(0, C, N)
    y[rng.random(N) < 0.2] = -100
    scores = rng.random((N, C)) + np.eye(C)[np.where(y < 0, 0, y)] * 0.3
    return y, scores, rng.integers(1, 4, N).astype(float)


def shard_accumulator(rank, data, batch=13, **params):
    """The accumulator of rank ``rank`` (``None``: every row), fed in batches."""
    y, scores, *weight = data
    start, stop = (0, N) if rank is None else SHARDS[rank : rank + 2]
    acc = smm.MetricAccumulator(**params)
    for at in range(start, stop, batch):
        rows = slice(at, min(at + batch, stop))
        w = weight[0][rows] if weight else None
        acc.update(y[rows], scores[rows], sample_weight=w)
    return acc


def merged(data, **params):
    """Both ranks' accumulators, merged in one process."""
    first = shard_accumulator(0, data, **params)
    return first.merge(shard_accumulator(1, data, **params))


def synced_equals_merged(rank, data, **params):
    acc = shard_accumulator(rank, data, **params)
    before = (acc.result(), acc.n_samples_, copy.deepcopy(acc._sums))
    synced = skt.sync(acc)
    # the input is unchanged
    assert synced is not acc
    assert (acc.result(), acc.n_samples_) == before[:2]
    assert acc._sums.keys() == before[2].keys()
    reference = merged(data, **params)
    assert synced.n_samples_ == reference.n_samples_
    assert synced.result() == reference.result()
    return synced


def check_sync(rank):
    Y, scores = multilabel_data()
    params = dict(metrics=MULTILABEL, zero_division=0.0, bins=10, report=True)
    synced = synced_equals_merged(rank, (Y, scores), **params)
    for name, value in synced.result().items():  # exactly the one-shot numbers
        expected = one_shot(name, Y, scores)
        assert value == pytest.approx(expected, rel=1e-12, abs=0), name
        if "samples" not in name and "_at_" not in name:  # counts: exact
            assert value == expected, name
    # the histograms of bins= too: the sweep on every rank is the whole set's
    reference = merged((Y, scores), **params)
    for got, expected in zip(synced.sweep().scores, reference.sweep().scores):
        np.testing.assert_array_equal(got, expected)
    assert synced.report() == reference.report()

    # class indices, weights, ignore_index; the synced result on the filtered set
    y, y_score, weight = multiclass_data()
    params = dict(metrics=MULTICLASS, zero_division=0.0, ignore_index=-100)
    synced = synced_equals_merged(rank, (y, y_score, weight), **params)
    keep = y != -100
    for name, value in synced.result().items():
        expected = one_shot(name, y[keep], y_score[keep], sample_weight=weight[keep])
        assert value == pytest.approx(expected, rel=1e-12), name

    # weights on one rank only: its counts are floats, the other's ints
    params = dict(metrics=MULTICLASS, zero_division=0.0)
    data = (y, y_score, weight) if rank == 0 else (y, y_score)
    acc = shard_accumulator(rank, data, ignore_index=-100, **params)
    first = shard_accumulator(0, (y, y_score, weight), ignore_index=-100, **params)
    second = shard_accumulator(1, (y, y_score), ignore_index=-100, **params)
    assert skt.sync(acc).result() == first.merge(second).result()

    # a rank without batches adds nothing; so does a group of the two ranks
    acc = smm.MetricAccumulator(MULTILABEL, zero_division=0.0)
    if rank == 1:
        acc.update(Y, scores)
    group = dist.new_group([0, 1])
    synced = skt.sync(acc, group=group)
    whole = smm.MetricAccumulator(MULTILABEL, zero_division=0.0).update(Y, scores)
    assert synced.result() == whole.result()
    empty = skt.sync(smm.MetricAccumulator(MULTILABEL))
    assert empty.n_samples_ == 0 and empty.kind_ is None

    # bootstrap=B: each rank's own seed; the resamples add up
    seeds = np.random.SeedSequence(7).spawn(2)
    params = dict(metrics=["f1_macro", "subset_accuracy"], bootstrap=30)
    acc = shard_accumulator(rank, (Y, scores), random_state=seeds[rank], **params)
    first = shard_accumulator(0, (Y, scores), random_state=seeds[0], **params)
    second = shard_accumulator(1, (Y, scores), random_state=seeds[1], **params)
    expected = first.merge(second).confidence_intervals()
    assert skt.sync(acc).confidence_intervals() == expected
    # one seed on both ranks: the resamples would repeat; refused on both ranks
    acc = shard_accumulator(rank, (Y, scores), random_state=3, **params)
    with pytest.raises(ValueError, match="same random_state"):
        skt.sync(acc)
    if rank == 0:  # ... unless a rank has no batches, whose seed drew nothing
        acc = smm.MetricAccumulator(random_state=3, **params)
    assert skt.sync(acc).n_samples_ == N - SHARDS[1]

    # mismatched settings or shapes: the same ValueError on every rank, no hang
    acc = smm.MetricAccumulator("f1_macro" if rank == 0 else "f1_micro")
    with pytest.raises(ValueError, match=r"other settings on rank 1.*f1_micro"):
        skt.sync(acc.update(Y, scores))
    acc = smm.MetricAccumulator("f1_macro", threshold=0.5 if rank else 0.4)
    with pytest.raises(ValueError, match="other settings on rank 1"):
        skt.sync(acc)
    acc = smm.MetricAccumulator("f1_macro").update(
        Y[:, : L - rank], scores[:, : L - rank]
    )
    with pytest.raises(ValueError, match=r"another shape on rank 1 \(multilabel, 4"):
        skt.sync(acc)
    dist.barrier()  # every rank is still in step


def _sync_worker(rank, world, init, check):
    warnings.simplefilter("ignore", UndefinedMetricWarning)  # of the references
    dist.init_process_group(
        "gloo",
        init_method=init,
        rank=rank,
        world_size=world,
        timeout=datetime.timedelta(seconds=60),
    )
    try:
        check(rank)
    finally:
        dist.destroy_process_group()


def spawn(check, world=2):
    """Run ``check(rank)`` on ``world`` gloo processes; a failure on any fails."""
    with tempfile.TemporaryDirectory() as tmp:
        init = f"file://{tmp}/init"
        torch.multiprocessing.spawn(
            _sync_worker, args=(world, init, check), nprocs=world, join=True
        )


def test_sync_on_two_gloo_processes_equals_the_whole_set():
    spawn(check_sync)


def test_sync_in_one_process_and_bad_arguments():
    Y, scores = multilabel_data()
    acc = shard_accumulator(None, (Y, scores), metrics=MULTILABEL, zero_division=0.0)
    synced = skt.sync(acc)  # torch.distributed not initialized: a copy
    assert synced is not acc and synced.result() == acc.result()
    with pytest.raises(TypeError, match=r"'accumulator' parameter of .*sync"):
        skt.sync({"f1_macro": 0.5})
    with pytest.raises(
        TypeError, match=r"'group' parameter of .*ProcessGroup; got str"
    ):
        skt.sync(acc, group="gloo")


# --- compute_metrics ------------------------------------------------------------


def check_sync_curves(rank):
    # curve names: per-label histograms whose bin ranges differ between ranks
    # (each rank's scores reach other bins); the sync adds them exactly
    Y, scores = multilabel_data(3)
    scores = scores.astype(np.float16)
    scores[: SHARDS[1]] *= np.float16(0.5)  # rank 0's scores are lower
    names = ["roc_auc_macro", "average_precision_micro", "recall_at_precision_80",
             "f1_macro"]  # fmt: skip
    Y[:, -1] = np.arange(N) % 3 == 0  # every label has positives
    synced = synced_equals_merged(rank, (Y, scores), metrics=names)
    for name in ("roc_auc_macro", "average_precision_micro"):
        expected = one_shot(name, Y, scores.astype(np.float64))
        assert synced.result()[name] == pytest.approx(expected, abs=1e-12), name
    # float32 scores: inexact histograms, bounds that hold the exact value
    scores32 = multilabel_data(4)[1].astype(np.float32)
    synced = synced_equals_merged(rank, (Y, scores32), metrics=names)
    low, high = synced.bounds()["roc_auc_macro"]
    assert low <= one_shot("roc_auc_macro", Y, scores32) <= high


def test_sync_of_curve_histograms_on_two_gloo_processes():
    spawn(check_sync_curves)


def check_ignore_index_mismatch(rank):
    y, scores, _ = multiclass_data()
    params = dict(metrics=["accuracy", "f1_macro"], zero_division=0.0)
    # rank 1 leaves out the rows of class -100; rank 0 counts them (as class
    # 0): refused on both ranks, naming the setting
    if rank == 0:
        acc = shard_accumulator(rank, (np.maximum(y, 0), scores), **params)
    else:
        acc = shard_accumulator(rank, (y, scores), ignore_index=-100, **params)
    pattern = r"other settings on rank 1.*ignore_index=-100 against .*ignore_index=None"
    with pytest.raises(ValueError, match=pattern):
        skt.sync(acc)
    # the same on both ranks: the rows left out everywhere
    acc = shard_accumulator(rank, (y, scores), ignore_index=-100, **params)
    assert skt.sync(acc).n_samples_ == int(np.sum(y != -100))
    torch.distributed.barrier()  # every rank is still in step


def test_sync_refuses_ranks_with_other_ignore_index():
    spawn(check_ignore_index_mismatch)
