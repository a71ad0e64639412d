"""Operating-point metrics against brute force over every cut-off (and against
torchmetrics' exact versions where torchmetrics is installed)."""

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.exceptions import UndefinedMetricWarning

import skmultimetrics as smm

METRICS = {
    "recall_at_precision_score": ("recall", "precision", "min_precision"),
    "precision_at_recall_score": ("precision", "recall", "min_recall"),
    "sensitivity_at_specificity_score": (
        "sensitivity",
        "specificity",
        "min_specificity",
    ),
    "specificity_at_sensitivity_score": (
        "specificity",
        "sensitivity",
        "min_sensitivity",
    ),
}
TORCH = {
    "recall_at_precision_score": "multilabel_recall_at_fixed_precision",
    "precision_at_recall_score": "multilabel_precision_at_fixed_recall",
    "sensitivity_at_specificity_score": "multilabel_sensitivity_at_specificity",
    "specificity_at_sensitivity_score": "multilabel_specificity_at_sensitivity",
}


def rate(name, y, predicted, w):
    """A rate of 0/1 predictions, by definition (undefined as the curves say)."""
    tp, fp = w @ (y & predicted), w @ (~y & predicted)
    positives, negatives = w @ y, w @ ~y
    if name == "precision":
        return tp / (tp + fp) if tp + fp > 0 else 0.0
    if name in ("recall", "sensitivity"):
        return tp / positives if positives > 0 else float(name == "recall")
    return (negatives - fp) / negatives if negatives > 0 else 1.0


def brute_force(objective, constraint, level, y, s, w):
    """Every distinct score as a cut-off; "predict none" too for ROC pairs."""
    cut_offs = list(np.unique(s))
    if {objective, constraint} <= {"sensitivity", "specificity"}:
        cut_offs.append(np.inf)
    feasible = [
        rate(objective, y, s >= t, w)
        for t in cut_offs
        if rate(constraint, y, s >= t, w) >= level
    ]
    return max(feasible, default=0.0)


@st.composite
def problems(draw):
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    n, n_labels = draw(st.integers(2, 20)), draw(st.integers(1, 4))
    y_true = rng.random((n, n_labels)) < draw(st.sampled_from([0.05, 0.4, 0.9]))
    y_score = np.round(rng.random((n, n_labels)), draw(st.sampled_from([1, 3])))
    weight = rng.integers(1, 4, n).astype(float) if draw(st.booleans()) else None
    return y_true, y_score, weight


@settings(max_examples=200, deadline=None)
@given(
    problem=problems(),
    name=st.sampled_from(sorted(METRICS)),
    level=st.sampled_from([0.0, 0.3, 0.5, 2 / 3, 0.9, 1.0]),
)
def test_per_label_values_are_the_brute_force_best(problem, name, level):
    y_true, y_score, weight = problem
    objective, constraint, level_name = METRICS[name]
    w = np.ones(y_true.shape[0]) if weight is None else weight
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UndefinedMetricWarning)
        got = getattr(smm, name)(
            y_true, y_score, average=None, sample_weight=weight, **{level_name: level}
        )
    expected = [
        brute_force(objective, constraint, level, y_true[:, j], y_score[:, j], w)
        for j in range(y_true.shape[1])
    ]
    np.testing.assert_allclose(np.atleast_1d(got), expected, atol=1e-12)


@settings(max_examples=100, deadline=None)
@given(problem=problems(), level=st.sampled_from([0.0, 0.5, 0.9]))
def test_operating_points_give_cut_offs_that_reach_the_values(problem, level):
    y_true, y_score, weight = problem
    w = np.ones(y_true.shape[0]) if weight is None else weight
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UndefinedMetricWarning)
        point = smm.operating_points(
            y_true,
            y_score,
            maximize="recall",
            subject_to=("precision", level),
            sample_weight=weight,
        )
    scores, thresholds, feasible = (
        np.atleast_1d(point.scores),
        np.atleast_1d(point.thresholds),
        np.atleast_1d(point.feasible),
    )
    for j in range(y_true.shape[1]):
        predicted = y_score[:, j] >= thresholds[j]
        if feasible[j]:
            assert rate("precision", y_true[:, j], predicted, w) >= level
            assert rate("recall", y_true[:, j], predicted, w) == pytest.approx(
                scores[j]
            )
        else:
            assert scores[j] == 0 and thresholds[j] == np.inf


def test_hand_checked_example():
    y_true = [0, 0, 1, 1, 1]
    y_score = [0.1, 0.6, 0.4, 0.7, 0.9]
    # >= 0.7: 2 of 3 positives, precision 1; >= 0.4: all 3, precision 3/4
    assert smm.recall_at_precision_score(y_true, y_score, min_precision=0.8) == (
        pytest.approx(2 / 3)
    )
    assert smm.recall_at_precision_score(y_true, y_score, min_precision=0.75) == 1.0
    assert smm.precision_at_recall_score(y_true, y_score, min_recall=1.0) == 0.75
    assert smm.specificity_at_sensitivity_score(
        y_true, y_score, min_sensitivity=1.0
    ) == pytest.approx(0.5)


def test_averages():
    rng = np.random.default_rng(0)
    y_true, y_score = rng.random((50, 4)) < 0.4, rng.random((50, 4))
    y_true[0] = True
    # precision 0.3 is reached by predicting every sample (40 % positive)
    per_label = smm.recall_at_precision_score(
        y_true, y_score, min_precision=0.3, average=None
    )
    kwargs = {"min_precision": 0.3}
    assert smm.recall_at_precision_score(y_true, y_score, **kwargs) == pytest.approx(
        per_label.mean()
    )
    weighted = smm.recall_at_precision_score(
        y_true, y_score, average="weighted", **kwargs
    )
    assert weighted == pytest.approx(np.average(per_label, weights=y_true.sum(0)))
    micro = smm.recall_at_precision_score(y_true, y_score, average="micro", **kwargs)
    pooled = smm.recall_at_precision_score(
        y_true.reshape(-1), y_score.reshape(-1), **kwargs
    )
    assert micro == pooled


def test_infeasible_labels_score_zero_with_a_warning():
    y_true = np.array([[1, 0], [0, 1], [1, 0], [0, 1]])
    y_score = np.array([[0.9, 0.9], [0.1, 0.8], [0.8, 0.2], [0.2, 0.1]])
    with pytest.warns(UndefinedMetricWarning, match=r"label\(s\) \[1\]"):
        values = smm.recall_at_precision_score(
            y_true, y_score, min_precision=0.9, average=None
        )
    np.testing.assert_array_equal(values, [1.0, 0.0])


@pytest.mark.parametrize("name", sorted(METRICS))
def test_bad_input_names_the_argument(name):
    func, level_name = getattr(smm, name), METRICS[name][2]
    y_true, y_score = np.array([[1, 0], [0, 1]]), np.array([[0.3, 0.2], [0.1, 0.9]])
    for bad in (-0.1, 1.5, np.nan, "0.9", None):
        with pytest.raises(ValueError, match=f"'{level_name}' parameter"):
            func(y_true, y_score, **{level_name: bad})
    with pytest.raises(TypeError, match=level_name):
        func(y_true, y_score)
    with pytest.raises(ValueError, match="'average' parameter"):
        func(y_true, y_score, average="samples", **{level_name: 0.5})
    with pytest.raises(ValueError, match=r"y_score of .* NaN"):
        func(y_true, np.full((2, 2), np.nan), **{level_name: 0.5})


def test_operating_points_bad_input():
    y_true, y_score = np.array([[1, 0], [0, 1]]), np.array([[0.3, 0.2], [0.1, 0.9]])
    with pytest.raises(ValueError, match="'maximize' parameter"):
        smm.operating_points(y_true, y_score, maximize="f1", subject_to=("recall", 1))
    with pytest.raises(ValueError, match="'subject_to' parameter"):
        smm.operating_points(y_true, y_score, maximize="recall", subject_to="x")
    with pytest.raises(ValueError, match="'subject_to' parameter"):
        smm.operating_points(
            y_true, y_score, maximize="recall", subject_to=("precision", 2)
        )


@pytest.mark.parametrize("name", sorted(TORCH))
def test_equal_to_torchmetrics_exact(name):
    torch = pytest.importorskip("torch")
    classification = pytest.importorskip("torchmetrics.functional.classification")
    reference = getattr(classification, TORCH[name])
    level_name = METRICS[name][2]
    rng = np.random.default_rng(0)
    for _ in range(100):
        n, n_labels = int(rng.integers(3, 40)), int(rng.integers(2, 5))
        y = (rng.random((n, n_labels)) < rng.uniform(0.05, 0.95)).astype(int)
        s = np.round(rng.random((n, n_labels)), int(rng.integers(1, 4)))
        s = s.astype(np.float32)
        level = float(rng.choice([0.0, 0.25, 0.5, 0.8, 1.0]))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ours = getattr(smm, name)(y, s, average=None, **{level_name: level})
            theirs = reference(
                torch.from_numpy(s), torch.from_numpy(y), n_labels, level
            )
        np.testing.assert_allclose(ours, theirs[0].numpy(), atol=1e-6)
