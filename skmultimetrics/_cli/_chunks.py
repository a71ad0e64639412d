"""Row chunks of the command line's input files, and a progress bar.

A ``.npy`` file is memory-mapped and read one chunk of rows at a time; the
pages of a chunk are handed back to the operating system once it is counted,
so resident memory stays near one chunk whatever the file's size. Other files
(``.csv``, ``.npz``) are read whole, then walked in the same chunks.
"""

import math
import mmap
import sys
import time
from operator import add

import numpy as np

from .._report._intervals import N_RESAMPLES, RANDOM_STATE, ReportIntervals
from .._report._rows import ReportCounts, report_counts
from .._report._table import (
    check_target_names,
    check_threshold_sets,
    report_from_counts,
)
from .._stream._accumulator import MetricAccumulator
from ._io import (
    CommandError,
    check_labels,
    check_matrix,
    check_scores,
    read_matrix,
    split_spec,
)
from ._npy import check_npy_file
from ._output import interval_warnings

AT_K = ("precision", "recall", "ndcg")
CURVES = (
    "roc_auc_macro",
    "roc_auc_micro",
    "average_precision_macro",
    "average_precision_micro",
)

# Rows per chunk hold about this many cells (64 MB of float32 scores).
CHUNK_CELLS = 1 << 24


class _NotStreamable(Exception):
    """A ``.npy`` file whose rows are not contiguous: read whole instead."""


class _NpyRows:
    """A C-ordered 2-D ``.npy`` array, read through a memory map."""

    def __init__(self, path):
        shape, fortran_order, self.dtype, self._offset = check_npy_file(path)
        if self.dtype.hasobject or fortran_order or len(shape) not in (1, 2):
            raise _NotStreamable
        self.shape = shape if len(shape) == 2 else (shape[0], 1)
        if math.prod(self.shape) * self.dtype.itemsize:  # else refused as empty
            with open(path, "rb") as file:
                self._map = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)

    def rows(self, start, stop):
        width = self.shape[1] * self.dtype.itemsize
        return np.frombuffer(
            self._map,
            dtype=self.dtype,
            count=(stop - start) * self.shape[1],
            offset=self._offset + start * width,
        ).reshape(stop - start, self.shape[1])

    def release(self, start, stop):
        """Drop the pages of rows ``start:stop`` from this process's memory."""
        width = self.shape[1] * self.dtype.itemsize
        first = self._offset + start * width
        last = self._offset + stop * width
        first -= first % mmap.PAGESIZE
        if hasattr(mmap, "MADV_DONTNEED") and last > first:
            self._map.madvise(mmap.MADV_DONTNEED, first, last - first)


class _InMemoryRows:
    def __init__(self, matrix):
        self.matrix = matrix
        self.shape = matrix.shape

    def rows(self, start, stop):
        return self.matrix[start:stop]

    def release(self, start, stop):
        pass


def open_rows(spec):
    """``(rows, names)``: an object with ``shape``, ``rows(start, stop)`` and
    ``release(start, stop)``, and the CSV header's column names (or None)."""
    path, rows = split_spec(spec)[0], None
    if path.suffix.lower() == ".npy" and path.is_file():
        try:
            rows = _NpyRows(path)
        except _NotStreamable:
            rows = None  # Fortran order, 3-D, objects: read_matrix says what to
        except (OSError, ValueError) as exc:
            raise CommandError(f"{path}: cannot read it as .npy ({exc}).") from None
    if rows is not None:
        check_matrix(rows, path)
        return rows, None
    matrix, names = read_matrix(spec)
    return _InMemoryRows(matrix), names


class Progress:
    """Rows done, on stderr: tqdm's bar when it is installed (the ``progress``
    extra), else one line rewritten in place. Silent when ``enabled`` is False."""

    def __init__(self, total, enabled, desc="skmultimetrics report"):
        self.total, self.done, self.enabled, self.desc = total, 0, enabled, desc
        self._bar, self._last = None, 0.0
        try:
            from tqdm import tqdm
        except ImportError:
            return
        if enabled:
            self._bar = tqdm(
                total=total, unit="rows", unit_scale=True, desc=desc, file=sys.stderr
            )

    def update(self, rows):
        self.done += rows
        if not self.enabled:
            return
        if self._bar is not None:
            self._bar.update(rows)
        elif time.monotonic() - self._last > 0.5 or self.done == self.total:
            self._last = time.monotonic()
            share = self.done / self.total
            sys.stderr.write(
                f"\r{self.desc}: {share:6.1%} ({self.done:,} of {self.total:,} rows)"
            )
            sys.stderr.flush()

    def close(self):
        if not self.enabled:
            return
        if self._bar is not None:
            self._bar.close()
        else:
            sys.stderr.write("\n")
            sys.stderr.flush()


def checked_chunks(true_rows, score_rows, specs, header_lines, chunk_rows, progress):
    """Yield ``(labels, scores)`` chunks, each checked (0/1 labels, finite scores;
    errors name the file and the cell), releasing each chunk once it is used."""
    n_rows = true_rows.shape[0]
    for start in range(0, n_rows, chunk_rows):
        stop = min(start + chunk_rows, n_rows)
        labels = check_labels(
            true_rows.rows(start, stop), specs[0], header_lines[0], row_offset=start
        )
        scores = check_scores(
            score_rows.rows(start, stop), specs[1], header_lines[1], row_offset=start
        )
        yield labels, scores
        del labels, scores
        true_rows.release(start, stop)
        score_rows.release(start, stop)
        progress.update(stop - start)


def streamed_report(
    true_rows,
    score_rows,
    *,
    thresholds,
    names,
    ks,
    chunks,
    confidence_level=None,
    curves=False,
):
    """The report dict, the @k metrics and (with ``curves``) the curve metrics
    of two row sources, chunk by chunk.

    ``chunks`` yields checked ``(labels, scores)`` chunks (:func:`checked_chunks`);
    the counts of every chunk add up, so the numbers equal
    :func:`multilabel_report`'s and the @k functions' on the whole files. With
    ``confidence_level``, every number gets its percentile bootstrap interval
    from B resampled sums per chunk (memory B x the sums, whatever the files'
    size), as :func:`multilabel_report` and ``MetricAccumulator(bootstrap=B)``.
    The curve metrics (``CURVES``) come from ``MetricAccumulator``'s score
    histograms: ``{name: {"value", "low", "high"}}``, exact (``low`` and
    ``high`` within rounding of the value) for float16 or bfloat16 scores.
    """
    func = "skmultimetrics report"
    n_samples, n_labels = true_rows.shape
    sets, shown = check_threshold_sets(thresholds, n_labels, func)
    names = check_target_names(names, n_labels, func)
    boot, intervals = {}, None
    if confidence_level is not None:
        boot = {"bootstrap": N_RESAMPLES, "random_state": RANDOM_STATE}
        intervals = ReportIntervals(sets, names, confidence_level, func)
    at_k_names = [f"{m}_at_{k}" for k in ks for m in AT_K]
    acc = MetricAccumulator(at_k_names, zero_division=0.0, **boot) if ks else None
    curve_acc = MetricAccumulator(CURVES) if curves else None
    counts = None
    for labels, scores in chunks:
        chunk = report_counts(labels, scores, sets)
        counts = chunk if counts is None else ReportCounts(*map(add, counts, chunk))
        for sums in (acc, curve_acc, intervals):
            if sums is not None:
                sums.update(labels, scores)
    report = report_from_counts(counts, n_samples, sets, shown, names, 4, True)
    values = acc.result() if acc is not None else {}
    if intervals is not None:
        with interval_warnings(func):  # told in short
            intervals.finish(report)
            if acc is not None:
                for name, ci in acc.confidence_intervals(confidence_level).items():
                    values[f"{name}_low"], values[f"{name}_high"] = ci.low, ci.high
    at_k = [
        {
            "k": k,
            **{
                f"{m}{end}": values[f"{m}_at_{k}{end}"]
                for m in AT_K  # precision, recall, ndcg
                for end in ("", "_low", "_high")
                if f"{m}_at_{k}{end}" in values
            },
        }
        for k in ks
    ]
    curve_values = None
    if curve_acc is not None:
        bounds = curve_acc.bounds()
        curve_values = {
            name: dict(zip(("value", "low", "high"), (value, *bounds[name])))
            for name, value in curve_acc.result().items()
        }
    return report, at_k, curve_values
