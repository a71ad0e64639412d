"""What ThresholdCurveDisplay draws (_report/_curves.py): the labels chosen, their
names, the marked cut-offs, and each argument checked."""

import numpy as np
import pytest
import test_plot
from test_plot import _legend, f1_at

from skmultimetrics import (
    ThresholdCurveDisplay,
)

# the fixtures of test_plot.py
data = test_plot.data
fitted = test_plot.fitted
plt = test_plot.plt


def test_most_frequent_labels_when_more_than_max_labels(plt):
    # label j has positives[j] positive samples
    positives = [3, 9, 1, 7, 7, 2]
    Y = np.zeros((10, 6), dtype=int)
    for j, n in enumerate(positives):
        Y[:n, j] = 1
    scores = np.random.default_rng(1).random(Y.shape)
    names = [f"tag{j}" for j in range(6)]
    display = ThresholdCurveDisplay.from_predictions(
        Y, scores, label_names=names, max_labels=3
    )
    # 9, 7 and 7 positives (labels 1, 3, 4), in index order
    legend = [t.get_text() for t in display.ax_.get_legend().get_texts()]
    assert legend[:3] == ["tag1", "tag3", "tag4"]
    assert legend[3:] == ["best on these data", "default cut-off (0.5)"]
    assert [line.get_label() for line in display.lines_] == ["tag1", "tag3", "tag4"]
    for line, j in zip(display.lines_, [1, 3, 4]):
        expected = [f1_at(Y[:, j], scores[:, j], t) for t in line.get_xdata()]
        np.testing.assert_allclose(line.get_ydata(), expected)
    # ties broken by the lower index; all labels when max_labels is enough
    two = ThresholdCurveDisplay.from_predictions(Y, scores, max_labels=2)
    assert [line.get_label() for line in two.lines_] == ["label 1", "label 3"]
    every = ThresholdCurveDisplay.from_predictions(Y, scores, max_labels=6)
    assert len(every.lines_) == 6


def test_chosen_labels_and_their_marks(plt, data):
    _, Y, scores = data
    display = ThresholdCurveDisplay.from_predictions(
        Y, scores, labels=[2, 0], thresholds=[0.1, 0.2, 0.3, 0.4]
    )
    assert [line.get_label() for line in display.lines_] == ["label 2", "label 0"]
    marks = [m.get_xdata()[0] for m in display.tuned_markers_]
    assert marks == [0.3, 0.1]
    expected = [f1_at(Y[:, 2], scores[:, 2], t) for t in display.lines_[0].get_xdata()]
    np.testing.assert_allclose(display.lines_[0].get_ydata(), expected)


@pytest.mark.parametrize(
    "kwargs, param",
    [
        ({"metric": "f2"}, "metric"),
        ({"metric": "roc_auc"}, "metric"),
        ({"labels": [4]}, "labels"),
        ({"labels": [-1]}, "labels"),
        ({"labels": [0, 0]}, "labels"),
        ({"labels": [0.5]}, "labels"),
        ({"thresholds": [0.5, 0.5]}, "thresholds"),
        ({"thresholds": [0.5, np.nan, 0.5, 0.5]}, "thresholds"),
        ({"label_names": ["a", "b", "c"]}, "label_names"),
        ({"max_labels": 0}, "max_labels"),
        ({"max_labels": 2.5}, "max_labels"),
    ],
)
def test_bad_arguments_are_named(data, kwargs, param):
    # raised before anything is drawn: no matplotlib needed
    _, Y, scores = data
    with pytest.raises(ValueError, match=f"'{param}' parameter of ThresholdCurve"):
        ThresholdCurveDisplay.from_predictions(Y, scores, **kwargs)


def test_marks_say_what_they_are(plt, fitted):
    X, Y, _, plain = fitted
    inner = plain.estimator_
    best = ThresholdCurveDisplay.from_estimator(inner, X, Y)
    assert "best on these data" in _legend(best)
    assert "tuned cut-off" not in _legend(best)
    given = ThresholdCurveDisplay.from_predictions(
        Y, inner.predict_proba(X), thresholds=0.3
    )
    assert "given cut-off" in _legend(given)
    assert "tuned cut-off" in _legend(ThresholdCurveDisplay.from_estimator(plain, X, Y))


def test_a_subset_of_labels_is_announced_and_the_legend_covers_no_curve(plt):
    rng = np.random.default_rng(0)
    Y, scores = rng.random((60, 12)) < 0.3, rng.random((60, 12))
    display = ThresholdCurveDisplay.from_predictions(Y, scores, max_labels=4)
    assert display.ax_.get_title() == "4 of 12 labels, those with the most positives"
    named = ThresholdCurveDisplay.from_predictions(Y, scores, max_labels=4, name="F1")
    assert (
        named.ax_.get_title() == "F1\n(4 of 12 labels, those with the most positives)"
    )
    chosen = ThresholdCurveDisplay.from_predictions(Y, scores, labels=[0, 1])
    assert chosen.ax_.get_title() == ""
    everything = ThresholdCurveDisplay.from_predictions(Y[:, :3], scores[:, :3])
    assert everything.ax_.get_title() == ""
    figure = display.figure_
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    legend = display.ax_.get_legend().get_window_extent(renderer)
    axes = display.ax_.get_window_extent(renderer)
    assert legend.x0 >= axes.x1  # beside the axes, over no curve
    assert legend.x1 <= figure.bbox.x1 + 1  # and inside the figure
