"""Metric functions on Dask arrays (a LocalCluster of 2 worker processes) beside
the same functions on NumPy arrays holding the same numbers.

Run: ``python benchmarks/bench_dask.py [--rows N] [--labels L]``

Scores: ``--rows`` (default 10,000,000) x ``--labels`` (default 100) model-like
float32 scores and bool labels, made block by block (1,000,000 rows each) on the
workers and persisted there, and made again, block by block, in this process for
NumPy. Each row of the table is one call; the values must be identical (to
1e-12). The Dask column also times the scheduling of one task per block and the
tree of additions; only the sums travel between processes.
"""

import argparse
import time

import numpy as np
from _harness import machine_line

import skmultimetrics as smm

BLOCK = 1_000_000


def make_block(index, rows, n_labels):
    """Block ``index`` of the labels and scores (the same wherever it is made)."""
    rng = np.random.default_rng([index, 7])
    prevalence = np.random.default_rng(0).uniform(0.01, 0.2, size=n_labels)
    truth = rng.random((rows, n_labels), dtype=np.float32) < prevalence
    logits = rng.standard_normal((rows, n_labels), dtype=np.float32) + 1.5 * truth
    return truth, (1 / (1 + np.exp(-logits))).astype(np.float32)


HALF = {"threshold": 0.5}
CASES = [
    *(
        (f"f1_score average='{a}'", smm.f1_score, {**HALF, "average": a})
        for a in ("micro", "macro", "samples")
    ),
    ("subset_accuracy_score", smm.subset_accuracy_score, HALF),
    ("hamming_accuracy_score", smm.hamming_accuracy_score, HALF),
    ("precision_at_k_score k=5", smm.precision_at_k_score, {"k": 5}),
]


def timed(func, repeats):
    best, value = float("inf"), None
    for _ in range(repeats):
        start = time.perf_counter()
        value = func()
        best = min(best, time.perf_counter() - start)
    return best, value


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--labels", type=int, default=100)
    parser.add_argument("--repeats", type=int, default=2)
    args = parser.parse_args(argv)
    import dask
    import dask.array as da
    from dask.distributed import Client, LocalCluster, wait

    print(machine_line(), f"dask {dask.__version__}")
    sizes = [min(BLOCK, args.rows - i) for i in range(0, args.rows, BLOCK)]
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=":0")
    with cluster, Client(cluster) as client:
        blocks = [
            dask.delayed(make_block, nout=2)(i, rows, args.labels)
            for i, rows in enumerate(sizes)
        ]
        dy = da.concatenate(
            [
                da.from_delayed(b[0], (rows, args.labels), dtype=bool)
                for b, rows in zip(blocks, sizes)
            ]
        )
        ds = da.concatenate(
            [
                da.from_delayed(b[1], (rows, args.labels), dtype=np.float32)
                for b, rows in zip(blocks, sizes)
            ]
        )
        dy, ds = client.persist([dy, ds])
        wait([dy, ds])
        parts = [make_block(i, rows, args.labels) for i, rows in enumerate(sizes)]
        y = np.concatenate([p[0] for p in parts])
        s = np.concatenate([p[1] for p in parts])
        del parts
        header = ("call", "NumPy ms", "Dask ms", "Dask / NumPy", "same value")
        print(" | ".join(header))
        rows = []
        for name, func, kw in CASES:
            t_np, v_np = timed(lambda f=func, kw=kw: f(y, s, **kw), args.repeats)
            t_da, v_da = timed(lambda f=func, kw=kw: f(dy, ds, **kw), args.repeats)
            same = bool(np.isclose(v_np, v_da, rtol=1e-12, atol=0))
            row = (
                f"`{name}`, {args.rows:,} x {args.labels}",
                f"{t_np * 1e3:.0f}",
                f"{t_da * 1e3:.0f}",
                f"{t_da / t_np:.2f}",
                "yes" if same else f"NO ({v_np!r} vs {v_da!r})",
            )
            rows.append(row)
            print(" | ".join(row), flush=True)
    print()
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join(" --- " for _ in header) + "|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
