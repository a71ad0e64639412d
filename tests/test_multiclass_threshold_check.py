"""check_class_thresholds reads numbers and shapes with check_cut_offs, then
adds the rules of class thresholds: every mistake still raises, naming the
argument, and a valid input still gives float64 of shape (n_classes,)."""

import numpy as np
import pandas as pd
import pytest

from skmultimetrics._checks._errors import InvalidParameterError
from skmultimetrics._checks._multiclass import check_class_thresholds


@pytest.mark.parametrize(
    "thresholds, expected",
    [
        (2.0, [2.0, 2.0, 2.0]),
        ("argmax", [1.0, 1.0, 1.0]),
        ([1, 2, np.inf], [1.0, 2.0, np.inf]),
        (pd.Series([1.0, 2.0, 3.0], index=["c", "a", "b"]), [1.0, 2.0, 3.0]),
    ],
)
def test_valid_thresholds(thresholds, expected):
    values = check_class_thresholds(thresholds, 3, "f")
    assert values.dtype == np.float64
    np.testing.assert_array_equal(values, expected)


@pytest.mark.parametrize(
    "thresholds, match",
    [
        ([1.0, 2.0], r"shape \(3,\), one threshold per class; got shape \(2,\)"),
        ("high", "must be a float or an array of floats"),
        ([1.0, [2.0], 3.0], "must be a float or an array of floats"),
        ([True, True, True], "must be a float or an array of floats"),
        ([1.0, np.nan, 1.0], "contains NaN"),
        ([1.0, 0.0, 1.0], "must be positive"),
        ([1.0, -2.0, 1.0], "must be positive"),
        ([np.inf] * 3, "inf for every class"),
    ],
)
def test_invalid_thresholds_name_the_argument(thresholds, match):
    with pytest.raises(InvalidParameterError, match=match) as info:
        check_class_thresholds(thresholds, 3, "f", name="w")
    assert "'w' parameter of f" in str(info.value)
