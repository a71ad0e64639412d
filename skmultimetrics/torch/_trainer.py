"""compute_metrics: metrics for Hugging Face's ``transformers.Trainer``."""

import numpy as np
from scipy.special import expit, softmax

from .._checks._arrays import to_host
from .._checks._params import param_error
from .._stream._accumulator import MetricAccumulator

_FUNC = "skmultimetrics.torch.compute_metrics"
ACTIVATIONS = ("auto", "sigmoid", "softmax", None)


class _Accumulator(MetricAccumulator):
    _FUNC = _FUNC  # errors name compute_metrics


def metric_key(name):
    """The key of a metric in the Trainer's logs: the Trainer takes a name that
    ends in "loss" as lower-is-better (``greater_is_better`` defaults to
    ``not name.endswith("loss")``), so ``neg_{x}_loss`` is logged as the loss
    ``{x}_loss`` itself (its value negated), whose best is its lowest."""
    if name.startswith("neg_") and name.endswith("loss"):
        return name[4:], -1.0
    return name, 1.0


def _as_numpy(x, what):
    if x is None:
        raise ValueError(
            f"{what} of {_FUNC} is None: the Trainer passes labels only when the "
            "evaluation dataset has them (a 'labels' column, or label_names=)."
        )
    if isinstance(x, tuple) and what == "EvalPrediction.predictions":
        x = x[0]  # the logits; the model's other outputs (hidden states, ...)
    elif isinstance(x, tuple):
        raise ValueError(
            f"{what} of {_FUNC} holds {len(x)} arrays (several label_names); "
            "it reads one array of labels."
        )
    return np.asarray(to_host(x))


class _ComputeMetrics:
    """The object :func:`compute_metrics` returns (see there)."""

    def __init__(self, metrics, threshold, activation, ignore_index, params):
        if not (activation is None or isinstance(activation, str)) or (
            activation not in ACTIVATIONS
        ):
            raise param_error(_FUNC, "activation", f"one of {ACTIVATIONS}", activation)
        self.activation = activation
        self._settings = dict(metrics=metrics, threshold=threshold, **params)
        self.ignore_index = ignore_index
        # every setting is checked now, not at the first evaluation
        self._names = _Accumulator(ignore_index=ignore_index, **self._settings).names
        self._acc = None

    def reset(self):
        """Forget the batches of an unfinished evaluation."""
        self._acc = None
        return self

    def update(self, logits, labels):
        """Add a batch of logits (or scores) and labels; return ``self``."""
        logits = _as_numpy(logits, "EvalPrediction.predictions")
        labels = _as_numpy(labels, "EvalPrediction.label_ids")
        indices = logits.ndim == labels.ndim + 1  # class indices (per token too)
        if indices:
            logits = logits.reshape(-1, logits.shape[-1])
            labels = labels.reshape(-1)
        activation = self.activation
        if activation == "auto":
            activation = "softmax" if indices and logits.shape[-1] > 1 else "sigmoid"
        if activation == "softmax":
            logits = softmax(logits.astype(np.float64), axis=-1)
        elif activation == "sigmoid":
            logits = expit(logits.astype(np.float64))
        if self._acc is None:
            ignore_index = self.ignore_index if indices else None
            self._acc = _Accumulator(ignore_index=ignore_index, **self._settings)
        self._acc.update(labels, logits)
        return self

    def result(self):
        """``{key: float}`` of the batches added (see :func:`metric_key`), then
        :meth:`reset`."""
        acc, self._acc = self._acc, None
        if acc is None or acc.n_samples_ == 0:
            raise ValueError(
                f"{_FUNC} has no rows to score: no batch was added since the "
                "last result, or every label was ignore_index."
            )
        keys = [metric_key(name) for name in acc.names]
        values = acc.result().values()
        return {key: sign * float(value) for (key, sign), value in zip(keys, values)}

    def __call__(self, eval_pred, compute_result=True):
        """The Trainer's call: ``eval_pred`` an ``EvalPrediction`` (or a tuple
        ``(predictions, label_ids)``); with ``batch_eval_metrics=True`` one
        batch at a time, ``compute_result`` True on the last."""
        predictions, labels = (
            (eval_pred.predictions, eval_pred.label_ids)
            if hasattr(eval_pred, "label_ids")
            else tuple(eval_pred)[:2]
        )
        batches = [(predictions, labels)]
        if isinstance(labels, list) and labels and hasattr(labels[0], "shape"):
            batches = zip(predictions, labels)  # eval_do_concat_batches=False
        try:
            for batch in batches:
                self.update(*batch)
        except Exception:
            self.reset()  # the next evaluation starts afresh
            raise
        return self.result() if compute_result else {}

    def __repr__(self):
        return (
            f"compute_metrics(metrics={self._names!r}, "
            f"threshold={self._settings['threshold']!r}, "
            f"activation={self.activation!r}, ignore_index={self.ignore_index!r})"
        )


def compute_metrics(
    metrics=("f1_macro", "f1_micro"),
    *,
    threshold=0.5,
    activation="auto",
    ignore_index=-100,
    zero_division=0.0,
    propensities=None,
):
    """Build the ``compute_metrics`` of a ``transformers.Trainer``.

    Returns an object that the Trainer calls in either of its protocols: once
    per evaluation with the whole set's arrays (an ``EvalPrediction``), or,
    with ``TrainingArguments(batch_eval_metrics=True)``, once per batch with
    its tensors and ``compute_result=True`` on the last. It adds each batch to
    a :class:`~skmultimetrics.MetricAccumulator`, returns ``{key: float}`` at
    the end (equal to the metric functions on the whole set), and starts
    afresh for the next evaluation (after an error too).

    Read more in the :ref:`User Guide <torch>`.

    Parameters
    ----------
    metrics : str or sequence of str, default=("f1_macro", "f1_micro")
        Names that :class:`~skmultimetrics.MetricAccumulator` streams (set
        metrics with every average, accuracies, ``top{k}_accuracy``,
        ``{precision,recall,ndcg}_at_{k}``, ...).
    threshold : float, array-like of shape (n_labels,) or "argmax", default=0.5
        The cut-off of the scores after ``activation``, as in
        :class:`~skmultimetrics.MetricAccumulator`. Class-index labels are
        predicted as the best-scored class (the binary ``f1``, ``precision``,
        ``recall`` cut the score of class 1).
    activation : {"auto", "sigmoid", "softmax"} or None, default="auto"
        What turns the model's logits into scores: "auto" is "softmax" for
        class-index labels (``problem_type="single_label_classification"``,
        token classification) and "sigmoid" for label matrices
        (``"multi_label_classification"``); None takes the predictions as
        scores (probabilities from ``preprocess_logits_for_metrics``).
    ignore_index : int or None, default=-100
        With class-index labels, the rows (tokens) labelled ``ignore_index`` are
        left out: Hugging Face's padding and masked tokens. Label matrices
        are read as they are.
    zero_division : {"warn", 0.0, 1.0, np.nan}, default=0.0
        Value of a ratio without a denominator. The default is the number of
        "warn" without a warning at every evaluation.
    propensities : array-like of shape (n_labels,), default=None
        For ``psp_at_{k}``, as in :class:`~skmultimetrics.MetricAccumulator`.

    Returns
    -------
    compute_metrics : callable
        ``compute_metrics(eval_pred, compute_result=True)`` returns ``{key:
        float}``: with ``compute_result=False`` it adds the batch and returns
        ``{}``. It also has ``update(logits, labels)``, ``result()`` and
        ``reset()`` for loops of one's own.

    Notes
    -----
    The keys are the metric names, which the Trainer logs as ``eval_<name>``
    and which ``metric_for_best_model`` takes. The Trainer reads a name ending
    in "loss" as lower-is-better (``greater_is_better`` defaults to
    ``not name.endswith("loss")``) and every other name as higher-is-better,
    so the greater-is-better ``neg_hamming_loss`` is logged as
    ``hamming_loss``, the loss itself: ``metric_for_best_model="hamming_loss"``
    then keeps the best checkpoint (with ``neg_hamming_loss`` it would keep the
    worst).

    The Trainer gathers the predictions of every process before calling it
    (padding rows that it then drops), so it needs no :func:`sync`.

    Examples
    --------
    >>> import numpy as np
    >>> from skmultimetrics.torch import compute_metrics
    >>> metrics = compute_metrics(["accuracy", "f1_macro"])
    >>> logits = np.array([[2.0, -1.0, 0.0], [0.1, 0.3, 0.2], [0.0, 0.0, 5.0]])
    >>> labels = np.array([0, -100, 1])      # the second row is ignored
    >>> metrics((logits, labels))
    {'accuracy': 0.5, 'f1_macro': 0.3333333333333333}
    """
    params = {"zero_division": zero_division, "propensities": propensities}
    return _ComputeMetrics(metrics, threshold, activation, ignore_index, params)
