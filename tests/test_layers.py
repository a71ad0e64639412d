"""The package's layers (pyproject.toml, ``[tool.importlinter]``) are kept, and
its tests mirror its modules.

Each layer is a folder and imports only from the layers below it; the modules of
a layer import each other without circles. ``lint-imports`` checks both; these
tests run it on the package, and on a copy with one upward import added, to show
that a break fails with the two modules named.

Every module with logic has its test file: ``tests/test_<module>.py`` (the module's
file name without its leading underscore), or ``tests/test_<folder>_<module>.py``,
which is required where modules of several folders share the name (more files on
one module add a topic: ``test_<module>_<topic>.py``). The modules without logic
(re-exports, entry points) are listed in ``LOGIC_FREE``.
"""

import ast
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
TESTS = Path(__file__).resolve().parent
# modules that define no function or class: nothing of their own to test
LOGIC_FREE = {
    "__init__.py",
    "__main__.py",
    *(f"{layer}/__init__.py" for layer in ("_checks", "_cli", "_counts", "_metrics",
                                           "_report", "_stream", "_thresholds",
                                           "_uncertainty", "keras", "torch")),
}  # fmt: skip
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


def _test_names(module, modules):
    """The test files ``module`` may have; the first alone where its name is
    shared by modules of other folders."""
    name = module.stem.strip("_")
    folder = module.parent.name.strip("_")
    own = f"test_{folder}_{name}.py"
    shared = sum(other.stem.strip("_") == name for other in modules) > 1
    return [own] if shared else [own, f"test_{name}.py"]


def test_every_module_with_logic_has_its_test_file():
    modules = sorted(PACKAGE.rglob("*.py"))
    tests = {path.name for path in TESTS.glob("test_*.py")}
    missing, listed_with_logic = [], []
    for module in modules:
        key = module.relative_to(PACKAGE).as_posix()
        tree = ast.parse(module.read_text())
        logic = any(
            isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
            for node in ast.walk(tree)
        )
        if key in LOGIC_FREE:
            if logic:
                listed_with_logic.append(key)
            continue
        names = _test_names(module, modules)
        if not tests.intersection(names):
            missing.append(f"{key}: tests/{names[-1]}")
    assert not missing, f"modules without their test file: {missing}"
    assert not listed_with_logic, f"LOGIC_FREE modules with logic: {listed_with_logic}"


def test_the_test_file_rule_names_shared_module_names_by_folder():
    modules = sorted(PACKAGE.rglob("*.py"))
    assert _test_names(PACKAGE / "_report" / "_rows.py", modules) == [
        "test_report_rows.py"
    ]
    assert _test_names(PACKAGE / "_cli" / "_main.py", modules) == ["test_cli_main.py"]
    assert _test_names(PACKAGE / "_counts" / "_histogram.py", modules) == [
        "test_counts_histogram.py",
        "test_histogram.py",
    ]
