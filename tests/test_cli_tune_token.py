"""``report --tune TOKEN``: TOKEN is an objective when the registry knows it
(binary names too, refused by name), else a file when it exists or has a
reader's suffix, else an objective, so that a misspelt name is named."""

import json

import numpy as np
import pytest

from skmultimetrics._cli._main import main


@pytest.fixture
def files(tmp_path):
    rng = np.random.default_rng(0)
    y = (rng.random((40, 3)) < 0.4).astype(int)
    np.save(tmp_path / "y.npy", y)
    np.savez(tmp_path / "s.npz", proba=np.round(rng.random((40, 3)), 3))
    return str(tmp_path / "y.npy"), str(tmp_path / "s.npz") + ":proba"


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("name", ["macro-f0.5", "f0.5_micro", "subset-accuracy"])
def test_a_known_name_before_the_files_is_the_objective(capsys, files, name):
    code, out, err = run(capsys, "report", "--tune", name, *files, "--format", "json")
    assert code == 0, err
    assert json.loads(out)["tuned"]["scoring"] != "f1_macro"


def test_a_file_spec_with_a_member_after_tune_is_a_file(capsys, files):
    truth, scores = files
    code, out, err = run(capsys, "report", truth, "--tune", scores, "--format", "json")
    assert code == 0, err
    assert json.loads(out)["tuned"]["scoring"] == "f1_macro"


@pytest.mark.parametrize("name", ["f0.5", "f2", "macro-f2.0", "macro-fl", "x.y.z"])
def test_a_binary_or_misspelt_name_before_the_files_is_named(capsys, files, name):
    code, _, err = run(capsys, "report", "--tune", name, *files)
    assert code == 2
    assert err.startswith("skmultimetrics report: error: --tune")
    assert repr(name) in err
    assert "unrecognized arguments" not in err


def test_an_existing_file_without_a_reader_suffix_is_a_file(
    capsys, monkeypatch, tmp_path, files
):
    # the error is about the file's type, not an unknown objective
    (tmp_path / "truth").write_text("1,0,1\n")
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "report", "--tune", "truth", files[1])
    assert code == 2
    assert "unknown file type" in err
    assert "--tune" not in err
