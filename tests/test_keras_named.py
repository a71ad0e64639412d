"""The named Keras metrics (keras/_named.py) equal get_metric of their names."""

import pytest
from test_keras_metric import evaluate, multilabel_data, skk

import skmultimetrics as smm


def test_named_classes_equal_their_names():
    y, scores, weight = multilabel_data(7)
    metrics = [
        skk.F1Score(average="samples", threshold=0.4),
        skk.Precision(average="micro"),
        skk.Recall(average="weighted"),
        skk.Jaccard(average="macro"),
        skk.FBetaScore(beta=2.0, average="macro", threshold=0.4),
        skk.FBetaScore(beta=0.5, average="samples", name="f05_samples"),
        skk.SubsetAccuracy(threshold=0.4),
        skk.HammingAccuracy(),
        skk.TopKAccuracy(k=2, ties="pessimistic"),
    ]
    logs = evaluate(metrics, y, scores, weight)
    w = {"sample_weight": weight}
    expected = {
        "f1_samples": smm.f1_score(y, scores, threshold=0.4, average="samples", **w),
        "precision_micro": smm.precision_score(y, scores, threshold=0.5,
                                               average="micro", **w),
        "recall_weighted": smm.recall_score(y, scores, threshold=0.5,
                                            average="weighted", **w),
        "jaccard_macro": smm.jaccard_score(y, scores, threshold=0.5,
                                           average="macro", **w),
        "f2_macro": smm.fbeta_score(y, scores, beta=2.0, threshold=0.4,
                                       average="macro", **w),
        "f05_samples": smm.fbeta_score(y, scores, beta=0.5, threshold=0.5,
                                       average="samples", **w),
        "subset_accuracy": smm.subset_accuracy_score(y, scores, threshold=0.4, **w),
        "hamming_accuracy": smm.hamming_accuracy_score(y, scores, threshold=0.5, **w),
        "top2_accuracy": smm.top_k_accuracy_score(y, scores, k=2,
                                                  ties="pessimistic", **w),
    }  # fmt: skip
    for name, value in expected.items():
        assert logs[name] == pytest.approx(value, abs=1e-5), name
