"""ThresholdOptimizer on multiclass targets (_thresholds/_multiclass_cv.py): parameters
checked before any fit, a class absent from a fold, more classes than y, and tuning
kept only on a clear cross-validated gain."""

import numpy as np
import pytest
import test_thresholds_multiclass
from sklearn.base import clone
from sklearn.ensemble import RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.svm import LinearSVC

from skmultimetrics import (
    ThresholdOptimizer,
)
from skmultimetrics._thresholds._folds import class_scores
from skmultimetrics._thresholds._multiclass import (
    decide,
)

# the fixtures of test_thresholds_multiclass.py
data = test_thresholds_multiclass.data


def test_default_keeps_tuning_only_on_a_clear_cross_validated_gain(data):
    X, y = data
    model = ThresholdOptimizer(LogisticRegression(), store_cv_results=True).fit(X, y)
    results = model.cv_results_
    gains = results["fold_gains"]
    clear = results["gain"] > 0 and gains.mean() > gains.std(ddof=1) / np.sqrt(5)
    assert results["kept"].tolist() == [clear] * 4
    if not clear:
        np.testing.assert_array_equal(model.thresholds_, np.ones(4))
        assert set(results["fallback"]) == {"default"}
    assert len(results["thresholds"]) == len(results["scores"]) == 4
    assert results["fold_thresholds"].shape == (5, 4)
    assert results["n_positives"].tolist() == np.bincount(y).tolist()
    always = clone(model).set_params(keep_tuned="always").fit(X, y)
    assert always.cv_results_["gain"] is None
    for c in range(4):  # no single threshold on the curves does better
        curve, values = (always.cv_results_[key][c] for key in ("thresholds", "scores"))
        assert curve.shape == values.shape and (curve > 0).all()
        assert values.max() <= always.best_score_ + 1e-9


def test_class_absent_from_a_training_fold(data):
    X, y = data
    y = y.copy()
    rare = np.flatnonzero(y == 3)[:4]
    y[(y == 3)] = 2
    y[rare] = 3  # four samples of class 3, all in the first test fold
    rest = np.setdiff1d(np.arange(len(y)), rare)
    folds = [
        (rest, rare),
        (np.concatenate([rare, rest[:150]]), rest[150:]),
        (np.concatenate([rare, rest[150:]]), rest[:150]),
    ]
    # the fold whose training rows miss class 3 gives it a score of 0 there
    fold_model = RandomForestClassifier(n_estimators=20, random_state=0)
    fold_model.fit(X[rest], y[rest])
    fold_scores = class_scores(fold_model, X[rare], np.arange(4))
    assert fold_scores.shape == (4, 4) and not fold_scores[:, 3].any()
    assert (decide(fold_scores, np.array([1.0, 1.0, 1.0, 5.0])) != 3).all()
    model = ThresholdOptimizer(
        RandomForestClassifier(n_estimators=20, random_state=0),
        cv=folds,
        keep_tuned="always",
    ).fit(X, y)
    assert np.isfinite(model.thresholds_).all()
    assert model.classes_.tolist() == [0, 1, 2, 3]
    # the final model, fitted on all samples, predicts the class
    assert (model.predict(X[rare]) == 3).any()


@pytest.mark.parametrize(
    "params, match",
    [
        ({"scoring": "f1_samples"}, "'scoring' parameter"),
        ({"response_method": "decision_function"}, "'response_method' parameter"),
        ({"strategy": "per_label"}, "'strategy' parameter"),
        ({"thresholds": 10}, "'thresholds' parameter"),
        ({"constraint": ("precision", 0.9)}, "'constraint' parameter"),
        ({"keep_tuned": "never"}, "'keep_tuned' parameter"),
    ],
)
def test_estimator_errors_name_the_argument(data, params, match):
    X, y = data
    with pytest.raises(ValueError, match=match):
        ThresholdOptimizer(LogisticRegression(), **params).fit(X, y)


def test_estimator_without_predict_proba_is_refused(data):
    X, y = data
    with pytest.raises(ValueError, match="'response_method' parameter"):
        ThresholdOptimizer(LinearSVC()).fit(X, y)


def test_review_fixes_prefit_estimator_with_more_classes_than_y():
    from sklearn.datasets import load_iris

    X, y = load_iris(return_X_y=True)
    base = LogisticRegression(max_iter=1000).fit(X, y)
    tuned = ThresholdOptimizer(base, cv="prefit").fit(X[y < 2], y[y < 2])
    assert tuned.thresholds_.shape == (3,) and tuned.thresholds_[2] == np.inf
    assert 2 not in tuned.predict(X)
