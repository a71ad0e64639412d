"""Multiclass scores with ``threshold=``: the class of each score column and the
decision ``argmax(scores / thresholds)`` are one rule
(``_checks/_multiclass.py``) for the metric functions, ``confidence_interval``,
``MetricAccumulator``, ``FixedThresholdClassifier`` and Keras (issue 28)."""

import warnings
from functools import partial

import numpy as np
import pytest
import sklearn.metrics as sk
from sklearn.linear_model import LogisticRegression

import skmultimetrics as smm

AVERAGES = [None, "binary", "micro", "macro", "weighted", "samples"]
SET_FUNCTIONS = {
    "precision": (smm.precision_score, sk.precision_score, {}),
    "recall": (smm.recall_score, sk.recall_score, {}),
    "f1": (smm.f1_score, sk.f1_score, {}),
    "f2": (smm.fbeta_score, sk.fbeta_score, {"beta": 2.0}),
    "jaccard": (smm.jaccard_score, sk.jaccard_score, {}),
}
FINITE = "at least one class threshold must be finite"


def _reference_decisions(scores, thresholds):
    """``argmax(scores / thresholds)``, a class of threshold inf never chosen."""
    thresholds = np.broadcast_to(np.asarray(thresholds, dtype=float), scores.shape[1:])
    ratio = np.where(np.isinf(thresholds), -np.inf, scores / thresholds)
    return np.argmax(ratio, axis=1)


def _problem(seed):
    """Scores of C columns; ``y_true`` drawn from some of the classes only, and
    some columns scored 0 throughout (never predicted)."""
    rng = np.random.default_rng(seed)
    n, n_classes = int(rng.integers(5, 40)), int(rng.integers(2, 6))
    present = rng.choice(
        n_classes, size=int(rng.integers(1, n_classes + 1)), replace=False
    )
    codes = rng.choice(present, size=n)
    scores = rng.dirichlet(np.ones(n_classes), n)
    if seed % 2:
        scores = np.round(scores, 1)  # ties: the first column wins
    scores[:, rng.random(n_classes) < 0.3] = 0.0
    weight = rng.integers(0, 4, n).astype(float) if seed % 3 == 0 else None
    if weight is not None:
        weight[0] = 1.0
    return rng, codes, scores, weight


def _same(ours, theirs):
    """Equal values, or a ValueError from both."""
    try:
        want = theirs()
    except ValueError:
        with pytest.raises(ValueError):
            ours()
        return
    got = ours()
    np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("seed", range(40))
def test_set_metrics_equal_scikit_learn_on_the_decisions(seed):
    rng, codes, scores, weight = _problem(seed)
    n_classes = scores.shape[1]
    # the classes of the columns: class indices, or other labels named by labels=
    columns = [np.arange(n_classes), None]
    if seed % 4 == 1:
        columns[0] = np.array(["a", "b", "c", "d", "e"])[rng.permutation(n_classes)]
    elif seed % 4 == 2:
        columns[0] = rng.permutation(n_classes) * 10 + 5
    thresholds = "argmax"
    if seed % 5 >= 3 and n_classes > 2:  # two columns and a number: binary
        thresholds = rng.uniform(0.2, 2.0, n_classes)
        thresholds[rng.random(n_classes) < 0.3] = np.inf
        if np.isinf(thresholds).all():
            thresholds[0] = 1.0
    y = columns[0][codes]
    argmax = isinstance(thresholds, str)
    pred = columns[0][_reference_decisions(scores, 1.0 if argmax else thresholds)]
    labels_options = [list(columns[0])]
    if seed % 4 in (0, 3):
        labels_options.append(None)  # class indices name the columns
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for labels in labels_options:
            for ours, theirs, extra in SET_FUNCTIONS.values():
                for average in AVERAGES:
                    kw = dict(labels=labels, average=average, sample_weight=weight)
                    kw.update(extra, zero_division=0.0)
                    _same(
                        partial(ours, y, scores, threshold=thresholds, **kw),
                        partial(theirs, y, pred, **kw),
                    )
            kw = dict(labels=labels, sample_weight=weight, zero_division=0.0)
            got = smm.precision_recall_fscore_support(
                y, scores, threshold=thresholds, **kw
            )
            want = sk.precision_recall_fscore_support(y, pred, **kw)
            np.testing.assert_allclose(np.array(got, float), np.array(want, float))
        if None in labels_options:  # the accuracies take no labels=
            want = sk.accuracy_score(y, pred, sample_weight=weight)
            for accuracy in (smm.subset_accuracy_score, smm.hamming_accuracy_score):
                got = accuracy(y, scores, threshold=thresholds, sample_weight=weight)
                assert got == pytest.approx(want, rel=1e-12)


@pytest.mark.parametrize("seed", range(16))
def test_every_consumer_agrees_with_classes_absent_from_y_true(seed):
    _, codes, scores, weight = _problem(seed)
    if scores.shape[1] < 3:
        scores = np.column_stack([scores, np.zeros(scores.shape[0])])
    thresholds = "argmax" if seed % 2 else np.linspace(0.5, 1.5, scores.shape[1])
    pred = _reference_decisions(scores, 1.0 if seed % 2 else thresholds)
    kw = {"sample_weight": weight, "zero_division": 0.0}
    expected = {
        "f1_macro": sk.f1_score(codes, pred, average="macro", **kw),
        "precision_micro": sk.precision_score(codes, pred, average="micro", **kw),
        "recall_weighted": sk.recall_score(codes, pred, average="weighted", **kw),
        "jaccard_macro": sk.jaccard_score(codes, pred, average="macro", **kw),
        "f2_macro": sk.fbeta_score(codes, pred, beta=2, average="macro", **kw),
    }
    expected["subset_accuracy"] = sk.accuracy_score(codes, pred, sample_weight=weight)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        acc = smm.MetricAccumulator(list(expected), threshold=thresholds)
        streamed = acc.update(codes, scores, sample_weight=weight).result()
        intervals = smm.confidence_interval(
            codes,
            scores,
            metric=list(expected),
            threshold=thresholds,
            n_resamples=10,
            sample_weight=weight,
            random_state=0,
        )
    assert streamed == pytest.approx(expected, rel=1e-12)
    assert {k: v.estimate for k, v in intervals.items()} == pytest.approx(
        expected, rel=1e-12
    )


def test_the_reported_case_argmax_with_a_class_absent_from_y_true():
    rng = np.random.default_rng(0)
    y, scores = rng.integers(0, 2, 20), rng.random((20, 3))
    want = sk.f1_score(y, scores.argmax(axis=1), labels=[0, 1, 2], average="macro")
    got = smm.f1_score(y, scores, threshold="argmax", labels=[0, 1, 2], average="macro")
    assert got == want
    acc = smm.MetricAccumulator(["f1_macro"], threshold="argmax").update(y, scores)
    assert acc.result()["f1_macro"] == pytest.approx(
        smm.f1_score(y, scores, threshold="argmax", average="macro")
    )


def test_columns_that_cannot_be_identified_are_refused():
    scores = np.full((3, 3), 1 / 3)
    with pytest.raises(ValueError, match=r"one score column per class.*pass labels="):
        smm.f1_score(["a", "b", "b"], scores, threshold="argmax", average="macro")
    with pytest.raises(ValueError, match="one score column per class"):
        smm.f1_score([1, 3, 3], scores, threshold=[1, 1, 2], average="macro")
    with pytest.raises(ValueError, match="not in labels"):
        smm.f1_score(
            [0, 1, 2], scores, threshold="argmax", labels=[0, 1, 5], average="macro"
        )
    with pytest.raises(ValueError, match="'labels' parameter"):
        smm.f1_score(
            [0, 1, 1], scores, threshold="argmax", labels=[0, 1, 1], average="macro"
        )


# -- class thresholds: inf, NaN, zero, negative, in every consumer -------------------


def _consumers(X, y, est, proba, threshold):
    """The macro F1 of each consumer at ``threshold``, or the error it raised."""
    out = {}
    calls = {
        "f1_score": lambda: smm.f1_score(
            y, proba, threshold=threshold, average="macro"
        ),
        "confidence_interval": lambda: (
            smm.confidence_interval(
                y, proba, threshold=threshold, metric="f1_macro", n_resamples=10
            ).estimate
        ),
        "MetricAccumulator": lambda: (
            smm.MetricAccumulator(["f1_macro"], threshold=threshold)
            .update(y, proba)
            .result()["f1_macro"]
        ),
        "bootstrap": lambda: (
            smm.MetricAccumulator(
                ["f1_macro"], threshold=threshold, bootstrap=5, random_state=0
            )
            .update(y, proba)
            .result()["f1_macro"]
        ),
        "FixedThresholdClassifier": lambda: sk.f1_score(
            y,
            smm.FixedThresholdClassifier(est, threshold=threshold).fit(X, y).predict(X),
            average="macro",
        ),
    }
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for name, call in calls.items():
            try:
                out[name] = call()
            except ValueError as error:
                out[name] = error
    return out


@pytest.fixture(scope="module")
def fitted():
    rng = np.random.default_rng(3)
    X = rng.normal(size=(80, 3))
    y = rng.integers(0, 4, 80)
    est = LogisticRegression().fit(X, y)
    proba = LogisticRegression().fit(X, y).predict_proba(X)
    proba[:4] = [0, 1, 0, 0]  # rows scoring 0 on every class but an excluded one
    return X, y, est, proba


@pytest.mark.parametrize(
    "threshold",
    [
        [np.inf, 1, 1, 1],
        [1, np.inf, np.inf, np.inf],
        [0.2, 2, np.inf, 1],
        0.3,
        [1, 1, 1, 1],
    ],
)
def test_some_infinite_thresholds_agree_in_every_consumer(fitted, threshold):
    X, y, est, proba = fitted
    want = sk.f1_score(y, _reference_decisions(proba, threshold), average="macro")
    got = _consumers(X, y, est, proba, threshold)
    # FixedThresholdClassifier refits, so it scores its own probabilities
    fixed = smm.FixedThresholdClassifier(est, threshold=threshold).fit(X, y)
    own = fixed.estimator_.predict_proba(X)
    np.testing.assert_array_equal(
        fixed.predict(X), _reference_decisions(own, threshold)
    )
    del got["FixedThresholdClassifier"]
    assert got == pytest.approx(dict.fromkeys(got, want), rel=1e-12)


@pytest.mark.parametrize(
    ("threshold", "match"),
    [
        ([np.inf] * 4, FINITE),
        (np.inf, FINITE),
        ([np.nan, 1, 1, 1], "NaN"),
        ([0, 1, 1, 1], "positive"),
        ([-1, 1, 1, 1], "positive"),
        ([1, 1, 1, -np.inf], "positive"),
        (0.0, "positive"),
    ],
)
def test_bad_thresholds_are_one_error_in_every_consumer(fitted, threshold, match):
    X, y, est, proba = fitted
    for name, got in _consumers(X, y, est, proba, threshold).items():
        assert isinstance(got, ValueError), (name, got)
        assert "'threshold' parameter" in str(got), name
        assert match in str(got), (name, str(got))


def test_all_infinite_is_refused_by_the_other_multiclass_paths():
    y, scores = np.array([0, 1, 2, 2]), np.full((4, 3), 1 / 3)
    every = [np.inf] * 3
    calls = [
        lambda: smm.precision_recall_fscore_support(y, scores, threshold=every),
        lambda: smm.subset_accuracy_score(y, scores, threshold=every),
        lambda: smm.hamming_accuracy_score(y, scores, threshold=every),
        lambda: smm.jaccard_score(y, scores, threshold=every, average="macro"),
        lambda: smm.compare_predictions(
            y, scores, scores, threshold_a=every, threshold_b=1.0, n_resamples=5
        ),
    ]
    for call in calls:
        with pytest.raises(ValueError, match=f"'threshold.*{FINITE}"):
            call()


def test_negative_scores_need_equal_thresholds_in_every_consumer():
    rng = np.random.default_rng(5)
    y, logits = rng.integers(0, 3, 30), rng.normal(size=(30, 3))
    want = sk.f1_score(y, logits.argmax(axis=1), average="macro")
    for threshold in ("argmax", 1.0, [2.0, 2.0, 2.0], [1.0, 1.0, np.inf]):
        pred = _reference_decisions(logits, 1.0 if threshold == "argmax" else threshold)
        want = sk.f1_score(y, pred, average="macro")
        got = smm.f1_score(y, logits, threshold=threshold, average="macro")
        acc = smm.MetricAccumulator(["f1_macro"], threshold=threshold)
        assert got == want == acc.update(y, logits).result()["f1_macro"]
    for call in (
        lambda: smm.f1_score(y, logits, threshold=[1, 2, 1], average="macro"),
        lambda: smm.MetricAccumulator(["f1_macro"], threshold=[1, 2, 1]).update(
            y, logits
        ),
        lambda: smm.confidence_interval(
            y, logits, threshold=[1, 2, 1], metric="f1_macro", n_resamples=5
        ),
    ):
        with pytest.raises(ValueError, match="negative scores"):
            call()
