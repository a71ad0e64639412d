"""ThresholdOptimizer(thresholds=): scores snapped to the candidate cut-offs
(_thresholds/_candidates.py), so the search sees only the candidates."""

import numpy as np
import pytest
import test_estimator
from sklearn.base import clone
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import KFold
from sklearn.multiclass import OneVsRestClassifier

from skmultimetrics import (
    ThresholdOptimizer,
    f1_score,
)

# the fixtures of test_estimator.py
data = test_estimator.data


@pytest.mark.parametrize("candidates", [7, [0.2, 0.35, 0.5, 0.65]])
def test_candidate_thresholds(candidates, data):
    X, Y = data
    cv = KFold(3, shuffle=True, random_state=0)
    base = OneVsRestClassifier(LogisticRegression())
    model = ThresholdOptimizer(base, cv=cv, thresholds=candidates).fit(X, Y)
    scores = np.zeros(Y.shape)
    for train, test in cv.split(X):
        scores[test] = clone(base).fit(X[train], Y[train]).predict_proba(X[test])
    for j in range(Y.shape[1]):
        if isinstance(candidates, int):
            cut_offs = np.unique(np.quantile(scores[:, j], np.linspace(0, 1, 7)))
        else:
            cut_offs = np.array(candidates)
        options = [np.inf, *cut_offs]
        values = [
            f1_score(Y[:, j], scores[:, j] >= c, zero_division=0.0) for c in options
        ]
        assert model.thresholds_[j] in options
        assert f1_score(
            Y[:, j], scores[:, j] >= model.thresholds_[j], zero_division=0.0
        ) == pytest.approx(max(values))


def test_candidates_replace_predict_all_by_the_lowest_candidate():
    # a label positive in 90 % of rows with uninformative features: predicting
    # every sample is best, and the lowest candidate is the closest to it
    X, _ = make_classification(n_samples=120, random_state=0)
    y = (np.random.default_rng(0).random(120) < 0.9).astype(int)
    exact = ThresholdOptimizer(LogisticRegression(), cv=3).fit(X, y)
    assert exact.thresholds_ == -np.inf
    model = ThresholdOptimizer(LogisticRegression(), cv=3, thresholds=[0.95, 0.99])
    assert model.fit(X, y).thresholds_ == 0.95
