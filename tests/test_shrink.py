"""Shrinkage of per-label cut-offs toward the shared cut-off (``shrink=``)."""

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.datasets import load_iris, make_multilabel_classification
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import KFold
from sklearn.multiclass import OneVsRestClassifier
from sklearn.svm import LinearSVC

from skmultimetrics import ThresholdOptimizer, f1_score, optimize_thresholds
from skmultimetrics._thresholds._shrink import shrink_to_shared


def _logit(p):
    if p <= 0:
        return -np.inf
    if p >= 1:
        return np.inf
    return np.log(p / (1 - p))


def _reference(own, folds, shared, shrinkable, probabilities):
    """James-Stein written out label by label, in plain Python."""
    scale = _logit if probabilities else float
    labels = [
        j for j in range(len(own)) if shrinkable[j] and np.isfinite(scale(own[j]))
    ]
    out, weights = list(own), [np.nan] * len(own)
    center = scale(shared)
    if len(labels) < 3 or not np.isfinite(center):
        return np.array(out), np.array(weights)
    noise = {}
    for j in labels:
        line = [scale(v) for v in folds[:, j] if not np.isnan(v)]
        values = [v for v in line if np.isfinite(v)]  # no cut-off: left out
        if len(values) >= 2:
            mean = sum(values) / len(values)
            var = sum((v - mean) ** 2 for v in values) / (len(values) - 1)
            noise[j] = var / len(values)
        else:  # fewer than two usable folds
            noise[j] = np.inf
    known = [j for j in labels if np.isfinite(noise[j])]
    signal = 0.0
    if len(known) >= 2:
        deviations = [scale(own[j]) - center for j in known]
        mean_dev = sum(deviations) / len(deviations)
        spread = sum((d - mean_dev) ** 2 for d in deviations) / (len(deviations) - 1)
        signal = max(0.0, spread - sum(noise[j] for j in known) / len(known))
    for j in labels:
        if noise[j] == 0:
            w = 1.0
        elif np.isinf(noise[j]):
            w = 0.0
        else:
            w = signal / (signal + noise[j])
        z = w * scale(own[j]) + (1 - w) * center
        weights[j] = w
        if w != 1.0:
            out[j] = 1 / (1 + np.exp(-z)) if probabilities else z
    return np.array(out), np.array(weights)


@pytest.mark.parametrize("seed", range(40))
def test_shrink_to_shared_matches_the_formula(seed):
    rng = np.random.default_rng(seed)
    n_labels, n_folds = rng.integers(1, 9), rng.integers(2, 6)
    probabilities = bool(seed % 2)
    spread = rng.uniform(0.01, 2.0)
    center = rng.normal()
    own = center + rng.normal(0, spread, n_labels)
    folds = own + rng.normal(0, rng.uniform(0, 1.5, n_labels), (n_folds, n_labels))
    if probabilities:
        own, folds = 1 / (1 + np.exp(-own)), 1 / (1 + np.exp(-folds))
    folds[rng.random(folds.shape) < 0.2] = np.nan  # folds without positives
    folds[rng.random(folds.shape) < 0.05] = np.inf  # a fold without a cut-off
    if probabilities and n_labels > 3:
        own[3] = 1.0  # predicts only scores of exactly 1: never moves
        folds[:, 1] = np.clip(folds[:, 1], 1e-12, 1e-9)  # tiny, not clipped
    if n_labels > 2:
        folds[:, 0] = folds[0, 0]  # a label whose cut-off never moves
    own[rng.random(n_labels) < 0.1] = np.inf  # never predicted
    shrinkable = rng.random(n_labels) < 0.85
    shared = float(np.median(own[np.isfinite(own)])) if np.isfinite(own).any() else 0.5
    before = own.copy(), folds.copy()
    got, weights = shrink_to_shared(own, folds, shared, shrinkable, probabilities)
    want, want_weights = _reference(own, folds, shared, shrinkable, probabilities)
    np.testing.assert_allclose(got, want, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(weights, want_weights, rtol=1e-9, atol=1e-12)
    # inputs unchanged; weights in [0, 1]; every moved cut-off between its own
    # and the shared one
    np.testing.assert_array_equal(own, before[0])
    np.testing.assert_array_equal(folds, before[1])
    w = weights[np.isfinite(weights)]
    assert ((w >= 0) & (w <= 1)).all()
    moved = np.isfinite(weights)
    low = np.minimum(own[moved], shared) - 1e-12
    high = np.maximum(own[moved], shared) + 1e-12
    assert ((got[moved] >= low) & (got[moved] <= high)).all()
    np.testing.assert_array_equal(got[~moved], own[~moved])


def test_shrink_to_shared_extremes():
    own = np.array([0.2, 0.4, 0.6, 0.8])
    # folds agree exactly: nothing is noise, every cut-off stays
    folds = np.tile(own, (5, 1))
    got, weights = shrink_to_shared(own, folds, 0.5, np.ones(4, bool), True)
    np.testing.assert_array_equal(got, own)
    np.testing.assert_array_equal(weights, 1.0)
    # folds all over the place: the spread of the labels is noise, all go to
    # the shared cut-off
    folds = np.array([[0.05, 0.95] * 2, [0.95, 0.05] * 2] * 2)
    got, weights = shrink_to_shared(own, folds, 0.5, np.ones(4, bool), True)
    np.testing.assert_allclose(got, 0.5)
    np.testing.assert_array_equal(weights, 0.0)
    # fewer than three labels: James-Stein does not apply
    got, weights = shrink_to_shared(own[:2], folds[:, :2], 0.5, [True, True], True)
    np.testing.assert_array_equal(got, own[:2])
    assert np.isnan(weights).all()


@pytest.fixture(scope="module")
def data():
    X, Y = make_multilabel_classification(
        n_samples=300, n_features=10, n_classes=6, random_state=3
    )
    return X, Y


def _out_of_fold(base, X, Y, cv):
    scores = np.zeros(Y.shape)
    for train, test in cv.split(X):
        fitted = clone(base).fit(X[train], Y[train])
        if hasattr(fitted, "predict_proba"):
            scores[test] = fitted.predict_proba(X[test])
        else:
            scores[test] = fitted.decision_function(X[test])
    return scores


@pytest.mark.parametrize(
    "base, probabilities",
    [
        (OneVsRestClassifier(LogisticRegression()), True),
        (OneVsRestClassifier(LinearSVC()), False),
    ],
)
def test_default_shrinks_micro_objectives_toward_the_shared_cut_off(
    data, base, probabilities
):
    X, Y = data
    cv = KFold(4, shuffle=True, random_state=0)
    model = ThresholdOptimizer(base, cv=cv, scoring="f1_micro", store_cv_results=True)
    model.fit(X, Y)
    scores = _out_of_fold(base, X, Y, cv)
    own = optimize_thresholds(Y, scores, scoring="f1_micro").thresholds
    folds = np.vstack(
        [
            optimize_thresholds(Y[test], scores[test], scoring="f1_micro").thresholds
            for _, test in cv.split(X)
        ]
    )
    shared = optimize_thresholds(Y, scores, scoring="f1_micro", strategy="global")
    want, weights = _reference(
        own, folds, shared.thresholds[0], np.ones(6, bool), probabilities
    )
    np.testing.assert_allclose(model.thresholds_, want, rtol=1e-9)
    np.testing.assert_allclose(model.cv_results_["shrink_weight"], weights)
    assert not np.allclose(model.thresholds_, own)  # the check can fail
    # best_score_ is the objective at the shrunk cut-offs
    micro = f1_score(Y, scores >= model.thresholds_, average="micro")
    assert model.best_score_ == pytest.approx(micro)
    # "none" keeps the plain optimum; macro objectives are not shrunk by default
    plain = ThresholdOptimizer(base, cv=cv, scoring="f1_micro", shrink="none")
    np.testing.assert_allclose(plain.fit(X, Y).thresholds_, own)
    macro = ThresholdOptimizer(base, cv=cv, store_cv_results=True).fit(X, Y)
    assert macro.cv_results_["shrink_weight"] is None
    np.testing.assert_allclose(
        macro.thresholds_, optimize_thresholds(Y, scores).thresholds
    )


def test_shared_shrinks_macro_objectives_too(data):
    X, Y = data
    cv = KFold(4, shuffle=True, random_state=1)
    base = OneVsRestClassifier(LogisticRegression())
    model = ThresholdOptimizer(base, cv=cv, shrink="shared", store_cv_results=True)
    model.fit(X, Y)
    scores = _out_of_fold(base, X, Y, cv)
    own = optimize_thresholds(Y, scores).thresholds
    folds = np.vstack(
        [optimize_thresholds(Y[t], scores[t]).thresholds for _, t in cv.split(X)]
    )
    shared = optimize_thresholds(Y, scores, strategy="global").thresholds[0]
    want, weights = _reference(own, folds, shared, np.ones(6, bool), True)
    np.testing.assert_allclose(model.thresholds_, want, rtol=1e-9)
    np.testing.assert_allclose(model.cv_results_["shrink_weight"], weights)


@pytest.mark.filterwarnings("ignore:Label not 2 is present")
def test_label_without_positives_is_never_shrunk(data):
    X, Y = data
    Y = Y.copy()
    Y[:, 2] = 0
    model = ThresholdOptimizer(
        OneVsRestClassifier(LogisticRegression()),
        cv=3,
        scoring="f1_micro",
        store_cv_results=True,
    ).fit(X, Y)
    assert model.thresholds_[2] == np.inf
    assert np.isnan(model.cv_results_["shrink_weight"][2])
    assert np.isfinite(model.cv_results_["shrink_weight"][[0, 1, 3, 4, 5]]).all()


def test_no_shrinkage_without_folds_or_with_prefit(data):
    X, Y = data
    base = OneVsRestClassifier(LogisticRegression()).fit(X, Y)
    model = ThresholdOptimizer(
        base, cv="prefit", scoring="f1_micro", store_cv_results=True
    ).fit(X, Y)
    scores = base.predict_proba(X)
    want = optimize_thresholds(Y, scores, scoring="f1_micro").thresholds
    np.testing.assert_allclose(model.thresholds_, want)
    assert model.cv_results_["shrink_weight"] is None


def test_bad_shrink_is_refused_by_name(data):
    X, Y = data
    base = OneVsRestClassifier(LogisticRegression())
    with pytest.raises(ValueError, match="shrink"):
        ThresholdOptimizer(base, shrink="james-stein").fit(X, Y)
    with pytest.raises(ValueError, match=r"shrink.*constraint"):
        ThresholdOptimizer(
            base,
            scoring="recall_macro",
            constraint=("precision", 0.5),
            shrink="shared",
        ).fit(X, Y)
    Xi, yi = load_iris(return_X_y=True)
    with pytest.raises(ValueError, match=r"shrink.*multiclass"):
        ThresholdOptimizer(LogisticRegression(), shrink="shared").fit(Xi, yi)
    # "auto" with a constraint or a multiclass target does not shrink
    model = ThresholdOptimizer(
        base, scoring="recall_macro", constraint=("precision", 0.5), cv=3
    )
    model.fit(X, Y)
    ThresholdOptimizer(LogisticRegression(max_iter=500), cv=3).fit(Xi, yi)


@pytest.mark.parametrize("n_labels", [1, 2])
def test_fewer_than_three_labels_are_not_shrunk(data, n_labels):
    X, Y = data
    model = ThresholdOptimizer(
        OneVsRestClassifier(LogisticRegression()),
        cv=3,
        scoring="f1_micro" if n_labels > 1 else "f1",
        shrink="shared",
        store_cv_results=True,
    )
    target = Y[:, :n_labels] if n_labels > 1 else Y[:, 0]
    model.fit(X, target)
    assert model.cv_results_["shrink_weight"] is None


def test_shrink_to_shared_takes_a_target_per_label():
    rng = np.random.default_rng(7)
    own = rng.uniform(0.2, 0.8, 6)
    folds = own + rng.normal(0, 0.05, (4, 6))
    one, w_one = shrink_to_shared(own, folds, 0.4, np.ones(6, bool), True)
    same, w_same = shrink_to_shared(own, folds, np.full(6, 0.4), np.ones(6, bool), True)
    np.testing.assert_array_equal(one, same)
    np.testing.assert_array_equal(w_one, w_same)
    # each label moves toward its own target, with one weight formula
    targets = rng.uniform(0.3, 0.6, 6)
    got, w = shrink_to_shared(own, folds, targets, np.ones(6, bool), True)
    z = lambda p: np.log(p / (1 - p))  # noqa: E731
    moved = 1 / (1 + np.exp(-(w * z(own) + (1 - w) * z(targets))))
    np.testing.assert_allclose(got, np.where(w == 1, own, moved))
    assert not np.allclose(got, one)
    # a target that is not finite leaves every label alone
    targets[2] = np.inf
    got, w = shrink_to_shared(own, folds, targets, np.ones(6, bool), True)
    np.testing.assert_array_equal(got, own)
    assert np.isnan(w).all()
