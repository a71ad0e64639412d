"""What makes two accumulators mergeable, and the cut-offs of a batch."""

import numpy as np

from .._checks._onehot import is_argmax
from .._checks._targets import check_same_columns, label_names_of
from .._metrics._streamed import batch_thresholds


def named_thresholds(threshold, y_true, y_score, kind, n_columns, cached, func):
    """The cut-offs of a batch: a Series of them is aligned to the batch's
    DataFrame columns, which every batch must then keep."""
    check_same_columns(y_true, y_score, threshold, func)
    names = label_names_of(y_true, y_score)
    thresholds = batch_thresholds(threshold, kind, n_columns, func, label_names=names)
    if cached is not None and not np.array_equal(cached, thresholds):
        raise ValueError(
            f"The columns of this batch of {func} put the Series threshold's "
            "cut-offs on other labels than earlier batches did; every batch "
            "must have the same columns in the same order."
        )
    return thresholds


def settings_of(acc):
    """The settings of an accumulator that must agree for a merge."""
    argmax = is_argmax(acc.threshold)
    threshold = np.asarray(1.0 if argmax else acc.threshold, dtype=np.float64)
    return (
        argmax,
        acc._specs,
        acc._report,
        None if acc._edges is None else tuple(acc._edges.tolist()),
        None
        if acc.propensities is None
        else tuple(np.ravel(acc.propensities).tolist()),
        threshold.shape,
        tuple(threshold.ravel().tolist()),
        str(acc._zero_division),
        acc._n_resamples,
    )
