"""ThresholdCurveDisplay: drawn curves equal the metric at their cut-offs."""

import subprocess
import sys

import numpy as np
import pytest
from sklearn.datasets import make_multilabel_classification
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score as sk_f1_score
from sklearn.metrics import precision_score as sk_precision_score
from sklearn.multiclass import OneVsRestClassifier
from sklearn.svm import LinearSVC

from skmultimetrics import (
    ThresholdCurveDisplay,
    ThresholdOptimizer,
    f1_score,
    threshold_sweep,
)


@pytest.fixture
def plt():
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    yield plt
    plt.close("all")


@pytest.fixture
def data():
    """Targets and scores with ties (two decimals), four labels."""
    X, Y = make_multilabel_classification(
        n_samples=80, n_features=6, n_classes=4, random_state=0
    )
    scores = np.round(np.random.default_rng(0).random(Y.shape), 2)
    return X, Y, scores


def f1_at(y, score, t):
    return sk_f1_score(y, score >= t, zero_division=0.0)


def test_importing_the_package_does_not_import_matplotlib():
    code = "import sys, skmultimetrics; print('matplotlib' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "False"


def test_missing_matplotlib_names_the_extra(monkeypatch, data):
    _, Y, scores = data
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    monkeypatch.setitem(sys.modules, "matplotlib.pyplot", None)
    with pytest.raises(ImportError, match=r"pip install 'skmultimetrics\[plot\]'"):
        ThresholdCurveDisplay.from_predictions(Y, scores)


def test_curves_are_the_metric_at_each_plotted_cut_off(plt, data):
    _, Y, scores = data
    display = ThresholdCurveDisplay.from_predictions(Y, scores)
    sweep = threshold_sweep(Y, scores)
    assert len(display.lines_) == 4
    for j, line in enumerate(display.lines_):
        x, y = line.get_xdata(), line.get_ydata()
        assert line.get_drawstyle() == "steps-pre"
        assert np.all(np.diff(x) > 0)
        # every plotted point is exact: the metric of score >= x is y
        expected = [f1_at(Y[:, j], scores[:, j], t) for t in x]
        np.testing.assert_allclose(y, expected)
        # the sweep's values, from predict-all to predict-none; the steps at
        # the distinct scores; both ends beyond every score
        np.testing.assert_allclose(y[1:], sweep.scores[j][::-1])
        np.testing.assert_array_equal(x[1:-1], np.unique(scores[:, j]))
        assert x[0] < scores[:, j].min() and x[-1] > scores[:, j].max()


def test_curve_values_with_a_hand_checked_example(plt):
    display = ThresholdCurveDisplay.from_predictions(
        [0, 1, 1, 0], [0.1, 0.8, 0.4, 0.35], default_threshold=None
    )
    (line,) = display.lines_
    # cut-offs 0.1 (all), 0.35, 0.4, 0.8 and above 0.8 (none)
    np.testing.assert_allclose(line.get_xdata(), [-0.05, 0.1, 0.35, 0.4, 0.8, 1.05])
    np.testing.assert_allclose(
        line.get_ydata(), [2 / 3, 2 / 3, 0.8, 1.0, 2 / 3, 0.0], atol=1e-12
    )
    assert display.default_line_ is None
    # the best cut-off of the sweep (0.375, between 0.35 and 0.4) is marked
    (marker,) = display.tuned_markers_
    np.testing.assert_allclose(marker.get_xydata(), [[0.375, 1.0]])


def test_png_is_written(plt, data, tmp_path):
    _, Y, scores = data
    display = ThresholdCurveDisplay.from_predictions(Y, scores, name="random")
    path = tmp_path / "curves.png"
    display.figure_.savefig(path)
    assert path.exists() and path.stat().st_size > 1000
    assert display.ax_.get_title() == "random"
    assert display.figure_ is display.ax_.figure


def test_given_cut_offs_are_marked_on_their_curves(plt, data):
    _, Y, scores = data
    cut_offs = np.array([0.3, 0.5, 0.505, 0.9])
    display = ThresholdCurveDisplay.from_predictions(Y, scores, thresholds=cut_offs)
    for j, marker in enumerate(display.tuned_markers_):
        ((x, y),) = marker.get_xydata()
        assert x == cut_offs[j]
        assert y == pytest.approx(f1_at(Y[:, j], scores[:, j], cut_offs[j]))
        assert marker.get_color() == display.lines_[j].get_color()
    np.testing.assert_array_equal(display.default_line_.get_xdata(), [0.5, 0.5])


def test_best_cut_offs_are_marked_by_default(plt, data):
    _, Y, scores = data
    display = ThresholdCurveDisplay.from_predictions(Y, scores)
    sweep = threshold_sweep(Y, scores)
    xy = np.vstack([m.get_xydata() for m in display.tuned_markers_])
    # predict-all (-inf) is drawn at the left end of the axes
    assert np.isneginf(sweep.best_thresholds).any()
    best = np.clip(sweep.best_thresholds, *display.ax_.get_xlim())
    np.testing.assert_allclose(xy[:, 0], best)
    np.testing.assert_allclose(xy[:, 1], sweep.best_scores)


def test_precision_and_recall_curves(plt, data):
    _, Y, scores = data
    for metric, reference in [
        ("precision", sk_precision_score),
        ("recall", lambda y, p, **kw: (p & (y == 1)).sum() / y.sum()),
    ]:
        display = ThresholdCurveDisplay.from_predictions(Y, scores, metric=metric)
        assert display.ax_.get_ylabel() == metric.capitalize()
        for j, line in enumerate(display.lines_):
            expected = [
                reference(Y[:, j], scores[:, j] >= t, zero_division=0.0)
                for t in line.get_xdata()
            ]
            np.testing.assert_allclose(line.get_ydata(), expected)


def test_fbeta_takes_beta(plt, data):
    _, Y, scores = data
    display = ThresholdCurveDisplay.from_predictions(
        Y, scores, metric="fbeta", metric_params={"beta": 2.0}
    )
    sweep = threshold_sweep(Y, scores, metric="fbeta", beta=2.0)
    np.testing.assert_allclose(display.lines_[2].get_ydata()[1:], sweep.scores[2][::-1])


def test_binary_target_gives_one_curve(plt, data):
    _, Y, scores = data
    display = ThresholdCurveDisplay.from_predictions(Y[:, 1], scores[:, 1])
    (line,) = display.lines_
    assert line.get_label() == "positive class"
    expected = [f1_at(Y[:, 1], scores[:, 1], t) for t in line.get_xdata()]
    np.testing.assert_allclose(line.get_ydata(), expected)


def test_decision_scores_outside_unit_interval(plt, data):
    _, Y, scores = data
    shifted = 10 * scores - 3
    display = ThresholdCurveDisplay.from_predictions(Y, shifted, default_threshold=0)
    for j, line in enumerate(display.lines_):
        x = line.get_xdata()
        assert x[0] < shifted[:, j].min() and x[-1] > shifted[:, j].max()
        expected = [f1_at(Y[:, j], shifted[:, j], t) for t in x]
        np.testing.assert_allclose(line.get_ydata(), expected)
    lo, hi = display.ax_.get_xlim()
    assert lo < shifted.min() and hi > shifted.max()


def test_plot_on_given_axes_with_line_options(plt, data):
    _, Y, scores = data
    _, ax = plt.subplots()
    display = ThresholdCurveDisplay.from_predictions(Y, scores, ax=ax, linewidth=3)
    assert display.ax_ is ax
    assert all(line.get_linewidth() == 3 for line in display.lines_)


def test_display_from_stored_curves(plt):
    display = ThresholdCurveDisplay(
        thresholds=[np.array([np.inf, 0.6, 0.2, -np.inf])],
        scores=[np.array([0.0, 0.5, 0.8, 0.6])],
        label_names=["a"],
        tuned_thresholds=[0.2],
        default_threshold=None,
    ).plot()
    (line,) = display.lines_
    np.testing.assert_allclose(line.get_xdata(), [-0.05, 0.2, 0.6, 1.05])
    np.testing.assert_allclose(line.get_ydata(), [0.6, 0.8, 0.5, 0.0])
    np.testing.assert_allclose(display.tuned_markers_[0].get_xydata(), [[0.2, 0.8]])
    with pytest.raises(ValueError, match="'label_names' parameter"):
        ThresholdCurveDisplay(
            thresholds=[[0.5]], scores=[[1.0]], label_names=["a", "b"]
        ).plot()
    with pytest.raises(ValueError, match="'tuned_thresholds' parameter"):
        ThresholdCurveDisplay(
            thresholds=[[0.5]],
            scores=[[1.0]],
            label_names=["a"],
            tuned_thresholds=[1, 2],
        ).plot()


@pytest.fixture(scope="module")
def fitted():
    X, Y = make_multilabel_classification(
        n_samples=120, n_features=8, n_classes=3, random_state=1
    )
    base = OneVsRestClassifier(LogisticRegression(max_iter=1000))
    stored = ThresholdOptimizer(base, cv=3, store_cv_results=True).fit(X, Y)
    plain = ThresholdOptimizer(base, cv=3).fit(X, Y)
    return X, Y, stored, plain


def test_from_estimator_draws_stored_out_of_fold_curves(plt, fitted, monkeypatch):
    stored = fitted[2]

    def refuse(*args, **kwargs):
        raise AssertionError("curves from cv_results_ need no scores")

    monkeypatch.setattr(type(stored.estimator_), "predict_proba", refuse)
    display = ThresholdCurveDisplay.from_estimator(
        stored, None, None, source="cv_results"
    )
    assert display.ax_.get_title() == "ThresholdOptimizer (out-of-fold)"
    left, right = display.ax_.get_xlim()
    for j, line in enumerate(display.lines_):
        cut_offs = np.asarray(stored.cv_results_["thresholds"][j])
        values = np.asarray(stored.cv_results_["scores"][j])
        order = np.argsort(cut_offs)
        x = np.clip(cut_offs[order], left, right)
        np.testing.assert_allclose(line.get_xdata(), x)
        np.testing.assert_allclose(line.get_ydata(), values[order])
        marker = display.tuned_markers_[j]
        assert marker.get_xdata()[0] == stored.thresholds_[j]
        # the tuned cut-off is a candidate: the dot shows its stored value
        at = np.flatnonzero(cut_offs == stored.thresholds_[j])
        assert marker.get_ydata()[0] == values[at[0]]


def test_from_estimator_rejects_another_metric_for_stored_curves(fitted):
    X, Y, stored, _ = fitted
    kw = {"source": "cv_results"}
    with pytest.raises(ValueError, match="'metric' parameter of ThresholdCurve"):
        ThresholdCurveDisplay.from_estimator(stored, X, Y, metric="precision", **kw)
    with pytest.raises(ValueError, match="'sample_weight' parameter"):
        ThresholdCurveDisplay.from_estimator(
            stored, X, Y, sample_weight=np.ones(120), **kw
        )


def test_from_estimator_draws_the_data_given_also_with_stored_curves(plt, fitted):
    """store_cv_results=True changes nothing unless source="cv_results": the
    curves are the estimator's scores on the X and y passed."""
    X, Y, stored, _ = fitted
    X_test, Y_test = X[:40], Y[:40]
    display = ThresholdCurveDisplay.from_estimator(stored, X_test, Y_test)
    assert display.ax_.get_title() == "ThresholdOptimizer"
    proba = stored.estimator_.predict_proba(X_test)
    for j, line in enumerate(display.lines_):
        x = line.get_xdata()[1:]  # the first point extends the curve leftwards
        expected = [f1_at(Y_test[:, j], proba[:, j], t) for t in x]
        np.testing.assert_allclose(line.get_ydata()[1:], expected)
        # at most one step per distinct test score (+ inf): not the training
        # out-of-fold curve, with one candidate per training score
        assert x.size <= np.unique(proba[:, j]).size + 1
    marks = [m.get_xdata()[0] for m in display.tuned_markers_]
    np.testing.assert_array_equal(marks, stored.thresholds_)


def test_source_cv_results_needs_stored_curves(fitted):
    X, Y, _, plain = fitted
    for model in (plain, plain.estimator_):
        with pytest.raises(ValueError, match="store_cv_results=True"):
            ThresholdCurveDisplay.from_estimator(model, X, Y, source="cv_results")
    with pytest.raises(ValueError, match="'source' parameter of ThresholdCurve"):
        ThresholdCurveDisplay.from_estimator(plain, X, Y, source="cv")


def test_from_estimator_names_the_curves_by_dataframe_columns(plt, fitted):
    pd = pytest.importorskip("pandas")
    X, Y, _, plain = fitted
    Y_frame = pd.DataFrame(Y, columns=["cat", "dog", "bird"])
    display = ThresholdCurveDisplay.from_estimator(plain, X, Y_frame)
    assert [line.get_label() for line in display.lines_] == ["cat", "dog", "bird"]
    reference = ThresholdCurveDisplay.from_estimator(plain, X, Y)
    for line, expected in zip(display.lines_, reference.lines_):
        np.testing.assert_array_equal(line.get_xydata(), expected.get_xydata())
    named = ThresholdCurveDisplay.from_estimator(
        plain, X, Y_frame, label_names=["a", "b", "c"]
    )
    assert [line.get_label() for line in named.lines_] == ["a", "b", "c"]


def test_from_estimator_recomputes_without_stored_curves(plt, fitted):
    X, Y, _, plain = fitted
    display = ThresholdCurveDisplay.from_estimator(plain, X, Y)
    proba = plain.estimator_.predict_proba(X)
    reference = ThresholdCurveDisplay.from_predictions(
        Y, proba, thresholds=plain.thresholds_
    )
    for line, expected in zip(display.lines_, reference.lines_):
        np.testing.assert_array_equal(line.get_xydata(), expected.get_xydata())
    marks = [m.get_xdata()[0] for m in display.tuned_markers_]
    np.testing.assert_array_equal(marks, plain.thresholds_)
    for j, marker in enumerate(display.tuned_markers_):
        assert marker.get_ydata()[0] == pytest.approx(
            f1_score(Y[:, j], proba[:, j], threshold=plain.thresholds_[j])
        )


def test_from_estimator_binary_optimizer(plt):
    X, Y = make_multilabel_classification(n_samples=100, n_classes=2, random_state=2)
    y = np.where(Y[:, 0] == 1, "yes", "no")
    base = LogisticRegression(max_iter=1000)
    model = ThresholdOptimizer(base, cv=3, store_cv_results=True).fit(X, y)
    display = ThresholdCurveDisplay.from_estimator(model, X, y, source="cv_results")
    (line,) = display.lines_
    assert line.get_label() == "positive class"
    assert display.tuned_markers_[0].get_xdata()[0] == model.thresholds_
    values = np.sort(np.asarray(model.cv_results_["scores"][0]))
    np.testing.assert_allclose(np.sort(line.get_ydata()), values)
    # without stored curves: scored on X, "yes" (classes_[1]) is positive
    plain = ThresholdOptimizer(base, cv=3).fit(X, y)
    recomputed = ThresholdCurveDisplay.from_estimator(plain, X, y)
    proba = plain.estimator_.predict_proba(X)[:, 1]
    (line,) = recomputed.lines_
    expected = [f1_at(y == "yes", proba, t) for t in line.get_xdata()]
    np.testing.assert_allclose(line.get_ydata(), expected)


def test_from_estimator_plain_estimators(plt, fitted):
    X, Y, _, plain = fitted
    model = plain.estimator_
    display = ThresholdCurveDisplay.from_estimator(model, X, Y, labels=[1])
    reference = ThresholdCurveDisplay.from_predictions(
        Y, model.predict_proba(X), labels=[1]
    )
    np.testing.assert_array_equal(
        display.lines_[0].get_xydata(), reference.lines_[0].get_xydata()
    )
    assert display.ax_.get_title() == "OneVsRestClassifier"
    np.testing.assert_array_equal(display.default_line_.get_xdata(), [0.5, 0.5])
    # decision_function scores: default cut-off 0
    svm = OneVsRestClassifier(LinearSVC()).fit(X, Y)
    display = ThresholdCurveDisplay.from_estimator(svm, X, Y)
    np.testing.assert_array_equal(display.default_line_.get_xdata(), [0.0, 0.0])
    decision = svm.decision_function(X)
    for j, line in enumerate(display.lines_):
        expected = [f1_at(Y[:, j], decision[:, j], t) for t in line.get_xdata()]
        np.testing.assert_allclose(line.get_ydata(), expected)
    with pytest.raises(ValueError, match="'response_method' parameter"):
        ThresholdCurveDisplay.from_estimator(svm, X, Y, response_method="predict")


def _legend(display):
    return [t.get_text() for t in display.ax_.get_legend().get_texts()]


@pytest.mark.parametrize("wrapper", ["pipeline", "search", "search of a pipeline"])
def test_an_optimizer_inside_a_pipeline_or_search_marks_its_tuned_cut_offs(
    plt, fitted, wrapper
):
    from sklearn.model_selection import GridSearchCV
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    X, Y, _, _ = fitted
    X_train, Y_train, X_test, Y_test = X[:80], Y[:80], X[80:], Y[80:]
    optimizer = ThresholdOptimizer(
        OneVsRestClassifier(LogisticRegression(max_iter=1000)), cv=3
    )
    model = optimizer
    if wrapper != "search":
        model = make_pipeline(StandardScaler(), optimizer)
    if wrapper != "pipeline":
        key = "thresholdoptimizer__cv" if wrapper != "search" else "cv"
        model = GridSearchCV(model, {key: [2, 3]}, cv=2, scoring="f1_macro")
    model.fit(X_train, Y_train)
    decider = model
    if wrapper != "pipeline":
        decider = decider.best_estimator_
    if wrapper != "search":
        decider = decider[-1]
    display = ThresholdCurveDisplay.from_estimator(model, X_test, Y_test)
    marked = [marker.get_xdata()[0] for marker in display.tuned_markers_]
    np.testing.assert_allclose(marked, decider.thresholds_)
    assert "tuned cut-off" in _legend(display)
    # the curves are those of the model's own scores on the data drawn
    scores = model.predict_proba(X_test)
    for line, j in zip(display.lines_, range(Y.shape[1])):
        x = line.get_xdata()[1:]  # the first point extends the curve leftwards
        expected = [f1_at(Y_test[:, j], scores[:, j], t) for t in x]
        np.testing.assert_allclose(line.get_ydata()[1:], expected)


def test_marks_also_come_as_one_per_label_row_of_the_report(plt, data):
    _, Y, scores = data
    cut_offs = np.array([0.2, 0.4, 0.6, 0.8])
    reference = ThresholdCurveDisplay.from_predictions(Y, scores, thresholds=cut_offs)
    for spelling in ([cut_offs], cut_offs.reshape(1, -1), [cut_offs.tolist()]):
        display = ThresholdCurveDisplay.from_predictions(Y, scores, thresholds=spelling)
        np.testing.assert_array_equal(display.tuned_thresholds, cut_offs)
        np.testing.assert_array_equal(
            display.tuned_thresholds, reference.tuned_thresholds
        )
    with pytest.raises(ValueError, match=r"shape \(4,\), one cut-off per label"):
        ThresholdCurveDisplay.from_predictions(Y, scores, thresholds=[0.1, 0.2])


def test_the_fold_spread_is_shaded_around_the_tuned_cut_offs(plt, fitted):
    X, Y, stored, plain = fitted
    spread = stored.cv_results_["fold_threshold_std"]
    display = ThresholdCurveDisplay.from_estimator(stored, X, Y)
    assert len(display.spread_bands_) == len(display.lines_)
    for band, cut_off, width in zip(display.spread_bands_, stored.thresholds_, spread):
        if np.isfinite(width):
            if hasattr(band, "get_width"):  # a Rectangle (matplotlib >= 3.9)
                xs = [band.get_x(), band.get_x() + band.get_width()]
            else:  # a Polygon
                xs = band.get_xy()[:, 0]
            np.testing.assert_allclose(
                [min(xs), max(xs)], [cut_off - width, cut_off + width]
            )
    assert "fold spread of the cut-off (1 std)" in _legend(display)
    assert ThresholdCurveDisplay.from_estimator(plain, X, Y).spread_bands_ is None


def test_stored_binary_curve_of_an_averaged_objective_says_so():
    from sklearn.datasets import make_classification
    from sklearn.linear_model import LogisticRegression

    X, y = make_classification(200, random_state=0, weights=[0.8])
    tuned = ThresholdOptimizer(
        LogisticRegression(), scoring="f1_macro", store_cv_results=True
    ).fit(X, y)
    display = ThresholdCurveDisplay.from_estimator(
        tuned, None, None, source="cv_results"
    )
    assert display.ax_.get_ylabel() == "F1 macro"
    assert [line.get_label() for line in display.lines_] == ["macro over both classes"]
