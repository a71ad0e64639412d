"""Score histograms on the grid of half-precision values: the curves of a stream.

A float16 or a bfloat16 score is one of at most 65,536 values, so a histogram
with one bin per value (per label, the weight of the negatives and of the
positives in each bin) keeps every score, ties included, in a size that does
not grow with the number of rows. Its cumulative counts from the highest bin
down are the exact sweep's (``_sweep``) at every distinct score, and the
formulas of ``_curves`` apply to them unchanged.

Bin keys are 16 bits and never decrease as the score grows, on one of two grids:

- ``"float16"``: the score rounded to float16 (to nearest), one bin per value;
- ``"bfloat16"``: the top 16 bits of the score's float32 bit pattern, one bin
  per bfloat16 value.

Each batch is checked: where every score is a value of the grid, a bin holds
one value and the histogram is ``exact``. Other scores (float32, float64) fall
in the float16 bin they round to, an interval of scores whose order inside it is
unknown; the curves then have bounds, from the extreme orders inside the bins.
Batches exact on different grids move the bins to the grid that holds them all,
when one does. Only the window of keys that the scores reached is stored.
"""

import numpy as np

from ._curves import _areas, best_feasible, rate
from ._sweep import Sweep

GRIDS = ("float16", "bfloat16")
_SIGN = 0x8000
_GROWTH = 8  # a window grows by at least 1/_GROWTH of its width
_ONE = {"float16": _SIGN + 0x3C00, "bfloat16": _SIGN + 0x3F80}  # keys of 1.0


def _ordered(bits):
    """16-bit float patterns (uint16) as keys (int32) in the order of their
    values: the sign bit flipped, and every bit of a negative one; -0.0 is 0.0."""
    flips = (bits.view(np.int16) >> 15).view(np.uint16)  # 0xFFFF where negative
    flips |= _SIGN
    flips ^= bits
    keys = flips.astype(np.int32)
    keys[keys == _SIGN - 1] = _SIGN  # -0.0
    return keys


def key_values(keys, grid):
    """The score (float64) of each key of ``grid``: the grid's value of the bin."""
    keys = np.asarray(keys, dtype=np.int64)
    bits = np.where(keys >= _SIGN, keys - _SIGN, 0xFFFF - keys)
    if grid == "float16":
        return bits.astype(np.uint16).view(np.float16).astype(np.float64)
    return (bits.astype(np.uint32) << 16).view(np.float32).astype(np.float64)


def _keys16(scores):
    """Float16 keys of scores, and whether every score is a float16 value."""
    with np.errstate(over="ignore"):
        half = scores.astype(np.float16)
    exact = bool(np.array_equal(half.astype(scores.dtype), scores))
    return _ordered(half.view(np.uint16)), exact


_HALF_LOW, _HALF_HIGH = 0x38800000, 0x477FE000  # float32 patterns of 2**-14, 65504


def _half_bits(bits):
    """The float16 patterns (uint16) of float32 patterns (uint32) where every
    one is 0 or a normal float16 value, read from the bits (no float16
    conversion); else None."""
    magnitude = bits & 0x7FFFFFFF
    if np.any(magnitude & 0x1FFF):  # more than float16's 10 mantissa bits
        return None
    nonzero = magnitude != 0
    if not np.all((magnitude - _HALF_LOW <= _HALF_HIGH - _HALF_LOW) | ~nonzero):
        return None  # beyond float16's normal range (or a subnormal one)
    magnitude >>= 13
    # the exponents' biases differ by 127 - 15 (at bit 10 once shifted)
    np.subtract(magnitude, 0x1C000, out=magnitude, where=nonzero)
    magnitude |= (bits >> 16) & _SIGN
    return magnitude.astype(np.uint16)


def grid_keys(scores):
    """``(grid, exact, keys)`` of float32 or float64 scores: the bfloat16 grid
    when every score is a bfloat16 value, else the float16 grid (exact when
    every score is a float16 value). Half-precision scores widened to float32
    are recognised from their bit patterns, with no float16 conversion."""
    single = np.ascontiguousarray(scores, dtype=np.float32)
    if scores.dtype == np.float32 or np.array_equal(single, scores):
        bits = single.view(np.uint32)
        if not np.any(bits & 0xFFFF):
            return "bfloat16", True, _ordered((bits >> 16).astype(np.uint16))
        half = _half_bits(bits)
        if half is not None:
            return "float16", True, _ordered(half)
    keys, exact = _keys16(scores)
    return "float16", exact, keys


def _fits(values, grid):
    """Whether every value (float64) is a value of ``grid``."""
    if grid == "float16":
        return _keys16(values)[1]
    return grid_keys(values)[0] == "bfloat16"


def _rekey(keys, grid, new_grid):
    """Keys of ``grid`` moved to ``new_grid`` (values rounded to float16 on the
    float16 grid), and whether every value is one of the new grid."""
    values = key_values(keys, grid)
    if new_grid == "float16":
        return _keys16(values)
    return grid_keys(values)[2], _fits(values, "bfloat16")


class ScoreHistogram:
    """Per label, the weight of the negatives (``counts[0]``) and of the
    positives (``counts[1]``) in bins ``lo .. lo + width - 1`` of ``grid``.

    A batch's histogram (:meth:`of_batch`) keeps its keys until it is counted
    into another (:meth:`add`, in place, growing the window as needed), so a
    small batch costs its cells, not the window; ``a + b`` is a new histogram.
    """

    def __init__(self, grid, exact, n_labels, lo=0, counts=None, batch=None):
        self.grid, self.exact, self.n_labels, self.lo = grid, exact, n_labels, lo
        self.counts = np.zeros((2, n_labels, 0)) if counts is None else counts
        self._batch = batch  # (truth, keys, weight) of a batch, not yet counted

    @classmethod
    def of_batch(cls, truth, scores, weight):
        """The histogram of a batch: bool ``truth`` and float ``scores`` of shape
        (n_samples, n_labels), ``weight`` of shape (n_samples,) or None."""
        grid, exact, keys = grid_keys(scores.T)  # kept label by label
        weight = None if weight is None else np.array(weight, dtype=np.float64)
        truth = np.array(truth.T, dtype=bool, order="C")  # copies: counted later
        batch = (truth, np.ascontiguousarray(keys), weight)
        return cls(grid, exact, truth.shape[0], batch=batch)

    @classmethod
    def of_edges(cls, truth, scores, weight, edges):
        """The histogram of a batch on bins between ``edges`` (``bins=``): bin
        ``b`` holds the scores with ``b`` edges at or below them, so ``score >=
        edges[j]`` is counted exactly at every edge."""
        n_labels = truth.shape[1]
        counts = np.zeros((2, n_labels, edges.size + 1))
        hist = cls("edges", True, n_labels, 0, counts)
        keys = np.searchsorted(edges, scores.T, side="right")  # label by label
        label = np.arange(n_labels)[:, np.newaxis]
        if weight is not None:
            weight = np.broadcast_to(weight, keys.shape).ravel()
        hist._count(np.ascontiguousarray(truth.T), label, keys, weight)
        return hist

    @property
    def empty(self):
        return self._batch is None and not self.counts.shape[2]

    def _cells(self):
        """``(side, label, key, weight)`` of every counted cell (weight None: 1)."""
        if self._batch is not None and self.counts.shape[2]:
            self.dense()  # both counted cells and a batch: count the batch
        if self._batch is not None:
            return self._batch_cells()
        cells = np.flatnonzero(self.counts)
        side, label, column = np.unravel_index(cells, self.counts.shape)
        return side == 1, label, self.lo + column, self.counts.ravel()[cells]

    def _batch_cells(self):
        """The batch's cells label by label (so counting them sweeps one
        label's bins at a time, in cache)."""
        truth, keys, weight = self._batch
        if weight is not None:
            weight = np.broadcast_to(weight, keys.shape).ravel()
        return truth, np.arange(self.n_labels)[:, np.newaxis], keys, weight

    def _keys(self):
        """The distinct keys held."""
        keys = self.lo + np.flatnonzero(self.counts.any(axis=(0, 1)))
        if self._batch is not None:
            keys = np.union1d(keys, self._batch[1])
        return keys

    def _count(self, side, label, keys, weight):
        """Add ``weight`` (None: 1) at each cell into the window, grown to hold
        the keys: a bincount when the cells are many for the window, else a
        scatter."""
        if keys.size == 0:
            return
        low, high = int(keys.min()), int(keys.max())
        width = self.counts.shape[2]
        if width == 0 or low < self.lo or high >= self.lo + width:
            self._grow(low, high)
            width = self.counts.shape[2]
        # one flat index (side, label, bin) per cell, label by label (the
        # order of the (labels, samples) views): a label's bins stay in cache
        offset = np.asarray(label * width - self.lo, dtype=np.intp)
        flat = np.where(side, offset + self.n_labels * width, offset)
        flat += keys
        flat = flat.reshape(-1)
        out = self.counts.reshape(-1)
        if flat.size * 4 >= out.size:
            out += np.bincount(flat, weight, minlength=out.size)
        else:
            np.add.at(out, flat, 1.0 if weight is None else weight)

    def _grow(self, low, high):
        """Widen the window to hold keys ``low .. high``, with room to spare."""
        width = self.counts.shape[2]
        if width:
            old_high = self.lo + width - 1
            room = max(width // _GROWTH, 1)
            # the room stops at 0 and 1 (probabilities) while the keys do
            floor = _SIGN if low >= _SIGN else 0
            ceiling = _ONE[self.grid] if high <= _ONE[self.grid] else 0xFFFF
            low = max(low - room, floor) if low < self.lo else self.lo
            high = min(high + room, ceiling) if high > old_high else old_high
        counts = np.zeros((2, self.n_labels, high - low + 1))
        counts[:, :, self.lo - low : self.lo - low + width] = self.counts
        self.lo, self.counts = low, counts

    def dense(self):
        """Count the batch's keys into the window; return self."""
        if self._batch is not None:
            cells = self._batch_cells()
            self._batch = None
            self._count(*cells)
        return self

    def _regrid(self, grid):
        """Move the bins to ``grid`` (exact while every value is one of it)."""
        if grid == self.grid:
            return
        side, label, keys, weight = self.dense()._cells()
        keys, same = _rekey(keys, self.grid, grid)
        self.grid, self.exact = grid, self.exact and same
        self.lo, self.counts = 0, np.zeros((2, self.n_labels, 0))
        self._count(side, label, keys, weight)

    def _target(self, other):
        """The grid that holds both histograms, and whether exactly."""
        exact = self.exact and other.exact
        if self.grid == other.grid:
            grid = self.grid
        elif exact and _fits(key_values(other._keys(), other.grid), self.grid):
            grid = self.grid
        elif exact and _fits(key_values(self._keys(), self.grid), other.grid):
            grid = other.grid
        else:
            exact = False
        return (grid, True) if exact else ("float16", False)

    def add(self, other):
        """Count ``other`` (of the same labels) into this histogram; return self."""
        if other.empty:
            return self
        if self.empty:
            self.grid, self.exact = other.grid, True
        grid, exact = self._target(other)
        self._regrid(grid)
        self.exact = self.exact and exact
        if (other._batch, other.lo, other.grid) == (None, self.lo, grid) and (
            other.counts.shape == self.dense().counts.shape
        ):
            self.counts += other.counts  # the same window (merges, bins=)
            return self
        side, label, keys, weight = other._cells()
        if other.grid != grid:
            keys, same = _rekey(keys, other.grid, grid)
            self.exact = self.exact and same
        self._count(side, label, keys, weight)
        return self

    def copy(self):
        """A copy (a batch's keys are shared: they are never changed)."""
        copied = ScoreHistogram(self.grid, self.exact, self.n_labels, self.lo)
        copied.counts, copied._batch = self.counts.copy(), self._batch
        return copied

    def __add__(self, other):
        return self.copy().add(other)

    def positives(self):
        """The weight of the positives of each label."""
        return self.dense().counts[1].sum(axis=1)

    def pooled(self):
        """Every label cell in one label (micro averages)."""
        self.dense()
        counts = self.counts.sum(axis=1, keepdims=True)
        return ScoreHistogram(self.grid, self.exact, 1, self.lo, counts)

    def cumulative(self, labels):
        """``tp`` and ``fp`` of ``score >= bin`` from the highest bin down, as
        (b, width + 1) arrays (column 0: no bin), and ``valid``: column 0 and the
        columns of non-empty bins (the distinct scores)."""
        negatives, positives = self.dense().counts[:, labels, ::-1]
        size, width = positives.shape
        tp, fp = np.zeros((size, width + 1)), np.zeros((size, width + 1))
        np.cumsum(positives, axis=1, out=tp[:, 1:])
        np.cumsum(negatives, axis=1, out=fp[:, 1:])
        valid = np.ones((size, width + 1), dtype=bool)
        np.not_equal(positives, 0, out=valid[:, 1:])
        valid[:, 1:] |= negatives != 0
        return tp, fp, valid

    def sweep(self, edges=None):
        """A :class:`Sweep` with a candidate at every bin's lower edge (the
        ``edges`` of :meth:`of_edges`, else the grid's values): columns
        ``+inf``, the edges from the highest down, ``-inf``."""
        tp, fp, _ = self.cumulative(slice(None))
        if edges is None:
            edges = key_values(self.lo + np.arange(1, tp.shape[1] - 1), self.grid)
        cuts = np.concatenate([[np.inf], edges[::-1], [-np.inf]])
        thresholds = np.broadcast_to(cuts, tp.shape).copy()
        valid = np.ones(tp.shape, dtype=bool)
        return Sweep(thresholds, tp, fp, valid, tp[:, -1:].copy(), fp[:, -1:].copy())


_BLOCK = 16  # labels finished together


def _blocks(hist):
    return [slice(i, i + _BLOCK) for i in range(0, hist.n_labels, _BLOCK)]


def histogram_areas(hist, bounds=False):
    """Per label: positives, negatives, the ROC and average-precision sums of
    ``_curves.curve_sums`` (ties inside a bin are ties); with ``bounds``, also
    the lowest and highest ROC and AP sums over the orders of the scores
    inside each bin (the same values when the histogram is exact)."""
    names = ("positives", "negatives", "roc", "precision")
    names += ("roc_low", "roc_high", "precision_low", "precision_high") * bounds
    out = {name: np.zeros(hist.n_labels) for name in names}
    for block in _blocks(hist):
        tp, fp, valid = hist.cumulative(block)
        out["roc"][block], out["precision"][block] = _areas(tp, fp, valid)
        out["positives"][block], out["negatives"][block] = tp[:, -1], fp[:, -1]
        if not bounds:
            continue
        gained, lost = np.diff(tp, axis=1), np.diff(fp, axis=1)
        ties = (gained * lost).sum(axis=1) / 2  # pairs inside a bin: 0 to 1 each
        out["roc_low"][block] = out["roc"][block] - ties
        out["roc_high"][block] = out["roc"][block] + ties
        # highest: a bin's positives first, tied, above its negatives
        reached = tp[:, 1:] + fp[:, :-1]
        high = np.divide(
            tp[:, 1:], reached, out=np.zeros_like(reached), where=gained > 0
        )
        out["precision_high"][block] = (gained * high).sum(axis=1)
        # lowest: each positive's precision is at least (T + W)/(T + W + F), with
        # W the weight of the bin's positives up to it, T the positives above the
        # bin and F every negative down to the bin's end: its integral over W
        after, before = fp[:, 1:], tp[:, :-1]
        share = np.divide(
            gained, before + after, out=np.zeros_like(gained), where=after > 0
        )
        out["precision_low"][block] = (gained - after * np.log1p(share)).sum(axis=1)
    return out


def histogram_operating_points(hist, objective, constraint, level, optimistic=False):
    """Per label: the best ``objective`` over the histogram's distinct scores
    whose ``constraint`` reaches ``level`` (as ``_curves.constrained_best``),
    and whether any does. With ``optimistic``, also over each bin's positives
    counted above its negatives: the highest value any order inside the bins
    gives (for the rates of ``_curves.rate``, that point dominates every cut-off
    inside a bin)."""
    values, feasible = np.zeros(hist.n_labels), np.zeros(hist.n_labels, dtype=bool)
    for block in _blocks(hist):
        tp, fp, valid = hist.cumulative(block)
        positives, negatives = tp[:, -1:], fp[:, -1:]
        valid[:, 0] = {objective, constraint} <= {"sensitivity", "specificity"}
        if optimistic:
            inside = np.diff(tp, axis=1) > 0
            tp = np.concatenate([tp, tp[:, 1:]], axis=1)
            fp = np.concatenate([fp, fp[:, :-1]], axis=1)
            valid = np.concatenate([valid, inside], axis=1)
        reached = rate(constraint, tp, fp, positives, negatives)
        gained = rate(objective, tp, fp, positives, negatives)
        _, values[block], feasible[block] = best_feasible(valid, reached, gained, level)
    return values, feasible
