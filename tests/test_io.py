"""The command line on awkward and malformed files: the right numbers or one
error line naming the file (issue 20, "no silent wrong numbers")."""

import json
import zipfile

import numpy as np
import pytest
import scipy.sparse as sp

from skmultimetrics import multilabel_report, precision_at_k_score
from skmultimetrics._cli._main import main

Y = np.array([[1, 0, 1], [0, 1, 0], [1, 1, 0], [0, 0, 1], [1, 0, 0], [0, 1, 1]])
S = np.array(
    [
        [0.9, 0.2, 0.6],
        [0.3, 0.8, 0.1],
        [0.7, 0.4, 0.3],
        [0.2, 0.1, 0.9],
        [0.6, 0.5, 0.2],
        [0.1, 0.7, 0.4],
    ]
)


def run(capsys, *argv):
    code = main(["report", *(str(a) for a in argv)])
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_line_error(code, err, *fragments):
    assert code == 2, err
    assert err.startswith("skmultimetrics report: error: "), err
    assert err.count("\n") == 1, err
    assert "Traceback" not in err
    for fragment in fragments:
        assert fragment in err, err


def report_json(capsys, *argv):
    code, out, err = run(capsys, *argv, "--format", "json")
    assert code == 0, err
    return json.loads(out)


def write_csv(path, rows, header=None, encoding="utf-8"):
    lines = [",".join(header)] if header else []
    lines += [",".join(repr(v) for v in row) for row in np.asarray(rows).tolist()]
    path.write_text("\n".join(lines) + "\n", encoding=encoding)
    return path


@pytest.fixture
def npy(tmp_path):
    np.save(tmp_path / "y.npy", Y)
    np.save(tmp_path / "s.npy", S)
    return tmp_path / "y.npy", tmp_path / "s.npy"


# -- CSV: byte-order mark and the first line -------------------------------------


def test_headerless_csv_with_a_byte_order_mark_keeps_its_first_row(capsys, tmp_path):
    y_path = write_csv(tmp_path / "y.csv", Y, encoding="utf-8-sig")  # Excel's
    s_path = write_csv(tmp_path / "s.csv", S, encoding="utf-8-sig")
    assert y_path.read_bytes()[:3] == b"\xef\xbb\xbf"
    result = report_json(capsys, y_path, s_path, "--thresholds", "0.5")
    assert result["report"] == multilabel_report(Y, S, thresholds=0.5, output_dict=True)


def test_header_with_a_byte_order_mark_gives_clean_names(capsys, tmp_path):
    y_path = write_csv(tmp_path / "y.csv", Y, ["a", "b", "c"], encoding="utf-8-sig")
    s_path = write_csv(tmp_path / "s.csv", S, ["a", "b", "c"])
    result = report_json(capsys, y_path, s_path, "--thresholds", "0.5")
    assert list(result["report"]["labels"]) == ["a", "b", "c"]


@pytest.mark.parametrize(
    ("first", "fragment"),
    [
        ("0.9,0..2,0.6", "column 2 is '0..2', not a number"),
        ("0.9,,0.6", "column 2 is empty"),
    ],
)
def test_a_typo_in_the_first_line_is_named_not_read_as_a_header(
    capsys, tmp_path, npy, first, fragment
):
    path = write_csv(tmp_path / "s.csv", S)
    lines = path.read_text().splitlines()
    path.write_text("\n".join([first, *lines[1:]]) + "\n")
    code, _, err = run(capsys, npy[0], path)
    assert_one_line_error(code, err, "s.csv", "line 1 mixes numbers and text", fragment)
    assert "rows" not in err


def test_row_count_mismatch_says_a_first_line_was_read_as_a_header(
    capsys, tmp_path, npy
):
    path = write_csv(tmp_path / "s.csv", S[1:], ["o.9", "O.2", "0.6x"])  # typos
    np.save(tmp_path / "y6.npy", Y[1:].repeat(2, axis=0)[:6])
    code, _, err = run(capsys, tmp_path / "y6.npy", path)
    assert_one_line_error(code, err, "s.csv is read as a header: ['o.9', 'O.2'")


def test_headers_of_true_and_scores_must_agree(capsys, tmp_path):
    y_path = write_csv(tmp_path / "y.csv", Y, ["a", "b", "c"])
    s_path = write_csv(tmp_path / "s.csv", S[:, [1, 0, 2]], ["b", "a", "c"])
    code, _, err = run(capsys, y_path, s_path)
    assert_one_line_error(code, err, "y.csv", "s.csv", "differ")


# -- --thresholds-file: label names ------------------------------------------------


def test_thresholds_file_cut_offs_go_to_the_labels_of_their_names(capsys, tmp_path):
    cut = {"a": 0.5, "b": 0.75, "c": 0.35}
    (tmp_path / "cut.json").write_text(
        json.dumps({"labels": list(cut), "thresholds": list(cut.values())})
    )
    order = [2, 0, 1]  # the input's columns: c, a, b
    names = [["a", "b", "c"][j] for j in order]
    y_path = write_csv(tmp_path / "y.csv", Y[:, order], names)
    s_path = write_csv(tmp_path / "s.csv", S[:, order], names)
    result = report_json(
        capsys, y_path, s_path, "--thresholds-file", tmp_path / "cut.json"
    )
    expected = multilabel_report(
        Y[:, order],
        S[:, order],
        thresholds=[[cut[name] for name in names]],
        target_names=names,
        output_dict=True,
    )
    assert result["report"] == expected
    assert [v["threshold"] for v in result["report"]["labels"].values()] == [
        0.35,
        0.5,
        0.75,
    ]


def test_thresholds_file_names_that_do_not_match_are_refused(capsys, tmp_path):
    (tmp_path / "cut.json").write_text(
        json.dumps({"labels": ["a", "b", "x"], "thresholds": [0.5, 0.5, 0.5]})
    )
    y_path = write_csv(tmp_path / "y.csv", Y, ["a", "b", "c"])
    s_path = write_csv(tmp_path / "s.csv", S, ["a", "b", "c"])
    code, _, err = run(
        capsys, y_path, s_path, "--thresholds-file", tmp_path / "cut.json"
    )
    assert_one_line_error(code, err, "cut.json", "no cut-off for ['c']", "['x']")


def test_thresholds_file_names_without_input_names_apply_by_position(
    capsys, tmp_path, npy
):
    (tmp_path / "cut.json").write_text(
        json.dumps({"labels": ["c", "a", "b"], "thresholds": [0.3, 0.5, 0.7]})
    )
    code, out, err = run(
        capsys, *npy, "--thresholds-file", tmp_path / "cut.json", "--format", "json"
    )
    assert code == 0
    assert "cut-offs apply by position" in err
    expected = multilabel_report(Y, S, thresholds=[[0.3, 0.5, 0.7]], output_dict=True)
    assert json.loads(out)["report"] == expected


def test_tuned_file_of_unnamed_input_stores_no_names(capsys, tmp_path, npy):
    path = tmp_path / "cut.json"
    code, _, _ = run(capsys, *npy, "--tune", "--output", path)
    assert code == 0
    assert json.loads(path.read_text())["labels"] is None


# -- --output and --plot never overwrite an input ----------------------------------


@pytest.mark.parametrize("option", ["--output", "--plot"])
@pytest.mark.parametrize("which", [0, 1])
def test_output_that_is_an_input_is_refused(capsys, tmp_path, npy, option, which):
    before = [p.read_bytes() for p in npy]
    target = tmp_path / "sub" / ".." / npy[which].name  # another spelling
    (tmp_path / "sub").mkdir()
    code, out, err = run(capsys, *npy, option, target)
    assert_one_line_error(code, err, option, npy[which].name, "overwrite the input")
    assert out == ""
    assert [p.read_bytes() for p in npy] == before


def test_tuned_output_that_is_the_thresholds_file_is_refused(capsys, tmp_path, npy):
    path = tmp_path / "cut.txt"
    path.write_text("0.5\n0.5\n0.5\n")
    code, _, err = run(capsys, *npy, "--thresholds-file", path, "--output", path)
    assert_one_line_error(code, err, "--output", "cut.txt")
    assert path.read_text() == "0.5\n0.5\n0.5\n"


# -- bool arrays whose bytes are not 0/1 ---------------------------------------------


def test_bool_labels_with_other_bytes_count_once(capsys, tmp_path, npy):
    raw = Y.astype(np.uint8)
    raw[raw == 1] = [2, 1, 255, 1, 7, 1, 1, 3, 1][: int(Y.sum())]
    crafted = np.frombuffer(raw.tobytes(), dtype=np.bool_).reshape(Y.shape)
    np.save(tmp_path / "yb.npy", crafted)
    result = report_json(capsys, tmp_path / "yb.npy", npy[1], "--thresholds", "0.5")
    assert result["report"] == multilabel_report(Y, S, thresholds=0.5, output_dict=True)
    for row in result["at_k"]:  # recall@k: positives counted as 1 each
        k = row["k"]
        top = np.argsort(-S, axis=1)[:, :k]
        hits = np.take_along_axis(Y, top, axis=1).sum(axis=1)
        assert row["recall"] == pytest.approx(np.mean(hits / Y.sum(axis=1)))


# -- sparse scores: @k of a missing score --------------------------------------------


def test_sparse_scores_say_a_missing_score_is_unranked(capsys, tmp_path, npy):
    zeroed = np.where(S < 0.35, 0.0, S)
    zeroed[0] = [0.9, 0.0, 0.0]  # a positive scored 0: ranked when dense only
    np.save(tmp_path / "dense.npy", zeroed)
    sp.save_npz(tmp_path / "sparse.npz", sp.csr_array(zeroed))
    code, dense, _ = run(capsys, npy[0], tmp_path / "dense.npy", "--k", "2")
    assert code == 0 and "unranked" not in dense
    code, text, _ = run(capsys, npy[0], tmp_path / "sparse.npz", "--k", "2")
    assert code == 0
    flat = " ".join(text.split())
    assert "sparse.npz is sparse" in flat and "unranked" in flat
    result = report_json(capsys, npy[0], tmp_path / "sparse.npz", "--k", "2")
    assert result["at_k"][0]["precision"] == pytest.approx(
        precision_at_k_score(Y, sp.csr_array(zeroed), k=2)
    )
    assert result["at_k"][0]["precision"] != pytest.approx(
        precision_at_k_score(Y, zeroed, k=2)
    )  # the two numbers differ, and the report says why
    assert "unranked" in result["notes"][0]
    cut_offs = ("--thresholds=-0.1,0,0.5",)  # a missing score is 0 for these
    on_dense = report_json(capsys, npy[0], tmp_path / "dense.npy", *cut_offs)
    on_sparse = report_json(capsys, npy[0], tmp_path / "sparse.npz", *cut_offs)
    assert on_sparse["report"] == on_dense["report"]


def test_errors_past_the_file_checks_name_the_files_not_internals(
    capsys, monkeypatch, npy
):
    from skmultimetrics._cli import _main

    def fails(*args, **kwargs):
        raise ValueError("The 'y_score' parameter of MetricAccumulator.update is bad.")

    monkeypatch.setattr(_main, "streamed_report", fails)
    code, _, err = run(capsys, *npy)
    assert_one_line_error(code, err, str(npy[0]), str(npy[1]), "skmultimetrics report")
    assert "MetricAccumulator" not in err


# -- malformed files: exit 2 and one line naming the file ---------------------------


def _npy_header(shape, fortran=False):
    text = f"{{'descr': '<f8', 'fortran_order': {fortran}, 'shape': {shape!r}, }}"
    header = text.encode("latin1")
    header += b" " * (63 - (10 + len(header)) % 64) + b"\n"
    return b"\x93NUMPY\x01\x00" + len(header).to_bytes(2, "little") + header


def _sparse_missing_arrays(path):
    np.savez(path, format=np.array("csr"), shape=np.array([6, 3]), data=np.ones(3))


def _sparse_bad_indptr(path):
    m = sp.csr_array(S)
    indptr = np.array([0, 5, 1, 2, 8, 12, 18])
    np.savez(
        path,
        format=np.array("csr"),
        shape=np.array(S.shape),
        data=m.data,
        indices=m.indices,
        indptr=indptr,
    )


def _sparse_bad_indices(path):
    m = sp.csr_array(S)
    indices = m.indices.copy()
    indices[4] = 7
    np.savez(
        path,
        format=np.array("csr"),
        shape=np.array(S.shape),
        data=m.data,
        indices=indices,
        indptr=m.indptr,
    )


def _sparse_duplicates(path):
    coo = sp.coo_array(S)
    rows, cols = np.append(coo.row, 0), np.append(coo.col, 0)
    sp.save_npz(
        path, sp.coo_array((np.append(coo.data, 0.1), (rows, cols)), shape=S.shape)
    )


def _sparse_complex(path):
    sp.save_npz(path, sp.csr_array(S.astype(complex)))


def _npz_petabytes(path):
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("s.npy", _npy_header((10**14, 20)) + bytes(64))


def _fortran_terabytes(path):
    path.write_bytes(_npy_header((10**6, 10**6), fortran=True) + bytes(64))


def _csv_long_field(path):
    path.write_text("0.5," + "1" * 140_000 + ",0.2\n" + "0.1,0.2,0.3\n" * 5)


@pytest.mark.parametrize(
    ("name", "write", "fragment"),
    [
        ("s.npz", _sparse_missing_arrays, "indices"),
        ("s.npz", _sparse_bad_indptr, "indptr"),
        ("s.npz", _sparse_bad_indices, "indices"),
        ("s.npz", _sparse_duplicates, "twice"),
        ("s.npz", _sparse_complex, "complex"),
        ("s.npz", _npz_petabytes, "truncated or corrupt"),
        ("s.npy", _fortran_terabytes, "truncated or corrupt"),
        ("s.csv", _csv_long_field, "field larger than field limit"),
    ],
)
def test_malformed_scores_file_is_one_line(
    capsys, tmp_path, npy, name, write, fragment
):
    path = tmp_path / "bad" / name
    path.parent.mkdir()
    write(path)
    code, _, err = run(capsys, npy[0], path)
    assert_one_line_error(code, err, str(path), fragment)
    assert "MetricAccumulator" not in err


def test_deeply_nested_thresholds_json_is_one_line(capsys, tmp_path, npy):
    path = tmp_path / "cut.json"
    path.write_text("[" * 100_000 + "]" * 100_000)
    code, _, err = run(capsys, *npy, "--thresholds-file", path)
    assert_one_line_error(code, err, str(path), "nested too deeply")


@pytest.mark.parametrize("value", ["true", '"0.5"', "null", "NaN"])
def test_thresholds_json_refuses_what_is_not_a_cut_off(capsys, tmp_path, npy, value):
    path = tmp_path / "cut.json"
    path.write_text(f"[0.5, {value}, 0.5]")
    code, _, err = run(capsys, *npy, "--thresholds-file", path)
    assert_one_line_error(code, err, str(path), "cut-off 2")


# -- infinite cut-offs: the notes and strict JSON ------------------------------------


def _strict_loads(text):
    def refuse(token):
        raise AssertionError(f"not strict JSON: {token}")

    return json.loads(text, parse_constant=refuse)


def test_infinite_cut_offs_are_strings_in_strict_json_and_read_back(
    capsys, tmp_path, npy
):
    path = tmp_path / "cut.json"
    path.write_text(json.dumps({"thresholds": [0.5, "inf", "-inf"]}))
    code, out, _ = run(capsys, *npy, "--thresholds-file", path, "--format", "json")
    assert code == 0
    result = _strict_loads(out)
    cut_offs = [v["threshold"] for v in result["report"]["labels"].values()]
    assert cut_offs == [0.5, "inf", "-inf"]
    expected = multilabel_report(
        Y, S, thresholds=[[0.5, np.inf, -np.inf]], output_dict=True
    )
    assert result["report"]["rows"][0]["f1_macro"] == expected["rows"][0]["f1_macro"]
    assert result["report"]["rows"][0]["predicted_positive_share"] == pytest.approx(
        (np.sum(S[:, 0] >= 0.5) + len(S)) / S.size
    )


def test_tuned_infinite_cut_offs_round_trip_as_strings(capsys, tmp_path):
    y = Y.copy()
    y[:, 2] = 0  # no positive: optimize_thresholds gives inf
    np.save(tmp_path / "y.npy", y)
    np.save(tmp_path / "s.npy", S)
    path = tmp_path / "cut.json"
    code, _, _ = run(
        capsys, tmp_path / "y.npy", tmp_path / "s.npy", "--tune", "--output", path
    )
    assert code == 0
    written = _strict_loads(path.read_text())
    assert written["thresholds"][2] == "inf"
    result = report_json(
        capsys, tmp_path / "y.npy", tmp_path / "s.npy", "--thresholds-file", path
    )
    assert list(result["report"]["labels"].values())[2]["threshold"] == "inf"


def test_text_notes_for_infinite_cut_offs(capsys, tmp_path, npy):
    path = tmp_path / "cut.txt"
    path.write_text("0.5\ninf\n-inf\n")
    code, out, _ = run(capsys, *npy, "--thresholds-file", path)
    assert code == 0
    assert "cut-off inf: the label is never predicted (no score reaches it)" in out
    assert "cut-off -inf: the label is always predicted (every score reaches it)" in out
    assert "ThresholdOptimizer" not in out  # no guess at where the cut-off came from


def test_thresholds_file_with_a_nan_names_it(tmp_path, capsys):
    np.save(tmp_path / "y.npy", np.array([[1, 0, 1], [0, 1, 0]]))
    np.save(tmp_path / "s.npy", np.array([[0.9, 0.2, 0.4], [0.3, 0.8, 0.1]]))
    (tmp_path / "t.txt").write_text("0.1\nnan\n0.9\n")
    code = main(
        [
            "report",
            str(tmp_path / "y.npy"),
            str(tmp_path / "s.npy"),
            "--thresholds-file",
            str(tmp_path / "t.txt"),
        ]
    )
    err = capsys.readouterr().err
    assert code == 2
    assert "cut-off 2 is NaN" in err
    (tmp_path / "t.txt").write_text("0.1\n0.9\n")
    code = main(
        [
            "report",
            str(tmp_path / "y.npy"),
            str(tmp_path / "s.npy"),
            "--thresholds-file",
            str(tmp_path / "t.txt"),
        ]
    )
    err = capsys.readouterr().err
    assert code == 2 and "one cut-off per label (3); got 2 values" in err
    assert "NaN" not in err
