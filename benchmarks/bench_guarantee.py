"""Cut-offs with a guarantee: coverage and power on known populations.

20 labels of prevalence 2 % ... 40 %, label j's positives scoring
~ Beta(a_j, 2) and its negatives ~ Beta(2, b_j) with a_j from 2.5 to 6 and b_j
from 6 to 3 (labels differ: one shared cut-off cannot suit them all); the
population metrics of a cut-off are computed
exactly from the Beta CDFs. Per floor (recall 0.9 maximising precision,
precision 0.7 maximising recall) and rule, over the repetitions:

- ``below``: share of labels whose population metric is under the floor
  (the promise: at most 1 - confidence = 0.05, within simulation noise);
- ``any``: share of repetitions with some label under it (the promise of
  ``simultaneous=True``);
- ``pos.rate``: population share of predicted positives (power at a recall
  floor: lower is better; at a precision floor, higher is better);
- ``objective``: population precision (recall floor) or recall (precision
  floor) reached, the mean over labels (a label that predicts none counts 0);
- ``s/rep``: seconds per repetition (all 20 labels).

Rules: ``point`` (the constraint on the tuning data, no confidence level),
``exact`` / ``exact-simult`` (this package, confidence_level=0.95),
``bonf-grid100`` (Learn then Test with Bonferroni over 100 cut-offs 0.00 ...
0.99, the plain exact reference), ``mapie-holm`` / ``mapie-fixed``
(MAPIE's BinaryClassificationController, one call per label, default
Bonferroni-Holm and fixed-sequence; of its valid cut-offs the one of the best
objective: the highest at a recall floor, the lowest at a precision floor),
``mapie-multilabel`` (one cut-off shared by all labels, sample-averaged
recall, RCPS with Hoeffding's bound, rows with a label only, first 20
repetitions; recall floors only), when MAPIE is installed
(``benchmarks/requirements-guarantee.txt``). Then ThresholdOptimizer on a
fitted model (cv="prefit" against cv=5), a multiclass model (below) and the
time on 200,000 x 100.

``--grid``: the coverage of this package's rule alone over the issue's grid,
n in {200, 1000, 5000} calibration rows, six labels of prevalence 1, 2, 5, 10,
20 and 40 %, positives ~ Beta(6, 2) and negatives ~ Beta(2, 6) for every label
(so prevalence is the only difference; precision 0.7 is reachable at 1 %,
with recall 0.63), floors recall 0.9 (maximising precision), precision 0.7
and 0.5 (maximising recall; 0.7 is rarely certified at 1 %) and specificity
0.95 (maximising recall), per label and ``simultaneous=True``, confidence 0.95.
Per cell the share under the floor on the population (exact, from the Beta
CDFs), its Monte Carlo standard error and the exact binomial p-value of
"share <= 0.05"; the same draws serve every floor and rule.

Multiclass: 5 classes, softmax scores of logits ``N(0, 1)`` plus
``1.2 + 0.3 c`` on the true class c (the classes differ), the floor on class 1
(recall 0.9, precision 0.8, specificity 0.95) maximising macro F1; the
population metric and macro F1 of the chosen weights measured on 400,000 fresh
rows. Rules: ``point``, ``exact`` (confidence_level=0.95: the other weights
tuned inside the certified limit) and ``exact-c-only`` (the best certified
weight of class 1 alone, the others at 1: the plain certified baseline).

    python benchmarks/bench_guarantee.py [--reps 200] [--n 2000] [--only multiclass]
    python benchmarks/bench_guarantee.py --grid [--reps 1000]
"""

import argparse
import time
import warnings

import numpy as np
from scipy import stats

from skmultimetrics import optimize_thresholds

PREVALENCE = np.linspace(0.02, 0.4, 20)
A1, B1 = np.linspace(2.5, 6, 20), 2.0
A0, B0 = 2.0, np.linspace(6, 3, 20)
DELTA = 0.05
MULTILABEL_REPS = 20
FLOORS = (("recall", 0.9, "precision_macro"), ("precision", 0.7, "recall_macro"))


def population(cut):
    """Population recall, precision and predicted share of ``score >= cut``."""
    hit1, hit0 = stats.beta.sf(cut, A1, B1), stats.beta.sf(cut, A0, B0)
    predicted = PREVALENCE * hit1 + (1 - PREVALENCE) * hit0
    with np.errstate(invalid="ignore", divide="ignore"):
        precision = np.where(predicted > 0, PREVALENCE * hit1 / predicted, np.nan)
    return {"recall": hit1, "precision": precision, "share": predicted}


GRID_PREVALENCE = np.array([0.01, 0.02, 0.05, 0.1, 0.2, 0.4])
GRID_FLOORS = (
    *FLOORS,
    ("precision", 0.5, "recall_macro"),
    ("specificity", 0.95, "recall_macro"),
)


def grid_population(cut, prevalence):
    """Population recall, precision and specificity of ``score >= cut`` for
    the grid's Beta(6, 2) positives and Beta(2, 6) negatives."""
    hit1, hit0 = stats.beta.sf(cut, 6, 2), stats.beta.sf(cut, 2, 6)
    predicted = prevalence * hit1 + (1 - prevalence) * hit0
    with np.errstate(invalid="ignore", divide="ignore"):
        precision = np.where(predicted > 0, prevalence * hit1 / predicted, np.nan)
    return {"recall": hit1, "precision": precision, "specificity": 1 - hit0}


def _cell(misses, reps):
    """``share (se)`` and the exact binomial p-value of "share <= DELTA"."""
    share = misses / reps
    se = np.sqrt(max(share * (1 - share), 1e-12) / reps)
    return f"{share:.3f} ({se:.3f})", stats.binom.sf(misses - 1, reps, DELTA)


def grid_coverage(reps, seed=0):
    print(
        f"coverage grid: {reps} repetitions, labels of prevalence "
        f"{', '.join(f'{p:.0%}' for p in GRID_PREVALENCE)}, Beta(6, 2) / "
        f"Beta(2, 6), confidence {1 - DELTA}; share under the floor (its "
        "standard error); 'all': repetitions with some label under it"
    )
    heads = [f"{p:.0%}" for p in GRID_PREVALENCE] + ["all"]
    print(f"{'floor':<18}{'n':>6}  {'rule':<10}" + "".join(f"{h:>16}" for h in heads))
    rng = np.random.default_rng(seed)
    worst, start = (np.inf, ()), time.perf_counter()
    for n in (200, 1000, 5000):
        draws = []
        for _ in range(reps):
            truth = rng.random((n, GRID_PREVALENCE.size)) < GRID_PREVALENCE
            positive, negative = (
                rng.beta(6, 2, truth.shape),
                rng.beta(2, 6, truth.shape),
            )
            draws.append((truth, np.where(truth, positive, negative)))
        for metric, level, scoring in GRID_FLOORS:
            for simultaneous in (False, True):
                missed, certified = [], []
                for truth, scores in draws:
                    with warnings.catch_warnings():
                        warnings.simplefilter("ignore")
                        result = optimize_thresholds(
                            truth,
                            scores,
                            scoring=scoring,
                            constraint=(metric, level),
                            confidence_level=1 - DELTA,
                            simultaneous=simultaneous,
                        )
                    reached = grid_population(result.thresholds, GRID_PREVALENCE)
                    # no certified precision cut-off: predicts none, never under
                    missed.append(np.nan_to_num(reached[metric], nan=1.0) < level)
                    certified.append(result.feasible)
                missed = np.array(missed)
                counts = [*missed.sum(axis=0), missed.any(axis=1).sum()]
                cells = [_cell(k, reps) for k in counts]
                rule = "simult" if simultaneous else "per label"
                promised = cells if simultaneous else cells[:-1]
                worst = min(worst, min((p, (metric, n, rule)) for _, p in promised))
                print(
                    f"{metric + ' ' + str(level):<18}{n:>6}  {rule:<10}"
                    + "".join(f"{text:>16}" for text, _ in cells)
                    + "   certified: "
                    + " ".join(f"{c:.2f}" for c in np.mean(certified, axis=0))
                )
    print(
        f"smallest p-value of 'share <= {DELTA}' over the promised cells: "
        f"{worst[0]:.3g} at {worst[1]} ({time.perf_counter() - start:.0f} s)"
    )


def draw_scores(rng, truth):
    shape = truth.shape
    return np.where(truth, rng.beta(A1, B1, shape), rng.beta(A0, B0, shape))


def bonferroni_grid(truth, scores, metric, level):
    """Learn then Test, Bonferroni over the 100 cut-offs 0.00 ... 0.99."""
    grid = np.round(np.arange(100) / 100, 2)
    # nothing certified: a recall floor predicts every row, precision none
    cuts = np.full(truth.shape[1], -np.inf if metric == "recall" else np.inf)
    for j in range(truth.shape[1]):
        predicted = scores[:, j, None] >= grid
        tp = (predicted & truth[:, j, None]).sum(axis=0)
        trials = predicted.sum(axis=0) if metric == "precision" else truth[:, j].sum()
        trials = np.broadcast_to(trials, tp.shape)
        p = np.where(trials > 0, stats.binom.sf(tp - 1, trials, level), 1.0)
        ok = p <= DELTA / grid.size
        if ok.any():  # recall floor: the highest certified; precision: lowest
            cuts[j] = grid[ok].max() if metric == "recall" else grid[ok].min()
    return cuts


def mapie_rule(truth, scores, metric, level, fwer):
    from mapie.risk_control import BinaryClassificationController

    cuts = np.full(truth.shape[1], -np.inf if metric == "recall" else np.inf)
    for j in range(truth.shape[1]):
        controller = BinaryClassificationController(
            predict_function=lambda x: np.column_stack([1 - x, x]),
            risk=metric,
            target_level=level,
            confidence_level=1 - DELTA,
            fwer_method=fwer,
        )
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            controller.calibrate(scores[:, j], truth[:, j].astype(int))
        valid = np.asarray(controller.valid_predict_params, dtype=float).ravel()
        if valid.size:  # its best valid cut-off for the objective, as ours
            cuts[j] = valid.max() if metric == "recall" else valid.min()
    return cuts


def mapie_multilabel(truth, scores, metric, level):
    from mapie.risk_control import MultiLabelClassificationController

    controller = MultiLabelClassificationController(
        predict_function=lambda x: x,
        risk="recall",
        method="rcps",
        rcps_bound="hoeffding",
        target_level=level,
        confidence_level=1 - DELTA,
    )
    keep = truth.any(axis=1)  # MAPIE refuses rows without a label
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        controller.calibrate(scores[keep], truth[keep].astype(int))
    # one cut-off for every label: score > best_predict_param
    return np.full(truth.shape[1], float(controller.best_predict_param[0]))


def ours(truth, scores, metric, level, scoring, confidence, simultaneous=False):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return optimize_thresholds(
            truth,
            scores,
            scoring=scoring,
            constraint=(metric, level),
            confidence_level=confidence,
            simultaneous=simultaneous,
        ).thresholds


def rules(mapie):
    found = {
        "point": lambda t, s, m, lv, sc: ours(t, s, m, lv, sc, None),
        "exact": lambda t, s, m, lv, sc: ours(t, s, m, lv, sc, 1 - DELTA),
        "exact-simult": lambda t, s, m, lv, sc: ours(t, s, m, lv, sc, 1 - DELTA, True),
        "bonf-grid100": lambda t, s, m, lv, sc: bonferroni_grid(t, s, m, lv),
    }
    if mapie:
        found["mapie-holm"] = lambda t, s, m, lv, sc: mapie_rule(
            t, s, m, lv, "bonferroni_holm"
        )
        found["mapie-fixed"] = lambda t, s, m, lv, sc: mapie_rule(
            t, s, m, lv, "fixed_sequence"
        )
        found["mapie-multilabel"] = lambda t, s, m, lv, sc: mapie_multilabel(
            t, s, m, lv
        )
    return found


def coverage(reps, n, mapie, seed=0):
    print(f"coverage and power: {reps} repetitions, n = {n}, 20 labels, delta = 0.05")
    print(
        f"{'floor':<15}{'rule':<18}{'below':>8}{'any':>8}{'pos.rate':>10}"
        f"{'objective':>11}{'s/rep':>9}"
    )
    for metric, level, scoring in FLOORS:
        rng = np.random.default_rng(seed)
        draws = []
        for _ in range(reps):
            truth = rng.random((n, PREVALENCE.size)) < PREVALENCE
            scores = draw_scores(rng, truth)
            draws.append((truth, scores))
        for name, rule in rules(mapie).items():
            if name == "mapie-multilabel" and metric != "recall":
                continue
            below, any_below, share, objective = [], [], [], []
            start = time.perf_counter()
            # MAPIE's multi-label controller takes seconds per call
            used = draws[:MULTILABEL_REPS] if name == "mapie-multilabel" else draws
            for truth, scores in used:
                cuts = rule(truth, scores, metric, level, scoring)
                pop = population(cuts)
                reached = pop[metric]
                missed = np.where(np.isnan(reached), False, reached < level)
                below.append(missed.mean())
                any_below.append(missed.any())
                share.append(pop["share"].mean())
                other = "precision" if metric == "recall" else "recall"
                objective.append(np.nan_to_num(pop[other]).mean())
            seconds = (time.perf_counter() - start) / len(used)
            print(
                f"{metric + ' ' + str(level):<15}{name:<18}{np.mean(below):>8.3f}"
                f"{np.mean(any_below):>8.3f}{np.mean(share):>10.3f}"
                f"{np.mean(objective):>11.3f}{seconds:>9.3f}"
            )


def fitted_model_coverage(reps, n, seed=0):
    """ThresholdOptimizer on a logistic model: cv="prefit" on a calibration
    half (exact) against cv=5 out-of-fold scores (approximate); the
    population metric of the deployed cut-offs is measured on 100,000 fresh
    rows (Monte Carlo error about 0.003)."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.multiclass import OneVsRestClassifier

    from skmultimetrics import ThresholdOptimizer

    rng = np.random.default_rng(seed)
    weights = rng.normal(size=(5, 5))
    offsets = np.linspace(-3, 0, 5)

    def sample(size):
        X = rng.normal(size=(size, 5))
        logits = X @ weights + offsets
        return X, (rng.random(logits.shape) < 1 / (1 + np.exp(-logits))).astype(int)

    X_new, Y_new = sample(100_000)
    print(f"\nfitted model, 5 labels, n = {n}, {reps} repetitions, delta = 0.05")
    print(f"{'floor':<15}{'cv':<10}{'below':>8}{'any':>8}")
    for metric, level, scoring in FLOORS:
        for cv in ("prefit", 5):
            below = []
            for _ in range(reps):
                X, Y = sample(n)
                model = OneVsRestClassifier(LogisticRegression())
                if cv == "prefit":
                    model.fit(X[: n // 2], Y[: n // 2])
                    X, Y = X[n // 2 :], Y[n // 2 :]
                tuner = ThresholdOptimizer(
                    model,
                    scoring=scoring,
                    constraint=(metric, level),
                    confidence_level=1 - DELTA,
                    cv=cv,
                )
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    predicted = tuner.fit(X, Y).predict(X_new).astype(bool)
                tp = (predicted & (Y_new == 1)).sum(axis=0)
                total = predicted.sum(axis=0) if metric == "precision" else Y_new.sum(0)
                with np.errstate(invalid="ignore", divide="ignore"):
                    reached = tp / total
                below.append(np.where(np.isnan(reached), False, reached < level))
            below = np.array(below)
            print(
                f"{metric + ' ' + str(level):<15}{cv!s:<10}{below.mean():>8.3f}"
                f"{below.any(axis=1).mean():>8.3f}"
            )


def _softmax_draw(rng, n, n_classes=5):
    y = rng.integers(0, n_classes, n)
    logits = rng.normal(size=(n, n_classes))
    logits[np.arange(n), y] += 1.2 + 0.3 * y
    proba = np.exp(logits)
    return y, proba / proba.sum(axis=1, keepdims=True)


def multiclass_coverage(reps, n, seed=0):
    """Multiclass floors on class 1: share of repetitions under the floor and
    the population macro F1, for the point rule, the certified search and the
    certified one-weight baseline."""
    from sklearn.metrics import f1_score

    from skmultimetrics._checks._multiclass import class_decisions
    from skmultimetrics._thresholds._class_guarantee import certified_weights
    from skmultimetrics._thresholds._multiclass import MulticlassObjective

    rng = np.random.default_rng(seed)
    y_new, p_new = _softmax_draw(rng, 400_000)

    def population(metric, thresholds):
        pred = class_decisions(p_new, thresholds)
        if metric == "recall":
            value = (pred[y_new == 1] == 1).mean()
        elif metric == "specificity":
            value = (pred[y_new != 1] != 1).mean()
        else:
            value = (y_new[pred == 1] == 1).mean() if (pred == 1).any() else np.nan
        return value, f1_score(y_new, pred, average="macro")

    def c_only(y, proba, metric, level):
        objective = MulticlassObjective("f1_macro", "bench").bind(
            y, None, proba.shape[1], np.arange(proba.shape[1])
        )
        weights = certified_weights(objective, proba, (metric, level, 1), DELTA, 0)[0]
        with np.errstate(divide="ignore"):
            return 1 / weights

    print(f"\nmulticlass, 5 classes, floor on class 1, n = {n}, {reps} repetitions")
    print(f"{'floor':<18}{'rule':<14}{'below':>8}{'macro F1':>10}{'s / rep':>9}")
    for metric, level in (("recall", 0.9), ("precision", 0.8), ("specificity", 0.95)):
        draws = [_softmax_draw(rng, n) for _ in range(reps)]
        for rule in ("point", "exact", "exact-c-only"):
            below, objective, seconds = [], [], 0.0
            for y, proba in draws:
                start = time.perf_counter()
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    if rule == "exact-c-only":
                        thresholds = c_only(y, proba, metric, level)
                    else:
                        confidence = None if rule == "point" else 1 - DELTA
                        thresholds = optimize_thresholds(
                            y,
                            proba,
                            constraint=(metric, level, 1),
                            confidence_level=confidence,
                        ).thresholds
                seconds += time.perf_counter() - start
                value, f1 = population(metric, thresholds)
                below.append(not np.isnan(value) and value < level)
                objective.append(f1)
            print(
                f"{metric + ' ' + str(level):<18}{rule:<14}{np.mean(below):>8.3f}"
                f"{np.mean(objective):>10.3f}{seconds / reps:>9.3f}"
            )


def timing():
    rng = np.random.default_rng(0)
    truth = rng.random((200_000, 100)) < 0.1
    scores = np.where(truth, rng.beta(4, 2, truth.shape), rng.beta(2, 4, truth.shape))
    for metric, level, scoring in FLOORS:
        for confidence in (None, 1 - DELTA):
            start = time.perf_counter()
            ours(truth, scores, metric, level, scoring, confidence)
            seconds = time.perf_counter() - start
            print(
                f"200,000 x 100, {metric} {level}, confidence_level={confidence}: "
                f"{seconds:.2f} s"
            )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=200)
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--no-mapie", action="store_true")
    parser.add_argument("--only", choices=["multiclass"], default=None)
    parser.add_argument("--grid", action="store_true")
    args = parser.parse_args()
    if args.grid:
        grid_coverage(args.reps)
        return
    if args.only == "multiclass":
        multiclass_coverage(args.reps, args.n)
        return
    try:
        import mapie  # noqa: F401

        has_mapie = not args.no_mapie
    except ImportError:
        has_mapie = False
        print(
            "MAPIE not installed: pip install -r benchmarks/requirements-guarantee.txt"
        )
    coverage(args.reps, args.n, has_mapie)
    fitted_model_coverage(args.reps // 2, args.n)
    multiclass_coverage(args.reps, args.n)
    timing()


if __name__ == "__main__":
    main()
