"""NumPy files checked before they are read: ``.npy`` and ``.npz`` headers
against the bytes the file holds, scipy.sparse matrices for a valid structure.

A header is a promise: a crafted or truncated one claiming terabytes would
have NumPy allocate them (a ``MemoryError``) or read garbage, so the shape it
claims is compared with the bytes behind it first. Problems raise
``ValueError`` with a sentence that does not name the file (the caller does).
"""

import math
import os
import zipfile

import numpy as np
import scipy.sparse as sp


def read_npy_header(file):
    """``(shape, fortran_order, dtype)`` of an open ``.npy`` stream, which is
    left at the first byte of the data."""
    version = np.lib.format.read_magic(file)
    if version == (1, 0):
        return np.lib.format.read_array_header_1_0(file)
    return np.lib.format.read_array_header_2_0(file)


def check_data_size(shape, dtype, available):
    """The data of ``shape`` and ``dtype`` fit in ``available`` bytes."""
    if dtype.hasobject:
        return  # refused when read (allow_pickle=False)
    needed = math.prod(shape) * dtype.itemsize
    if needed > available:
        raise ValueError(
            f"its header claims an array of shape {tuple(shape)} and dtype "
            f"{dtype} ({needed:,} bytes) but only {available:,} bytes follow: "
            "truncated or corrupt"
        )


def check_npy_file(path):
    """``(shape, fortran_order, dtype, offset)`` of a ``.npy`` file that holds
    the bytes its header claims (its data start at byte ``offset``)."""
    with open(path, "rb") as file:
        shape, fortran_order, dtype = read_npy_header(file)
        offset = file.tell()
        check_data_size(shape, dtype, os.fstat(file.fileno()).st_size - offset)
    return shape, fortran_order, dtype, offset


def check_npz_members(path):
    """Every ``.npy`` member of a ``.npz`` holds the bytes its header claims."""
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            if not info.filename.endswith(".npy"):
                continue
            with archive.open(info) as member:
                try:
                    shape, _, dtype = read_npy_header(member)
                    check_data_size(shape, dtype, info.file_size - member.tell())
                except ValueError as exc:
                    raise ValueError(f"member {info.filename}: {exc}") from None


def load_sparse(path):
    """A ``scipy.sparse.save_npz`` matrix as a canonical ``csr_array``: the
    arrays it needs present, index pointers and indices in range, no entry
    stored twice."""
    try:
        matrix = sp.load_npz(path)
    except KeyError as exc:  # an array of the format is missing
        raise ValueError(
            f"holds 'format', 'shape' and 'data' like a scipy.sparse matrix but "
            f"not all its arrays ({exc.args[0] if exc.args else exc})"
        ) from None
    stored = matrix.nnz if matrix.format in ("csr", "csc", "coo") else None
    try:
        if matrix.format in ("csr", "csc"):
            matrix.check_format(full_check=True)
        matrix = sp.csr_array(matrix)
        matrix.check_format(full_check=True)
        matrix.sum_duplicates()  # and sorts the indices (a converted COO's too)
    except (ValueError, IndexError, TypeError) as exc:
        raise ValueError(f"not a valid scipy.sparse matrix ({exc})") from None
    if stored is not None and matrix.nnz != stored:
        raise ValueError(
            f"the sparse matrix stores {stored - matrix.nnz} entries twice (same "
            "row and column), whose value would be a guess; save it after "
            "sum_duplicates()"
        )
    return matrix
