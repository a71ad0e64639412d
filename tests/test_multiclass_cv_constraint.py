"""A multiclass constraint is never dropped by keep_tuned's fallback to the argmax.

On binary and multi-label targets a constraint keeps the tuned cut-offs (there
is no fallback); multiclass targets now do the same: with a constraint
``keep_tuned="auto"`` keeps the tuned weights and ``"if_better"`` is refused.
"""

import warnings

import numpy as np
import pytest
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression

from skmultimetrics import ThresholdOptimizer, optimize_thresholds

CONSTRAINTS = [("recall", 0.9, 1), ("precision", 0.9, 1), ("recall", 0.95, 2)]


@pytest.mark.parametrize("seed", [0, 1, 3, 8, 9])
@pytest.mark.parametrize("constraint", CONSTRAINTS)
def test_auto_keeps_the_constrained_weights(seed, constraint):
    X, y = make_classification(
        n_samples=150,
        n_classes=3,
        n_informative=4,
        n_clusters_per_class=1,
        random_state=seed,
    )
    model = ThresholdOptimizer(
        LogisticRegression(),
        scoring="f1_macro",
        constraint=constraint,
        cv=5,
        store_cv_results=True,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model.fit(X, y)
        always = ThresholdOptimizer(
            LogisticRegression(),
            scoring="f1_macro",
            constraint=constraint,
            cv=5,
            keep_tuned="always",
        ).fit(X, y)
    np.testing.assert_array_equal(model.thresholds_, always.thresholds_)
    assert model.cv_results_["kept"] is None
    assert model.cv_results_["gain"] is None
    assert set(model.cv_results_["fallback"]) <= {"none", "never"}
    # the tuned weights are those of the search on the out-of-fold scores,
    # which meet the constraint wherever a weight can
    if model.cv_results_["constraint_met"] is False:
        proba = _out_of_fold(X, y)
        found = optimize_thresholds(y, proba, scoring="f1_macro", constraint=constraint)
        assert found.feasible is False


def _out_of_fold(X, y):
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    return cross_val_predict(
        LogisticRegression(), X, y, cv=StratifiedKFold(5), method="predict_proba"
    )


def test_constraint_met_where_the_argmax_misses_it():
    # seed 0 with recall >= 0.9 of class 1: the fallback to the argmax missed it
    X, y = make_classification(
        n_samples=150, n_classes=3, n_informative=4, n_clusters_per_class=1,
        random_state=0,
    )  # fmt: skip
    model = ThresholdOptimizer(
        LogisticRegression(),
        scoring="f1_macro",
        constraint=("recall", 0.9, 1),
        store_cv_results=True,
    ).fit(X, y)
    assert model.cv_results_["constraint_met"] is True
    assert not np.all(model.thresholds_ == 1)
    proba = _out_of_fold(X, y)
    assert (proba.argmax(1)[y == 1] == 1).mean() < 0.9  # the argmax misses it
    tuned = (proba / model.thresholds_).argmax(1)
    assert (tuned[y == 1] == 1).mean() >= 0.9


def test_if_better_with_a_constraint_is_refused_before_any_fit():
    X, y = make_classification(
        n_samples=60, n_classes=3, n_informative=4, n_clusters_per_class=1,
        random_state=0,
    )  # fmt: skip

    class Exploding(LogisticRegression):
        def fit(self, *args, **kwargs):
            raise AssertionError("fitted")

    for confidence_level in (None, 0.9):
        model = ThresholdOptimizer(
            Exploding(),
            constraint=("recall", 0.9, 1),
            confidence_level=confidence_level,
            keep_tuned="if_better",
        )
        with pytest.raises(ValueError, match=r"'keep_tuned' parameter.*constraint"):
            model.fit(X, y)


def test_if_better_without_a_constraint_still_falls_back():
    X, y = make_classification(
        n_samples=150, n_classes=3, n_informative=4, n_clusters_per_class=1,
        random_state=0,
    )  # fmt: skip
    model = ThresholdOptimizer(
        LogisticRegression(), keep_tuned="if_better", store_cv_results=True
    ).fit(X, y)
    assert model.cv_results_["kept"] is not None
