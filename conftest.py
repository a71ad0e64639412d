"""Collection of the docstring examples: those of ``skmultimetrics.keras``, and
the user guide's pages with Keras examples, need Keras 3 with a backend, those
of ``skmultimetrics.torch`` PyTorch; each is left out where it is missing (CI
sets SKMM_REQUIRE_KERAS and SKMM_REQUIRE_TORCH, so that there a failing import
fails instead)."""

import importlib.util
import os


def _keras_importable():
    if os.environ.get("SKMM_REQUIRE_KERAS"):
        return True  # CI: a failing import must fail, not skip
    if importlib.util.find_spec("keras") is None:
        return False
    try:
        import keras  # noqa: F401
    except Exception:  # no backend installed (Keras defaults to TensorFlow)
        return False
    return True


collect_ignore_glob = (
    []
    if _keras_importable()
    else [
        "skmultimetrics/keras/*",
        "docs/user_guide/top_k.rst",
        "docs/user_guide/which_accuracy.rst",
        "docs/user_guide/keras.rst",
    ]
)
if not (os.environ.get("SKMM_REQUIRE_TORCH") or importlib.util.find_spec("torch")):
    collect_ignore_glob.append("skmultimetrics/torch/*")
