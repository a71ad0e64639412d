"""ValidationMetrics: every score of an epoch's validation predictions."""

import sys
import warnings

import keras
import numpy as np

from .._checks._batches import binary_proba_cut
from .._checks._onehot import caller_stacklevel
from .._checks._params import param_error
from .._metrics._registry import parse_name, parse_names
from .._metrics._streamed import batch_thresholds
from .._thresholds._optimize import optimize_thresholds
from ._scoring import Targets, scorer_function

_FUNC = "ValidationMetrics"
DEFAULT_METRICS = (
    "subset_accuracy",
    "hamming_accuracy",
    "f1_macro",
    "average_precision_macro",
)


def _as_numpy(x):
    return np.asarray(keras.ops.convert_to_numpy(x))


def _kind(y_true, n_rows, n_columns):
    if y_true.ndim == 2 and y_true.shape[1] == n_columns and n_columns > 1:
        return "multilabel"
    if y_true.ndim == 1 or (y_true.ndim == 2 and y_true.shape[1] == 1):
        return "binary" if n_columns == 1 else "multiclass"
    raise ValueError(
        f"The 'validation_data' of {_FUNC}: y of shape {y_true.shape} does not "
        f"match the model's {n_columns} outputs; it must be a label-indicator "
        "matrix of the predictions' shape or one class index per sample."
    )


def _check_targets_fit(specs, y):
    """Refuse, when the callback is built, the names that class-index ``y``
    (1-D, or one column) can never take: the @k metrics, which rank labels
    of a label matrix, and scikit-learn's ``roc_auc`` scorer where ``y`` holds
    more than two classes."""
    if y.ndim == 2 and y.shape[1] > 1:
        return
    multiclass = np.unique(y).size > 2
    for spec in specs:
        if spec.family == "at_k":
            why = "ranks the labels of a label-indicator matrix"
        elif spec.family == "auc" and spec.average is None and multiclass:
            why = (
                "is scikit-learn's scorer of binary targets and label matrices; "
                "for multiclass targets use 'roc_auc_ovr' or 'roc_auc_ovo'"
            )
        else:
            continue
        raise ValueError(
            f"The 'metrics' parameter of {_FUNC} got {spec.name!r}, which {why}; "
            f"the y of validation_data holds one class index per sample."
        )


class ValidationMetrics(keras.callbacks.Callback):
    """Metrics that need every score of an epoch, logged as ``val_<name>``.

    Read more in the :ref:`User Guide <keras>`.

    At the end of each epoch the callback predicts ``validation_data`` once
    (``model.predict``), computes each of ``metrics`` with the package's
    functions on the whole predictions, and writes ``val_<name>`` into the
    epoch's logs. ``History``, ``EarlyStopping``, ``ModelCheckpoint`` and
    ``ReduceLROnPlateau`` see those keys whatever the order of the callbacks
    list: at the start of training the callback moves itself to the front of
    the callbacks of the ``fit`` call (found on the call stack; if it cannot
    be found, it warns, naming ValidationMetrics), and sets ``mode="max"`` on
    those callbacks with ``mode="auto"`` that monitor one of its keys (every
    name it logs is greater-is-better, which Keras cannot tell by itself).

    Parameters
    ----------
    validation_data : tuple
        ``(x, y)`` or ``(x, y, sample_weight)``, arrays held in memory: ``y``
        a label-indicator matrix of the predictions' shape, class indices
        ``0 .. C-1`` for a softmax output, or 0/1 labels for one sigmoid
        output. Pass it here rather than to ``fit`` (there Keras predicts it
        again for its own validation loss and metrics).
    metrics : str or sequence of str, default=("subset_accuracy", \
"hamming_accuracy", "f1_macro", "average_precision_macro")
        Scorer names (see :func:`~skmultimetrics.get_scorer_names`): set
        metrics with any average, accuracies, ``top{k}_accuracy``,
        ``{precision,recall,ndcg}_at_{k}``, ``roc_auc_*``,
        ``average_precision_*``, ``recall_at_precision_{P}``,
        ``precision_at_recall_{R}`` and the label ranking metrics.
    threshold : float or array-like of shape (n_labels,), default=0.5
        Cut-offs of the set metrics (``y_pred >= threshold``); for class
        indices, the argmax (or one positive threshold per class), except a
        two-column softmax of 0/1 labels, whose column of class 1 is cut at a
        single ``threshold``, as the metric functions cut a binary
        ``predict_proba``.
    tune : str, default=None
        An objective of :func:`~skmultimetrics.optimize_thresholds` (such as
        ``"f1_macro"``): each epoch, per-label cut-offs are tuned on the
        validation predictions, kept in ``thresholds_`` and the objective
        they reach is logged as ``val_<tune>_tuned``. It is measured on the
        data it was tuned on, so it is optimistic; use ``thresholds_`` on
        other data.
    batch_size : int, default=None
        Batch size of ``model.predict`` (Keras' default, 32, with None).

    Attributes
    ----------
    thresholds_ : ndarray of shape (n_labels,) or float
        With ``tune``, the cut-offs tuned at the last epoch.
    scores_ : ndarray
        The validation predictions of the last epoch.

    Examples
    --------
    >>> import keras, numpy as np
    >>> from skmultimetrics.keras import ValidationMetrics, get_metric
    >>> rng = np.random.default_rng(0)
    >>> x = rng.random((300, 10)).astype("float32")
    >>> y = (x[:, :4] + 0.3 * rng.random((300, 4)) > 0.7).astype("float32")
    >>> model = keras.Sequential([keras.Input((10,)),
    ...                           keras.layers.Dense(4, activation="sigmoid")])
    >>> model.compile("adam", "binary_crossentropy",
    ...               metrics=[get_metric("subset_accuracy")])
    >>> validation = ValidationMetrics((x[200:], y[200:]),
    ...                                metrics=["roc_auc_macro", "f1_macro"],
    ...                                tune="f1_macro")
    >>> stop = keras.callbacks.EarlyStopping("val_roc_auc_macro", patience=2)
    >>> history = model.fit(x[:200], y[:200], epochs=2, verbose=0,
    ...                     callbacks=[stop, validation])
    >>> sorted(k for k in history.history if k.startswith("val_"))
    ['val_f1_macro', 'val_f1_macro_tuned', 'val_roc_auc_macro']
    >>> validation.thresholds_.shape
    (4,)
    """

    def __init__(
        self,
        validation_data,
        metrics=DEFAULT_METRICS,
        threshold=0.5,
        tune=None,
        batch_size=None,
    ):
        super().__init__()
        if not isinstance(validation_data, (tuple, list)) or len(
            validation_data
        ) not in (2, 3):
            raise param_error(
                _FUNC, "validation_data", "a tuple (x, y) or (x, y, sample_weight)",
                type(validation_data).__name__,
            )  # fmt: skip
        self.validation_data = validation_data
        x, y, *weight = validation_data
        self._x = x
        self._y = _as_numpy(y)
        self._weight = None if not weight or weight[0] is None else _as_numpy(weight[0])
        specs = parse_names(metrics, consumer="validation", func=_FUNC)
        _check_targets_fit(specs, self._y)
        self.metrics = names = [spec.name for spec in specs]
        self._functions = {spec.name: scorer_function(spec) for spec in specs}
        self.threshold = threshold
        if self._y.ndim == 2 and self._y.shape[1] > 1:  # label sets: one per label
            batch_thresholds(threshold, "multilabel", self._y.shape[1], _FUNC)
        if tune is not None and not isinstance(tune, str):
            raise param_error(_FUNC, "tune", "None or a scorer name (str)", tune)
        if tune is not None:  # checked now, not after the first epoch
            consumer = (
                "objective" if self._y.ndim == 2 and self._y.shape[1] > 1 else None
            )
            parse_name(tune, consumer=consumer, func=_FUNC, argument="tune")
        self.tune = tune
        if batch_size is not None and (
            not isinstance(batch_size, int) or batch_size < 1
        ):
            raise param_error(_FUNC, "batch_size", "None or an int >= 1", batch_size)
        self.batch_size = batch_size
        self.keys = [f"val_{name}" for name in names]
        if tune is not None:
            self.keys.append(f"val_{tune}_tuned")
        self.thresholds_ = None
        self.scores_ = None

    # -- placing itself before the callbacks that read its keys ---------------------

    def _callback_list(self):
        """The ``CallbackList`` calling this callback, found on the stack."""
        frame = sys._getframe(1)
        for _ in range(6):
            if frame is None:
                return None
            owner = frame.f_locals.get("self")
            if isinstance(owner, keras.callbacks.CallbackList) and any(
                c is self for c in owner.callbacks
            ):
                return owner
            frame = frame.f_back
        return None

    def on_train_begin(self, logs=None):
        """Move this callback to the front of the fit's callbacks.

        The callbacks that monitor one of its ``val_<name>`` keys with
        ``mode="auto"`` are also told the direction (greater is better).

        Parameters
        ----------
        logs : dict, default=None
            Keras' logs of the start of training (unused).
        """
        callback_list = self._callback_list()
        if callback_list is None:
            warnings.warn(
                f"{_FUNC} could not find the callbacks list of this training "
                "loop: callbacks called before it at the end of an epoch (listed "
                f"before it) will not see its keys {self.keys}. List "
                f"{_FUNC} first.",
                UserWarning,
                stacklevel=caller_stacklevel(),
            )
            return
        others = [c for c in callback_list.callbacks if c is not self]
        callback_list.callbacks = [self, *others]  # a new list: iterations go on
        for callback in others:
            monitor = getattr(callback, "monitor", None)
            if monitor in self.keys and getattr(callback, "mode", None) == "auto":
                # every key here is greater-is-better; Keras sets monitor_op
                # from mode at the first epoch's end
                callback.mode = "max"

    # -- the epoch's metrics ----------------------------------------------------------

    def _targets(self, scores):
        if scores.ndim == 1:
            scores = scores[:, None]
        if scores.ndim != 2 or scores.shape[0] != self._y.shape[0]:
            raise ValueError(
                f"{_FUNC}: the model's predictions of validation_data have shape "
                f"{scores.shape}; they must be (n_samples, n_labels) with "
                f"n_samples = {self._y.shape[0]}, the rows of y."
            )
        kind = _kind(self._y, scores.shape[0], scores.shape[1])
        n_columns = 2 if kind == "binary" else scores.shape[1]
        threshold, proba_cut = self.threshold, None
        if kind == "multiclass" and n_columns == 2 and binary_proba_cut(threshold):
            proba_cut = float(threshold)  # a binary predict_proba, cut as f1_score
        if kind == "multiclass" and np.ndim(threshold) == 0:
            threshold = 1.0  # the argmax
        thresholds = batch_thresholds(threshold, kind, n_columns, _FUNC)
        y_true = self._y
        if kind != "multilabel":
            y_true = y_true.ravel()
            if kind == "binary":
                scores = scores[:, 0]
            y_true = y_true.astype(np.int64) if y_true.dtype.kind == "f" else y_true
        return Targets(y_true, scores, thresholds, kind, self._weight, proba_cut)

    def compute(self):
        """Predict ``validation_data`` and return ``{val_<name>: value}``.

        Returns
        -------
        values : dict of str to float
            The value of each metric on ``validation_data``, under
            ``val_<name>`` (and ``val_<tune>_tuned`` with ``tune``).
        """
        scores = self.model.predict(self._x, batch_size=self.batch_size, verbose=0)
        if isinstance(scores, (list, tuple, dict)):
            raise TypeError(
                f"{_FUNC} needs a model with one output; its predictions are a "
                f"{type(scores).__name__}."
            )
        scores = _as_numpy(scores)
        if scores.dtype.kind != "f" or scores.dtype.itemsize < 4:
            scores = scores.astype(np.float32)
        self.scores_ = scores
        targets = self._targets(scores)
        values = {
            f"val_{name}": float(function(targets))
            for name, function in self._functions.items()
        }
        if self.tune is not None:
            found = optimize_thresholds(
                targets.y_true, targets.y_score, scoring=self.tune,
                sample_weight=self._weight,
            )  # fmt: skip
            self.thresholds_ = found.thresholds
            values[f"val_{self.tune}_tuned"] = float(found.score)
        return values

    def on_epoch_end(self, epoch, logs=None):
        """Predict the validation data and write ``val_<name>`` into ``logs``.

        Parameters
        ----------
        epoch : int
            The epoch that ended.
        logs : dict, default=None
            The epoch's logs, updated in place.
        """
        if logs is None:
            return
        logs.update(self.compute())
