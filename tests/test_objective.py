"""Binary targets: an averaged objective name means scikit-learn's average over
both classes, and the score reported is scikit-learn's at the cut-off returned.

The reference is scikit-learn's own metric of ``scores >= cut-off``, at the
returned cut-off and, by brute force, at every distinct cut-off.
"""

import warnings

import numpy as np
import pytest
from sklearn import metrics as sk
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.multiclass import OneVsRestClassifier

from skmultimetrics import ThresholdOptimizer, get_scorer, optimize_thresholds

METRICS = {
    "f1": sk.f1_score,
    "precision": sk.precision_score,
    "recall": sk.recall_score,
    "jaccard": sk.jaccard_score,
}
NAMES = [
    f"{metric}{suffix}"
    for metric in METRICS
    for suffix in ("", "_macro", "_micro", "_weighted")
] + ["hamming_accuracy", "subset_accuracy"]


def _sklearn(name, y_true, y_pred, weight):
    """scikit-learn's value of the objective ``name`` (its default
    ``zero_division``, as its scorers of these names)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if name in ("hamming_accuracy", "subset_accuracy"):
            return sk.accuracy_score(y_true, y_pred, sample_weight=weight)
        metric, _, average = name.partition("_")
        return METRICS[metric](
            y_true, y_pred, average=average or "binary", sample_weight=weight
        )


def _cut_offs(scores):
    values = np.unique(scores)[::-1]
    return [np.inf, *((values[:-1] + values[1:]) / 2), -np.inf]


def _problems(n_problems, seed=0):
    """Small binary problems with tied scores, one class only now and then,
    and unit, positive or partly zero weights."""
    rng = np.random.default_rng(seed)
    for _ in range(n_problems):
        n = int(rng.integers(1, 12))
        y = (rng.random(n) < rng.choice([0.0, 0.2, 0.5, 0.8, 1.0])).astype(int)
        s = np.round(np.clip(0.3 * y + rng.random(n), 0, 1), 1)
        kind = rng.integers(3)
        weight = None
        if kind == 1:
            weight = rng.random(n) + 0.1
        elif kind == 2:
            weight = np.where(rng.random(n) < 0.3, 0.0, rng.random(n) + 0.1)
            if not weight.any():
                weight[0] = 1.0
        yield y, s, weight


@pytest.mark.parametrize("shape", ["1-D", "one column"])
@pytest.mark.parametrize("name", NAMES)
def test_reported_score_is_scikit_learns_and_no_cut_off_does_better(name, shape):
    for y, s, weight in _problems(40, seed=len(name)):
        y_true, y_score = (y, s) if shape == "1-D" else (y[:, None], s[:, None])
        result = optimize_thresholds(
            y_true, y_score, scoring=name, sample_weight=weight
        )
        cut_off = np.ravel(result.thresholds)[0]
        y_pred = (y_score >= cut_off).astype(int)
        assert result.score == pytest.approx(
            _sklearn(name, y_true, y_pred, weight), abs=1e-12
        ), (name, y, s, weight, cut_off)
        best = max(
            _sklearn(name, y_true, (y_score >= c).astype(int), weight)
            for c in _cut_offs(s)
        )
        assert result.score == pytest.approx(best, abs=1e-12), (name, y, s, weight)


def test_macro_f1_of_a_binary_target_averages_both_classes():
    y, s = np.array([1, 0, 0]), np.array([0.5, 0.5, 0.7])
    for y_true, y_score in ((y, s), (y[:, None], s[:, None])):
        result = optimize_thresholds(y_true, y_score, scoring="f1_macro")
        y_pred = (y_score >= result.thresholds).astype(int)
        # predicting none: class 0's F1 is 0.8, class 1's 0; every other
        # cut-off does worse (the returned one used to score 0.25)
        assert result.score == pytest.approx(0.4)
        assert sk.f1_score(y_true, y_pred, average="macro") == pytest.approx(0.4)
        assert np.ravel(result.thresholds)[0] == np.inf
        for strategy in ("per_label", "global", "coordinate"):
            same = optimize_thresholds(
                y_true, y_score, scoring="f1_macro", strategy=strategy
            )
            assert same.score == result.score


def _imbalanced():
    return make_classification(
        n_samples=400, weights=[0.9], flip_y=0.05, random_state=0
    )


@pytest.mark.parametrize(
    "name", ["precision_macro", "f1_macro", "recall_weighted", "jaccard_micro"]
)
@pytest.mark.parametrize("weighted", [False, True])
def test_threshold_optimizer_reports_scikit_learns_average(name, weighted):
    X, y = _imbalanced()
    weight = np.random.default_rng(0).random(y.size) + 0.5 if weighted else None
    base = LogisticRegression().fit(X, y)
    proba = base.predict_proba(X)[:, 1]
    for scoring in (name, get_scorer(name)):
        model = ThresholdOptimizer(base, scoring=scoring, cv="prefit")
        model.fit(X, y, sample_weight=weight)
        y_pred = (proba >= model.thresholds_).astype(int)
        assert model.best_score_ == pytest.approx(_sklearn(name, y, y_pred, weight))
        best = max(
            _sklearn(name, y, (proba >= c).astype(int), weight)
            for c in _cut_offs(proba)
        )
        assert model.best_score_ == pytest.approx(best)
    if name == "precision_macro":
        # the positive class's precision alone peaks at the top score (1.0);
        # both classes' mean wants a far lower cut-off
        assert model.best_score_ < 1.0
        assert model.thresholds_ < 0.9


def test_threshold_optimizer_tunes_out_of_fold_scores_for_the_average():
    X, y = _imbalanced()
    cv = StratifiedKFold(3)
    model = ThresholdOptimizer(
        LogisticRegression(), scoring="precision_macro", cv=cv, store_cv_results=True
    ).fit(X, y)
    oof = cross_val_predict(LogisticRegression(), X, y, cv=cv, method="predict_proba")
    oof = oof[:, 1]
    y_pred = (oof >= model.thresholds_).astype(int)
    reached = sk.precision_score(y, y_pred, average="macro")
    assert model.best_score_ == pytest.approx(reached)
    best = max(
        sk.precision_score(y, (oof >= c).astype(int), average="macro", zero_division=0)
        for c in _cut_offs(oof)
    )
    assert model.best_score_ == pytest.approx(best)
    # cv_results_ holds the objective itself at each candidate cut-off
    curve = model.cv_results_["scores"][0]
    assert curve.max() == pytest.approx(model.best_score_)


@pytest.mark.parametrize("encoding", [(-1, 1), (1, 2), (0, 2)])
def test_label_matrices_other_than_0_1_are_refused(encoding):
    X, _ = _imbalanced()
    Y = np.column_stack([X[:, 0] > 0, X[:, 1] > 0]).astype(int)
    Y = np.where(Y == 1, encoding[1], encoding[0])
    model = ThresholdOptimizer(OneVsRestClassifier(LogisticRegression()), cv=3)
    with pytest.raises(ValueError, match=r"y of ThresholdOptimizer .*0 .*and 1"):
        model.fit(X, Y)


@pytest.mark.parametrize(
    "classes", [(-1, 1), (1, 2), (0, 2), ("ham", "spam"), (False, True)]
)
def test_binary_labels_of_any_encoding_tune_as_0_1(classes):
    X, y = _imbalanced()
    labels = np.where(y == 1, classes[1], classes[0])
    cv = StratifiedKFold(3)
    reference = ThresholdOptimizer(LogisticRegression(), scoring="f1_macro", cv=cv).fit(
        X, y
    )
    model = ThresholdOptimizer(LogisticRegression(), scoring="f1_macro", cv=cv)
    model.fit(X, labels)
    assert model.thresholds_ == reference.thresholds_
    assert model.best_score_ == reference.best_score_
    assert list(model.classes_) == list(classes)
    predicted = model.predict(X)
    np.testing.assert_array_equal(
        predicted, np.where(reference.predict(X) == 1, classes[1], classes[0])
    )


@pytest.mark.parametrize("name", ["f1", "f2", "precision", "recall", "jaccard"])
def test_binary_names_are_refused_for_a_label_matrix(name):
    # scikit-learn's average="binary" refuses a label matrix; tuning it as the
    # macro average would report a number under another metric's name
    rng = np.random.default_rng(0)
    y = (rng.random((60, 3)) < 0.4).astype(int)
    scores = rng.random((60, 3))
    with pytest.raises(ValueError, match=rf"scoring='{name}'.*3 labels.*_macro"):
        optimize_thresholds(y, scores, scoring=name)
    with pytest.raises(ValueError, match=rf"scoring='{name}'.*3 labels"):
        ThresholdOptimizer(
            OneVsRestClassifier(LogisticRegression()), scoring=name, cv=2
        ).fit(rng.random((60, 2)), y)
    # one column stays binary: the positive class's score
    one = optimize_thresholds(y[:, :1], scores[:, :1], scoring=name)
    assert np.isfinite(one.score)
