"""Speed of the exact per-label threshold search against one sort and a grid.

Run: ``python benchmarks/bench_sweep.py [--quick] [--markdown]``

Scores: 100,000 x 100 (``--quick``: 10,000 x 100), labels with 1 % to 20 %
positives and scores that rank positives higher (a model's scores, not noise).

- NumPy pass: one ``np.sort(y_score, axis=0)`` of the same matrix;
- ours: ``optimize_thresholds(..., scoring="f1_macro", strategy="per_label")``
  (the public call, checks included: the exact best cut-off of every label)
  and ``threshold_sweep`` (F1 at every distinct cut-off of every label, kept);
- scikit-learn: ``f1_score(y_true, y_score >= t, average=None)`` for 100 grid
  values of ``t``, the loop people write by hand, timed on a tenth of the rows
  and scaled by 10 (it is linear in the rows). The table marks a row whose
  exact optimum is below the grid's best for some label (it never should be).

Times are the best of the repeats (the machine may be shared).
"""

import argparse

import numpy as np
from _harness import Table, best_time, machine_line
from sklearn import metrics as sk

import skmultimetrics as smm


def model_scores(n, n_labels, dtype, seed=0):
    rng = np.random.default_rng(seed)
    prevalence = rng.uniform(0.01, 0.2, size=n_labels)
    y_true = rng.random((n, n_labels)) < prevalence
    logits = rng.normal(size=(n, n_labels)) + 1.5 * y_true
    y_score = (1 / (1 + np.exp(-logits))).astype(dtype)
    return y_true, y_score


def grid_search(y_true, y_score, grid):
    """Per label, the best F1 over ``grid``: the hand-written loop."""
    values = [
        sk.f1_score(y_true, y_score >= t, average=None, zero_division=0) for t in grid
    ]
    return np.max(values, axis=0)


def sweep_cases(table, n, n_labels, repeats, sklearn_repeats):
    for dtype in (np.float64, np.float32):
        y_true, y_score = model_scores(n, n_labels, dtype)
        one_dtype(table, y_true, y_score, repeats, sklearn_repeats)


def one_dtype(table, y_true, y_score, repeats, sklearn_repeats):
    n, n_labels = y_score.shape
    grid = np.linspace(0.01, 0.99, 100)
    floor = best_time(lambda: np.sort(y_score, axis=0), repeats)
    # scikit-learn's loop on the first tenth of the rows, scaled up (its cost
    # is linear in the rows: 100 calls that each count over the matrix)
    part = slice(0, max(1, n // 10))
    grid_time = 10 * best_time(
        lambda: grid_search(y_true[part], y_score[part], grid), sklearn_repeats
    )
    grid_best = grid_search(y_true, y_score, grid)
    for weighted in (False, True):
        weight = np.random.default_rng(1).uniform(0.5, 2.0, n) if weighted else None
        label = f"{n:,} x {n_labels} {y_score.dtype.name}"
        label += ", weighted" if weighted else ""

        def search(w=weight):
            return smm.optimize_thresholds(
                y_true,
                y_score,
                scoring="f1_macro",
                strategy="per_label",
                sample_weight=w,
            )

        ours = best_time(search, repeats)
        found = search()
        reached = smm.f1_score(
            y_true,
            y_score,
            threshold=found.thresholds,
            average=None,
            sample_weight=weight,
        )
        # the exact optimum is at least the grid's best (unweighted grid)
        agree = weighted or bool(np.all(reached >= grid_best - 1e-12))
        table.add(
            f"best cut-off per label, {label}",
            ours,
            None if weighted else grid_time,
            floor,
            agree,
        )
        if not weighted:
            every = best_time(lambda: smm.threshold_sweep(y_true, y_score), 3)
            table.add(
                f"F1 at every cut-off (threshold_sweep), {label}",
                every,
                grid_time,
                floor,
            )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10,000 rows")
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--sklearn-repeats", type=int, default=1)
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args(argv)
    n = 10_000 if args.quick else 100_000
    print(machine_line())
    table = Table()
    sweep_cases(table, n, 100, args.repeats, args.sklearn_repeats)
    print()
    print(table.render(markdown=args.markdown))
    print(
        "\nsklearn ms: f1_score(average=None) on a 100-point grid of cut-offs "
        "(timed on a tenth of the rows, times 10); "
        "speed-up: that loop's time over ours (which is exact, not a grid)."
    )


if __name__ == "__main__":
    main()
