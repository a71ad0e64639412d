"""Per-unit statistics whose weighted sums give a metric, and their resamples.

A :class:`Stats` holds named columns of per-unit statistics, each a matrix of
shape (k, n_units) (k labels, or 1): per-label true-positive and
predicted/true-positive indicators, or a per-sample value and its weight. A
metric is a formula of the columns' sums, homogeneous of degree 0 (ratios of
sums), so it is the same function of the sums and of the means:

- a bootstrap resample with unit weights ``W[b]`` has the sums ``W @ column.T``,
  all resamples of a block in one matrix product per column;
- the leave-one-unit-out sums of the jackknife are ``total - column[:, u]``;
- the delta method's influence of unit ``u`` is ``grad . column[:, u]``.
"""

import os
import threading
from contextlib import contextmanager
from functools import cache

import numpy as np
import scipy.sparse as sp
from threadpoolctl import ThreadpoolController

# Units per chunk of the jackknife: a (chunk, k) block of sums at a time.
_JACKKNIFE_CELLS = 1 << 21


class Stats:
    """Named per-unit statistics: ``columns[name]`` of shape (k, n_units).

    Dense columns are float32 when every sum is an exact float32 integer
    (unweighted counts of fewer than 2**21 samples), float64 otherwise; sparse
    columns are CSR arrays.
    """

    def __init__(self, columns):
        self.columns = columns
        first = next(iter(columns.values()))
        self.n_units = first.shape[1]
        self.totals = {
            name: np.asarray(col.sum(axis=1), dtype=np.float64).ravel()
            for name, col in columns.items()
        }
        self._last = (None, None)

    def sums(self, weights):
        """``{name: (b, k) sums}`` of the resamples of unit ``weights`` (b, n)."""
        key, cached = self._last
        if key is weights:
            return cached
        result = weighted_sums(self.columns, weights)
        self._last = (weights, result)
        return result

    def leave_out(self, units):
        """The sums without each one of ``units``: ``{name: (len(units), k)}``."""
        result = {}
        for name, col in self.columns.items():
            block = col[:, units]
            block = block.toarray() if sp.issparse(block) else block
            result[name] = self.totals[name][np.newaxis, :] - block.T
        return result

    def leave_out_chunks(self):
        """Yield leave-one-out sums of every unit, chunk by chunk."""
        width = sum(col.shape[0] for col in self.columns.values())
        step = max(1, _JACKKNIFE_CELLS // max(width, 1))
        for start in range(0, self.n_units, step):
            yield self.leave_out(slice(start, min(start + step, self.n_units)))

    def project(self, gradient):
        """``sum over columns of gradient[name] . column[:, u]`` for every unit."""
        z = np.zeros(self.n_units)
        for name, g in gradient.items():
            col = self.columns[name]
            g = np.asarray(g, dtype=np.float64)
            if sp.issparse(col):
                z += np.asarray(col.T @ g, dtype=np.float64).ravel()
                continue
            step = max(1, _JACKKNIFE_CELLS // max(col.shape[0], 1))
            for start in range(0, self.n_units, step):  # in float64, by chunks
                block = col[:, start : start + step].astype(np.float64)
                z[start : start + step] += block.T @ g
        return z

    def swapped(self, other, flips):
        """Sums of the two sides when ``flips`` (b, n_units; 0/1) swaps the units'
        statistics of ``self`` and ``other`` (the paired permutation)."""
        diffs = {name: other.columns[name] - col for name, col in self.columns.items()}
        moved = weighted_sums(diffs, flips)
        mine = {name: self.totals[name] + m for name, m in moved.items()}
        theirs = {name: other.totals[name] - m for name, m in moved.items()}
        return mine, theirs


class LazyStats(Stats):
    """:class:`Stats` whose per-unit columns are built only when a method needs
    them (the bootstrap, the jackknife, a swap).

    ``totals`` and ``n_units`` are given; ``build()`` returns the columns;
    ``project(gradient)`` computes the delta method's influences straight from
    the inputs, in one pass, without the (k, n_units) columns.
    """

    def __init__(self, totals, n_units, build, project):
        self.totals = totals
        self.n_units = n_units
        self._build, self._project = build, project
        self._columns = None
        self._last = (None, None)

    @property
    def columns(self):
        if self._columns is None:
            self._columns = self._build()
        return self._columns

    def project(self, gradient):
        return self._project(gradient)


@cache
def _blas():
    return ThreadpoolController()  # finds the BLAS libraries once


_BLAS_LOCK = threading.Lock()
_BLAS_USERS = {"count": 0, "limits": None}


def _idle_cores():
    """The cores that the 1-minute load average leaves idle (at least 1); all
    of them where the system does not give it."""
    cores = os.cpu_count() or 1
    try:
        return max(1, cores - int(os.getloadavg()[0]))
    except (AttributeError, OSError):
        return cores


@contextmanager
def idle_blas_threads():
    """BLAS on at most the idle cores inside (restored when the last thread
    leaves). The resamples' products use BLAS threads well on idle cores (0.68 s
    against 0.90 s on one thread for 1,000 resamples of macro F1 on 100,000 x
    100, 2 cores), but a thread that waits for a busy core holds up the others:
    with one other busy process on 2 cores, 1.31 s against 0.35 s on one thread.
    """
    with _BLAS_LOCK:
        idle = _idle_cores()
        if _BLAS_USERS["count"] == 0 and idle < (os.cpu_count() or 1):
            _BLAS_USERS["limits"] = _blas().limit(limits=idle, user_api="blas")
        _BLAS_USERS["count"] += 1
    try:
        yield
    finally:
        with _BLAS_LOCK:
            _BLAS_USERS["count"] -= 1
            limits = _BLAS_USERS["limits"]
            if _BLAS_USERS["count"] == 0 and limits is not None:
                limits.restore_original_limits()
                _BLAS_USERS["limits"] = None


def weighted_sums(columns, weights):
    """``{name: (b, k) sums}`` of per-unit ``columns`` (k, n) under the unit
    ``weights`` (b, n): one matrix product per column."""
    result = {}
    with idle_blas_threads():
        for name, col in columns.items():
            w = weights if col.dtype == weights.dtype else weights.astype(col.dtype)
            result[name] = np.asarray(col @ w.T, dtype=np.float64).T
    return result


def exact_dtype(n_samples, weighted):
    """float32 when the sums are exact float32 integers, float64 otherwise."""
    return np.float64 if weighted or n_samples * 8 >= 1 << 24 else np.float32


def unit_columns(values, units, dtype):
    """Per-sample rows (n_samples, k) -> per-unit columns (k, n_units) in ``dtype``."""
    values = np.asarray(values)
    if values.ndim == 1:
        values = values[:, np.newaxis]
    if units.index is not None:
        values = units.aggregate(values)
    return np.ascontiguousarray(values.T, dtype=dtype)


def unit_sparse_columns(matrix, units, dtype):
    """A sparse (n_samples, k) matrix -> CSR columns (k, n_units) in ``dtype``."""
    return sp.csr_array(units.aggregate(sp.csr_array(matrix, dtype=dtype)).T)
