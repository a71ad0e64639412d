"""Label-stratified folds: speed, and how evenly labels and label pairs spread.

Run: ``python benchmarks/bench_stratify.py [--data-dir DIR] [--quick]``

Splitters, 5 folds: ``KFold(shuffle=True)``, this package's
``MultilabelStratifiedKFold`` and the ``iterative-stratification`` package's
(``iterstrat``, timed and compared when installed). Data: 50,000 x 1,000
synthetic labels (0.05 % to 2 % positive each; ``--quick``: 5,000 x 200), and
``yeast`` / ``emotions`` from ``--data-dir``. Evenness, as in Sechidis et al.
(2011), lower is better:

- LD: per label, the mean over folds of ``|positive share in the fold -
  positive share overall|``, averaged over labels (in percent points);
- LPD: the same for label pairs that occur together (co-occurrence shares);
- empty: folds without a positive, summed over labels with at least 5.
"""

import argparse
import time
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.model_selection import KFold

from skmultimetrics import MultilabelStratifiedKFold


def synthetic(n, n_labels, seed=0):
    rng = np.random.default_rng(seed)
    prevalence = rng.uniform(0.0005, 0.02, n_labels)
    return sp.csr_array((rng.random((n, n_labels)) < prevalence).astype(np.int8))


def evenness(Y, folds, n_splits):
    """LD and LPD in percent points, and empty folds of labels with >= 5."""
    Y = sp.csr_array(Y, dtype=np.float64)
    n = Y.shape[0]
    pairs = (Y.T @ Y).tocoo()
    keep = pairs.row < pairs.col
    rows, cols = pairs.row[keep], pairs.col[keep]
    share = np.asarray(Y.sum(axis=0)).ravel() / n
    pair_share = pairs.data[keep] / n
    ld, lpd, empty = [], [], 0
    counts = np.asarray(Y.sum(axis=0)).ravel()
    for k in range(n_splits):
        part = Y[folds == k]
        size = part.shape[0]
        positives = np.asarray(part.sum(axis=0)).ravel()
        ld.append(np.abs(positives / size - share))
        both = (part.T @ part).tocsr()
        together = np.asarray(both[rows, cols]).ravel()
        lpd.append(np.abs(together / size - pair_share))
        empty += int(((positives == 0) & (counts >= 5)).sum())
    return 100 * np.mean(ld), 100 * np.mean(lpd) if rows.size else 0.0, empty


def fold_labels(splitter, Y):
    folds = np.empty(Y.shape[0], dtype=np.intp)
    X = np.zeros((Y.shape[0], 1))
    for k, (_, test) in enumerate(splitter.split(X, Y)):
        folds[test] = k
    return folds


def splitters():
    found = {
        "KFold(shuffle=True)": lambda Y: KFold(5, shuffle=True, random_state=0),
        "MultilabelStratifiedKFold (ours)": lambda Y: MultilabelStratifiedKFold(5),
    }
    try:
        from iterstrat.ml_stratifiers import MultilabelStratifiedKFold as Theirs
    except ImportError:
        return found, False
    found["iterstrat MultilabelStratifiedKFold"] = lambda Y: Theirs(
        n_splits=5, shuffle=True, random_state=0
    )
    return found, True


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args(argv)
    n, n_labels = (5_000, 200) if args.quick else (50_000, 1_000)
    sets = {f"synthetic {n:,} x {n_labels:,}": synthetic(n, n_labels)}
    if args.data_dir:
        for name in ("yeast", "emotions"):
            sets[name] = sp.csr_array(np.load(args.data_dir / f"{name}.npz")["Y"])
    found, have_iterstrat = splitters()
    print("| data | splitter | seconds | LD (pp) | LPD (pp) | empty folds |")
    print("| --- | --- | ---: | ---: | ---: | ---: |")
    for data, Y in sets.items():
        for name, make in found.items():
            # iterstrat wants a dense matrix
            labels = Y.toarray() if name.startswith("iterstrat") else Y
            start = time.perf_counter()
            folds = fold_labels(make(labels), labels)
            seconds = time.perf_counter() - start
            ld, lpd, empty = evenness(Y, folds, 5)
            print(
                f"| {data} | {name} | {seconds:.2f} | {ld:.4f} | {lpd:.4f} | {empty} |",
                flush=True,
            )
    if not have_iterstrat:
        print("(iterative-stratification not installed: no row for it)")


if __name__ == "__main__":
    main()
