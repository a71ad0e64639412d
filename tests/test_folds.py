"""Cross-validation plumbing of ThresholdOptimizer (_thresholds/_folds.py): folds
shuffled by random_state, rows and fit parameters cut per fold, label matrices kept
as they are, the spread of each fold's cut-offs."""

import numpy as np
import pytest
import test_estimator
from sklearn.base import clone
from sklearn.datasets import make_multilabel_classification
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import KFold, StratifiedKFold
from sklearn.multiclass import OneVsRestClassifier
from sklearn.multioutput import MultiOutputClassifier

from skmultimetrics import (
    ThresholdOptimizer,
    optimize_thresholds,
)

# the fixtures of test_estimator.py
data = test_estimator.data


def test_sample_weight_through_metadata_routing(data):
    from sklearn import config_context
    from sklearn.model_selection import cross_validate

    X, Y = data
    weight = np.random.default_rng(1).integers(1, 4, size=X.shape[0]).astype(float)
    cv = KFold(3)
    with config_context(enable_metadata_routing=True):
        base = MultiOutputClassifier(
            LogisticRegression().set_fit_request(sample_weight=True)
        )
        model = (
            ThresholdOptimizer(base, cv=KFold(2), scoring="f1_micro")
            .set_fit_request(sample_weight=True)
            .set_score_request(sample_weight=False)
        )
        routed = cross_validate(
            model,
            X,
            Y,
            cv=cv,
            params={"sample_weight": weight},
            return_estimator=True,
        )
        unrequested = MultiOutputClassifier(
            LogisticRegression().set_fit_request(sample_weight=False)
        )
        plain = ThresholdOptimizer(unrequested, cv=KFold(2))
        plain.set_fit_request(sample_weight=True).fit(X, Y, sample_weight=weight)
    for fitted, (train, _) in zip(routed["estimator"], cv.split(X)):
        expected = ThresholdOptimizer(
            MultiOutputClassifier(LogisticRegression()), cv=KFold(2), scoring="f1_micro"
        ).fit(X[train], Y[train], sample_weight=weight[train])
        np.testing.assert_allclose(fitted.thresholds_, expected.thresholds_)
    # not requested by the estimator: its fits are unweighted, the search weighted
    reference = MultiOutputClassifier(LogisticRegression()).fit(X, Y)
    np.testing.assert_allclose(plain.predict_proba(X)[0], reference.predict_proba(X)[0])


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
@pytest.mark.filterwarnings("ignore::UserWarning")
def test_folds_run_on_a_dask_cluster(data):
    import distributed
    import joblib

    X, Y = data
    base = OneVsRestClassifier(LogisticRegression())
    local = ThresholdOptimizer(base, cv=3).fit(X, Y)
    with (
        distributed.LocalCluster(
            n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        with joblib.parallel_config(backend="dask"):
            remote = ThresholdOptimizer(base, cv=3, n_jobs=2).fit(X, Y)
        # the folds ran as tasks of the cluster's scheduler
        assert (
            client.run_on_scheduler(
                lambda dask_scheduler: len(dask_scheduler.task_prefixes)
            )
            > 0
        )
    np.testing.assert_allclose(remote.thresholds_, local.thresholds_)


def test_two_labels_are_not_mistaken_for_a_binary_target():
    # OneVsRestClassifier on 2 labels: classes_ has 2 entries, predict_proba 2
    # columns, like a binary classifier; both labels must keep their own scores
    X, Y = make_multilabel_classification(n_samples=200, n_classes=2, random_state=0)
    cv = KFold(3)
    base = OneVsRestClassifier(LogisticRegression())
    model = ThresholdOptimizer(base, cv=cv).fit(X, Y)
    scores = np.zeros(Y.shape)
    for train, test in cv.split(X):
        scores[test] = clone(base).fit(X[train], Y[train]).predict_proba(X[test])
    np.testing.assert_allclose(
        model.thresholds_, optimize_thresholds(Y, scores).thresholds
    )
    np.testing.assert_array_equal(
        model.predict(X), (model.predict_proba(X) >= model.thresholds_).astype(int)
    )


@pytest.mark.parametrize("binary", [False, True])
def test_random_state_shuffles_int_cv_folds(binary, data):
    X, Y = data
    y = Y[:, 0] if binary else Y
    base = LogisticRegression() if binary else OneVsRestClassifier(LogisticRegression())
    kind = StratifiedKFold if binary else KFold
    seeded = ThresholdOptimizer(base, cv=4, random_state=3).fit(X, y)
    splitter = ThresholdOptimizer(base, cv=kind(4, shuffle=True, random_state=3)).fit(
        X, y
    )
    np.testing.assert_array_equal(seeded.thresholds_, splitter.thresholds_)
    unshuffled = ThresholdOptimizer(base, cv=4).fit(X, y)
    plain = ThresholdOptimizer(base, cv=kind(4)).fit(X, y)
    np.testing.assert_array_equal(unshuffled.thresholds_, plain.thresholds_)


@pytest.mark.parametrize("dtype, n_labels", [(np.int8, 200), (np.uint8, 300)])
def test_narrow_label_matrices_reach_the_estimator_unscrambled(dtype, n_labels):
    """scikit-learn 1.9.1's LabelBinarizer scrambles int8 label matrices with
    more than 128 labels (uint8: 255); the estimator gets int64 labels."""
    rng = np.random.default_rng(0)
    X = rng.random((60, 4))
    Y = (rng.random((60, n_labels)) < 0.3).astype(dtype)
    Y[:2] = [[0], [1]]  # both classes in every label of the first fold's train
    base = OneVsRestClassifier(LogisticRegression())
    narrow = ThresholdOptimizer(base, cv=2).fit(X, Y)
    wide = ThresholdOptimizer(base, cv=2).fit(X, Y.astype(np.int64))
    np.testing.assert_array_equal(narrow.thresholds_, wide.thresholds_)
    np.testing.assert_array_equal(narrow.predict_proba(X), wide.predict_proba(X))
    # the refitted model is the one fitted on int64 labels, column for column
    direct = OneVsRestClassifier(LogisticRegression()).fit(X, Y.astype(np.int64))
    np.testing.assert_allclose(narrow.predict_proba(X), direct.predict_proba(X))
    assert Y.dtype == dtype  # the input is left alone


def test_cv_results_keep_each_folds_cut_offs_and_their_spread():
    from skmultimetrics import optimize_thresholds

    X, Y = make_multilabel_classification(n_samples=240, n_classes=4, random_state=2)
    cv = KFold(4, shuffle=True, random_state=0)
    base = OneVsRestClassifier(LogisticRegression(max_iter=500))
    model = ThresholdOptimizer(base, cv=cv, store_cv_results=True).fit(X, Y)
    folds = model.cv_results_["fold_thresholds"]
    assert folds.shape == (4, Y.shape[1])
    # fold k's own optimum on its out-of-fold scores
    for k, (train, test) in enumerate(cv.split(X, Y)):
        scores = clone(base).fit(X[train], Y[train]).predict_proba(X[test])
        own = optimize_thresholds(Y[test], scores, scoring="f1_macro").thresholds
        usable = Y[test].any(axis=0) & np.isfinite(own)
        np.testing.assert_allclose(folds[k, usable], own[usable])
        assert np.isnan(folds[k, ~usable]).all()
    np.testing.assert_allclose(
        model.cv_results_["fold_threshold_std"], np.nanstd(folds, axis=0)
    )
    prefit = ThresholdOptimizer(model.estimator_, cv="prefit", store_cv_results=True)
    assert prefit.fit(X, Y).cv_results_["fold_threshold_std"] is None
