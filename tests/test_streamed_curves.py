"""MetricAccumulator with curve names: ROC AUC, average precision and operating
points from per-label score histograms; exact for float16 and bfloat16 scores,
bounded for others.

Equality with scikit-learn is checked to 1e-12: the histogram sums the areas
over the bins in another order than scikit-learn's trapezoid over its curve
(and weights in another order), so the last bits may differ."""

import copy
import itertools
import pickle
import warnings

import numpy as np
import pytest
from sklearn import metrics as sk

import skmultimetrics as smm
from skmultimetrics import MetricAccumulator

AVERAGES = ("macro", "micro", "weighted")
NAMES = [f"roc_auc_{a}" for a in AVERAGES]
NAMES += [f"average_precision_{a}" for a in AVERAGES]
NAMES += ["roc_auc", "average_precision", "recall_at_precision_80"]
NAMES += ["precision_at_recall_50", "recall_at_precision_0", "precision_at_recall_100"]
TOL = 1e-12


def reference(name, y, s, w):
    """The one-shot value on the concatenated arrays (scikit-learn's for ROC
    AUC and AP; the package's exact sort for the operating points)."""
    s = np.asarray(s, dtype=np.float64)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if name.startswith(("recall_at", "precision_at")):
            function, _ = smm._metrics._scorers.metric_function(
                smm._metrics._registry.lookup(name)
            )
            return function(y, s, sample_weight=w)
        average = name.rpartition("_")[2]
        average = average if average in AVERAGES else "macro"
        if name.startswith("roc_auc"):
            return sk.roc_auc_score(y, s, average=average, sample_weight=w)
        return sk.average_precision_score(y, s, average=average, sample_weight=w)


def half_scores(rng, y, dtype):
    """Scores of a dtype with many ties, tiny and large values, negatives."""
    n, n_labels = y.shape
    style = rng.integers(4)
    if style == 0:  # few distinct values: ties everywhere
        s = rng.choice(rng.random(5), size=(n, n_labels)) + 0.3 * y
    elif style == 1:  # probabilities, down to tiny ones
        z = rng.normal(size=(n, n_labels)) * 8 + 2 * y
        s = 1 / (1 + np.exp(-z))
    elif style == 2:  # logits, large and negative
        s = rng.normal(size=(n, n_labels)) * 10 ** rng.uniform(0, 6) + y
    else:
        s = rng.random((n, n_labels)) * 0.6 + 0.4 * y
    if dtype == "float16":
        return np.clip(s, -6e4, 6e4).astype(np.float16).astype(np.float32)
    ml_dtypes = pytest.importorskip("ml_dtypes")
    return s.astype(np.float32).astype(ml_dtypes.bfloat16)


def stream(names, y, s, w, rng, merge=False, convert=None):
    """An accumulator fed ``y, s, w`` in random batches (or several, merged)."""
    n = y.shape[0]
    cuts = sorted(rng.choice(np.arange(1, n), min(4, n - 1), replace=False))
    bounds = [0, *cuts, n]
    accs = [MetricAccumulator(names, threshold=0.5) for _ in bounds[1:]]
    for i, (a, b) in enumerate(itertools.pairwise(bounds)):
        scores = s[a:b] if convert is None else convert(s[a:b])
        target = accs[i] if merge else accs[0]
        target.update(y[a:b], scores, sample_weight=None if w is None else w[a:b])
    if merge:
        for other in accs[1:]:
            accs[0].merge(pickle.loads(pickle.dumps(other)))
    return accs[0]


def data(seed, binary=False):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(20, 400))
    n_labels = 1 if binary else int(rng.integers(2, 7))
    y = rng.random((n, n_labels)) < rng.uniform(0.05, 0.6)
    y[:, 0] = rng.random(n) < 0.4  # with both classes, almost surely
    if n_labels > 2 and seed % 3 == 0:
        y[:, 1] = False  # a label without positives
    w = None
    if seed % 4 == 1:
        w = rng.integers(0, 4, n).astype(float)
    elif seed % 4 == 2:
        w = rng.random(n) * 3
    return rng, y, w


def check_exact(acc, names, y, s, w):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result, bounds = acc.result(), acc.bounds()
    for name in names:
        expected = reference(name, y, s, w)
        got = result[name]
        assert got == pytest.approx(expected, abs=TOL, nan_ok=True), name
        low, high = bounds[name]
        if np.isnan(expected):
            assert np.isnan(low) and np.isnan(high), name
        else:
            assert low <= expected <= high and high - low <= 2.1e-9, name


@pytest.mark.parametrize("seed", range(40))
@pytest.mark.parametrize("dtype", ["float16", "bfloat16"])
def test_half_precision_scores_give_scikit_learns_values(seed, dtype):
    rng, y, w = data(seed)
    s = half_scores(rng, y, dtype)
    acc = stream(NAMES, y, s, w, rng, merge=seed % 2 == 1)
    check_exact(acc, NAMES, y, s.astype(np.float64), w)


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("dtype", ["float16", "bfloat16"])
def test_binary_targets(seed, dtype):
    rng, y, w = data(seed, binary=True)
    s = half_scores(rng, y, dtype)
    names = ["roc_auc", "average_precision", "recall_at_precision_70"]
    acc = stream(names, y[:, 0].astype(int), s[:, 0], w, rng, merge=seed % 2 == 0)
    check_exact(acc, names, y[:, 0], s[:, 0].astype(np.float64), w)


@pytest.mark.parametrize("seed", range(8))
def test_torch_bfloat16_tensors_are_exact(seed):
    torch = pytest.importorskip("torch")
    rng, y, w = data(seed)
    z = rng.normal(size=y.shape) * 6 + 2 * y
    s = torch.sigmoid(torch.tensor(z, dtype=torch.bfloat16))  # tiny values too
    acc = stream(NAMES, y, s, w, rng, convert=None)
    check_exact(acc, NAMES, y, s.float().numpy().astype(np.float64), w)


@pytest.mark.parametrize("seed", range(40))
def test_other_scores_are_bounded(seed):
    rng, y, w = data(seed)
    scale = 10 ** rng.uniform(-3, 3)
    s = (rng.normal(size=y.shape) + y) * scale
    s = s.astype(np.float32 if seed % 2 else np.float64)
    if seed % 5 == 0:  # half-precision batches, then others
        s[: y.shape[0] // 2] = s[: y.shape[0] // 2].astype(np.float16)
    acc = stream(NAMES, y, s, w, rng, merge=seed % 3 == 0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result, bounds = acc.result(), acc.bounds()
    for name in NAMES:
        expected = reference(name, y, s, w)
        low, high = bounds[name]
        if np.isnan(expected):
            assert np.isnan(result[name]) and np.isnan(low) and np.isnan(high)
            continue
        assert low <= expected <= high, name
        assert low <= result[name] <= high, name


def test_bounds_are_narrow_on_a_smooth_float32_distribution():
    # the width documented in docs/user_guide/batches.rst
    rng = np.random.default_rng(1)
    n = 100_000
    y = rng.random(n) < 0.3
    s = (1 / (1 + np.exp(-(rng.normal(size=n) + y)))).astype(np.float32)
    names = ["roc_auc", "average_precision", "precision_at_recall_50"]
    acc = MetricAccumulator(names, threshold=0.5)
    for start in range(0, n, 10_000):
        acc.update(y[start : start + 10_000], s[start : start + 10_000])
    widths = {name: high - low for name, (low, high) in acc.bounds().items()}
    assert widths["roc_auc"] < 5e-4
    assert widths["average_precision"] < 2e-3
    assert widths["precision_at_recall_50"] < 1e-3
    assert acc.bounds()["roc_auc"][0] <= sk.roc_auc_score(y, s)


def test_weights_zero_are_left_out_and_integer_weights_repeat():
    rng = np.random.default_rng(5)
    y = rng.random((200, 3)) < 0.4
    s = rng.random((200, 3)).astype(np.float16)
    w = rng.integers(0, 3, 200)
    weighted = MetricAccumulator(NAMES[:6]).update(y, s, sample_weight=w).result()
    repeated = MetricAccumulator(NAMES[:6])
    repeated.update(np.repeat(y, w, axis=0), np.repeat(s, w, axis=0))
    assert weighted == pytest.approx(repeated.result(), abs=TOL)


def test_merge_copy_and_pickle_keep_the_histogram():
    rng = np.random.default_rng(2)
    y = rng.random((300, 4)) < 0.3
    s = rng.random((300, 4)).astype(np.float16)
    first = MetricAccumulator(NAMES).update(y[:100], s[:100])
    second = MetricAccumulator(NAMES).update(y[100:], s[100:])
    before = second.result()
    first.merge(second)
    assert second.result() == before  # merging does not change the other
    clone = pickle.loads(pickle.dumps(copy.deepcopy(first)))
    assert clone.result() == first.result()
    clone.update(y[:10], s[:10])  # the copy's state is its own
    assert first.result() == pytest.approx(
        {name: reference(name, y, s, None) for name in NAMES}, abs=TOL
    )


def test_dask_arrays_stream_the_curve_names():
    da = pytest.importorskip("dask.array")
    rng = np.random.default_rng(3)
    y = rng.random((500, 4)) < 0.3
    s = rng.random((500, 4)).astype(np.float16).astype(np.float32)
    acc = MetricAccumulator(NAMES[:6]).update(
        da.from_array(y, chunks=(120, 4)), da.from_array(s, chunks=(120, 4))
    )
    assert acc.result() == pytest.approx(
        {name: reference(name, y, s, None) for name in NAMES[:6]}, abs=TOL
    )


def test_bad_input_and_names_the_stream_cannot_compute():
    y = np.array([[1, 0], [0, 1], [1, 1]])
    acc = MetricAccumulator("roc_auc_macro")
    with pytest.raises(TypeError, match=r"y_score of MetricAccumulator\.update must"):
        acc.update(y, y)  # 0/1 predictions instead of scores
    with pytest.raises(TypeError, match="y_score"):
        acc.update(y, y.astype(bool))
    assert acc.n_samples_ == 0
    for name in ("roc_auc_samples", "average_precision_samples", "roc_auc_ovo"):
        with pytest.raises(ValueError, match=f"'{name}'"):
            MetricAccumulator(name)
    with pytest.raises(ValueError, match="class indices"):
        MetricAccumulator("roc_auc_macro", threshold="argmax").update(
            np.array([0, 1, 2]), np.eye(3)
        )
    with pytest.raises(ValueError, match=r"'sample_weight' parameter .* negative"):
        acc.update(y, y * 0.5, sample_weight=[1.0, -1.0, 1.0])
    assert acc.n_samples_ == 0
    with pytest.raises(ValueError, match="no bootstrap interval"):
        MetricAccumulator("average_precision_macro", bootstrap=10)
    with pytest.raises(ValueError, match="no data"):
        MetricAccumulator("roc_auc_macro").bounds()


def test_undefined_labels_warn_as_the_one_shot_functions():
    y = np.array([[1, 0], [0, 0], [1, 0]])
    s = np.array([[0.2, 0.3], [0.4, 0.1], [0.9, 0.5]], dtype=np.float16)
    acc = MetricAccumulator(["roc_auc_macro", "average_precision_macro"])
    acc.update(y, s)
    with pytest.warns(UserWarning) as record:
        result = acc.result()
    messages = {str(r.message) for r in record}
    assert any("Only one class is present" in m for m in messages)
    assert any("No positive class found" in m for m in messages)
    assert np.isnan(result["roc_auc_macro"])
    assert result["average_precision_macro"] == pytest.approx((1 + 2 / 3) / 2 / 2)


def test_keras_get_metric_still_refuses_curves():
    keras = pytest.importorskip("skmultimetrics.keras")
    with pytest.raises(ValueError, match="ValidationMetrics"):
        keras.get_metric("roc_auc_macro")


@pytest.mark.parametrize("seed", range(6))
def test_sweeps_and_tuning_read_the_curve_histogram_without_bins(seed):
    # one machinery: an exact histogram of half-precision scores gives the
    # sweep at every float16 (or bfloat16) value, as bins= edges do
    rng, y, w = data(seed)
    s = half_scores(rng, y, "float16")
    acc = stream(["average_precision_macro"], y, s, w, rng, merge=seed % 2 == 0)
    sweep = acc.sweep("f1")
    for j in range(y.shape[1]):
        picked = rng.choice(sweep.thresholds[j].size, 5)
        for t, value in zip(sweep.thresholds[j][picked], sweep.scores[j][picked]):
            expected = smm.f1_score(
                y[:, j], s[:, j] >= t, sample_weight=w, zero_division=0
            )
            assert value == pytest.approx(expected, abs=1e-12)
    tuned = acc.optimize_thresholds("f1_macro")
    exact = smm.optimize_thresholds(y, s, scoring="f1_macro", sample_weight=w)
    assert tuned.score == pytest.approx(exact.score, abs=1e-12)
    inexact = MetricAccumulator("roc_auc_macro").update(y, s + 1e-3)
    with pytest.raises(ValueError, match="bins="):
        inexact.sweep()


@pytest.mark.parametrize("dtype", [np.float16, np.float32])
def test_the_command_line_streams_the_curves_from_npy_chunks(tmp_path, capsys, dtype):
    import json

    from skmultimetrics._cli._main import main

    rng = np.random.default_rng(4)
    y = (rng.random((301, 5)) < 0.3).astype(np.int8)
    s = (0.3 * y + rng.random((301, 5))).astype(dtype)
    np.save(tmp_path / "y.npy", y)
    np.save(tmp_path / "s.npy", s)
    argv = ["report", str(tmp_path / "y.npy"), str(tmp_path / "s.npy"), "--curves"]
    assert main([*argv, "--chunk-rows", "40", "--format", "json"]) == 0
    curves = json.loads(capsys.readouterr().out)["curves"]
    for name, entry in curves.items():
        expected = reference(name, y, s, None)
        assert entry["low"] <= expected <= entry["high"], name
        if dtype == np.float16:
            assert entry["value"] == pytest.approx(expected, abs=TOL), name
    assert main([*argv, "--chunk-rows", "40"]) == 0
    text = capsys.readouterr().out
    assert "roc_auc_macro" in text
    assert ("the exact value lies in" in text) == (dtype == np.float32)
    np.save(tmp_path / "p.npy", y)  # 0/1 predictions as scores
    argv[2] = str(tmp_path / "p.npy")
    assert main(argv) != 0
    assert "must hold scores" in capsys.readouterr().err


def test_a_value_with_wide_bounds_warns():
    # float32 scores beyond float16's range share its two infinite bins
    rng = np.random.default_rng(0)
    y = rng.random((500, 2)) < 0.3
    s = ((rng.normal(size=(500, 2)) + y) * 1e6).astype(np.float32)
    acc = MetricAccumulator(["roc_auc_macro", "average_precision_micro"]).update(y, s)
    with pytest.warns(UserWarning, match="leave the exact value anywhere in"):
        result = acc.result()
    for name, (low, high) in acc.bounds().items():
        assert low <= reference(name, y, s, None) <= high
        assert low <= result[name] <= high
    narrow = MetricAccumulator("roc_auc_macro").update(y, s / 1e6)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        narrow.result()
