"""Invariances every metric of the registry keeps, and every name of the
registry gives one number in every consumer that takes it."""

import functools
import json
import os
import warnings
from functools import partial

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
from sklearn.base import BaseEstimator, ClassifierMixin

import skmultimetrics as smm
from skmultimetrics import optimize_thresholds
from skmultimetrics._cli._main import main
from skmultimetrics._metrics._registry import (
    SKLEARN_SCORERS,
    example_names,
    lookup,
    parse_name,
)
from skmultimetrics._metrics._scorers import metric_function
from skmultimetrics._thresholds._objective import Objective

from registry import RANK_METRICS, SET_METRICS

NAMES = sorted(SET_METRICS)


def _data(seed=0, n=40, c=5):
    rng = np.random.default_rng(seed)
    y_true = rng.random((n, c)) < 0.3
    y_true[0] = False  # an all-zero row
    y_true[:, -1] = False  # a label with no positives
    y_score = np.where(y_true, rng.random((n, c)) * 0.8 + 0.2, rng.random((n, c)) * 0.8)
    y_pred = y_score >= 0.5
    weight = rng.integers(1, 4, size=n).astype(float)
    return y_true, y_pred, y_score, weight, rng


def metric(name):
    return SET_METRICS[name][0]


@pytest.mark.parametrize("name", NAMES)
def test_returns_python_float_in_unit_interval(name):
    y_true, y_pred, *_ = _data()
    value = metric(name)(y_true, y_pred)
    assert type(value) is float
    assert 0.0 <= value <= 1.0


@pytest.mark.parametrize("name", NAMES)
def test_sample_order_does_not_matter(name):
    y_true, y_pred, _, weight, rng = _data()
    order = rng.permutation(y_true.shape[0])
    f = metric(name)
    assert f(y_true, y_pred) == pytest.approx(f(y_true[order], y_pred[order]))
    assert f(y_true, y_pred, sample_weight=weight) == pytest.approx(
        f(y_true[order], y_pred[order], sample_weight=weight[order])
    )


@pytest.mark.parametrize("name", NAMES)
def test_label_order_does_not_matter(name):
    y_true, y_pred, _, _, rng = _data()
    cols = rng.permutation(y_true.shape[1])
    f = metric(name)
    assert f(y_true, y_pred) == pytest.approx(f(y_true[:, cols], y_pred[:, cols]))


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize(
    "convert",
    [
        lambda y: y.astype(int).tolist(),
        lambda y: y.astype(np.float32),
        lambda y: y.astype(np.int8),
        lambda y: pd.DataFrame(y.astype(int)),
        sp.csr_matrix,
        sp.csr_array,
        sp.csc_matrix,
    ],
    ids=["list", "float32", "int8", "pandas", "csr_matrix", "csr_array", "csc"],
)
def test_input_containers_give_the_same_value(name, convert):
    y_true, y_pred, *_ = _data()
    f = metric(name)
    expected = f(y_true, y_pred)
    assert f(convert(y_true), convert(y_pred)) == pytest.approx(expected)
    assert f(convert(y_true), y_pred) == pytest.approx(expected)


@pytest.mark.parametrize("name", NAMES)
def test_sample_weight_properties(name):
    y_true, y_pred, _, weight, rng = _data()
    f = metric(name)
    n = y_true.shape[0]
    # None equals unit weights
    assert f(y_true, y_pred) == pytest.approx(
        f(y_true, y_pred, sample_weight=np.ones(n))
    )
    # integer weights equal repetition
    rep = np.repeat(np.arange(n), weight.astype(int))
    assert f(y_true, y_pred, sample_weight=weight) == pytest.approx(
        f(y_true[rep], y_pred[rep])
    )
    # scaling does not matter
    assert f(y_true, y_pred, sample_weight=weight) == pytest.approx(
        f(y_true, y_pred, sample_weight=weight * 3.7)
    )
    # zero weight equals removal
    zero = weight.copy()
    zero[rng.choice(n, size=10, replace=False)] = 0
    keep = zero > 0
    assert f(y_true, y_pred, sample_weight=zero) == pytest.approx(
        f(y_true[keep], y_pred[keep], sample_weight=zero[keep])
    )


@pytest.mark.parametrize("name", NAMES)
def test_threshold_equals_binarized_scores(name):
    y_true, _, y_score, _, rng = _data()
    f = metric(name)
    for threshold in (0.5, 0.3, rng.random(y_true.shape[1])):
        assert f(y_true, y_score, threshold=threshold) == pytest.approx(
            f(y_true, y_score >= threshold)
        )
    # sparse scores: a missing entry is a score of 0
    sparse_scores = sp.csr_array(np.where(y_score > 0.3, y_score, 0))
    for threshold in (0.5, 0.0, -1.0):
        assert f(y_true, sparse_scores, threshold=threshold) == pytest.approx(
            f(y_true, sparse_scores.toarray() >= threshold)
        )


@pytest.mark.parametrize("name", NAMES)
def test_equals_scikit_learn_on_the_registry_data(name):
    y_true, y_pred, _, weight, _ = _data()
    ours, theirs = SET_METRICS[name]
    assert ours(y_true, y_pred) == pytest.approx(theirs(y_true, y_pred))
    assert ours(y_true, y_pred, sample_weight=weight) == pytest.approx(
        theirs(y_true, y_pred, sample_weight=weight)
    )


@pytest.mark.parametrize("name", NAMES)
def test_inputs_are_never_modified(name):
    y_true, y_pred, y_score, weight, _ = _data()
    y_true_int = y_true.astype(np.int64)
    sparse_pred = sp.csr_matrix(y_pred.astype(float))
    sparse_pred.data[:3] = 0.0  # explicit zeros the checker must not remove in place
    copies = [a.copy() for a in (y_true_int, y_score, weight)]
    data_copy = sparse_pred.data.copy()
    f = metric(name)
    f(y_true_int, y_score, threshold=0.5, sample_weight=weight)
    f(y_true_int, sparse_pred, sample_weight=weight)
    for a, b in zip((y_true_int, y_score, weight), copies):
        np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(sparse_pred.data, data_copy)


# --- ranking metrics -------------------------------------------------------------

RANK_NAMES = sorted(RANK_METRICS)


def _rank_data(seed=0, n=40, c=7):
    rng = np.random.default_rng(seed)
    y_true = (rng.random((n, c)) < 0.3).astype(int)
    y_true[0] = 0
    y_score = np.round(rng.random((n, c)), 1)  # rounded: ties happen
    weight = rng.integers(1, 4, size=n).astype(float)
    return y_true, y_score, weight, rng


@pytest.mark.parametrize("name", RANK_NAMES)
@pytest.mark.parametrize("ties", ["average", "optimistic", "pessimistic"])
def test_rank_metrics_are_floats_in_unit_interval(name, ties):
    y_true, y_score, *_ = _rank_data()
    value = RANK_METRICS[name](y_true, y_score, ties=ties)
    assert type(value) is float
    assert 0.0 <= value <= 1.0


@pytest.mark.parametrize("name", RANK_NAMES)
def test_rank_metrics_order_of_ties_rules(name):
    y_true, y_score, *_ = _rank_data()
    f = RANK_METRICS[name]
    values = [
        f(y_true, y_score, ties=t) for t in ("pessimistic", "average", "optimistic")
    ]
    assert values[0] <= values[1] + 1e-12 and values[1] <= values[2] + 1e-12
    # without ties the three rules agree
    y_unique = y_score + np.random.default_rng(1).random(y_score.shape) * 1e-3
    values = [f(y_true, y_unique, ties=t) for t in ("pessimistic", "optimistic")]
    assert values[0] == pytest.approx(values[1])


@pytest.mark.parametrize("name", RANK_NAMES)
def test_rank_metrics_sample_and_label_order(name):
    y_true, y_score, weight, rng = _rank_data()
    f = RANK_METRICS[name]
    rows, cols = rng.permutation(y_true.shape[0]), rng.permutation(y_true.shape[1])
    expected = f(y_true, y_score, sample_weight=weight)
    assert f(y_true[rows], y_score[rows], sample_weight=weight[rows]) == (
        pytest.approx(expected)
    )
    assert f(y_true[:, cols], y_score[:, cols], sample_weight=weight) == (
        pytest.approx(expected)
    )


@pytest.mark.parametrize("name", RANK_NAMES)
def test_rank_metrics_sample_weight_properties(name):
    y_true, y_score, weight, rng = _rank_data()
    f = RANK_METRICS[name]
    n = y_true.shape[0]
    if name == "psp_at_3":  # estimated propensities depend on the number of rows
        f = partial(f, propensities=np.linspace(0.2, 0.9, y_true.shape[1]))
    assert f(y_true, y_score) == pytest.approx(
        f(y_true, y_score, sample_weight=np.ones(n))
    )
    rep = np.repeat(np.arange(n), weight.astype(int))
    assert f(y_true, y_score, sample_weight=weight) == pytest.approx(
        f(y_true[rep], y_score[rep])
    )
    assert f(y_true, y_score, sample_weight=weight) == pytest.approx(
        f(y_true, y_score, sample_weight=weight * 0.3)
    )
    zero = weight.copy()
    zero[rng.choice(n, size=10, replace=False)] = 0
    keep = zero > 0
    assert f(y_true, y_score, sample_weight=zero) == pytest.approx(
        f(y_true[keep], y_score[keep], sample_weight=zero[keep])
    )


@pytest.mark.parametrize("name", RANK_NAMES)
@pytest.mark.parametrize(
    "convert",
    [
        lambda y: y.tolist(),
        lambda y: pd.DataFrame(y),
        lambda y: np.asfortranarray(y),
        sp.csr_matrix,
    ],
    ids=["list", "pandas", "fortran", "csr"],
)
def test_rank_metrics_input_containers(name, convert):
    y_true, y_score, *_ = _rank_data()
    f = RANK_METRICS[name]
    expected = f(y_true, y_score)
    assert f(convert(y_true), y_score) == pytest.approx(expected)
    if convert is not sp.csr_matrix:  # sparse scores leave zeros unranked
        assert f(y_true, convert(y_score)) == pytest.approx(expected)
    assert f(y_true, y_score.astype(np.float32)) == pytest.approx(expected)


def test_psp_estimate_is_invariant_to_weight_scale_and_zero_weights():
    y_true, y_score, weight, _ = _rank_data()
    f = RANK_METRICS["psp_at_3"]
    expected = f(y_true, y_score, sample_weight=weight)
    assert f(y_true, y_score, sample_weight=weight * 7) == pytest.approx(expected)
    zero = weight.copy()
    zero[:5] = 0
    assert f(y_true, y_score, sample_weight=zero) == pytest.approx(
        f(y_true[5:], y_score[5:], sample_weight=zero[5:])
    )
    assert f(y_true, y_score, sample_weight=np.ones(40)) == pytest.approx(
        f(y_true, y_score)
    )


@pytest.mark.parametrize("name", RANK_NAMES)
def test_rank_metrics_do_not_modify_inputs(name):
    y_true, y_score, weight, _ = _rank_data()
    copies = y_true.copy(), y_score.copy(), weight.copy()
    RANK_METRICS[name](y_true, y_score, sample_weight=weight)
    for a, b in zip((y_true, y_score, weight), copies):
        np.testing.assert_array_equal(a, b)


# -- one name, one number: every name of the registry through every consumer -------
#
# The names are the registry's (``example_names``, and its fixed names), so a new
# name is covered here without a line of this file. For each target kind (one
# small random data set each) the reference is the name's metric function
# (``metric_function``) on the decisions (set metrics and accuracies: scores cut
# at 0.5, or the argmax of class scores) or on the scores. Every consumer that the
# registry lets take the name must give that number, or refuse the data as the
# function does: get_scorer, MetricAccumulator, confidence_interval's estimate,
# the objective of optimize_thresholds (at fixed cut-offs), the command line's
# --tune, and in Keras get_metric and ValidationMetrics.

NEEDS_KERAS_BACKEND = pytest.mark.skipif(
    os.environ.get("KERAS_BACKEND") is None
    and not os.environ.get("SKMM_REQUIRE_KERAS"),
    reason="Keras needs a backend",
)
REGISTRY_NAMES = sorted(
    {*example_names(), *SKLEARN_SCORERS, "top_k_accuracy", "balanced_accuracy"}
)
KINDS = ("multilabel", "multiclass", "binary")
# (consumer, family, kind): the consumer refuses, with this message, data that the
# function takes (an error, never a number)
KNOWN_REFUSALS = {
    ("MetricAccumulator", "top_k", "binary"): "one score column per class",
    ("get_metric", "top_k", "binary"): "one score column per class",
    ("ValidationMetrics", "top_k", "binary"): "one score column per class",
    ("MetricAccumulator", "auc", "multiclass"): "pass y_true one-hot",
    ("MetricAccumulator", "ap", "multiclass"): "pass y_true one-hot",
}
# (name, kind) where a consumer gives a number that the others refuse: found by
# this test, left for the package to decide (strict: a fix makes them pass)
DIVERGENCES = {}  # (name, kind): why a consumer gives another number


def _matrix(names, kinds, divergences=DIVERGENCES):
    return [
        pytest.param(name, kind, marks=pytest.mark.xfail(
            strict=True, reason=divergences[name, kind]))
        if (name, kind) in divergences else pytest.param(name, kind)
        for name in names for kind in kinds
    ]  # fmt: skip


N_LABELS = 12  # k up to 10 fits the labels and classes


@functools.cache
def _kind_data(kind):
    rng = np.random.default_rng(KINDS.index(kind))
    n = 120
    if kind == "multilabel":
        y = (rng.random((n, N_LABELS)) < rng.uniform(0.1, 0.5, N_LABELS)).astype(int)
        y[0] = 0
        scores = np.clip(y * 0.3 + rng.random((n, N_LABELS)) * 0.7, 0, 1).round(3)
        return y, scores, (scores >= 0.5).astype(int), 0.5
    if kind == "multiclass":
        y = rng.permutation(np.arange(n) % N_LABELS)  # every class present
        scores = rng.dirichlet(np.ones(N_LABELS), n)
        scores[np.arange(n), y] += rng.random(n)
        scores /= scores.sum(axis=1, keepdims=True)
        return y, scores, scores.argmax(axis=1), "argmax"
    y = rng.integers(0, 2, n)
    scores = np.clip(y * 0.3 + rng.random(n) * 0.7, 0, 1).round(3)
    return y, scores, (scores >= 0.5).astype(int), 0.5


def _propensities(spec, kind):
    if spec.metric != "psp":
        return {}
    return {"propensities": np.linspace(0.2, 0.9, N_LABELS)}


def _reference(name, kind):
    """The number of ``name`` on ``kind``'s data, or the ValueError its function
    raises."""
    spec = lookup(name)
    y, scores, decisions, _ = _kind_data(kind)
    function, sign = metric_function(spec)
    extra = _propensities(spec, kind)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return sign * function(y, scores if spec.reads_scores else decisions,
                                   **extra)  # fmt: skip
    except ValueError as error:
        return error


def _takes(name, consumer):
    try:
        parse_name(name, consumer=consumer, func="f")
    except ValueError:
        return False
    return True


class _Scores(ClassifierMixin, BaseEstimator):
    """An estimator whose outputs are the given scores (rows are the X)."""

    def __init__(self, scores=None, kind="multilabel"):
        self.scores = scores
        self.kind = kind

    def fit(self, X, y):
        classes = np.arange(N_LABELS) if self.kind == "multiclass" else np.arange(2)
        multilabel = self.kind == "multilabel"
        self.classes_ = [np.arange(2)] * N_LABELS if multilabel else classes
        return self

    def predict_proba(self, X):
        s = self.scores[np.asarray(X).ravel()]
        if self.kind == "multilabel":
            return [np.column_stack([1 - c, c]) for c in s.T]
        return s if self.kind == "multiclass" else np.column_stack([1 - s, s])

    def predict(self, X):
        s = self.scores[np.asarray(X).ravel()]
        if self.kind == "multiclass":
            return s.argmax(axis=1)
        return (s >= 0.5).astype(int)


def _consumers(name, kind):
    """consumer -> a call giving its number for ``name`` on ``kind``'s data."""
    spec = lookup(name)
    y, scores, _, threshold = _kind_data(kind)
    extra = _propensities(spec, kind)
    calls = {}
    if _takes(name, "scorer") and not extra:  # psp's scorer estimates propensities
        rows = np.arange(len(y)).reshape(-1, 1)

        def scorer():
            return smm.get_scorer(name)(_Scores(scores, kind).fit(rows, y), rows, y)

        calls["get_scorer"] = scorer
    if _takes(name, "stream"):

        def stream():
            acc = smm.MetricAccumulator(name, threshold=threshold, zero_division=0.0,
                                        **extra)  # fmt: skip
            for part in np.array_split(np.arange(len(y)), 3):
                acc.update(y[part], scores[part])
            return acc.result()[name]

        calls["MetricAccumulator"] = stream
    if _takes(name, "interval"):

        def interval():
            return smm.confidence_interval(
                y, scores, metric=name, n_resamples=2, random_state=0,
                threshold=None if spec.reads_scores else threshold,
                method="percentile", **extra,
            ).estimate  # fmt: skip

        calls["confidence_interval"] = interval
    objective = "multiclass" if kind == "multiclass" else "objective"
    if _takes(name, objective) and kind != "multiclass":

        def objective_at_half():
            optimize_thresholds(y, scores, scoring=name)  # takes the data
            truth = y.astype(bool) if y.ndim == 2 else y[:, None].astype(bool)
            s = scores if scores.ndim == 2 else scores[:, None]
            objective = Objective(name, False, "f", n_labels=s.shape[1])
            return objective.score(truth, s, np.full(s.shape[1], 0.5), None)

        calls["optimize_thresholds"] = objective_at_half
    return calls


def _check(consumer, call, name, kind, expected):
    """``call()`` is ``expected``, or raises where the function raises or where
    the consumer is known to refuse the data."""
    refusal = KNOWN_REFUSALS.get((consumer, lookup(name).family, kind))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if refusal is not None or isinstance(expected, ValueError):
            with pytest.raises(ValueError, match=refusal):
                call()
            return
        got = call()
    assert got == pytest.approx(expected, abs=1e-12, nan_ok=True), consumer


@pytest.mark.parametrize(("name", "kind"), _matrix(REGISTRY_NAMES, KINDS))
def test_one_name_one_number_in_every_consumer(name, kind):
    expected = _reference(name, kind)
    for consumer, call in _consumers(name, kind).items():
        _check(consumer, call, name, kind, expected)


@pytest.mark.parametrize(
    ("name", "kind"),
    _matrix([n for n in REGISTRY_NAMES if _takes(n, "objective")], KINDS),
)
def test_the_tuned_score_is_the_functions_number_at_the_tuned_cut_offs(name, kind):
    y, scores, _, _ = _kind_data(kind)
    spec = lookup(name)
    function, sign = metric_function(spec)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            expected = function(y, scores, threshold=0.5 if kind != "multiclass"
                                else "argmax")  # fmt: skip
        except ValueError:
            with pytest.raises(ValueError):
                optimize_thresholds(y, scores, scoring=name)
            return
        if kind == "multiclass" and not _takes(name, "multiclass"):
            with pytest.raises(ValueError):
                optimize_thresholds(y, scores, scoring=name)
            return
        found = optimize_thresholds(y, scores, scoring=name)
        at_tuned = sign * function(y, scores, threshold=found.thresholds)
    assert found.score == pytest.approx(at_tuned, abs=1e-12)
    assert found.score >= sign * expected - 1e-12  # never below the start


@pytest.mark.parametrize(
    "name", [name for name in REGISTRY_NAMES if _takes(name, "objective")]
)
def test_the_command_lines_tune_gives_the_functions_number(name, tmp_path, capsys):
    y, scores, _, _ = _kind_data("multilabel")
    spec = lookup(name)
    np.save(tmp_path / "y.npy", y)
    np.save(tmp_path / "s.npy", scores)
    code = main(["report", str(tmp_path / "y.npy"), str(tmp_path / "s.npy"),
                 f"--tune={name}", "--format", "json"])  # fmt: skip
    out, err = capsys.readouterr()
    if spec.average == "binary":  # the command line tunes every label of TRUE
        assert code == 2 and "the score of class 1 of a binary target" in err
        return
    assert code == 0
    tuned = json.loads(out)["tuned"]
    function, sign = metric_function(spec)
    cut = np.array([np.inf if t == "inf" else t for t in tuned["thresholds"]], float)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        expected = sign * function(y, scores, threshold=cut)
    assert tuned["score"] == pytest.approx(expected, abs=1e-12)
    assert tuned["score"] == pytest.approx(
        optimize_thresholds(y, scores, scoring=name).score, abs=1e-12
    )


@NEEDS_KERAS_BACKEND
@pytest.mark.parametrize(("name", "kind"), _matrix(REGISTRY_NAMES, KINDS, {}))
def test_one_name_one_number_in_keras(name, kind):
    skk = pytest.importorskip("skmultimetrics.keras")
    spec = lookup(name)
    y, scores, _, _ = _kind_data(kind)
    outputs = scores[:, None] if kind == "binary" else scores
    if _propensities(spec, kind):
        return  # Keras estimates no propensities: refused (test_registry.py)
    expected = _reference(name, kind)
    if _takes(name, "keras"):

        def keras_metric():
            metric = skk.get_metric(name, zero_division=0.0)
            for part in np.array_split(np.arange(len(y)), 3):
                metric.update_state(y[part], outputs[part])
            return float(metric.result())

        refusal = KNOWN_REFUSALS.get(("get_metric", spec.family, kind))
        if refusal is not None or isinstance(expected, ValueError):
            with pytest.raises(ValueError, match=refusal):
                keras_metric()
        else:  # counted in float32 on the device
            assert keras_metric() == pytest.approx(expected, abs=2e-6, nan_ok=True)
    if _takes(name, "validation"):

        class _Model:
            def predict(self, x, batch_size=None, verbose=0):
                return outputs

        def validation():
            callback = skk.ValidationMetrics((outputs, y), metrics=[name])
            callback.set_model(_Model())
            return callback.compute()[f"val_{name}"]

        if kind == "multiclass" and spec.family in ("ap", "level", "label_ranking"):
            # ValidationMetrics reads class indices one-hot for the metrics of
            # label matrices (keras/_scoring.py)
            function, sign = metric_function(spec)
            one_hot = np.eye(N_LABELS, dtype=int)[y]
            expected = sign * function(one_hot, scores)
        _check("ValidationMetrics", validation, name, kind, expected)
