"""The samples averages from one division of integer per-sample counts: the
same bits as scikit-learn's (zeros of undefined samples summed in place, as its
``nanmean`` / ``average``), dense and sparse, weighted and not."""

import warnings

import numpy as np
import pytest
import scipy.sparse as sp
from sklearn import metrics as sk

import skmultimetrics as smm
from skmultimetrics._counts._statistics import count
from skmultimetrics._counts._sums import multilabel_sums

FUNCS = {
    "precision": (smm.precision_score, sk.precision_score, {}),
    "recall": (smm.recall_score, sk.recall_score, {}),
    "f1": (smm.f1_score, sk.f1_score, {}),
    "f2": (smm.fbeta_score, sk.fbeta_score, {"beta": 2.0}),
    "f0.5": (smm.fbeta_score, sk.fbeta_score, {"beta": 0.5}),
    "jaccard": (smm.jaccard_score, sk.jaccard_score, {}),
}


def random_pair(rng, n, n_labels):
    """Sparse labels: many samples with no true or no predicted label, spread
    through the rows (the undefined ratios between defined ones)."""
    density = rng.uniform(0.005, 0.2)
    y_true = (rng.random((n, n_labels)) < density).astype(np.int64)
    y_pred = (rng.random((n, n_labels)) < density).astype(np.int64)
    return y_true, y_pred


def both(ours, theirs, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return ours(*args, **kwargs), theirs(*args, **kwargs)


@pytest.mark.parametrize("name", FUNCS)
@pytest.mark.parametrize("zero_division", [0.0, "warn", np.nan])
def test_samples_average_has_scikit_learns_bits(name, zero_division):
    ours, theirs, kwargs = FUNCS[name]
    if name == "jaccard" and zero_division is np.nan:
        return  # scikit-learn's jaccard_score refuses NaN
    rng = np.random.default_rng(0)
    for trial in range(12):
        n = int(rng.integers(9, 3000))
        y_true, y_pred = random_pair(rng, n, int(rng.integers(2, 12)))
        for sparse in (False, True):
            args = (y_true, y_pred)
            if sparse:
                args = (sp.csr_array(y_true), sp.csr_array(y_pred))
            got, expected = both(
                ours, theirs, *args, average="samples",
                zero_division=zero_division, **kwargs,
            )  # fmt: skip
            assert got == expected or (np.isnan(got) and np.isnan(expected)), (
                trial,
                sparse,
            )


@pytest.mark.parametrize("name", FUNCS)
def test_weighted_samples_average_has_scikit_learns_bits(name):
    # zero_division=0: scikit-learn's np.average of the full row of values
    ours, theirs, kwargs = FUNCS[name]
    rng = np.random.default_rng(1)
    for trial in range(12):
        n = int(rng.integers(9, 3000))
        y_true, y_pred = random_pair(rng, n, int(rng.integers(2, 12)))
        weight = rng.random(n) * (rng.random(n) < 0.9)  # some weights of 0
        got, expected = both(
            ours, theirs, y_true, y_pred, average="samples", zero_division=0,
            sample_weight=weight, **kwargs,
        )  # fmt: skip
        assert got == expected, trial


@pytest.mark.parametrize("zero_division", [1.0, np.nan])
def test_weighted_samples_average_with_other_zero_divisions(zero_division):
    rng = np.random.default_rng(2)
    for _ in range(20):
        n = int(rng.integers(1, 500))
        y_true, y_pred = random_pair(rng, n, int(rng.integers(2, 6)))
        weight = rng.integers(0, 3, n).astype(float)
        for name in ("precision", "recall", "f1", "f2"):
            ours, theirs, kwargs = FUNCS[name]
            got, expected = both(
                ours, theirs, y_true, y_pred, average="samples",
                zero_division=zero_division, sample_weight=weight, **kwargs,
            )  # fmt: skip
            np.testing.assert_allclose(got, expected, rtol=1e-12, equal_nan=True)


def test_every_sample_undefined():
    y = np.zeros((5, 3), dtype=int)
    for zero_division, expected in ((1.0, 1.0), (0.0, 0.0)):
        assert smm.f1_score(y, y, average="samples", zero_division=zero_division) == (
            expected
        )
    assert np.isnan(smm.f1_score(y, y, average="samples", zero_division=np.nan))
    with pytest.warns(Warning, match="no true nor predicted"):
        assert smm.f1_score(y, y, average="samples") == 0.0


def test_per_sample_counts_are_exact_int32_also_wide():
    rng = np.random.default_rng(3)
    for n_labels in (3, 255, 256, 700):
        t = rng.random((600, n_labels)) < 0.6
        p = rng.random((600, n_labels)) < 0.6
        rows = count(t, p, by_label=False, by_sample=True)[1]
        assert rows.tp.dtype == np.int32
        np.testing.assert_array_equal(rows.tp, (t & p).sum(1))
        np.testing.assert_array_equal(rows.pred, p.sum(1))
        np.testing.assert_array_equal(rows.true, t.sum(1))


def test_sums_of_batches_add_up_to_the_one_shot_value():
    rng = np.random.default_rng(4)
    y_true, y_pred = random_pair(rng, 2000, 7)
    weight = rng.random(2000)
    for w in (None, weight):
        acc = smm.MetricAccumulator(
            ["f1_samples", "jaccard_samples", "precision_samples", "f2_samples"],
            zero_division=0,
        )
        for start in range(0, 2000, 300):
            part = slice(start, start + 300)
            acc.update(
                y_true[part], y_pred[part], sample_weight=None if w is None else w[part]
            )
        result = acc.result()
        for name, func, kwargs in (
            ("f1_samples", smm.f1_score, {}),
            ("jaccard_samples", smm.jaccard_score, {}),
            ("precision_samples", smm.precision_score, {}),
            ("f2_samples", smm.fbeta_score, {"beta": 2}),
        ):
            one_shot = func(
                y_true, y_pred, average="samples", zero_division=0,
                sample_weight=w, **kwargs,
            )  # fmt: skip
            assert result[name] == pytest.approx(one_shot, rel=1e-12)


def test_sample_sums_hold_no_nan_and_count_the_undefined():
    y_true = np.array([[1, 0], [0, 0], [0, 1], [0, 0]])
    y_pred = np.array([[1, 0], [0, 0], [1, 0], [1, 0]])
    sums = multilabel_sums(y_true != 0, y_pred != 0, None, samples=("f1", "recall"))
    f1, recall = sums["samples"]["f1"], sums["samples"]["recall"]
    assert (f1["n_defined"], f1["n_undefined"], f1["sum"]) == (3, 1, 1.0)
    assert (recall["n_defined"], recall["n_undefined"]) == (2, 2)
    assert recall["weight_undefined"] == 2.0
