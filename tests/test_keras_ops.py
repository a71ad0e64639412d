"""The ``keras.ops`` formulas of ``skmultimetrics.keras._ops`` against the NumPy
finish of the stream (``_metrics._streamed.finish``, ``_counts._sums``) on random
counts, and every streamed name family through three consumers on random
batches: the Keras metric (a compiled ``evaluate``), ``MetricAccumulator`` and
scikit-learn (the package's function where scikit-learn has none).

Runs on the backend of ``KERAS_BACKEND`` (CI: jax and torch).
"""

import importlib
import math
import os
import warnings

import numpy as np
import pytest
from sklearn import metrics as sk

import skmultimetrics as smm
from skmultimetrics._counts._sums import sample_mean, sample_mean_sums
from skmultimetrics._metrics._registry import Spec
from skmultimetrics._metrics._streamed import finish


def require(module):
    if os.environ.get("SKMM_REQUIRE_KERAS"):
        return importlib.import_module(module)
    return pytest.importorskip(module)


keras = require("keras")
skk = require("skmultimetrics.keras")
_ops = require("skmultimetrics.keras._ops")
ops = keras.ops

pytestmark = pytest.mark.filterwarnings(
    "ignore:__array__ implementation doesn't accept a copy:DeprecationWarning"
)

ZERO_DIVISIONS = ["warn", 0.0, 1.0, np.nan]
BETAS = [1.0, 0.5, 2.0, 0.0, np.inf]


def quiet(func, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return func(*args, **kwargs)


def random_counts(rng, n_labels):
    """``(3, n_labels)`` counts [tp, pred, true] with many zeros: integers, or
    weighted (floats) half of the time."""
    true = rng.integers(0, 3, n_labels).astype(float)
    pred = rng.integers(0, 3, n_labels).astype(float)
    tp = np.minimum(true, pred) * (rng.random(n_labels) < 0.6)
    counts = np.stack([tp, pred, true])
    if rng.random() < 0.5:
        counts = counts * rng.choice([0.5, 1.5, 2.25])
    return counts


def keras_value(value):
    return float(ops.convert_to_numpy(value))


def tensor(array):
    return None if array is None else ops.convert_to_tensor(array.astype(np.float32))


SET_METRICS = [("precision", 1.0), ("recall", 1.0), ("f1", 1.0), ("jaccard", 1.0)]
SET_METRICS += [("fbeta", beta) for beta in BETAS]


@pytest.mark.parametrize("zero_division", ZERO_DIVISIONS)
def test_set_formulas_equal_the_numpy_finish_on_random_counts(zero_division):
    rng = np.random.default_rng(0)
    zero = 0.0 if zero_division == "warn" else zero_division
    for trial in range(12):
        n_labels = int(rng.integers(2, 6))
        counts = random_counts(rng, n_labels)
        # a class counted is a class seen; some others are seen too
        seen = (rng.random(n_labels) < 0.5) | (counts[1] + counts[2] > 0)
        set_sums = {"tp": counts[0], "pred": counts[1], "true": counts[2],
                    "total": 10.0, "seen": seen.astype(float)}  # fmt: skip
        for kind in ("multilabel", "multiclass"):
            present = None if kind == "multilabel" else ops.convert_to_tensor(seen)
            for average in ("micro", "macro", "weighted", "binary"):
                for metric, beta in SET_METRICS:
                    if metric == "jaccard" and math.isnan(zero):
                        continue  # refused, as scikit-learn does
                    spec = Spec("x", "set", metric, average=average, beta=beta)
                    sums = {"set": set_sums}
                    expected = quiet(finish, sums, (spec,), kind, 2, zero_division)
                    value = _ops.set_value(
                        metric, average, tensor(counts), zero, present=present,
                        beta=beta,
                    )  # fmt: skip
                    where = (trial, kind, average, metric, beta, counts)
                    assert keras_value(value) == pytest.approx(
                        expected["x"], rel=1e-6, nan_ok=True
                    ), where


@pytest.mark.parametrize("zero_division", ZERO_DIVISIONS)
def test_sample_means_equal_the_numpy_finish_on_random_values(zero_division):
    rng = np.random.default_rng(1)
    zero = 0.0 if zero_division == "warn" else zero_division
    for trial in range(20):
        n = int(rng.integers(1, 8))
        values = rng.random(n)
        values[rng.random(n) < 0.4] = np.nan  # undefined samples
        weight = [None, rng.integers(0, 3, n).astype(float)][trial % 2]
        defined = ~np.isnan(values)
        clean = np.where(defined, values, 0.0)
        sums = _ops.mean_sums(
            tensor(clean), ops.convert_to_tensor(defined), tensor(weight), "float32"
        )
        for weighted in (False, True):
            numpy_sums = sample_mean_sums(values, weight)
            expected = sample_mean(numpy_sums, zero, weighted_counts=weighted)
            value = _ops.sample_mean(sums, zero, weighted_counts=weighted)
            assert keras_value(value) == pytest.approx(
                expected, rel=1e-6, nan_ok=True
            ), (trial, values, weight, weighted)


def test_hamming_accuracy_equals_the_numpy_finish_on_random_counts():
    rng = np.random.default_rng(2)
    spec = Spec("hamming_accuracy", "accuracy", "hamming_accuracy")
    for _ in range(20):
        counts = random_counts(rng, int(rng.integers(1, 6)))
        total = float(counts.max() + rng.integers(1, 4))
        set_sums = {"tp": counts[0], "pred": counts[1], "true": counts[2],
                    "total": total}  # fmt: skip
        expected = finish({"set": set_sums}, (spec,), "multilabel", 1, "warn")
        value = _ops.hamming_accuracy(tensor(counts), ops.convert_to_tensor(total))
        assert keras_value(value) == pytest.approx(expected["hamming_accuracy"])


# -- every name family: Keras == MetricAccumulator == scikit-learn ----------------

SET = [f"{m}_{a}" for m in ("precision", "recall", "f1", "jaccard")
       for a in ("micro", "macro", "samples", "weighted")]  # fmt: skip
FBETA = [("f2_macro", 2.0, "macro"), ("f0.5_micro", 0.5, "micro"),
         ("f2_samples", 2.0, "samples"), ("f3_weighted", 3.0, "weighted")]  # fmt: skip
ACCURACIES = ["subset_accuracy", "hamming_accuracy", "neg_hamming_loss"]
RANKED = ["top1_accuracy", "top3_accuracy", "precision_at_2", "recall_at_2",
          "ndcg_at_2"]  # fmt: skip


def batches(seed, kind):
    """Random scores with an empty row, a label never true and scores at the
    cut-off; a quarter of the runs weighted."""
    rng = np.random.default_rng(seed)
    n, n_labels = int(rng.integers(60, 140)), int(rng.integers(4, 7))
    scores = (np.round(rng.random((n, n_labels)) * 20) / 20).astype(np.float32)
    scores = np.minimum(scores + rng.random((n, n_labels)) * 1e-3, 1)  # few ties
    scores = scores.astype(np.float32)
    if kind == "multiclass":  # the argmax; no ties (scikit-learn's top-k sorts)
        y = rng.integers(0, n_labels - 1, n)
    else:
        scores[rng.random((n, n_labels)) < 0.1] = 0.5  # at the cut-off
        y = (rng.random((n, n_labels)) < 0.35).astype(np.float32)
        y[:3], y[:, -1] = 0, 0
    weight = rng.integers(0, 4, n).astype(np.float32) if seed % 2 else None
    return y, scores, weight, int(rng.integers(7, 40))


def sklearn_value(name, y, scores, weight, zero_division, beta=None, average=None):
    """scikit-learn's value, or the package's function where it has none."""
    multiclass = y.ndim == 1
    pred = scores.argmax(axis=1) if multiclass else (scores >= 0.5).astype(int)
    w = {"sample_weight": weight}
    if beta is not None:
        return sk.fbeta_score(y, pred, beta=beta, average=average,
                              zero_division=zero_division, **w)  # fmt: skip
    if name in SET:
        metric, average = name.rsplit("_", 1)
        func = getattr(sk, f"{metric}_score")
        return func(y, pred, average=average, zero_division=zero_division, **w)
    if name == "subset_accuracy":
        return sk.accuracy_score(y, pred, **w)
    if name in ("hamming_accuracy", "neg_hamming_loss"):
        loss = sk.hamming_loss(y, pred, **w)
        return 1.0 - loss if name == "hamming_accuracy" else -loss
    if name.startswith("top"):
        k = int(name[3])
        if multiclass:
            return sk.top_k_accuracy_score(y, scores, k=k, labels=np.arange(
                scores.shape[1]), **w)  # fmt: skip
        return smm.top_k_accuracy_score(y, scores, k=k, **w)
    metric, k = name.split("_at_")
    if metric == "ndcg" and zero_division in ("warn", 0.0):
        return sk.ndcg_score(y, scores, k=int(k), **w)
    func = getattr(smm, f"{metric}_at_k_score")
    kwargs = {} if metric == "precision" else {"zero_division": zero_division}
    return func(y, scores, k=int(k), **w, **kwargs)


def names_for(kind, zero_division):
    names = SET + ACCURACIES + RANKED
    if kind == "multiclass":
        names = [n for n in names if not n.endswith("samples") and "_at_" not in n]
    if isinstance(zero_division, float) and math.isnan(zero_division):
        names = [n for n in names if not n.startswith("jaccard")]  # refused
    return names


def three_ways(kind, seed, zero_division, fbeta_by_name=False):
    y, scores, weight, batch = batches(seed, kind)
    names = names_for(kind, zero_division)
    fbeta = [f for f in FBETA if kind == "multilabel" or f[2] != "samples"]
    params = {"zero_division": zero_division}
    metrics = [skk.get_metric(n, **params) for n in names]
    if fbeta_by_name:
        metrics += [skk.get_metric(n, **params) for n, _, _ in fbeta]
    else:
        metrics += [skk.FBetaScore(beta=b, average=a, name=n, **params)
                    for n, b, a in fbeta]  # fmt: skip
    model = keras.Sequential([keras.Input((scores.shape[1],)), keras.layers.Identity()])
    key = "weighted_metrics" if weight is not None else "metrics"
    model.compile(loss=lambda t, p: ops.sum(p) * 0.0, run_eagerly=False,
                  **{key: metrics})  # fmt: skip
    logs = model.evaluate(scores, y, sample_weight=weight, batch_size=batch,
                          verbose=0, return_dict=True)  # fmt: skip
    accumulator = smm.MetricAccumulator(
        names + [n for n, _, _ in fbeta], zero_division=zero_division
    )
    for start in range(0, len(scores), batch):
        stop = start + batch
        quiet(accumulator.update, y[start:stop], scores[start:stop],
              sample_weight=None if weight is None else weight[start:stop])  # fmt: skip
    streamed = quiet(accumulator.result)
    for name in names:
        expected = quiet(sklearn_value, name, y, scores, weight, zero_division)
        assert streamed[name] == pytest.approx(expected, abs=1e-6, nan_ok=True), name
        assert logs[name] == pytest.approx(expected, abs=1e-5, nan_ok=True), name
    for name, beta, average in fbeta:
        expected = quiet(sklearn_value, name, y, scores, weight, zero_division,
                         beta=beta, average=average)  # fmt: skip
        assert streamed[name] == pytest.approx(expected, abs=1e-6, nan_ok=True), name
        assert logs[name] == pytest.approx(expected, abs=1e-5, nan_ok=True), name


CASES = [(kind, seed, zero_division)
         for kind in ("multilabel", "multiclass")
         for seed, zero_division in enumerate(ZERO_DIVISIONS)]  # fmt: skip


@pytest.mark.parametrize(("kind", "seed", "zero_division"), CASES)
def test_keras_equals_the_accumulator_and_sklearn_for_every_family(
    kind, seed, zero_division
):
    three_ways(kind, seed, zero_division)


def test_fbeta_names_through_get_metric():
    three_ways("multilabel", 1, "warn", fbeta_by_name=True)
