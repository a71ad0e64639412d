"""Held-out quality and fit time of per-label cut-offs on real multi-label sets.

Run: ``python benchmarks/bench_thresholds.py [--data-dir DIR] [--seeds N]``

``DIR`` holds ``yeast.npz`` and ``emotions.npz`` (arrays ``X``, ``Y``); by default
``../shared/data`` next to the repository. For each data set, base estimator and
seed (30 % held out), it fits the estimator at cut-off 0.5, ``ThresholdOptimizer``
with both aggregations (macro-F1 objective) and with the micro-F1 objective, each
objective also with ``MultilabelStratifiedKFold(5)`` folds instead of ``KFold``,
the micro objective without its default shrinkage toward the shared cut-off and
the macro one with it, and
scikit-learn's ``MultiOutputClassifier(TunedThresholdClassifierCV(...))``, and
prints the mean test macro-F1 / micro-F1 and fit time of each.
"""

import argparse
import time
from pathlib import Path

import numpy as np
from sklearn.base import clone
from sklearn.ensemble import RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import TunedThresholdClassifierCV, train_test_split
from sklearn.multiclass import OneVsRestClassifier
from sklearn.multioutput import MultiOutputClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from skmultimetrics import MultilabelStratifiedKFold, ThresholdOptimizer, f1_score

BASES = {
    "LogisticRegression": lambda: make_pipeline(
        StandardScaler(), OneVsRestClassifier(LogisticRegression(max_iter=2000))
    ),
    "RandomForest": lambda: RandomForestClassifier(
        n_estimators=100, n_jobs=2, random_state=0
    ),
}


def methods(base, seed):
    binary = base.steps[-1][1].estimator if hasattr(base, "steps") else base
    if hasattr(base, "steps"):
        binary = make_pipeline(StandardScaler(), binary)
    return {
        "estimator at 0.5": clone(base),
        "ThresholdOptimizer macro, pooled": ThresholdOptimizer(
            clone(base), scoring="f1_macro", aggregate="pooled"
        ),
        "ThresholdOptimizer macro, fold_mean": ThresholdOptimizer(
            clone(base), scoring="f1_macro", aggregate="fold_mean"
        ),
        "ThresholdOptimizer macro, stratified folds": ThresholdOptimizer(
            clone(base), scoring="f1_macro", cv=MultilabelStratifiedKFold(5)
        ),
        "ThresholdOptimizer micro": ThresholdOptimizer(clone(base), scoring="f1_micro"),
        "ThresholdOptimizer micro, no shrinkage": ThresholdOptimizer(
            clone(base), scoring="f1_micro", shrink="none"
        ),
        "ThresholdOptimizer macro, shrink to shared": ThresholdOptimizer(
            clone(base), scoring="f1_macro", shrink="shared"
        ),
        "ThresholdOptimizer micro, stratified folds": ThresholdOptimizer(
            clone(base), scoring="f1_micro", cv=MultilabelStratifiedKFold(5)
        ),
        "MultiOutput(TunedThresholdClassifierCV)": MultiOutputClassifier(
            TunedThresholdClassifierCV(clone(binary), scoring="f1", cv=5)
        ),
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = Path(__file__).resolve().parents[2] / "shared" / "data"
    parser.add_argument("--data-dir", type=Path, default=default)
    parser.add_argument("--seeds", type=int, default=10)
    parser.add_argument(
        "--tuned-seeds",
        type=int,
        default=None,
        help="seeds for the slow per-label scikit-learn wrapper (default: all)",
    )
    args = parser.parse_args(argv)
    rows = []
    for data_name in ("yeast", "emotions"):
        data = np.load(args.data_dir / f"{data_name}.npz")
        X, Y = data["X"], data["Y"].astype(int)
        for base_name, make_base in BASES.items():
            results = {}
            for seed in range(args.seeds):
                X_tr, X_te, Y_tr, Y_te = train_test_split(
                    X, Y, test_size=0.3, random_state=seed
                )
                for name, model in methods(make_base(), seed).items():
                    tuned_seeds = (
                        args.seeds if args.tuned_seeds is None else (args.tuned_seeds)
                    )
                    if "Tuned" in name and seed >= tuned_seeds:
                        continue
                    start = time.perf_counter()
                    model.fit(X_tr, Y_tr)
                    fit_time = time.perf_counter() - start
                    pred = model.predict(X_te)
                    results.setdefault(name, []).append(
                        (
                            f1_score(Y_te, pred, average="macro", zero_division=0.0),
                            f1_score(Y_te, pred, average="micro", zero_division=0.0),
                            fit_time,
                        )
                    )
            for name, values in results.items():
                macro, micro, fit = np.mean(values, axis=0)
                row = (data_name, base_name, name, len(values), macro, micro, fit)
                rows.append(row)
                print(
                    f"| {data_name} | {base_name} | {name} | {len(values)} | "
                    f"{macro:.4f} | {micro:.4f} | {fit:.2f} |",
                    flush=True,
                )
    return rows


if __name__ == "__main__":
    print(
        "| data | base estimator | method | seeds | test macro-F1 | test micro-F1 "
        "| fit s |"
    )
    print("| --- | --- | --- | ---: | ---: | ---: | ---: |")
    main()
