"""multilabel_report(confidence_level=): the interval of every number equals
confidence_interval's."""

import re

import numpy as np
import pytest
from test_table import KEYS, Y_SCORE, Y_TRUE

from skmultimetrics import (
    multilabel_report,
)


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
