"""Bad input gets a clear ValueError or TypeError naming the argument."""

import numpy as np
import pytest
import scipy.sparse as sp

import skmultimetrics as smm

from registry import PUBLIC_SET_FUNCTIONS, func_name

Y = np.array([[1, 0, 1], [0, 1, 0], [1, 1, 0], [0, 0, 0]])
S = np.array([[0.9, 0.2, 0.6], [0.1, 0.8, 0.3], [0.7, 0.6, 0.2], [0.3, 0.1, 0.4]])

funcs = pytest.mark.parametrize(
    "f", PUBLIC_SET_FUNCTIONS, ids=[func_name(f) for f in PUBLIC_SET_FUNCTIONS]
)


def call(f, *args, **kwargs):
    # the set metrics that average default to 'binary'; use a multi-label average
    name = func_name(f)
    if name not in ("subset_accuracy_score", "hamming_accuracy_score"):
        kwargs.setdefault("average", "micro")
    return f(*args, **kwargs)


@funcs
@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_non_finite_scores(f, bad):
    scores = S.copy()
    scores[1, 2] = bad
    with pytest.raises(ValueError, match=r"y_pred of .*(NaN|infinity)"):
        call(f, Y, scores, threshold=0.5)
    with pytest.raises(ValueError, match=r"y_pred of .*(NaN|infinity)"):
        call(f, Y, sp.csr_array(scores), threshold=0.5)


@funcs
def test_sample_count_mismatch(f):
    with pytest.raises(ValueError, match="different numbers of samples: 4 and 3"):
        call(f, Y, Y[:3])
    with pytest.raises(ValueError, match="different numbers of samples"):
        call(f, Y, S[:3], threshold=0.5)


@funcs
def test_label_count_mismatch(f):
    with pytest.raises(ValueError, match="different numbers of labels: 3 and 2"):
        call(f, Y, Y[:, :2])


@funcs
@pytest.mark.parametrize("which", ["y_true", "y_pred"])
def test_non_binary_indicator(f, which):
    bad = Y.copy()
    bad[0, 0] = 2
    args = (bad, Y) if which == "y_true" else (Y, bad)
    with pytest.raises(ValueError, match=f"{which} of .* binary label-indicator"):
        call(f, *args)
    with pytest.raises(ValueError, match=f"{which} of .* binary label-indicator"):
        call(f, *(sp.csr_array(a) for a in args))


@funcs
def test_scores_without_threshold_are_rejected(f):
    with pytest.raises(ValueError, match="pass threshold="):
        call(f, Y, S)


@funcs
def test_empty_input(f):
    with pytest.raises(ValueError, match=r"y_true of .* is empty"):
        call(f, np.zeros((0, 3)), np.zeros((0, 3)))
    with pytest.raises(ValueError, match="empty"):
        call(f, [], [])


@funcs
@pytest.mark.parametrize("threshold", [[0.5, 0.5], np.ones((3, 1)), [0.5] * 4])
def test_wrong_length_threshold(f, threshold):
    with pytest.raises(ValueError, match=r"'threshold' parameter .* shape \(3,\)"):
        call(f, Y, S, threshold=threshold)


@funcs
def test_bad_threshold_values(f):
    with pytest.raises(ValueError, match=r"'threshold' .* NaN"):
        call(f, Y, S, threshold=np.nan)
    with pytest.raises(TypeError, match="'threshold'"):
        call(f, Y, S, threshold="high")


@funcs
def test_mixed_target_kinds(f):
    with pytest.raises(ValueError, match="mix of targets"):
        call(f, Y, [0, 1, 1, 0])


@funcs
def test_wrong_input_types(f):
    with pytest.raises(TypeError, match=r"y_true of .* array-like"):
        call(f, object(), Y)


def test_threshold_on_binary_one_dimensional_targets():
    y = ["neg", "pos", "pos", "neg"]
    scores = [0.2, 0.8, 0.4, 0.6]
    assert smm.precision_score(y, scores, pos_label="pos", threshold=0.5) == 0.5
    assert smm.recall_score([0, 1, 1, 0], scores, threshold=0.3) == 1.0
    with pytest.raises(ValueError, match="multiclass"):
        smm.f1_score([0, 1, 2], [0.1, 0.5, 0.9], average="macro", threshold=0.5)
    # scikit-learn's words, from the check of average="binary"
    with pytest.raises(ValueError, match="pos_label=yes is not a valid label"):
        smm.f1_score(y, scores, pos_label="yes", threshold=0.5)


def test_threshold_with_string_labels():
    y = np.array(["pos", "pos"])
    # one string class, and pos_label names no other: the class predicted on
    # the other side of the cut-off is unknown
    with pytest.raises(ValueError, match=r"single class 'pos'; the other class"):
        smm.precision_score(y, [0.2, 0.7], threshold=0.5)
    with pytest.raises(ValueError, match=r"single class 'pos'; the other class"):
        smm.precision_score(y, [0.2, 0.7], threshold=0.5, pos_label="pos")
    # accuracies have no pos_label: the greater class is the positive one
    y = np.array(["neg", "pos", "pos", "neg"])
    scores = [0.2, 0.8, 0.4, 0.6]
    assert smm.subset_accuracy_score(y, scores, threshold=0.5) == 0.5
    assert smm.hamming_accuracy_score(y, scores, threshold=0.3) == 0.75
    assert smm.subset_accuracy_score([1, 1], [0.2, 0.7], threshold=0.5) == 0.5


# --- one check of cut-offs, one check of truth and scores --------------------

CUT_OFF_TAKERS = {
    "metric threshold=": lambda t: smm.f1_score(Y, S, threshold=t, average="macro"),
    "multilabel_report": lambda t: smm.multilabel_report(Y, S, thresholds=[t]),
    "ThresholdCurveDisplay": lambda t: smm.ThresholdCurveDisplay.from_predictions(
        Y, S, thresholds=t
    ),
}


@pytest.mark.parametrize("taker", CUT_OFF_TAKERS, ids=list(CUT_OFF_TAKERS))
@pytest.mark.parametrize(
    "cut_offs, message",
    [
        ("0.5", "must be a float or an array of floats"),
        ([0.5, "high", 0.2], "must be a float or an array of floats"),
        ([0.5, [0.1, 0.2], 0.2], "must be a float or an array of floats"),
        (True, "must be a float or an array of floats"),
        ([0.5, 0.5], r"array of shape \(3,\), one cut-off per label; got shape \(2,"),
        (
            np.full((3, 1), 0.5),
            r"shape \(3,\), one cut-off per label; got shape \(3, 1",
        ),
        ([0.5, np.nan, 0.5], "contains NaN"),
    ],
)
def test_every_cut_off_mistake_is_one_error_both_value_and_type(
    taker, cut_offs, message
):
    pytest.importorskip("matplotlib")
    with pytest.raises(ValueError, match=message) as value_error:
        CUT_OFF_TAKERS[taker](cut_offs)
    with pytest.raises(TypeError, match=message) as type_error:
        CUT_OFF_TAKERS[taker](cut_offs)
    assert type(value_error.value) is type(type_error.value)
    assert type(value_error.value).__name__ == "InvalidParameterError"
    assert "threshold" in str(value_error.value)


def test_infinite_cut_offs_are_allowed():
    never = np.array([np.inf, 0.5, 0.5])
    assert smm.recall_score(Y, S, threshold=never, average=None)[0] == 0.0
    row = smm.multilabel_report(Y, S, thresholds=[never], output_dict=True)["rows"]
    assert row[0]["recall_macro"] == pytest.approx(
        smm.recall_score(Y, S, threshold=never, average="macro")
    )


def test_threshold_optimizer_candidates_get_the_same_check():
    from sklearn.linear_model import LogisticRegression
    from sklearn.multiclass import OneVsRestClassifier

    X = np.random.default_rng(0).random((Y.shape[0], 2))
    for candidates, message in [
        (["low", "high"], "must be a 1-D array of floats"),
        ([[0.1, 0.2]], r"non-empty 1-D array of cut-offs; got shape \(1, 2\)"),
        ([], r"non-empty 1-D array of cut-offs; got shape \(0,\)"),
        ([0.5, np.nan], "contains NaN"),
        (1, "an int >= 2"),
    ]:
        model = smm.ThresholdOptimizer(
            OneVsRestClassifier(LogisticRegression()), thresholds=candidates, cv=2
        )
        with pytest.raises(TypeError, match=message):
            model.fit(X, Y)


THRESHOLD_FUNCTIONS = {
    "threshold_sweep": smm.threshold_sweep,
    "optimize_thresholds": smm.optimize_thresholds,
    "multilabel_report": smm.multilabel_report,
}


@pytest.mark.parametrize(
    "y_true, y_score, sample_weight, message",
    [
        (Y, S[:, :2], None, r"different shapes: \(4, 3\) and \(4, 2\); y_score needs"),
        (Y[:3], S, None, r"different shapes: \(3, 3\) and \(4, 3\)"),
        (Y * 2, S, None, "y_true of {} must be a binary label-indicator matrix"),
        (Y[:, :, None], S, None, r"y_true of {} must be binary labels .* \(4, 3, 1\)"),
        (Y[:0], S[:0], None, "y_true of {} is empty"),
        (Y, np.where(S > 0.8, np.nan, S), None, "y_score of {} contains NaN"),
        (Y, S, [1.0, 2.0], "'sample_weight' parameter of {} must have shape"),
    ],
)
@pytest.mark.parametrize("func", THRESHOLD_FUNCTIONS, ids=list(THRESHOLD_FUNCTIONS))
def test_truth_and_scores_are_checked_alike(
    func, y_true, y_score, sample_weight, message
):
    with pytest.raises(ValueError, match=message.format(func)):
        THRESHOLD_FUNCTIONS[func](y_true, y_score, sample_weight=sample_weight)


@pytest.mark.parametrize("func", THRESHOLD_FUNCTIONS, ids=list(THRESHOLD_FUNCTIONS))
def test_threshold_functions_leave_their_inputs_alone(func):
    y_true, y_score = sp.csr_array(Y), S.astype(np.float32)
    before = y_true.copy(), y_score.copy()
    THRESHOLD_FUNCTIONS[func](y_true, y_score, sample_weight=np.arange(1.0, 5.0))
    assert (y_true != before[0]).nnz == 0
    np.testing.assert_array_equal(y_score, before[1])


# --- DataFrame column names ---------------------------------------------------

pd = pytest.importorskip("pandas")
NAMES = ["cat", "dog", "bird"]


def test_report_names_labels_by_the_dataframe_columns():
    y, s = pd.DataFrame(Y, columns=NAMES), pd.DataFrame(S, columns=NAMES)
    report = smm.multilabel_report(y, s, thresholds=0.5, output_dict=True)
    assert list(report["labels"]) == NAMES
    assert "cat " in smm.multilabel_report(y, S, thresholds=0.5)
    named = smm.multilabel_report(Y, s, thresholds=0.5, target_names=["a", "b", "c"])
    assert "a " in named and "cat" not in named  # target_names win


@pytest.mark.parametrize(
    "call",
    [
        lambda y, c: smm.f1_score(y, S, threshold=c, average=None),
        lambda y, c: np.array(
            [
                row["f1"]
                for row in smm.multilabel_report(
                    y, S, thresholds=[c], output_dict=True
                )["labels"].values()
            ]
        ),
    ],
    ids=["f1_score", "multilabel_report"],
)
def test_a_series_of_cut_offs_is_aligned_by_label_name(call):
    y = pd.DataFrame(Y, columns=NAMES)
    in_order = np.array([0.5, 0.25, 0.35])
    shuffled = pd.Series(in_order[[2, 0, 1]], index=["bird", "cat", "dog"])
    np.testing.assert_array_equal(call(y, shuffled), call(Y, in_order))
    positional = pd.Series(in_order)  # a default index is read by position
    np.testing.assert_array_equal(call(y, positional), call(Y, in_order))
    wrong = pd.Series(in_order, index=["cat", "dog", "cow"])
    with pytest.raises(ValueError, match=r"Series whose index .* does not match"):
        call(y, wrong)
    with pytest.raises(ValueError, match=r"Series whose index .* does not match"):
        call(Y, shuffled)  # no column names to align to


def test_plot_names_curves_and_aligns_marks_by_the_columns():
    pytest.importorskip("matplotlib")
    y = pd.DataFrame(Y, columns=NAMES)
    marks = pd.Series([0.35, 0.5, 0.25], index=["bird", "cat", "dog"])
    display = smm.ThresholdCurveDisplay.from_predictions(
        y, S, thresholds=marks, max_labels=3
    )
    assert display.label_names == NAMES
    np.testing.assert_array_equal(display.tuned_thresholds, [0.5, 0.25, 0.35])


@funcs
def test_the_threshold_hint_only_where_it_helps(f):
    with pytest.raises(ValueError, match="binary label-indicator") as error:
        call(f, Y * 2, S, threshold=0.5)  # threshold= given: y_true is wrong
    assert "pass threshold=" not in str(error.value)
    with pytest.raises(ValueError, match="binary label-indicator") as error:
        call(f, Y * 2, Y)  # y_true is never thresholded
    assert "pass threshold=" not in str(error.value)


@pytest.mark.parametrize(
    "shape, message", [((0, 3), "at least one sample"), ((5, 0), "at least one label")]
)
def test_empty_inputs_say_what_is_missing(shape, message):
    with pytest.raises(ValueError, match=message):
        smm.f1_score(np.zeros(shape), np.zeros(shape), average="micro")
    with pytest.raises(ValueError, match=message):
        smm.threshold_sweep(np.zeros(shape), np.zeros(shape))
