"""Sphinx configuration of the skmultimetrics documentation.

Build (no network needed): ``python -m sphinx -W --keep-going -b html docs
docs/_build/html``. Every example of ``examples/`` runs at build time.
"""

import os
import sys
import warnings
from pathlib import Path

# document the checkout this folder belongs to, whatever is installed
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

# Keras 3 defaults to TensorFlow, which the docs extra does not install: the
# pages and examples of skmultimetrics.keras run on JAX (the extra installs it)
# unless the reader chose a backend
os.environ.setdefault("KERAS_BACKEND", "jax")

from sphinx_gallery.sorting import ExplicitOrder

import skmultimetrics

project = "skmultimetrics"
author = "the skmultimetrics developers"
copyright = f"2026, {author}"
release = skmultimetrics.__version__
version = release

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.mathjax",
    "numpydoc",
    "sphinx_copybutton",
    "sphinx_gallery.gen_gallery",
]

# offline builds: no intersphinx inventories are fetched, so none is configured
# (a fetch that fails would be a warning, and the build treats warnings as errors)

exclude_patterns = ["_build", "Thumbs.db", ".DS_Store", "sg_execution_times.rst"]
root_doc = "index"

autosummary_generate = True
autodoc_default_options = {"members": True, "inherited-members": False}
autodoc_typehints = "none"
numpydoc_show_class_members = False
numpydoc_class_members_toctree = False
numpydoc_xref_param_type = False

html_theme = "pydata_sphinx_theme"
html_title = "skmultimetrics"
html_theme_options = {
    "navigation_with_keys": False,
    "show_toc_level": 2,
    "header_links_before_dropdown": 6,
}
# pages without sub-pages: no left sidebar (it would be empty)
html_sidebars = {
    page: [] for page in ("index", "install", "performance", "changelog", "about")
}
html_static_path = ["_static"]
html_css_files = ["custom.css"]
templates_path = ["_templates"]

sphinx_gallery_conf = {
    "examples_dirs": "../examples",
    "gallery_dirs": "auto_examples",
    "filename_pattern": r"/plot_",
    "ignore_pattern": r"__init__\.py",
    "download_all_examples": False,
    "remove_config_comments": True,
    "abort_on_example_error": True,
    "only_warn_on_example_error": False,
    # sections in the order of the three questions, then the rest
    "subsection_order": ExplicitOrder(
        [
            f"../examples/{section}"
            for section in (
                "top_k",
                "which_accuracy",
                "which_cutoff",
                "pipelines",
                "scale",
                "uncertainty",
                "frameworks",
            )
        ]
    ),
    "within_subsection_order": "FileNameSortKey",
    # "Examples using this" on every API page (minigallery of the templates)
    "backreferences_dir": "generated/backreferences",
    "doc_module": ("skmultimetrics",),
    "matplotlib_animations": False,
    "image_scrapers": ("matplotlib",),
    "show_memory": False,
    "reference_url": {"skmultimetrics": None},
}

# matplotlib without a screen
os.environ.setdefault("MPLBACKEND", "Agg")
warnings.filterwarnings(
    "ignore",
    category=UserWarning,
    message="Matplotlib is currently using agg, which is a non-GUI backend",
)
