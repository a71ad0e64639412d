"""Threshold-free statistics from the exact sweep: ROC and precision-recall areas.

Each label's scores are sorted once (``_sweep._sort_block``), giving the
cumulative (weighted) true and false positives at every distinct cut-off. The
areas are sums over consecutive distinct cut-offs (tied scores form one step):

- ROC: ``sum (fp_i - fp_{i-1}) (tp_i + tp_{i-1}) / 2``, divided by
  ``positives * negatives`` (the trapezoidal area under the ROC curve, as
  :func:`sklearn.metrics.roc_auc_score` computes it);
- average precision: ``sum (tp_i - tp_{i-1}) * tp_i / (tp_i + fp_i)``, divided
  by ``positives`` (the step integral of
  :func:`sklearn.metrics.average_precision_score`, no interpolation).

With ``by="row"`` the same sums are taken over each row's labels instead
(``average="samples"``), unweighted within a row.
"""

import warnings
from typing import NamedTuple

import numpy as np
from sklearn.exceptions import UndefinedMetricWarning

from .._checks._onehot import caller_stacklevel
from ._sweep import _BLOCK_LABELS, _cuts_at, _sort_block, metric_from_counts

_ROW_BLOCK_CELLS = 1 << 18
_ONE_CLASS = (
    "Only one class is present in y_true. ROC AUC score is not defined in that case."
)
_NO_POSITIVE = (
    "No positive class found in y_true, recall is set to one for all thresholds."
)


class CurveSums(NamedTuple):
    """Per label (or row): totals and the un-normalised areas."""

    positives: np.ndarray
    negatives: np.ndarray
    roc: np.ndarray  # divide by positives * negatives for the ROC AUC
    precision: np.ndarray  # divide by positives for the average precision


def _blocks(n_curves, n_points, by):
    """Slices of curves sorted together: 8 labels (a cache line of a row), or
    enough rows to fill a cache-sized block."""
    step = _BLOCK_LABELS
    if by == "row":
        step = max(_BLOCK_LABELS, _ROW_BLOCK_CELLS // max(n_points, 1))
    return [slice(start, start + step) for start in range(0, n_curves, step)]


def _steps(valid):
    """Consecutive distinct cut-offs of each row of a block, as flat indices.

    Column 0 (predict none) and the last column (predict all) are always
    valid, so each row's valid columns start with column 0: a pair whose later
    index is a column 0 crosses rows and is dropped.
    """
    width = valid.shape[1]
    where = np.flatnonzero(valid.ravel())
    earlier, later = where[:-1], where[1:]
    inside = later % width != 0
    earlier, later = earlier[inside], later[inside]
    return later // width, earlier, later


def _precision_steps(d_tp, tp, fp):
    """``d_tp * tp / (tp + fp)``, 0 where no recall is gained (even at 0/0)."""
    predicted = tp + fp
    precision = np.divide(tp, predicted, out=np.zeros_like(tp), where=predicted > 0)
    precision *= d_tp
    return precision


def _areas_without_ties(tp, fp):
    """Both sums when every column of the block is a distinct cut-off."""
    d_fp, d_tp = np.diff(fp, axis=1), np.diff(tp, axis=1)
    height = tp[:, 1:] + tp[:, :-1]
    height *= d_fp
    roc = height.sum(axis=1) / 2
    return roc, _precision_steps(d_tp, tp[:, 1:], fp[:, 1:]).sum(axis=1)


def _areas(tp, fp, valid):
    """Both sums over consecutive distinct cut-offs (tied scores are one step)."""
    size = tp.shape[0]
    rows, earlier, later = _steps(valid)
    tp, fp = tp.ravel(), fp.ravel()
    d_fp = fp[later] - fp[earlier]
    d_tp = tp[later] - tp[earlier]
    height = (tp[later] + tp[earlier]) / 2
    precision = _precision_steps(d_tp, tp[later], fp[later])
    roc = np.bincount(rows, weights=d_fp * height, minlength=size)
    return roc, np.bincount(rows, weights=precision, minlength=size)


def curve_sums(y_true, y_score, sample_weight=None, *, by="label"):
    """The ROC and average-precision sums of each label (or row).

    Parameters
    ----------
    y_true : bool ndarray of shape (n_samples, n_labels)
    y_score : ndarray of shape (n_samples, n_labels)
    sample_weight : ndarray of shape (n_samples,) or None
        Weights of the samples (ignored with ``by="row"``, where the caller
        weights the rows' results).
    by : {"label", "row"}

    Returns
    -------
    CurveSums
    """
    if by == "row":
        y_true, y_score, sample_weight = y_true.T, y_score.T, None
    n_points, n_curves = y_score.shape
    sums = CurveSums(*(np.zeros(n_curves) for _ in range(4)))
    for block in _blocks(n_curves, n_points, by):
        _, tp, fp, valid = _sort_block(y_true, y_score, block, sample_weight)
        if valid.all():  # no tied scores: every column is a step
            roc, precision = _areas_without_ties(tp, fp)
        else:
            roc, precision = _areas(tp, fp, valid)
        sums.roc[block], sums.precision[block] = roc, precision
        sums.positives[block], sums.negatives[block] = tp[:, -1], fp[:, -1]
    return sums


def partial_roc_areas(y_true, y_score, sample_weight, max_fpr, *, by="label"):
    """Per label (or row), the standardised partial ROC AUC up to ``max_fpr``
    (McClish correction, as scikit-learn), NaN for one class only; with the
    positives and negatives, so the caller sorts once."""
    if by == "row":
        y_true, y_score, sample_weight = y_true.T, y_score.T, None
    n_points, n_curves = y_score.shape
    out = np.full(n_curves, np.nan)
    positives, negatives = np.zeros(n_curves), np.zeros(n_curves)
    for block in _blocks(n_curves, n_points, by):
        _, tp, fp, valid = _sort_block(y_true, y_score, block, sample_weight)
        positives[block], negatives[block] = tp[:, -1], fp[:, -1]
        for row, j in enumerate(range(n_curves)[block]):
            if positives[j] == 0 or negatives[j] == 0:
                continue
            fpr = fp[row, valid[row]] / negatives[j]
            tpr = tp[row, valid[row]] / positives[j]
            stop = np.searchsorted(fpr, max_fpr, "right")
            if stop < fpr.size:
                cut = np.interp(
                    max_fpr, fpr[stop - 1 : stop + 1], tpr[stop - 1 : stop + 1]
                )
                fpr = np.append(fpr[:stop], max_fpr)
                tpr = np.append(tpr[:stop], cut)
            area = np.sum(np.diff(fpr) * (tpr[1:] + tpr[:-1]) / 2)
            low, high = 0.5 * max_fpr**2, max_fpr
            out[j] = 0.5 * (1 + (area - low) / (high - low))
    return out, positives, negatives


def rate(name, tp, fp, positives, negatives):
    """A rate at every candidate of a sweep block, where undefined as the
    curves of scikit-learn and torchmetrics define it: recall 1 without
    positives (the precision-recall curve), sensitivity 0 without positives and
    specificity 1 without negatives (the ROC curve), precision 0 without
    predicted positives."""
    if name not in OPERATING_METRICS:  # f1, jaccard, accuracy, ...: 0/0 is 0
        return metric_from_counts(name, tp, fp, positives, negatives)
    if name in ("recall", "sensitivity"):
        numerator, denominator = tp, np.broadcast_to(positives, tp.shape)
        undefined = 1.0 if name == "recall" else 0.0
    elif name == "precision":
        numerator, denominator, undefined = tp, tp + fp, 0.0
    else:  # specificity
        numerator = negatives - fp
        denominator, undefined = np.broadcast_to(negatives, tp.shape), 1.0
    out = np.full_like(tp, undefined)
    return np.divide(numerator, denominator, out=out, where=denominator > 0)


OPERATING_METRICS = ("recall", "precision", "sensitivity", "specificity")


def constrained_best(y_true, y_score, sample_weight, objective, constraint, level):
    """Per label: the best ``objective`` over the cut-offs whose ``constraint``
    reaches ``level``, the cut-off that gives it, and whether any does.

    The candidates are the distinct scores (``score >= s``); ROC-type pairs
    (sensitivity, specificity) also count "predict none", pairs with recall or
    precision do not (its precision is undefined). Among equal best values the
    highest cut-off is kept. Rates are those of :func:`rate`; other metric
    names are those of ``metric_from_counts`` (0/0 counted as 0). A label
    without a feasible cut-off gets 0 and the cut-off ``inf``.
    """
    n_labels = y_score.shape[1]
    values, cuts = np.zeros(n_labels), np.full(n_labels, np.inf)
    feasible = np.zeros(n_labels, dtype=bool)
    with_none = {objective, constraint} <= {"sensitivity", "specificity"}
    for block in _blocks(n_labels, y_score.shape[0], "label"):
        descending, tp, fp, valid = _sort_block(y_true, y_score, block, sample_weight)
        positives, negatives = tp[:, -1:], fp[:, -1:]
        candidates = valid.copy()
        candidates[:, 0] = with_none
        reached = rate(constraint, tp, fp, positives, negatives)
        gained = rate(objective, tp, fp, positives, negatives)
        best, values[block], ok = best_feasible(candidates, reached, gained, level)
        feasible[block] = ok
        cuts[block] = np.where(ok, _cuts_at(descending, best), np.inf)
    return values, cuts, feasible


def best_feasible(candidates, reached, gained, level):
    """Per row: the first candidate column of the highest ``gained`` among those
    whose ``reached`` is at least ``level``, its value (0 where none) and
    whether there is one."""
    meets = candidates & (reached >= level)
    best = np.argmax(np.where(meets, gained, -np.inf), axis=1)
    rows = np.arange(best.size)
    ok = meets[rows, best]
    return best, np.where(ok, gained[rows, best], 0.0), ok


def one_class(values, positives, negatives):
    undefined = (positives == 0) | (negatives == 0)
    if undefined.any():
        warnings.warn(
            _ONE_CLASS, UndefinedMetricWarning, stacklevel=caller_stacklevel()
        )
        values[undefined] = np.nan
    return values


def area_values(kind, areas, positives, negatives):
    """Per label, ROC AUC (NaN and a warning for one class only) or average
    precision (0 and a warning without positives) from the un-normalised areas
    of ``_counts._curves.CurveSums``."""
    with np.errstate(divide="ignore", invalid="ignore"):
        if kind == "average_precision":
            values = areas / positives
            if (positives == 0).any():
                warnings.warn(_NO_POSITIVE, UserWarning, stacklevel=caller_stacklevel())
                values[positives == 0] = 0.0
            return values
        values = areas / (positives * negatives)
    return one_class(values, positives, negatives)


def warn_infeasible(feasible, objective, constraint, level):
    """Warn of the labels where no cut-off reaches the level (their value is 0)."""
    if not feasible.all():
        labels = np.flatnonzero(~feasible).tolist()
        warnings.warn(
            f"No cut-off of label(s) {labels[:10]} reaches {constraint} >= {level}; "
            f"their {objective} is set to 0.",
            UndefinedMetricWarning,
            stacklevel=caller_stacklevel(),
        )
