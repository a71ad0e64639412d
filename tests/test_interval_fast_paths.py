"""The fast paths of the intervals equal their plain definitions: the delta
method's one-pass projection of dense label matrices, DeLong from the scores
sorted once, and the Poisson weights from raw 64-bit draws."""

import numpy as np
import pytest
from scipy.stats import chisquare, poisson, rankdata
from sklearn.exceptions import UndefinedMetricWarning

import skmultimetrics as smm
from skmultimetrics import confidence_interval
from skmultimetrics._checks._targets import check_targets
from skmultimetrics._uncertainty._auc import _Label
from skmultimetrics._uncertainty._columns import COLUMNS, count_stats
from skmultimetrics._uncertainty._sums import Stats
from skmultimetrics._uncertainty._weights import (
    _TABLE,
    check_units,
    poisson_blocks,
    random_uint16,
)


def labels(rng, n, n_labels):
    truth = rng.random((n, n_labels)) < rng.uniform(0.05, 0.6, n_labels)
    scores = np.clip(truth * 0.3 + rng.random((n, n_labels)), 0, 1)
    return truth, scores


@pytest.mark.filterwarnings("ignore::sklearn.exceptions.UndefinedMetricWarning")
@pytest.mark.parametrize("seed", range(6))
def test_dense_projection_equals_the_columns_projection(seed):
    rng = np.random.default_rng(seed)
    n, n_labels = int(rng.integers(50, 3000)), int(rng.integers(1, 40))
    truth, scores = labels(rng, n, n_labels)
    weight = rng.random(n) + 0.1 if seed % 2 else None
    groups = rng.integers(0, max(2, n // 7), n) if seed % 3 == 0 else None
    # scores with a threshold (a lazy Thresholded input) or predictions
    y_pred = scores if seed % 2 == 0 else scores >= 0.5
    targets = check_targets(
        truth, y_pred, weight, threshold=0.5 if seed % 2 == 0 else None, func="t"
    )
    units = check_units(groups, n, "t")
    columns = {
        "tp": COLUMNS["tp"],
        "pred+true": COLUMNS["pred+true"],
        "jaccard": COLUMNS["jaccard"],
        "pred": COLUMNS["pred"],
        "fbeta": (0, 1, 4.0),
    }
    lazy, true_count = count_stats(targets, columns, units)
    plain = Stats(lazy.columns)  # the materialised (k, n_units) columns
    assert np.array_equal(true_count, truth.sum(axis=0))
    for name in columns:
        np.testing.assert_allclose(lazy.totals[name], plain.totals[name], rtol=1e-12)
    for trial in range(4):
        gradient = {
            name: rng.normal(size=n_labels) for name in list(columns)[: trial + 1]
        }
        if trial == 3:  # b == c: the (pred + true) path
            gradient = {"pred+true": rng.normal(size=n_labels)}
        np.testing.assert_allclose(
            lazy.project(gradient), plain.project(gradient), rtol=1e-9, atol=1e-12
        )


@pytest.mark.parametrize("average", ["micro", "macro", "weighted", "samples"])
def test_delta_se_matches_a_plain_influence_reference(average):
    """SE of F1 by the delta method, against the per-sample influence written
    out by hand for the micro and macro averages."""
    rng = np.random.default_rng(3)
    truth, scores = labels(rng, 800, 6)
    pred = scores >= 0.5
    result = confidence_interval(truth, pred, metric=f"f1_{average}", method="delta")
    assert result.estimate == pytest.approx(
        smm.f1_score(truth, pred, average=average), abs=1e-12
    )
    if average not in ("micro", "macro"):
        return
    tp, den = truth & pred, truth.astype(float) + pred
    if average == "micro":
        tp, den = tp.sum(axis=1, keepdims=True), den.sum(axis=1, keepdims=True)
    n = truth.shape[0]
    tp_mean, den_mean = tp.mean(axis=0), den.mean(axis=0)
    f = 2 * tp_mean / den_mean
    # influence of each sample on each label's F1, then their mean over labels
    infl = (2 * tp / den_mean - f * den / den_mean).mean(axis=1)
    se = np.sqrt(((infl - infl.mean()) ** 2).sum()) / n
    assert result.standard_error == pytest.approx(se, rel=1e-9)


def delong_components(truth, scores):
    """DeLong's structural components by ranks (the definition): ``(area,
    influence)`` with ``sum(influence**2)`` pROC's variance."""
    truth = truth.astype(bool)
    m, k = int(truth.sum()), int((~truth).sum())
    ranks = rankdata(scores)
    pos_ranks = rankdata(scores[truth])
    neg_ranks = rankdata(scores[~truth])
    v10 = (ranks[truth] - pos_ranks) / k
    v01 = 1.0 - (ranks[~truth] - neg_ranks) / m
    area = float(v10.mean())
    influence = np.empty(truth.shape[0])
    influence[truth] = (v10 - area) / np.sqrt(m * (m - 1.0))
    influence[~truth] = (v01 - area) / np.sqrt(k * (k - 1.0))
    return area, influence


def test_delong_from_one_sort_equals_the_rank_definition():
    rng = np.random.default_rng(0)
    for trial in range(300):
        n = int(rng.integers(4, 400))
        y = rng.random(n) < rng.uniform(0.05, 0.95)
        if y.sum() < 2 or (~y).sum() < 2:
            continue
        if trial % 3 == 0:  # heavy ties
            s = np.round(rng.random(n) * rng.integers(2, 9)) / 3
        else:
            s = rng.random(n).astype(np.float32 if trial % 3 == 1 else np.float64)
        area, influence = delong_components(y, s)
        area_fast, influence_fast = _Label(y, s).delong()
        assert area_fast == pytest.approx(area, abs=1e-12)
        np.testing.assert_allclose(influence_fast, influence, atol=1e-12)


def test_roc_auc_interval_warns_as_the_function_for_one_class():
    y = np.ones(50, dtype=int)
    s = np.random.default_rng(0).random(50)
    with pytest.warns(UndefinedMetricWarning, match="Only one class") as expected:
        value = smm.roc_auc_score(y, s)
    with pytest.warns(UndefinedMetricWarning) as got:
        result = confidence_interval(y, s, metric="roc_auc")
    assert np.isnan(value) and np.isnan(result.estimate) and np.isnan(result.low)
    assert str(expected[0].message) in [str(w.message) for w in got]


@pytest.mark.parametrize(
    "bit_generator",
    [np.random.PCG64, np.random.PCG64DXSM, np.random.Philox, np.random.SFC64,
     np.random.MT19937],
)  # fmt: skip
def test_poisson_weights_follow_poisson_one(bit_generator):
    rng = np.random.Generator(bit_generator(7))
    draws = random_uint16(rng, (300, 1001))
    assert draws.dtype == np.uint16 and draws.shape == (300, 1001)
    # every 16-bit value equally likely: the top and bottom bytes are uniform
    for byte in (draws >> 8, draws & 0xFF):
        counts = np.bincount(byte.ravel(), minlength=256)
        assert chisquare(counts).pvalue > 1e-4
    weights = np.concatenate(list(poisson_blocks(rng, 400, 1001)))
    assert weights.shape == (400, 1001) and weights.dtype == np.float32
    counts = np.bincount(weights.astype(int).ravel(), minlength=6)[:6]
    expected = poisson.pmf(np.arange(6), 1.0) * weights.size
    expected[-1] = weights.size - expected[:-1].sum()
    counts[-1] = weights.size - counts[:-1].sum()
    assert chisquare(counts, expected).pvalue > 1e-4
    assert _TABLE.max() == 8


def test_generators_advance_and_streams_differ():
    rng = np.random.default_rng(1)
    a = random_uint16(rng, (4, 5))
    b = random_uint16(rng, (4, 5))
    assert not np.array_equal(a, b)
    same = random_uint16(np.random.default_rng(1), (4, 5))
    assert np.array_equal(a, same)


def test_bootstrap_products_use_one_blas_thread_on_a_busy_machine(monkeypatch):
    from threadpoolctl import threadpool_info

    from skmultimetrics._uncertainty import _sums

    def blas_threads():
        return {i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"}

    before = blas_threads()
    seen = []
    columns = {"x": np.ones((3, 50), np.float32)}
    weights = np.ones((4, 50), np.float32)
    for busy in (True, False):
        monkeypatch.setattr(_sums, "_busy", lambda busy=busy: busy)
        with _sums.one_blas_thread():
            seen.append(blas_threads())
            with _sums.one_blas_thread():  # nested (another thread): kept
                seen.append(blas_threads())
            seen.append(blas_threads())
            np.testing.assert_array_equal(
                _sums.weighted_sums(columns, weights)["x"], np.full((4, 3), 50.0)
            )
        assert blas_threads() == before  # restored
    if before:
        assert seen[:3] == [{1}] * 3
        assert seen[3:] == [before] * 3
