"""Speed of ROC AUC and average precision against one sort and scikit-learn.

Run: ``python benchmarks/bench_curves.py [--quick] [--markdown]``

Scores: 100,000 x 100 model-like float64 (``--quick``: 10,000 x 100), labels
with 1 % to 20 % positives (as in ``bench_sweep.py``).

- NumPy pass: one ``np.sort(y_score, axis=0)`` of the same matrix;
- ours and scikit-learn: ``roc_auc_score`` and ``average_precision_score`` with
  ``average="macro"`` and ``"micro"``, the same call on both sides; every value
  is compared (a row whose values differ says so);
- torchmetrics' exact ``multilabel_auroc`` / ``multilabel_average_precision``
  (``thresholds=None``) when torch and torchmetrics are installed.

Times are the best of the repeats (scikit-learn: ``--sklearn-repeats``).
"""

import argparse

import numpy as np
from _harness import Table, best_time, machine_line
from bench_sweep import model_scores
from sklearn import metrics as sk

import skmultimetrics as smm


def torch_functions():
    try:
        import torch
        from torchmetrics.functional.classification import (
            multilabel_auroc,
            multilabel_average_precision,
        )
    except ImportError:
        return None
    return {
        "roc_auc_score": lambda y, s, n, average: float(
            multilabel_auroc(torch.from_numpy(s), torch.from_numpy(y), n, average)
        ),
        "average_precision_score": lambda y, s, n, average: float(
            multilabel_average_precision(
                torch.from_numpy(s), torch.from_numpy(y), n, average
            )
        ),
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10,000 rows")
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--sklearn-repeats", type=int, default=2)
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args(argv)
    n = 10_000 if args.quick else 100_000
    print(machine_line())
    y_true, y_score = model_scores(n, 100, np.float64)
    floor = best_time(lambda: np.sort(y_score, axis=0), args.repeats)
    torch = torch_functions()
    table, extra = Table(), []
    for name in ("roc_auc_score", "average_precision_score"):
        ours_func, theirs_func = getattr(smm, name), getattr(sk, name)
        for average in ("macro", "micro"):

            def ours(f=ours_func, a=average):
                return f(y_true, y_score, average=a)

            def theirs(f=theirs_func, a=average):
                return f(y_true, y_score, average=a)

            agree = np.isclose(ours(), theirs(), rtol=1e-10)
            table.add(
                f"{name}, average={average!r}, {n:,} x 100 float64",
                best_time(ours, args.repeats),
                best_time(theirs, args.sklearn_repeats),
                floor,
                agree,
            )
            if torch is not None:
                labels = y_true.astype(np.int64)
                took = best_time(
                    lambda f=torch[name], a=average, y=labels: f(y, y_score, 100, a),
                    1,
                )
                extra.append(f"torchmetrics {name} {average}: {took * 1e3:.0f} ms")
    print()
    print(table.render(markdown=args.markdown))
    print(
        "\nNumPy pass: one np.sort(y_score, axis=0); "
        "speed-up: scikit-learn's time over ours"
    )
    print("\n".join(extra) if extra else "(torchmetrics not installed: no row)")


if __name__ == "__main__":
    main()
