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


# the optional subpackages, and the variable that makes each required (CI)
OPTIONAL = {"keras": "SKMM_REQUIRE_KERAS", "torch": "SKMM_REQUIRE_TORCH"}


def _optional(name):
    """skmultimetrics.<name>, or None where it can't be imported (CI sets
    SKMM_REQUIRE_KERAS and SKMM_REQUIRE_TORCH so that there it must be)."""
    try:
        return importlib.import_module(f"skmultimetrics.{name}")
    except ImportError:
        if os.environ.get(OPTIONAL[name]):
            raise
        return None


def _public_names():
    names = {f"skmultimetrics.{n}" for n in smm.__all__ if n != "__version__"}
    for name in OPTIONAL:
        module = _optional(name)
        if module is not None:
            names |= {f"skmultimetrics.{name}.{n}" for n in module.__all__}
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
    for name in OPTIONAL:  # absent here: its entries can't be checked
        if _optional(name) is None:
            documented = {
                n for n in documented if not n.startswith(f"skmultimetrics.{name}.")
            }
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


def test_every_public_docstring_links_the_user_guide():
    missing = []
    for path in sorted(_public_names()):
        module, _, name = path.rpartition(".")
        doc = getattr(importlib.import_module(module), name).__doc__ or ""
        if not re.search(r"Read more in the :ref:`User Guide <\w+>`", doc):
            missing.append(path)
    assert not missing, "no 'Read more in the :ref:`User Guide <label>`' line"


def _gallery_sections():
    conf = (ROOT / "docs" / "conf.py").read_text(encoding="utf-8")
    block = conf[conf.index("subsection_order") : conf.index("within_subsection_order")]
    return re.findall(r'^\s+"(\w+)",$', block, re.M)


def test_the_gallery_is_in_sections_each_example_with_a_figure():
    sections = _gallery_sections()
    assert sections[:3] == ["top_k", "which_accuracy", "which_cutoff"]
    examples = sorted((ROOT / "examples").rglob("*.py"))
    assert examples
    for example in examples:
        folder = example.parent.relative_to(ROOT / "examples")
        assert str(folder) in sections, f"{example} is in no listed section"
        assert (example.parent / "README.txt").is_file()
        text = example.read_text(encoding="utf-8")
        # a thumbnail of its own, not sphinx-gallery's placeholder
        assert "plt.subplots" in text or "Display.from_" in text, example


def test_the_three_questions_have_keras_answers():
    guide = ROOT / "docs" / "user_guide"
    top_k = (guide / "top_k.rst").read_text(encoding="utf-8")
    assert 'metrics=[get_metric("top5_accuracy")' in top_k
    keras_page = (guide / "keras.rst").read_text(encoding="utf-8")
    assert 'get_metric("top5_accuracy")' in keras_page
    assert "TopKAccuracy(k=5)" in keras_page
    example = (ROOT / "examples" / "frameworks" / "plot_keras_fit.py").read_text(
        encoding="utf-8"
    )
    for used in ('get_metric("top5_accuracy")', "SubsetAccuracy()", 'tune="f1_macro"'):
        assert used in example
    front = (ROOT / "docs" / "index.rst").read_text(encoding="utf-8")
    for label in ("top_k", "which_accuracy", "which_cutoff"):
        for suffix in ("", "_sklearn", "_keras"):
            assert f"<{label}{suffix}>`" in front, f"{label}{suffix}"
