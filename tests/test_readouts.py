"""The readouts of MetricAccumulator (_stream/_readouts.py): its report equals
multilabel_report, as strict JSON."""

import numpy as np
import pytest
from test_accumulator import multilabel_case, stream

import skmultimetrics as smm
from skmultimetrics import MetricAccumulator


def test_report_equals_multilabel_report():
    rng = np.random.default_rng(3)
    y, s, w = multilabel_case(rng)
    acc = stream(["f1_macro"], y, s, w, rng, threshold=0.4)
    with pytest.raises(ValueError, match="report=True"):
        acc.report()
    acc = stream(["f1_macro"], y, s, w, rng, threshold=0.4, report=True)
    got = acc.report(output_dict=True)
    with_samples = stream(["f1_samples"], y, s, w, rng, threshold=0.4)
    assert with_samples.report(output_dict=True)["rows"] == got["rows"]
    expected = smm.multilabel_report(
        y, s, thresholds=0.4, sample_weight=w, output_dict=True
    )
    assert got.keys() == expected.keys()
    for key in ("n_samples", "n_labels", "thresholds"):
        assert got[key] == expected[key]
    for label, row in expected["labels"].items():
        assert got["labels"][label] == pytest.approx(row, rel=1e-12)
    assert got["positive_share"] == pytest.approx(expected["positive_share"])
    for name, value in expected["rows"][0].items():
        assert got["rows"][0][name] == pytest.approx(value, rel=1e-12, abs=1e-12)
    text = acc.report(target_names=list("abcdef")[: y.shape[1]], digits=2)
    assert "Per label:" in text and "\na " in text


def test_report_dict_is_strict_json_with_infinite_cut_offs():
    import json

    rng = np.random.default_rng(3)
    Y = rng.random((40, 3)) < 0.4
    P = rng.random((40, 3))
    acc = MetricAccumulator(["f1_macro"], threshold=[0.5, np.inf, -np.inf], report=True)
    report = acc.update(Y, P).report(output_dict=True)
    text = json.dumps(report, allow_nan=False)
    assert json.loads(text)["thresholds"] == [[0.5, "inf", "-inf"]]
