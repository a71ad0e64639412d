"""The package's layers (pyproject.toml, ``[tool.importlinter]``) are kept.

Each layer is a folder and imports only from the layers below it; the modules of
a layer import each other without circles. ``lint-imports`` checks both; these
tests run it on the package, and on a copy with one upward import added, to show
that a break fails with the two modules named.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import skmultimetrics

pytest.importorskip("importlinter")

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = Path(skmultimetrics.__file__).resolve().parent
LAYERS = [
    "keras",
    "torch",
    "_cli",
    "_stream",
    "_report",
    "_uncertainty",
    "_thresholds",
    "_metrics",
    "_counts",
    "_checks",
]


def lint_imports(cwd, pythonpath):
    env = {**os.environ, "PYTHONPATH": str(pythonpath), "NO_COLOR": "1"}
    code = "from importlinter.cli import lint_imports_command; lint_imports_command()"
    return subprocess.run(
        [sys.executable, "-c", code, "--no-cache"],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def package_copy(tmp_path):
    """The package and the linter's configuration, copied to ``tmp_path``."""
    shutil.copytree(
        PACKAGE,
        tmp_path / "skmultimetrics",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path / "skmultimetrics"


def test_every_module_is_in_a_layer():
    modules = {path.name for path in PACKAGE.iterdir()} - {"__pycache__"}
    assert modules == {"__init__.py", "__main__.py", *LAYERS}
    for layer in LAYERS:
        doc = (PACKAGE / layer / "__init__.py").read_text()
        assert doc.startswith('"""Layer'), f"{layer} says what it is"


def test_the_layers_contract_is_kept():
    result = lint_imports(ROOT, ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 kept, 0 broken" in result.stdout


def test_an_upward_import_breaks_it(tmp_path):
    copy = package_copy(tmp_path)
    with open(copy / "_counts" / "_statistics.py", "a") as module:
        module.write("\nfrom .._metrics._accuracy import subset_accuracy_score\n")
    result = lint_imports(tmp_path, tmp_path)
    assert result.returncode == 1
    assert (
        "skmultimetrics._counts is not allowed to import skmultimetrics._metrics"
        in result.stdout
    )
    upward = "skmultimetrics._counts._statistics -> skmultimetrics._metrics._accuracy"
    assert upward in result.stdout


def test_a_circle_inside_a_layer_breaks_it(tmp_path):
    copy = package_copy(tmp_path)
    with open(copy / "_report" / "_text.py", "a") as module:
        module.write("\nfrom ._table import multilabel_report\n")
    result = lint_imports(tmp_path, tmp_path)
    assert result.returncode == 1
    assert "No cycles are allowed in skmultimetrics._report" in result.stdout


def test_a_module_outside_the_layers_breaks_it(tmp_path):
    copy = package_copy(tmp_path)
    (copy / "_extra.py").write_text('"""A module in no layer."""\n')
    result = lint_imports(tmp_path, tmp_path)
    assert result.returncode == 1
    assert "not listed as layers" in result.stdout
    assert "skmultimetrics._extra" in result.stdout


def test_keras_and_torch_are_independent_siblings(tmp_path):
    copy = package_copy(tmp_path)
    with open(copy / "torch" / "_sync.py", "a") as module:
        module.write("\nfrom ..keras import _ops\n")
    result = lint_imports(tmp_path, tmp_path)
    assert result.returncode == 1
    assert "skmultimetrics.torch is not allowed to import skmultimetrics.keras" in (
        result.stdout
    )
