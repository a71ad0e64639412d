"""The command line gives the library's warnings as lines of its own on
stderr (``skmultimetrics report: warning: ...``), not as Python warnings."""

import warnings

import numpy as np

from skmultimetrics._cli._main import main


def _files(tmp_path):
    rng = np.random.default_rng(0)
    y = (rng.random((120, 4)) < 0.3).astype(np.int8)
    y[:, 2] = 0  # a label without positives: ROC AUC and AP are undefined
    np.save(tmp_path / "y.npy", y)
    np.save(tmp_path / "s.npy", rng.random((120, 4)).astype(np.float32))
    return str(tmp_path / "y.npy"), str(tmp_path / "s.npy")


def test_curve_warnings_are_lines_of_the_command(tmp_path, capsys):
    true, scores = _files(tmp_path)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert main(["report", true, scores, "--curves"]) == 0
    assert caught == []
    err = capsys.readouterr().err.splitlines()
    lines = [line for line in err if line.startswith("skmultimetrics report: warning:")]
    assert any("Only one class is present in y_true" in line for line in lines)
    assert len(lines) == len(set(lines))  # each warning once


def test_no_warning_line_without_a_warning(tmp_path, capsys):
    true, scores = _files(tmp_path)
    assert main(["report", true, scores]) == 0
    assert "warning:" not in capsys.readouterr().err
