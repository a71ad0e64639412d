"""Layer 9, PyTorch: metrics of training loops across processes, and Hugging
Face's ``compute_metrics``.

``skmultimetrics.torch`` is public (the ``torch`` extra). Importing
``skmultimetrics`` does not import torch; importing this module does.

- :func:`sync` adds up every rank's :class:`~skmultimetrics.MetricAccumulator`
  under ``torch.distributed`` (DDP, Lightning, Accelerate): each rank gets the
  metrics of the whole validation set, exactly.
- :func:`compute_metrics` is an object for ``transformers.Trainer(
  compute_metrics=...)``, in both of the Trainer's protocols, with keys that
  suit ``metric_for_best_model``.
"""

try:
    import torch as _torch  # noqa: F401
except ImportError as error:  # pragma: no cover - depends on the environment
    raise ImportError(
        "skmultimetrics.torch needs PyTorch: pip install 'skmultimetrics[torch]'. "
        f"Importing torch failed with: {error}"
    ) from error

from ._sync import sync
from ._trainer import compute_metrics

__all__ = ["compute_metrics", "sync"]
