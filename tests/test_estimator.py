"""ThresholdOptimizer: a scikit-learn meta-estimator for binary and multi-label."""

import pickle

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.datasets import make_classification, make_multilabel_classification
from sklearn.ensemble import RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import fbeta_score, make_scorer
from sklearn.model_selection import GridSearchCV, KFold
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


def test_verbose_reports_fold_progress(data, capsys):
    X, Y = data
    ThresholdOptimizer(KNeighborsClassifier(), cv=3, verbose=10).fit(X, Y)
    captured = capsys.readouterr()
    assert "fitting 3 folds" in captured.out
    assert "Done" in captured.out + captured.err  # joblib's progress lines


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
