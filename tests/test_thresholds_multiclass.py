"""Multiclass decisions: per-class weights, ``argmax(proba / thresholds)``."""

import pickle

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import (
    balanced_accuracy_score,
    jaccard_score,
    make_scorer,
    precision_score,
    recall_score,
)
from sklearn.metrics import f1_score as sk_f1_score
from sklearn.model_selection import GridSearchCV, StratifiedKFold, cross_val_predict

from skmultimetrics import (
    ThresholdOptimizer,
    f1_score,
    optimize_thresholds,
)
from skmultimetrics._thresholds._multiclass import (
    MulticlassObjective,
    _inside,
    class_sweep,
    coordinate_weights,
    decide,
)

NAMES = (
    "f1_macro",
    "balanced_accuracy",
    "accuracy",
    "f1_weighted",
    "precision_macro",
    "recall_macro",
    "jaccard_macro",
    "f1_micro",
    "jaccard_micro",
)


def _problem(seed, n_max=14):
    rng = np.random.default_rng(seed)
    n, n_classes = int(rng.integers(4, n_max)), int(rng.integers(3, 5))
    y = rng.integers(0, n_classes, n)
    y[:n_classes] = np.arange(n_classes)  # every class present
    scores = rng.dirichlet(np.ones(n_classes), n)
    if seed % 2:
        scores = np.round(scores, 1)  # ties and zero scores
    weight = rng.integers(1, 4, n).astype(float) if seed % 3 == 0 else None
    return rng, y, scores, weight


def _bound(name, y, weight, n_classes):
    objective = MulticlassObjective(name, "test")
    return objective.bind(y, weight, n_classes, np.arange(n_classes))


@pytest.mark.parametrize("seed", range(60))
def test_class_step_is_exact_against_a_grid_of_weights(seed):
    rng, y, scores, weight = _problem(seed)
    n_classes = scores.shape[1]
    name = NAMES[seed % len(NAMES)]
    objective = _bound(name, y, weight, n_classes)
    weights = rng.choice([0.5, 1.0, 2.0], n_classes)
    c = int(rng.integers(n_classes))
    points, values = class_sweep(objective, scores, weights, c)
    lower = np.concatenate([[0.0], points.edges])
    upper = np.concatenate([points.edges, [np.inf]])
    # every interval: the value counted incrementally is that of the argmax
    for k, (lo, up) in enumerate(zip(lower, upper)):
        trial = weights.copy()
        trial[c] = _inside(lo, up)
        assert values[k] == pytest.approx(
            objective.score(decide(scores, trial)), abs=1e-12
        )
    # the best interval is the best of a fine grid of weights (off the
    # breakpoints themselves, where ties may decide otherwise: the search
    # never puts a weight there)
    grid = np.geomspace(1e-3, 1e3, 30001) * np.sqrt(1.1)
    trials = np.tile(weights, (grid.size, 1))
    trials[:, c] = grid
    predictions = np.unique(np.argmax(scores * trials[:, None, :], axis=2), axis=0)
    best_on_grid = max(objective.score(pred) for pred in predictions)
    assert values.max() == pytest.approx(best_on_grid, abs=1e-12)


@pytest.mark.parametrize("seed", range(30))
def test_coordinate_ascent_ends_at_a_coordinate_optimum(seed):
    _, y, scores, weight = _problem(seed, n_max=30)
    n_classes = scores.shape[1]
    name = NAMES[seed % len(NAMES)]
    objective = _bound(name, y, weight, n_classes)
    weights, value = coordinate_weights(objective, scores)
    assert value == pytest.approx(objective.score(decide(scores, weights)))
    assert value >= objective.score(np.argmax(scores, axis=1)) - 1e-12
    for c in range(n_classes):  # no single weight improves on it
        _, values = class_sweep(objective, scores, weights, c)
        assert values.max() <= value + 1e-9


@pytest.mark.parametrize("name", NAMES)
def test_named_objectives_equal_scikit_learn(name):
    _, y, scores, weight = _problem(4, n_max=40)
    pred = np.argmax(scores, axis=1)
    objective = _bound(name, y, weight, scores.shape[1])
    if name == "balanced_accuracy":
        expected = balanced_accuracy_score(y, pred, sample_weight=weight)
    elif name == "accuracy":
        expected = np.average(y == pred, weights=weight)
    else:
        metric, average = name.split("_")
        function = {
            "f1": sk_f1_score,
            "precision": precision_score,
            "recall": recall_score,
            "jaccard": jaccard_score,
        }[metric]
        expected = function(
            y, pred, average=average, sample_weight=weight, zero_division=0.0
        )
    assert objective.score(pred) == pytest.approx(expected)


def test_optimize_thresholds_on_multiclass_scores():
    _, y, scores, _ = _problem(2, n_max=60)
    result = optimize_thresholds(y, scores)
    assert result.thresholds.shape == (scores.shape[1],)
    pred = np.argmax(scores / result.thresholds, axis=1)
    assert result.score == pytest.approx(sk_f1_score(y, pred, average="macro"))
    assert result.score >= sk_f1_score(y, scores.argmax(axis=1), average="macro")
    # the metrics take the thresholds too
    assert f1_score(
        y, scores, average="macro", threshold=result.thresholds
    ) == pytest.approx(result.score)
    inputs = (y.copy(), scores.copy())
    optimize_thresholds(*inputs, scoring="balanced_accuracy")
    np.testing.assert_array_equal(inputs[0], y)  # inputs never modified
    np.testing.assert_array_equal(inputs[1], scores)


def test_sample_weight_equals_repetition():
    rng, y, scores, _ = _problem(5, n_max=40)
    repeats = rng.integers(1, 4, y.shape[0])
    weighted = optimize_thresholds(y, scores, sample_weight=repeats.astype(float))
    repeated = optimize_thresholds(
        np.repeat(y, repeats), np.repeat(scores, repeats, axis=0)
    )
    np.testing.assert_allclose(weighted.thresholds, repeated.thresholds)
    assert weighted.score == pytest.approx(repeated.score)


def test_string_labels_labels_argument_and_callables():
    _, y, scores, _ = _problem(7, n_max=50)
    names = np.array(["ant", "bee", "cat", "dog"])[y]
    by_name = optimize_thresholds(names, scores)
    np.testing.assert_allclose(
        by_name.thresholds, optimize_thresholds(y, scores).thresholds
    )
    assert by_name.classes.tolist() == sorted(set(names))

    seen = []

    def macro_f1(y_true, y_pred):
        seen.append(y_pred[0])
        return sk_f1_score(y_true, y_pred, average="macro")

    called = optimize_thresholds(names, scores, scoring=macro_f1)
    assert seen and set(seen) <= set(names)  # called with the class labels
    assert called.score == pytest.approx(by_name.score)
    scorer = make_scorer(sk_f1_score, average="macro")
    assert optimize_thresholds(names, scores, scoring=scorer).score == pytest.approx(
        by_name.score
    )
    # a class missing from y_true: its column never wins
    labels = np.arange(5)
    padded = np.column_stack([scores, np.full(len(y), 0.9)])
    result = optimize_thresholds(y, padded, labels=labels)
    assert result.thresholds[4] == np.inf


def test_ties_and_ones_give_numpy_argmax():
    scores = np.array([[0.4, 0.4, 0.2], [0.2, 0.4, 0.4], [0.0, 0.0, 0.0]])
    np.testing.assert_array_equal(decide(scores, np.ones(3)), [0, 1, 0])
    objective = _bound("f1_macro", np.array([1, 2, 0]), None, 3)
    weights, value = coordinate_weights(objective, scores)
    assert value == 1.0
    np.testing.assert_array_equal(decide(scores, weights), [1, 2, 0])


@pytest.fixture(scope="module")
def data():
    X, y = make_classification(
        n_samples=300,
        n_classes=4,
        n_informative=6,
        weights=[0.55, 0.25, 0.12, 0.08],
        random_state=0,
    )
    return X, y


def test_estimator_predict_is_argmax_of_proba_over_thresholds(data):
    X, y = data
    model = ThresholdOptimizer(LogisticRegression(), keep_tuned="always").fit(X, y)
    assert model.thresholds_.shape == (4,)
    proba = model.predict_proba(X)
    np.testing.assert_array_equal(
        model.predict(X), model.classes_[np.argmax(proba / model.thresholds_, axis=1)]
    )
    # the tuned weights are the optimum of the out-of-fold probabilities
    oof = cross_val_predict(
        LogisticRegression(), X, y, cv=StratifiedKFold(5), method="predict_proba"
    )
    expected = optimize_thresholds(y, oof)
    np.testing.assert_allclose(model.thresholds_, expected.thresholds)
    assert model.best_score_ == pytest.approx(expected.score)
    # thresholds of ones: the estimator's own argmax
    model.thresholds_ = np.ones(4)
    np.testing.assert_array_equal(model.predict(X), model.estimator_.predict(X))


def test_string_classes_pickle_and_grid_search(data):
    X, y = data
    labels = np.array(["a", "b", "c", "d"])[y]
    model = ThresholdOptimizer(LogisticRegression(), cv=3, keep_tuned="always")
    search = GridSearchCV(
        model, {"scoring": ["f1_macro", "balanced_accuracy"]}, cv=2
    ).fit(X, labels)
    fitted = search.best_estimator_
    assert set(fitted.predict(X)) <= set("abcd")
    copy = pickle.loads(pickle.dumps(fitted))
    np.testing.assert_array_equal(copy.predict(X), fitted.predict(X))
    np.testing.assert_array_equal(copy.thresholds_, fitted.thresholds_)


def test_prefit_and_weights_equal_repetition_there(data):
    X, y = data
    fitted = LogisticRegression().fit(X[:150], y[:150])
    weight = np.random.default_rng(0).integers(1, 4, 150)
    weighted = ThresholdOptimizer(fitted, cv="prefit").fit(
        X[150:], y[150:], sample_weight=weight.astype(float)
    )
    repeated = ThresholdOptimizer(fitted, cv="prefit").fit(
        np.repeat(X[150:], weight, axis=0), np.repeat(y[150:], weight)
    )
    assert weighted.estimator_ is fitted
    np.testing.assert_allclose(weighted.thresholds_, repeated.thresholds_)


def test_optimize_thresholds_errors_name_the_argument():
    _, y, scores, _ = _problem(3, n_max=30)
    with pytest.raises(ValueError, match="y_score of optimize_thresholds has negative"):
        optimize_thresholds(y, scores - 0.5)
    with pytest.raises(ValueError, match="pass labels="):
        optimize_thresholds(y, np.column_stack([scores, scores]))
    with pytest.raises(ValueError, match="'labels' parameter"):
        optimize_thresholds(y, scores, labels=[0, 1])
    with pytest.raises(ValueError, match="not in labels"):
        optimize_thresholds(y, scores, labels=[*range(scores.shape[1] - 1), 99])
    with pytest.raises(ValueError, match="'sample_weight' parameter"):
        optimize_thresholds(y, scores, sample_weight=np.ones(3))
    for constraint in [("recall", 0.5), ("recall", 0.5, 7), ("auc", 0.5, 0)]:
        with pytest.raises(ValueError, match="'constraint' parameter"):
            optimize_thresholds(y, scores, constraint=constraint)
    with pytest.raises(ValueError, match="'strategy' parameter"):
        optimize_thresholds(y, scores, strategy="global")
    with pytest.raises(ValueError, match="'scoring' parameter"):
        optimize_thresholds(y, scores, scoring="f1_samples")


@pytest.mark.parametrize("metric", ["recall", "precision", "specificity", "f1"])
@pytest.mark.parametrize("level", [0.6, 0.9])
def test_a_class_constraint_is_met_when_it_can_be(metric, level):
    rng = np.random.default_rng(0)
    y = rng.integers(0, 4, 200)
    scores = rng.dirichlet(np.ones(4), 200)
    scores[np.arange(200), y] += 0.25
    result = optimize_thresholds(y, scores, constraint=(metric, level, 2))
    pred = np.argmax(scores / result.thresholds, axis=1)
    tp = np.sum((pred == 2) & (y == 2))
    reached = {
        "recall": tp / np.sum(y == 2),
        "precision": tp / max(np.sum(pred == 2), 1),
        "specificity": np.sum((pred != 2) & (y != 2)) / np.sum(y != 2),
        "f1": 2 * tp / (np.sum(pred == 2) + np.sum(y == 2)),
    }[metric]
    assert result.feasible == (reached >= level)
    if metric != "f1":  # reachable by a weight high or low enough
        assert result.feasible
    assert result.score == pytest.approx(sk_f1_score(y, pred, average="macro"))


def test_estimator_constraint_names_a_class(data):
    X, y = data
    labels = np.array(["a", "b", "c", "d"])[y]
    model = ThresholdOptimizer(
        LogisticRegression(),
        constraint=("recall", 0.8, "d"),
        keep_tuned="always",
        store_cv_results=True,
    ).fit(X, labels)
    assert model.cv_results_["constraint_met"] in (True, False)
    bad = r"'constraint' parameter.*got \('recall', 0.8, 'e'\)"
    with pytest.raises(ValueError, match=bad):
        clone(model).set_params(constraint=("recall", 0.8, "e")).fit(X, labels)


def test_metric_thresholds_of_the_wrong_length_or_sign():
    y = [0, 1, 2, 2]
    scores = [[0.5, 0.3, 0.2], [0.4, 0.5, 0.1], [0.3, 0.3, 0.4], [0.5, 0.1, 0.4]]
    assert f1_score(y, scores, average="macro", threshold=[1, 1, 0.5]) == 1.0
    assert f1_score(y, scores, average="macro", threshold=1.0) == pytest.approx(7 / 9)
    for bad in ([1, 1], [1, 0, 1], [1, -1, 1], [1, np.nan, 1]):
        with pytest.raises(ValueError, match="'threshold' parameter of f1_score"):
            f1_score(y, scores, average="macro", threshold=bad)


def test_curve_display_refuses_multiclass_weights(data):
    pytest.importorskip("matplotlib")
    from skmultimetrics import ThresholdCurveDisplay

    X, y = data
    model = ThresholdOptimizer(LogisticRegression(), cv=3).fit(X, y)
    with pytest.raises(ValueError, match="multiclass weights"):
        ThresholdCurveDisplay.from_estimator(model, X, y)


def test_zero_scores(data):
    _, y, scores, _ = _problem(8, n_max=40)
    scores = scores.copy()
    scores[:, 0] = 0.0  # class 0 can only win with an infinite weight
    result = optimize_thresholds(y, scores)
    assert result.thresholds[0] == 1.0  # left alone
    X, y = data
    model = ThresholdOptimizer(LogisticRegression(), keep_tuned="always").fit(X, y)
    assert model.thresholds_.shape == (4,) and (model.thresholds_ > 0).all()
    # fold_mean was removed for multiclass targets (no held-out gain measured)
    with pytest.raises(ValueError, match="'aggregate' parameter"):
        ThresholdOptimizer(LogisticRegression(), aggregate="fold_mean").fit(X, y)


def test_review_fixes_infinite_thresholds_never_predict():
    from sklearn.metrics import f1_score as sk_f1

    y = np.array([1, 2, 1, 2])
    proba = np.array([[0, 0.6, 0.4], [0, 0.3, 0.7], [0.1, 0.5, 0.4], [1, 0, 0]])
    result = optimize_thresholds(y, proba, labels=[0, 1, 2])
    assert result.thresholds[0] == np.inf
    ratio = np.where(np.isinf(result.thresholds), -np.inf, proba / result.thresholds)
    pred = np.array([0, 1, 2])[np.argmax(ratio, axis=1)]
    assert 0 not in pred  # the last row scores 0 on every allowed class
    assert result.score == pytest.approx(sk_f1(y, pred, average="macro"))
    got = f1_score(
        [0, 1, 2, 2], [[1, 0, 0]] * 4, threshold=[np.inf, 1, 1], average=None
    )
    assert got[0] == 0.0


def test_review_fixes_nan_objective_keeps_the_weights():
    y = np.array([0, 1, 2, 2])
    proba = np.array(
        [[0.5, 0.3, 0.2], [0.4, 0.5, 0.1], [0.3, 0.3, 0.4], [0.5, 0.1, 0.4]]
    )
    result = optimize_thresholds(y, proba, scoring=lambda a, b: float("nan"))
    assert np.array_equal(result.thresholds, np.ones(3)) and np.isnan(result.score)


class _NegativeProba(LogisticRegression):
    def predict_proba(self, X):
        return super().predict_proba(X) - 0.5


@pytest.mark.parametrize("cv", [3, "prefit"])
def test_negative_probabilities_are_refused_with_and_without_folds(data, cv):
    # prefit estimators once skipped the check and were tuned on negative scores
    X, y = data
    base = _NegativeProba(max_iter=1000)
    if cv == "prefit":
        base.fit(X, y)
    with pytest.raises(ValueError, match="negative or non-finite"):
        ThresholdOptimizer(base, cv=cv).fit(X, y)
