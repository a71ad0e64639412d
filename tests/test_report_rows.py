"""The numbers of multilabel_report (_report/_rows.py): every row and per-label entry
against the metric functions and scikit-learn, read in chunks alike."""

import warnings

import numpy as np
import pytest
import scipy.sparse as sp
from sklearn import metrics as skm
from test_table import KEYS, Y_SCORE, Y_TRUE

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

NAMES_3 = ["cat", "dog", "bird"]


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
