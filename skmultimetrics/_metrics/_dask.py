"""Dask arrays: the door of every metric function, and the stream's sums per row
chunk.

:func:`dask_door` wraps a public metric function: given a Dask array, the
function's Dask handler runs instead. The counted metrics (set metrics,
accuracies, top-k, @k) reduce each row chunk to the sums of
:func:`~._streamed.batch_sums` on the workers, add them in a tree and finish
once, as :class:`MetricAccumulator` does with batches (:func:`dask_sums`); only
the small sums travel. The sorting metrics (ROC AUC, average precision, the
operating points) get whole columns per task (:func:`label_values_on_dask`).
Dask is imported only when a Dask array arrives (the ``dask`` extra).
"""

import functools
import inspect
import sys
import warnings

import numpy as np

from .._checks._batches import check_batch
from .._checks._labels import _encode
from .._checks._onehot import caller_stacklevel, is_argmax
from .._checks._params import check_sample_weight
from .._checks._targets import Targets, check_indicator, label_kind
from .._counts._sums import add_sums, class_sums
from ._registry import Spec, parse_name
from ._streamed import (
    accuracy_value,
    batch_sums,
    batch_thresholds,
    check_specs_for,
    finish,
    mean_or_sum,
)

# Columns per task of a sorting metric: about this many cells (all rows each).
_CELLS_PER_TASK = 1 << 24


def is_dask(*arrays):
    """Whether any argument is a ``dask.array.Array`` (without importing dask)."""
    module = sys.modules.get("dask.array")
    return module is not None and any(isinstance(a, module.Array) for a in arrays)


def dask_door(on_dask):
    """Decorator of a metric function: when any argument is a Dask array, return
    ``on_dask(func=name, **arguments)`` instead (every argument by name, defaults
    too; ``func``, the function's name, unless an argument of that name is
    given)."""

    def decorate(function):
        signature = inspect.signature(function)

        @functools.wraps(function)
        def door(*args, **kwargs):
            if not is_dask(*args, *kwargs.values()):
                return function(*args, **kwargs)
            bound = signature.bind(*args, **kwargs)
            bound.apply_defaults()
            return on_dask(**{"func": function.__name__, **bound.arguments})

        return door

    return decorate


def refuse_on_dask(func, **given):
    """Raise for arguments that the Dask path of ``func`` does not take:
    ``given`` maps each name to ``(value, default)``."""
    for name, (value, default) in given.items():
        if not (value is default or (isinstance(value, str) and value == default)):
            raise ValueError(
                f"{func} on Dask arrays does not take {name}={value!r} (only the "
                f"default, {default!r}); call .compute() on the arrays to use it."
            )


def _row_blocks(array, row_chunks):
    """Delayed row blocks of ``array`` (all its columns in each), aligned to
    ``row_chunks``; None for each block of a missing array."""
    import dask.array as da

    if array is None:
        return [None] * len(row_chunks)
    if not isinstance(array, da.Array):
        array = array.toarray() if hasattr(array, "toarray") else np.asarray(array)
        array = da.from_array(array, chunks=-1)
    spec = {0: row_chunks, **({1: -1} if array.ndim == 2 else {})}
    return list(array.rechunk(spec).to_delayed().ravel())


def _chunk_sums(y_true, y_score, weight, specs, threshold, func, samples, edges, gains):
    """``(kind, n_columns, sums)`` of one row chunk, as a batch of a stream."""
    if threshold is None:  # y_score holds 0/1 predictions, as y_pred
        if np.ndim(y_true) == 1 or np.shape(y_true)[1] == 1:
            raise ValueError(
                f"{func} can't handle a mix of targets: y_true holds 1-D labels and "
                f"y_pred a matrix of shape {np.shape(y_score)}; pass threshold= "
                "for scores."
            )
        check_indicator(y_score, "y_pred", func, " To binarize scores pass threshold=.")
        threshold = 0.5
    argmax = is_argmax(threshold)
    batch = check_batch(
        y_true, y_score, weight, func=func, argmax=argmax, warn=False, cut=threshold
    )
    check_specs_for(
        specs, batch.kind, batch.n_columns, func, hasattr(y_score, "indptr")
    )
    thresholds = batch_thresholds(threshold, batch.kind, batch.n_columns, func)
    sums = batch_sums(
        batch, specs, thresholds, func=func, samples=samples, edges=edges, gains=gains
    )
    return batch.kind, batch.n_columns, sums


def _label_chunk_sums(y_true, y_pred, weight, classes, func):
    """``(kind, n_classes, sums)`` of a row chunk of 1-D labels, coded into
    ``classes``."""
    codes = []
    for name, labels in (("y_true", y_true), ("y_pred", y_pred)):
        labels = np.asarray(labels)
        labels = labels.ravel() if labels.ndim == 2 and labels.shape[1] == 1 else labels
        label_kind(labels, name, func)
        codes.append(np.searchsorted(classes, labels))
    weight = check_sample_weight(weight, codes[0].shape[0], func, allow_all_zero=True)
    n_classes = classes.shape[0]
    kind = "binary" if n_classes <= 2 else "multiclass"
    return kind, n_classes, {"set": class_sums(*codes, n_classes, weight)}


def _add(a, b):
    return a[0], a[1], add_sums(a[2], b[2])


def dask_sums(
    y_true,
    y_score,
    sample_weight,
    *,
    threshold,
    func,
    specs=(),
    samples=False,
    classes=None,
    edges=None,
    gains=None,
    allow_zero_total=False,
    extra=None,
):
    """``(kind, n_columns, sums)`` of Dask arrays: the sums of :func:`batch_sums`
    of every row chunk, computed on the workers and added in a tree. With
    ``classes``, ``y_score`` holds predicted 1-D labels, counted per class.
    ``extra``: a list of further Dask values to compute in the same pass; then
    ``((kind, n_columns, sums), computed_extra)``."""
    import dask
    import dask.array as da

    named = {"y_true": y_true, "y_score": y_score, "sample_weight": sample_weight}
    lengths = {}
    for name, a in named.items():
        if isinstance(a, da.Array) and any(np.isnan(c) for c in a.chunks[0]):
            raise ValueError(
                f"The '{name}' argument of {func} has unknown chunk sizes (from "
                "boolean indexing or a DataFrame, say); call .compute_chunk_sizes() "
                "on it first."
            )
        if a is not None:
            lengths[name] = np.shape(a)[0]
    if len(set(lengths.values())) > 1:
        raise ValueError(
            f"The arguments of {func} have different numbers of samples: {lengths}."
        )
    # the row chunks of the first Dask argument (the others are cut to match)
    rows = next(a for a in named.values() if isinstance(a, da.Array)).chunks[0]
    if classes is None:
        task, args = _chunk_sums, (specs, threshold, func, samples, edges, gains)
    else:
        task, args = _label_chunk_sums, (classes, func)
    blocks = zip(*(_row_blocks(a, rows) for a in named.values()))
    parts = [dask.delayed(task)(*block, *args) for block in blocks]
    while len(parts) > 1:  # a tree of additions
        added = [dask.delayed(_add)(a, b) for a, b in zip(parts[::2], parts[1::2])]
        parts = added + parts[len(parts) - len(parts) % 2 :]
    result, *computed = dask.compute(parts[0], *(extra or []))
    if not allow_zero_total and result[2]["set"]["total"] == 0:
        raise ValueError(
            f"The 'sample_weight' parameter of {func} must contain at least one "
            "non-zero weight; all weights are zero."
        )
    return result if extra is None else (result, computed)


def _label_classes(y_true, y_pred, threshold, func):
    """The sorted classes of 1-D label predictions (one pass of ``da.unique``), or
    None when ``y_pred`` holds scores or label-indicator rows."""
    import dask.array as da

    if threshold is not None or len(np.shape(y_pred)) != 1:
        return None
    found = [
        np.asarray(da.unique(a).compute() if is_dask(a) else np.unique(np.asarray(a)))
        for a in (y_true, y_pred)
    ]
    return _encode(*found, func)[0]  # their sorted union


def dask_set_sums(
    y_true, y_pred, sample_weight, *, threshold, func, samples, beta, pos_label
):
    """``(targets, set sums)`` of Dask arrays for the set metrics: a
    :class:`Targets` holding only the kind and the classes, and the added
    sums of every row chunk (``pos_label``: the class that ``average="binary"``
    reports, else 1)."""
    classes = _label_classes(y_true, y_pred, threshold, func)
    fbeta = Spec("fbeta", "set", "fbeta", average="samples", beta=beta)
    kind, n_columns, sums = dask_sums(
        y_true,
        y_pred,
        sample_weight,
        threshold=threshold,
        func=func,
        specs=(fbeta,) if samples and beta != 1 else (),
        samples=samples,
        classes=classes,
    )
    if kind == "multilabel":
        kind, classes = "multilabel-indicator", np.arange(n_columns)
    elif kind == "binary" and classes is None:  # 0/1 scores or predictions
        refuse_on_dask(func, pos_label=(pos_label, 1))
        classes = np.array([0, 1])
    return Targets(kind, None, None, classes, None), sums["set"]


def counted_on_dask(
    func,
    name,
    y_true,
    y_score,
    sample_weight,
    *,
    threshold=0.5,
    zero_division="warn",
    normalize=True,
    gains=None,
):
    """The metric of the scorer ``name`` on Dask arrays (accuracies, top-k, @k),
    by :func:`finish` of the added sums."""
    spec = parse_name(name, consumer="stream", func=func)
    accuracy = spec.family == "accuracy"
    kind, n_columns, sums = dask_sums(
        y_true,
        y_score,
        sample_weight,
        threshold=threshold if accuracy else 0.5,
        func=func,
        specs=(spec,),
        classes=_label_classes(y_true, y_score, threshold, func) if accuracy else None,
        gains=gains,
    )
    if accuracy:
        return accuracy_value(sums["set"], spec.metric, normalize)
    if spec.family == "top_k" and not normalize:
        return mean_or_sum(sums[spec.name], normalize=False)
    return finish(sums, (spec,), kind, n_columns, zero_division)[spec.name]


def dask_class_indices(y_true, n_columns, func):
    """Check, with one ``unique`` pass, that 1-D Dask labels are the column
    indices ``0 .. n_columns - 1`` that the NumPy path would make of them."""
    import dask.array as da

    classes = da.unique(da.asarray(y_true)).compute()
    if not np.array_equal(classes, np.arange(n_columns)):
        raise ValueError(
            f"Number of classes in 'y_true' ({classes.shape[0]}: "
            f"{classes[:10].tolist()}) of {func} on Dask arrays must be the column "
            f"indices 0 .. {n_columns - 1} of 'y_score'. Encode them first, e.g. "
            "with sklearn.preprocessing.LabelEncoder, or pass every known class, in "
            "column order, as labels= (NumPy arrays)."
        )


def dask_label_frequencies(y_true, sample_weight, func):
    """Each label's (weighted) number of positives of a Dask label matrix: the
    ``true`` counts of its sums (the matrix read as its own predictions)."""
    sums = dask_sums(y_true, y_true, sample_weight, threshold=0.5, func=func)[2]
    return sums["set"]["true"]


def _column_task(per_label, truth, scores, weight):
    """``per_label`` on one block of columns (every row), with the warnings it
    gave, and each label's (weighted) number of positives."""
    truth, scores = np.asarray(truth), np.asarray(scores)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        values = per_label(truth, scores, weight)
    positive = truth != 0
    support = positive.sum(axis=0) if weight is None else weight @ positive
    return values, support, [(w.category, str(w.message)) for w in caught]


def label_values_on_dask(per_label, y_true, y_score, sample_weight, func, by="label"):
    """Per label (``by="row"``: per sample) values of a metric that sorts, on Dask
    label matrices: each block of whole columns (or rows) on one worker.

    Returns the values, each label's positives (None by row) and the checked
    weights (the weights are one float per sample, read here). Warnings given on
    the workers are given again here, once each.
    """
    import dask
    import dask.array as da

    truth, scores = (
        a if isinstance(a, da.Array) else da.asarray(np.asarray(a))
        for a in (y_true, y_score)
    )
    if truth.ndim != 2 or scores.shape != truth.shape:
        raise ValueError(
            f"y_true and y_score of {func} on Dask arrays must be label matrices "
            f"of the same shape; got {truth.shape} and {scores.shape}."
        )
    n_samples, n_labels = truth.shape
    if by == "row":
        truth = truth.rechunk({1: -1})
    else:
        width = int(max(1, min(n_labels, _CELLS_PER_TASK // max(n_samples, 1))))
        truth = truth.rechunk({0: -1, 1: width})
    scores = scores.rechunk(truth.chunks)
    weight = sample_weight
    if weight is not None:
        weight = np.asarray(weight.compute() if is_dask(weight) else weight)
        weight = check_sample_weight(weight, n_samples, func)
    task_weight = None if by == "row" else weight
    tasks = [
        dask.delayed(_column_task)(per_label, t, s, task_weight)
        for t, s in zip(truth.to_delayed().ravel(), scores.to_delayed().ravel())
    ]
    results = dask.compute(*tasks)
    for category, message in dict.fromkeys(w for r in results for w in r[2]):
        warnings.warn(message, category, stacklevel=caller_stacklevel())
    values = np.concatenate([np.atleast_1d(r[0]) for r in results])
    support = None if by == "row" else np.concatenate([r[1] for r in results])
    return values, support, weight
