"""Metric names to checked inputs and families (_uncertainty/_build.py): every estimate
equals its metric function, for scikit-learn's binary names and top-k inputs too."""

import numpy as np
import pytest
from test_interval import AVERAGES, SET, correlated_labels, metric_value

import skmultimetrics as smm
from skmultimetrics import MetricInterval, confidence_interval


def test_estimates_equal_the_metric_functions():
    rng = np.random.default_rng(12)
    truth, scores = correlated_labels(rng, 200, n_labels=4)
    names = [f"{m}_{a}" for m in SET for a in AVERAGES]
    names += ["subset_accuracy", "hamming_accuracy", "neg_hamming_loss"]
    weight = rng.random(200)
    result = confidence_interval(
        truth, scores, metric=names, threshold=0.5, method="delta",
        sample_weight=weight,
    )  # fmt: skip
    for name in names:
        if name == "neg_hamming_loss":
            expected = (
                smm.hamming_accuracy_score(truth, scores >= 0.5, sample_weight=weight)
                - 1
            )
        else:
            expected = metric_value(name, truth, scores >= 0.5, sample_weight=weight)
        assert result[name].estimate == pytest.approx(expected, abs=1e-12), name
    ranking = confidence_interval(
        truth, scores,
        metric=["precision_at_2", "recall_at_2", "ndcg_at_3", "top2_accuracy",
                "roc_auc_weighted", "average_precision_macro",
                "recall_at_precision_80"],
        n_resamples=20, random_state=0,
    )  # fmt: skip
    expected = {
        "precision_at_2": smm.precision_at_k_score(truth, scores, k=2),
        "recall_at_2": smm.recall_at_k_score(truth, scores, k=2, zero_division=0),
        "ndcg_at_3": smm.ndcg_at_k_score(truth, scores, k=3, zero_division=0),
        "top2_accuracy": smm.top_k_accuracy_score(truth, scores, k=2),
        "roc_auc_weighted": smm.roc_auc_score(truth, scores, average="weighted"),
        "average_precision_macro": smm.average_precision_score(truth, scores),
        "recall_at_precision_80": smm.recall_at_precision_score(
            truth, scores, min_precision=0.8
        ),
    }
    for name, value in expected.items():
        assert ranking[name].estimate == pytest.approx(value, abs=1e-12), name


def test_binary_scikit_learn_names():
    rng = np.random.default_rng(13)
    y = (rng.random(300) < 0.4).astype(int)
    score = np.clip(y * 0.3 + rng.random(300) * 0.7, 0, 1)
    names = ["f1", "precision", "recall", "accuracy", "roc_auc", "average_precision"]
    result = confidence_interval(
        y, score, metric=names, threshold=0.5, n_resamples=50, random_state=0
    )
    pred = (score >= 0.5).astype(int)
    assert result["f1"].estimate == pytest.approx(smm.f1_score(y, pred))
    assert result["precision"].estimate == pytest.approx(smm.precision_score(y, pred))
    assert result["accuracy"].estimate == pytest.approx((y == pred).mean())
    assert result["roc_auc"].estimate == pytest.approx(smm.roc_auc_score(y, score))
    assert result["average_precision"].estimate == pytest.approx(
        smm.average_precision_score(y, score)
    )
    assert isinstance(result["f1"], MetricInterval)
    assert "estimate=" in repr(result["f1"])


@pytest.mark.parametrize("seed", range(6))
def test_top_k_estimate_takes_what_top_k_accuracy_score_takes(seed):
    rng = np.random.default_rng(seed)
    n, c = 40, 4
    codes = rng.integers(0, c, n)
    scores = rng.random((n, c))
    scores[:, 1] = scores[:, 0] if seed % 2 else scores[:, 1]  # ties
    inputs = [
        (np.array(["ant", "bee", "cat", "dog"])[codes], scores),
        (codes + 10, scores),
        (np.eye(c, dtype=int)[codes], scores),
        (codes % 2, scores[:, 0]),  # binary: one column of class 1's scores
    ]
    for y, s in inputs:
        for k in (1, 2):
            for ties in ("average", "optimistic"):
                expected = smm.top_k_accuracy_score(y, s, k=k, ties=ties)
                result = confidence_interval(
                    y, s, metric=f"top{k}_accuracy", ties=ties, method="percentile",
                    n_resamples=20, random_state=0,
                )  # fmt: skip
                assert result.estimate == pytest.approx(expected, abs=1e-12)
    # class indices of the columns, one class absent: read as the accumulator does
    absent = np.where(codes == 3, 0, codes)
    expected = smm.top_k_accuracy_score(absent, scores, k=2, labels=np.arange(c))
    result = confidence_interval(absent, scores, metric="top2_accuracy")
    assert result.estimate == pytest.approx(expected, abs=1e-12)
    with pytest.raises(ValueError, match="NaN"):
        bad = scores.copy()
        bad[0, 0] = np.nan
        confidence_interval(codes, bad, metric="top2_accuracy")
