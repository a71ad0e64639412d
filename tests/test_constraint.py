"""Cut-offs under a constraint (_thresholds/_constraint.py): the brute-force best
feasible cut-off, levels checked against each metric's range, feasible where
operating_points is."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn import metrics as sk
from test_optimize import problems

from skmultimetrics._thresholds._optimize import optimize_thresholds


def _rate(name, y, predicted, w):
    tp, fp = w @ (y & predicted), w @ (~y & predicted)
    positives, negatives = w @ y, w @ ~y
    if name == "precision":
        return tp / (tp + fp) if tp + fp else 0.0
    if name == "recall":
        return tp / positives if positives else 1.0
    if name == "specificity":
        return (negatives - fp) / negatives if negatives else 1.0
    return 2 * tp / (positives + tp + fp) if positives + tp + fp else 0.0  # f1


@settings(max_examples=150, deadline=None)
@given(
    problem=problems(),
    pair=st.sampled_from(
        [
            ("recall", "precision"),
            ("f1", "precision"),
            ("precision", "recall"),
            ("recall", "specificity"),
        ]
    ),
    level=st.sampled_from([0.0, 0.5, 0.75, 1.0]),
)
def test_constraint_gives_the_brute_force_best_feasible_cut_off(problem, pair, level):
    y_true, y_score, weight = problem
    objective, metric = pair
    w = np.ones(y_true.shape[0]) if weight is None else weight
    # one column is binary: "_macro" would average both classes, not the label
    scoring = objective if y_true.shape[1] == 1 else f"{objective}_macro"
    result = optimize_thresholds(
        y_true,
        y_score,
        scoring=scoring,
        constraint=(metric, level),
        sample_weight=weight,
    )
    for j in range(y_true.shape[1]):
        y, s = y_true[:, j], y_score[:, j]
        # every distinct score, and predict none (as operating_points)
        cut_offs = [*np.unique(s), np.inf]
        feasible = [t for t in cut_offs if _rate(metric, y, s >= t, w) >= level]
        got = s >= result.thresholds[j]
        assert result.feasible[j] == bool(feasible)
        if feasible:
            assert _rate(metric, y, got, w) >= level
            best = max(_rate(objective, y, s >= t, w) for t in feasible)
            assert _rate(objective, y, got, w) == pytest.approx(best)
        else:  # the cut-off closest to the level
            closest = max(_rate(metric, y, s >= t, w) for t in cut_offs)
            assert _rate(metric, y, got, w) == pytest.approx(closest)


def test_constraint_errors_name_the_argument():
    rng = np.random.default_rng(0)
    y, s = rng.random((30, 3)) < 0.4, rng.random((30, 3))
    for bad in [("auc", 0.9), ("precision",), ("precision", "high"), "precision"]:
        with pytest.raises(ValueError, match="'constraint' parameter"):
            optimize_thresholds(y, s, scoring="recall_macro", constraint=bad)
    with pytest.raises(ValueError, match="splits by label"):
        optimize_thresholds(y, s, scoring="f1_micro", constraint=("precision", 0.5))
    with pytest.raises(ValueError, match="strategy='auto' or 'per_label'"):
        optimize_thresholds(
            y, s, scoring="f1_macro", constraint=("precision", 0.5), strategy="global"
        )


def test_threshold_optimizer_under_a_constraint():
    from sklearn.datasets import make_classification, make_multilabel_classification
    from sklearn.linear_model import LogisticRegression
    from sklearn.multiclass import OneVsRestClassifier

    from skmultimetrics import ThresholdOptimizer

    X, Y = make_multilabel_classification(n_samples=300, random_state=0)
    base = OneVsRestClassifier(LogisticRegression(max_iter=500)).fit(X, Y)
    model = ThresholdOptimizer(
        base,
        scoring="recall_macro",
        constraint=("precision", 0.8),
        cv="prefit",
        store_cv_results=True,
    ).fit(X, Y)
    expected = optimize_thresholds(
        Y, base.predict_proba(X), scoring="recall_macro", constraint=("precision", 0.8)
    )
    np.testing.assert_array_equal(model.thresholds_, expected.thresholds)
    np.testing.assert_array_equal(
        model.cv_results_["constraint_met"], expected.feasible
    )
    assert model.get_params()["constraint"] == ("precision", 0.8)
    X, y = make_classification(n_samples=200, random_state=0)
    binary = ThresholdOptimizer(
        LogisticRegression(), scoring="recall", constraint=("precision", 0.9), cv=3
    ).fit(X, y)
    assert isinstance(binary.thresholds_, float)
    with pytest.raises(
        ValueError, match="'constraint' parameter of ThresholdOptimizer"
    ):
        ThresholdOptimizer(LogisticRegression(), constraint=("auc", 1)).fit(X, y)


@pytest.mark.parametrize(
    "bad", [("precision", 1.5), ("recall", -0.1), ("f1", 2), ("matthews", 1.01)]
)
def test_constraint_levels_outside_the_metrics_range_are_refused(bad):
    from sklearn.linear_model import LogisticRegression

    from skmultimetrics import ThresholdOptimizer

    rng = np.random.default_rng(0)
    y, s = rng.random((30, 3)) < 0.4, rng.random((30, 3))
    with pytest.raises(ValueError, match=r"'constraint' parameter.*in \["):
        optimize_thresholds(y, s, scoring="recall_macro", constraint=bad)
    model = ThresholdOptimizer(LogisticRegression(), scoring="recall", constraint=bad)
    with pytest.raises(ValueError, match="'constraint' parameter of ThresholdOpt"):
        model.fit(s, y[:, 0])


def test_matthews_constraint_takes_negative_levels():
    y, s = np.array([0, 1, 1, 0]), np.array([0.9, 0.8, 0.2, 0.1])
    result = optimize_thresholds(y, s, scoring="f1", constraint=("matthews", -0.5))
    assert result.feasible
    assert sk.matthews_corrcoef(y, s >= result.thresholds) >= -0.5


def test_predicting_none_is_a_constrained_candidate():
    """Predicting none has specificity 1: feasible, as operating_points finds."""
    from skmultimetrics import operating_points

    y, s = np.array([0, 1]), np.array([0.9, 0.2])
    for scoring in ("recall", "f1", "hamming_accuracy"):
        result = optimize_thresholds(
            y, s, scoring=scoring, constraint=("specificity", 1.0)
        )
        assert result.feasible and result.thresholds == np.inf
    point = operating_points(
        y, s, maximize="sensitivity", subject_to=("specificity", 1.0)
    )
    assert point.feasible and point.thresholds == np.inf


@settings(max_examples=150, deadline=None)
@given(
    problem=problems(),
    metric=st.sampled_from(["precision", "recall", "sensitivity", "specificity"]),
    level=st.sampled_from([0.0, 0.3, 0.5, 0.75, 1.0]),
)
def test_constraint_is_feasible_where_operating_points_are(problem, metric, level):
    import warnings

    from skmultimetrics import operating_points

    y_true, y_score, weight = problem
    result = optimize_thresholds(
        y_true,
        y_score,
        scoring="recall" if y_true.shape[1] == 1 else "recall_macro",
        constraint=(metric, level),
        sample_weight=weight,
    )
    # operating_points counts "predict none" for the ROC pair (sensitivity,
    # specificity) only, but it adds a feasible point elsewhere only at level 0,
    # where every cut-off is feasible
    other = {"precision": "recall", "recall": "precision"}.get(metric)
    other = other or {"sensitivity": "specificity"}.get(metric, "sensitivity")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        point = operating_points(
            y_true,
            y_score,
            maximize=other,
            subject_to=(metric, level),
            sample_weight=weight,
        )
    np.testing.assert_array_equal(result.feasible, point.feasible)
