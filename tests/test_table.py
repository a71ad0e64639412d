"""multilabel_report: every number against the metric functions and scikit-learn."""

import warnings

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
from sklearn import metrics as skm

from skmultimetrics import (
    f1_score,
    multilabel_report,
)
from skmultimetrics._report._rows import COLUMNS

KEYS = [key for key, _, _ in COLUMNS]
Y_TRUE = [[1, 0, 1], [0, 1, 0]]
Y_SCORE = [[0.9, 0.2, 0.4], [0.3, 0.8, 0.1]]


def test_score_equal_to_the_threshold_predicts_the_label():
    report = multilabel_report(
        [[1, 0], [0, 1]], [[0.5, 0.5], [0.2, 0.7]], thresholds=0.5, output_dict=True
    )
    row = report["rows"][0]
    assert row["recall_micro"] == 1.0
    assert row["precision_micro"] == pytest.approx(2 / 3)


def test_per_label_set_gives_label_rows_at_their_cut_offs():
    cut_offs = np.array([0.35, 0.5, np.inf])
    report = multilabel_report(Y_TRUE, Y_SCORE, thresholds=[cut_offs], output_dict=True)
    # the dict is strict JSON: inf is the string "inf"
    assert report["thresholds"] == [[0.35, 0.5, "inf"]]
    # predictions [[1, 0, 0], [0, 1, 0]]: inf never predicts label 2
    assert [v["threshold"] for v in report["labels"].values()] == [0.35, 0.5, "inf"]
    assert list(report["labels"]) == ["label 0", "label 1", "label 2"]
    expected = f1_score(Y_TRUE, Y_SCORE, average=None, threshold=cut_offs)
    assert [v["f1"] for v in report["labels"].values()] == expected.tolist()
    assert report["rows"][0]["threshold"] == [0.35, 0.5, "inf"]


@pytest.mark.parametrize(
    ("thresholds", "n_rows"),
    [
        (0.5, 1),
        (np.float32(0.5), 1),
        # one rule whatever the container: a 1-D sequence is one row per cut-off
        (np.array([0.5, 0.4, 0.3]), 3),
        (np.linspace(0.1, 0.5, 5), 5),
        ([0.5, 0.4, 0.3], 3),
        ((0.5,), 1),
        (pd.Series([0.5, 0.4, 0.3]), 3),
        # per-label cut-offs: rows of a 2-D array, or array items of a list
        (np.array([[0.5, 0.4, 0.3], [0.1, 0.2, 0.3]]), 2),
        ([0.5, [0.1, 0.2, 0.3]], 2),
        ([np.array([0.5, 0.4, 0.3])], 1),
        ([pd.Series([0.5, 0.4, 0.3])], 1),
    ],
)
def test_threshold_forms(thresholds, n_rows):
    with warnings.catch_warnings():
        # three numbers for three labels warn that they are read as three rows
        warnings.filterwarnings("ignore", "multilabel_report read 'thresholds'")
        report = multilabel_report(
            Y_TRUE, Y_SCORE, thresholds=thresholds, output_dict=True
        )
    assert len(report["rows"]) == n_rows
    assert bool(report["labels"]) == (n_rows == 1)


@pytest.mark.parametrize(
    "container", [np.asarray, list, tuple, pd.Series], ids=lambda c: c.__name__
)
def test_as_many_cut_offs_as_labels_are_never_read_silently(container):
    """A bare thresholds_ (one cut-off per label) is one row per cut-off, and
    the warning names that reading and the spelling of the per-label one."""
    cut_offs = [0.35, 0.5, 0.2]
    with pytest.warns(UserWarning, match="3 numbers for 3 labels") as record:
        report = multilabel_report(
            Y_TRUE, Y_SCORE, thresholds=container(cut_offs), output_dict=True
        )
    message = str(record[0].message)
    assert "as 3 rows, each one cut-off shared by every label" in message
    assert "[thresholds]" in message
    assert "thresholds_" in message
    assert record[0].filename == __file__  # points at the caller
    assert report["thresholds"] == cut_offs
    y_pred = np.asarray(Y_SCORE) >= 0.35
    expected = skm.f1_score(Y_TRUE, y_pred, average="micro")
    assert report["rows"][0]["f1_micro"] == pytest.approx(expected)
    # the other reading, as the warning spells it: one per-label row, silently
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        per_label = multilabel_report(
            Y_TRUE, Y_SCORE, thresholds=[container(cut_offs)], output_dict=True
        )
    y_pred = np.asarray(Y_SCORE) >= np.array(cut_offs)
    expected = skm.f1_score(Y_TRUE, y_pred, average="micro")
    assert per_label["rows"][0]["f1_micro"] == pytest.approx(expected)
    assert len(per_label["rows"]) == 1


@pytest.mark.parametrize(
    ("y_true", "y_score", "thresholds"),
    [
        (Y_TRUE, Y_SCORE, [0.3, 0.5]),  # two numbers, three labels
        (Y_TRUE, Y_SCORE, np.ones((3, 3)) / 2),  # three per-label rows
        (Y_TRUE, Y_SCORE, [0.5, np.array([0.1, 0.2, 0.3]), 0.2]),
        ([1, 0], [0.7, 0.2], [0.5]),  # one label: both readings agree
        ([[1, 0]] * 9, [[0.7, 0.2]] * 9, None),  # the default, not given
    ],
)
def test_no_warning_where_the_reading_is_clear(y_true, y_score, thresholds):
    kwargs = {} if thresholds is None else {"thresholds": thresholds}
    if thresholds is None:  # nine labels: as many as the default's cut-offs
        y_true, y_score = np.eye(9, dtype=int), np.eye(9) * 0.8
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        multilabel_report(y_true, y_score, output_dict=True, **kwargs)


def test_default_thresholds_are_the_tenths():
    report = multilabel_report(Y_TRUE, Y_SCORE, output_dict=True)
    assert report["thresholds"] == [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]
    assert report["labels"] == {}


def test_integer_weights_equal_repetition():
    rng = np.random.default_rng(5)
    y_true = (rng.random((30, 3)) < 0.4).astype(int)
    y_score = np.round(rng.random((30, 3)), 1)
    weight = rng.integers(1, 4, 30)
    weighted = multilabel_report(
        y_true, y_score, sample_weight=weight, thresholds=0.4, output_dict=True
    )
    repeated = multilabel_report(
        np.repeat(y_true, weight, axis=0),
        np.repeat(y_score, weight, axis=0),
        thresholds=0.4,
        output_dict=True,
    )
    for a, b in zip(weighted["rows"], repeated["rows"], strict=True):
        assert a == pytest.approx(b, rel=1e-12)
    for name, values in weighted["labels"].items():
        assert values == pytest.approx(repeated["labels"][name], rel=1e-12)
    assert isinstance(weighted["labels"]["label 0"]["support"], float)
    assert isinstance(repeated["labels"]["label 0"]["support"], int)


def test_sparse_scores_and_predict_proba_list():
    rng = np.random.default_rng(1)
    y_true = (rng.random((20, 3)) < 0.4).astype(int)
    y_score = np.where(rng.random((20, 3)) < 0.5, 0.0, rng.random((20, 3)))
    expected = multilabel_report(y_true, y_score, output_dict=True)
    as_sparse = multilabel_report(y_true, sp.csr_array(y_score), output_dict=True)
    as_list = multilabel_report(
        y_true, [np.column_stack([1 - s, s]) for s in y_score.T], output_dict=True
    )
    assert as_sparse == expected
    for a, b in zip(as_list["rows"], expected["rows"], strict=True):
        assert a == pytest.approx(b, rel=1e-12)
    # cut-off 0: a missing sparse score is a score of 0, hence predicted
    zero = multilabel_report(
        y_true, sp.csr_array(y_score), thresholds=0.0, output_dict=True
    )
    assert zero["rows"][0]["predicted_positive_share"] == 1.0


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"y_score": [[0.1, np.nan, 0.2], [0.1, 0.2, 0.3]]}, "y_score .*NaN"),
        ({"y_score": [[0.1, np.inf, 0.2], [0.1, 0.2, 0.3]]}, "y_score .*infinity"),
        ({"y_score": [[0.1, 0.2], [0.1, 0.2]]}, "different shapes"),
        ({"y_score": [[0.1, 0.2, 0.3]]}, "different shapes"),
        ({"y_true": [[1, 0, 2], [0, 1, 0]]}, "y_true .*binary"),
        ({"thresholds": [np.array([0.1, 0.2])]}, "'thresholds' .*shape \\(3,\\)"),
        ({"thresholds": np.ones((2, 2))}, "'thresholds' .*shape \\(3,\\)"),
        ({"thresholds": [0.5, [0.1, 0.2]]}, "'thresholds' .*shape \\(3,\\)"),
        ({"thresholds": [0.5, np.nan]}, "'thresholds' .*NaN"),
        ({"thresholds": []}, "'thresholds'"),
        ({"thresholds": ["a"]}, "'thresholds'"),
        ({"thresholds": True}, "'thresholds'"),
        ({"thresholds": [True, False, True]}, "'thresholds'"),
        ({"thresholds": [np.array([True, False, True])]}, "'thresholds'"),
        ({"thresholds": [[0.5, np.nan, 0.5]]}, "'thresholds' .*NaN"),
        ({"thresholds": np.ones((1, 4))}, "'thresholds' .*shape \\(3,\\)"),
        ({"target_names": ["a", "b"]}, "'target_names' .*3"),
        ({"target_names": ["a", "a", "b"]}, "'target_names' .*unique"),
        ({"digits": -1}, "'digits'"),
        ({"sample_weight": [1.0]}, "'sample_weight'"),
    ],
)
def test_bad_input_names_the_argument(kwargs, match):
    args = {"y_true": Y_TRUE, "y_score": Y_SCORE, **kwargs}
    with pytest.raises(ValueError, match=match):
        multilabel_report(args.pop("y_true"), args.pop("y_score"), **args)


def test_bad_types():
    with pytest.raises(TypeError, match="'digits'"):
        multilabel_report(Y_TRUE, Y_SCORE, digits=2.5)
    with pytest.raises(TypeError, match="'thresholds'"):
        multilabel_report(Y_TRUE, Y_SCORE, thresholds=None)


# --- confidence_level= ------------------------------------------------------
