"""multilabel_report: every number against the metric functions and scikit-learn."""

import json
import re
import warnings

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
from sklearn import metrics as skm

import skmultimetrics._report._rows as report_module
from skmultimetrics import (
    f1_score,
    hamming_accuracy_score,
    jaccard_score,
    multilabel_report,
    precision_score,
    recall_score,
    subset_accuracy_score,
)
from skmultimetrics._report._rows import COLUMNS

KEYS = [key for key, _, _ in COLUMNS]
NAMES_3 = ["cat", "dog", "bird"]
Y_TRUE = [[1, 0, 1], [0, 1, 0]]
Y_SCORE = [[0.9, 0.2, 0.4], [0.3, 0.8, 0.1]]


def _package_row(y_true, y_score, threshold, weight):
    kw = {"threshold": threshold, "sample_weight": weight}
    row = {
        "subset_accuracy": subset_accuracy_score(y_true, y_score, **kw),
        "hamming_accuracy": hamming_accuracy_score(y_true, y_score, **kw),
        "jaccard_samples": jaccard_score(
            y_true, y_score, average="samples", zero_division=0.0, **kw
        ),
    }
    for average in ("micro", "macro", "samples"):
        for name, metric in (
            ("precision", precision_score),
            ("recall", recall_score),
            ("f1", f1_score),
        ):
            row[f"{name}_{average}"] = metric(
                y_true, y_score, average=average, zero_division=0.0, **kw
            )
    return row


def _sklearn_row(y_true, y_pred, weight):
    kw = {"sample_weight": weight}
    row = {
        "subset_accuracy": skm.accuracy_score(y_true, y_pred, **kw),
        "hamming_accuracy": 1 - skm.hamming_loss(y_true, y_pred, **kw),
        "jaccard_samples": skm.jaccard_score(
            y_true, y_pred, average="samples", zero_division=0, **kw
        ),
    }
    for average in ("micro", "macro", "samples"):
        p, r, f, _ = skm.precision_recall_fscore_support(
            y_true, y_pred, average=average, zero_division=0, **kw
        )
        row.update(
            {f"precision_{average}": p, f"recall_{average}": r, f"f1_{average}": f}
        )
    w = np.ones(y_pred.shape[0]) if weight is None else weight
    row["predicted_positive_share"] = (w @ y_pred).sum() / (w.sum() * y_pred.shape[1])
    return row


def _random_case(seed):
    """Labels with empty rows and columns, scores on a grid (ties at cut-offs)."""
    rng = np.random.default_rng(seed)
    n, n_labels = rng.integers(1, 60), rng.integers(2, 9)
    y_true = (rng.random((n, n_labels)) < rng.uniform(0.05, 0.6)).astype(int)
    y_true[rng.random(n) < 0.2] = 0  # rows without labels
    y_true[:, rng.random(n_labels) < 0.2] = 0  # labels without positives
    y_score = np.round(rng.random((n, n_labels)), 1)  # many scores equal 0.1k
    weight = rng.uniform(0, 3, n) if seed % 3 == 0 else None
    if weight is not None:
        weight[0] = 1.0  # never all zero
    per_label = np.round(rng.uniform(0, 1, n_labels), 1)
    return y_true, y_score, weight, [0.0, 0.3, 0.5, 1.0, per_label]


@pytest.mark.parametrize("seed", range(40))
def test_rows_equal_the_metric_functions_and_sklearn(seed):
    y_true, y_score, weight, thresholds = _random_case(seed)
    if seed % 2:
        y_true_input = sp.csr_matrix(y_true)
    else:
        y_true_input = y_true
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # zero_division=0.0: no warnings
        report = multilabel_report(
            y_true_input,
            y_score,
            thresholds=thresholds,
            sample_weight=weight,
            output_dict=True,
        )
    assert len(report["rows"]) == len(thresholds)
    for row, threshold in zip(report["rows"], thresholds):
        y_pred = (y_score >= threshold).astype(int)
        ours = {key: row[key] for key in KEYS}
        sklearn_row = _sklearn_row(y_true, y_pred, weight)
        assert ours == pytest.approx(sklearn_row, rel=1e-12, abs=1e-12)
        package = _package_row(y_true_input, y_score, threshold, weight)
        assert {k: ours[k] for k in package} == pytest.approx(
            package, rel=1e-12, abs=1e-12
        )


def test_hand_computed_rows_and_labels():
    report = multilabel_report(
        Y_TRUE, Y_SCORE, thresholds=0.5, target_names=["a", "b", "c"], output_dict=True
    )
    assert report["n_samples"] == 2
    assert report["n_labels"] == 3
    assert report["positive_share"] == 0.5
    assert report["thresholds"] == [0.5]
    row = report["rows"][0]
    # predictions [[1, 0, 0], [0, 1, 0]]: label c of row 1 is missed
    assert row["threshold"] == 0.5
    assert row["subset_accuracy"] == 0.5
    assert row["hamming_accuracy"] == pytest.approx(5 / 6)
    assert row["precision_micro"] == 1.0
    assert row["recall_micro"] == pytest.approx(2 / 3)
    assert row["f1_micro"] == pytest.approx(0.8)
    assert row["precision_macro"] == pytest.approx(2 / 3)
    assert row["recall_samples"] == 0.75  # (1/2 + 1) / 2
    assert row["f1_samples"] == pytest.approx((2 / 3 + 1) / 2)
    assert row["jaccard_samples"] == 0.75
    assert row["predicted_positive_share"] == pytest.approx(2 / 6)
    assert report["labels"] == {
        "a": {
            "threshold": 0.5,
            "support": 1,
            "precision": 1.0,
            "recall": 1.0,
            "f1": 1.0,
        },
        "b": {
            "threshold": 0.5,
            "support": 1,
            "precision": 1.0,
            "recall": 1.0,
            "f1": 1.0,
        },
        "c": {
            "threshold": 0.5,
            "support": 1,
            "precision": 0.0,
            "recall": 0.0,
            "f1": 0.0,
        },
    }


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


def test_matches_a_chunked_read(monkeypatch):
    rng = np.random.default_rng(3)
    y_true = (rng.random((100, 4)) < 0.3).astype(int)
    y_score = rng.random((100, 4)).astype(np.float32)
    weight = rng.uniform(0.5, 2, 100)
    whole = multilabel_report(y_true, y_score, sample_weight=weight, output_dict=True)
    monkeypatch.setattr(report_module, "chunk_rows", lambda n_labels: 7)
    chunked = multilabel_report(y_true, y_score, sample_weight=weight, output_dict=True)
    for a, b in zip(whole["rows"], chunked["rows"]):
        assert a == pytest.approx(b, rel=1e-12)


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


def test_dict_is_plain_json():
    report = multilabel_report(
        Y_TRUE, Y_SCORE, thresholds=[np.array([0.3, 0.5, np.inf])], output_dict=True
    )
    # strict JSON: Python's json writes inf as Infinity, which JSON lacks
    assert json.loads(json.dumps(report, allow_nan=False)) == report
    assert report["labels"]["label 2"]["threshold"] == "inf"

    def plain(value):
        if isinstance(value, dict):
            return all(isinstance(k, str) and plain(v) for k, v in value.items())
        if isinstance(value, list):
            return all(plain(v) for v in value)
        return type(value) in (int, float, str)

    assert plain(report)


def test_dict_writes_infinite_cut_offs_as_strings_and_keeps_their_numbers():
    thresholds = [-np.inf, np.inf, [0.3, -np.inf, np.inf]]
    report = multilabel_report(Y_TRUE, Y_SCORE, thresholds=thresholds, output_dict=True)
    json.dumps(report, allow_nan=False)
    assert report["thresholds"] == ["-inf", "inf", [0.3, "-inf", "inf"]]
    assert [row["threshold"] for row in report["rows"]] == report["thresholds"]
    # -inf predicts every cell, inf none
    assert report["rows"][0]["predicted_positive_share"] == 1.0
    assert report["rows"][1]["predicted_positive_share"] == 0.0
    # the text form keeps reading them as numbers
    text = multilabel_report(Y_TRUE, Y_SCORE, thresholds=[[0.3, -np.inf, np.inf]])
    assert "cut-off inf: the label is never predicted" in text


def test_strict_json_writes_nan_as_null():
    from skmultimetrics._report._table import strict_json

    value = {"a": [np.nan, 1.5, -np.inf], "b": {"c": np.inf}, "d": 2}
    assert strict_json(value) == {"a": [None, 1.5, "-inf"], "b": {"c": "inf"}, "d": 2}


def test_text_table_is_aligned_with_legend_and_digits():
    text = multilabel_report(
        Y_TRUE, Y_SCORE, thresholds=[0.3, 0.5], digits=3, target_names=["x", "y", "z"]
    )
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("threshold"))
    rows = lines[start + 1 : start + 3]
    assert [line.split()[0] for line in rows] == ["0.3", "0.5"]
    assert len({len(line) for line in [lines[start], *rows]}) == 1
    values = [float(v) for v in rows[1].split()[1:]]
    report = multilabel_report(Y_TRUE, Y_SCORE, thresholds=[0.3, 0.5], output_dict=True)
    assert values == [round(report["rows"][1][key], 3) for key in KEYS]
    assert all(re.fullmatch(r"\d\.\d{3}", v) for v in rows[1].split()[1:])
    assert "accuracy_score" in text
    assert "binary_accuracy" in text
    assert "hamming_loss" in text
    assert "Per label" not in text  # two sets: no per-label rows


def test_text_per_label_rows_use_target_names():
    text = multilabel_report(
        Y_TRUE, Y_SCORE, thresholds=0.5, target_names=["cat", "dog", "bird"]
    )
    per_label = text.split("Per label:\n")[1].splitlines()
    assert per_label[0].split() == [
        "label",
        "cut-off",
        "support",
        "precision",
        "recall",
        "f1",
    ]
    # cut-offs with the digits of the other columns
    assert per_label[3].split() == ["bird", "0.5000", "1", "0.0000", "0.0000", "0.0000"]
    assert len({len(line) for line in per_label}) == 1


def test_several_per_label_sets_are_listed():
    text = multilabel_report(
        Y_TRUE, Y_SCORE, thresholds=[[0.3, 0.5, 0.2], [0.4, 0.4, np.inf]]
    )
    assert "set 1: per-label cut-offs 0.3, 0.5, 0.2" in text
    assert "set 2: per-label cut-offs 0.4, 0.4, inf" in text


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


def test_per_label_notes_for_labels_without_positives_and_never_predicted():
    y_true = [[1, 0, 0], [0, 1, 0], [1, 1, 0]]
    y_score = [[0.9, 0.2, 0.1], [0.3, 0.8, 0.6], [0.6, 0.4, 0.2]]
    text = multilabel_report(
        y_true, y_score, thresholds=[[0.317, 0.5, np.inf]], target_names=NAMES_3
    )
    rows = {line.split()[0]: line.split() for line in text.splitlines()[-5:-2]}
    assert [rows[name][1] for name in NAMES_3] == ["0.3170", "0.5000", "inf"]
    assert "No positive sample of bird" in text
    assert "cut-off inf: the label is never predicted" in text
    plain = multilabel_report(y_true, y_score, thresholds=[[0.3, 0.5, 0.5]])
    assert "No positive sample of label 2" in plain
    assert "cut-off inf" not in plain


# --- confidence_level= ------------------------------------------------------


def _ci_case(n=1500, n_labels=4, seed=0):
    rng = np.random.default_rng(seed)
    latent = rng.normal(size=(n, 1))
    y = (latent + rng.normal(size=(n, n_labels))) / np.sqrt(2) > 0.4
    s = 1 / (1 + np.exp(-(1.6 * y - 0.8 + rng.normal(size=y.shape))))
    return y, s


def _assert_within_mc(low, high, reference, n_resamples=1000):
    """Percentile end points of two independent sets of B resamples agree to
    about 2.7 * se / sqrt(B) * sqrt(2) each: 5 of those."""
    tol = 5 * 2.7 * reference.standard_error / np.sqrt(n_resamples) * np.sqrt(2)
    assert abs(low - reference.low) <= tol
    assert abs(high - reference.high) <= tol


@pytest.mark.filterwarnings("ignore::UserWarning")
@pytest.mark.parametrize("weighted", [False, True])
def test_confidence_level_intervals_match_confidence_interval(weighted):
    from skmultimetrics import confidence_interval

    y, s = _ci_case()
    w = np.random.default_rng(1).uniform(0.2, 3, y.shape[0]) if weighted else None
    y_copy, s_copy = y.copy(), s.copy()
    report = multilabel_report(
        y, s, thresholds=0.5, sample_weight=w, confidence_level=0.9, output_dict=True
    )
    np.testing.assert_array_equal(y, y_copy)
    np.testing.assert_array_equal(s, s_copy)
    assert report["confidence_level"] == 0.9
    assert report["interval_method"] == "percentile"
    row = report["rows"][0]
    names = [k for k in KEYS if k != "predicted_positive_share"]
    reference = confidence_interval(
        y,
        s,
        threshold=0.5,
        metric=names,
        method="percentile",
        n_resamples=1000,
        confidence_level=0.9,
        sample_weight=w,
        random_state=12345,
        zero_division=0.0,
    )
    for key in names:
        assert row[key] == pytest.approx(reference[key].estimate, abs=1e-12)
        assert row[f"{key}_low"] <= row[key] <= row[f"{key}_high"]
        _assert_within_mc(row[f"{key}_low"], row[f"{key}_high"], reference[key])
    # the predicted share against an explicit row bootstrap of its definition
    rng = np.random.default_rng(7)
    share = (s >= 0.5).mean(axis=1)
    base = np.ones(y.shape[0]) if w is None else w
    idx = rng.integers(0, y.shape[0], size=(1000, y.shape[0]))
    values = (share[idx] * base[idx]).sum(axis=1) / base[idx].sum(axis=1)
    low, high = np.quantile(values, [0.05, 0.95])
    tol = 5 * 2.7 * values.std() / np.sqrt(1000) * np.sqrt(2)
    assert abs(row["predicted_positive_share_low"] - low) <= tol
    assert abs(row["predicted_positive_share_high"] - high) <= tol
    # per label: the binary metrics of each column
    for j, (name, entry) in enumerate(report["labels"].items()):
        assert name == f"label {j}"
        for metric in ("precision", "recall", "f1"):
            ref = confidence_interval(
                y[:, j].astype(int),
                (s[:, j] >= 0.5).astype(int),
                metric=metric,
                method="percentile",
                confidence_level=0.9,
                sample_weight=w,
                random_state=99,
                zero_division=0.0,
            )
            assert entry[metric] == pytest.approx(ref.estimate, abs=1e-12)
            _assert_within_mc(entry[f"{metric}_low"], entry[f"{metric}_high"], ref)


def test_confidence_level_text_shows_every_number_with_its_interval():
    y, s = _ci_case(n=400, n_labels=3)
    text = multilabel_report(
        y, s, thresholds=[0.3, 0.5], confidence_level=0.95, digits=3
    )
    report = multilabel_report(
        y, s, thresholds=[0.3, 0.5], confidence_level=0.95, output_dict=True
    )
    cell = re.compile(r"(\d\.\d{3}) \[(\d\.\d{3}), (\d\.\d{3})\]")
    rows = [line for line in text.splitlines() if line.lstrip().startswith("0.")]
    assert len(rows) == 2
    for line, row in zip(rows, report["rows"]):
        found = cell.findall(line)
        assert len(found) == len(KEYS)
        for (value, low, high), key in zip(found, KEYS):
            assert float(value) == pytest.approx(row[key], abs=6e-4)
            assert float(low) == pytest.approx(row[f"{key}_low"], abs=6e-4)
            assert float(high) == pytest.approx(row[f"{key}_high"], abs=6e-4)
    assert "95% percentile bootstrap interval" in text
    single = multilabel_report(y, s, thresholds=0.5, confidence_level=0.95, digits=3)
    per_label = single.split("Per label:")[1].splitlines()[2:5]
    assert all(len(cell.findall(line)) == 3 for line in per_label)


def test_without_confidence_level_nothing_changes():
    y, s = _ci_case(n=200, n_labels=3)
    report = multilabel_report(y, s, thresholds=0.5, output_dict=True)
    assert not any(key.endswith(("_low", "_high")) for key in report["rows"][0])
    assert "confidence_level" not in report
    assert "[" not in multilabel_report(y, s, thresholds=0.5).split("Per label")[0]


@pytest.mark.parametrize("level", [0, 1, 1.5, -0.1, "0.95", True])
def test_bad_confidence_level_names_the_argument(level):
    with pytest.raises(
        ValueError, match="'confidence_level' parameter of multilabel_report"
    ):
        multilabel_report(Y_TRUE, Y_SCORE, confidence_level=level)


def test_report_intervals_leave_out_resamples_without_a_sample():
    y = np.array([[1, 0], [0, 1], [1, 1]])
    with pytest.warns(UserWarning, match="drew no sample"):
        report = multilabel_report(
            y, y * 0.9, thresholds=0.5, confidence_level=0.95, output_dict=True
        )
    row = report["rows"][0]
    assert (row["f1_micro_low"], row["f1_micro_high"]) == (1.0, 1.0)
