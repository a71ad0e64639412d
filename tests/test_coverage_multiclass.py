"""optimize_thresholds on multiclass targets given as a column, or holding
NaN / infinity (branches of check_multiclass_scores the suite left unexecuted)."""

import numpy as np
import pytest
from sklearn.metrics import f1_score

from skmultimetrics import optimize_thresholds


def _scores(seed, n=120, n_classes=4):
    rng = np.random.default_rng(seed)
    y = rng.integers(0, n_classes, n)
    s = rng.random((n, n_classes)) + 0.8 * np.eye(n_classes)[y]
    return y, s / s.sum(axis=1, keepdims=True)


@pytest.mark.parametrize("seed", range(5))
def test_a_column_of_classes_is_the_same_target(seed):
    y, s = _scores(seed)
    flat = optimize_thresholds(y, s, scoring="f1_macro")
    column = optimize_thresholds(y[:, None], s, scoring="f1_macro")
    np.testing.assert_array_equal(column.thresholds, flat.thresholds)
    np.testing.assert_array_equal(column.classes, flat.classes)
    # the score reached is scikit-learn's on argmax(scores / thresholds)
    pred = column.classes[np.argmax(s / column.thresholds, axis=1)]
    assert column.score == pytest.approx(f1_score(y, pred, average="macro"))


@pytest.mark.parametrize(
    "bad, what", [(np.nan, "missing values"), (np.inf, "infinity")]
)
def test_non_finite_classes_are_refused(bad, what):
    y, s = _scores(0)
    y = y.astype(float)
    y[3] = bad
    with pytest.raises(
        ValueError, match=f"y_true of optimize_thresholds contains {what}"
    ):
        optimize_thresholds(y, s, scoring="f1_macro")
