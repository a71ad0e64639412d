"""Collection of the docstring examples: those of ``skmultimetrics.keras`` need
Keras 3 with a backend, those of ``skmultimetrics.torch`` PyTorch; each is left
out where it cannot be imported (CI sets SKMM_REQUIRE_KERAS and
SKMM_REQUIRE_TORCH, so that there a failing import fails)."""

import importlib.util
import os


def _importable(module, require):
    if os.environ.get(require):
        return True  # CI: a failing import must fail, not skip
    if importlib.util.find_spec(module) is None:
        return False
    try:
        importlib.import_module(module)
    except Exception:  # Keras without a backend (it defaults to TensorFlow)
        return False
    return True


collect_ignore_glob = [
    f"skmultimetrics/{module}/*"
    for module, require in (
        ("keras", "SKMM_REQUIRE_KERAS"),
        ("torch", "SKMM_REQUIRE_TORCH"),
    )
    if not _importable(module, require)
]
