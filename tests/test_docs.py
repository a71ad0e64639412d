"""The documentation covers the public API: every public name has its page in
the API reference, and every public docstring passes numpydoc's validation
(with the rules below excluded, each for its reason)."""

import inspect
import re
from pathlib import Path

import pytest

import skmultimetrics as smm

ROOT = Path(__file__).resolve().parents[1]
API = ROOT / "docs" / "api.rst"

# numpydoc rules not applied, with the reason
EXCLUDED_RULES = {
    "ES01": "an extended summary is not required: many docstrings say it all in one line",
    "SA01": "a See Also section is not required on every method",
    "EX01": "examples live on the public functions and classes and in the gallery, "
    "not on every method",
    "RT02": "the house style names returned values (`score : float`), as "
    "scikit-learn's docstrings do",
    "GL08": "scikit-learn's inherited attributes (n_features_in_, ...) have no "
    "docstring of their own; they are documented in the class's Attributes",
}


def _documented_names():
    text = API.read_text(encoding="utf-8")
    names = set()
    for block in re.findall(r"\.\. autosummary::\n((?:   .*\n|\n)+)", text):
        for line in block.splitlines():
            line = line.strip()
            if line and not line.startswith(":"):
                names.add(line)
    return names


def _public_objects():
    names = [name for name in smm.__all__ if name != "__version__"]
    targets = []
    for name in names:
        obj = getattr(smm, name)
        targets.append(f"skmultimetrics.{name}")
        if inspect.isclass(obj):
            for member, value in vars(obj).items():
                if member.startswith("_") or member.endswith("_"):
                    continue
                if callable(value) or isinstance(value, property):
                    targets.append(f"skmultimetrics.{name}.{member}")
    return targets


def test_every_public_name_has_an_api_page():
    public = {name for name in smm.__all__ if name != "__version__"}
    documented = _documented_names()
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
