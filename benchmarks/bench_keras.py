"""Cost of skmultimetrics.keras metrics in a compiled ``fit`` epoch, against the
same epoch with Keras' own ``F1Score`` / ``TopKCategoricalAccuracy``.

Run: ``KERAS_BACKEND=jax python benchmarks/bench_keras.py [--quick] [--markdown]``

Model: ``Dense(256, relu) -> Dense(L, sigmoid)`` on 100 features, L = 200
labels (at least 100, as the speed goal asks), batch size 256, 40,000 rows
(``--quick``: 10,000), JAX on the CPU, ``jit``. Each case compiles once (a
warm-up epoch); the three models of a row (Keras' metric, ours, none) then
fit one epoch in turn, ``--repeats`` rounds, and each keeps its best. Rows:
the epoch without metrics, then for each metric (or pair) the epoch with
Keras' metric and with ours, and their ratio (goal: at most 1.2).
"""

import argparse
import os

os.environ.setdefault("KERAS_BACKEND", "jax")

import keras
import numpy as np
from _harness import best_time, machine_line

from skmultimetrics.keras import get_metric


def make_data(n, n_features=100, n_labels=200, seed=0):
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((n, n_features)).astype(np.float32)
    w = rng.standard_normal((n_features, n_labels)).astype(np.float32)
    y = (x @ w + rng.standard_normal((n, n_labels)) * 4 > 8).astype(np.float32)
    return x, y


def compiled_model(x, y, metrics, batch_size=256):
    keras.utils.set_random_seed(0)
    model = keras.Sequential(
        [
            keras.Input((x.shape[1],)),
            keras.layers.Dense(256, activation="relu"),
            keras.layers.Dense(y.shape[1], activation="sigmoid"),
        ]
    )
    model.compile("adam", "binary_crossentropy", metrics=metrics())
    model.fit(x, y, batch_size=batch_size, epochs=1, verbose=0)  # compiles
    return model


def interleaved_times(x, y, metric_sets, repeats, batch_size=256):
    """Best epoch time of each model, the models' epochs taken in turn (A B C A
    B C ...), so that a slow spell of the shared machine hits all alike."""
    models = [compiled_model(x, y, m, batch_size) for m in metric_sets]
    best = [float("inf")] * len(models)
    for _ in range(repeats):
        for i, model in enumerate(models):
            seconds = best_time(
                lambda model=model: model.fit(
                    x, y, batch_size=batch_size, epochs=1, verbose=0
                ),
                1,
            )
            best[i] = min(best[i], seconds)
    return best


CASES = {
    "F1 macro": (
        lambda: [keras.metrics.F1Score(average="macro", threshold=0.5)],
        lambda: [get_metric("f1_macro")],
    ),
    "F1 micro": (
        lambda: [keras.metrics.F1Score(average="micro", threshold=0.5)],
        lambda: [get_metric("f1_micro")],
    ),
    "top-5 accuracy": (
        lambda: [keras.metrics.TopKCategoricalAccuracy(k=5)],
        lambda: [get_metric("top5_accuracy")],
    ),
    "F1 macro + top-5": (
        lambda: [
            keras.metrics.F1Score(average="macro", threshold=0.5),
            keras.metrics.TopKCategoricalAccuracy(k=5),
        ],
        lambda: [get_metric("f1_macro"), get_metric("top5_accuracy")],
    ),
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args()
    n = 10_000 if args.quick else 40_000
    x, y = make_data(n)
    print(machine_line() + f", keras {keras.__version__} ({keras.backend.backend()})")
    print(
        f"{n} rows x {y.shape[1]} labels, batch 256, one epoch, best of {args.repeats}"
    )
    header = ("metrics", "Keras' ms", "ours ms", "ours / Keras'", "no metrics ms")
    rows = [header]
    for case, (theirs, ours) in CASES.items():
        t_theirs, t_ours, base = interleaved_times(
            x, y, [theirs, ours, lambda: []], args.repeats
        )
        rows.append(
            (
                case,
                f"{t_theirs * 1e3:.0f}",
                f"{t_ours * 1e3:.0f}",
                f"{t_ours / t_theirs:.2f}",
                f"{base * 1e3:.0f}",
            )
        )
        print("  ".join(rows[-1]), flush=True)
    if args.markdown:
        lines = ["| " + " | ".join(r) + " |" for r in rows]
        lines.insert(1, "|" + "|".join(" --- " for _ in header) + "|")
        print("\n".join(lines))
    else:
        widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
        for r in rows:
            print("  ".join(c.ljust(w) for c, w in zip(r, widths)))


if __name__ == "__main__":
    main()
