"""Named Keras metrics for the common scorer names."""

import numbers

import keras

from .._checks._params import check_beta, param_error
from .._metrics._registry import AVERAGES, Spec
from ._metric import _PACKAGE, StreamedMetric, _plain, fbeta_spec

_SET_AVERAGES = (*AVERAGES, "binary")


class _SetMetric(StreamedMetric):
    """A set metric with ``average=`` and ``threshold=``."""

    _METRIC = None

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        cls._FUNC = cls.__name__

    def __init__(
        self,
        average="macro",
        threshold=None,
        zero_division="warn",
        name=None,
        dtype=None,
    ):
        func = self._FUNC
        if not isinstance(average, str) or average not in _SET_AVERAGES:
            raise param_error(func, "average", f"one of {_SET_AVERAGES}", average)
        self.average = average
        spec = self._spec_of(average)
        keras.metrics.Metric.__init__(
            self, name=spec.name if name is None else name, dtype=dtype
        )
        self._direction = "up"
        self.metric = spec.name
        self._setup(spec, threshold, zero_division, "average")

    def _spec_of(self, average):
        name = self._METRIC if average == "binary" else f"{self._METRIC}_{average}"
        return Spec(name, "set", self._METRIC, average=average)

    def get_config(self):
        return {
            "average": self.average,
            "threshold": _plain(self.threshold),
            "zero_division": self.zero_division,
            "name": self.name,
            "dtype": self.dtype,
        }


_SHARED_DOC = """
    Read more in the :ref:`User Guide <keras>`.

    Parameters
    ----------
    average : {{"macro", "micro", "samples", "weighted", "binary"}}, default="macro"
        As in the metric functions: the mean over labels (macro), of the pooled
        counts (micro), over samples (samples: label-indicator targets only),
        weighted by each label's support (weighted), or the class 1 of one
        sigmoid output (binary). For class-index targets, macro and weighted
        averages run over the classes seen in the truth or the predictions, as
        scikit-learn's do.
    threshold : float or array-like of shape (n_labels,), default=None
        The prediction is ``y_pred >= threshold`` (scikit-learn's rule; Keras'
        own metrics use ``>``), one cut-off per label with an array. None is
        0.5 for probabilities. For class indices with softmax scores the
        prediction is the argmax, or ``argmax(y_pred / threshold)`` with one
        positive threshold per class.
    zero_division : {{"warn", 0.0, 1.0, np.nan}}, default="warn"
        Value of a ratio without a denominator. "warn" acts as 0 without a
        warning (a compiled step cannot warn about values).
    name : str, default=None
        The metric's name in the logs; by default the scorer name, such as
        ``"{metric}_macro"`` (``History`` then shows ``val_{metric}_macro``).
    dtype : str, default=None
        Keras' dtype of the counts (float32 by default: counts are exact up to
        2**24 per label, then rounded as float32 sums are).

    Notes
    -----
    The counts live in Keras variables updated with ``keras.ops``: the metric
    runs in a compiled ``train_step`` on any backend, and equals the metric
    function on the concatenated batches. See :func:`get_metric` for what is
    checked, and when.
"""


@keras.saving.register_keras_serializable(package=_PACKAGE)
class F1Score(_SetMetric):
    _METRIC = "f1"
    __doc__ = (
        "F1 score of thresholded scores, counted on the device.\n"
        + _SHARED_DOC.format(metric="f1")
        + """
    Examples
    --------
    >>> from skmultimetrics.keras import F1Score
    >>> metric = F1Score(average="micro", threshold=0.4)
    >>> metric.update_state([[1, 0], [1, 1]], [[0.5, 0.2], [0.3, 0.9]])
    >>> round(float(metric.result()), 4)
    0.8
    """
    )


@keras.saving.register_keras_serializable(package=_PACKAGE)
class Precision(_SetMetric):
    _METRIC = "precision"
    __doc__ = "Precision of thresholded scores, counted on the device.\n" + (
        _SHARED_DOC.format(metric="precision")
    )


@keras.saving.register_keras_serializable(package=_PACKAGE)
class Recall(_SetMetric):
    _METRIC = "recall"
    __doc__ = "Recall of thresholded scores, counted on the device.\n" + (
        _SHARED_DOC.format(metric="recall")
    )


@keras.saving.register_keras_serializable(package=_PACKAGE)
class Jaccard(_SetMetric):
    _METRIC = "jaccard"
    __doc__ = (
        "Jaccard index of thresholded scores, counted on the device "
        "(``zero_division`` may not be NaN).\n" + _SHARED_DOC.format(metric="jaccard")
    )


@keras.saving.register_keras_serializable(package=_PACKAGE)
class FBetaScore(_SetMetric):
    __doc__ = (
        "F-beta score of thresholded scores, counted on the device.\n\n"
        "    Named as the scorer name of its beta and average by default\n"
        "    (``f2_macro``, ``f0.5_micro``; ``f2`` for ``average='binary'``).\n"
        + _SHARED_DOC.format(metric="fbeta").replace(
            "    Parameters\n    ----------\n",
            "    Parameters\n    ----------\n    beta : float, default=1.0\n"
            "        Weight of recall against precision (``inf``: recall).\n",
        )
    )

    def __init__(
        self,
        beta=1.0,
        average="macro",
        threshold=None,
        zero_division="warn",
        name=None,
        dtype=None,
    ):
        self.beta = check_beta(beta, "FBetaScore")
        super().__init__(average, threshold, zero_division, name, dtype)

    def _spec_of(self, average):
        return fbeta_spec(self.beta, average)

    def get_config(self):
        return {"beta": self.beta, **super().get_config()}


@keras.saving.register_keras_serializable(package=_PACKAGE)
class SubsetAccuracy(StreamedMetric):
    """Subset (exact-match) accuracy, counted on the device.

    Read more in the :ref:`User Guide <keras>`.

    The share of samples whose every label is right; for class indices, the
    share of right classes.

    Keras 3 has no such metric: its ``"accuracy"`` on a multi-label sigmoid
    head is categorical accuracy (argmax against argmax).

    Parameters
    ----------
    threshold : float or array-like of shape (n_labels,), default=None
        The prediction is ``y_pred >= threshold``; None is 0.5.
    name : str, default="subset_accuracy"
        The metric's name in the logs.
    dtype : str, default=None
        Keras' dtype of the metric's variables.
    """

    _FUNC = "SubsetAccuracy"
    _NAME = "subset_accuracy"

    def __init__(self, threshold=None, name=None, dtype=None):
        super().__init__(self._NAME, threshold=threshold, name=name, dtype=dtype)

    def get_config(self):
        config = super().get_config()
        return {key: config[key] for key in ("threshold", "name", "dtype")}


@keras.saving.register_keras_serializable(package=_PACKAGE)
class HammingAccuracy(SubsetAccuracy):
    """Hamming accuracy: the share of right label cells (``1 - hamming_loss``).

    Read more in the :ref:`User Guide <keras>`.

    Parameters
    ----------
    threshold : float or array-like of shape (n_labels,), default=None
        The prediction is ``y_pred >= threshold``; None is 0.5.
    name : str, default="hamming_accuracy"
        The metric's name in the logs.
    dtype : str, default=None
        Keras' dtype of the metric's variables.
    """

    _FUNC = "HammingAccuracy"
    _NAME = "hamming_accuracy"


@keras.saving.register_keras_serializable(package=_PACKAGE)
class TopKAccuracy(StreamedMetric):
    """Top-k accuracy, counted on the device.

    Read more in the :ref:`User Guide <top_k>`.

    A sample is a hit when a true label is among the ``k`` best-scored.
    ``y_true`` may be class indices, one-hot or multi-hot rows (a sample hits
    when its best-scored true label is in the top k; one without a true label
    misses), unlike Keras' ``TopKCategoricalAccuracy``, which keeps only the
    first positive of a multi-hot row, and breaks ties by its sort. Soft
    targets (mixup, label smoothing) are read as Keras reads them: the labels
    at a row's maximum are its targets.

    Parameters
    ----------
    k : int, default=5
        At most the number of classes (checked at the first batch).
    ties : {"average", "optimistic", "pessimistic"}, default="average"
        Scores tied with the k-th place: "average" counts the expected hit of
        a random order of the tied labels, "optimistic" a hit if any true
        label is among them, "pessimistic" a hit only if they all fit.
    name : str, default=None
        ``"top{k}_accuracy"`` by default.
    dtype : str, default=None
        Keras' dtype of the metric's variables.

    Examples
    --------
    Top-5 accuracy inside ``model.fit``, the same metric as
    ``get_metric("top5_accuracy")``:

    >>> import keras
    >>> from skmultimetrics.keras import TopKAccuracy
    >>> model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(10, "softmax")])
    >>> model.compile("adam", "sparse_categorical_crossentropy",
    ...               metrics=[TopKAccuracy(k=5)])
    >>> TopKAccuracy(k=5).name
    'top5_accuracy'

    On a batch, by hand:

    >>> metric = TopKAccuracy(k=2)
    >>> metric.update_state([2, 0], [[0.1, 0.3, 0.6], [0.2, 0.5, 0.3]])
    >>> float(metric.result())
    0.5
    """

    _FUNC = "TopKAccuracy"

    def __init__(self, k=5, ties="average", name=None, dtype=None):
        if not isinstance(k, numbers.Integral) or isinstance(k, bool) or k < 1:
            raise param_error("TopKAccuracy", "k", "an int >= 1", k)
        self.k = int(k)
        super().__init__(f"top{self.k}_accuracy", ties=ties, name=name, dtype=dtype)

    def get_config(self):
        return {"k": self.k, "ties": self.ties, "name": self.name, "dtype": self.dtype}
