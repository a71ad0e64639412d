"""Speed of the set metrics against scikit-learn, a NumPy pass and the read floor.

Run: ``python benchmarks/bench_set_metrics.py [--quick] [--markdown]``

Options: ``--quick`` (100,000 rows, a smoke run), ``--repeats N`` (ours and the
NumPy pass, default 5), ``--sklearn-repeats N`` (default 2; a scikit-learn call takes
seconds on the dense case), ``--markdown`` (print the table for the README).

Cases: subset and hamming accuracy, precision / recall / F1 / F2 / Jaccard with
every multi-label average and ``precision_recall_fscore_support(average=None)``
on a dense boolean matrix; a weighted F1; F1 and the accuracies on CSR matrices
with 1x and 4x the stored entries. Times are the best of the repeats (the
machine may be shared); every value is checked against scikit-learn's.

Two references. The NumPy pass is the per-label true-positive count, reading
both matrices once: ``np.count_nonzero(y_true & y_pred, axis=0)`` for dense
input and ``y_true.multiply(y_pred).sum(axis=0)`` for CSR input; it is a plain
NumPy computation, not a lower bound (a metric that reads the arrays in
cache-sized chunks can beat it). The read floor is physical: the bytes of the
inputs (both matrices, and the weights where given) at the memory read
bandwidth of one core, measured at the start of the same run.
"""

import argparse
import gc
import time

import numpy as np
import scipy.sparse as sp
from _harness import Table, machine_line, read_bandwidth
from sklearn import metrics as sk

import skmultimetrics as smm

SET_METRICS = [
    ("precision", smm.precision_score, sk.precision_score, {}),
    ("recall", smm.recall_score, sk.recall_score, {}),
    ("f1", smm.f1_score, sk.f1_score, {}),
    ("fbeta(beta=2)", smm.fbeta_score, sk.fbeta_score, {"beta": 2}),
    ("jaccard", smm.jaccard_score, sk.jaccard_score, {}),
]
AVERAGES = ["micro", "macro", "samples", "weighted"]


def timed(func, repeats):
    """Best wall time of ``repeats`` calls, and the value of the last call."""
    best = float("inf")
    for _ in range(repeats):
        gc.collect()
        start = time.perf_counter()
        value = func()
        best = min(best, time.perf_counter() - start)
    return best, value


def same_value(ours, theirs):
    """Equal up to ``np.isclose``, also for the tuples of arrays of PRFS."""
    if isinstance(ours, tuple) or isinstance(theirs, tuple):
        return len(ours) == len(theirs) and all(map(same_value, ours, theirs))
    if ours is None or theirs is None:
        return ours is None and theirs is None
    if np.shape(ours) != np.shape(theirs):
        return False
    return bool(np.isclose(ours, theirs, equal_nan=True).all())


def accuracy_cases(y_true, y_pred):
    """(name, ours, scikit-learn) for the two accuracies."""
    return [
        (
            "subset accuracy",
            lambda: smm.subset_accuracy_score(y_true, y_pred),
            lambda: sk.accuracy_score(y_true, y_pred),
        ),
        (
            "hamming accuracy",
            lambda: smm.hamming_accuracy_score(y_true, y_pred),
            lambda: 1.0 - sk.hamming_loss(y_true, y_pred),
        ),
    ]


def set_metric_case(name, ours, theirs, y_true, y_pred, **kwargs):
    kwargs["zero_division"] = 0
    return (
        name,
        lambda: ours(y_true, y_pred, **kwargs),
        lambda: theirs(y_true, y_pred, **kwargs),
    )


def run_cases(table, label, cases, floor, repeats, sklearn_repeats, nbytes):
    """``nbytes(name)``: the bytes the case's metric must read."""
    for name, ours_func, sklearn_func in cases:
        gc.collect()
        ours, ours_value = timed(ours_func, repeats)
        theirs, theirs_value = timed(sklearn_func, sklearn_repeats)
        table.add(
            f"{label}: {name}",
            ours,
            theirs,
            floor,
            same_value(ours_value, theirs_value),
            nbytes=nbytes(name),
        )


def dense_cases(table, note, n, n_labels, repeats, sklearn_repeats):
    rng = np.random.default_rng(0)
    y_true = rng.random((n, n_labels)) < 0.05
    y_pred = rng.random((n, n_labels)) < 0.05
    weight = rng.random(n)
    label = "dense"
    note(
        f"{label}: {n:,} x {n_labels:,} bool, 5% density, y_pred independent of "
        "y_true; NumPy pass = np.count_nonzero(y_true & y_pred, axis=0)"
    )
    floor, _ = timed(lambda: np.count_nonzero(y_true & y_pred, axis=0), repeats)
    cases = accuracy_cases(y_true, y_pred)
    for name, ours, theirs, kwargs in SET_METRICS:
        for average in AVERAGES:
            cases.append(
                set_metric_case(
                    f"{name} {average}",
                    ours,
                    theirs,
                    y_true,
                    y_pred,
                    average=average,
                    **kwargs,
                )
            )
    cases.append(
        set_metric_case(
            "precision_recall_fscore_support(average=None)",
            smm.precision_recall_fscore_support,
            sk.precision_recall_fscore_support,
            y_true,
            y_pred,
            average=None,
        )
    )
    cases.append(
        set_metric_case(
            "f1 macro, random float sample_weight",
            smm.f1_score,
            sk.f1_score,
            y_true,
            y_pred,
            average="macro",
            sample_weight=weight,
        )
    )
    inputs = y_true.nbytes + y_pred.nbytes
    run_cases(
        table,
        label,
        cases,
        floor,
        repeats,
        sklearn_repeats,
        lambda name: inputs + (weight.nbytes if "sample_weight" in name else 0),
    )


def random_csr(rng, n, n_labels, nnz):
    """A canonical CSR 0/1 matrix with about ``nnz`` entries at random places."""
    rows = rng.integers(0, n, nnz)
    cols = rng.integers(0, n_labels, nnz)
    return _indicator(rows, cols, (n, n_labels))


def _indicator(rows, cols, shape):
    y = sp.csr_array((np.ones(rows.shape[0], dtype=np.int64), (rows, cols)), shape)
    y.sum_duplicates()
    y.data[:] = 1  # duplicates were summed
    return y


def sparse_cases(table, note, n, n_labels, density, repeats, sklearn_repeats):
    rng = np.random.default_rng(1)
    nnz = round(n * n_labels * density)
    y_true = random_csr(rng, n, n_labels, nnz)
    # a model that finds half of the true labels and adds as many wrong ones
    coo = y_true.tocoo()
    hit = rng.random(coo.nnz) < 0.5
    n_wrong = coo.nnz - int(hit.sum())
    y_pred = _indicator(
        np.concatenate([coo.row[hit], rng.integers(0, n, n_wrong)]),
        np.concatenate([coo.col[hit], rng.integers(0, n_labels, n_wrong)]),
        y_true.shape,
    )
    label = f"CSR {density:.1%}"
    floor, _ = timed(lambda: y_true.multiply(y_pred).sum(axis=0), repeats)
    bincount, _ = timed(
        lambda: np.bincount(y_true.indices, minlength=n_labels), repeats
    )
    note(
        f"{label}: {n:,} x {n_labels:,} int64 CSR, {y_true.nnz:,} stored entries "
        f"in y_true, {y_pred.nnz:,} in y_pred (half of y_true's labels found); "
        "NumPy pass = y_true.multiply(y_pred).sum(axis=0) "
        f"(for reference, np.bincount(y_true.indices): {bincount * 1e3:.1f} ms)"
    )
    cases = accuracy_cases(y_true, y_pred)
    for average in ["micro", "macro", "samples"]:
        cases.append(
            set_metric_case(
                f"f1 {average}",
                smm.f1_score,
                sk.f1_score,
                y_true,
                y_pred,
                average=average,
            )
        )
    inputs = sum(
        a.nbytes for y in (y_true, y_pred) for a in (y.data, y.indices, y.indptr)
    )
    run_cases(table, label, cases, floor, repeats, sklearn_repeats, lambda name: inputs)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100,000 rows")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--sklearn-repeats", type=int, default=2)
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args(argv)
    n = 100_000 if args.quick else 1_000_000
    start = time.perf_counter()
    print(machine_line())
    print(
        f"best of {args.repeats} (ours, NumPy pass) and {args.sklearn_repeats} "
        "(scikit-learn) runs; zero_division=0 on both sides"
    )
    bandwidth = read_bandwidth()
    print(f"memory read bandwidth, one core: {bandwidth / 1e9:.1f} GB/s")
    table = Table(bandwidth)
    notes = [
        f"read floor: the inputs' bytes at {bandwidth / 1e9:.1f} GB/s, "
        "one core's memory read bandwidth measured in this run"
    ]

    def note(text):
        print(text, flush=True)
        notes.append(text)

    dense_cases(table, note, n, 100, args.repeats, args.sklearn_repeats)
    for density in [0.001, 0.004]:
        sparse_cases(table, note, n, 1_000, density, args.repeats, args.sklearn_repeats)
    print()
    print("\n".join(f"- {text}" for text in notes))
    print()
    print(table.render(markdown=args.markdown))
    print(f"\ntotal {time.perf_counter() - start:.0f} s")


if __name__ == "__main__":
    main()
