"""ThresholdOptimizer: a scikit-learn meta-estimator for binary and multi-label."""

import pickle

import numpy as np
import pytest
from sklearn.base import BaseEstimator, ClassifierMixin, clone
from sklearn.datasets import make_classification, make_multilabel_classification
from sklearn.ensemble import RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import fbeta_score, make_scorer
from sklearn.model_selection import GridSearchCV, KFold, StratifiedKFold
from sklearn.multiclass import OneVsRestClassifier
from sklearn.multioutput import MultiOutputClassifier
from sklearn.neighbors import KNeighborsClassifier
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import LinearSVC
from sklearn.utils.estimator_checks import parametrize_with_checks

from skmultimetrics import (
    ThresholdOptimizer,
    f1_score,
    get_scorer,
    optimize_thresholds,
)

_TUNED = (
    "predict applies the tuned cut-offs, so it need not agree with the argmax of "
    "predict_proba (as for scikit-learn's TunedThresholdClassifierCV)"
)
_FOLDS = (
    "cross-validation splits repeated rows into different folds than their "
    "weighted originals, so weights are not equivalent to repetition (as for "
    "scikit-learn's TunedThresholdClassifierCV)"
)
EXPECTED_FAILED_CHECKS = {
    "check_classifiers_train": _TUNED,
    "check_sample_weight_equivalence_on_dense_data": _FOLDS,
    "check_sample_weight_equivalence_on_sparse_data": _FOLDS,
}


@parametrize_with_checks(
    [
        ThresholdOptimizer(LogisticRegression(), cv=3),
        # multi-label targets: the checks run them when the estimator takes them
        ThresholdOptimizer(
            RandomForestClassifier(n_estimators=5, random_state=0), cv=3
        ),
    ],
    # either instance may disagree with its argmax, depending on the data drawn
    expected_failed_checks=lambda est: EXPECTED_FAILED_CHECKS,
)
def test_scikit_learn_estimator_checks(estimator, check):
    check(estimator)


@pytest.fixture(scope="module")
def data():
    X, Y = make_multilabel_classification(
        n_samples=240, n_features=10, n_classes=4, random_state=0
    )
    return X, Y


def test_thresholds_are_the_out_of_fold_optimum(data):
    X, Y = data
    cv = KFold(3, shuffle=True, random_state=0)
    base = OneVsRestClassifier(LogisticRegression())
    model = ThresholdOptimizer(base, cv=cv, scoring="f1_micro", shrink="none").fit(X, Y)
    scores = np.zeros(Y.shape)
    for train, test in cv.split(X):
        scores[test] = clone(base).fit(X[train], Y[train]).predict_proba(X[test])
    expected = optimize_thresholds(Y, scores, scoring="f1_micro")
    np.testing.assert_allclose(model.thresholds_, expected.thresholds)
    assert model.best_score_ == pytest.approx(expected.score)
    # predict applies the cut-offs to the refitted estimator
    refit = clone(base).fit(X, Y)
    np.testing.assert_array_equal(
        model.predict(X), (refit.predict_proba(X) >= model.thresholds_).astype(int)
    )


@pytest.mark.filterwarnings("ignore::sklearn.exceptions.ConvergenceWarning")
@pytest.mark.parametrize(
    "base",
    [
        OneVsRestClassifier(LogisticRegression()),
        RandomForestClassifier(n_estimators=10, random_state=0),
        MultiOutputClassifier(RandomForestClassifier(n_estimators=5, random_state=0)),
        KNeighborsClassifier(),
        MLPClassifier(hidden_layer_sizes=(8,), max_iter=100, random_state=0),
        OneVsRestClassifier(LinearSVC()),
        make_pipeline(StandardScaler(), KNeighborsClassifier()),
    ],
    ids=["ovr", "forest", "multioutput", "knn", "mlp", "linear_svc", "pipeline"],
)
@pytest.mark.parametrize("aggregate", ["pooled", "fold_mean"])
def test_base_estimators(base, aggregate, data):
    X, Y = data
    Y = Y.copy()
    Y[:, 3] = 0
    Y[:2, 3] = 1  # a rare label: fewer positives than folds
    model = ThresholdOptimizer(
        base, cv=3, aggregate=aggregate, store_cv_results=True
    ).fit(X, Y)
    assert model.thresholds_.shape == (4,)
    assert model.predict(X).shape == Y.shape
    assert set(np.unique(model.predict(X))) <= {0, 1}
    # the pooled optimum, unless it would predict every sample
    fallback = model.cv_results_["fallback"][3]
    assert fallback in ("pooled", "never")
    assert (model.thresholds_[3] == np.inf) == (fallback == "never")
    assert model.thresholds_[3] > -np.inf
    assert model.cv_results_["n_positives"][3] == 2


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


def test_binary_targets_keep_their_classes():
    X, y = make_classification(n_samples=200, weights=[0.85], random_state=0)
    labels = np.where(y == 1, "spam", "ham")
    model = ThresholdOptimizer(LogisticRegression(), cv=4).fit(X, labels)
    assert isinstance(model.thresholds_, float)
    assert set(model.predict(X)) <= {"ham", "spam"}
    assert (
        f1_score(labels, model.predict(X), pos_label="spam")
        >= f1_score(labels, model.estimator_.predict(X), pos_label="spam") - 0.05
    )


def test_prefit_tunes_without_refitting(data):
    X, Y = data
    fitted = OneVsRestClassifier(LogisticRegression()).fit(X[:120], Y[:120])
    model = ThresholdOptimizer(fitted, cv="prefit").fit(X[120:], Y[120:])
    assert model.estimator_ is fitted
    expected = optimize_thresholds(Y[120:], fitted.predict_proba(X[120:]))
    np.testing.assert_allclose(model.thresholds_, expected.thresholds)


def test_grid_search_pipeline_and_pickle(data):
    X, Y = data
    model = ThresholdOptimizer(OneVsRestClassifier(LogisticRegression()), cv=3)
    search = GridSearchCV(
        model,
        {"estimator__estimator__C": [0.1, 1.0], "scoring": ["f1_macro", "f1_micro"]},
        scoring="f1_macro",
        cv=2,
    ).fit(X, Y)
    assert set(search.best_params_) == {"estimator__estimator__C", "scoring"}
    fitted = search.best_estimator_
    copy = pickle.loads(pickle.dumps(fitted))
    np.testing.assert_array_equal(copy.predict(X), fitted.predict(X))
    np.testing.assert_allclose(copy.predict_proba(X), fitted.predict_proba(X))


def test_bad_parameters(data):
    X, Y = data
    for params, match in [
        ({"strategy": "grid"}, "'strategy' parameter"),
        ({"aggregate": "median"}, "'aggregate' parameter"),
        ({"response_method": "predict"}, "'response_method' parameter"),
        ({"thresholds": 1}, "'thresholds' parameter"),
        ({"thresholds": [[0.1, 0.2]]}, "'thresholds' parameter"),
        ({"thresholds": [0.5, np.nan]}, "'thresholds' parameter"),
    ]:
        with pytest.raises(ValueError, match=match):
            ThresholdOptimizer(KNeighborsClassifier(), **params).fit(X, Y)


def test_sample_weight_reaches_every_fit_and_the_search(data):
    X, Y = data
    weight = np.random.default_rng(0).integers(1, 4, size=X.shape[0]).astype(float)
    cv = KFold(3, shuffle=True, random_state=0)
    base = MultiOutputClassifier(LogisticRegression())
    model = ThresholdOptimizer(base, cv=cv, scoring="f1_micro", shrink="none")
    model.fit(X, Y, sample_weight=weight)
    scores = np.zeros(Y.shape)
    for train, test in cv.split(X):
        fold = clone(base).fit(X[train], Y[train], sample_weight=weight[train])
        scores[test] = np.column_stack([p[:, 1] for p in fold.predict_proba(X[test])])
    expected = optimize_thresholds(Y, scores, scoring="f1_micro", sample_weight=weight)
    np.testing.assert_allclose(model.thresholds_, expected.thresholds)
    assert model.best_score_ == pytest.approx(expected.score)
    refit = clone(base).fit(X, Y, sample_weight=weight)
    np.testing.assert_allclose(model.predict_proba(X)[0], refit.predict_proba(X)[0])


def test_cv_results_hold_each_labels_curve_and_work_in_a_pipeline(data):
    X, Y = data
    model = make_pipeline(
        StandardScaler(),
        ThresholdOptimizer(
            OneVsRestClassifier(LogisticRegression()), cv=3, store_cv_results=True
        ),
    ).fit(X, Y)
    tuned = model[-1]
    results = tuned.cv_results_
    assert len(results["thresholds"]) == len(results["scores"]) == Y.shape[1]
    for j in range(Y.shape[1]):
        best = np.argmax(results["scores"][j])
        # the tuned cut-off is the best point of the label's curve (macro F1)
        assert results["thresholds"][j][best] == pytest.approx(tuned.thresholds_[j])
    assert model.predict(X).shape == Y.shape


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


def test_verbose_reports_fold_progress(data, capsys):
    X, Y = data
    ThresholdOptimizer(KNeighborsClassifier(), cv=3, verbose=10).fit(X, Y)
    captured = capsys.readouterr()
    assert "fitting 3 folds" in captured.out
    assert "Done" in captured.out + captured.err  # joblib's progress lines


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


def test_candidates_replace_predict_all_by_the_lowest_candidate():
    # a label positive in 90 % of rows with uninformative features: predicting
    # every sample is best, and the lowest candidate is the closest to it
    X, _ = make_classification(n_samples=120, random_state=0)
    y = (np.random.default_rng(0).random(120) < 0.9).astype(int)
    exact = ThresholdOptimizer(LogisticRegression(), cv=3).fit(X, y)
    assert exact.thresholds_ == -np.inf
    model = ThresholdOptimizer(LogisticRegression(), cv=3, thresholds=[0.95, 0.99])
    assert model.fit(X, y).thresholds_ == 0.95


@pytest.mark.parametrize("name", ["f1_micro", "f1_samples"])
def test_scorer_objects_as_scoring(name, data):
    X, Y = data
    cv = KFold(3, shuffle=True, random_state=0)
    base = OneVsRestClassifier(LogisticRegression())
    by_name = ThresholdOptimizer(base, scoring=name, cv=cv).fit(X, Y)
    by_object = ThresholdOptimizer(base, scoring=get_scorer(name), cv=cv).fit(X, Y)
    np.testing.assert_array_equal(by_object.thresholds_, by_name.thresholds_)
    # any other scorer object scores 0/1 predictions of the out-of-fold scores
    f2 = make_scorer(fbeta_score, beta=2, average="macro", zero_division=0)
    model = ThresholdOptimizer(base, scoring=f2, cv=cv).fit(X, Y)
    scores = np.zeros(Y.shape)
    for train, test in cv.split(X):
        scores[test] = clone(base).fit(X[train], Y[train]).predict_proba(X[test])
    reached = fbeta_score(
        Y, scores >= model.thresholds_, beta=2, average="macro", zero_division=0
    )
    assert model.best_score_ == pytest.approx(reached)


class _FirstFeature(ClassifierMixin, BaseEstimator):
    """Scores every label by the first feature (a model that cannot rank)."""

    def fit(self, X, Y):
        self.n_labels_ = Y.shape[1]
        return self

    def predict_proba(self, X):
        p = 1 / (1 + np.exp(-np.asarray(X)[:, :1]))
        return np.repeat(p, self.n_labels_, axis=1)


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
