"""The one registry of metric names: every name is parsed here, once, into a
:class:`Spec`, and every consumer asks this module.

A name means one number everywhere: ``get_scorer``, :class:`MetricAccumulator`,
``skmultimetrics.keras`` (``get_metric``, ``ValidationMetrics``),
``confidence_interval`` / ``compare_predictions``, the objectives of
``optimize_thresholds`` / ``ThresholdOptimizer`` and the command line read a
name with :func:`parse_name`. Where a consumer cannot compute a name, the
registry refuses it with the reason and what to use instead (:data:`_CANNOT`).

The names (the scorer vocabulary):

- set metrics ``{precision,recall,f1,jaccard}_{micro,macro,samples,weighted}``,
  F-beta ``f{beta}_{average}`` (beta as its shortest decimal: ``f2_macro``,
  ``f0.5_micro``), and scikit-learn's binary scorers ``precision``, ``recall``,
  ``f1``, ``jaccard``, ``f{beta}`` (the score of class 1);
- accuracies ``accuracy`` (subset accuracy, as scikit-learn's),
  ``subset_accuracy``, ``hamming_accuracy``, ``neg_hamming_loss``,
  ``balanced_accuracy`` (binary and multiclass targets);
- ``top{k}_accuracy`` for any k >= 1, ``top_k_accuracy`` (scikit-learn's, k=2);
- ``{precision,recall,ndcg}_at_{k}`` and ``psp_at_{k}`` for any k >= 1;
- ``roc_auc[_{micro,macro,samples,weighted,ovr,ovo,ovr_weighted,ovo_weighted}]``,
  ``average_precision[_{micro,macro,samples,weighted}]``;
- ``recall_at_precision_{P}`` and ``precision_at_recall_{R}``, P and R in percent;
- scikit-learn's label ranking scorers ``label_ranking_average_precision``,
  ``neg_coverage_error``, ``neg_label_ranking_loss``.
"""

import difflib
import functools
import re
from typing import NamedTuple

import numpy as np

from .._checks._errors import InvalidParameterError

AVERAGES = ("micro", "macro", "samples", "weighted")
SET_METRICS = ("precision", "recall", "f1", "jaccard")
AT_K_METRICS = ("precision", "recall", "ndcg")
LEVEL_METRICS = {
    "recall_at_precision": "min_precision",
    "precision_at_recall": "min_recall",
}
AUC_AVERAGES = (*AVERAGES, "ovr", "ovo", "ovr_weighted", "ovo_weighted")
LABEL_RANKING = (
    "label_ranking_average_precision",
    "neg_coverage_error",
    "neg_label_ranking_loss",
)
# names whose scorer is scikit-learn's own (the same number): get_scorer
# passes them on
SKLEARN_SCORERS = (
    "accuracy",
    "balanced_accuracy",
    *SET_METRICS,
)
_FBETA = re.compile(r"f((?:0|[1-9][0-9]*)(?:\.[0-9]*[1-9])?)")
_COUNTED = (
    re.compile(r"top(\d+)_accuracy"),
    re.compile(r"(precision|recall|ndcg|psp)_at_(\d+)"),
    re.compile(r"(recall_at_precision|precision_at_recall)_(\d+)"),
)


class Spec(NamedTuple):
    """One metric name, parsed.

    ``family`` says what the metric reads and which statistics it needs:
    ``"set"`` and ``"accuracy"`` read predictions (or scores with a cut-off)
    and count per-label or per-sample agreements; ``"top_k"`` and ``"at_k"``
    read scores and count hits among the k highest; ``"auc"``, ``"ap"``,
    ``"level"`` (the operating points) and ``"label_ranking"`` sort every
    score. ``metric`` is the formula (``"f1"``, ``"fbeta"``, ``"precision"``,
    ``"subset_accuracy"``, ``"top_k"``, ``"ndcg"``, ``"psp"``, ``"roc_auc"``,
    ``"recall_at_precision"``, ...); ``average`` the average (``"binary"``: the
    class 1; None where the name has none); ``k``, ``beta`` and ``level`` (a
    fraction) the parameters. Every value is greater-is-better: ``neg_*``
    names are the negated losses.
    """

    name: str
    family: str
    metric: str
    average: str | None = None
    k: int | None = None
    beta: float = 1.0
    level: float | None = None

    @property
    def reads_scores(self):
        """Whether the metric reads scores (ranks or sorts them) rather than
        predictions."""
        return self.family not in ("set", "accuracy")

    @property
    def streams(self):
        """Whether the metric adds up from per-batch counts, exactly whatever
        the scores (Keras streams these too). The curve families stream in
        :class:`MetricAccumulator` as score histograms, exact for float16 and
        bfloat16 scores."""
        return self.family in ("set", "accuracy", "top_k", "at_k")


def fbeta_of_name(metric):
    """The beta of an F-beta metric name ``f{beta}`` (``"f2"``, ``"f0.5"``), else
    None.

    The spelling is the shortest decimal of beta: no leading or trailing zeros
    (``"f0.5"``, not ``"f.5"``, ``"f0.50"`` or ``"f2.0"``), and beta > 0.
    ``"f1"`` is F1 (beta 1).
    """
    match = _FBETA.fullmatch(metric) if isinstance(metric, str) else None
    if match is None or float(match[1]) <= 0:
        return None
    return float(match[1])


def fbeta_name(beta, average="binary"):
    """The registry's name of F-beta with ``average`` (``f2_macro``, ``f1``)."""
    head = "f" + np.format_float_positional(float(beta), trim="-")
    return head if average == "binary" else f"{head}_{average}"


def _fixed_specs():
    specs = {
        "accuracy": Spec("accuracy", "accuracy", "subset_accuracy"),
        "subset_accuracy": Spec("subset_accuracy", "accuracy", "subset_accuracy"),
        "hamming_accuracy": Spec("hamming_accuracy", "accuracy", "hamming_accuracy"),
        "neg_hamming_loss": Spec("neg_hamming_loss", "accuracy", "neg_hamming_loss"),
        "balanced_accuracy": Spec(
            "balanced_accuracy", "accuracy", "balanced_accuracy", average="macro"
        ),
        "top_k_accuracy": Spec("top_k_accuracy", "top_k", "top_k", k=2),
        "roc_auc": Spec("roc_auc", "auc", "roc_auc"),
        "average_precision": Spec("average_precision", "ap", "average_precision"),
    }
    for average in AUC_AVERAGES:
        name = f"roc_auc_{average}"
        specs[name] = Spec(name, "auc", "roc_auc", average=average)
    for average in AVERAGES:
        name = f"average_precision_{average}"
        specs[name] = Spec(name, "ap", "average_precision", average=average)
    for name in LABEL_RANKING:
        specs[name] = Spec(name, "label_ranking", name)
    return specs


_FIXED = _fixed_specs()


@functools.lru_cache(maxsize=512)
def _lookup(name):
    """The :class:`Spec` of a name, or ``(None, why)`` when it is none."""
    if name in _FIXED:
        return _FIXED[name], None
    head, _, tail = name.rpartition("_")
    metric, average = (head, tail) if tail in AVERAGES else (name, "binary")
    if metric in SET_METRICS:
        return Spec(name, "set", metric, average=average), None
    beta = fbeta_of_name(metric)
    if beta is not None:
        kind = "f1" if beta == 1.0 else "fbeta"
        return Spec(name, "set", kind, average=average, beta=beta), None
    top_k, at_k, level = (pattern.fullmatch(name) for pattern in _COUNTED)
    match = top_k or at_k or level
    number = None if match is None else match[match.re.groups]  # the last group
    if number is not None and number != "0" and number.startswith("0"):
        return None, "write the number without leading zeros"
    if top_k or at_k:
        k = int(number)
        if k < 1:
            return None, "k must be at least 1"
        if top_k:
            return Spec(name, "top_k", "top_k", k=k), None
        return Spec(name, "at_k", at_k[1], k=k), None
    if level:
        percent = int(number)
        if percent > 100:
            return None, "the level is a percentage from 0 to 100"
        return Spec(name, "level", level[1], level=percent / 100), None
    return None, None


def example_names():
    """Every fixed name, and the parametrised ones for a few k, beta, levels."""
    names = set(_FIXED) - {"balanced_accuracy", "top_k_accuracy"}
    names.update(f"{m}_{a}" for m in SET_METRICS for a in AVERAGES)
    for beta in ("0.5", "2"):
        names.add(f"f{beta}")
        names.update(f"f{beta}_{average}" for average in AVERAGES)
    for k in (1, 3, 5, 10):
        names.add(f"top{k}_accuracy")
        names.update(f"{m}_at_{k}" for m in (*AT_K_METRICS, "psp"))
    for level in (50, 80, 90, 95):
        names.update(f"{metric}_{level}" for metric in LEVEL_METRICS)
    return sorted(names)


VALID = (
    "{precision,recall,f1,f{beta},jaccard}[_{micro,macro,samples,weighted}], "
    "accuracy, subset_accuracy, hamming_accuracy, neg_hamming_loss, "
    "top{k}_accuracy, {precision,recall,ndcg,psp}_at_{k}, roc_auc[_{average}], "
    "average_precision[_{average}], recall_at_precision_{P}, "
    "precision_at_recall_{R} (see get_scorer_names())"
)
_EVERY_SCORE = (
    "needs every score at once (it sorts them), so it cannot be added up batch by batch"
)
# consumer -> family (or metric) -> why the consumer cannot compute it
_PER_ROW = (
    "averages over samples, which ranks each row's scores: a stream keeps "
    "per-label score histograms, not rows; compute it with the one-shot "
    "function on the whole arrays (on Dask arrays, say)"
)
_CANNOT = {
    "stream": {
        "auc:samples": _PER_ROW,
        "ap:samples": _PER_ROW,
        "auc:ovo": "averages over pairs of classes, which per-label score "
        "histograms do not hold; compute it with roc_auc_score on the whole arrays",
        "auc:ovr": "is one-vs-rest for class indices, which a stream's curves do "
        "not take; pass y_true one-hot (a label matrix) with 'roc_auc_macro'",
        "label_ranking": f"{_EVERY_SCORE}; compute it with the one-shot function "
        "on the whole arrays (on Dask arrays, say)",
        "balanced_accuracy": "is scikit-learn's binary and multiclass scorer (the "
        "mean recall over the classes of y_true); compute it with "
        "sklearn.metrics.balanced_accuracy_score",
    },
    "keras": {
        "auc": "needs every score of an epoch (or MetricAccumulator's score "
        "histograms), which a Keras metric does not keep; in Keras, log it per "
        "epoch with skmultimetrics.keras.ValidationMetrics(validation_data, "
        "metrics=[...])",
        "psp": "needs label propensities; use MetricAccumulator(propensities=) or "
        "propensity_scored_precision_at_k_score",
    },
    "interval": {
        "label_ranking": "is scikit-learn's label ranking metric, which has no "
        "interval here",
    },
    "objective": {
        "top_k": "ranks the scores and does not depend on the cut-offs, so no "
        "cut-off can be tuned for it; tune a set metric such as 'f1_macro'",
        "neg_hamming_loss": "is tuned as 'hamming_accuracy' (the same cut-offs)",
        "balanced_accuracy": "is tuned for multiclass targets only; for binary "
        "targets and label matrices tune 'recall_macro'",
    },
    "multiclass": {
        "top_k": "ranks the scores and does not depend on the class weights; "
        "tune 'f1_macro' or 'accuracy'",
        "samples": "averages over samples, which needs a label matrix; "
        "multiclass objectives average 'macro', 'weighted' or 'micro'",
        "binary": "is the score of class 1 of a binary target; multiclass "
        "objectives average 'macro', 'weighted' or 'micro' (such as 'f1_macro')",
        "hamming_accuracy": "is 'accuracy' for one class per sample",
        "neg_hamming_loss": "is tuned as 'accuracy' (the same decisions)",
    },
}
_CANNOT["keras"]["balanced_accuracy"] = _CANNOT["stream"]["balanced_accuracy"]
for _consumer in ("validation", "interval"):
    _CANNOT.setdefault(_consumer, {})["balanced_accuracy"] = _CANNOT["stream"][
        "balanced_accuracy"
    ]
_CANNOT["stream"]["auc:ovr_weighted"] = _CANNOT["stream"]["auc:ovr"]
_CANNOT["stream"]["auc:ovo_weighted"] = _CANNOT["stream"]["auc:ovo"]
for _family in ("ap", "level", "label_ranking"):
    _CANNOT["keras"][_family] = _CANNOT["keras"]["auc"]
for _family in ("at_k", "auc", "ap", "level", "label_ranking"):
    _CANNOT["objective"][_family] = _CANNOT["objective"]["top_k"]
    _CANNOT["multiclass"][_family] = _CANNOT["multiclass"]["top_k"]


def _refusal(spec, consumer):
    """Why ``consumer`` cannot compute ``spec`` (None: it can)."""
    cannot = _CANNOT.get(consumer, {})
    for key in (
        spec.metric,
        spec.family,
        spec.average,
        f"{spec.family}:{spec.average}",
    ):
        if key in cannot:
            return cannot[key]
    return None


def unknown_name(name, argument, func, why=None, candidates=()):
    """The one error for a name the registry does not know."""
    if why is None and isinstance(name, str):
        why = _lookup(name)[1]
    names = sorted({*example_names(), *candidates})
    close = difflib.get_close_matches(str(name).lower(), names, n=5, cutoff=0.5)
    hint = f" The closest valid names are {close}." if close else ""
    why = f" ({why})" if why else ""
    return InvalidParameterError(
        f"The {argument!r} parameter of {func} got the unknown metric {name!r}"
        f"{why}: not a valid scoring value.{hint} Valid names: {VALID}."
    )


def lookup(name):
    """The :class:`Spec` of ``name``, or None for a name this package does not
    compute (such as scikit-learn's other scorer names)."""
    return _lookup(name)[0] if isinstance(name, str) else None


def parse_name(name, *, consumer, func, argument="metric"):
    """The :class:`Spec` of ``name`` for ``consumer``.

    Parameters
    ----------
    name : str
        A metric name.
    consumer : {"scorer", "stream", "keras", "validation", "interval", \
"objective", "multiclass"}
        Who computes it: the refusal names the reason and what to use instead.
    func, argument : str
        The public function and its argument, for the messages.

    Raises
    ------
    InvalidParameterError
        For a name that is not a string, an unknown name (with the nearest
        valid names) or a name the consumer cannot compute (with why).
    """
    if not isinstance(name, str):
        raise InvalidParameterError(
            f"The {argument!r} parameter of {func} must hold metric names (str); "
            f"got {name!r}."
        )
    spec, why = _lookup(name)
    if spec is None:
        raise unknown_name(name, argument, func, why)
    reason = _refusal(spec, consumer)
    if reason is not None:
        raise InvalidParameterError(
            f"The {argument!r} parameter of {func} holds {name!r}, which {reason}."
        )
    return spec


def parse_names(names, *, consumer, func, argument="metrics"):
    """The specs of a name or a list of names, in order, without duplicates."""
    if isinstance(names, str):
        names = (names,)
    if isinstance(names, (bytes, bytearray)):
        raise InvalidParameterError(
            f"The {argument!r} parameter of {func} must be a metric name (str) or a "
            f"list of them; got the bytes {names!r}."
        )
    try:
        names = list(dict.fromkeys(names))
    except TypeError:
        raise InvalidParameterError(
            f"The {argument!r} parameter of {func} must be a metric name or a list "
            f"of them; got {names!r}."
        ) from None
    if not names:
        raise InvalidParameterError(
            f"The {argument!r} parameter of {func} must name at least one metric."
        )
    return tuple(
        parse_name(name, consumer=consumer, func=func, argument=argument)
        for name in names
    )
