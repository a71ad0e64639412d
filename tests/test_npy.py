"""NumPy files checked before they are read (_cli/_npy.py): .npz members listed by
name, named sparse matrices and one-dimensional arrays read."""

import numpy as np
import scipy.sparse as sp
import test_cli_main
from test_cli_main import assert_one_line_error, report_json, run

from skmultimetrics import (
    multilabel_report,
)

# the fixtures of test_cli_main.py
data = test_cli_main.data
files = test_cli_main.files


def test_npz_named_sparse_and_one_dimensional(capsys, tmp_path, data):
    y, scores = data
    np.savez(tmp_path / "both.npz", labels=y, proba=scores)
    np.savez(tmp_path / "one.npz", scores)
    sp.save_npz(tmp_path / "sparse.npz", sp.csr_matrix(y))
    expected = multilabel_report(y, scores, output_dict=True)
    for true, score in [
        (f"{tmp_path / 'both.npz'}:labels", f"{tmp_path / 'both.npz'}:proba"),
        (tmp_path / "sparse.npz", tmp_path / "one.npz"),
    ]:
        assert report_json(capsys, true, score)["report"] == expected
    np.save(tmp_path / "y0.npy", y[:, 0])
    np.save(tmp_path / "s0.npy", scores[:, 0])
    one = report_json(capsys, tmp_path / "y0.npy", tmp_path / "s0.npy")
    assert one["report"]["n_labels"] == 1
    assert one["at_k"] == []  # one label: nothing to rank
    assert one["report"] == multilabel_report(y[:, :1], scores[:, :1], output_dict=True)


def test_npz_with_several_arrays_lists_the_names(capsys, tmp_path, data, files):
    y, scores = data
    np.savez(tmp_path / "both.npz", labels=y, proba=scores)
    code, _, err = run(capsys, "report", tmp_path / "both.npz", files[1])
    assert_one_line_error(code, err, "'labels'", "'proba'", "both.npz:NAME")
    code, _, err = run(capsys, "report", f"{tmp_path / 'both.npz'}:y", files[1])
    assert_one_line_error(code, err, "no array named 'y'", "'labels'")
