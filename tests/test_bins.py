"""MetricAccumulator(bins=): sweeps and tuned cut-offs of a stream, exact on the
bin edges."""

import itertools
import pickle

import numpy as np
import pytest

import skmultimetrics as smm
from skmultimetrics import MetricAccumulator

COUNT_METRICS = {
    "f1": smm.f1_score,
    "precision": smm.precision_score,
    "recall": smm.recall_score,
    "jaccard": smm.jaccard_score,
}


def data(seed, n_labels=3):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(30, 120))
    y = rng.random((n, n_labels)) < 0.35
    y[:, -1] = False  # a label without positives
    s = np.clip(y * 0.3 + rng.random((n, n_labels)) * 0.7, 0, 1)
    s[:5] = 0.4  # scores on an edge
    w = rng.random(n) * 2 if seed % 2 else None
    return rng, y, s, w


def filled(y, s, w, rng, bins, merge=False):
    cuts = sorted(rng.choice(np.arange(1, y.shape[0]), 3, replace=False))
    bounds = [0, *cuts, y.shape[0]]
    accs = [MetricAccumulator(["f1_macro"], bins=bins) for _ in bounds[1:]]
    for acc, a, b in zip(accs, bounds[:-1], bounds[1:]):
        target = acc if merge else accs[0]
        target.update(y[a:b], s[a:b], sample_weight=None if w is None else w[a:b])
    if merge:
        for other in accs[1:]:
            accs[0].merge(pickle.loads(pickle.dumps(other)))
    return accs[0]


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("metric", list(COUNT_METRICS))
@pytest.mark.filterwarnings("ignore:.*the range of the edges of bins=:UserWarning")
def test_sweep_is_exact_on_the_edges(seed, metric):
    rng, y, s, w = data(seed)
    bins = 5 if seed % 3 else [0.1, 0.4, 0.45, 0.9]
    acc = filled(y, s, w, rng, bins, merge=seed % 2 == 0)
    sweep = acc.sweep(metric)
    func = COUNT_METRICS[metric]
    for j in range(y.shape[1]):
        expected = [
            func(y[:, j], s[:, j] >= t, sample_weight=w, zero_division=0)
            for t in sweep.thresholds[j]
        ]
        np.testing.assert_allclose(sweep.scores[j], expected, rtol=1e-12, atol=1e-15)
        best = int(np.argmax(expected))
        assert sweep.best_thresholds[j] == sweep.thresholds[j][best]
        assert sweep.best_scores[j] == pytest.approx(expected[best], rel=1e-12)
    assert sweep.thresholds[0][0] == np.inf and sweep.thresholds[0][-1] == -np.inf


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize(
    "scoring",
    [
        "f1_macro",
        "f1_micro",
        "jaccard_weighted",
        "hamming_accuracy",
        "f2_macro",
        "f0.5_micro",
    ],
)
def test_tuned_cut_offs_are_the_best_edges(seed, scoring):
    rng, y, s, w = data(seed)
    acc = filled(y, s, w, rng, 4)
    result = acc.optimize_thresholds(scoring)
    metric, _, average = scoring.partition("_")

    def value(cuts):
        cuts = np.asarray(cuts, dtype=float)
        if scoring == "hamming_accuracy":
            return smm.hamming_accuracy_score(y, s, threshold=cuts, sample_weight=w)
        if metric in ("f2", "f0.5"):
            return smm.fbeta_score(
                y, s, beta=float(metric[1:]), threshold=cuts, average=average,
                sample_weight=w, zero_division=0,
            )  # fmt: skip
        return COUNT_METRICS[metric](
            y, s, threshold=cuts, average=average, sample_weight=w, zero_division=0
        )

    candidates = [np.inf, *np.linspace(0, 1, 5)[::-1], -np.inf]
    best = max(value(c) for c in itertools.product(candidates, repeat=y.shape[1]))
    assert result.score == pytest.approx(best, rel=1e-12)
    assert value(result.thresholds) == pytest.approx(result.score, rel=1e-12)


def test_binary_targets():
    rng = np.random.default_rng(0)
    y = (rng.random(200) < 0.3).astype(int)
    s = np.clip(y * 0.3 + rng.random(200) * 0.7, 0, 1)
    acc = MetricAccumulator(["f1_micro"], bins=20)
    acc.update(y[:80], s[:80]).update(y[80:], s[80:])
    result = acc.optimize_thresholds()  # F1 of class 1
    assert isinstance(result.thresholds, float)
    assert result.score == pytest.approx(smm.f1_score(y, s >= result.thresholds))
    sweep = acc.sweep("recall")
    assert sweep.best_score == 1.0  # at the highest edge that finds them all
    assert smm.recall_score(y, s >= sweep.best_threshold) == 1.0
    higher = sweep.thresholds[list(sweep.thresholds).index(sweep.best_threshold) - 1]
    assert smm.recall_score(y, s >= higher) < 1.0


def test_bins_errors():
    _, y, s, _ = data(0)
    for bad in (0, -2, [0.5, 0.2], [[0.1, 0.2]], [0.1, np.nan], [], "ten", 2.5):
        with pytest.raises(ValueError, match="bins"):
            MetricAccumulator(bins=bad)
    acc = MetricAccumulator(["f1_macro"]).update(y, s)
    with pytest.raises(ValueError, match="bins="):
        acc.sweep()
    with pytest.raises(ValueError, match="bins="):
        acc.optimize_thresholds()
    binned = MetricAccumulator(["f1_macro"], bins=5).update(y, s)
    with pytest.raises(ValueError, match="histograms do not keep"):
        binned.optimize_thresholds("f1_samples")
    with pytest.raises(ValueError, match="other settings"):
        binned.merge(MetricAccumulator(["f1_macro"], bins=6).update(y, s))
    with pytest.raises(ValueError, match="metric"):
        binned.sweep("auc")
    multiclass = MetricAccumulator(["f1_macro"], bins=5)
    with pytest.raises(ValueError, match="bins= needs"):
        multiclass.update([0, 1, 2], np.eye(3))
    assert multiclass.n_samples_ == 0


def test_histograms_of_sparse_integer_truth():
    import scipy.sparse as sp

    y = np.array([[1, 0], [0, 1], [1, 1]])
    s = np.array([[0.9, 0.2], [0.4, 0.6], [0.7, 0.1]])
    acc = MetricAccumulator("f1_macro", bins=4).update(sp.csr_array(y), s)
    dense = MetricAccumulator("f1_macro", bins=4).update(y, s)
    for a, b in zip(acc.sweep().scores, dense.sweep().scores):
        np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize(
    "name",
    [
        "f1_macro",
        "f1_micro",
        "precision_weighted",
        "recall_macro",
        "jaccard_micro",
        "f1",
    ],
)
def test_binary_stream_averages_over_both_classes_as_scikit_learn(seed, name):
    from sklearn import metrics as sk

    rng = np.random.default_rng(seed)
    y = (rng.random(150) < 0.25).astype(int)
    s = np.round(np.clip(0.25 * y + 0.75 * rng.random(150), 0, 1), 1)
    w = rng.integers(1, 4, 150).astype(float) if seed % 2 else None
    edges = np.linspace(0, 1, 11)
    acc = MetricAccumulator(metrics=(name,), bins=edges)
    acc.update(y[:70], s[:70], sample_weight=None if w is None else w[:70])
    acc.update(y[70:], s[70:], sample_weight=None if w is None else w[70:])
    tuned = acc.optimize_thresholds(scoring=name)
    metric, _, average = name.partition("_")
    func = getattr(sk, f"{metric}_score")
    kw = {"average": average or "binary", "zero_division": 0.0, "sample_weight": w}
    at = func(y, (s >= tuned.thresholds).astype(int), **kw)
    best = max(func(y, (s >= t).astype(int), **kw) for t in [*edges, np.inf])
    assert tuned.score == pytest.approx(at, abs=1e-12)
    assert tuned.score == pytest.approx(best, abs=1e-12)
