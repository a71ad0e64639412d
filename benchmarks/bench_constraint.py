"""How often a precision constraint tuned out of fold holds on held-out data.

Run: ``python benchmarks/bench_constraint.py --data-dir DIR [--seeds 5]``
(``DIR`` holds ``yeast.npz`` and ``emotions.npz``: ``X``, ``Y``).

For each data set and seed: 30 % held out; a standardised one-vs-rest logistic
regression wrapped in ``ThresholdOptimizer(scoring="recall_macro",
constraint=("precision", level), cv=5)``. Reported, averaged over seeds: the
share of labels whose out-of-fold search met the constraint, the share of
those whose held-out precision reached the level, and the held-out macro
precision and recall, against the estimator's own ``predict`` (0.5).
"""

import argparse
import time
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

import skmultimetrics as smm


def one_run(X, Y, level, seed):
    X_train, X_test, Y_train, Y_test = train_test_split(
        X, Y, test_size=0.3, random_state=seed
    )
    base = make_pipeline(
        StandardScaler(), OneVsRestClassifier(LogisticRegression(max_iter=1000))
    )
    model = smm.ThresholdOptimizer(
        base,
        scoring="recall_macro",
        constraint=("precision", level),
        cv=5,
        random_state=seed,
        store_cv_results=True,
    )
    start = time.perf_counter()
    model.fit(X_train, Y_train)
    seconds = time.perf_counter() - start
    met = np.asarray(model.cv_results_["constraint_met"], dtype=bool)
    kwargs = {"average": None, "zero_division": 0.0}
    tuned = model.predict(X_test)
    precision = smm.precision_score(Y_test, tuned, **kwargs)
    default = model.estimator_.predict(X_test)
    return {
        "met out of fold": met.mean(),
        "held where met": (precision[met] >= level).mean() if met.any() else np.nan,
        "precision tuned": precision.mean(),
        "recall tuned": smm.recall_score(Y_test, tuned, **kwargs).mean(),
        "precision at 0.5": smm.precision_score(Y_test, default, **kwargs).mean(),
        "recall at 0.5": smm.recall_score(Y_test, default, **kwargs).mean(),
        "fit s": seconds,
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", required=True, type=Path)
    parser.add_argument("--seeds", type=int, default=5)
    args = parser.parse_args(argv)
    columns = None
    for name in ("yeast", "emotions"):
        data = np.load(args.data_dir / f"{name}.npz")
        X, Y = data["X"], data["Y"].astype(np.int64)
        for level in (0.6, 0.8):
            runs = [one_run(X, Y, level, seed) for seed in range(args.seeds)]
            columns = columns or list(runs[0])
            if name == "yeast" and level == 0.6:
                print("| data | precision >= | " + " | ".join(columns) + " |")
                print("| --- | ---: |" + " ---: |" * len(columns))
            means = [np.nanmean([run[c] for run in runs]) for c in columns]
            cells = " | ".join(f"{m:.2f}" if c == "fit s" else f"{m:.3f}"
                               for c, m in zip(columns, means))  # fmt: skip
            print(f"| {name} | {level} | {cells} |", flush=True)


if __name__ == "__main__":
    main()
