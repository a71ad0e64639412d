"""The text form of multilabel_report: aligned columns, legend, label names."""

import re

import numpy as np
from test_table import KEYS, Y_SCORE, Y_TRUE

from skmultimetrics import (
    multilabel_report,
)


def test_text_table_is_aligned_with_legend_and_digits():
    text = multilabel_report(
        Y_TRUE, Y_SCORE, thresholds=[0.3, 0.5], digits=3, target_names=["x", "y", "z"]
    )
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("threshold"))
    rows = lines[start + 1 : start + 3]
    assert [line.split()[0] for line in rows] == ["0.3", "0.5"]
    assert len({len(line) for line in [lines[start], *rows]}) == 1
    values = [float(v) for v in rows[1].split()[1:]]
    report = multilabel_report(Y_TRUE, Y_SCORE, thresholds=[0.3, 0.5], output_dict=True)
    assert values == [round(report["rows"][1][key], 3) for key in KEYS]
    assert all(re.fullmatch(r"\d\.\d{3}", v) for v in rows[1].split()[1:])
    assert "accuracy_score" in text
    assert "binary_accuracy" in text
    assert "hamming_loss" in text
    assert "Per label" not in text  # two sets: no per-label rows


def test_text_per_label_rows_use_target_names():
    text = multilabel_report(
        Y_TRUE, Y_SCORE, thresholds=0.5, target_names=["cat", "dog", "bird"]
    )
    per_label = text.split("Per label:\n")[1].splitlines()
    assert per_label[0].split() == [
        "label",
        "cut-off",
        "support",
        "precision",
        "recall",
        "f1",
    ]
    # cut-offs with the digits of the other columns
    assert per_label[3].split() == ["bird", "0.5000", "1", "0.0000", "0.0000", "0.0000"]
    assert len({len(line) for line in per_label}) == 1


def test_several_per_label_sets_are_listed():
    text = multilabel_report(
        Y_TRUE, Y_SCORE, thresholds=[[0.3, 0.5, 0.2], [0.4, 0.4, np.inf]]
    )
    assert "set 1: per-label cut-offs 0.3, 0.5, 0.2" in text
    assert "set 2: per-label cut-offs 0.4, 0.4, inf" in text
