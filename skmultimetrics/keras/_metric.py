"""The Keras metric of one streamed scorer name: counts on the device, the
number from the counts; :func:`get_metric`."""

import math
import warnings

import keras
import numpy as np
from keras import ops

from .._checks._batches import binary_proba_cut
from .._checks._onehot import caller_stacklevel
from .._checks._params import InvalidParameterError, check_zero_division
from .._checks._ranking import check_ties
from .._metrics._registry import Spec, fbeta_name, parse_name
from .._metrics._streamed import batch_thresholds, check_specs_for
from . import _ops

_PACKAGE = "skmultimetrics"


def _concrete(x):
    """``x`` as a NumPy array, or None when it has no values yet (a tracer
    inside ``jit``, a symbolic tensor)."""
    try:
        return np.asarray(ops.convert_to_numpy(x))
    except Exception:  # every backend has its own "no values here" error
        return None


@keras.saving.register_keras_serializable(package=_PACKAGE)
class StreamedMetric(keras.metrics.Metric):
    """A ``keras.metrics.Metric`` for one scorer name; see :func:`get_metric`.

    Read more in the :ref:`User Guide <keras>`.

    Parameters
    ----------
    metric : str
        The scorer name, as ``name`` of :func:`get_metric`.
    threshold : float or array-like of shape (n_labels,), default=None
        The prediction is ``y_pred >= threshold``; None is 0.5 (for class
        indices with softmax scores: the argmax).
    zero_division : {"warn", 0.0, 1.0, np.nan}, default="warn"
        Value of a ratio without a denominator; "warn" acts as 0.
    ties : {"average", "optimistic", "pessimistic"}, default="average"
        The top-k and @k tie rule.
    name : str, default=None
        The metric's name in the logs; by default the scorer name.
    dtype : str, default=None
        Keras' dtype of the metric's variables.
    """

    _FUNC = "get_metric"

    def __init__(
        self,
        metric,
        *,
        threshold=None,
        zero_division="warn",
        ties="average",
        name=None,
        dtype=None,
    ):
        spec = parse_name(metric, consumer="keras", func=self._FUNC, argument="name")
        super().__init__(name=spec.name if name is None else name, dtype=dtype)
        self._direction = "up"  # every streamed score: greater is better
        self.metric = metric
        self._setup(spec, threshold, zero_division, ties)

    def _setup(self, spec, threshold, zero_division, ties):
        func = self._func = f"{self._FUNC}({spec.name!r})"
        self._spec = spec
        self.threshold = threshold
        self.zero_division = zero_division
        self.ties = check_ties(ties, func)
        self._beta = spec.beta
        zd = check_zero_division(zero_division, func)
        if zd != "warn" and math.isnan(zd) and spec.metric == "jaccard":
            raise InvalidParameterError(
                f"The 'zero_division' parameter of {func} must be 'warn', 0.0 or 1.0 "
                "with a Jaccard metric; got nan."
            )
        self._zero = 0.0 if zd == "warn" else zd
        if threshold is not None:  # a number or a 1-D array of numbers, now
            batch_thresholds(threshold, "multilabel", np.size(threshold), func)
        self._built = False
        self._values_checked = False

    # -- building, at the first batch ------------------------------------------------

    def _kind(self, true_shape, pred_shape):
        func = self._func
        pred_rank, true_rank = len(pred_shape), len(true_shape)
        n_columns = 1 if pred_rank == 1 else pred_shape[-1]
        if pred_rank > 2 or true_rank > 2 or n_columns is None:
            raise ValueError(
                f"y_pred and y_true of {func} must be of shape (batch, n_labels) or "
                f"(batch,) with a known number of labels; got y_true of shape "
                f"{tuple(true_shape)} and y_pred of shape {tuple(pred_shape)}."
            )
        true_columns = 1 if true_rank == 1 else true_shape[-1]
        if true_columns == n_columns:
            return ("binary", 2) if n_columns == 1 else ("multilabel", n_columns)
        if true_columns == 1:
            return "multiclass", n_columns
        raise ValueError(
            f"y_true and y_pred of {func} have different shapes: y_true "
            f"{tuple(true_shape)} and y_pred {tuple(pred_shape)}; y_true must be a "
            "label-indicator matrix of y_pred's shape or one class index per sample."
        )

    def _build(self, true_shape, pred_shape):
        kind, n_columns = self._kind(true_shape, pred_shape)
        spec, func = self._spec, self._func
        # one chosen cut-off on (n, 2) scores of class indices: a binary
        # predict_proba cut at its column of class 1, as the functions cut it
        self._proba = (kind, n_columns) == ("multiclass", 2) and (
            spec.family in ("set", "accuracy") and binary_proba_cut(self.threshold)
        )
        kind = "binary" if self._proba else kind
        check_specs_for((spec,), kind, n_columns, func)
        if spec.family == "top_k" and spec.k > n_columns:
            what = "labels" if kind == "multilabel" else "classes"
            raise ValueError(
                f"The 'k' of {func} must be at most the number of {what} "
                f"({n_columns}); got k={spec.k}."
            )
        # multiclass: 0.5 for every class is the argmax
        threshold = 0.5 if self.threshold is None else self.threshold
        thresholds = batch_thresholds(threshold, kind, n_columns, func)
        self._kind_, self._n_columns = kind, n_columns
        self._soft = spec.family == "top_k" and kind == "multilabel"
        if kind == "multiclass" and (thresholds == thresholds[0]).all():
            thresholds = None  # the argmax
        self._thresholds = thresholds
        zeros = keras.initializers.Zeros()
        self.invalid = self.add_variable((), zeros, self.dtype, name="invalid")
        hamming = spec.metric in ("hamming_accuracy", "neg_hamming_loss")
        if (spec.family == "set" and spec.average != "samples") or (
            hamming and kind == "multilabel"
        ):
            self.counts = self.add_variable(
                (3, n_columns), zeros, self.dtype, name="counts"
            )
            self.total = self.add_variable((), zeros, self.dtype, name="total")
            if kind != "multilabel":
                self.seen = self.add_variable(
                    (n_columns,), zeros, self.dtype, name="seen"
                )
        if self._uses_mean_sums():
            self.sums = self.add_variable(
                (_ops.N_MEAN_SUMS,), zeros, self.dtype, name="sums"
            )
        self._built = True

    def _uses_mean_sums(self):
        spec = self._spec
        if spec.family in ("top_k", "at_k") or spec.average == "samples":
            return True
        if spec.family == "accuracy":
            return spec.metric == "subset_accuracy" or self._kind_ != "multilabel"
        return False

    # -- checks of values, where the values are there ------------------------------

    def _check_values(self, y_true, scores):
        """Truth and scores of the first batch seen outside ``jit`` (eager
        mode: torch's default, ``run_eagerly=True``): a compiled step has no
        values to look at, so these checks cannot run there (what they refuse
        makes the result NaN instead; see ``invalid_count``)."""
        true, score = _concrete(y_true), _concrete(scores)
        if true is None or score is None:
            return
        self._values_checked = True
        func = self._func
        if np.isnan(score).any():
            raise ValueError(f"y_pred of {func} contains NaN.")
        if self._kind_ == "multilabel":
            if self._soft:
                bad = ~((true >= 0) & (true <= 1))
                rule = "hold values in [0, 1] (a row's targets are its maxima)"
            else:
                bad = ~np.isin(true, (0, 1))
                rule = "be a 0/1 label-indicator matrix"
            if bad.any():
                raise ValueError(
                    f"y_true of {func} must {rule}; found the value {true[bad][0]!r}."
                )
        else:
            high = self._n_columns - 1
            bad = ~((true >= 0) & (true <= high) & (true == np.round(true)))
            if bad.any():
                raise ValueError(
                    f"y_true of {func} must hold class indices in [0, {high}]; found "
                    f"{true[bad][0]!r}."
                )
        if (
            self.threshold is None
            and self._kind_ != "multiclass"
            and (self._spec.family in ("set", "accuracy"))
            and ((score < 0).any() or (score > 1).any())
        ):
            warnings.warn(
                f"y_pred of {func} has scores outside [0, 1] (logits?) but is cut "
                "at the default threshold of 0.5, which is meant for "
                "probabilities: apply a sigmoid, or pass threshold= (0.0 for "
                "logits).",
                UserWarning,
                stacklevel=caller_stacklevel(),
            )

    # -- update and result -----------------------------------------------------------

    def _weights(self, sample_weight):
        if sample_weight is None:
            return None
        weight = ops.cast(ops.convert_to_tensor(sample_weight), self.dtype)
        if len(weight.shape) == 2 and weight.shape[-1] == 1:
            weight = ops.reshape(weight, (-1,))
        if len(weight.shape) != 1:
            raise ValueError(
                f"sample_weight of {self._func} must be of shape (batch,); got "
                f"shape {tuple(weight.shape)}."
            )
        return weight

    def update_state(self, y_true, y_pred, sample_weight=None):
        """Add a batch: its counts are added to the metric's variables.

        Parameters
        ----------
        y_true : tensor or array-like of shape (batch, n_labels) or (batch,)
            A label-indicator matrix of ``y_pred``'s shape, 0/1 labels of one
            sigmoid output, or one class index per sample.
        y_pred : tensor or array-like of shape (batch, n_labels) or (batch,)
            Scores.
        sample_weight : tensor or array-like of shape (batch,), default=None
            Sample weights.
        """
        _check_numbers(y_true, "y_true", self._func)
        _check_numbers(y_pred, "y_pred", self._func)
        y_true = ops.convert_to_tensor(y_true)
        host = _ops.host_scores(y_pred)
        y_pred = ops.convert_to_tensor(y_pred if host is None else host)
        if not self._built:
            self._build(y_true.shape, y_pred.shape)
        else:
            kind, n_columns = self._kind(y_true.shape, y_pred.shape)
            kind = "binary" if self._proba and kind == "multiclass" else kind
            if (kind, n_columns) != (self._kind_, self._n_columns):
                raise ValueError(
                    f"y_true and y_pred of {self._func} are a {kind} batch with "
                    f"{n_columns} columns, but the first batch was {self._kind_} "
                    f"with {self._n_columns}."
                )
        scores = _ops.work_scores(y_pred)
        if self._proba:
            scores, host = scores[:, 1:], None if host is None else host[:, 1:]
        if not self._values_checked:
            self._check_values(y_true, scores if host is None else host)
        kind, spec = self._kind_, self._spec
        invalid = _ops.invalid_count(y_true, scores, kind, self._n_columns, self._soft)
        self.invalid.assign_add(ops.cast(invalid, self.dtype))
        weight = self._weights(sample_weight)
        if spec.family in ("top_k", "at_k"):
            scores = _ops.rank_scores(host, scores)
        if kind == "multilabel":
            self._update_multilabel(y_true, host, scores, weight)
            return
        codes = ops.cast(ops.reshape(y_true, (-1,)), "int32")
        codes = ops.clip(codes, 0, self._n_columns - 1)  # else counted as invalid
        if spec.family == "top_k":
            hits = _ops.top_k_hits(scores, spec.k, self.ties, codes=codes)
            self._add_mean(hits, None, weight)
            return
        binary = kind == "binary"
        pred = _ops.class_predictions(host, scores, self._thresholds, binary)
        n, dtype = self._n_columns, self.dtype
        true_1h = ops.one_hot(codes, n, dtype=dtype)
        pred_1h = ops.one_hot(pred, n, dtype=dtype)
        if spec.family == "set":
            counts, total = _ops.label_counts(true_1h, pred_1h, weight)
            self.counts.assign_add(counts)
            self.total.assign_add(total)
            self.seen.assign_add(ops.sum(true_1h, axis=0) + ops.sum(pred_1h, axis=0))
        else:
            self._add_mean(ops.cast(ops.equal(codes, pred), dtype), None, weight)

    def _add_mean(self, values, defined, weight):
        values = ops.cast(values, self.dtype)
        if defined is None:
            defined = ops.ones_like(values) > 0
        self.sums.assign_add(_ops.mean_sums(values, defined, weight, self.dtype))

    def _update_multilabel(self, y_true, host, scores, weight):
        spec, dtype = self._spec, self.dtype
        if spec.family == "top_k":
            truth = _ops.row_maxima(y_true)
            hits = _ops.top_k_hits(scores, spec.k, self.ties, truth=truth)
            self._add_mean(hits, None, weight)
            return
        truth = ops.not_equal(y_true, 0)
        if spec.family == "at_k":
            values, defined = _ops.at_k_values(
                spec.metric, scores, truth, spec.k, self.ties
            )
            self._add_mean(values, defined, weight)
            return
        truth_f = ops.cast(truth, dtype)
        pred = ops.cast(_ops.above(host, scores, self._thresholds), dtype)
        if self._uses_mean_sums():
            metric = spec.metric
            values, defined = _ops.sample_values(metric, truth_f, pred, self._beta)
            self._add_mean(values, defined, weight)
            return
        counts, total = _ops.label_counts(truth_f, pred, weight)
        self.counts.assign_add(counts)
        self.total.assign_add(total)

    def result(self):
        """Return the metric of every batch added since the last reset.

        Returns
        -------
        value : tensor
            The metric, a scalar; NaN before any sample, when the sample
            weights sum to 0, or after a batch that the eager checks refuse
            (see :func:`get_metric`).
        """
        nan = ops.cast(float("nan"), self.dtype)
        if not self._built:
            return nan
        spec = self._spec
        if self._uses_mean_sums():
            sums = self.sums
            weighted_counts = spec.family == "set"
            value = _ops.sample_mean(sums, self._zero, weighted_counts=weighted_counts)
            total = sums[2] + sums[3]
        elif spec.family == "set":
            present = None if self._kind_ == "multilabel" else self.seen > 0
            value = _ops.set_value(
                spec.metric,
                spec.average,
                self.counts,
                self._zero,
                present=present,
                beta=self._beta,
            )
            total = self.total
        else:
            value = _ops.hamming_accuracy(self.counts, self.total)
            total = self.total
        if spec.metric == "neg_hamming_loss":
            value = value - 1.0
        undefined = ops.logical_or(ops.equal(total, 0), self.invalid > 0)
        return ops.where(undefined, nan, value)

    def get_config(self):
        return {
            "metric": self.metric,
            "threshold": _plain(self.threshold),
            "zero_division": self.zero_division,
            "ties": self.ties,
            "name": self.name,
            "dtype": self.dtype,
        }


def _check_numbers(values, name, func):
    """A TypeError for text (string, bytes) or object arrays, which the
    backends refuse with a message that does not name the argument."""
    dtype = getattr(values, "dtype", None)
    if dtype is None:
        dtype = np.asarray(values).dtype
    try:
        kind = np.dtype(dtype).kind
    except TypeError:  # a framework dtype: TensorFlow's tf.string
        kind = "U" if "string" in str(dtype) else "f"
    text = kind in "USO"  # no backend converts object arrays
    if text:
        raise TypeError(
            f"{name} of {func} must hold numbers (class indices, 0/1 labels or "
            f"scores); got dtype {dtype}. Encode string labels first, e.g. with "
            "sklearn.preprocessing.LabelEncoder or keras.layers.StringLookup; "
            "convert object arrays of numbers with .astype(float)."
        )


def _plain(threshold):
    """A threshold as JSON can hold it."""
    if threshold is None or np.ndim(threshold) == 0:
        return None if threshold is None else float(threshold)
    return np.asarray(threshold, dtype=np.float64).tolist()


def get_metric(name, /, **params):
    """A ``keras.metrics.Metric`` computing the scorer ``name`` on the device.

    Read more in the :ref:`User Guide <keras>`.

    The metric counts what ``name`` needs in Keras variables updated with
    ``keras.ops`` (per-label true positive, predicted and true counts;
    per-sample sums for a samples average and subset accuracy; hits for top-k
    and @k), so it runs inside a compiled ``train_step`` (``jit`` on JAX) on
    any backend. Its value is the metric function's on the concatenated
    batches of an epoch (``fit``) or of an ``evaluate`` call, not a mean of
    batch values.

    Parameters
    ----------
    name : str
        Positional. A name that :class:`~skmultimetrics.MetricAccumulator` streams:
        ``{precision,recall,f1,jaccard}_{micro,macro,samples,weighted}``, F-beta
        ``f{beta}_{average}`` (``f2_macro``, ``f0.5_micro``),
        ``subset_accuracy`` (also ``accuracy``), ``hamming_accuracy``,
        ``neg_hamming_loss``, ``top{k}_accuracy``,
        ``{precision,recall,ndcg}_at_{k}``, and for one sigmoid output the
        binary ``precision``, ``recall``, ``f1``, ``f{beta}``, ``jaccard``
        (of class 1).
        It is also the metric's ``name``, so ``History`` shows ``f1_macro``
        and ``val_f1_macro``. An unknown name raises ``ValueError`` with the
        nearest valid names; a name that needs every score at once (ROC AUC,
        average precision, the operating points) is refused, pointing to
        :class:`ValidationMetrics`, which computes those once per epoch.
    **params
        ``threshold`` (float or array-like of shape (n_labels,), default None:
        0.5), ``zero_division`` ("warn", 0.0, 1.0 or np.nan, default "warn"),
        ``ties`` ("average", "optimistic" or "pessimistic": the top-k and @k
        tie rules, default "average"), ``name`` (the name in the logs, by
        default the scorer name) and ``dtype``; see :class:`F1Score`.

    Returns
    -------
    metric : keras.metrics.Metric
        The metric, with its counts at zero.

    Notes
    -----
    Keras gives ``sample_weight`` (and ``class_weight``) only to the metrics
    passed as ``model.compile(weighted_metrics=...)``; those passed as
    ``metrics=`` count every sample once.

    Shapes, cut-offs and ``k`` are checked at the first batch (or when Keras
    builds its metrics), with an error naming the argument. Values cannot be
    looked at inside a compiled step: they are checked for the first batch
    seen outside ``jit`` only (eager mode, such as the torch backend or
    ``run_eagerly=True``), which raises ``ValueError`` for NaN scores, truth
    that is not 0/1, and class indices that are not integers in
    ``[0, n_classes)``. Such a value in any other batch (under ``jit``, or
    after the first eager batch) is counted, and makes the result NaN until
    ``reset_state`` (the next epoch or ``evaluate``): never a number. Scores
    outside [0, 1] under the default cut-off of 0.5 warn (logits?).

    Top-k accuracy on label-indicator targets reads soft targets (mixup,
    label smoothing: values in [0, 1]) as Keras' ``TopKCategoricalAccuracy``
    does: a row's targets are its labels at the row's maximum (the argmax;
    every label of a 0/1 multi-hot row; none in a row of zeros, which
    misses). The other names need 0/1 truth.

    A cut-off compares as the metric functions do: ``y_pred >= threshold``
    in ``y_pred``'s own float type (float64 scores in float64, also on JAX,
    where NumPy float64 scores are cut on the host before they become
    float32; float16 and bfloat16 exactly, through float32). The top-k and
    @k ranks of NumPy float64 scores keep their float64 order and ties.

    Examples
    --------
    >>> from skmultimetrics.keras import get_metric
    >>> metric = get_metric("f1_macro", threshold=[0.5, 0.3, 0.7])
    >>> metric.name
    'f1_macro'
    >>> metric.update_state([[1, 0, 1], [0, 1, 1]], [[0.9, 0.2, 0.8], [0.1, 0.4, 0.6]])
    >>> round(float(metric.result()), 4)
    0.8889
    """
    allowed = {"threshold", "zero_division", "ties", "name", "dtype"}
    unknown = sorted(set(params) - allowed)
    if unknown:
        raise TypeError(
            f"get_metric got unknown parameters {unknown}; it takes {sorted(allowed)}."
        )
    return StreamedMetric(name, **params)


def fbeta_spec(beta, average):
    """The spec of an F-beta score, named as the registry names it."""
    metric = "f1" if beta == 1.0 else "fbeta"
    return Spec(fbeta_name(beta, average), "set", metric, average=average, beta=beta)
