"""The result types of :func:`confidence_interval` and :func:`compare_predictions`."""

from typing import NamedTuple


def _repr(result):
    """``Name(field=value, ...)``: numbers to 4 significant digits."""
    spec = {"confidence_level": "g", "method": "!r", "n_resamples": ""}
    fields = []
    for field, value in zip(result._fields, result, strict=True):
        form = spec.get(field, ".4g")
        text = repr(value) if form == "!r" else format(value, form)
        fields.append(f"{field}={text}")
    return f"{type(result).__name__}({', '.join(fields)})"


class MetricInterval(NamedTuple):
    """A metric's value on the test set and its confidence interval.

    Read more in the :ref:`User Guide <intervals>`.

    A named tuple: the parameters, in this order, are its fields.

    Parameters
    ----------
    estimate : float
        The metric on the whole test set (the metric function's value).
    low, high : float
        The interval's end points.
    standard_error : float
        The estimate's standard error (bootstrap: the standard deviation of the
        resampled values; delta and DeLong: their variance's square root;
        Wilson: the interval's half-width divided by the critical value z,
        positive at an estimate of 0 or 1 where the plug-in
        ``sqrt(p (1 - p) / n)`` is 0; NaN where the variance is undefined).
    confidence_level : float
        The interval's nominal coverage, e.g. 0.95.
    method : str
        The method that computed it ("bca", "percentile", "delta", "wilson",
        "delong"): ``method="auto"`` is resolved.
    n_resamples : int
        Bootstrap resamples used; 0 for the analytic methods.
    """

    estimate: float
    low: float
    high: float
    standard_error: float
    confidence_level: float
    method: str
    n_resamples: int

    __repr__ = _repr


class MetricComparison(NamedTuple):
    """A paired comparison of two predictions on the same test samples.

    Read more in the :ref:`User Guide <intervals>`.

    A named tuple: the parameters, in this order, are its fields.

    Parameters
    ----------
    difference : float
        ``estimate_a - estimate_b``.
    low, high : float
        The confidence interval of the difference.
    p_value : float
        The p-value of "no difference" against ``alternative``.
    estimate_a, estimate_b : float
        The metric of each prediction on the whole test set.
    standard_error : float
        The difference's standard error (paired).
    confidence_level : float
        The interval's nominal coverage.
    method : str
        The method of the p-value ("bca", "percentile", "delta", "delong",
        "permutation", "mcnemar"); ``method="auto"`` is resolved.
    n_resamples : int
        Resamples (or permutations) used; 0 for the analytic methods.
    """

    difference: float
    low: float
    high: float
    p_value: float
    estimate_a: float
    estimate_b: float
    standard_error: float
    confidence_level: float
    method: str
    n_resamples: int

    __repr__ = _repr
