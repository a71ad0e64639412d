"""The argument checks shared by confidence_interval and compare_predictions
(_uncertainty/_common.py)."""

import numpy as np
import pytest

from skmultimetrics import confidence_interval


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"confidence_level": 0}, "'confidence_level'"),
        ({"confidence_level": 1.0}, "'confidence_level'"),
        ({"confidence_level": "0.9"}, "'confidence_level'"),
        ({"n_resamples": 0}, "'n_resamples'"),
        ({"n_resamples": 2.5}, "'n_resamples'"),
        ({"metric": "f1_macr"}, "unknown metric 'f1_macr'.*f1_macro"),
        ({"metric": ["f1_macro", 3]}, "'metric'"),
        ({"method": "bootstrap"}, "'method'.*'bca'"),
        ({"groups": [0, 1, 2]}, "'groups'"),
        ({"method": "wilson", "metric": "f1_macro"}, "wilson"),
        ({"method": "delong", "metric": "f1_macro"}, "delong"),
    ],
)
def test_bad_input_raises_naming_the_argument(kwargs, match):
    y = np.array([[1, 0], [0, 1], [1, 1], [0, 0]] * 5)
    with pytest.raises(ValueError, match=match):
        confidence_interval(y, y, **kwargs)


def test_nan_scores_raise():
    y = np.array([[1, 0], [0, 1], [1, 1], [0, 0]] * 5)
    scores = y * 0.7 + 0.1
    scores[3, 1] = np.nan
    with pytest.raises(ValueError, match=r"y_pred.*NaN"):
        confidence_interval(y, scores, threshold=0.5)
    with pytest.raises(ValueError, match=r"y_pred.*NaN"):
        confidence_interval(y, scores, metric="roc_auc_macro")
