"""One resampled-sums bootstrap (``_uncertainty._resampled``) for the report and
the stream: multilabel_report(confidence_level=) on arrays of one block draws
the weights of confidence_interval(method="percentile", random_state=0), so
its intervals are those; more blocks agree up to Monte-Carlo error; warnings
point at the caller's line."""

import warnings

import numpy as np
import pytest
from scipy.special import ndtri

from skmultimetrics import MetricAccumulator, confidence_interval, multilabel_report
from skmultimetrics._report import _intervals
from skmultimetrics._report._intervals import ReportIntervals
from skmultimetrics._uncertainty._weights import as_generator, poisson_blocks

AVERAGES = ("micro", "macro", "samples")
KEYS = [
    "subset_accuracy",
    "hamming_accuracy",
    *(f"{m}_{a}" for a in AVERAGES for m in ("precision", "recall", "f1")),
    "jaccard_samples",
]
LABEL_METRICS = ["precision", "recall", "f1"]


def case(seed, n=None, n_labels=None):
    rng = np.random.default_rng(seed)
    n = n or int(rng.integers(60, 400))
    n_labels = n_labels or int(rng.integers(2, 6))
    latent = rng.normal(size=(n, 1))
    y = (latent + rng.normal(size=(n, n_labels))) / np.sqrt(2) > ndtri(0.6)
    s = 1 / (1 + np.exp(-(1.6 * y - 0.8 + rng.normal(size=y.shape))))
    return y, s, rng


def quiet(call):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return call()


def same(got, reference, exact):
    if exact:
        assert got == reference
    else:
        np.testing.assert_allclose(got, reference, rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("weighted", [False, True])
def test_report_of_one_block_gives_the_one_shot_percentile_intervals(seed, weighted):
    y, s, rng = case(seed)
    w = rng.uniform(0.2, 3.0, y.shape[0]) if weighted else None
    sets = [0.5] if seed % 2 else [0.3, 0.5, 0.7]
    report = quiet(
        lambda: multilabel_report(
            y, s, thresholds=sets, sample_weight=w, confidence_level=0.9,
            output_dict=True,
        )
    )  # fmt: skip
    kw = dict(
        method="percentile", n_resamples=1000, random_state=0, zero_division=0,
        confidence_level=0.9, sample_weight=w,
    )  # fmt: skip
    for t, row in zip(sets, report["rows"]):
        one = quiet(
            lambda t=t: confidence_interval(y, s, threshold=t, metric=KEYS, **kw)
        )
        for key in KEYS:
            ends = (row[f"{key}_low"], row[f"{key}_high"])
            same(ends, (one[key].low, one[key].high), exact=not weighted)
    # the predicted share: the same draws, read by hand
    weights = np.concatenate(list(poisson_blocks(as_generator(0, "t"), 1000, len(y))))
    weights = weights * (1.0 if w is None else w)
    share = (s >= sets[-1]).mean(axis=1)
    values = (weights @ share) / weights.sum(axis=1)
    expected = np.quantile(values, [0.05, 0.95])
    row = report["rows"][-1]
    got = (row["predicted_positive_share_low"], row["predicted_positive_share_high"])
    np.testing.assert_allclose(got, expected, rtol=1e-9)
    for j, entry in enumerate(report["labels"].values()):
        truth, pred = y[:, j].astype(int), (s[:, j] >= 0.5).astype(int)
        one = quiet(
            lambda t=truth, p=pred: confidence_interval(
                t, p, metric=LABEL_METRICS, **kw
            )
        )
        for metric in LABEL_METRICS:
            ends = (entry[f"{metric}_low"], entry[f"{metric}_high"])
            same(ends, (one[metric].low, one[metric].high), exact=not weighted)


def test_report_of_many_blocks_agrees_within_monte_carlo_error(monkeypatch):
    y, s, _ = case(7, n=3000, n_labels=4)
    monkeypatch.setattr(_intervals, "_BLOCK_CELLS", 4 * 700)  # 5 blocks
    report = quiet(
        lambda: multilabel_report(
            y, s, thresholds=0.5, confidence_level=0.9, output_dict=True
        )
    )
    row = report["rows"][0]
    one = confidence_interval(
        y, s, threshold=0.5, metric=KEYS, method="percentile", random_state=3,
        confidence_level=0.9, zero_division=0,
    )  # fmt: skip
    for key in KEYS:
        tol = 5 * 2.7 * one[key].standard_error / np.sqrt(1000) * np.sqrt(2)
        assert abs(row[f"{key}_low"] - one[key].low) <= tol
        assert abs(row[f"{key}_high"] - one[key].high) <= tol


def test_report_state_is_resamples_times_sums_whatever_the_rows(monkeypatch):
    # the command line's chunks: nothing per sample is kept across chunks
    monkeypatch.setattr(_intervals, "_BLOCK_CELLS", 3 * 2 * 50)
    y, s, _ = case(1, n=400, n_labels=3)
    intervals = ReportIntervals([0.3, 0.6], [], 0.95)
    shapes = None
    for start in range(0, 400, 130):
        intervals.update(y[start : start + 130], s[start : start + 130])
        now = {key: np.shape(value) for key, value in intervals.state.items()}
        assert shapes in (None, now)
        shapes = now
    assert all(shape[0] in (1000, 3) for shape in shapes.values())


def test_report_warnings_point_at_the_callers_line():
    y = np.array([[1, 0], [0, 1], [1, 1]])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        multilabel_report(y, y * 0.9, thresholds=[0.5, 0.6], confidence_level=0.95)
    assert any("drew no sample" in str(w.message) for w in caught)
    assert caught and all(w.filename == __file__ for w in caught)


def test_stream_interval_warnings_point_at_the_callers_line():
    # right everywhere; label 1 has no positives and none predicted (0/0)
    y = np.array([[1, 0], [0, 0], [1, 0]])
    names = ["recall_micro", "hamming_accuracy", "precision_macro"]
    acc = MetricAccumulator(names, bootstrap=200)
    acc.update(y, y * 0.9)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        acc.confidence_intervals()
        acc.result()
    messages = [str(w.message) for w in caught]
    assert any("drew no sample" in m for m in messages)
    assert any("zero width" in m for m in messages)
    assert any("ill-defined" in m for m in messages)
    assert all(w.filename == __file__ for w in caught)
