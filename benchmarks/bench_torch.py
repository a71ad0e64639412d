"""Cost of ``skmultimetrics.torch.sync`` on 2 gloo processes (CPU), 1,000 labels.

Run: ``python benchmarks/bench_torch.py [--labels 1000] [--repeats 20]``

Each rank fills an accumulator with its shard of a multi-label set (set metrics
with every average, subset and hamming accuracy, precision@5; ``report=True``
for the per-sample sums), then, between barriers, times (best of
``--repeats``, on rank 0):

- ``sync``: the settings all-gathered and checked, then one all-reduce of the
  int64 counts and one of the float64 sums (goal: under 50 ms);
- the floor: the two all-reduces alone, on tensors of the same sizes;
- the route without ``sync``: ``all_gather_object`` of the pickled
  accumulators, then a ``deepcopy`` and ``merge`` of each.

First, in one process, what counting on an accelerator would save per
256 x 1000 batch (issue 30, item 4): the bytes that cross to the host today
(float32 scores and the targets as a loop holds them) against the sums that
would cross instead, and the CPU time of the host-side count (``update``).
"""

import argparse
import copy
import os
import sys
import tempfile

import numpy as np
import torch
import torch.distributed as dist
import torch.multiprocessing as mp

sys.path.insert(0, os.path.dirname(__file__))
from _harness import best_time, machine_line

from skmultimetrics import MetricAccumulator
from skmultimetrics.torch import sync
from skmultimetrics.torch._sync import _added, _layout, _vectors

METRICS = [f"{m}_{a}" for m in ("precision", "recall", "f1")
           for a in ("micro", "macro", "weighted", "samples")]  # fmt: skip
METRICS += ["subset_accuracy", "hamming_accuracy", "precision_at_5"]


def filled(rank, n_labels, n_rows=2000):
    rng = np.random.default_rng(rank)
    y = rng.random((n_rows, n_labels)) < 0.02
    scores = np.clip(y * 0.3 + rng.random((n_rows, n_labels)) * 0.7, 0, 1)
    acc = MetricAccumulator(METRICS, zero_division=0.0, report=True)
    for start in range(0, n_rows, 500):
        acc.update(y[start : start + 500], scores[start : start + 500])
    return acc


def device_side(repeats, n_rows=256, n_labels=1000):
    """Bytes moved and host CPU time per batch, for set metrics and curves."""
    rng = np.random.default_rng(0)
    y = rng.random((n_rows, n_labels)) < 0.3
    scores = (y * 0.3 + rng.random((n_rows, n_labels)) * 0.7).astype(np.float32)
    moved = {"float32 scores": scores.nbytes, "float32 targets": 4 * y.size,
             "bool targets": y.size}  # fmt: skip
    print(f"a {n_rows} x {n_labels} batch moved to the host today: "
          + ", ".join(f"{k} {v / 1e3:.0f} kB" for k, v in moved.items()))  # fmt: skip
    for names in (["f1_macro"], METRICS, ["roc_auc_macro"]):
        acc = MetricAccumulator(names, zero_division=0.0)
        acc.update(y, scores)  # the first batch sets up the state
        seconds = best_time(lambda acc=acc: acc.update(y, scores), repeats)
        tree = _added(MetricAccumulator(names).update(y, scores)._state())
        vectors = _vectors(tree, _layout(tree))
        sums = sum(v.numel() * v.element_size() for v in vectors.values())
        hist = tree["sums"].get("curves")
        sums += 0 if hist is None else hist.counts.nbytes
        label = names[0] if len(names) == 1 else f"{len(names)} set metrics"
        print(f"  {label:<16} sums {sums / 1e3:8.0f} kB, host count "
              f"{seconds * 1e3:.2f} ms")  # fmt: skip


def gather_and_merge(acc):
    every = [None] * dist.get_world_size()
    dist.all_gather_object(every, acc)
    total = copy.deepcopy(every[0])
    for other in every[1:]:
        total.merge(copy.deepcopy(other))
    return total


def worker(rank, world, init, n_labels, repeats):
    dist.init_process_group("gloo", init_method=init, rank=rank, world_size=world)
    acc = filled(rank, n_labels)
    tree = _added(acc._state())
    vectors = _vectors(tree, _layout(tree))
    expected = gather_and_merge(acc).result()
    assert sync(acc).result() == expected

    def timed(func):
        def run():
            dist.barrier()
            func()

        barrier = best_time(dist.barrier, repeats)
        return max(best_time(run, repeats) - barrier, 0.0)

    def floor():
        for vector in vectors.values():
            dist.all_reduce(vector.clone())

    rows = [
        ("sync", timed(lambda: sync(acc))),
        ("floor: 2 all_reduce", timed(floor)),
        ("all_gather_object + merge", timed(lambda: gather_and_merge(acc))),
    ]
    if rank == 0:
        sizes = {k: v.numel() for k, v in vectors.items()}
        print(machine_line() + f", torch {torch.__version__}, gloo, {world} ranks")
        print(f"{n_labels} labels: {sizes['i']} int64 + {sizes['f']} float64 sums")
        for case, seconds in rows:
            print(f"{case:<28} {seconds * 1e3:8.2f} ms")
    dist.destroy_process_group()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--labels", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=20)
    args = parser.parse_args()
    device_side(args.repeats)
    with tempfile.TemporaryDirectory() as tmp:
        init = f"file://{tmp}/init"
        mp.spawn(worker, args=(2, init, args.labels, args.repeats), nprocs=2)


if __name__ == "__main__":
    main()
