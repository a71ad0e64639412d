"""Streamed ROC AUC and average precision from score histograms, against
scikit-learn's one-shot functions on the whole arrays.

Run: ``python benchmarks/bench_stream_curves.py [--full] [--repeats R]``

float16 scores (model-like: a sigmoid of a shifted normal, rounded to float16),
labels with 30 % positives:

- ``n x 1`` (default 10,000,000 x 1) and ``n x 100`` (default 200,000 x 100;
  ``--full``: 1,000,000 x 100, about three minutes of scikit-learn alone), fed
  in 10 batches: ``MetricAccumulator(["roc_auc_macro",
  "average_precision_macro"])``, ``update`` per batch, then ``result()``;
  against ``sklearn.metrics.roc_auc_score`` plus ``average_precision_score`` on
  the concatenated arrays. The values must agree to 1e-12.
- ``update`` of a 256 x 1000 batch with the two curve names, against
  ``update`` with ``f1_macro`` (the set metrics' counts), and the scatter of
  its cells into the histograms alone (``numpy.add.at``), 20 batches in turn.
- the state: bytes of the histograms per label after the largest case.
"""

import argparse

import numpy as np
from _harness import best_time, machine_line
from sklearn import metrics as sk

import skmultimetrics as smm

CURVES = ("roc_auc_macro", "average_precision_macro")


def half_scores(rng, n, n_labels):
    y = rng.random((n, n_labels)) < 0.3
    z = rng.standard_normal((n, n_labels), dtype=np.float32) + y
    return y, (1 / (1 + np.exp(-z))).astype(np.float16)


def streamed(y, s, n_batches=10):
    acc = smm.MetricAccumulator(CURVES)
    for rows in np.array_split(np.arange(y.shape[0]), n_batches):
        acc.update(y[rows[0] : rows[-1] + 1], s[rows[0] : rows[-1] + 1])
    return acc


def one_shot(y, s):
    s = s.astype(np.float32)
    return {
        "roc_auc_macro": sk.roc_auc_score(y, s, average="macro"),
        "average_precision_macro": sk.average_precision_score(y, s, average="macro"),
    }


def case(rng, n, n_labels, repeats):
    y, s = half_scores(rng, n, n_labels)
    if n_labels == 1:
        y, s = y[:, 0], s[:, 0]
    result = {}
    ours = best_time(lambda: result.update(acc=streamed(y, s)), repeats)
    values = result["acc"].result()
    expected = {}
    theirs = best_time(lambda: expected.update(one_shot(y, s)), 1)
    agree = all(abs(values[k] - expected[k]) <= 1e-12 for k in CURVES)
    counts = result["acc"]._state()[0]["curves"].counts
    return ours, theirs, agree, counts.nbytes / max(1, counts.shape[1])


def update_ratio(rng, repeats, batches=20):
    """Per 256 x 1000 batch (each batch new, as in a loop): ``update`` with the
    curve names, with ``f1_macro``, and the floor of the curves' update, one
    ``numpy.add.at`` of the batch's cells into histograms of the same size."""
    data = [half_scores(rng, 256, 1000) for _ in range(batches)]
    curves, sets = smm.MetricAccumulator(CURVES), smm.MetricAccumulator("f1_macro")
    for acc in (curves, sets):  # the first batches set the window and buffers
        for y, s in data[:3]:
            acc.update(y, s)
    counts = curves._state()[0]["curves"].counts
    out, width = np.zeros(counts.size), counts.shape[2]
    label = np.arange(1000)[:, np.newaxis] * width
    cells = [
        (np.where(y.T, label + 1000 * width, label) + rng.integers(0, width, y.T.shape))
        for y, _ in data
    ]
    runs = (
        lambda: [curves.update(y, s) for y, s in data],
        lambda: [sets.update(y, s) for y, s in data],
        lambda: [np.add.at(out, c.ravel(), 1.0) for c in cells],
    )
    times = [best_time(run, repeats) / batches for run in runs]
    return (*times, counts.nbytes)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="1,000,000 x 100")
    parser.add_argument("--repeats", type=int, default=2)
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    print(machine_line())
    print(f"{'case':<28} {'streamed s':>11} {'sklearn s':>10} {'speed-up':>9} "
          f"{'equal':>6} {'state KiB/label':>16}")  # fmt: skip
    wide = 1_000_000 if args.full else 200_000
    for n, n_labels in ((10_000_000, 1), (wide, 100)):
        ours, theirs, agree, state = case(rng, n, n_labels, args.repeats)
        case_name = f"{n:,} x {n_labels} float16"
        print(f"{case_name:<28} {ours:>11.2f} {theirs:>10.2f} "
              f"{theirs / ours:>8.1f}x {agree!s:>6} {state / 1024:>16.0f}")  # fmt: skip
    t_curves, t_sets, t_scatter, nbytes = update_ratio(rng, max(args.repeats, 7))
    print(
        f"update of a 256 x 1000 batch: curves {t_curves * 1e3:.2f} ms, f1_macro "
        f"{t_sets * 1e3:.2f} ms ({t_curves / t_sets:.1f}x); numpy.add.at of its "
        f"cells into the {nbytes / 2**20:.0f} MiB of bins alone "
        f"{t_scatter * 1e3:.2f} ms ({t_scatter / t_sets:.1f}x)"
    )


if __name__ == "__main__":
    main()
