"""The error of a bad parameter (_checks/_errors.py): one class that is both a
ValueError and a TypeError, with the house message naming function and argument."""

import pytest

import skmultimetrics as smm
from skmultimetrics._checks._errors import InvalidParameterError, param_error


def test_both_value_and_type_errors_catch_it():
    error = param_error("f1_score", "average", "one of 'micro', 'macro'", "mean")
    assert isinstance(error, ValueError) and isinstance(error, TypeError)
    assert str(error) == (
        "The 'average' parameter of f1_score must be one of 'micro', 'macro'; "
        "got 'mean'."
    )
    for caught in (ValueError, TypeError):
        with pytest.raises(caught):
            raise error


@pytest.mark.parametrize(
    "call",
    [
        lambda: smm.f1_score([0, 1], [0, 1], average="mean"),
        lambda: smm.top_k_accuracy_score([0, 1, 2], [[1, 0, 0]] * 3, k="2"),
        lambda: smm.MetricAccumulator("f1_macr"),
    ],
)
def test_public_functions_raise_it_for_bad_parameters(call):
    with pytest.raises(InvalidParameterError, match=r"The '\w+' parameter of \w+"):
        call()
