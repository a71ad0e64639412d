"""``skmultimetrics report`` in row chunks: memory-mapped .npy files, the same
numbers whatever the chunk size, errors that name the file row, the progress bar
and bounded memory."""

import builtins
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

from skmultimetrics import multilabel_report
from skmultimetrics._cli._chunks import Progress, open_rows
from skmultimetrics._cli._main import main


def report_json(capsys, *argv):
    code = main(["report", *map(str, argv), "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out), err


@pytest.fixture
def files(tmp_path):
    rng = np.random.default_rng(0)
    y = (rng.random((203, 6)) < 0.3).astype(np.int8)
    y[:4] = 0
    s = np.round(np.clip(0.35 * y + 0.65 * rng.random((203, 6)), 0, 1), 2)
    np.save(tmp_path / "y.npy", y)
    np.save(tmp_path / "s.npy", s.astype(np.float32))
    return tmp_path / "y.npy", tmp_path / "s.npy", y, s.astype(np.float32)


@pytest.mark.parametrize("chunk_rows", [1, 7, 64, 1000])
def test_chunked_report_equals_the_whole(capsys, files, chunk_rows):
    y_path, s_path, y, s = files
    result, _ = report_json(capsys, y_path, s_path, "--chunk-rows", chunk_rows)
    expected = multilabel_report(y, s, output_dict=True)
    rows = result["report"]["rows"]
    assert len(rows) == len(expected["rows"]) == 9
    for got, want in zip(rows, expected["rows"]):
        assert got == pytest.approx(want, rel=1e-12, abs=1e-12)
    whole, _ = report_json(capsys, y_path, s_path)
    for got, want in zip(result["at_k"], whole["at_k"]):
        assert got == pytest.approx(want, rel=1e-12)


def test_fortran_order_and_one_dimensional_files(capsys, tmp_path, files):
    _, _, y, s = files
    np.save(tmp_path / "yf.npy", np.asfortranarray(y))
    np.save(tmp_path / "y1.npy", y[:, 0])
    np.save(tmp_path / "s1.npy", s[:, 0])
    rows, _ = open_rows(str(tmp_path / "y1.npy"))
    assert rows.shape == (203, 1)
    assert np.array_equal(rows.rows(10, 20)[:, 0], y[10:20, 0])
    result, _ = report_json(capsys, tmp_path / "yf.npy", tmp_path / "s.npy")
    expected = multilabel_report(y, s, output_dict=True)
    assert result["report"]["rows"][4] == pytest.approx(expected["rows"][4])
    result, _ = report_json(
        capsys, tmp_path / "y1.npy", tmp_path / "s1.npy", "--chunk-rows", 50
    )
    expected = multilabel_report(y[:, 0], s[:, 0], output_dict=True)
    assert result["report"]["rows"][4] == pytest.approx(expected["rows"][4])


def test_errors_name_the_row_of_the_file(capsys, tmp_path, files):
    _, s_path, y, s = files
    bad = s.copy()
    bad[150, 2] = np.nan
    np.save(tmp_path / "bad.npy", bad)
    labels = y.copy()
    labels[77, 4] = 3
    np.save(tmp_path / "labels.npy", labels)
    y_path = tmp_path / "y.npy"
    code = main(["report", str(y_path), str(tmp_path / "bad.npy"), "--chunk-rows", "8"])
    err = capsys.readouterr().err
    assert code == 2 and "row 151, column 3" in err and "finite" in err
    code = main(["report", str(tmp_path / "labels.npy"), str(s_path), "--chunk-rows=8"])
    err = capsys.readouterr().err
    assert code == 2 and "row 78, column 5" in err and "0 or 1" in err
    for value in ("0", "-3", "x"):
        code = main(["report", str(y_path), str(s_path), "--chunk-rows", value])
        err = capsys.readouterr().err
        assert code == 2 and "--chunk-rows" in err and "positive integer" in err


def test_progress_line_without_tqdm(capsys, monkeypatch):
    real_import = builtins.__import__

    def no_tqdm(name, *args, **kwargs):
        if name == "tqdm":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_tqdm)
    progress = Progress(1000, enabled=True)
    for _ in range(4):
        progress.update(250)
    progress.close()
    err = capsys.readouterr().err
    assert "100.0% (1,000 of 1,000 rows)" in err
    assert err.endswith("\n")
    quiet = Progress(1000, enabled=False)
    quiet.update(1000)
    quiet.close()
    assert capsys.readouterr().err == ""


def test_no_progress_when_stderr_is_not_a_terminal(capsys, files):
    y_path, s_path, _, _ = files
    _, err = report_json(capsys, y_path, s_path, "--chunk-rows", 5)
    assert err == ""


def _peak_kb():
    """This process's peak resident memory (VmHWM: unlike ru_maxrss, not
    inherited from the process that forked it)."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    raise OSError("no VmHWM")


@pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="reads /proc/self/status"
)
def test_memory_stays_near_one_chunk(tmp_path):
    """A 191 MB pair of files, in 20,000-row chunks, in a child process: the peak
    resident memory grows by far less than the files' size (without releasing
    each chunk's pages it grows by all of it)."""
    rng = np.random.default_rng(0)
    n, n_labels = 800_000, 50
    np.save(tmp_path / "y.npy", (rng.random((n, n_labels)) < 0.1).astype(np.int8))
    np.save(tmp_path / "s.npy", rng.random((n, n_labels), dtype=np.float32))
    script = textwrap.dedent(
        f"""
        import sys
        from skmultimetrics._cli._main import main
        from test_chunks import _peak_kb
        before = _peak_kb()
        code = main(["report", r"{tmp_path / "y.npy"}", r"{tmp_path / "s.npy"}",
                     "--chunk-rows", "20000", "--k", "1", "--quiet"])
        print(code, before, _peak_kb(), file=sys.stderr)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).parent,
    )
    code, before, after = map(int, result.stderr.split()[-3:])
    assert code == 0
    files_mb = n * n_labels * 5 / 2**20
    growth_mb = (after - before) / 1024
    assert growth_mb < files_mb / 3, (growth_mb, files_mb)


def test_truncated_file_names_the_file(capsys, tmp_path, files):
    y_path, s_path, _, _ = files
    data = s_path.read_bytes()
    (tmp_path / "cut.npy").write_bytes(data[: len(data) // 2])
    code = main(["report", str(y_path), str(tmp_path / "cut.npy")])
    err = capsys.readouterr().err
    assert code == 2 and "cut.npy" in err and "truncated" in err
