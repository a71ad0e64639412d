"""Precision, recall, F1 and F-beta (_metrics/_fscore.py): each is its element
of precision_recall_fscore_support, and scikit-learn's value for every average
and target kind."""

import numpy as np
import pytest
from sklearn import metrics as sk

import skmultimetrics as smm

FUNCTIONS = {
    "precision_score": (smm.precision_score, sk.precision_score, 0, {}),
    "recall_score": (smm.recall_score, sk.recall_score, 1, {}),
    "f1_score": (smm.f1_score, sk.f1_score, 2, {}),
    "fbeta_score": (smm.fbeta_score, sk.fbeta_score, 2, {"beta": 0.5}),
}


def _cases(seed):
    rng = np.random.default_rng(seed)
    y = rng.random((50, 5)) < 0.3
    p = rng.random((50, 5)) < 0.3
    y[:, 0] = p[:, 0] = False  # an undefined label
    yield ("micro", "macro", "weighted", "samples", None), y.astype(int), p.astype(int)
    c = rng.integers(0, 4, 50)
    yield ("micro", "macro", "weighted", None), c, rng.integers(0, 4, 50)
    yield ("binary", "micro", "macro", "weighted", None), c % 2, rng.integers(0, 2, 50)


@pytest.mark.parametrize("name", FUNCTIONS)
@pytest.mark.parametrize("zero_division", [0.0, 1.0, np.nan])
@pytest.mark.parametrize("seed", range(3))
def test_equal_their_element_of_prfs_and_scikit_learn(name, zero_division, seed):
    ours, theirs, index, extra = FUNCTIONS[name]
    beta = extra.get("beta", 1.0)
    for averages, y, p in _cases(seed):
        for average in averages:
            kw = {"average": average, "zero_division": zero_division, **extra}
            value = ours(y, p, **kw)
            expected = theirs(y, p, **kw)
            np.testing.assert_allclose(value, expected, rtol=1e-12, equal_nan=True)
            prfs = smm.precision_recall_fscore_support(
                y, p, beta=beta, average=average, zero_division=zero_division
            )
            np.testing.assert_allclose(value, prfs[index], equal_nan=True)


def test_binary_pos_label_of_string_classes():
    y = np.array(["spam", "ham", "spam", "ham", "spam"])
    p = np.array(["spam", "spam", "ham", "ham", "spam"])
    for name, (ours, theirs, _, extra) in FUNCTIONS.items():
        for pos_label in ("spam", "ham"):
            assert ours(y, p, pos_label=pos_label, **extra) == pytest.approx(
                theirs(y, p, pos_label=pos_label, **extra)
            ), name


def test_fbeta_is_precision_at_beta_zero_and_tends_to_recall():
    rng = np.random.default_rng(4)
    y, p = rng.random((80, 3)) < 0.4, rng.random((80, 3)) < 0.5
    for average in ("micro", "macro"):
        assert smm.fbeta_score(y, p, beta=0, average=average) == pytest.approx(
            smm.precision_score(y, p, average=average)
        )
        assert smm.fbeta_score(y, p, beta=1e4, average=average) == pytest.approx(
            smm.recall_score(y, p, average=average), abs=1e-6
        )
