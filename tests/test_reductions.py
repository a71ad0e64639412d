"""From counts to scores (_counts/_reductions.py): the set metrics' formulas,
``zero_division`` and its warnings, and scikit-learn's label averages, against
scikit-learn on random label matrices and explicit formulas on random counts."""

import warnings

import numpy as np
import pytest
from sklearn import metrics as sk
from sklearn.exceptions import UndefinedMetricWarning

from skmultimetrics._counts._reductions import (
    labels_average,
    per_sample_scores,
    precision_recall_fscore_from_counts,
    ratio_terms,
    ratio_values,
    safe_divide,
)


def _counts(seed, n=50, c=6, axis=0):
    rng = np.random.default_rng(seed)
    y = rng.random((n, c)) < 0.3
    p = rng.random((n, c)) < 0.3
    y[:, 0] = p[:, 0] = False  # a label with neither true nor predicted positives
    y[:, 1] = False  # a label predicted but never true
    p[:, 2] = False  # a label true but never predicted
    tp = (y & p).sum(axis=axis).astype(float)
    return y, p, tp, p.sum(axis=axis).astype(float), y.sum(axis=axis).astype(float)


@pytest.mark.parametrize("beta", [0.0, 0.5, 1.0, 2.0, np.inf])
def test_ratio_terms_are_the_formulas_on_random_counts(beta):
    rng = np.random.default_rng(0)
    true, pred = rng.integers(0, 20, 200).astype(float), rng.integers(0, 20, 200)
    tp = np.minimum(true, pred) * rng.random(200) // 1
    b2 = beta**2
    expected = {
        "precision": (tp, pred),
        "recall": (tp, true),
        "jaccard": (tp, true + pred - tp),
        "f1": (2 * tp, pred + true),
    }
    for metric, (num, den) in expected.items():
        got = ratio_terms(metric, tp, pred, true)
        np.testing.assert_array_equal(got[0], num)
        np.testing.assert_array_equal(got[1], den)
    if np.isinf(beta):
        fbeta = (tp, true)
    elif beta == 0:
        fbeta = (tp, pred)
    else:
        fbeta = ((1 + b2) * tp, pred + b2 * true)
    for got, want in zip(ratio_terms("fbeta", tp, pred, true, beta), fbeta):
        np.testing.assert_allclose(got, want, rtol=1e-15)
    values = ratio_values("fbeta", tp, pred, true, beta, fill=-1.0)
    num, den = fbeta
    defined = np.asarray(den) > 0
    np.testing.assert_allclose(
        values[defined], (num / np.where(defined, den, 1))[defined]
    )
    assert np.all(values[~defined] == -1.0)


@pytest.mark.parametrize("zero_division", [0.0, 1.0, np.nan])
@pytest.mark.parametrize("beta", [0.5, 1.0, 2.0])
def test_per_label_scores_equal_scikit_learn(zero_division, beta):
    for seed in range(5):
        y, p, tp, pred, true = _counts(seed)
        got = precision_recall_fscore_from_counts(
            tp, pred, true, beta=beta, average=None, warn_for=(),
            zero_division=zero_division,
        )  # fmt: skip
        expected = sk.precision_recall_fscore_support(
            y, p, beta=beta, average=None, zero_division=zero_division
        )
        for ours, theirs in zip(got, expected[:3]):
            np.testing.assert_allclose(ours, theirs, rtol=1e-12, equal_nan=True)


def test_zero_division_warn_is_zero_and_warns_as_scikit_learn():
    y, p, tp, pred, true = _counts(1)
    with pytest.warns(UndefinedMetricWarning) as ours:
        got = precision_recall_fscore_from_counts(
            tp, pred, true, beta=1.0, average="macro",
            warn_for=("precision", "recall", "f-score"), zero_division="warn",
        )  # fmt: skip
    with pytest.warns(UndefinedMetricWarning) as theirs:
        expected = sk.precision_recall_fscore_support(y, p, average=None)
    for a, b in zip(got, expected[:3]):
        np.testing.assert_allclose(a, b)
    assert sorted(str(w.message) for w in ours) == sorted(
        str(w.message) for w in theirs
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # not reported: no warning
        safe_divide([0.0], [0.0], metric="precision", modifier="predicted",
                    average="macro", warn=False, zero_division="warn")  # fmt: skip


@pytest.mark.parametrize("average", ["macro", "weighted", None])
def test_labels_average_is_scikit_learns(average):
    for seed in range(5):
        y, p, tp, pred, true = _counts(seed)
        f1 = precision_recall_fscore_from_counts(
            tp, pred, true, beta=1.0, average=None, warn_for=(), zero_division=0.0
        )[2]
        expected = sk.f1_score(y, p, average=average, zero_division=0.0)
        np.testing.assert_allclose(labels_average(f1, true, average), expected)


def test_weighted_average_without_support_is_zero_and_ignores_nan_of_empty_labels():
    values = np.array([np.nan, 0.5, 1.0])
    assert labels_average(values, np.array([0.0, 1.0, 3.0]), "weighted") == 0.875
    assert labels_average(values, np.zeros(3), "weighted") == 0.0


def test_per_sample_scores_equal_scikit_learn_row_by_row():
    y, p, tp, pred, true = _counts(3, axis=1)
    rows = per_sample_scores(tp, pred, true, zero_division=0.0, beta=2.0)
    for i in range(y.shape[0]):
        yi, pi = y[i : i + 1], p[i : i + 1]
        expected = [
            sk.accuracy_score(yi, pi),
            sk.precision_score(yi, pi, average="samples", zero_division=0.0),
            sk.recall_score(yi, pi, average="samples", zero_division=0.0),
            sk.fbeta_score(yi, pi, beta=2.0, average="samples", zero_division=0.0),
            sk.jaccard_score(yi, pi, average="samples", zero_division=0.0),
        ]
        np.testing.assert_allclose(rows[:, i], expected, rtol=1e-12)
