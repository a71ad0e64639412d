"""Tuned cut-offs that predict a rare label on far more rows than it occurs
(_thresholds/_flooding.py): the warning, the record and the share predicted."""

import numpy as np
import pytest
from sklearn.datasets import make_multilabel_classification
from sklearn.linear_model import LogisticRegression
from sklearn.multiclass import OneVsRestClassifier

from skmultimetrics import (
    ThresholdOptimizer,
)


def _flood_problem():
    import pandas as pd

    X, Y = make_multilabel_classification(
        n_samples=300, n_features=20, n_classes=8, n_labels=2, random_state=0
    )
    Y = Y.copy()
    rng = np.random.default_rng(0)
    for j, k in zip([5, 6, 7], [3, 4, 6]):  # rare labels of 3-6 positives
        Y[:, j] = 0
        Y[rng.choice(300, k, replace=False), j] = 1
    return X, pd.DataFrame(Y, columns=[f"code{j}" for j in range(8)])


def test_flooding_rare_labels_warn_and_recorded():
    X, Y = _flood_problem()
    est = OneVsRestClassifier(LogisticRegression(max_iter=1000))
    with pytest.warns(UserWarning, match="far more out-of-fold rows") as record:
        opt = ThresholdOptimizer(est, scoring="f1_macro", store_cv_results=True).fit(
            X, Y
        )
    flood_warnings = [w for w in record if "far more" in str(w.message)]
    assert len(flood_warnings) == 1
    message = str(flood_warnings[0].message)
    assert "shrink='shared'" in message and "constraint=" in message
    # expected from the definition, by hand: share of out-of-fold rows predicted
    results = opt.cv_results_
    prevalence = Y.to_numpy().mean(axis=0)
    share = results["predicted_share"]
    expected = share > np.maximum(10 * prevalence, prevalence + 0.5)
    np.testing.assert_array_equal(results["flooding"], expected)
    assert expected[5:].any() and not expected[:5].any()
    for j in np.flatnonzero(expected):
        assert f"'code{j}'" in message
    for j in np.flatnonzero(~expected):
        assert f"'code{j}'" not in message


def test_no_flooding_warning_on_common_labels():
    import warnings

    X, Y = make_multilabel_classification(
        n_samples=300, n_features=20, n_classes=5, n_labels=2, random_state=0
    )
    est = OneVsRestClassifier(LogisticRegression(max_iter=1000))
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=".*far more out-of-fold")
        opt = ThresholdOptimizer(est, store_cv_results=True).fit(X, Y)
    assert not opt.cv_results_["flooding"].any()


def test_predicted_share_is_share_of_rows_predicted():
    X, Y = _flood_problem()
    est = OneVsRestClassifier(LogisticRegression(max_iter=1000)).fit(X, Y)
    opt = ThresholdOptimizer(est, cv="prefit", store_cv_results=True).fit(X, Y)
    proba = est.predict_proba(X)
    expected = (proba >= opt.thresholds_).mean(axis=0)
    np.testing.assert_allclose(opt.cv_results_["predicted_share"], expected)


def test_flooding_and_uncertified_warnings_point_at_the_callers_line():
    # the warnings name the user's call, not a line inside the package,
    # whatever the depth of the code path that warns
    import warnings

    from skmultimetrics import optimize_thresholds

    X, Y = _flood_problem()
    rng = np.random.default_rng(0)
    model = ThresholdOptimizer(OneVsRestClassifier(LogisticRegression(max_iter=1000)))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model.fit(X, Y)
        optimize_thresholds(
            Y.to_numpy(), rng.random((300, 8)), constraint=("precision", 0.99),
            confidence_level=0.95, scoring="recall_macro",
        )  # fmt: skip
    mine = [w for w in caught if "cut-off" in str(w.message)]
    assert any("far more" in str(w.message) for w in mine)
    assert any("certif" in str(w.message) for w in mine)
    assert {w.filename for w in mine} == {__file__}
