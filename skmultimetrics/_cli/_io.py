"""Files for the command line: label and score matrices in, cut-offs in and out.

Every problem with a file raises :class:`CommandError` with one line that names
the file, for the command line to print as it is.
"""

import csv
import zipfile
from pathlib import Path

import numpy as np
import scipy.sparse as sp

from ._npy import check_npy_file, check_npz_members, load_sparse

FORMATS = (".npy", ".npz", ".csv")
# keys of a matrix written by scipy.sparse.save_npz
_SPARSE_KEYS = {"format", "shape", "data"}


class CommandError(Exception):
    """A file or option the command line cannot use: ends the command with
    ``PROG COMMAND: error: message`` (one line) and status 2."""

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


def _first_row(path):
    """The cells of a CSV's first line (a byte-order mark is no part of it)."""
    with open(path, newline="", encoding="utf-8-sig") as file:
        try:
            return next(csv.reader(file), None)
        except csv.Error as exc:
            raise CommandError(f"{path}: line 1 is not CSV ({exc}).") from None


def _header(path, first):
    """The names of a first row of names only; None for a row of numbers.

    A row mixing names and numbers is neither: a typo in the first data row,
    or a number among the names, so it is refused rather than guessed.
    """
    numbers = [_is_number(cell) for cell in first]
    if all(numbers):
        return None
    if any(numbers):
        column = numbers.index(False)
        cell = first[column].strip()
        what = "is empty" if not cell else f"is {cell!r}, not a number"
        raise CommandError(
            f"{path}: line 1 mixes numbers and text (column {column + 1} {what}); "
            "a header line holds only names, a data line only numbers."
        )
    names = [cell.strip() for cell in first]
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        raise CommandError(f"{path}: the header repeats the label names {repeated}.")
    return names


def _read_csv(path):
    """A CSV of numbers (UTF-8; a byte-order mark, as Excel writes, is skipped);
    a first line of names only is the header."""
    first = _first_row(path)
    if not first:
        raise CommandError(f"{path}: the file is empty.")
    names = _header(path, first)
    try:
        with open(path, encoding="utf-8-sig") as file:
            values = np.loadtxt(
                file, delimiter=",", skiprows=int(names is not None), ndmin=2
            )
    except ValueError as exc:
        raise CommandError(_first_unreadable(path, names is not None, exc)) from None
    if names is not None and values.size and len(names) != values.shape[1]:
        raise CommandError(
            f"{path}: the header has {len(names)} names but the rows have "
            f"{values.shape[1]} columns."
        )
    return values, names


def _first_unreadable(path, header, error):
    """Where a CSV that NumPy could not read goes wrong, counted as an editor
    counts: lines and columns from 1."""
    with open(path, newline="", encoding="utf-8-sig") as file:
        reader = csv.reader(file)
        try:
            for line, cells in enumerate(reader, start=1):
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
                            f"{path}: {_shown(cell)} at line {line}, column "
                            f"{column} is not a number."
                        )
        except csv.Error as exc:
            return f"{path}: line {reader.line_num} is not CSV ({exc})."
    return f"{path}: not a CSV of numbers ({error})."


def _shown(cell):
    """A cell for a message: quoted, cut to 40 characters."""
    cell = cell.strip()
    if len(cell) <= 40:
        return repr(cell)
    return f"{cell[:40]!r}... ({len(cell):,} characters)"


def _read_npz(path, name):
    with np.load(path, allow_pickle=False) as data:
        keys = list(data.files)
        if name is None and _SPARSE_KEYS <= set(keys):
            return load_sparse(path)
        if name is not None:
            if name not in keys:
                raise CommandError(
                    f"{path} has no array named {name!r}; it holds {keys}."
                )
            return data[name]
        if len(keys) != 1:
            raise CommandError(
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
        raise CommandError(
            f"{path}: unknown file type {suffix or '(no extension)'!r}; use "
            f"{', '.join(FORMATS)}."
        )
    if not path.is_file():
        raise CommandError(f"{path}: no such file.")
    names = None
    try:
        if suffix == ".csv":
            matrix, names = _read_csv(path)
        elif suffix == ".npz":
            check_npz_members(path)
            matrix = _read_npz(path, name)
        else:
            check_npy_file(path)
            matrix = np.load(path, allow_pickle=False)
    except CommandError:
        raise
    except (OSError, ValueError, zipfile.BadZipFile, UnicodeDecodeError) as exc:
        raise CommandError(f"{path}: cannot read it as {suffix} ({exc}).") from None
    except MemoryError:
        raise CommandError(f"{path}: too large to read into memory.") from None
    return _as_2d(matrix, path), names


def _as_2d(matrix, path):
    if not sp.issparse(matrix):
        matrix = np.asarray(matrix)
        if matrix.ndim == 1:
            matrix = matrix.reshape(-1, 1)
    if matrix.ndim != 2:
        raise CommandError(f"{path}: needs a 1-D or 2-D array; got {matrix.ndim}-D.")
    check_matrix(matrix, path)
    return matrix


def check_matrix(matrix, path):
    """Refuse a matrix (or rows of a file: ``dtype`` and ``shape``) of other
    values than numbers, or an empty one."""
    if matrix.dtype.kind not in "biuf":
        raise CommandError(f"{path}: holds {matrix.dtype} values, not numbers.")
    if 0 in matrix.shape:
        raise CommandError(f"{path}: the matrix is empty (shape {matrix.shape}).")


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
        # a bool byte other than 0 or 1 (a crafted file) would be True to some
        # operations and 2 to others: astype reads every nonzero byte as 1
        return matrix.astype(np.int8)
    data = matrix.data if sp.issparse(matrix) else matrix
    if data.dtype.kind in "iu" and (
        not data.size or (data.min() >= 0 and data.max() <= 1)
    ):
        return matrix if matrix.dtype == np.int8 else matrix.astype(np.int8)
    found = _first_bad(matrix, lambda v: (v != 0) & (v != 1))
    if found:
        row, col, value = found
        where = _position(spec, row + row_offset, col, header_lines)
        raise CommandError(
            f"{spec}: labels must be 0 or 1; found {value!r} at {where}."
        )
    return matrix.astype(np.int8)


def check_scores(matrix, spec, header_lines=0, row_offset=0):
    """Finite scores (``row_offset`` as in :func:`check_labels`); bool scores
    as int8 0/1 (every nonzero byte is 1, as for labels)."""
    if matrix.dtype == np.bool_:
        return matrix.astype(np.int8)
    data = matrix.data if sp.issparse(matrix) else matrix
    if data.dtype.kind != "f" or np.isfinite(data.sum()):
        return matrix  # NaN and infinity propagate through a sum
    found = _first_bad(matrix, lambda v: ~np.isfinite(v))
    if found:
        row, col, value = found
        where = _position(spec, row + row_offset, col, header_lines)
        raise CommandError(
            f"{spec}: scores must be finite numbers; found {value!r} at {where}."
        )
    return matrix
