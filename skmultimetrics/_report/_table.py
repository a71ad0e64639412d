"""One table of every multi-label set metric at several cut-offs.

:func:`multilabel_report` checks its inputs once, counts every threshold set in
one pass (``_rows``) and returns the numbers as a dict or as text (``_text``).
"""

import numbers
import warnings

import numpy as np

from .._checks._onehot import caller_stacklevel
from .._checks._params import check_cut_offs, param_error
from .._checks._targets import check_same_columns, check_truth_and_scores
from ._intervals import add_intervals, check_confidence_level
from ._json import json_ready
from ._rows import label_rows, report_counts, row_from_counts
from ._text import format_report

DEFAULT_THRESHOLDS = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)


def check_threshold_sets(
    thresholds, n_labels, func, label_names=None, *, warn_ambiguous=False
):
    """The rows of the report as float64 arrays of shape (n_labels,), and as given.

    One rule, whatever the container: a number is one row; a 1-D sequence of
    numbers (list, tuple, ndarray, Series) is one row per cut-off; per-label
    cut-offs are a 2-D array of shape (n_rows, n_labels), or items of a list
    that are themselves arrays (a Series item is aligned to ``label_names``).
    With ``warn_ambiguous``, a 1-D sequence of numbers as long as the number of
    labels (> 1), which could be one row of per-label cut-offs such as a
    ``thresholds_``, raises a ``UserWarning`` naming the reading taken and the
    spelling of the other.
    """
    if hasattr(thresholds, "__array__") and not isinstance(thresholds, np.ndarray):
        thresholds = np.asarray(thresholds)  # a pandas Series, a tensor, ...
    if isinstance(thresholds, numbers.Real) or (
        isinstance(thresholds, np.ndarray) and thresholds.ndim == 0
    ):
        entries = [thresholds]
    elif isinstance(thresholds, (np.ndarray, list, tuple)) and len(thresholds):
        entries = list(thresholds)
    else:
        raise param_error(
            func,
            "thresholds",
            "a float, a list of floats (one row each) or of per-label arrays",
            thresholds,
        )
    hint = (
        " (Per-label cut-offs are one item of a list, [cut_offs], or one row of "
        "a 2-D array.)"
    )
    sets, shown = [], []
    for entry in entries:
        values = check_cut_offs(
            entry, n_labels, func, "thresholds", hint=hint, label_names=label_names
        )
        shown.append(float(values[0]) if np.ndim(entry) == 0 else values.tolist())
        sets.append(values)
    if warn_ambiguous and n_labels > 1 and len(entries) == n_labels:
        if all(np.ndim(entry) == 0 for entry in entries):
            warnings.warn(
                f"{func} read 'thresholds', {n_labels} numbers for {n_labels} "
                f"labels, as {n_labels} rows, each one cut-off shared by every "
                "label. For one row of per-label cut-offs (such as a "
                "ThresholdOptimizer's thresholds_), pass [thresholds] or a 2-D "
                f"array of shape (1, {n_labels}); to keep this reading without "
                "this warning, filter it with warnings.catch_warnings().",
                UserWarning,
                stacklevel=caller_stacklevel(),
            )
    return sets, shown


def check_target_names(target_names, n_labels, func, columns=None):
    """Label names: ``target_names``, else the DataFrame columns, else "label j"."""
    target_names = columns if target_names is None else target_names
    if target_names is None:
        return [f"label {j}" for j in range(n_labels)]
    names = [str(name) for name in target_names]
    if len(names) != n_labels:
        raise ValueError(
            f"The 'target_names' parameter of {func} must have one name per label "
            f"({n_labels}); got {len(names)} names."
        )
    if len(set(names)) != n_labels:
        raise param_error(func, "target_names", "unique names", names)
    return names


def _check_digits(digits, func):
    integral = isinstance(digits, numbers.Integral) and not isinstance(digits, bool)
    if not integral or not 0 <= digits <= 15:
        raise param_error(func, "digits", "an int in [0, 15]", digits)
    return int(digits)


def multilabel_report(
    y_true,
    y_score,
    *,
    thresholds=DEFAULT_THRESHOLDS,
    target_names=None,
    sample_weight=None,
    digits=4,
    output_dict=False,
    confidence_level=None,
):
    """Every multi-label set metric at several cut-offs, in one table.

    Read more in the :ref:`User Guide <which_accuracy>`.

    For each threshold set the prediction is ``y_score >= threshold`` and the
    row holds subset accuracy, hamming accuracy, micro / macro / samples
    precision, recall and F1, samples Jaccard and the share of label cells
    predicted positive. Subset accuracy is what
    :func:`sklearn.metrics.accuracy_score` reports on multi-label targets;
    hamming accuracy is Keras' ``binary_accuracy`` (``1 - hamming_loss``): the
    table shows both, which is why the two libraries seem to disagree.

    Parameters
    ----------
    y_true : array-like or sparse matrix of shape (n_samples, n_labels)
        Binary label-indicator matrix (a 1-D 0/1 array is one label).
    y_score : array-like, sparse matrix or list of arrays
        Scores of shape (n_samples, n_labels), in any ``predict_proba`` layout.
    thresholds : float, 1-D or 2-D array-like, default=(0.1, 0.2, ..., 0.9)
        The rows of the table, by one rule whatever the container: a float is
        one row; a 1-D sequence of floats (a list, a tuple, ``np.linspace(...)``)
        is one row per cut-off; per-label cut-offs are a 2-D array of shape
        (n_rows, n_labels), or items of a list that are arrays of shape
        (n_labels,), such as ``[0.5, tuned.thresholds_]`` (the default 0.5 and
        a ``ThresholdOptimizer``'s cut-offs). A pandas Series item indexed by
        label names is aligned to the columns of a DataFrame ``y_true``. A 1-D
        sequence of numbers as long as the number of labels (more than one),
        such as ``tuned.thresholds_`` passed bare, is read as one row per
        cut-off with a ``UserWarning`` that says so: pass
        ``[tuned.thresholds_]`` for one row of per-label cut-offs.
    target_names : list of str of shape (n_labels,), default=None
        Label names; by default the columns of a DataFrame ``y_true`` (or
        ``y_score``), else ``"label 0"``, ``"label 1"``, ...
    sample_weight : array-like of shape (n_samples,), default=None
        Sample weights.
    digits : int, default=4
        Decimals of the numbers in the text table (the dict is not rounded).
    output_dict : bool, default=False
        Return a dict of plain Python values instead of text.
    confidence_level : float in (0, 1), default=None
        With a level, every number of the table (and of the per-label rows)
        gets its percentile bootstrap interval: text ``0.733 [0.702, 0.761]``;
        the dict gains ``<key>_low`` / ``<key>_high`` in every row and
        per-label entry, and ``"confidence_level"``, ``"interval_method"``
        (``"percentile"``) and ``"n_resamples"`` (1000). The intervals are
        :func:`confidence_interval`'s ``method="percentile"`` with
        ``zero_division=0`` and ``random_state=0`` (the report is
        reproducible); every row uses the same Poisson weights, so all the
        numbers come from one set of resamples. They cover test-set sampling
        for a fixed model and fixed cut-offs: cut-offs tuned on the same
        samples make them optimistic. The percentile method (no jackknife)
        keeps it at about 1000 weighted sums per row.

    Returns
    -------
    report : str or dict
        The text table with its legend, followed, when exactly one threshold set
        is given, by per-label rows. With ``output_dict=True``::

            {"n_samples": int, "n_labels": int,
             "positive_share": float,   # share of cells positive in y_true
             "thresholds": [t, ...],    # each a float or a per-label list
             "rows": [{"threshold": t, "subset_accuracy": float,
                       "hamming_accuracy": float, "precision_micro": float,
                       "recall_micro": float, "f1_micro": float,
                       "precision_macro": ..., "f1_samples": ...,
                       "jaccard_samples": float,
                       "predicted_positive_share": float}, ...],
             "labels": {name: {"threshold": float, "support": int,
                               "precision": float, "recall": float,
                               "f1": float}, ...}}

        ``"labels"`` is empty unless exactly one threshold set is given;
        ``"support"`` is a float with ``sample_weight``. The dict is strict
        JSON (``json.dumps(report, allow_nan=False)`` takes it): an infinite
        cut-off is the string ``"inf"`` or ``"-inf"`` and a NaN would be
        ``None``.

    Warns
    -----
    UserWarning
        When ``thresholds`` is a 1-D sequence of numbers as long as the number
        of labels (more than one), which could be one row of per-label
        cut-offs: the warning names the reading taken (one row per cut-off)
        and the spelling of the other, ``[thresholds]``.

    Notes
    -----
    Ratios without a denominator (precision without predicted positives, recall
    without true ones, ...) count as 0, as with ``zero_division=0.0`` in the
    metric functions, and raise no warning. Every value equals the metric
    function of the same name with ``threshold=`` and ``zero_division=0.0``.

    Examples
    --------
    >>> from skmultimetrics import multilabel_report
    >>> y_true = [[1, 0, 1], [0, 1, 0]]
    >>> y_score = [[0.9, 0.2, 0.4], [0.3, 0.8, 0.1]]

    At 0.5 the third label of row 1 is missed: one sample of two is exactly
    right, five cells of six are right, 2 of the 3 true labels are found and
    both predicted labels are right:

    >>> report = multilabel_report(y_true, y_score, thresholds=[0.5, 0.3],
    ...                            output_dict=True)
    >>> row = report["rows"][0]
    >>> row["subset_accuracy"], round(row["hamming_accuracy"], 4)
    (0.5, 0.8333)
    >>> round(row["recall_micro"], 4), row["precision_micro"]
    (0.6667, 1.0)

    At 0.3 that label is found, but row 2 gets a wrong one: 3 of 4 predicted
    labels are right.

    >>> row = report["rows"][1]
    >>> row["subset_accuracy"], row["recall_micro"], row["precision_micro"]
    (0.5, 1.0, 0.75)

    The text form, with per-label rows for a single threshold set:

    >>> print(multilabel_report(y_true, y_score, thresholds=0.5, digits=2))
    ... # doctest: +ELLIPSIS
    Multi-label report: 2 samples, 3 labels; 50.00% of label cells are positive.
    ...
    threshold  subset  hamming  prec   rec    f1  prec   rec    f1  prec   rec ...
          0.5    0.50     0.83  1.00  0.67  0.80  0.67  0.67  0.67  1.00  0.75 ...
    ...
    Per label:
    label    cut-off  support  precision  recall    f1
    label 0     0.50        1       1.00    1.00  1.00
    label 1     0.50        1       1.00    1.00  1.00
    label 2     0.50        1       0.00    0.00  0.00
    """
    digits = _check_digits(digits, "multilabel_report")
    report = report_dict(
        y_true,
        y_score,
        thresholds=thresholds,
        target_names=target_names,
        sample_weight=sample_weight,
        confidence_level=confidence_level,
    )
    return strict_json(report) if output_dict else format_report(report, digits)


def report_dict(
    y_true,
    y_score,
    *,
    thresholds,
    target_names=None,
    sample_weight=None,
    confidence_level=None,
):
    """:func:`multilabel_report`'s dict with float cut-offs (``inf`` as such),
    which ``format_report`` reads."""
    func = "multilabel_report"
    check_same_columns(y_true, y_score, thresholds, func)
    confidence_level = check_confidence_level(confidence_level)
    y_true, scores, weight, _, columns = check_truth_and_scores(
        y_true, y_score, sample_weight, func=func, dense=False
    )
    n_samples, n_labels = y_true.shape
    sets, shown = check_threshold_sets(
        thresholds,
        n_labels,
        func,
        columns,
        warn_ambiguous=thresholds is not DEFAULT_THRESHOLDS,
    )
    names = check_target_names(target_names, n_labels, func, columns)
    counts = report_counts(y_true, scores, sets, weight)
    report = report_from_counts(counts, n_samples, sets, shown, names, 4, True)
    if confidence_level is not None:
        add_intervals(report, y_true, scores, sets, weight, confidence_level)
    return report


def strict_json(value):
    """``value`` (a report dict) with ``inf`` and ``-inf`` as the strings "inf"
    and "-inf" and NaN as None: ``json.dumps(..., allow_nan=False)`` takes it."""
    return json_ready(value, nan=None)


def report_from_counts(counts, n_samples, sets, shown, names, digits, output_dict):
    """The report (text, or dict with ``output_dict``) of checked counts."""
    n_labels = counts.true.shape[0]
    report = {
        "n_samples": int(n_samples),
        "n_labels": int(n_labels),
        "positive_share": float(counts.true.sum() / (counts.total * n_labels)),
        "thresholds": shown,
        "rows": [
            {"threshold": shown[i], **row_from_counts(counts, i)}
            for i in range(len(sets))
        ],
        "labels": label_rows(counts, sets[0], names) if len(sets) == 1 else {},
    }
    if output_dict:
        return report
    return format_report(report, digits)
