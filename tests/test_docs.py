"""The documentation covers the public API: every public name has its page in
the API reference, and every public docstring passes numpydoc's validation
(with the rules below excluded, each for its reason)."""

import importlib
import inspect
import os
import re
import textwrap
from pathlib import Path

import pytest

import skmultimetrics as smm

ROOT = Path(__file__).resolve().parents[1]
API = ROOT / "docs" / "api.rst"

# numpydoc rules not applied, with the reason
EXCLUDED_RULES = {
    "ES01": "an extended summary is not required: many docstrings say it in one line",
    "SA01": "a See Also section is not required on every method",
    "EX01": "examples live on the public functions and classes and in the gallery, "
    "not on every method",
    "RT02": "the house style names returned values (`score : float`), as "
    "scikit-learn's docstrings do",
    "GL08": "scikit-learn's inherited attributes (n_features_in_, ...) have no "
    "docstring of their own; they are documented in the class's Attributes",
}


def _documented_names():
    """``module.name`` of every entry of the API reference's autosummaries."""
    names, module = set(), "skmultimetrics"
    text = API.read_text(encoding="utf-8")
    for part in re.split(r"(\.\. currentmodule:: \S+)", text):
        if part.startswith(".. currentmodule::"):
            module = part.split()[-1]
            continue
        for block in re.findall(r"\.\. autosummary::\n((?:   .*\n|\n)+)", part):
            for line in block.splitlines():
                line = line.strip()
                if line and not line.startswith(":"):
                    names.add(f"{module}.{line}")
    return names


def _keras():
    """skmultimetrics.keras, or None where Keras can't be imported (CI sets
    SKMM_REQUIRE_KERAS so that there it must be)."""
    try:
        return importlib.import_module("skmultimetrics.keras")
    except ImportError:
        if os.environ.get("SKMM_REQUIRE_KERAS"):
            raise
        return None


def _public_names():
    names = {f"skmultimetrics.{n}" for n in smm.__all__ if n != "__version__"}
    keras = _keras()
    if keras is not None:
        names |= {f"skmultimetrics.keras.{n}" for n in keras.__all__}
    return names


def _public_objects():
    targets = []
    for path in sorted(_public_names()):
        module, _, name = path.rpartition(".")
        obj = getattr(importlib.import_module(module), name)
        targets.append(path)
        if inspect.isclass(obj):
            for member, value in vars(obj).items():
                if member.startswith("_") or member.endswith("_"):
                    continue
                if callable(value) or isinstance(value, property):
                    targets.append(f"{path}.{member}")
    return targets


def test_every_public_name_has_an_api_page():
    public = _public_names()
    documented = _documented_names()
    if _keras() is None:  # Keras absent here: its entries can't be checked
        documented = {n for n in documented if not n.startswith("skmultimetrics.keras")}
    assert public - documented == set(), "public names missing from docs/api.rst"
    assert documented - public == set(), "docs/api.rst lists names that are not public"


@pytest.mark.parametrize("target", _public_objects())
def test_public_docstrings_pass_numpydoc_validation(target):
    validate = pytest.importorskip("numpydoc.validate")
    errors = [
        f"{code}: {message}"
        for code, message in validate.validate(target)["errors"]
        if code not in EXCLUDED_RULES
    ]
    assert not errors, "\n".join(errors)


def test_shared_docstring_fragments_are_filled_in():
    import re

    from skmultimetrics._metrics._docstrings import FRAGMENTS

    filled = dict.fromkeys(FRAGMENTS, 0)
    for path in sorted(_public_names()):
        module, _, name = path.rpartition(".")
        obj = getattr(importlib.import_module(module), name)
        doc = inspect.getdoc(obj) or ""
        assert not re.search(r"^\w+ : <\w+>$", doc, re.MULTILINE), obj
        for key, fragment in FRAGMENTS.items():
            filled[key] += textwrap.dedent(fragment) in doc
    assert filled["threshold"] >= 6  # precision, recall, F-beta, F1, Jaccard, PRFS
    assert min(filled.values()) >= 2, filled  # a fragment is shared
