"""What the report command writes: text, JSON and CSV, with the library's numbers."""

import csv
import io

import numpy as np
import pytest
import test_cli_main
from test_cli_main import KEYS, NAMES, _numbers, report_json, run

from skmultimetrics import (
    f1_score,
    multilabel_report,
    ndcg_at_k_score,
    optimize_thresholds,
    precision_at_k_score,
    recall_at_k_score,
)

# the fixtures of test_cli_main.py
data = test_cli_main.data
files = test_cli_main.files


def test_report_text_numbers_match_the_library(capsys, data, files):
    y, scores = data
    code, out, err = run(capsys, "report", *files, "--thresholds", "0.3,0.5")
    assert code == 0
    assert err == ""
    expected = multilabel_report(y, scores, thresholds=[0.3, 0.5], output_dict=True)
    for row in expected["rows"]:
        line = next(
            line
            for line in out.splitlines()
            if line.split()[:1] == [f"{row['threshold']:g}"]
        )
        assert _numbers(line) == [round(row[key], 4) for key in KEYS]
    at_3 = next(line for line in out.splitlines() if line.split()[:1] == ["3"])
    assert _numbers(at_3) == [
        round(precision_at_k_score(y, scores, k=3), 4),
        round(recall_at_k_score(y, scores, k=3, zero_division=0.0), 4),
        round(ndcg_at_k_score(y, scores, k=3, zero_division=0.0), 4),
    ]


def test_report_json_matches_the_library(capsys, data, files):
    y, scores = data
    result = report_json(capsys, *files)
    expected = multilabel_report(y, scores, output_dict=True)
    assert result["report"] == expected
    assert result["tuned"] is None
    assert (
        [r["k"] for r in result["at_k"]] == [1, 3, 5][:3]
        if y.shape[1] >= 5
        else [
            1,
            3,
        ]
    )
    for r in result["at_k"]:
        # summed chunk by chunk: equal to rounding
        close = pytest.approx
        assert r["precision"] == close(precision_at_k_score(y, scores, k=r["k"]))
        k = r["k"]
        assert r["recall"] == close(recall_at_k_score(y, scores, k=k, zero_division=0))
        assert r["ndcg"] == close(ndcg_at_k_score(y, scores, k=k, zero_division=0))
    f1_at_half = result["report"]["rows"][4]
    assert f1_at_half["threshold"] == 0.5
    assert f1_at_half["f1_macro"] == pytest.approx(
        f1_score(y, scores, average="macro", threshold=0.5, zero_division=0.0)
    )


def test_output_without_tune_writes_the_report(capsys, tmp_path, data, files):
    y, scores = data
    path = tmp_path / "report.csv"
    code, out, err = run(
        capsys,
        "report",
        *files,
        "--format",
        "csv",
        "--output",
        path,
        "--thresholds",
        "0.4",
    )
    assert code == 0
    assert out == ""
    assert "wrote the report" in err
    rows = list(csv.DictReader(io.StringIO(path.read_text())))
    expected = multilabel_report(y, scores, thresholds=0.4, output_dict=True)["rows"][0]
    assert len(rows) == 1
    assert rows[0]["source"] == "thresholds"
    assert float(rows[0]["threshold"]) == 0.4
    assert {key: float(rows[0][key]) for key in KEYS} == {k: expected[k] for k in KEYS}


def test_csv_format_has_tuned_rows(capsys, data, files):
    y, scores = data
    code, out, _ = run(capsys, "report", *files, "--format", "csv", "--tune")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["source"] for r in rows] == ["thresholds"] * 9 + ["tuned"]
    tuned = optimize_thresholds(y, scores).thresholds
    assert [float(t) for t in rows[-1]["threshold"].split()] == tuned.tolist()
    assert float(rows[-1]["f1_macro"]) == pytest.approx(
        f1_score(y, scores, average="macro", threshold=tuned, zero_division=0.0)
    )


def test_csv_with_header_gives_label_names(capsys, tmp_path, data):
    y, scores = data
    np.savetxt(
        tmp_path / "y.csv",
        y,
        delimiter=",",
        fmt="%d",
        header=",".join(NAMES),
        comments="",
    )
    np.savetxt(tmp_path / "s.csv", scores, delimiter=",", fmt="%.3f")
    result = report_json(
        capsys, tmp_path / "y.csv", tmp_path / "s.csv", "--thresholds", "0.5"
    )
    assert list(result["report"]["labels"]) == NAMES
    assert result["report"] == multilabel_report(
        y, scores, thresholds=0.5, target_names=NAMES, output_dict=True
    )
