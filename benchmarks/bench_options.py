"""Paired held-out gains of ThresholdOptimizer's options on real data sets.

Run: ``python benchmarks/bench_options.py [--data-dir DIR] [--seeds N]
[--rf-yeast-seeds M]``

``DIR`` holds ``yeast.npz`` and ``emotions.npz`` (multi-label: ``X``, ``Y``) and
``ecoli.npz`` (multiclass: ``X``, ``y``); by default ``../shared/data`` next to
the repository. For each data set, base estimator and seed (30 % held out), every
variant of a pair is fitted on the same split with the same folds, and the pair's
held-out macro-F1 and micro-F1 difference (option minus baseline) is recorded.
The table gives the mean paired difference over the seeds and its standard error
(sd / sqrt(n_seeds)); ``*`` marks a mean beyond 2 standard errors. The fold
models of one split are fitted once and shared by all variants (they are the
same fits: same data, same folds, same ``random_state``), so the cost is that of
the searches.

It measured ``keep_tuned="if_better"`` on multi-label targets and
``aggregate="fold_mean"`` on multiclass targets before they were removed (see
``docs/performance.rst``): those pairs now print "removed"; run the script at
commit f91d6c7 to repeat them.
"""

import argparse
import hashlib
from pathlib import Path

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin, clone
from sklearn.ensemble import RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from skmultimetrics import ThresholdOptimizer, f1_score

_FITS = {}


class Shared(ClassifierMixin, BaseEstimator):
    """An estimator whose fits are shared by every variant of one split."""

    def __init__(self, estimator):
        self.estimator = estimator

    def fit(self, X, y):
        digest = hashlib.sha1(np.ascontiguousarray(X).tobytes())
        digest.update(np.ascontiguousarray(y).tobytes())
        key = (repr(self.estimator), X.shape, digest.hexdigest())
        if key not in _FITS:
            _FITS[key] = clone(self.estimator).fit(X, y)
        self.fitted_ = _FITS[key]
        self.classes_ = self.fitted_.classes_
        return self

    def predict_proba(self, X):
        return self.fitted_.predict_proba(X)

    def predict(self, X):
        return self.fitted_.predict(X)


BASES = {
    "LR": lambda multiclass: make_pipeline(
        StandardScaler(),
        LogisticRegression(max_iter=2000)
        if multiclass
        else OneVsRestClassifier(LogisticRegression(max_iter=2000)),
    ),
    "RF": lambda multiclass: RandomForestClassifier(
        n_estimators=100, n_jobs=1, random_state=0
    ),
}

# (option, baseline) keyword pairs; the difference is option minus baseline
MULTILABEL_PAIRS = {
    "macro: fold_mean - pooled": (
        {"scoring": "f1_macro", "aggregate": "fold_mean"},
        {"scoring": "f1_macro"},
    ),
    "macro: if_better - always": (
        {"scoring": "f1_macro", "keep_tuned": "if_better"},
        {"scoring": "f1_macro"},
    ),
    "macro: shrink shared - none": (
        {"scoring": "f1_macro", "shrink": "shared"},
        {"scoring": "f1_macro"},
    ),
    "micro: fold_mean - pooled": (
        {"scoring": "f1_micro", "aggregate": "fold_mean"},
        {"scoring": "f1_micro"},
    ),
    "micro: if_better - always": (
        {"scoring": "f1_micro", "keep_tuned": "if_better"},
        {"scoring": "f1_micro"},
    ),
    "micro: shrink auto (shared) - none": (
        {"scoring": "f1_micro"},
        {"scoring": "f1_micro", "shrink": "none"},
    ),
}
MULTICLASS_PAIRS = {
    "macro: if_better (default) - always": (
        {"scoring": "f1_macro"},
        {"scoring": "f1_macro", "keep_tuned": "always"},
    ),
    "macro: fold_mean - pooled (if_better)": (
        {"scoring": "f1_macro", "aggregate": "fold_mean"},
        {"scoring": "f1_macro"},
    ),
    "macro: fold_mean - pooled (always)": (
        {"scoring": "f1_macro", "aggregate": "fold_mean", "keep_tuned": "always"},
        {"scoring": "f1_macro", "keep_tuned": "always"},
    ),
}


def held_out(params, base, X_tr, Y_tr, X_te, Y_te, cache):
    key = tuple(sorted(params.items()))
    if key not in cache:
        try:
            model = ThresholdOptimizer(Shared(base), **params).fit(X_tr, Y_tr)
        except ValueError:  # an option removed since it was measured
            return np.full(2, np.nan)
        pred = model.predict(X_te)
        cache[key] = np.array(
            [
                f1_score(Y_te, pred, average=average, zero_division=0.0)
                for average in ("macro", "micro")
            ]
        )
    return cache[key]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = Path(__file__).resolve().parents[2] / "shared" / "data"
    parser.add_argument("--data-dir", type=Path, default=default)
    parser.add_argument("--seeds", type=int, default=30)
    parser.add_argument("--rf-yeast-seeds", type=int, default=20)
    args = parser.parse_args(argv)
    print(
        "| data | base | pair | seeds | macro-F1 diff (SE) | micro-F1 diff (SE) |",
        flush=True,
    )
    for data_name in ("yeast", "emotions", "ecoli"):
        data = np.load(args.data_dir / f"{data_name}.npz")
        multiclass = "y" in data.files
        X = data["X"]
        Y = data["y"] if multiclass else data["Y"].astype(int)
        pairs = MULTICLASS_PAIRS if multiclass else MULTILABEL_PAIRS
        for base_name, make_base in BASES.items():
            n_seeds = args.seeds
            if data_name == "yeast" and base_name == "RF":
                n_seeds = args.rf_yeast_seeds
            diffs = {name: [] for name in pairs}
            for seed in range(n_seeds):
                X_tr, X_te, Y_tr, Y_te = train_test_split(
                    X,
                    Y,
                    test_size=0.3,
                    random_state=seed,
                    stratify=Y if multiclass else None,
                )
                _FITS.clear()
                cache = {}
                split = (make_base(multiclass), X_tr, Y_tr, X_te, Y_te, cache)
                for name, (option, baseline) in pairs.items():
                    diffs[name].append(
                        held_out(option, *split) - held_out(baseline, *split)
                    )
            for name, values in diffs.items():
                values = np.array(values)
                if np.isnan(values).all():
                    print(f"| {data_name} | {base_name} | {name} | removed |")
                    continue
                mean = values.mean(axis=0)
                se = values.std(axis=0, ddof=1) / np.sqrt(len(values))
                cells = [
                    f"{m:+.4f} ({s:.4f}){' *' if abs(m) > 2 * s else ''}"
                    for m, s in zip(mean, se)
                ]
                print(
                    f"| {data_name} | {base_name} | {name} | {len(values)} | "
                    f"{cells[0]} | {cells[1]} |",
                    flush=True,
                )


if __name__ == "__main__":
    main()
