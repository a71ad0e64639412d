"""FixedThresholdClassifier: fixed cut-offs around an estimator, for binary,
multi-label and multiclass targets, from numbers, a Series or the command line's
cut-off file."""

import pickle

import numpy as np
import pytest
from sklearn import config_context
from sklearn.base import clone
from sklearn.datasets import (
    load_iris,
    make_classification,
    make_multilabel_classification,
)
from sklearn.ensemble import RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import FixedThresholdClassifier as SklearnFixed
from sklearn.model_selection import GridSearchCV
from sklearn.multiclass import OneVsRestClassifier
from sklearn.multioutput import MultiOutputClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import LinearSVC
from sklearn.utils.estimator_checks import parametrize_with_checks

from skmultimetrics import FixedThresholdClassifier

_NOT_ARGMAX = (
    "with a cut-off other than 0.5, predict need not agree with the argmax of "
    "predict_proba (as for scikit-learn's FixedThresholdClassifier)"
)
_FOREST = (
    "the random forest's bootstrap draws repeated rows differently from their "
    "weighted originals (scikit-learn marks the same failure of the forest itself)"
)


def _expected_failures(estimator):
    if isinstance(estimator.estimator, RandomForestClassifier):
        return {
            "check_sample_weight_equivalence_on_dense_data": _FOREST,
            "check_sample_weight_equivalence_on_sparse_data": _FOREST,
        }
    if estimator.threshold != 0.5:
        return {"check_classifiers_train": _NOT_ARGMAX}
    return {}


@parametrize_with_checks(
    [
        FixedThresholdClassifier(LogisticRegression()),
        FixedThresholdClassifier(LogisticRegression(), threshold=0.3),
        # multi-label targets: the checks run them when the estimator takes them
        FixedThresholdClassifier(
            RandomForestClassifier(n_estimators=5, random_state=0)
        ),
    ],
    expected_failed_checks=_expected_failures,
)
def test_scikit_learn_estimator_checks(estimator, check):
    check(estimator)


@pytest.fixture(scope="module")
def data():
    X, Y = make_multilabel_classification(
        n_samples=240, n_features=8, n_classes=4, random_state=0
    )
    return X, Y


CUT_OFFS = np.array([0.3, 0.55, -np.inf, np.inf])


def _positive_scores(proba):
    """The positive-class columns, written out for each layout."""
    if isinstance(proba, list):
        return np.column_stack([p[:, 1] for p in proba])
    return proba


@pytest.mark.parametrize(
    "base",
    [
        MultiOutputClassifier(LogisticRegression()),
        OneVsRestClassifier(LogisticRegression()),
        RandomForestClassifier(n_estimators=10, random_state=0),
    ],
    ids=["multioutput", "ovr", "forest"],
)
def test_multilabel_predictions_are_scores_at_or_above_each_cut_off(base, data):
    X, Y = data
    model = FixedThresholdClassifier(base, threshold=CUT_OFFS).fit(X, Y)
    scores = _positive_scores(clone(base).fit(X, Y).predict_proba(X))
    expected = np.column_stack(
        [scores[:, j] >= CUT_OFFS[j] for j in range(Y.shape[1])]
    ).astype(int)
    np.testing.assert_array_equal(model.predict(X), expected)
    assert expected[:, 2].all() and not expected[:, 3].any()  # -inf, inf
    np.testing.assert_array_equal(model.classes_, np.arange(4))
    np.testing.assert_array_equal(model.thresholds_, CUT_OFFS)


@pytest.mark.parametrize("labels", [None, np.array(["no", "yes"])])
@pytest.mark.parametrize(
    ("base", "threshold", "method"),
    [
        (LogisticRegression(), 0.3, "auto"),
        (LogisticRegression(), 0.7, "predict_proba"),
        (LogisticRegression(), -0.5, "decision_function"),
        (LinearSVC(), 0.25, "auto"),
        (LinearSVC(), "auto", "auto"),
        (LogisticRegression(), "auto", "decision_function"),
    ],
)
def test_binary_equals_scikit_learns_fixed_threshold_classifier(
    base, threshold, method, labels
):
    X, y = make_classification(n_samples=200, random_state=0)
    if labels is not None:
        y = labels[y]
    ours = FixedThresholdClassifier(
        base, threshold=threshold, response_method=method
    ).fit(X, y)
    theirs = SklearnFixed(base, threshold=threshold, response_method=method).fit(X, y)
    np.testing.assert_array_equal(ours.predict(X), theirs.predict(X))
    np.testing.assert_array_equal(ours.classes_, theirs.classes_)
    assert ours.predict(X).dtype == theirs.predict(X).dtype
    assert 0 < (ours.predict(X) == ours.classes_[1]).mean() < 1


def test_multiclass_is_the_argmax_of_probabilities_over_thresholds():
    X, y = load_iris(return_X_y=True)
    names = np.array(["setosa", "versicolor", "virginica"])[y]
    weights = np.array([1.0, 3.0, 0.4])
    model = FixedThresholdClassifier(
        LogisticRegression(max_iter=1000), threshold=weights
    ).fit(X, names)
    proba = LogisticRegression(max_iter=1000).fit(X, names).predict_proba(X)
    expected = np.array(["setosa", "versicolor", "virginica"])[
        np.argmax(proba / weights, axis=1)
    ]
    np.testing.assert_array_equal(model.predict(X), expected)
    # the weights change decisions here, so the test can tell
    assert (expected != names[np.argmax(proba, axis=1)]).any()
    # inf never predicts a class
    never = model.set_params(threshold=[1.0, np.inf, 1.0]).predict(X)
    assert "versicolor" not in never
    # a float: every class the same weight, the plain argmax
    plain = model.set_params(threshold=0.5).predict(X)
    np.testing.assert_array_equal(plain, model.classes_[np.argmax(proba, axis=1)])


def test_multiclass_needs_predict_proba():
    X, y = load_iris(return_X_y=True)
    with pytest.raises(ValueError, match=r"FixedThresholdClassifier.*predict_proba"):
        FixedThresholdClassifier(LinearSVC()).fit(X, y)
    with pytest.raises(ValueError, match="response_method"):
        FixedThresholdClassifier(
            LogisticRegression(), response_method="decision_function"
        ).fit(X, y)


def test_pipeline_and_grid_search(data):
    X, Y = data
    cut_offs = [0.4, 0.5, 0.6, 0.45]
    model = FixedThresholdClassifier(
        OneVsRestClassifier(LogisticRegression()), threshold=cut_offs
    )
    search = GridSearchCV(
        model, {"estimator__estimator__C": [0.01, 1.0]}, scoring="f1_macro", cv=3
    ).fit(X, Y)
    assert set(search.best_params_) == {"estimator__estimator__C"}
    best_c = search.best_params_["estimator__estimator__C"]
    refit = OneVsRestClassifier(LogisticRegression(C=best_c)).fit(X, Y)
    np.testing.assert_array_equal(
        search.predict(X), (refit.predict_proba(X) >= cut_offs).astype(int)
    )
    pipeline = make_pipeline(
        StandardScaler(), FixedThresholdClassifier(LogisticRegression())
    )
    Xb, yb = make_classification(n_samples=150, random_state=1)
    grid = GridSearchCV(
        pipeline,
        {
            "fixedthresholdclassifier__estimator__C": [0.1, 1.0],
            "fixedthresholdclassifier__threshold": [0.3, 0.6],
        },
        cv=3,
    ).fit(Xb, yb)
    params = grid.best_params_
    reference = make_pipeline(
        StandardScaler(),
        LogisticRegression(C=params["fixedthresholdclassifier__estimator__C"]),
    ).fit(Xb, yb)
    expected = (
        reference.predict_proba(Xb)[:, 1]
        >= params["fixedthresholdclassifier__threshold"]
    ).astype(int)
    np.testing.assert_array_equal(grid.predict(Xb), expected)


def test_prefit_estimator_is_used_as_it_is(data):
    X, Y = data
    fitted = OneVsRestClassifier(LogisticRegression()).fit(X[:150], Y[:150])
    model = FixedThresholdClassifier(fitted, threshold=CUT_OFFS)
    expected = (fitted.predict_proba(X) >= CUT_OFFS).astype(int)
    np.testing.assert_array_equal(model.predict(X), expected)
    np.testing.assert_array_equal(model.classes_, np.arange(4))
    assert model.n_features_in_ == X.shape[1]
    forest = RandomForestClassifier(n_estimators=5, random_state=0).fit(X, Y)
    scores = _positive_scores(forest.predict_proba(X))
    np.testing.assert_array_equal(
        FixedThresholdClassifier(forest, threshold=CUT_OFFS).predict(X),
        (scores >= CUT_OFFS).astype(int),
    )
    Xb, yb = make_classification(n_samples=100, random_state=0)
    binary = LogisticRegression().fit(Xb[:50], yb[:50])
    np.testing.assert_array_equal(
        FixedThresholdClassifier(binary, threshold=0.2).predict(Xb),
        SklearnFixed(binary, threshold=0.2).predict(Xb),
    )
    Xc, yc = load_iris(return_X_y=True)
    multiclass = LogisticRegression(max_iter=1000).fit(Xc, yc)
    weights = [1.0, 3.0, 0.4]
    np.testing.assert_array_equal(
        FixedThresholdClassifier(multiclass, threshold=weights).predict(Xc),
        np.argmax(multiclass.predict_proba(Xc) / weights, axis=1),
    )
    # the wrong number of cut-offs for the prefit estimator: an error at predict
    with pytest.raises(ValueError, match=r"'threshold'.*shape \(4,\)"):
        FixedThresholdClassifier(fitted, threshold=[0.5, 0.5, 0.5]).predict(X)
    # fit refits a clone, as scikit-learn's class does
    refit = FixedThresholdClassifier(fitted, threshold=CUT_OFFS).fit(X, Y)
    assert refit.estimator_ is not fitted
    np.testing.assert_allclose(
        refit.predict_proba(X),
        OneVsRestClassifier(LogisticRegression()).fit(X, Y).predict_proba(X),
    )


def test_unfitted_raises_not_fitted():
    from sklearn.exceptions import NotFittedError

    X, _ = make_classification(n_samples=50, random_state=0)
    model = FixedThresholdClassifier(LogisticRegression())
    for method in ("predict", "predict_proba", "decision_function"):
        with pytest.raises(NotFittedError):
            getattr(model, method)(X)
    with pytest.raises(NotFittedError):
        model.thresholds_  # noqa: B018
    with pytest.raises(NotFittedError):
        model.classes_  # noqa: B018


def test_pickle_clone_and_nested_params(data):
    X, Y = data
    model = FixedThresholdClassifier(
        OneVsRestClassifier(LogisticRegression(C=0.5)), threshold=CUT_OFFS
    ).fit(X, Y)
    copy = pickle.loads(pickle.dumps(model))
    np.testing.assert_array_equal(copy.predict(X), model.predict(X))
    np.testing.assert_allclose(copy.predict_proba(X), model.predict_proba(X))
    assert model.get_params()["estimator__estimator__C"] == 0.5
    cloned = clone(model).set_params(estimator__estimator__C=2.0)
    assert cloned.estimator.estimator.C == 2.0
    assert not hasattr(cloned, "estimator_")


def test_set_params_threshold_applies_at_the_next_predict(data):
    X, Y = data
    model = FixedThresholdClassifier(OneVsRestClassifier(LogisticRegression())).fit(
        X, Y
    )
    proba = model.predict_proba(X)
    model.set_params(threshold=0.2)
    np.testing.assert_array_equal(model.predict(X), (proba >= 0.2).astype(int))
    np.testing.assert_array_equal(model.thresholds_, np.full(4, 0.2))


@pytest.mark.parametrize(
    ("threshold", "match"),
    [
        ([0.5, 0.5, 0.5], r"shape \(4,\)"),
        ([0.5, np.nan, 0.5, 0.5], "NaN"),
        (True, "not booleans"),
        ([0.5, True, 0.5, 0.5], "not booleans"),
        (np.array([True, False, True, True]), "'threshold' parameter"),
        ("0.5", "not a file"),
        (None, "'threshold' parameter"),
        ([[0.5, 0.5, 0.5, 0.5]], r"shape \(4,\)"),
        (["0.5", "0.5", "0.5", "0.5"], "'threshold' parameter"),
        ([0.5, [0.5, 0.5]], "'threshold' parameter"),
    ],
)
def test_bad_multilabel_thresholds(threshold, match, data):
    X, Y = data
    model = FixedThresholdClassifier(
        OneVsRestClassifier(LogisticRegression()), threshold=threshold
    )
    with pytest.raises(ValueError, match=match):
        model.fit(X, Y)


@pytest.mark.parametrize(
    ("threshold", "match"),
    [
        ([1.0, 2.0], r"shape \(3,\)"),
        ([1.0, 0.0, 1.0], "positive"),
        ([1.0, -np.inf, 1.0], "positive"),
        ([1.0, np.nan, 1.0], "NaN"),
        ([1.0, False, 1.0], "not booleans"),
        (["1", "2", "3"], "'threshold' parameter"),
    ],
)
def test_bad_multiclass_thresholds(threshold, match):
    X, y = load_iris(return_X_y=True)
    model = FixedThresholdClassifier(LogisticRegression(), threshold=threshold)
    with pytest.raises(ValueError, match=match):
        model.fit(X, y)


@pytest.mark.parametrize(
    ("threshold", "match"),
    [([0.2, 0.3], "binary"), (np.nan, "NaN"), (False, "not booleans")],
)
def test_bad_binary_thresholds(threshold, match):
    X, y = make_classification(n_samples=60, random_state=0)
    model = FixedThresholdClassifier(LogisticRegression(), threshold=threshold)
    with pytest.raises(ValueError, match=match):
        model.fit(X, y)


def test_sample_weight_is_passed_and_routed():
    X, y = make_classification(n_samples=120, random_state=0)
    weight = np.random.default_rng(0).integers(1, 4, size=y.shape[0]).astype(float)
    reference = LogisticRegression().fit(X, y, sample_weight=weight)
    plain = FixedThresholdClassifier(LogisticRegression()).fit(
        X, y, sample_weight=weight
    )
    np.testing.assert_allclose(plain.estimator_.coef_, reference.coef_)
    with config_context(enable_metadata_routing=True):
        requested = FixedThresholdClassifier(
            LogisticRegression().set_fit_request(sample_weight=True)
        ).fit(X, y, sample_weight=weight)
        np.testing.assert_allclose(requested.estimator_.coef_, reference.coef_)
        # declined by the estimator: an error, as with scikit-learn's class
        for cls in (FixedThresholdClassifier, SklearnFixed):
            declined = cls(LogisticRegression().set_fit_request(sample_weight=False))
            with pytest.raises(TypeError, match="not routed to any object"):
                declined.fit(X, y, sample_weight=weight)
        # not requested and not given: fits
        FixedThresholdClassifier(LogisticRegression()).fit(X, y)
