"""The decisions of fixed cut-offs (_thresholds/_decisions.py), shared by
ThresholdOptimizer and FixedThresholdClassifier, which therefore predict alike."""

import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression
from sklearn.multiclass import OneVsRestClassifier

from skmultimetrics import FixedThresholdClassifier, ThresholdOptimizer
from skmultimetrics._thresholds._decisions import apply_cut_offs


def test_each_kind_is_its_rule():
    rng = np.random.default_rng(0)
    scores = rng.random((30, 3))
    scores[0] = [0.5, 0.5, 0.5]  # at the cut-off: predicted
    cut = np.array([0.5, 0.2, np.inf])
    np.testing.assert_array_equal(
        apply_cut_offs("multilabel", None, scores, cut), (scores >= cut).astype(int)
    )
    assert apply_cut_offs("multilabel", None, scores, cut)[:, 2].sum() == 0
    classes = np.array(["no", "yes"])
    binary = apply_cut_offs("binary", classes, scores[:, :2], 0.5)
    np.testing.assert_array_equal(binary, classes[(scores[:, 1] >= 0.5).astype(int)])
    classes = np.array([10, 20, 30])
    weights = np.array([0.5, 1.0, 2.0])
    expected = classes[np.argmax(scores / weights, axis=1)]
    np.testing.assert_array_equal(
        apply_cut_offs("multiclass", classes, scores, weights), expected
    )


@pytest.mark.parametrize("kind", ["binary", "multilabel", "multiclass"])
def test_optimizer_and_fixed_classifier_predict_alike(kind):
    rng = np.random.default_rng(1)
    X = rng.normal(size=(120, 4))
    if kind == "multilabel":
        y = (X[:, :3] + rng.normal(size=(120, 3)) > 0.5).astype(int)
        base = OneVsRestClassifier(LogisticRegression())
    elif kind == "binary":
        y = (X[:, 0] + rng.normal(size=120) > 0.8).astype(int)
        base = LogisticRegression()
    else:
        y = np.argmax(X[:, :3] + rng.normal(size=(120, 3)), axis=1)
        base = LogisticRegression()
    scoring = "f1" if kind == "binary" else "f1_macro"
    tuned = ThresholdOptimizer(base, scoring=scoring, cv=3).fit(X, y)
    fixed = FixedThresholdClassifier(tuned.estimator_, threshold=tuned.thresholds_)
    fixed.fit(X, y)
    np.testing.assert_array_equal(fixed.predict(X), tuned.predict(X))
