"""The command line, called through main([...]); files are written in tmp_path."""

import csv
import io
import json
import re
import subprocess
import sys
import types
import warnings

import numpy as np
import pytest

from skmultimetrics import (
    __version__,
    f1_score,
    fbeta_score,
    multilabel_report,
    optimize_thresholds,
    precision_at_k_score,
    precision_score,
)
from skmultimetrics._cli._main import TUNE_NAMES, main
from skmultimetrics._report._rows import COLUMNS

KEYS = [key for key, _, _ in COLUMNS]
NAMES = ["cat", "dog", "bird", "fish"]


@pytest.fixture
def data():
    rng = np.random.default_rng(0)
    y = (rng.random((120, 4)) < 0.3).astype(int)
    y[:5] = 0  # rows without labels
    scores = np.clip(0.35 * y + 0.65 * rng.random((120, 4)), 0, 1)
    return y, np.round(scores, 3)  # rounded: the CSV copy holds the same numbers


@pytest.fixture
def files(tmp_path, data):
    y, scores = data
    np.save(tmp_path / "y.npy", y)
    np.save(tmp_path / "s.npy", scores)
    return str(tmp_path / "y.npy"), str(tmp_path / "s.npy")


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_line_error(code, err, *fragments, command="report"):
    assert code == 2
    assert err.startswith(f"skmultimetrics {command}: error: ")
    assert err.count("\n") == 1, err
    assert "Traceback" not in err
    for fragment in fragments:
        assert fragment in err, err


def report_json(capsys, *argv):
    code, out, _ = run(capsys, "report", *argv, "--format", "json")
    assert code == 0
    return json.loads(out)


# -- demo -----------------------------------------------------------------------


def _numbers(line):
    return [float(v) for v in line.split()[1:]]


def test_no_command_prints_help_and_fails(capsys):
    code, out, _ = run(capsys)
    assert code == 2
    assert "demo" in out
    assert "report" in out


def test_version(capsys):
    code, out, _ = run(capsys, "--version")
    assert code == 0
    assert __version__ in out


def test_python_dash_m_entry_point():
    result = subprocess.run(
        [sys.executable, "-m", "skmultimetrics", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert result.stdout.strip() == __version__


@pytest.mark.parametrize("command", ["demo", "report"])
def test_help_documents_every_option_with_an_example(capsys, command):
    code, out, _ = run(capsys, command, "--help")
    assert code == 0
    section = out.split("options:", 1)[1]
    options = re.findall(r"^  (--[a-z-]+)", section, flags=re.M)
    assert len(options) == {"demo": 1, "report": 13}[command]
    for option in options:
        block = section.split(option, 1)[1].split("\n  --", 1)[0]
        assert "Example" in block, option
    assert "examples:" in out


# -- report: values -------------------------------------------------------------


def test_k_option(capsys, data, files):
    y, scores = data
    result = report_json(capsys, *files, "--k", "2,4")
    assert [r["k"] for r in result["at_k"]] == [2, 4]
    assert result["at_k"][0]["precision"] == precision_at_k_score(y, scores, k=2)


def test_grid_thresholds_reach_the_report(capsys, files):
    result = report_json(capsys, *files, "--thresholds", "0.2:0.8:0.2")
    assert result["report"]["thresholds"] == [0.2, 0.4, 0.6, 0.8]
    assert result["report"]["labels"] == {}


def test_one_threshold_gives_label_rows(capsys, files):
    code, out, _ = run(capsys, "report", *files, "--thresholds", "0.5")
    assert code == 0
    assert "Per label:" in out
    assert re.search(r"^label 3\s+0\.5000\s+\d+", out, flags=re.M)


@pytest.mark.parametrize(("name", "scoring"), sorted(TUNE_NAMES.items()))
def test_tune_names_map_to_scorer_names(capsys, data, files, name, scoring):
    y, scores = data
    result = report_json(capsys, *files, "--tune", name)
    expected = optimize_thresholds(y, scores, scoring=scoring)
    assert result["tuned"]["scoring"] == scoring
    assert result["tuned"]["thresholds"] == expected.thresholds.tolist()
    assert result["tuned"]["score"] == pytest.approx(expected.score)


@pytest.mark.parametrize("name", ["macro-f1", "micro-f2", "precision_weighted"])
def test_tune_of_one_column_of_true_tunes_the_label_as_the_report_reads_it(
    capsys, tmp_path, name
):
    # the report reads TRUE as a label matrix: of one label, its macro, micro
    # and weighted rows are the label's metric; the tuned score must be the
    # same number, not scikit-learn's mean over the two classes of a binary y
    rng = np.random.default_rng(5)
    y = rng.integers(0, 2, 300)
    s = np.clip(0.3 * y + 0.7 * rng.random(300), 0, 1)
    np.save(tmp_path / "y1.npy", y)
    np.save(tmp_path / "s1.npy", s)
    result = report_json(
        capsys, tmp_path / "y1.npy", tmp_path / "s1.npy", "--tune", name
    )
    tuned = result["tuned"]
    row = tuned["report"]["rows"][0]
    if tuned["scoring"] in row:  # the report's columns: f1, precision, recall
        assert row[tuned["scoring"]] == pytest.approx(tuned["score"], abs=1e-12)
    metric = tuned["scoring"].partition("_")[0]
    beta = {"beta": 2.0} if metric == "f2" else {}
    function = {"f1": f1_score, "f2": fbeta_score}.get(metric, precision_score)
    best = max(
        function(y, s, threshold=t, zero_division=0.0, **beta) for t in np.unique(s)
    )
    assert tuned["score"] == pytest.approx(best, abs=1e-12)


def test_tune_report_is_at_the_tuned_cut_offs(capsys, data, files):
    y, scores = data
    result = report_json(capsys, *files, "--tune")  # default: macro-f1
    tuned = result["tuned"]
    assert tuned["scoring"] == "f1_macro"
    cut_offs = np.array(tuned["thresholds"])
    assert tuned["report"]["rows"][0]["f1_macro"] == pytest.approx(
        f1_score(y, scores, average="macro", threshold=cut_offs, zero_division=0.0)
    )
    assert tuned["report"]["rows"][0]["f1_macro"] == pytest.approx(tuned["score"])
    labels = tuned["report"]["labels"]
    assert [v["threshold"] for v in labels.values()] == tuned["thresholds"]
    # the package's own scorer names are accepted as well
    again = report_json(capsys, *files, "--tune", "f1_macro")
    assert again["tuned"]["thresholds"] == tuned["thresholds"]


def test_tune_text_says_the_report_is_optimistic(capsys, files):
    code, out, _ = run(capsys, "report", *files, "--tune", "micro-f1")
    assert code == 0
    assert "tuned for f1_micro" in out
    assert "optimistic" in out
    assert out.count("Multi-label report:") == 2


# -- report: file formats -------------------------------------------------------


def test_plot_writes_a_png(capsys, tmp_path, files):
    pytest.importorskip("matplotlib")
    path = tmp_path / "curves.png"
    code, _, _ = run(capsys, "report", *files, "--tune", "--plot", path)
    assert code == 0
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_plot_passes_the_tuned_cut_offs(capsys, monkeypatch, tmp_path, data, files):
    calls = {}

    class Figure:
        def savefig(self, path):
            calls["path"] = str(path)

    class Display:
        @classmethod
        def from_predictions(cls, y_true, y_score, **kwargs):
            calls.update(kwargs, y_true=y_true, y_score=y_score)
            display = cls()
            display.figure_ = Figure()
            return display

    fake = types.ModuleType("skmultimetrics._report._plot")
    fake.ThresholdCurveDisplay = Display
    monkeypatch.setitem(sys.modules, "skmultimetrics._report._plot", fake)
    path = tmp_path / "curves.png"
    code, _, err = run(capsys, "report", *files, "--tune", "--plot", path)
    assert code == 0
    assert "wrote the threshold curves" in err
    y, scores = data
    assert calls["path"] == str(path)
    assert calls["metric"] == "f1"
    assert calls["thresholds"] == optimize_thresholds(y, scores).thresholds.tolist()
    np.testing.assert_array_equal(calls["y_true"], y)
    np.testing.assert_array_equal(calls["y_score"], scores)


def test_plot_without_matplotlib_is_one_error_line(capsys, monkeypatch, files):
    # the import fails
    monkeypatch.setitem(sys.modules, "skmultimetrics._report._plot", None)
    code, _, err = run(capsys, "report", *files, "--plot", "x.png")
    assert_one_line_error(code, err, "--plot", "matplotlib")


def test_plot_without_matplotlib_fails_before_the_report(capsys, monkeypatch, files):
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # not installed
    code, out, err = run(capsys, "report", *files, "--plot", "x.png")
    assert_one_line_error(code, err, "--plot", "skmultimetrics[plot]")
    assert out == ""


# -- report: errors -------------------------------------------------------------


def _write(tmp_path, name, array):
    path = tmp_path / name
    np.save(path, array)
    return path


def test_missing_file(capsys, tmp_path, files):
    code, _, err = run(capsys, "report", tmp_path / "nope.npy", files[1])
    assert_one_line_error(code, err, "nope.npy", "no such file")


def test_unknown_extension(capsys, tmp_path, files):
    (tmp_path / "y.txt").write_text("1,0\n")
    code, _, err = run(capsys, "report", tmp_path / "y.txt", files[1])
    assert_one_line_error(code, err, "unknown file type '.txt'", ".npy")


@pytest.mark.parametrize(
    ("name", "content", "fragment"),
    [
        ("bad.npy", b"not numpy at all", "cannot read it as .npy"),
        ("bad.npz", b"not a zip", "cannot read it as .npz"),
        ("bad.csv", b"1,0,1\n1,x,1\n", "'x' at line 2, column 2 is not a number"),
        ("ragged.csv", b"1,0,1\n1,0\n", "not a CSV of numbers"),
        ("header.csv", b"a,b\n1,0,1\n", "header has 2 names but the rows have 3"),
        ("empty.csv", b"", "empty"),
    ],
)
def test_unreadable_files(capsys, tmp_path, files, name, content, fragment):
    (tmp_path / name).write_bytes(content)
    code, _, err = run(capsys, "report", tmp_path / name, files[1])
    assert_one_line_error(code, err, name, fragment)


def test_shape_mismatch(capsys, tmp_path, data, files):
    scores = data[1]
    rows = _write(tmp_path, "rows.npy", scores[:-1])
    code, _, err = run(capsys, "report", files[0], rows)
    assert_one_line_error(code, err, "120 rows (samples)", "119")
    cols = _write(tmp_path, "cols.npy", scores[:, :3])
    code, _, err = run(capsys, "report", files[0], cols)
    assert_one_line_error(code, err, "4 columns (labels)", "3")


def test_non_binary_labels(capsys, tmp_path, data, files):
    y = data[0].copy()
    y[7, 2] = 2
    code, _, err = run(capsys, "report", _write(tmp_path, "y2.npy", y), files[1])
    # counted from 1, as people count rows and columns
    assert_one_line_error(code, err, "labels must be 0 or 1", "2 at row 8, column 3")


@pytest.mark.parametrize(("bad", "shown"), [(np.nan, "nan"), (np.inf, "inf")])
def test_non_finite_scores(capsys, tmp_path, data, files, bad, shown):
    scores = data[1].copy()
    scores[3, 1] = bad
    code, _, err = run(capsys, "report", files[0], _write(tmp_path, "bad.npy", scores))
    assert_one_line_error(code, err, "finite", f"{shown} at row 4, column 2")


def test_duplicate_csv_header_names(capsys, tmp_path, data, files):
    path = tmp_path / "dup.csv"
    np.savetxt(path, data[0], delimiter=",", fmt="%d", header="a,b,a,c", comments="")
    code, _, err = run(capsys, "report", path, files[1])
    assert_one_line_error(code, err, "dup.csv", "repeats the label names ['a']")


def test_unknown_tune_name_lists_the_valid_ones(capsys, files):
    code, _, err = run(capsys, "report", *files, "--tune", "f1")
    assert_one_line_error(
        code, err, "unknown objective 'f1'", "macro-f1", "subset-accuracy"
    )


@pytest.mark.parametrize(
    ("spec", "fragment"), [("1,x", "cannot read"), ("0,2", "[1, 4]"), ("5", "[1, 4]")]
)
def test_bad_k(capsys, files, spec, fragment):
    code, _, err = run(capsys, "report", *files, "--k", spec)
    assert_one_line_error(code, err, "--k", fragment)


def test_unknown_option_is_one_line(capsys, files):
    code, _, err = run(capsys, "report", *files, "--colour")
    assert_one_line_error(code, err, "unrecognized arguments: --colour")
    code, _, err = run(capsys, "demo", "--colour")
    assert_one_line_error(code, err, "--colour", command="demo")


def test_k_with_one_label(capsys, tmp_path, data):
    y, scores = data
    true = _write(tmp_path, "y0.npy", y[:, 0])
    code, _, err = run(
        capsys, "report", true, _write(tmp_path, "s0.npy", scores[:, 0]), "--k", "1"
    )
    assert_one_line_error(code, err, "--k", "at least 2")


def test_missing_argument_is_one_line(capsys):
    code, _, err = run(capsys, "report", "y.npy")
    assert_one_line_error(code, err, "SCORES")


@pytest.mark.parametrize(
    "order",
    [
        ("FILES", "--tune"),
        ("--tune", "FILES"),
        ("--tune", "micro-f1", "FILES"),
        ("FILES", "--tune", "micro-f1"),
    ],
)
def test_tune_comes_before_or_after_the_files(capsys, files, order):
    argv = []
    for token in order:
        argv += [str(f) for f in files] if token == "FILES" else [token]
    code, out, err = run(capsys, "report", *argv, "--format", "json")
    assert code == 0, err
    expected = "f1_micro" if "micro-f1" in order else "f1_macro"
    assert json.loads(out)["tuned"]["scoring"] == expected


def test_a_misspelt_objective_before_the_files_is_named(capsys, files):
    code, _, err = run(capsys, "report", "--tune", "macro_f2", *files)
    assert_one_line_error(code, err, "--tune", "macro_f2")


def test_csv_cells_are_found_by_line_and_column(capsys, tmp_path, data, files):
    y, scores = data
    header = ",".join(NAMES)
    body = "\n".join(",".join(str(v) for v in row) for row in scores.tolist())
    lines = [header, *body.split("\n")]
    cells = lines[3].split(",")
    cells[2] = ""  # line 4 of the file (the header is line 1), column 3
    lines[3] = ",".join(cells)
    path = tmp_path / "holes.csv"
    path.write_text("\n".join(lines) + "\n")
    code, _, err = run(capsys, "report", files[0], path)
    assert_one_line_error(code, err, "missing value (NaN) at line 4, column 3")
    cells[2] = "high"
    lines[3] = ",".join(cells)
    path.write_text("\n".join(lines) + "\n")
    code, _, err = run(capsys, "report", files[0], path)
    assert_one_line_error(code, err, "'high' at line 4, column 3 is not a number")
    labels = tmp_path / "labels.csv"
    rows = [",".join(str(v) for v in row) for row in y.tolist()]
    rows[1] = "2" + rows[1][1:]
    labels.write_text("\n".join([header, *rows]) + "\n")
    code, _, err = run(capsys, "report", labels, files[1])
    assert_one_line_error(code, err, "found 2.0 at line 3, column 1")


def test_plot_says_how_many_labels_it_draws(capsys, tmp_path):
    pytest.importorskip("matplotlib")
    rng = np.random.default_rng(0)
    y, scores = (rng.random((40, 12)) < 0.3).astype(int), rng.random((40, 12))
    files = [_write(tmp_path, "y.npy", y), _write(tmp_path, "s.npy", scores)]
    code, _, err = run(capsys, "report", *files, "--plot", tmp_path / "c.png")
    assert code == 0
    assert "(10 of 12 labels drawn)" in err


# -- --ci -----------------------------------------------------------------------


@pytest.fixture
def big_files(tmp_path):
    rng = np.random.default_rng(5)
    latent = rng.normal(size=(1500, 1))
    y = (latent + rng.normal(size=(1500, 4))) / np.sqrt(2) > 0.4
    scores = 1 / (1 + np.exp(-(1.6 * y - 0.8 + rng.normal(size=y.shape))))
    np.save(tmp_path / "y.npy", y)
    np.save(tmp_path / "s.npy", scores)
    return y, scores, str(tmp_path / "y.npy"), str(tmp_path / "s.npy")


def _within_mc(low, high, ref, n_resamples=1000):
    tol = 5 * 2.7 * ref.standard_error / np.sqrt(n_resamples) * np.sqrt(2)
    assert abs(low - ref.low) <= tol
    assert abs(high - ref.high) <= tol


@pytest.mark.filterwarnings("ignore::UserWarning")
def test_ci_streamed_in_chunks_matches_confidence_interval(capsys, big_files):
    from skmultimetrics import confidence_interval

    y, scores, *paths = big_files
    result = report_json(
        capsys,
        *paths,
        "--thresholds",
        "0.5",
        "--ci",
        "0.9",
        "--k",
        "2",
        "--chunk-rows",
        "400",
    )
    report = result["report"]
    assert report["confidence_level"] == 0.9
    row = report["rows"][0]
    names = [k for k in KEYS if k != "predicted_positive_share"]
    ref = confidence_interval(
        y,
        scores,
        threshold=0.5,
        metric=names,
        method="percentile",
        confidence_level=0.9,
        random_state=321,
        zero_division=0.0,
    )
    expected = multilabel_report(y, scores, thresholds=0.5, output_dict=True)
    for key in names:
        assert row[key] == pytest.approx(expected["rows"][0][key])
        _within_mc(row[f"{key}_low"], row[f"{key}_high"], ref[key])
    for j, entry in enumerate(report["labels"].values()):
        ref_f1 = confidence_interval(
            y[:, j].astype(int),
            (scores[:, j] >= 0.5).astype(int),
            metric="f1",
            method="percentile",
            confidence_level=0.9,
            random_state=3,
        )
        _within_mc(entry["f1_low"], entry["f1_high"], ref_f1)
    at_2 = result["at_k"][0]
    for metric in ("precision", "recall", "ndcg"):
        ref_k = confidence_interval(
            y,
            scores,
            metric=f"{metric}_at_2",
            method="percentile",
            confidence_level=0.9,
            random_state=4,
            zero_division=0.0,
        )
        assert at_2[metric] == pytest.approx(ref_k.estimate)
        _within_mc(at_2[f"{metric}_low"], at_2[f"{metric}_high"], ref_k)


@pytest.mark.filterwarnings("ignore::UserWarning")
def test_ci_in_one_chunk_equals_multilabel_report(capsys, big_files):
    y, scores, *paths = big_files
    result = report_json(capsys, *paths, "--ci", "0.95", "--k", "1")
    expected = multilabel_report(y, scores, confidence_level=0.95, output_dict=True)
    for got, want in zip(result["report"]["rows"], expected["rows"]):
        assert got == pytest.approx(want)
    code, out, _ = run(capsys, "report", *paths, "--ci", "0.95", "--thresholds", "0.5")
    assert code == 0
    assert re.search(r"0\.\d{4} \[0\.\d{4}, 0\.\d{4}\]", out)
    assert "95% percentile bootstrap interval" in out
    code, out, _ = run(
        capsys,
        "report",
        *paths,
        "--ci",
        "0.95",
        "--thresholds",
        "0.5",
        "--format",
        "csv",
    )
    header, first = list(csv.reader(io.StringIO(out)))[:2]
    assert header[2:5] == [
        "subset_accuracy",
        "subset_accuracy_low",
        "subset_accuracy_high",
    ]
    assert float(first[3]) == pytest.approx(expected["rows"][4]["subset_accuracy_low"])


def test_ci_says_what_is_unreliable_in_a_few_notes_of_its_own(capsys, tmp_path):
    rng = np.random.default_rng(0)
    y = (rng.random((500, 20)) < rng.uniform(0.02, 0.3, 20)).astype(np.int8)
    scores = np.clip(y * 0.4 + rng.random(y.shape) * 0.7, 0, 1)
    files = [_write(tmp_path, "y.npy", y), _write(tmp_path, "s.npy", scores)]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no raw warning reaches the user
        code, _, err = run(capsys, "report", *files, "--ci", "0.95", "--k", "1,3")
        assert code == 0
        code, _, tuned = run(
            capsys, "report", *files, "--ci", "0.95", "--tune", "macro-f1"
        )
        assert code == 0
    lines = err.splitlines()
    assert 1 <= len(lines) <= 6, err
    assert all(line.startswith("skmultimetrics report: note: ") for line in lines)
    assert "zero width" in err
    assert "method=" not in err + tuned and "Warning" not in err + tuned
    assert len(tuned.splitlines()) <= 10


@pytest.mark.parametrize("level", ["0", "1", "95", "abc", "-0.5"])
def test_bad_ci_is_a_one_line_error(capsys, files, level):
    code, _, err = run(capsys, "report", *files, "--ci", level)
    assert_one_line_error(code, err, "--ci", repr(level))


@pytest.mark.parametrize(
    ("name", "scoring", "beta", "average"),
    [
        ("macro-f2", "f2_macro", 2.0, "macro"),
        ("micro-f0.5", "f0.5_micro", 0.5, "micro"),
        ("weighted-f3", "f3_weighted", 3.0, "weighted"),
        ("f2_samples", "f2_samples", 2.0, "samples"),
    ],
)
@pytest.mark.parametrize("before", [False, True])
def test_tune_fbeta_names(capsys, data, files, name, scoring, beta, average, before):
    from sklearn.metrics import fbeta_score

    y, scores = data
    argv = ["--tune", name, *files] if before else [*files, "--tune", name]
    code, out, err = run(capsys, "report", *argv, "--format", "json")
    assert code == 0, err
    tuned = json.loads(out)["tuned"]
    assert tuned["scoring"] == scoring
    pred = (scores >= np.array(tuned["thresholds"])).astype(int)
    expected = fbeta_score(y, pred, beta=beta, average=average, zero_division=0)
    assert tuned["score"] == pytest.approx(expected)


def test_tune_fbeta_misspelt_is_an_error(capsys, files):
    code, _, err = run(capsys, "report", *files, "--tune", "macro-f2.0")
    assert_one_line_error(code, err, "--tune", "macro-f2.0")


@pytest.mark.parametrize("name", ["f0.5", "f2"])
def test_binary_f_beta_tune_name_is_refused_by_name(capsys, files, name):
    # "--tune f0.5" after the files: the name, not an unrecognised file
    code, _, err = run(capsys, "report", *files, "--tune", name)
    assert_one_line_error(code, err, repr(name))
    assert "unrecognized arguments" not in err
