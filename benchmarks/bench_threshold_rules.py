"""Which rule for choosing per-label cut-offs from out-of-fold scores generalises?

Run: ``python benchmarks/bench_threshold_rules.py [--data-dir DIR] [--seeds N]``

An ablation behind ``ThresholdOptimizer``'s defaults. ``DIR`` holds
``yeast.npz`` and ``emotions.npz``. For each set, base estimator (those of
``bench_thresholds.py``) and seed (30 % held out), the estimator is fitted on
``KFold(5)`` folds of the training part (out-of-fold scores, and each fold
model's test scores) and on all of it (test scores). Every rule then picks
cut-offs from the same out-of-fold scores, and the table gives the held-out
F1 (macro rules: macro-F1; micro rules: micro-F1), its mean over seeds, and
the mean paired difference from the first rule of its group with the
standard error of that mean. The "oracle" row tunes on the test set itself:
an optimistic ceiling for any cut-off rule.

A second table checks the shrinkage (``shrink=``) on data with more and rarer
labels: scikit-learn's ``make_multilabel_classification`` (20 features; the
sizes, label counts and mean labels per sample of each row; seeds 0 to
``--synthetic-seeds - 1``, 30 % held out), ``ThresholdOptimizer`` with
``shrink="none"`` against ``"shared"``, for the micro and macro objectives.
"""

import argparse
import time
import warnings
from pathlib import Path

import numpy as np
from bench_thresholds import BASES
from sklearn.base import clone
from sklearn.datasets import make_multilabel_classification
from sklearn.model_selection import KFold, train_test_split

from skmultimetrics import (
    ThresholdOptimizer,
    f1_score,
    optimize_thresholds,
    threshold_sweep,
)
from skmultimetrics._thresholds._shrink import shrink_to_shared


def _proba(model, X):
    p = model.predict_proba(X)
    if isinstance(p, list):  # a multi-output forest
        return np.column_stack([q[:, -1] for q in p])
    return p


def _fold_optima(Y, S, fold, scoring):
    optima = np.vstack(
        [
            optimize_thresholds(Y[fold == f], S[fold == f], scoring=scoring).thresholds
            for f in np.unique(fold)
        ]
    )
    has = np.vstack([Y[fold == f].any(axis=0) for f in np.unique(fold)])
    optima[~has | ~np.isfinite(optima)] = np.nan
    return optima


def _best_f1(Y, S):
    return np.array([f.max() for f in threshold_sweep(Y, S, metric="f1").scores])


def _smoothed(Y, S):
    """Per label, the cut-off maximising a moving average of the F1 curve over
    about sqrt(n_positives) / 2 neighbouring cut-offs each side."""
    sweep = threshold_sweep(Y, S, metric="f1")
    cuts = []
    for j, (t, f) in enumerate(zip(sweep.thresholds, sweep.scores)):
        w = max(1, int(0.5 * np.sqrt(Y[:, j].sum())))
        padded = np.r_[np.full(w, f[0]), f, np.full(w, f[-1])]
        c = np.cumsum(np.r_[0.0, padded])
        smooth = (c[2 * w + 1 :] - c[: -2 * w - 1]) / (2 * w + 1)
        cuts.append(t[int(np.argmax(smooth))])
    return np.array(cuts)


def _bagged(Y, S, seed, n_bags=50):
    """Per label, the median of the optimum over bootstrap resamples."""
    rng = np.random.default_rng(seed)
    found = []
    for _ in range(n_bags):
        rows = rng.integers(0, Y.shape[0], Y.shape[0])
        found.append(optimize_thresholds(Y[rows], S[rows]).thresholds)
    found = np.array(found)
    found[~np.isfinite(found)] = np.nan
    return np.nanmedian(found, axis=0)


def _fold_curve_mean(Y, S, fold):
    """scikit-learn's TunedThresholdClassifierCV rule: the mean of the folds'
    F1 curves (here at every distinct score), then its best cut-off."""
    cuts = []
    for j in range(Y.shape[1]):
        grid = np.unique(S[:, j])
        curves = []
        for f in np.unique(fold):
            y, s = Y[fold == f, j], S[fold == f, j]
            pos, neg = np.sort(s[y == 1]), np.sort(s[y == 0])
            tp = pos.size - np.searchsorted(pos, grid, "left")
            fp = neg.size - np.searchsorted(neg, grid, "left")
            d = pos.size + tp + fp
            curves.append(np.where(d > 0, 2 * tp / np.maximum(d, 1), 0.0))
        mean = np.mean(curves, axis=0)
        cuts.append(grid[np.flatnonzero(mean == mean.max())[-1]])
    return np.array(cuts)


def macro_rules(r, seed):
    Y, S, fold = r["y_train"], r["oof"], r["fold"]
    own = optimize_thresholds(Y, S).thresholds
    shared = optimize_thresholds(Y, S, strategy="global").thresholds[0]
    folds = _fold_optima(Y, S, fold, "f1_macro")
    shrunk, _ = shrink_to_shared(own, folds, shared, np.isfinite(own), True)
    half = _best_f1(Y, S) / 2  # each label's plug-in cut-off as its target
    half_shrunk, _ = shrink_to_shared(own, folds, half, np.isfinite(own), True)
    test, ensemble = r["test"], r["ensemble"]
    return {
        "pooled optimum (default)": (own, test),
        "shrink to shared cut-off (shrink='shared')": (shrunk, test),
        "shrink to F*/2 per label": (half_shrunk, test),
        "plug-in F*/2 per label": (half, test),
        "smoothed F1 curve": (_smoothed(Y, S), test),
        "bootstrap-median cut-off": (_bagged(Y, S, seed), test),
        "mean of fold curves": (_fold_curve_mean(Y, S, fold), test),
        "pooled optimum, fold models' mean score": (own, ensemble),
        "pooled optimum, mean of that and refit": (own, (ensemble + test) / 2),
        "oracle (tuned on the test set)": (
            optimize_thresholds(r["y_test"], test).thresholds,
            test,
        ),
    }


def micro_rules(r, seed):
    Y, S, fold = r["y_train"], r["oof"], r["fold"]
    own = optimize_thresholds(Y, S, scoring="f1_micro")
    shared = optimize_thresholds(Y, S, scoring="f1_micro", strategy="global")
    folds = _fold_optima(Y, S, fold, "f1_micro")
    shrunk, _ = shrink_to_shared(
        own.thresholds, folds, shared.thresholds[0], np.isfinite(own.thresholds), True
    )
    test = r["test"]
    n = Y.shape[1]
    return {
        "per-label optimum (shrink='none')": (own.thresholds, test),
        "shrunk toward shared (default)": (shrunk, test),
        "one shared cut-off": (shared.thresholds, test),
        "plug-in F*/2 for all labels": (np.full(n, own.score / 2), test),
        "oracle (tuned on the test set)": (
            optimize_thresholds(r["y_test"], test, scoring="f1_micro").thresholds,
            test,
        ),
    }


def scores_of(make_base, X, Y, seed):
    X_tr, X_te, Y_tr, Y_te = train_test_split(X, Y, test_size=0.3, random_state=seed)
    oof, fold, ensemble = np.zeros(Y_tr.shape), np.zeros(Y_tr.shape[0], int), 0.0
    for i, (train, test) in enumerate(KFold(5).split(X_tr)):
        model = clone(make_base()).fit(X_tr[train], Y_tr[train])
        oof[test], fold[test] = _proba(model, X_tr[test]), i
        ensemble = ensemble + _proba(model, X_te) / 5
    test = _proba(clone(make_base()).fit(X_tr, Y_tr), X_te)
    return {
        "y_train": Y_tr,
        "y_test": Y_te,
        "oof": oof,
        "fold": fold,
        "test": test,
        "ensemble": ensemble,
    }


SYNTHETIC = [(500, 20, 2), (2000, 20, 4), (1000, 50, 3), (3000, 50, 2)]


def synthetic(seeds):
    # OneVsRestClassifier warns of labels with one class in a training fold
    warnings.filterwarnings("ignore", message="Label not", category=UserWarning)
    print(
        "\n| samples, labels, labels per sample | base estimator | objective | "
        "shrink='none' | shrink='shared' | difference (SE) | worst seed |"
    )
    print("| --- | --- | --- | ---: | ---: | ---: | ---: |")
    for n_samples, n_labels, per_sample in SYNTHETIC:
        for base_name, make_base in BASES.items():
            for scoring in ("f1_micro", "f1_macro"):
                values = []
                for seed in range(seeds):
                    X, Y = make_multilabel_classification(
                        n_samples=n_samples,
                        n_features=20,
                        n_classes=n_labels,
                        n_labels=per_sample,
                        random_state=seed,
                    )
                    X_tr, X_te, Y_tr, Y_te = train_test_split(
                        X, Y, test_size=0.3, random_state=seed
                    )
                    row = []
                    for shrink in ("none", "shared"):
                        model = ThresholdOptimizer(
                            make_base(), scoring=scoring, shrink=shrink
                        ).fit(X_tr, Y_tr)
                        average = scoring.split("_")[1]
                        row.append(
                            f1_score(
                                Y_te,
                                model.predict(X_te),
                                average=average,
                                zero_division=0,
                            )
                        )
                    values.append(row)
                v = np.array(values)
                diff = v[:, 1] - v[:, 0]
                se = diff.std(ddof=1) / np.sqrt(diff.size) if diff.size > 1 else 0
                print(
                    f"| {n_samples}, {n_labels}, {per_sample} | {base_name} | "
                    f"{scoring} | {v[:, 0].mean():.4f} | {v[:, 1].mean():.4f} | "
                    f"{diff.mean():+.4f} ({se:.4f}) | {diff.min():+.4f} |",
                    flush=True,
                )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = Path(__file__).resolve().parents[2] / "shared" / "data"
    parser.add_argument("--data-dir", type=Path, default=default)
    parser.add_argument("--seeds", type=int, default=10)
    parser.add_argument("--synthetic-seeds", type=int, default=5)
    args = parser.parse_args(argv)
    start = time.perf_counter()
    print("| data | base estimator | objective | rule | test F1 | vs first (SE) |")
    print("| --- | --- | --- | --- | ---: | ---: |")
    for data_name in ("yeast", "emotions"):
        data = np.load(args.data_dir / f"{data_name}.npz")
        X, Y = data["X"], data["Y"].astype(int)
        for base_name, make_base in BASES.items():
            runs = [scores_of(make_base, X, Y, seed) for seed in range(args.seeds)]
            for average, rules in (("macro", macro_rules), ("micro", micro_rules)):
                values = {}
                for seed, r in enumerate(runs):
                    for name, (cuts, test) in rules(r, seed).items():
                        f1 = f1_score(
                            r["y_test"], test >= cuts, average=average, zero_division=0
                        )
                        values.setdefault(name, []).append(f1)
                first = np.array(next(iter(values.values())))
                for name, v in values.items():
                    v = np.array(v)
                    diff = v - first
                    se = diff.std(ddof=1) / np.sqrt(diff.size) if diff.size > 1 else 0
                    print(
                        f"| {data_name} | {base_name} | {average}-F1 | {name} | "
                        f"{v.mean():.4f} | {diff.mean():+.4f} ({se:.4f}) |",
                        flush=True,
                    )
    if args.synthetic_seeds:
        synthetic(args.synthetic_seeds)
    print(f"\n{time.perf_counter() - start:.0f} s")


if __name__ == "__main__":
    main()
