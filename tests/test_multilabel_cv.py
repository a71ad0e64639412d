"""ThresholdOptimizer on binary and multi-label targets
(_thresholds/_multilabel_cv.py): the objective checked before any fit, rare-label
fallbacks that never predict a label without positives."""

import numpy as np
import pytest
import test_estimator
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.datasets import make_multilabel_classification
from sklearn.ensemble import RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.multiclass import OneVsRestClassifier
from sklearn.svm import LinearSVC

from skmultimetrics import (
    ThresholdOptimizer,
)

# the fixtures of test_estimator.py
data = test_estimator.data


class _FirstFeature(ClassifierMixin, BaseEstimator):
    """Scores every label by the first feature (a model that cannot rank)."""

    def fit(self, X, Y):
        self.n_labels_ = Y.shape[1]
        return self

    def predict_proba(self, X):
        p = 1 / (1 + np.exp(-np.asarray(X)[:, :1]))
        return np.repeat(p, self.n_labels_, axis=1)


def test_label_without_positives_is_never_predicted(data):
    X, Y = data
    Y = Y.copy()
    Y[:, 0] = 0
    model = ThresholdOptimizer(
        RandomForestClassifier(n_estimators=5, random_state=0),
        cv=3,
        store_cv_results=True,
    ).fit(X, Y)
    assert model.thresholds_[0] == np.inf
    assert model.cv_results_["fallback"][0] == "never"
    assert not model.predict(X)[:, 0].any()


def test_rare_label_scored_lowest_is_never_predicted(data):
    X, Y = data
    Y = Y.copy()
    Y[:, 0] = 0
    Y[np.argmin(X[:, 0]), 0] = 1  # one positive, below every negative
    model = ThresholdOptimizer(_FirstFeature(), cv=3, store_cv_results=True)
    model.fit(X, Y)
    assert model.cv_results_["n_positives"][0] == 1
    assert model.cv_results_["fallback"][0] == "never"
    assert model.thresholds_[0] == np.inf
    assert not model.predict(X)[:, 0].any()


def test_keep_tuned_if_better_is_refused_for_label_targets(data):
    # removed for binary and multi-label targets (no held-out gain measured);
    # multiclass targets keep it (tests/test_thresholds_multiclass.py)
    X, Y = data
    for y in (Y, Y[:, 0]):
        with pytest.raises(ValueError, match="'keep_tuned' parameter"):
            ThresholdOptimizer(LinearSVC(), keep_tuned="if_better").fit(X, y)
    with pytest.raises(ValueError, match="'keep_tuned' parameter"):
        ThresholdOptimizer(LinearSVC(), keep_tuned="sometimes").fit(X, Y[:, 0])
    base = OneVsRestClassifier(LinearSVC())
    model = ThresholdOptimizer(base, keep_tuned="always", store_cv_results=True)
    assert "gain" not in model.fit(X, Y).cv_results_


def test_a_binary_scorer_name_on_labels_without_a_positive_1_is_refused():
    # review finding: scoring="f2" on y in {1, 2} tuned and reported the F2 of
    # the label 2, where the name (scikit-learn's pos_label=1) means label 1
    rng = np.random.default_rng(0)
    X = rng.normal(size=(90, 3))
    y = (X[:, 0] + rng.normal(size=90) > 0) + 1
    for scoring in ("f2", "precision"):
        with pytest.raises(ValueError, match=r"label 1 .*\[1, 2\].*classes_\[1\]=2"):
            ThresholdOptimizer(LogisticRegression(), scoring=scoring).fit(X, y)
    default = ThresholdOptimizer(LogisticRegression(), cv=3).fit(X, y)
    assert default.thresholds_ is not None  # scoring=None: F1 of classes_[1]
    zero_one = ThresholdOptimizer(LogisticRegression(), scoring="f2", cv=3)
    assert zero_one.fit(X, y - 1).best_score_ > 0


def test_threshold_optimizer_checks_the_out_of_fold_scores_once(monkeypatch):
    from sklearn.linear_model import LogisticRegression
    from sklearn.multiclass import OneVsRestClassifier

    from skmultimetrics import ThresholdOptimizer
    from skmultimetrics._checks import _targets
    from skmultimetrics._thresholds import _multilabel_cv

    seen = []
    monkeypatch.setattr(
        _targets, "check_indicator", lambda *a: seen.append("indicator") or a[0]
    )
    original = _multilabel_cv.check_scores
    monkeypatch.setattr(
        _multilabel_cv, "check_scores", lambda *a: seen.append("scores") or original(*a)
    )
    X, Y = make_multilabel_classification(n_samples=120, n_classes=4, random_state=0)
    model = ThresholdOptimizer(
        OneVsRestClassifier(LogisticRegression()),
        scoring="f1_samples",
        aggregate="fold_mean",
        store_cv_results=True,
        cv=3,
    ).fit(X, Y)
    assert seen == ["scores"]
    assert model.thresholds_.shape == (4,)


def test_a_bad_scoring_fails_before_any_fit():
    from skmultimetrics import ThresholdOptimizer

    class Unfittable:
        def fit(self, X, y):
            raise AssertionError("fitted before scoring was checked")

        def get_params(self, deep=True):
            return {}

    model = ThresholdOptimizer(Unfittable(), scoring="f1-macro", cv=2)
    with pytest.raises(ValueError, match="'scoring' parameter of ThresholdOptimizer"):
        model.fit(np.zeros((4, 1)), np.array([[0, 1], [1, 0], [0, 1], [1, 1]]))
