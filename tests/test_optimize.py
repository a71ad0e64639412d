"""optimize_thresholds against brute force over every combination of cut-offs."""

import itertools

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from sklearn import metrics as sk
from sklearn.metrics import make_scorer

from skmultimetrics import f1_score, get_scorer, subset_accuracy_score
from skmultimetrics._thresholds._objective import Objective
from skmultimetrics._thresholds._optimize import optimize_thresholds


def _cut_offs(scores):
    values = np.unique(scores)[::-1]
    return [np.inf, *((values[:-1] + values[1:]) / 2), -np.inf]


def _brute_force(objective, y_true, y_score, weight):
    per_label = [_cut_offs(y_score[:, j]) for j in range(y_score.shape[1])]
    best = -np.inf
    for combo in itertools.product(*per_label):
        best = max(best, objective.score(y_true, y_score, np.array(combo), weight))
    return best


def _best_global(objective, y_true, y_score, weight):
    return max(
        objective.score(y_true, y_score, np.full(y_score.shape[1], c), weight)
        for c in _cut_offs(y_score)
    )


@st.composite
def problems(draw):
    n = draw(st.integers(1, 7))
    n_labels = draw(st.integers(1, 3))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    y_score = np.round(rng.random((n, n_labels)), 1)
    y_true = rng.random((n, n_labels)) < draw(st.sampled_from([0.0, 0.4, 0.8]))
    weight = rng.random(n) + 0.1 if draw(st.booleans()) else None
    return y_true, y_score, weight


SEPARABLE = ["f1_macro", "precision_weighted", "jaccard_macro", "hamming_accuracy"]
MICRO = ["f1_micro", "jaccard_micro", "precision_micro"]
COUPLED = ["f1_samples", "subset_accuracy", "jaccard_samples"]


@settings(max_examples=60, deadline=None)
@given(problems(), st.sampled_from(SEPARABLE + MICRO))
def test_auto_is_exact_for_separable_and_micro_objectives(problem, scoring):
    y_true, y_score, weight = problem
    objective = Objective(scoring, False, "test", n_labels=y_true.shape[1])
    result = optimize_thresholds(y_true, y_score, scoring=scoring, sample_weight=weight)
    assert result.score == pytest.approx(
        _brute_force(objective, y_true, y_score, weight)
    )
    assert result.score == pytest.approx(
        objective.score(y_true, y_score, result.thresholds, weight)
    )


@settings(max_examples=60, deadline=None)
@given(problems(), st.sampled_from(SEPARABLE + MICRO + COUPLED))
def test_global_is_the_best_shared_cut_off(problem, scoring):
    y_true, y_score, weight = problem
    assume("samples" not in scoring or y_true.shape[1] > 1)
    objective = Objective(scoring, False, "test", n_labels=y_true.shape[1])
    result = optimize_thresholds(
        y_true, y_score, scoring=scoring, strategy="global", sample_weight=weight
    )
    assert np.unique(result.thresholds).size == 1
    assert result.score == pytest.approx(
        _best_global(objective, y_true, y_score, weight)
    )


@settings(max_examples=60, deadline=None)
@given(problems(), st.sampled_from(MICRO + COUPLED))
def test_coordinate_ascent_never_ends_below_per_label_or_global(problem, scoring):
    y_true, y_score, weight = problem
    assume("samples" not in scoring or y_true.shape[1] > 1)
    kwargs = {"scoring": scoring, "sample_weight": weight}
    coordinate = optimize_thresholds(y_true, y_score, strategy="coordinate", **kwargs)
    per_label = optimize_thresholds(y_true, y_score, strategy="per_label", **kwargs)
    assert coordinate.score >= per_label.score - 1e-12
    if scoring in MICRO:
        shared = optimize_thresholds(y_true, y_score, strategy="global", **kwargs)
        assert coordinate.score >= shared.score - 1e-12
    objective = Objective(scoring, False, "test", n_labels=y_true.shape[1])
    assert coordinate.score <= _brute_force(objective, y_true, y_score, weight) + 1e-12


def test_callable_objective_and_binary_targets():
    rng = np.random.default_rng(0)
    y_true = rng.random((40, 3)) < 0.4
    y_score = np.where(y_true, rng.random((40, 3)) + 0.3, rng.random((40, 3)))

    def exact_match(y, pred):
        return subset_accuracy_score(y, pred)

    result = optimize_thresholds(y_true, y_score, scoring=exact_match)
    assert result.score == pytest.approx(
        subset_accuracy_score(y_true, y_score >= result.thresholds)
    )
    start = optimize_thresholds(y_true, y_score, strategy="per_label")
    assert result.score >= subset_accuracy_score(y_true, y_score >= start.thresholds)
    # 1-D binary targets: one float cut-off, binary F1
    binary = optimize_thresholds(y_true[:, 0], y_score[:, 0])
    assert isinstance(binary.thresholds, float)
    assert binary.score == pytest.approx(
        f1_score(y_true[:, 0], y_score[:, 0] >= binary.thresholds)
    )


def test_optimize_thresholds_errors():
    with pytest.raises(ValueError, match="'strategy' parameter"):
        optimize_thresholds([0, 1], [0.1, 0.9], strategy="grid")
    with pytest.raises(ValueError, match="'scoring' parameter"):
        optimize_thresholds([[0, 1]], [[0.1, 0.9]], scoring="f1_mean")
    with pytest.raises(ValueError, match="different shapes"):
        optimize_thresholds([[0, 1]], [[0.1, 0.9, 0.3]])
    with pytest.raises(ValueError, match="at least 2 labels"):
        optimize_thresholds([0, 1], [0.1, 0.9], scoring="f1_samples")


def _scored_problem(seed=0):
    rng = np.random.default_rng(seed)
    truth = rng.random((300, 4)) < 0.3
    scores = np.clip(truth * 0.3 + rng.random((300, 4)) * 0.8, 0, 1)
    return truth, scores, rng.uniform(0.5, 2.0, 300)


@pytest.mark.parametrize("name", ["f1_micro", "jaccard_macro", "subset_accuracy"])
def test_named_scorer_objects_are_searched_as_their_names(name):
    truth, scores, weight = _scored_problem()
    by_name = optimize_thresholds(truth, scores, scoring=name, sample_weight=weight)
    by_object = optimize_thresholds(
        truth, scores, scoring=get_scorer(name), sample_weight=weight
    )
    np.testing.assert_array_equal(by_object.thresholds, by_name.thresholds)
    assert by_object.score == by_name.score


def test_any_scorer_object_scores_the_thresholded_predictions():
    truth, scores, weight = _scored_problem(1)
    f2 = make_scorer(sk.fbeta_score, beta=2, average="macro", zero_division=0)
    for w in (None, weight):
        found = optimize_thresholds(truth, scores, scoring=f2, sample_weight=w)
        reached = sk.fbeta_score(
            truth, scores >= found.thresholds, beta=2, average="macro", sample_weight=w
        )
        assert found.score == pytest.approx(reached)
        # coordinate ascent starts from the per-label F1 optimum, never below it
        f1_cuts = optimize_thresholds(truth, scores, scoring="f1_macro").thresholds
        start = sk.fbeta_score(
            truth, scores >= f1_cuts, beta=2, average="macro", sample_weight=w
        )
        assert found.score >= start - 1e-12
    # binary: scikit-learn's own "f1" scorer reaches the exact optimum
    found = optimize_thresholds(truth[:, 0], scores[:, 0], scoring=sk.get_scorer("f1"))
    exact = optimize_thresholds(truth[:, 0], scores[:, 0], scoring="f1")
    assert found.score == pytest.approx(exact.score)


def test_metric_callables_get_one_dimensional_binary_labels():
    truth, scores, _ = _scored_problem(2)
    shapes = []

    def metric(y_true, y_pred):
        shapes.append((y_true.shape, y_pred.shape, set(np.unique(y_pred)) <= {0, 1}))
        return sk.f1_score(y_true, y_pred)

    optimize_thresholds(truth[:, 1], scores[:, 1], scoring=metric)
    assert set(shapes) == {((300,), (300,), True)}


NAMED = [
    f"{metric}_{average}"
    for metric in ("f1", "precision", "recall", "jaccard")
    for average in ("macro", "micro", "weighted", "samples")
] + ["subset_accuracy", "hamming_accuracy", "f1", "precision", "recall", "jaccard"]


def _sklearn_objective(name, y_true, y_pred, weight):
    """The objective by scikit-learn's own functions, as the reference."""
    if name == "subset_accuracy":
        return sk.accuracy_score(y_true, y_pred, sample_weight=weight)
    if name == "hamming_accuracy":
        return 1 - sk.hamming_loss(y_true, y_pred, sample_weight=weight)
    metric, _, average = name.partition("_")
    func = {"f1": sk.f1_score, "precision": sk.precision_score}.get(metric)
    func = func or {"recall": sk.recall_score, "jaccard": sk.jaccard_score}[metric]
    if y_true.shape[1] == 1 and average != "samples":
        # one column is a binary target (scikit-learn's type_of_target): the
        # averages run over both classes, as scikit-learn's on the 1-D labels
        y_true, y_pred, average = y_true[:, 0], y_pred[:, 0], average or "binary"
    return func(
        y_true,
        y_pred,
        average=average or "macro",
        sample_weight=weight,
        zero_division=0,
    )


@settings(max_examples=200, deadline=None)
@given(problems(), st.sampled_from(NAMED))
def test_objective_scores_equal_scikit_learn(problem, name):
    """Named objectives are counted on checked arrays; the values are
    scikit-learn's on the thresholded predictions."""
    y_true, y_score, weight = problem
    if name.endswith("samples") and y_true.shape[1] < 2:
        return
    rng = np.random.default_rng(y_true.size)
    cut_offs = np.round(rng.random(y_true.shape[1]), 1)
    if "_" not in name and y_true.shape[1] > 1:
        # a binary name of a label matrix: refused, as scikit-learn's
        # average="binary" (it was tuned as the macro average)
        with pytest.raises(ValueError, match="positive class of a binary target"):
            Objective(name, False, "test", n_labels=y_true.shape[1])
        return
    objective = Objective(name, False, "test", n_labels=y_true.shape[1])
    value = objective.score(y_true, y_score, cut_offs, weight)
    y_pred = (y_score >= cut_offs).astype(int)
    expected = _sklearn_objective(name, y_true.astype(int), y_pred, weight)
    assert value == pytest.approx(expected, abs=1e-12)


@pytest.mark.parametrize("strategy", ["per_label", "global", "coordinate", "auto"])
@pytest.mark.parametrize("scoring", ["f1_samples", "subset_accuracy", "f1_micro"])
def test_inputs_are_checked_once_whatever_the_search(monkeypatch, strategy, scoring):
    """Validate once, at the door: the search scores checked arrays."""
    from skmultimetrics._checks import _targets

    calls = {"indicator": 0, "scores": 0}

    def counted(name, original):
        def wrapper(*args, **kwargs):
            calls[name] += 1
            return original(*args, **kwargs)

        return wrapper

    monkeypatch.setattr(
        _targets, "check_indicator", counted("indicator", _targets.check_indicator)
    )
    monkeypatch.setattr(
        _targets, "check_scores", counted("scores", _targets.check_scores)
    )
    rng = np.random.default_rng(0)
    y_true = rng.random((80, 4)) < 0.4
    y_score = rng.random((80, 4))
    optimize_thresholds(y_true, y_score, scoring=scoring, strategy=strategy)
    assert calls == {"indicator": 1, "scores": 1}


def test_per_label_refuses_callables_and_scorers():
    """A metric of the whole matrix does not split by label: per_label used to
    tune per-label F1 instead, silently (an F2-macro callable got cut-offs
    worse than 0.5)."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.multiclass import OneVsRestClassifier

    from skmultimetrics import ThresholdOptimizer

    rng = np.random.default_rng(1)
    y = rng.random((60, 3)) < 0.3
    s = np.clip(0.3 * y + 0.8 * rng.random((60, 3)), 0, 1)

    def f2_macro(y_true, y_pred):
        return sk.fbeta_score(y_true, y_pred, beta=2, average="macro", zero_division=0)

    scorer = make_scorer(sk.fbeta_score, beta=2, average="macro", zero_division=0)
    for scoring in (f2_macro, scorer):
        with pytest.raises(ValueError, match="'strategy' parameter of optimize_"):
            optimize_thresholds(y, s, scoring=scoring, strategy="per_label")
        with pytest.raises(ValueError, match="'strategy' parameter of optimize_"):
            optimize_thresholds(y[:, 0], s[:, 0], scoring=scoring, strategy="per_label")
        model = ThresholdOptimizer(
            OneVsRestClassifier(LogisticRegression()),
            scoring=scoring,
            strategy="per_label",
            cv=2,
        )
        with pytest.raises(ValueError, match="strategy='coordinate'"):
            model.fit(s, y.astype(int))
    # what it says to use maximises the callable itself
    result = optimize_thresholds(y, s, scoring=f2_macro, strategy="coordinate")
    assert result.score == pytest.approx(f2_macro(y, s >= result.thresholds))
    assert result.score >= f2_macro(y, s >= 0.5)
