"""The cut-offs of a stream's batches (_stream/_settings.py): multiclass thresholds
divide the scores."""

import numpy as np
import pytest

import skmultimetrics as smm
from skmultimetrics import MetricAccumulator


def test_multiclass_thresholds_divide_the_scores():
    rng = np.random.default_rng(5)
    y = np.arange(300) % 4
    proba = rng.dirichlet(np.ones(4), size=300)
    thr = np.array([0.5, 0.2, 0.3, 0.25])
    acc = MetricAccumulator(["f1_macro", "subset_accuracy"], threshold=thr)
    for start in range(0, 300, 70):
        acc.update(y[start : start + 70], proba[start : start + 70])
    result = acc.result()
    expected = smm.f1_score(y, proba, threshold=thr, average="macro")
    assert result["f1_macro"] == pytest.approx(expected, rel=1e-12)
    pred = (proba / thr).argmax(axis=1)
    assert result["subset_accuracy"] == pytest.approx(np.mean(pred == y))
    assert pred.tolist() != proba.argmax(axis=1).tolist()
    with pytest.raises(ValueError, match="threshold"):
        MetricAccumulator(threshold=[0.5, 0.0, 0.2, 0.3]).update(y, proba)
    with pytest.raises(ValueError, match="negative"):
        MetricAccumulator(threshold=thr).update(y, proba - 0.5)
