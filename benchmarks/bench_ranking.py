"""Speed of the ranking metrics against scikit-learn and a NumPy pass.

Run: ``python benchmarks/bench_ranking.py [--quick] [--markdown]``

The NumPy pass is one pass over the scores, ``y_score.sum()`` on the same array
(``y_score.data.sum()`` for CSR scores). scikit-learn's ``ndcg_score`` needs
dense float64 relevance and sorts every row, so it is timed on the first 10,000
rows and scaled up to the full size (marked "scaled").
"""

import argparse

import numpy as np
import scipy.sparse as sp
from _harness import Table, best_time, machine_line
from sklearn import metrics as sk

import skmultimetrics as smm


def top_k_cases(table, n, n_classes, repeats, sklearn_repeats):
    rng = np.random.default_rng(0)
    labels = np.arange(n_classes)
    y_true = rng.integers(0, n_classes, size=n)
    for name, boost in [("random scores", 0.0), ("a model with ~50% top-5", 1.0)]:
        y_score = rng.random((n, n_classes), dtype=np.float32)
        y_score[np.arange(n), y_true] += np.float32(boost) * rng.random(
            n, dtype=np.float32
        )
        floor = best_time(lambda s=y_score: s.sum(), repeats)
        ours = best_time(
            lambda s=y_score: smm.top_k_accuracy_score(y_true, s, k=5, labels=labels),
            repeats,
        )
        theirs = best_time(
            lambda s=y_score: sk.top_k_accuracy_score(y_true, s, k=5, labels=labels),
            sklearn_repeats,
        )
        agree = np.isclose(
            smm.top_k_accuracy_score(y_true, y_score, k=5, labels=labels),
            sk.top_k_accuracy_score(y_true, y_score, k=5, labels=labels),
        )
        table.add(
            f"top-5 accuracy, {n:,} x {n_classes:,} float32, {name}",
            ours,
            theirs,
            floor,
            agree,
        )


def at_k_cases(table, n, n_labels, repeats, sklearn_repeats):
    rng = np.random.default_rng(1)
    y_true = sp.random(
        n,
        n_labels,
        density=5 / n_labels,
        format="csr",
        random_state=rng,
        data_rvs=np.ones,
    )
    y_score = rng.random((n, n_labels), dtype=np.float32)
    floor = best_time(lambda: y_score.sum(), repeats)
    head = min(n, 10_000)
    dense_head = y_true[:head].toarray()
    for name, ours_f, sk_f in [
        ("P@5", lambda: smm.precision_at_k_score(y_true, y_score, k=5), None),
        (
            "nDCG@5",
            lambda: smm.ndcg_at_k_score(y_true, y_score, k=5, zero_division=0.0),
            lambda: sk.ndcg_score(dense_head, y_score[:head], k=5),
        ),
    ]:
        ours = best_time(ours_f, repeats)
        theirs = None
        if sk_f is not None:
            theirs = best_time(sk_f, sklearn_repeats) * n / head
        table.add(
            f"{name}, {n:,} x {n_labels:,} dense float32"
            + (" (sklearn scaled)" if sk_f is not None and head < n else ""),
            ours,
            theirs,
            floor,
        )
    # a CSR score matrix with 100 stored scores per row
    per_row = 100
    cols = np.argsort(rng.random((n, n_labels // 10)), axis=1)[:, :per_row] * 10
    cols.sort(axis=1)
    scores = sp.csr_array(
        (
            rng.random(n * per_row, dtype=np.float32),
            cols.ravel(),
            np.arange(0, n * per_row + 1, per_row),
        ),
        shape=(n, n_labels),
    )
    floor = best_time(lambda: scores.data.sum(), repeats)
    for name, f in [
        ("P@5", lambda: smm.precision_at_k_score(y_true, scores, k=5)),
        ("nDCG@5", lambda: smm.ndcg_at_k_score(y_true, scores, k=5, zero_division=0)),
    ]:
        table.add(
            f"{name}, {n:,} x {n_labels:,} CSR, {per_row} scores per row",
            best_time(f, repeats),
            None,
            floor,
        )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small arrays")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--sklearn-repeats", type=int, default=1)
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args(argv)
    scale = 10 if args.quick else 1
    print(machine_line())
    table = Table()
    top_k_cases(table, 200_000 // scale, 1_000, args.repeats, args.sklearn_repeats)
    at_k_cases(table, 100_000 // scale, 10_000, args.repeats, args.sklearn_repeats)
    print()
    print(table.render(markdown=args.markdown))


if __name__ == "__main__":
    main()
