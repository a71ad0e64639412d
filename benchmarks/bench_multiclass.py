"""Held-out macro-F1 and fit time of multiclass decisions tuned by ThresholdOptimizer.

Run: ``python benchmarks/bench_multiclass.py [--data-dir DIR] [--seeds N]``

``DIR`` holds ``ecoli.npz`` (UCI E. coli: arrays ``X``, ``y``, ``class_names``;
327 samples, 5 classes of 20 to 143); by default ``../shared/data`` next to the
repository. The other sets are scikit-learn's bundled data, some subsampled to
imbalanced class sizes (the first samples of each class in a permutation drawn
with seed 0):

- ``digits-imb``: ``load_digits``, class k keeps ``max(5, int(180 * 0.7**k))``
  samples (178 of class 0, which has no more; 125, 88, 61, 43, 30, 21, 14, 10,
  7);
- ``wine-imb``: ``load_wine``, classes of 59, 25 and 10;
- ``iris-imb``: ``load_iris``, classes of 50, 20 and 8;
- ``digits``: all of ``load_digits`` (balanced, 10 classes of about 180).

For each set, base estimator (standardised logistic regression, a random forest
of 100 trees) and seed (30 % held out, stratified), it fits the estimator (plain
argmax of ``predict_proba``), the estimator with ``class_weight="balanced"``,
``ThresholdOptimizer(keep_tuned="always")`` and ``ThresholdOptimizer()`` (the
default, ``keep_tuned="auto"``), all with n_jobs=1, and prints the mean test
macro-F1, its difference from argmax and the mean fit time.
"""

import argparse
import time
import warnings
from pathlib import Path

import numpy as np
from _harness import machine_line
from sklearn.datasets import load_digits, load_iris, load_wine
from sklearn.ensemble import RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from skmultimetrics import ThresholdOptimizer, f1_score

BASES = {
    "LogisticRegression": lambda **kw: make_pipeline(
        StandardScaler(), LogisticRegression(max_iter=2000, **kw)
    ),
    "RandomForest": lambda **kw: RandomForestClassifier(
        n_estimators=100, n_jobs=1, random_state=0, **kw
    ),
}
METHODS = {
    "argmax": lambda make: make(),
    'class_weight="balanced"': lambda make: make(class_weight="balanced"),
    'ThresholdOptimizer keep_tuned="always"': lambda make: ThresholdOptimizer(
        make(), keep_tuned="always"
    ),
    "ThresholdOptimizer default": lambda make: ThresholdOptimizer(make()),
}


def _subsample(X, y, sizes, seed=0):
    """The first ``sizes[k]`` samples of class k in a permutation (``seed``)."""
    rng = np.random.default_rng(seed)
    keep = np.concatenate(
        [
            rng.permutation(np.flatnonzero(y == c))[:n]
            for c, n in zip(np.unique(y), sizes)
        ]
    )
    return X[keep], y[keep]


def data_sets(data_dir):
    ecoli = np.load(data_dir / "ecoli.npz", allow_pickle=False)
    yield "ecoli", ecoli["X"], ecoli["y"]
    X, y = load_digits(return_X_y=True)
    sizes = [max(5, int(180 * 0.7**k)) for k in range(10)]
    yield "digits-imb", *_subsample(X, y, sizes)
    X, y = load_wine(return_X_y=True)
    yield "wine-imb", *_subsample(X, y, [59, 25, 10])
    X, y = load_iris(return_X_y=True)
    yield "iris-imb", *_subsample(X, y, [50, 20, 8])
    yield "digits", *load_digits(return_X_y=True)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = Path(__file__).resolve().parents[2] / "shared" / "data"
    parser.add_argument("--data-dir", type=Path, default=default)
    parser.add_argument("--seeds", type=int, default=10)
    args = parser.parse_args(argv)
    print(machine_line())
    print(
        "| data | classes | base estimator | method | test macro-F1 | vs argmax "
        "| fit s |"
    )
    print("| --- | --- | --- | --- | ---: | ---: | ---: |")
    rows = []
    for data_name, X, y in data_sets(args.data_dir):
        sizes = "/".join(
            str(n)
            for n in sorted(
                np.bincount(np.unique(y, return_inverse=True)[1]), reverse=True
            )
        )
        for base_name, make in BASES.items():
            results = {}
            for seed in range(args.seeds):
                X_tr, X_te, y_tr, y_te = train_test_split(
                    X, y, test_size=0.3, random_state=seed, stratify=y
                )
                for name, build in METHODS.items():
                    model = build(make)
                    start = time.perf_counter()
                    with warnings.catch_warnings():
                        # StratifiedKFold on the smallest classes
                        warnings.simplefilter("ignore", UserWarning)
                        model.fit(X_tr, y_tr)
                    fit_time = time.perf_counter() - start
                    macro = f1_score(y_te, model.predict(X_te), average="macro")
                    results.setdefault(name, []).append((macro, fit_time))
            plain = np.mean([m for m, _ in results["argmax"]])
            for name, values in results.items():
                macro, fit = np.mean(values, axis=0)
                rows.append((data_name, base_name, name, macro, macro - plain, fit))
                print(
                    f"| {data_name} | {sizes} | {base_name} | {name} | {macro:.4f} "
                    f"| {macro - plain:+.4f} | {fit:.2f} |",
                    flush=True,
                )
    return rows


if __name__ == "__main__":
    main()
