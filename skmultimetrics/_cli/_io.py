"""Files for the command line: label and score matrices in, cut-offs in and out.

Every problem with a file raises :class:`InputError` with one line that names
the file, for the command line to print as it is.
"""

import csv
import zipfile
from pathlib import Path

import numpy as np
import scipy.sparse as sp

FORMATS = (".npy", ".npz", ".csv")
# keys of a matrix written by scipy.sparse.save_npz
_SPARSE_KEYS = {"format", "shape", "data"}


class InputError(Exception):
    """A file or option the command line cannot use; the message is one line."""


class CommandError(Exception):
    """Ends a command with ``PROG COMMAND: error: message`` and status 2."""

    def __init__(self, message, prog="skmultimetrics report"):
        super().__init__(message)
        self.prog = prog


def split_spec(spec):
    """``"scores.npz:proba"`` -> ``(Path("scores.npz"), "proba")``."""
    head, sep, name = str(spec).rpartition(":")
    if sep and head.lower().endswith(".npz") and name:
        return Path(head), name
    return Path(spec), None


def _is_number(text):
    try:
        float(text)
    except ValueError:
        return False
    return True


def _read_csv(path):
    """A CSV of numbers; a first row that is not all numbers is the header."""
    with open(path, newline="") as file:
        first = next(csv.reader(file), None)
    if not first:
        raise InputError(f"{path}: the file is empty.")
    names = None
    if not all(_is_number(cell) for cell in first):
        names = [cell.strip() for cell in first]
    try:
        values = np.loadtxt(
            path, delimiter=",", skiprows=int(names is not None), ndmin=2
        )
    except ValueError as exc:
        raise InputError(_first_unreadable(path, names is not None, exc)) from None
    if names is not None and values.size and len(names) != values.shape[1]:
        raise InputError(
            f"{path}: the header has {len(names)} names but the rows have "
            f"{values.shape[1]} columns."
        )
    return values, names


def _first_unreadable(path, header, error):
    """Where a CSV that NumPy could not read goes wrong, counted as an editor
    counts: lines and columns from 1."""
    with open(path, newline="") as file:
        for line, cells in enumerate(csv.reader(file), start=1):
            if header and line == 1:
                continue
            for column, cell in enumerate(cells, start=1):
                if not cell.strip():
                    return (
                        f"{path}: missing value (NaN) at line {line}, column "
                        f"{column}: the cell is empty."
                    )
                if not _is_number(cell):
                    return (
                        f"{path}: {cell.strip()!r} at line {line}, column "
                        f"{column} is not a number."
                    )
    return f"{path}: not a CSV of numbers ({error})."


def _read_npz(path, name):
    with np.load(path, allow_pickle=False) as data:
        keys = list(data.files)
        if name is None and _SPARSE_KEYS <= set(keys):
            return sp.csr_array(sp.load_npz(path))
        if name is not None:
            if name not in keys:
                raise InputError(
                    f"{path} has no array named {name!r}; it holds {keys}."
                )
            return data[name]
        if len(keys) != 1:
            raise InputError(
                f"{path} holds {len(keys)} arrays {keys}; choose one as "
                f"{path}:NAME, e.g. {path}:{keys[0] if keys else 'y'}."
            )
        return data[keys[0]]


def read_matrix(spec):
    """Read a 2-D matrix (a 1-D array is one column) and its column names.

    Parameters
    ----------
    spec : str
        ``FILE.npy``, ``FILE.csv``, ``FILE.npz`` (a single array, or one named
        as ``FILE.npz:NAME``, or a scipy.sparse ``save_npz`` matrix).

    Returns
    -------
    matrix : ndarray or csr_array of shape (n_rows, n_columns)
    names : list of str or None
        The CSV header, if any.
    """
    path, name = split_spec(spec)
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise InputError(
            f"{path}: unknown file type {suffix or '(no extension)'!r}; use "
            f"{', '.join(FORMATS)}."
        )
    if not path.is_file():
        raise InputError(f"{path}: no such file.")
    names = None
    try:
        if suffix == ".csv":
            matrix, names = _read_csv(path)
        elif suffix == ".npz":
            matrix = _read_npz(path, name)
        else:
            matrix = np.load(path, allow_pickle=False)
    except InputError:
        raise
    except (OSError, ValueError, zipfile.BadZipFile, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read it as {suffix} ({exc}).") from None
    return _as_2d(matrix, path), names


def _as_2d(matrix, path):
    if not sp.issparse(matrix):
        matrix = np.asarray(matrix)
        if matrix.dtype.kind not in "biuf":
            raise InputError(f"{path}: holds {matrix.dtype} values, not numbers.")
        if matrix.ndim == 1:
            matrix = matrix.reshape(-1, 1)
    if matrix.ndim != 2:
        raise InputError(f"{path}: needs a 1-D or 2-D array; got {matrix.ndim}-D.")
    if 0 in matrix.shape:
        raise InputError(f"{path}: the matrix is empty (shape {matrix.shape}).")
    return matrix


def _first_bad(matrix, bad):
    """``(row, column, value)`` of the first cell where ``bad(values)`` holds."""
    if sp.issparse(matrix):
        coo = sp.coo_array(matrix)
        hits = np.flatnonzero(bad(coo.data))
        if not hits.size:
            return None
        i = hits[0]
        return int(coo.row[i]), int(coo.col[i]), coo.data[i].item()
    cells = np.argwhere(bad(matrix))
    if not cells.size:
        return None
    row, col = cells[0]
    return int(row), int(col), matrix[row, col].item()


def _position(spec, row, col, header_lines):
    """A cell as people find it: a CSV's line (header included) and column, an
    array's row and column, all counted from 1."""
    if str(spec).lower().endswith(".csv"):
        return f"line {row + 1 + header_lines}, column {col + 1}"
    return f"row {row + 1}, column {col + 1}"


def check_labels(matrix, spec, header_lines=0, row_offset=0):
    """0/1 labels, returned as int8 (sparse stays sparse); ``row_offset`` is the
    file row of the matrix's first row (a chunk's)."""
    if matrix.dtype == np.bool_:
        return matrix
    data = matrix.data if sp.issparse(matrix) else matrix
    if data.dtype.kind in "iu" and (
        not data.size or (data.min() >= 0 and data.max() <= 1)
    ):
        return matrix if matrix.dtype == np.int8 else matrix.astype(np.int8)
    found = _first_bad(matrix, lambda v: (v != 0) & (v != 1))
    if found:
        row, col, value = found
        where = _position(spec, row + row_offset, col, header_lines)
        raise InputError(f"{spec}: labels must be 0 or 1; found {value!r} at {where}.")
    return matrix.astype(np.int8)


def check_scores(matrix, spec, header_lines=0, row_offset=0):
    """Finite scores (``row_offset`` as in :func:`check_labels`)."""
    data = matrix.data if sp.issparse(matrix) else matrix
    if data.dtype.kind != "f" or np.isfinite(data.sum()):
        return matrix  # NaN and infinity propagate through a sum
    found = _first_bad(matrix, lambda v: ~np.isfinite(v))
    if found:
        row, col, value = found
        where = _position(spec, row + row_offset, col, header_lines)
        raise InputError(
            f"{spec}: scores must be finite numbers; found {value!r} at {where}."
        )
    return matrix
