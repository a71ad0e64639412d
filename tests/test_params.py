"""Argument checks (_checks/_params.py): average, zero_division, beta, normalize and
sample_weight, each error naming the function and the argument."""

from functools import partial

import numpy as np
import pytest
from test_targets import Y, call, funcs

import skmultimetrics as smm


@funcs
@pytest.mark.parametrize(
    "weight, match",
    [
        ([1.0, 2.0], r"'sample_weight' .* shape \(4,\)"),
        ([1.0, np.nan, 1.0, 1.0], "'sample_weight' .* NaN"),
        ([0.0, 0.0, 0.0, 0.0], "'sample_weight' .* non-zero"),
        (np.ones((4, 1)), r"'sample_weight' .* shape \(4,\)"),
    ],
)
def test_bad_sample_weight(f, weight, match):
    with pytest.raises(ValueError, match=match):
        call(f, Y, Y, sample_weight=weight)


@pytest.mark.parametrize(
    "f",
    [
        smm.precision_score,
        smm.recall_score,
        smm.f1_score,
        partial(smm.fbeta_score, beta=2),
        smm.jaccard_score,
        smm.precision_recall_fscore_support,
    ],
)
def test_bad_average_and_zero_division(f):
    with pytest.raises(ValueError, match=r"'average' parameter .* got 'mean'"):
        f(Y, Y, average="mean")
    with pytest.raises(ValueError, match="'zero_division' parameter"):
        f(Y, Y, average="micro", zero_division=0.5)
    with pytest.raises(ValueError, match="average='binary'"):
        f(Y, Y, average="binary")
    with pytest.raises(ValueError, match="Samplewise metrics"):
        f([0, 1, 2], [0, 1, 1], average="samples")
    with pytest.raises(ValueError, match="All labels must be in"):
        f(Y, Y, average="macro", labels=[0, 3])


def test_bad_beta_and_normalize():
    with pytest.raises(ValueError, match="'beta' parameter"):
        smm.fbeta_score(Y, Y, beta=-1, average="micro")
    with pytest.raises(TypeError, match="'normalize' parameter"):
        smm.subset_accuracy_score(Y, Y, normalize="yes")
