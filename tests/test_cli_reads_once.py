"""``skmultimetrics report --tune`` and ``--plot`` reuse the rows the report
opened: each input file is read once (a ``.npy`` file memory-mapped, never
loaded whole), and the tuned cut-offs are those of the arrays in memory."""

import json

import numpy as np
import pytest

from skmultimetrics import optimize_thresholds
from skmultimetrics._cli import _io
from skmultimetrics._cli._main import main


@pytest.fixture
def inputs(tmp_path):
    rng = np.random.default_rng(3)
    y = (rng.random((90, 3)) < 0.4).astype(int)
    scores = np.round(np.clip(0.4 * y + 0.6 * rng.random((90, 3)), 0, 1), 3)
    return tmp_path, y, scores


def _tuned(capsys, *argv):
    assert main(["report", *map(str, argv), "--tune", "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)["tuned"]["thresholds"]


def test_tune_reads_each_csv_once(inputs, capsys, monkeypatch):
    tmp_path, y, scores = inputs
    np.savetxt(tmp_path / "y.csv", y, delimiter=",", fmt="%d")
    np.savetxt(tmp_path / "s.csv", scores, delimiter=",", fmt="%.3f")
    reads = []
    real = _io._read_csv
    monkeypatch.setattr(_io, "_read_csv", lambda path: reads.append(path) or real(path))
    tuned = _tuned(capsys, tmp_path / "y.csv", tmp_path / "s.csv")
    assert [p.name for p in reads] == ["y.csv", "s.csv"]
    expected = optimize_thresholds(y, scores, scoring="f1_macro").thresholds
    np.testing.assert_array_equal(tuned, expected)


def test_tune_never_loads_an_npy_file_whole(inputs, capsys, monkeypatch):
    tmp_path, y, scores = inputs
    np.save(tmp_path / "y.npy", y.astype(bool))  # bool labels: read as 0/1
    np.save(tmp_path / "s.npy", scores)

    def no_load(*args, **kwargs):
        raise AssertionError("np.load of a streamed .npy file")

    monkeypatch.setattr(_io.np, "load", no_load)
    tuned = _tuned(capsys, tmp_path / "y.npy", tmp_path / "s.npy")
    monkeypatch.undo()
    expected = optimize_thresholds(y, scores, scoring="f1_macro").thresholds
    np.testing.assert_array_equal(tuned, expected)
