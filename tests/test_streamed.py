"""Metrics of a stream by name (_metrics/_streamed.py): F-beta names from streamed sums
equal scikit-learn, and misspelt names are refused."""

import numpy as np
import pytest
from sklearn.metrics import fbeta_score


@pytest.mark.parametrize("sparse", [False, True])
def test_streamed_fbeta_equals_sklearn(sparse):
    import scipy.sparse as sp

    from skmultimetrics import MetricAccumulator

    rng = np.random.default_rng(5)
    y = (rng.random((90, 4)) < 0.3).astype(int)
    s = rng.random((90, 4))
    w = rng.random(90)
    names = [f"f{b}_{a}" for b in ("0.5", "2") for a in ("macro", "micro")]
    names += ["f2_samples", "f0.5_weighted", "f2_weighted", "f0.5_samples"]
    for weight in (None, w):
        acc = MetricAccumulator(names)
        for rows in (slice(0, 31), slice(31, 60), slice(60, 90)):
            yb, sb = y[rows], s[rows]
            if sparse:
                yb, sb = sp.csr_array(yb), sp.csr_array(sb)
            acc.update(yb, sb, sample_weight=None if weight is None else w[rows])
        with np.errstate(all="ignore"):
            result = acc.result()
        pred = (s >= 0.5).astype(int)
        for name in names:
            head, _, average = name.partition("_")
            expected = fbeta_score(
                y, pred, beta=float(head[1:]), average=average,
                sample_weight=weight, zero_division=0,
            )  # fmt: skip
            assert result[name] == pytest.approx(expected, abs=1e-12), name


def test_streamed_binary_f2():
    from skmultimetrics import MetricAccumulator

    rng = np.random.default_rng(6)
    y = rng.integers(0, 2, 50)
    s = rng.random(50)
    acc = MetricAccumulator(["f2", "f2_macro"])
    acc.update(y[:20], s[:20])
    acc.update(y[20:], s[20:])
    pred = (s >= 0.5).astype(int)
    assert acc.result()["f2"] == pytest.approx(fbeta_score(y, pred, beta=2))
    expected = fbeta_score(y, pred, beta=2, average="macro")
    assert acc.result()["f2_macro"] == pytest.approx(expected)


def test_streamed_names_parse_fbeta_and_refuse_misspellings():
    # the registry, which MetricAccumulator and skmultimetrics.keras ask
    from skmultimetrics import MetricAccumulator
    from skmultimetrics._metrics._registry import parse_names

    (spec,) = parse_names("f0.5_micro", consumer="stream", func="f")
    assert (spec.metric, spec.average, spec.beta) == ("fbeta", "micro", 0.5)
    (spec,) = parse_names("f2", consumer="stream", func="f")
    assert (spec.metric, spec.average, spec.beta) == ("fbeta", "binary", 2.0)
    for bad in ("f2.0_macro", "f.5_micro", "f0_macro", "fbeta_macro"):
        with pytest.raises(ValueError, match="unknown metric"):
            MetricAccumulator([bad])
