"""The registry of metric names: one name, one number, in every consumer.

Every name is computed by every consumer that takes it (the metric function,
its scorer, MetricAccumulator, the Keras metric, ValidationMetrics'
function, confidence_interval's estimate, the threshold objective) and the
values must agree; a consumer that cannot compute a name refuses it with the
registry's reason.
"""

import os

import numpy as np
import pytest
from sklearn import metrics as sk
from sklearn.base import BaseEstimator, ClassifierMixin

import skmultimetrics as smm
from skmultimetrics._metrics._registry import (
    example_names,
    fbeta_name,
    lookup,
    parse_name,
)
from skmultimetrics._metrics._scorers import metric_function
from skmultimetrics._thresholds._objective import Objective

SET = [
    f"{m}_{a}"
    for m in ("precision", "recall", "f1", "jaccard", "f2", "f0.5")
    for a in ("micro", "macro", "samples", "weighted")
]
ACCURACIES = ["accuracy", "subset_accuracy", "hamming_accuracy", "neg_hamming_loss"]
RANKED = ["top1_accuracy", "top3_accuracy", "precision_at_2", "recall_at_2"]
RANKED += ["ndcg_at_3", "psp_at_2"]
SORTED = [f"roc_auc_{a}" for a in ("micro", "macro", "samples", "weighted")]
SORTED += [f"average_precision_{a}" for a in ("micro", "macro", "samples")]
SORTED += ["recall_at_precision_60", "precision_at_recall_50"]
SORTED += ["label_ranking_average_precision", "neg_coverage_error"]
NAMES = SET + ACCURACIES + RANKED + SORTED
PROPENSITIES = np.array([0.3, 0.5, 0.7, 0.9, 0.6])
NEEDS_KERAS = pytest.mark.skipif(
    os.environ.get("KERAS_BACKEND") is None
    and not os.environ.get("SKMM_REQUIRE_KERAS"),
    reason="Keras needs a backend",
)


def _data(seed=0, n=90, c=5):
    rng = np.random.default_rng(seed)
    y = rng.random((n, c)) < 0.35
    y[0] = False
    scores = np.clip(y * 0.3 + rng.random((n, c)) * 0.7, 0, 1).round(3)
    return y.astype(np.int64), scores


def _reference(name, y, scores):
    """The number of ``name``: scikit-learn's where it defines it, else the
    package's function."""
    spec = lookup(name)
    pred = scores >= 0.5
    if spec.family == "set":
        kw = {"average": spec.average, "zero_division": 0.0}
        if spec.metric == "jaccard":
            return sk.jaccard_score(y, pred, **kw)
        if spec.metric in ("precision", "recall"):
            return getattr(sk, f"{spec.metric}_score")(y, pred, **kw)
        return sk.fbeta_score(y, pred, beta=spec.beta, **kw)
    if spec.metric == "subset_accuracy":
        return sk.accuracy_score(y, pred)
    if spec.metric == "hamming_accuracy":
        return 1 - sk.hamming_loss(y, pred)
    if spec.metric == "neg_hamming_loss":
        return -sk.hamming_loss(y, pred)
    function, sign = metric_function(spec)
    extra = {"propensities": PROPENSITIES} if spec.metric == "psp" else {}
    return sign * function(y, scores, **extra)


class _Fixed(ClassifierMixin, BaseEstimator):
    """An estimator returning fixed scores (predict: cut at 0.5)."""

    def __init__(self, scores=None):
        self.scores = scores

    def fit(self, X, y):
        self.classes_ = [np.array([0, 1])] * self.scores.shape[1]
        return self

    def predict_proba(self, X):
        rows = np.asarray(X).ravel()
        return [np.column_stack([1 - s, s]) for s in self.scores[rows].T]

    def predict(self, X):
        return (self.scores[np.asarray(X).ravel()] >= 0.5).astype(np.int64)


def test_names_parse_once_into_their_parameters():
    assert lookup("f2_macro")[:6] == ("f2_macro", "set", "fbeta", "macro", None, 2.0)
    assert lookup("f1")[:4] == ("f1", "set", "f1", "binary")
    assert lookup("top7_accuracy").k == 7
    assert lookup("top_k_accuracy").k == 2
    assert lookup("psp_at_3")[1:5] == ("at_k", "psp", None, 3)
    assert lookup("recall_at_precision_90").level == pytest.approx(0.9)
    assert lookup("roc_auc_ovo_weighted").average == "ovo_weighted"
    assert lookup("accuracy").metric == "subset_accuracy"
    for bad in ("f2.0_macro", "top0_accuracy", "f1_macr", "precision_at_recall_101"):
        assert lookup(bad) is None
    assert [
        fbeta_name(b, a) for b, a in ((2, "macro"), (0.5, "binary"), (1, "micro"))
    ] == [
        "f2_macro",
        "f0.5",
        "f1_micro",
    ]


def test_every_listed_name_parses_and_get_scorer_names_lists_them():
    listed = set(smm.get_scorer_names())
    for name in example_names():
        assert lookup(name) is not None, name
        assert name in listed, name
    assert "psp_at_3" in listed


@pytest.mark.parametrize("name", NAMES)
def test_one_name_one_number_in_every_consumer(name):
    y, scores = _data()
    spec = lookup(name)
    expected = _reference(name, y, scores)
    extra = {"propensities": PROPENSITIES} if spec.metric == "psp" else {}
    # the scorer, on an estimator with these scores
    scorer = smm.get_scorer(name)
    if spec.metric == "psp":
        scorer = None  # its scorer estimates the propensities from the fold
    rows = np.arange(y.shape[0]).reshape(-1, 1)
    if scorer is not None:
        got = scorer(_Fixed(scores).fit(rows, y), rows, y)
        assert got == pytest.approx(expected, abs=1e-12, nan_ok=True), "scorer"
    # the interval's estimate
    threshold = 0.5 if not spec.reads_scores else None
    if spec.family != "label_ranking":
        interval = smm.confidence_interval(
            y, scores, metric=name, threshold=threshold, n_resamples=20,
            random_state=0, method="percentile", **extra,
        )  # fmt: skip
        assert interval.estimate == pytest.approx(expected, abs=1e-12, nan_ok=True), (
            "interval"
        )
    if spec.streams:
        acc = smm.MetricAccumulator(name, threshold=0.5, zero_division=0.0, **extra)
        for part in np.array_split(np.arange(y.shape[0]), 3):
            acc.update(y[part], scores[part])
        assert acc.result()[name] == pytest.approx(expected, abs=1e-12, nan_ok=True), (
            "stream"
        )
    if spec.family in ("set", "accuracy") and spec.metric != "neg_hamming_loss":
        objective = Objective(name, False, "f", n_labels=y.shape[1])
        cut = np.full(y.shape[1], 0.5)
        got = objective.score(y.astype(bool), scores, cut, None)
        assert got == pytest.approx(expected, abs=1e-12, nan_ok=True), "objective"


@NEEDS_KERAS
@pytest.mark.parametrize("name", NAMES)
def test_keras_consumers_give_the_same_number(name):
    keras_module = pytest.importorskip("skmultimetrics.keras")
    from skmultimetrics.keras._scoring import Targets, scorer_function

    y, scores = _data(1)
    spec = lookup(name)
    expected = _reference(name, y, scores)
    targets = Targets(y, scores, np.full(y.shape[1], 0.5), "multilabel", None)
    extra = {"propensities": PROPENSITIES} if spec.metric == "psp" else {}
    if spec.metric != "psp":  # ValidationMetrics estimates propensities
        value = scorer_function(parse_name(name, consumer="validation", func="f"))(
            targets
        )
        assert value == pytest.approx(expected, abs=1e-12, nan_ok=True), (
            "ValidationMetrics"
        )
    if spec.streams and spec.metric != "psp":
        metric = keras_module.get_metric(name, zero_division=0.0)
        assert metric.name == name
        for part in np.array_split(np.arange(y.shape[0]), 3):
            metric.update_state(y[part], scores[part])
        assert float(metric.result()) == pytest.approx(
            expected, abs=2e-6, nan_ok=True
        ), "keras"
    elif not spec.streams or extra:
        with pytest.raises(ValueError, match=f"'{name}'"):
            keras_module.get_metric(name)


MULTICLASS = ["accuracy", "top2_accuracy", "roc_auc_ovr", "roc_auc_ovo_weighted"]
MULTICLASS += [f"{m}_{a}" for m in ("f1", "f2", "precision", "jaccard")
               for a in ("macro", "micro", "weighted")]  # fmt: skip


@pytest.mark.parametrize("name", MULTICLASS)
def test_multiclass_names_agree(name):
    rng = np.random.default_rng(3)
    y = rng.integers(0, 4, 80)
    scores = rng.dirichlet(np.ones(4), 80)
    scores[np.arange(80), y] += rng.random(80)
    scores /= scores.sum(axis=1, keepdims=True)
    spec = lookup(name)
    pred = scores.argmax(axis=1)
    function, _ = metric_function(spec)
    expected = function(y, pred if not spec.reads_scores else scores)
    threshold = "argmax" if not spec.reads_scores else None
    interval = smm.confidence_interval(
        y, scores, metric=name, threshold=threshold, n_resamples=20, random_state=0,
        method="percentile",
    )  # fmt: skip
    assert interval.estimate == pytest.approx(expected, abs=1e-12, nan_ok=True)
    if spec.streams:
        acc = smm.MetricAccumulator(name, threshold="argmax", zero_division=0.0)
        acc.update(y[:40], scores[:40]).update(y[40:], scores[40:])
        assert acc.result()[name] == pytest.approx(expected, abs=1e-12, nan_ok=True)
    if spec.family in ("set", "accuracy"):
        tuned = smm.optimize_thresholds(y, scores, scoring=name)
        assert tuned.score >= expected - 1e-12  # never below the argmax start


@pytest.mark.parametrize(
    ("name", "consumer", "reason"),
    [
        ("roc_auc_samples", "stream", "ranks each row"),
        ("neg_coverage_error", "stream", "needs every score"),
        ("average_precision_micro", "keras", "ValidationMetrics"),
        ("psp_at_3", "keras", "propensities"),
        ("top5_accuracy", "objective", "does not depend on the cut-offs"),
        ("f1_samples", "multiclass", "needs a label matrix"),
        ("label_ranking_average_precision", "interval", "no interval"),
        ("balanced_accuracy", "stream", "balanced_accuracy_score"),
    ],
)
def test_a_consumer_refuses_what_it_cannot_compute_with_the_reason(
    name, consumer, reason
):
    with pytest.raises(ValueError, match=rf"'metric' parameter of f holds '{name}'"):
        parse_name(name, consumer=consumer, func="f")
    with pytest.raises(ValueError, match=reason):
        parse_name(name, consumer=consumer, func="f")


@pytest.mark.parametrize(
    "call",
    [
        lambda: smm.get_scorer("f1_macr"),
        lambda: smm.MetricAccumulator("f1_macr"),
        lambda: smm.confidence_interval([[1, 0]], [[1, 0]], metric="f1_macr"),
        lambda: smm.optimize_thresholds(
            [[1, 0], [0, 1]], [[0.9, 0.1]] * 2, scoring="f1_macr"
        ),
    ],
)
def test_one_unknown_name_message_everywhere(call):
    with pytest.raises(ValueError) as info:
        call()
    message = str(info.value)
    assert "unknown metric 'f1_macr'" in message
    assert "The closest valid names are ['f1_macro'" in message
    assert "parameter of" in message


def test_roc_auc_is_scikit_learns_scorer_in_every_consumer():
    rng = np.random.default_rng(10)
    labels = rng.random((60, 3)) < 0.4
    scores = np.clip(labels * 0.3 + rng.random((60, 3)), 0, 1)
    macro = smm.roc_auc_score(labels, scores, average="macro")
    interval = smm.confidence_interval(labels, scores, metric="roc_auc", n_resamples=5)
    assert interval.estimate == pytest.approx(macro)
    codes = rng.integers(0, 3, 60)
    proba = rng.dirichlet(np.ones(3), 60)
    with pytest.raises(ValueError, match="roc_auc_ovr"):
        smm.confidence_interval(codes, proba, metric="roc_auc", n_resamples=5)


def test_unknown_parameters_say_why():
    with pytest.raises(ValueError, match=r"k must be at least 1"):
        smm.get_scorer("top0_accuracy")
    with pytest.raises(ValueError, match=r"percentage from 0 to 100"):
        parse_name("recall_at_precision_120", consumer="scorer", func="f")
    with pytest.raises(ValueError, match=r"must hold metric names \(str\)"):
        parse_name(3, consumer="stream", func="f")


# -- the docs' table of names and consumers: rendered from the registry ----------

ROWS = [
    "f2_macro",
    "f1_samples",
    "f2",
    "subset_accuracy",
    "hamming_accuracy",
    "neg_hamming_loss",
    "balanced_accuracy",
    "top5_accuracy",
    "ndcg_at_5",
    "psp_at_5",
    "roc_auc_macro",
    "average_precision_macro",
    "recall_at_precision_90",
    "neg_coverage_error",
]
CONSUMERS = ["scorer", "stream", "keras", "validation", "interval", "objective"]
CONSUMERS += ["multiclass"]
NEEDS_PROPENSITIES = {("stream", "psp_at_5"), ("interval", "psp_at_5")}


def render_names_table():
    """The reST section of docs/user_guide/definitions.rst on metric names."""
    reasons, rows = [], []
    for example in ROWS:
        cells = [f"``{example}``"]
        for consumer in CONSUMERS:
            try:
                parse_name(example, consumer=consumer, func="f")
            except ValueError as error:
                reason = str(error).split(", which ", 1)[1].rstrip(".")
                if reason not in reasons:
                    reasons.append(reason)
                cells.append(f"no ({reasons.index(reason) + 1})")
            else:
                needs = (consumer, example) in NEEDS_PROPENSITIES
                cells.append("propensities=" if needs else "yes")
        rows.append(cells)
    header = ["name", *CONSUMERS]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]

    def line(char):
        return "+" + "+".join(char * (w + 2) for w in widths) + "+"

    def cells(row):
        return "| " + " | ".join(c.ljust(w) for c, w in zip(row, widths)) + " |"

    table = [line("-"), cells(header), line("=")]
    for row in rows:
        table += [cells(row), line("-")]
    notes = [f"{i}. The name {reason}." for i, reason in enumerate(reasons, 1)]
    return "\n".join(table) + "\n\n" + "\n".join(notes) + "\n"


def test_the_docs_table_of_names_is_the_registrys():
    from pathlib import Path

    page = Path(__file__).parents[1] / "docs" / "user_guide" / "definitions.rst"
    text = page.read_text(encoding="utf-8")
    start = text.index(".. names-table-start\n") + len(".. names-table-start\n\n")
    end = text.index("\n.. names-table-end")
    assert text[start:end] == render_names_table(), (
        'regenerate: python -c \'import sys; sys.path.insert(0, "tests"); '
        "import test_registry as t; print(t.render_names_table())'"
    )


@pytest.mark.parametrize("threshold", [0.3, 0.5, np.float32(0.7), 1])
def test_a_binary_predict_proba_is_cut_alike_everywhere(threshold):
    # (n, 2) scores of 1-D 0/1 labels with one chosen cut-off: the column of
    # class 1 is cut (the accumulator used to take the argmax, ignoring it)
    dask_array = pytest.importorskip("dask.array")
    rng = np.random.default_rng(5)
    y = rng.integers(0, 2, 120)
    p1 = np.clip(y * 0.2 + rng.random(120) * 0.8, 0, 1)
    proba = np.column_stack([1 - p1, p1])
    for name in ("f1_macro", "precision", "subset_accuracy", "f2_weighted"):
        spec = lookup(name)
        function, _ = metric_function(spec)
        expected = function(y, (p1 >= threshold).astype(int))
        got = {
            "function": function(y, proba, threshold=threshold),
            "stream": smm.MetricAccumulator(name, threshold=threshold)
            .update(y[:70], proba[:70])
            .update(y[70:], proba[70:])
            .result()[name],
            "dask": function(
                dask_array.from_array(y, chunks=50),
                dask_array.from_array(proba, chunks=(50, 2)),
                threshold=threshold,
            ),
            "interval": smm.confidence_interval(
                y, proba, metric=name, threshold=threshold, n_resamples=5
            ).estimate,
        }
        for consumer, value in got.items():
            assert value == pytest.approx(expected, abs=1e-12), (name, consumer)


@NEEDS_KERAS
@pytest.mark.parametrize("threshold", [0.3, None])
def test_keras_cuts_a_binary_predict_proba_as_the_functions(threshold):
    keras_module = pytest.importorskip("skmultimetrics.keras")
    rng = np.random.default_rng(6)
    y = rng.integers(0, 2, 100)
    p1 = np.clip(y * 0.2 + rng.random(100) * 0.8, 0, 1)
    proba = np.column_stack([1 - p1, p1])
    for name in ("f1_macro", "subset_accuracy"):
        function, _ = metric_function(lookup(name))
        pred = proba.argmax(axis=1) if threshold is None else p1 >= threshold
        metric = keras_module.get_metric(name, threshold=threshold)
        metric.update_state(y[:60], proba[:60])
        metric.update_state(y[60:], proba[60:])
        expected = function(y, pred.astype(int))
        assert float(metric.result()) == pytest.approx(expected, abs=1e-6), name


@NEEDS_KERAS
def test_validation_metrics_cut_a_binary_predict_proba_and_refuse_top_k_of_one_column():
    pytest.importorskip("skmultimetrics.keras")
    from skmultimetrics.keras._scoring import Targets, scorer_function

    rng = np.random.default_rng(8)
    y = rng.integers(0, 2, 90)
    p1 = np.clip(y * 0.2 + rng.random(90) * 0.8, 0, 1).astype(np.float32)
    proba = np.column_stack([1 - p1, p1])
    targets = Targets(y, proba, np.ones(2), "multiclass", None, proba_cut=0.3)
    spec = parse_name("f1", consumer="validation", func="f")
    expected = smm.f1_score(y, proba, threshold=0.3)
    assert scorer_function(spec)(targets) == pytest.approx(expected, abs=1e-12)
    binary = Targets(y, p1, np.array([0.5]), "binary", None)
    spec = parse_name("top1_accuracy", consumer="validation", func="f")
    with pytest.raises(ValueError, match="one score column per class"):
        scorer_function(spec)(binary)


def test_names_are_written_one_way():
    for name, why in [
        ("top05_accuracy", "leading zeros"),
        ("recall_at_precision_080", "leading zeros"),
    ]:
        with pytest.raises(ValueError, match=why):
            parse_name(name, consumer="scorer", func="f")
    with pytest.raises(TypeError, match="got the bytes"):
        smm.MetricAccumulator(b"f1_macro")


def test_averaged_scorers_take_any_two_labels_as_scikit_learn():
    from sklearn.linear_model import LogisticRegression

    rng = np.random.default_rng(9)
    X = rng.normal(size=(80, 3))
    y = np.where(X[:, 0] + rng.normal(size=80) > 0, "yes", "no")
    model = LogisticRegression().fit(X, y)
    for name in ("f1_macro", "precision_weighted", "jaccard_micro"):
        ours, theirs = smm.get_scorer(name), sk.get_scorer(name)
        assert ours(model, X, y) == pytest.approx(theirs(model, X, y)), name
    # top_k_accuracy is the package's (ties="average") in every consumer
    rng_scores = rng.dirichlet(np.ones(3), 40)
    rng_scores[:10] = 1 / 3  # ties: counted as the expected hit, not by sort order
    codes = rng.integers(0, 3, 40)
    stand_in = _Fixed(rng_scores)
    stand_in.classes_ = np.arange(3)
    stand_in.predict_proba = lambda X: rng_scores[np.asarray(X).ravel()]
    rows = np.arange(40).reshape(-1, 1)
    expected = smm.top_k_accuracy_score(codes, rng_scores, k=2)
    assert smm.get_scorer("top_k_accuracy")(stand_in, rows, codes) == expected
