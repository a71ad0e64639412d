"""Speed of MetricAccumulator fed in batches, against the one-shot functions on the
whole arrays and against torchmetrics fed the same batches.

Run: ``python benchmarks/bench_stream.py [--quick] [--markdown]``

Scores: 1,000,000 x 100 model-like float32 (``--quick``: 100,000 x 100), labels
with 1 % to 20 % positives, fed in 100 batches of equal size.

- streamed: ``MetricAccumulator(metrics)``, ``update`` on every batch, then
  ``result()``;
- one-shot: the metric functions on the whole arrays, one call per metric
  (``f1_score(..., threshold=0.5, average=...)``, ``subset_accuracy_score``,
  ``hamming_accuracy_score``);
- torchmetrics: ``MultilabelF1Score`` (``update`` per batch, then ``compute``),
  when torch and torchmetrics are installed (else the column says "-").

Every streamed value is compared with the one-shot value (to 1e-12) and with
torchmetrics' (to 1e-5: it computes in float32). Times are the best of
``--repeats``.
"""

import argparse

import numpy as np
from _harness import best_time, machine_line
from bench_sweep import model_scores

import skmultimetrics as smm

FIVE = ("f1_micro", "f1_macro", "f1_samples", "subset_accuracy", "hamming_accuracy")


def one_shot(name, y, s):
    if name.startswith("f1_"):
        return smm.f1_score(y, s, threshold=0.5, average=name[3:])
    if name == "subset_accuracy":
        return smm.subset_accuracy_score(y, s, threshold=0.5)
    return smm.hamming_accuracy_score(y, s, threshold=0.5)


def streamed(names, batches):
    acc = smm.MetricAccumulator(names)
    for y, s in batches:
        acc.update(y, s)
    return acc.result()


def torch_f1(batches, n_labels, average):
    try:
        import torch
        from torchmetrics.classification import MultilabelF1Score
    except ImportError:
        return None
    torch.set_num_threads(2)
    tensors = [(torch.from_numpy(y), torch.from_numpy(s)) for y, s in batches]

    def run():
        metric = MultilabelF1Score(num_labels=n_labels, average=average, threshold=0.5)
        for y, s in tensors:
            metric.update(s, y.to(torch.int64))
        return float(metric.compute())

    return run


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100,000 rows")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--torch-repeats", type=int, default=1)
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args(argv)
    n, n_labels, n_batches = (100_000 if args.quick else 1_000_000), 100, 100
    print(machine_line())
    y, s = model_scores(n, n_labels, np.float32)
    step = n // n_batches
    batches = [(y[i : i + step], s[i : i + step]) for i in range(0, n, step)]
    header = (
        "case",
        "streamed ms",
        "one-shot ms",
        "streamed/one-shot",
        "torchmetrics ms",
        "speed-up vs torchmetrics",
    )
    rows = []
    cases = [(name,) for name in ("f1_micro", "f1_macro")] + [FIVE]
    for names in cases:
        result = streamed(names, batches)
        expected = {name: one_shot(name, y, s) for name in names}
        agree = all(np.isclose(result[k], expected[k], rtol=1e-12) for k in names)
        t_stream = best_time(lambda names=names: streamed(names, batches), args.repeats)
        t_once = best_time(
            lambda names=names: [one_shot(name, y, s) for name in names], args.repeats
        )
        t_torch = None
        if len(names) == 1:
            run = torch_f1(batches, n_labels, names[0][3:])
            if run is not None:
                agree &= bool(np.isclose(run(), result[names[0]], rtol=1e-5))
                t_torch = best_time(run, args.torch_repeats)
        label = ", ".join(names) if len(names) < 5 else "the five: " + ", ".join(names)
        case = f"{label}; {n:,} x {n_labels} in {n_batches} batches"
        row = (
            case + ("" if agree else "  (VALUES DIFFER)"),
            f"{t_stream * 1e3:.0f}",
            f"{t_once * 1e3:.0f}",
            f"{t_stream / t_once:.2f}",
            "-" if t_torch is None else f"{t_torch * 1e3:.0f}",
            "-" if t_torch is None else f"{t_torch / t_stream:.0f}x",
        )
        rows.append(row)
        print("  ".join(row), flush=True)
    print()
    if args.markdown:
        print("| " + " | ".join(header) + " |")
        print("|" + "|".join(" --- " for _ in header) + "|")
        for row in rows:
            print("| " + " | ".join(row) + " |")
    else:
        for row in (header, *rows):
            print("  ".join(row))


if __name__ == "__main__":
    main()
