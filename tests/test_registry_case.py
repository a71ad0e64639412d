"""The unknown-name message suggests the right name whatever its case."""

import pytest

from skmultimetrics import MetricAccumulator, confidence_interval, get_scorer


@pytest.mark.parametrize("name", ["F1_MACRO", "Precision_Micro", "TOP5_ACCURACY"])
@pytest.mark.parametrize(
    "call",
    [
        lambda name: get_scorer(name),
        lambda name: MetricAccumulator(name),
        lambda name: confidence_interval([[0, 1]], [[0, 1]], metric=name),
    ],
)
def test_upper_case_names_get_the_lower_case_name_suggested(name, call):
    with pytest.raises(ValueError, match=r"closest valid names are \[") as info:
        call(name)
    closest = str(info.value).split("closest valid names are ")[1]
    assert closest.startswith(f"['{name.lower()}'")
