"""The command line's cut-offs: --thresholds specs parsed, --thresholds-file files
read, tuned cut-offs written and read back."""

import json

import pytest
import test_cli_main
from test_cli_main import assert_one_line_error, report_json, run

from skmultimetrics import (
    multilabel_report,
    optimize_thresholds,
)
from skmultimetrics._cli._cutoffs import parse_thresholds

# the fixtures of test_cli_main.py
data = test_cli_main.data
files = test_cli_main.files


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("0.1:0.9:0.1", [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]),
        ("0:1:0.25", [0.0, 0.25, 0.5, 0.75, 1.0]),
        ("0.1:0.95:0.1", [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]),
        ("0.05:0.15:0.05", [0.05, 0.1, 0.15]),
        ("-1:1:1", [-1.0, 0.0, 1.0]),
        ("0.3, 0.5", [0.3, 0.5]),
        ("0.5", [0.5]),
    ],
)
def test_parse_thresholds(spec, expected):
    assert parse_thresholds(spec) == expected


@pytest.mark.parametrize("suffix", [".json", ".txt"])
def test_tuned_cut_offs_round_trip_through_output(
    capsys, tmp_path, data, files, suffix
):
    y, scores = data
    path = tmp_path / f"cutoffs{suffix}"
    code, _, err = run(capsys, "report", *files, "--tune", "--output", path)
    assert code == 0
    assert "wrote the tuned cut-offs" in err
    expected = optimize_thresholds(y, scores, scoring="f1_macro").thresholds
    if suffix == ".json":
        written = json.loads(path.read_text())
        assert written["scoring"] == "f1_macro"
        assert written["thresholds"] == expected.tolist()
    else:
        assert [float(v) for v in path.read_text().split()] == expected.tolist()
    result = report_json(capsys, *files, "--thresholds-file", path)
    assert result["report"] == multilabel_report(
        y, scores, thresholds=[expected], output_dict=True
    )


@pytest.mark.parametrize(
    ("spec", "fragment"),
    [
        ("abc", "cannot read 'abc'"),
        ("0.1:0.9", "cannot read"),
        ("0.1:0.9:0", "STEP > 0"),
        ("0.9:0.1:0.1", "STOP is below START"),
        ("0.1,,0.5", "cannot read"),
        ("nan", "NaN"),
        ("0:1:0.00001", "over 10000"),
    ],
)
def test_bad_thresholds_syntax(capsys, files, spec, fragment):
    code, _, err = run(capsys, "report", *files, f"--thresholds={spec}")
    assert_one_line_error(code, err, "--thresholds", fragment)


def test_thresholds_file_of_the_wrong_length(capsys, tmp_path, files):
    path = tmp_path / "cut.txt"
    path.write_text("0.5\n0.5\n")
    code, _, err = run(capsys, "report", *files, "--thresholds-file", path)
    assert_one_line_error(code, err, "one cut-off per label (4)", "got 2")


def test_thresholds_and_thresholds_file_exclude_each_other(capsys, files):
    code, _, err = run(
        capsys, "report", *files, "--thresholds", "0.5", "--thresholds-file", "x.txt"
    )
    assert_one_line_error(code, err, "not allowed with argument")
