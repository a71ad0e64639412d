"""skmultimetrics demo: the report of a generated example before and after tuning."""

import re

from test_cli_main import _numbers, run


def test_demo_prints_the_report_before_and_after_tuning(capsys):
    code, out, err = run(capsys, "demo", "--seed", "0")
    assert code == 0
    assert "fitting" in err  # progress on stderr
    lines = out.splitlines()
    header = next(line.split() for line in lines if line.startswith("threshold"))
    before = _numbers(next(line for line in lines if line.strip().startswith("0.5")))
    after = _numbers(next(line for line in lines if line.startswith("per-label")))
    row = dict(zip(header[1:], before))
    # every exact match is also a row of right cells, never the other way round
    assert 0 < row["subset"] < row["hamming"] < 1
    # cut-offs tuned for macro F1 (column 8: macro f1) and printed in the summary
    assert f"Tuning moved macro F1 from {before[7]:.4f} to {after[7]:.4f}" in out
    assert f"hamming accuracy (Keras 'accuracy') is {before[1]:.4f}" in out
    assert "accuracy_score" in out
    assert "binary_accuracy" in out
    assert "Per label at the tuned cut-offs" in out
    top = [float(v) for v in re.findall(r"top-[135] accuracy\s+(\d\.\d{4})", out)]
    assert len(top) == 3
    assert 0 < top[0] <= top[1] <= top[2] <= 1
