"""Cost of intervals, as ratios to one point estimate, measured in one run.

Run: ``python benchmarks/bench_intervals.py [--rows N] [--labels L] [--resamples B]``
(default 100,000 x 100 boolean labels, 1,000 resamples).

Rows: 1,000 BCa resamples of macro F1 (goal: at most 250x one ``f1_score``);
the delta method, Wilson (subset accuracy) and DeLong (binary ROC AUC) against
their point estimates (goal: at most 2x); ``compare_predictions`` against one
``confidence_interval`` (goal: at most 2x); a scikit-learn loop over 20 row
resamples, extrapolated to B; ``scipy.stats.bootstrap`` (percentile, vectorised over
resamples by row indices, 100 resamples extrapolated to B; its BCa jackknife
would allocate n x n) on the same data.
"""

import argparse
import time

import numpy as np
from _harness import best_time, machine_line
from sklearn import metrics as sk_metrics

from skmultimetrics import (
    compare_predictions,
    confidence_interval,
    f1_score,
    roc_auc_score,
    subset_accuracy_score,
)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--labels", type=int, default=100)
    parser.add_argument("--resamples", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    n, n_labels, n_resamples = args.rows, args.labels, args.resamples
    rng = np.random.default_rng(0)
    truth = rng.random((n, n_labels)) < 0.3
    pred_a = truth ^ (rng.random((n, n_labels)) < 0.2)
    pred_b = truth ^ (rng.random((n, n_labels)) < 0.22)
    y = truth[:, 0].astype(int)
    score = y * 0.5 + rng.random(n)
    rows = []

    def measure(label, func, base, goal, repeats=args.repeats):
        seconds = best_time(func, repeats)
        rows.append((label, seconds, seconds / base, goal))

    point = best_time(lambda: f1_score(truth, pred_a, average="macro"), args.repeats)
    rows.append(("f1_score macro (point estimate)", point, 1.0, ""))
    measure(
        f"confidence_interval f1_macro bca, B={n_resamples}",
        lambda: confidence_interval(
            truth, pred_a, n_resamples=n_resamples, random_state=0
        ),
        point,
        "<= 250x",
        repeats=args.repeats,
    )
    measure(
        "confidence_interval f1_macro delta",
        lambda: confidence_interval(truth, pred_a, method="delta"),
        point,
        "<= 2x",
    )
    subset = best_time(lambda: subset_accuracy_score(truth, pred_a), args.repeats)
    rows.append(("subset_accuracy_score (point estimate)", subset, 1.0, ""))
    measure(
        "confidence_interval subset_accuracy wilson",
        lambda: confidence_interval(truth, pred_a, metric="subset_accuracy"),
        subset,
        "<= 2x",
    )
    auc = best_time(lambda: roc_auc_score(y, score), args.repeats)
    rows.append(("roc_auc_score binary (point estimate)", auc, 1.0, ""))
    measure(
        "confidence_interval roc_auc delong",
        lambda: confidence_interval(y, score, metric="roc_auc"),
        auc,
        "<= 2x",
    )
    one = rows[1][1]
    measure(
        f"compare_predictions f1_macro bca, B={n_resamples}",
        lambda: compare_predictions(
            truth, pred_a, pred_b, n_resamples=n_resamples, random_state=0
        ),
        one,
        "<= 2x one interval",
        repeats=args.repeats,
    )
    n_loop = 20
    start = time.perf_counter()
    for _ in range(n_loop):
        index = rng.integers(0, n, n)
        sk_metrics.f1_score(truth[index], pred_a[index], average="macro")
    loop = (time.perf_counter() - start) / n_loop * n_resamples
    rows.append((f"scikit-learn loop, extrapolated to B={n_resamples}", loop,
                 loop / point, ""))  # fmt: skip
    try:
        from scipy.stats import bootstrap

        def statistic(index, axis=-1):
            index = np.atleast_2d(index)
            return np.array(
                [f1_score(truth[i], pred_a[i], average="macro") for i in index]
            )

        start = time.perf_counter()
        bootstrap(
            (np.arange(n),), statistic, n_resamples=n_resamples // 10,
            method="percentile", vectorized=True, random_state=0,
        )  # fmt: skip
        scipy_time = (time.perf_counter() - start) * 10
        label = f"scipy.stats.bootstrap percentile, extrapolated to B={n_resamples}"
        rows.append((label, scipy_time, scipy_time / point, ""))
    except MemoryError:
        rows.append(("scipy.stats.bootstrap", float("nan"), float("nan"), "no memory"))
    print(machine_line())
    print(f"{n} x {n_labels} boolean labels, {n_resamples} resamples")
    print(f"{'what':58s} {'seconds':>9s} {'ratio':>9s}  goal")
    for label, seconds, ratio, goal in rows:
        print(f"{label:58s} {seconds:9.3f} {ratio:9.1f}x  {goal}")


if __name__ == "__main__":
    main()
