"""The command line, called through main([...])."""

import re
import subprocess
import sys

import pytest

from skmultimetrics import __version__
from skmultimetrics._cli import main


def test_demo_prints_both_accuracies(capsys):
    assert main(["demo", "--seed", "1"]) == 0
    out = capsys.readouterr().out
    subset = float(re.search(r"subset accuracy .*?(\d\.\d{4})", out).group(1))
    hamming = float(re.search(r"hamming accuracy .*?(\d\.\d{4})", out).group(1))
    # every exact match is also a row of right cells, never the other way round
    assert 0 < subset < hamming < 1
    for average in ("micro", "macro", "samples"):
        assert re.search(rf"{average} F1\s+\d\.\d{{4}}", out)


def test_no_command_prints_help_and_fails(capsys):
    assert main([]) == 2
    assert "demo" in capsys.readouterr().out


def test_version(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert __version__ in capsys.readouterr().out


def test_python_dash_m_entry_point():
    result = subprocess.run(
        [sys.executable, "-m", "skmultimetrics", "--help"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert "demo" in result.stdout
