"""Coverage of confidence_interval's 95 % intervals on a fixed population.

Run: ``python benchmarks/bench_coverage.py [--reps R] [--resamples B] [--markdown]``

A population of ``--population`` rows (default 1,000,000) is drawn once per
scenario; its metric values are the truth that an interval should cover. Each
repetition draws a test set of n rows from it (with replacement: independent
draws from the population), computes the intervals and records whether they
hold the population value. Scenarios:

- ``correlated``: 5 labels sharing one latent factor (30 % positives each), the
  case where treating labels as independent fails;
- ``rare``: 10 correlated labels with 2 % to 20 % positives (at n = 200 the
  rarest has about 4 positives);
- ``multiclass``: 5 classes with priors 40 % to 8 %, argmax decisions.

Each cell is the share of ``--reps`` repetitions (default 1,000) whose interval
covers; with 1,000 repetitions a true 95 % lands in 93.6-96.4 % nineteen
times in twenty (the binomial standard error is 0.7 points). The width column is
the mean width at n = 2,000. Bootstrap methods use ``--resamples`` (default
1,000) Poisson resamples; all metrics of one method come from one call (one set
of resamples).
"""

import argparse
import time
import warnings

import numpy as np
from _harness import machine_line
from scipy.special import ndtri

import skmultimetrics as smm
from skmultimetrics import confidence_interval

SIZES = (200, 2000)
# scenario -> [(method, [metric names])]
PLAN = {
    "correlated": [
        ("bca", ["f1_macro", "f1_micro", "f1_samples", "precision_macro",
                 "hamming_accuracy", "subset_accuracy"]),
        ("percentile", ["f1_macro", "f1_micro"]),
        ("delta", ["f1_macro", "f1_micro", "f1_samples", "f1_weighted",
                   "precision_macro", "recall_macro", "jaccard_macro",
                   "hamming_accuracy"]),
        ("wilson", ["subset_accuracy"]),
        ("delong", ["roc_auc_macro"]),
    ],
    "rare": [
        ("bca", ["f1_macro", "f1_micro", "f2_macro"]),
        ("delta", ["f1_macro", "f1_micro", "f2_macro", "recall_macro"]),
        ("wilson", ["subset_accuracy"]),
        ("delong", ["roc_auc_macro"]),
    ],
    "multiclass": [
        ("bca", ["f1_macro", "precision_macro", "accuracy"]),
        ("delta", ["f1_macro", "f1_weighted", "precision_macro"]),
        ("wilson", ["accuracy"]),
        ("wilson", ["top2_accuracy"]),
    ],
}  # fmt: skip


def multilabel(rng, n, rates, strength=1.2):
    latent = rng.normal(size=(n, 1))
    own = rng.normal(size=(n, len(rates)))
    cut = ndtri(1 - np.asarray(rates))
    truth = (strength * latent + own) / np.sqrt(1 + strength**2) > cut
    noise = rng.normal(size=truth.shape)
    scores = 1 / (1 + np.exp(-(1.6 * truth - 0.8 - 0.6 * (cut > 1.5) + noise)))
    return truth, scores, scores >= 0.5


def multiclass(rng, n, priors=(0.4, 0.25, 0.15, 0.12, 0.08)):
    truth = rng.choice(len(priors), size=n, p=priors)
    logits = 1.4 * np.eye(len(priors))[truth] + rng.normal(size=(n, len(priors)))
    logits += np.log(priors)
    scores = np.exp(logits - logits.max(axis=1, keepdims=True))
    scores /= scores.sum(axis=1, keepdims=True)
    return truth, scores, scores.argmax(axis=1)


def population(scenario, rng, size):
    if scenario == "correlated":
        return multilabel(rng, size, [0.3] * 5)
    if scenario == "rare":
        return multilabel(rng, size, np.geomspace(0.02, 0.2, 10))
    return multiclass(rng, size)


def needs_scores(name):
    return name.startswith(("roc_auc", "top"))


def population_values(truth, scores, pred, names):
    """The metric of each name on the whole population (the estimand)."""
    out = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for name in names:
            y = scores if needs_scores(name) else pred
            # the estimate on all rows (equal to the metric functions' value)
            out[name] = confidence_interval(
                truth, y, metric=name, method="percentile", n_resamples=1
            ).estimate
    return out


def run(args):
    rows = []
    for scenario, plan in PLAN.items():
        rng = np.random.default_rng(args.seed)
        truth, scores, pred = population(scenario, rng, args.population)
        names = sorted({name for _, group in plan for name in group})
        truth_values = population_values(truth, scores, pred, names)
        for method, group in plan:
            cells = {}
            for n in SIZES:
                covered = np.zeros(len(group))
                width = np.zeros(len(group))
                start = time.perf_counter()
                for rep in range(args.reps):
                    idx = rng.integers(0, truth.shape[0], n)
                    t = truth[idx]
                    y = scores[idx] if needs_scores(group[0]) else pred[idx]
                    with warnings.catch_warnings():
                        warnings.simplefilter("ignore")
                        result = confidence_interval(
                            t, y, metric=group, method=method,
                            n_resamples=args.resamples, random_state=rep,
                        )  # fmt: skip
                    for i, name in enumerate(group):
                        r = result[name]
                        covered[i] += r.low <= truth_values[name] <= r.high
                        width[i] += r.high - r.low
                seconds = (time.perf_counter() - start) / args.reps
                cells[n] = (covered / args.reps, width / args.reps, seconds)
            for i, name in enumerate(group):
                rows.append(
                    (
                        scenario,
                        name,
                        method,
                        *(cells[n][0][i] for n in SIZES),
                        cells[SIZES[-1]][1][i],
                        truth_values[name],
                        1000 * cells[SIZES[-1]][2],
                    )
                )
            print(f"# {scenario} {method}: done", flush=True)
    return rows


def render(rows, markdown):
    header = (
        "scenario", "metric", "method", "n=200", "n=2000", "width n=2000",
        "population", "ms/call n=2000",
    )  # fmt: skip
    body = []
    for scenario, name, method, c200, c2000, width, value, ms in rows:
        flag = [("" if 0.93 <= c <= 0.97 else " *") for c in (c200, c2000)]
        body.append(
            (
                scenario, name, method, f"{c200:.1%}{flag[0]}",
                f"{c2000:.1%}{flag[1]}", f"{width:.4f}", f"{value:.4f}",
                f"{ms:.1f}",
            )
        )  # fmt: skip
    widths = [max(len(r[i]) for r in (header, *body)) for i in range(len(header))]
    lines = []
    if markdown:
        lines.append("| " + " | ".join(header) + " |")
        lines.append("| " + " | ".join("---" for _ in header) + " |")
        lines += ["| " + " | ".join(r) + " |" for r in body]
    else:
        rule = " ".join("=" * w for w in widths)
        lines += [rule, " ".join(h.ljust(w) for h, w in zip(header, widths)), rule]
        lines += [" ".join(c.ljust(w) for c, w in zip(r, widths)) for r in body]
        lines.append(rule)
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=1000)
    parser.add_argument("--resamples", type=int, default=1000)
    parser.add_argument("--population", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args()
    print(machine_line())
    print(f"skmultimetrics {smm.__version__}; {args.reps} repetitions per cell, ")
    print(f"{args.resamples} resamples; * marks coverage outside 93-97 %")
    start = time.perf_counter()
    rows = run(args)
    print(render(rows, args.markdown))
    print(f"total {time.perf_counter() - start:.0f} s")


if __name__ == "__main__":
    main()
