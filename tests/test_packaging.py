"""The project's own promises: one test command, one metadata source, the API."""

import configparser
import re
from pathlib import Path

import tomllib

import skmultimetrics

ROOT = Path(__file__).resolve().parents[1]


def _readme_commands():
    readme = (ROOT / "README.md").read_text()
    return re.findall(r"```bash\n(.*?)\n```", readme, flags=re.S)


def test_ci_runs_the_readme_test_command_verbatim():
    commands = _readme_commands()
    test_commands = [c for c in commands if "pytest" in c]
    assert len(test_commands) == 1
    ci = (ROOT / ".ci" / "run").read_text().splitlines()
    assert test_commands[0].strip() in [line.strip() for line in ci]


def test_metadata_lives_in_setup_cfg_only():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert "project" not in pyproject
    cfg = configparser.ConfigParser()
    cfg.read(ROOT / "setup.cfg")
    requires = cfg["options"]["install_requires"].split()
    names = {re.split(r"[<>=]", r)[0] for r in requires}
    assert names == {"numpy", "scipy", "scikit-learn"}
    assert "skmultimetrics =" in cfg["options.entry_points"]["console_scripts"]


def test_public_names_are_exported():
    for name in skmultimetrics.__all__:
        assert hasattr(skmultimetrics, name), name
    assert isinstance(skmultimetrics.__version__, str)


def test_the_console_script_points_at_the_command_line():
    import importlib

    cfg = configparser.ConfigParser()
    cfg.read(ROOT / "setup.cfg")
    script = cfg["options.entry_points"]["console_scripts"].strip()
    module, _, function = script.split("=", 1)[1].strip().partition(":")
    main = getattr(importlib.import_module(module), function)
    assert main(["--version"]) == 0


def test_ruff_check_and_format_are_clean():
    import subprocess
    import sys

    import pytest

    pytest.importorskip("ruff")
    for command in (["check", "."], ["format", "--check", "."]):
        result = subprocess.run(
            [sys.executable, "-m", "ruff", *command],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stdout + result.stderr


def test_the_licence_file_exists_and_is_shipped():
    licence = (ROOT / "LICENSE").read_text()
    assert licence.startswith("BSD 3-Clause License")
    assert "Copyright (c) 2026, the skmultimetrics developers" in licence
    cfg = configparser.ConfigParser()
    cfg.read(ROOT / "setup.cfg")
    assert cfg["metadata"]["license"] == "BSD-3-Clause"
    # named in the metadata: setuptools puts it in the sdist and the wheel
    assert cfg["metadata"]["license_files"].split() == ["LICENSE"]
