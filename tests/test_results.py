"""The result types of the intervals (_uncertainty/_results.py): named tuples in
the documented field order, printed to four significant digits."""

import math

import numpy as np

from skmultimetrics import (
    MetricComparison,
    MetricInterval,
    compare_predictions,
    confidence_interval,
)


def test_interval_fields_unpack_in_order_and_print_short():
    interval = MetricInterval(2 / 3, 0.123456, 0.99, 0.05, 0.95, "wilson", 0)
    estimate, low, high, se, level, method, n = interval
    assert (estimate, low, high, se, level, method, n) == tuple(interval)
    assert interval.low == low == 0.123456  # the number, not its print
    assert repr(interval) == (
        "MetricInterval(estimate=0.6667, low=0.1235, high=0.99, "
        "standard_error=0.05, confidence_level=0.95, method='wilson', n_resamples=0)"
    )
    assert "nan" in repr(interval._replace(standard_error=math.nan))


def test_comparison_fields_unpack_in_order_and_print_short():
    comparison = MetricComparison(0.1, -0.05, 0.25, 0.04321, 0.8, 0.7, 0.07, 0.9,
                                  "mcnemar", 0)  # fmt: skip
    assert comparison.difference == 0.1 and comparison.method == "mcnemar"
    assert comparison._fields[:4] == ("difference", "low", "high", "p_value")
    assert repr(comparison).startswith(
        "MetricComparison(difference=0.1, low=-0.05, high=0.25, p_value=0.04321, "
        "estimate_a=0.8, estimate_b=0.7,"
    )


def test_the_functions_return_them_with_the_method_resolved():
    rng = np.random.default_rng(0)
    y = rng.random((60, 3)) < 0.4
    a, b = y ^ (rng.random((60, 3)) < 0.2), y ^ (rng.random((60, 3)) < 0.3)
    interval = confidence_interval(y, a, metric="f1_macro", n_resamples=50,
                                   random_state=0)  # fmt: skip
    assert type(interval) is MetricInterval
    assert interval.method in ("bca", "percentile", "delta") and interval.n_resamples
    comparison = compare_predictions(y, a, b, metric="f1_macro", n_resamples=50,
                                     random_state=0)  # fmt: skip
    assert type(comparison) is MetricComparison
    assert comparison.difference == comparison.estimate_a - comparison.estimate_b
