"""Scorer names as functions of an epoch's predictions (keras/_scoring.py), what
ValidationMetrics logs: the package's functions on the layout of the targets
(class indices one-hot where a metric needs a label matrix), with what top-k
cannot take refused."""

import numpy as np
import pytest
from sklearn import metrics as sk
from test_keras_callback import require

from skmultimetrics._metrics._registry import parse_name

require("keras")
scoring = require("skmultimetrics.keras._scoring")


def _score(name, targets):
    spec = parse_name(name, consumer="validation", func="f")
    return scoring.scorer_function(spec)(targets)


def _multiclass(seed=0, n=90, c=4):
    rng = np.random.default_rng(seed)
    y = rng.integers(0, c - 1, n)  # the last class never occurs
    scores = rng.dirichlet(np.ones(c), n)
    scores[np.arange(n), y] += 0.3 * rng.random(n)
    return y, scores


def test_multiclass_targets_as_the_functions_read_them():
    y, scores = _multiclass()
    w = np.random.default_rng(1).integers(0, 3, y.size).astype(float)
    targets = scoring.Targets(y, scores, np.ones(4), "multiclass", w)
    pred = scores.argmax(axis=1)
    one_hot = np.eye(4, dtype=bool)[y]
    expected = {
        "accuracy": sk.accuracy_score(y, pred, sample_weight=w),
        "f1_macro": sk.f1_score(
            y, pred, average="macro", sample_weight=w, zero_division=0.0
        ),
        "top2_accuracy": sk.top_k_accuracy_score(
            y, scores, k=2, sample_weight=w, labels=np.arange(4)
        ),
        "average_precision_micro": sk.average_precision_score(
            one_hot, scores, average="micro", sample_weight=w
        ),
        "neg_coverage_error": -sk.coverage_error(one_hot, scores, sample_weight=w),
    }
    for name, value in expected.items():
        assert _score(name, targets) == pytest.approx(value, abs=1e-12), name


def test_class_thresholds_divide_the_scores():
    y, scores = _multiclass(2)
    cut = np.array([0.5, 1.0, 2.0, 1.0])
    targets = scoring.Targets(y, scores, cut, "multiclass", None)
    pred = np.argmax(scores / cut, axis=1)
    assert _score("accuracy", targets) == pytest.approx(sk.accuracy_score(y, pred))


def test_label_matrices_are_cut_per_label():
    rng = np.random.default_rng(3)
    y = (rng.random((50, 3)) < 0.4).astype(int)
    scores = rng.random((50, 3))
    cut = np.array([0.3, 0.5, 0.7])
    targets = scoring.Targets(y, scores, cut, "multilabel", None)
    expected = sk.f1_score(y, scores >= cut, average="samples", zero_division=0.0)
    assert _score("f1_samples", targets) == pytest.approx(expected)
    assert _score("precision_at_2", targets) == pytest.approx(
        np.mean(np.take_along_axis(y, np.argsort(-scores)[:, :2], 1).sum(1) / 2)
    )


def test_a_binary_predict_proba_is_cut_at_its_class_one_column():
    y = np.array([0, 1, 1, 0, 1])
    proba1 = np.array([0.2, 0.5, 0.7, 0.6, 0.49999999999])
    targets = scoring.Targets(y, np.column_stack([1 - proba1, proba1]), None,
                              "multiclass", None, proba_cut=0.5)  # fmt: skip
    assert _score("accuracy", targets) == pytest.approx(
        sk.accuracy_score(y, proba1 >= 0.5)
    )


def test_top_k_refuses_one_column_and_k_above_the_columns():
    y, scores = _multiclass()
    with pytest.raises(ValueError, match="at most the number of classes"):
        _score("top5_accuracy", scoring.Targets(y, scores, np.ones(4),
                                                "multiclass", None))  # fmt: skip
    binary = scoring.Targets(y % 2, scores[:, :1], np.array([0.5]), "binary", None)
    with pytest.raises(ValueError, match="one sigmoid output"):
        _score("top1_accuracy", binary)
