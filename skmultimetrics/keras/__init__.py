"""Layer 9, Keras: metrics that count on the device inside ``model.fit``, and a
validation callback for what needs every score of an epoch.

``skmultimetrics.keras`` is public (the ``keras`` extra: Keras 3, any backend).
Importing ``skmultimetrics`` does not import Keras; importing this module does.

- :func:`get_metric` and the named classes (:class:`F1Score`, ...) are
  ``keras.metrics.Metric`` objects for ``model.compile(metrics=...)``: their
  counts are Keras variables updated with ``keras.ops``, so they run in a
  compiled ``train_step`` (``jit`` on JAX) and their values equal the metric
  functions on the concatenated batches.
- :class:`ValidationMetrics` predicts validation data once per epoch and logs
  any scorer name (ROC AUC, average precision, operating points, tuned cut-offs)
  as ``val_<name>``, for ``History``, ``EarlyStopping`` and ``ModelCheckpoint``.

Examples
--------
>>> import keras
>>> from skmultimetrics.keras import SubsetAccuracy, get_metric
>>> model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(5, "sigmoid")])
>>> model.compile("adam", "binary_crossentropy",
...               metrics=[SubsetAccuracy(), get_metric("f1_macro"),
...                        get_metric("precision_at_2")])
>>> [metric.name for metric in model.metrics[1].metrics] # doctest: +SKIP
['subset_accuracy', 'f1_macro', 'precision_at_2']

Keras 3's own metrics differ: ``metrics=["accuracy"]`` on a multi-label
sigmoid head is categorical accuracy (argmax against argmax), not tf.keras 2's
binary accuracy; ``BinaryAccuracy`` is hamming accuracy (the share of right
label cells, with ``>``); ``TopKCategoricalAccuracy`` keeps only the first
positive of a multi-hot target; ``F1Score`` compares with ``>`` and takes one
cut-off for every label, without a samples average.
"""

try:
    import keras as _keras
except ImportError as error:  # pragma: no cover - depends on the environment
    raise ImportError(
        "skmultimetrics.keras needs Keras 3 and a backend (jax, torch or "
        "tensorflow): pip install 'skmultimetrics[keras]' jax. Importing keras "
        f"failed with: {error}"
    ) from error

if int(_keras.__version__.split(".")[0]) < 3:  # pragma: no cover
    raise ImportError(
        f"skmultimetrics.keras needs Keras 3 (the 'keras' extra); found Keras "
        f"{_keras.__version__}."
    )

from ._callback import ValidationMetrics
from ._metric import StreamedMetric, get_metric
from ._named import (
    F1Score,
    FBetaScore,
    HammingAccuracy,
    Jaccard,
    Precision,
    Recall,
    SubsetAccuracy,
    TopKAccuracy,
)

__all__ = [
    "F1Score",
    "FBetaScore",
    "HammingAccuracy",
    "Jaccard",
    "Precision",
    "Recall",
    "StreamedMetric",
    "SubsetAccuracy",
    "TopKAccuracy",
    "ValidationMetrics",
    "get_metric",
]
