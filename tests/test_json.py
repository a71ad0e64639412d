"""Strict JSON of reports: plain types, infinite cut-offs as strings, NaN as null."""

import json

import numpy as np
from test_table import Y_SCORE, Y_TRUE

from skmultimetrics import (
    multilabel_report,
)


def test_dict_is_plain_json():
    report = multilabel_report(
        Y_TRUE, Y_SCORE, thresholds=[np.array([0.3, 0.5, np.inf])], output_dict=True
    )
    # strict JSON: Python's json writes inf as Infinity, which JSON lacks
    assert json.loads(json.dumps(report, allow_nan=False)) == report
    assert report["labels"]["label 2"]["threshold"] == "inf"

    def plain(value):
        if isinstance(value, dict):
            return all(isinstance(k, str) and plain(v) for k, v in value.items())
        if isinstance(value, list):
            return all(plain(v) for v in value)
        return type(value) in (int, float, str)

    assert plain(report)


def test_dict_writes_infinite_cut_offs_as_strings_and_keeps_their_numbers():
    thresholds = [-np.inf, np.inf, [0.3, -np.inf, np.inf]]
    report = multilabel_report(Y_TRUE, Y_SCORE, thresholds=thresholds, output_dict=True)
    json.dumps(report, allow_nan=False)
    assert report["thresholds"] == ["-inf", "inf", [0.3, "-inf", "inf"]]
    assert [row["threshold"] for row in report["rows"]] == report["thresholds"]
    # -inf predicts every cell, inf none
    assert report["rows"][0]["predicted_positive_share"] == 1.0
    assert report["rows"][1]["predicted_positive_share"] == 0.0
    # the text form keeps reading them as numbers
    text = multilabel_report(Y_TRUE, Y_SCORE, thresholds=[[0.3, -np.inf, np.inf]])
    assert "cut-off inf: the label is never predicted" in text


def test_strict_json_writes_nan_as_null():
    from skmultimetrics._report._table import strict_json

    value = {"a": [np.nan, 1.5, -np.inf], "b": {"c": np.inf}, "d": 2}
    assert strict_json(value) == {"a": [None, 1.5, "-inf"], "b": {"c": "inf"}, "d": 2}
