"""Dask arrays: each row chunk reduced to sums on the workers, the sums added in a
tree, the formula applied once.

Only the small sums travel: per-label counts, per-sample score sums, top-k hits;
the arrays are never gathered. Dask is imported only when a Dask array arrives
(the ``dask`` extra). On Dask, 1-D targets are 0/1 labels (binary, with 1-D
scores or predictions) or class indices ``0 .. C-1`` with (n_samples, C) scores
(multiclass: the prediction is the argmax); see :func:`dask_sums`.
"""

import sys
import warnings

import numpy as np

from .._checks._batches import check_batch
from .._checks._onehot import is_argmax
from .._checks._params import check_sample_weight, check_target_average
from .._checks._targets import _check_indicator, _label_kind
from .._counts._reductions import (
    jaccard_from_counts_averaged,
    micro_counts,
    prf_from_counts,
)
from .._counts._statistics import LabelCounts
from .._counts._sums import add_sums, class_sums, sample_mean
from ._streamed import (
    _label_counts,
    _streamed_mean,
    batch_sums,
    batch_thresholds,
    check_specs_for,
    finish,
)

# Columns per task of a sorting metric: about this many cells (all rows each).
_CELLS_PER_TASK = 1 << 24


def is_dask(*arrays):
    """Whether any argument is a ``dask.array.Array`` (without importing dask)."""
    module = sys.modules.get("dask.array")
    return module is not None and any(isinstance(a, module.Array) for a in arrays)


def refuse_on_dask(func, **given):
    """Raise for arguments that the Dask path of ``func`` does not take:
    ``given`` maps each name to ``(value, default)``."""
    for name, (value, default) in given.items():
        same = value is default or (
            isinstance(value, str) and isinstance(default, str) and value == default
        )
        if not same:
            raise ValueError(
                f"{func} on Dask arrays does not take {name}={value!r} (only the "
                f"default, {default!r}); call .compute() on the arrays to use it."
            )


def _row_blocks(array, row_chunks):
    """Delayed row blocks of ``array`` (all its columns in each), aligned to
    ``row_chunks``."""
    import dask.array as da

    if not isinstance(array, da.Array):
        array = array.toarray() if hasattr(array, "toarray") else np.asarray(array)
        array = da.from_array(array, chunks=-1)
    spec = {0: row_chunks, **({1: -1} if array.ndim == 2 else {})}
    return list(array.rechunk(spec).to_delayed().ravel())


def _chunk_sums(y_true, y_score, weight, specs, threshold, samples, func, edges, gains):
    if threshold is None:  # y_score holds 0/1 predictions, as y_pred
        if np.ndim(y_true) == 1 or (np.ndim(y_true) == 2 and np.shape(y_true)[1] == 1):
            raise ValueError(
                f"{func} can't handle a mix of targets: y_true holds 1-D labels and "
                f"y_pred a matrix of shape {np.shape(y_score)}; pass threshold= "
                "for scores."
            )
        _check_indicator(
            y_score, "y_pred", func, " To binarize scores pass threshold=."
        )
        threshold = 0.5
    batch = check_batch(
        y_true, y_score, weight, func=func, argmax=is_argmax(threshold), warn=False
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
    """Class counts of a row chunk of 1-D labels, coded into ``classes``."""
    codes = []
    for name, labels in (("y_true", y_true), ("y_pred", y_pred)):
        labels = np.asarray(labels)
        if labels.ndim == 2 and labels.shape[1] == 1:
            labels = labels.ravel()
        _label_kind(labels, name, func)
        codes.append(np.searchsorted(classes, labels))
    if codes[0].shape != codes[1].shape:
        raise ValueError(
            f"y_true and y_pred of {func} have different numbers of samples in a "
            f"row chunk: {codes[0].shape[0]} and {codes[1].shape[0]}."
        )
    weight = check_sample_weight(weight, codes[0].shape[0], func, allow_all_zero=True)
    n_classes = classes.shape[0]
    kind = "binary" if n_classes <= 2 else "multiclass"
    return kind, n_classes, {"set": class_sums(*codes, n_classes, weight)}


def _merge(a, b, func):
    if a[:2] != b[:2]:
        raise ValueError(
            f"The row chunks of {func}'s arrays hold different kinds of targets: "
            f"{a[0]} with {a[1]} columns and {b[0]} with {b[1]} columns."
        )
    return a[0], a[1], add_sums(a[2], b[2])


def dask_sums(
    y_true,
    y_score,
    sample_weight,
    *,
    specs,
    threshold,
    samples,
    func,
    allow_zero_total=False,
    edges=None,
    gains=None,
    classes=None,
    extra=None,
):
    """``(kind, n_columns, sums)`` of Dask arrays: the sums of :func:`batch_sums`
    over every row chunk, computed on the workers and added in a tree. With
    ``classes``, ``y_score`` holds predicted 1-D labels instead, counted per
    class. ``extra``: a list of further Dask values to compute in the same pass
    over the arrays; then ``((kind, n_columns, sums), computed_extra)``."""
    import dask
    import dask.array as da

    named = {"y_true": y_true, "y_score": y_score, "sample_weight": sample_weight}
    named = {name: a for name, a in named.items() if a is not None}
    for name, a in named.items():
        if isinstance(a, da.Array) and any(np.isnan(c) for c in a.chunks[0]):
            raise ValueError(
                f"The '{name}' argument of {func} has unknown chunk sizes (from "
                "boolean indexing or a DataFrame, say); call .compute_chunk_sizes() "
                "on it first."
            )
    lengths = {name: np.shape(a)[0] for name, a in named.items()}
    if len(set(lengths.values())) > 1:
        raise ValueError(
            f"The arguments of {func} have different numbers of samples: {lengths}."
        )
    # the row chunks of the first Dask argument (a NumPy one is cut to match)
    lead = next(a for a in named.values() if isinstance(a, da.Array))
    rows = lead.chunks[0]
    blocks = [_row_blocks(a, rows) for a in (y_true, y_score)]
    weights = [None] * len(rows)
    if sample_weight is not None:
        weights = _row_blocks(sample_weight, rows)
    if classes is None:
        parts = [
            dask.delayed(_chunk_sums)(
                t, s, w, specs, threshold, samples, func, edges, gains
            )
            for t, s, w in zip(*blocks, weights)
        ]
    else:
        parts = [
            dask.delayed(_label_chunk_sums)(t, s, w, classes, func)
            for t, s, w in zip(*blocks, weights)
        ]
    while len(parts) > 1:
        pairs = zip(parts[::2], parts[1::2])
        merged = [dask.delayed(_merge)(a, b, func) for a, b in pairs]
        parts = merged + parts[len(parts) - len(parts) % 2 :]
    result, *computed = dask.compute(parts[0], *(extra or []))
    if not allow_zero_total and result[2]["set"]["total"] == 0:
        raise ValueError(
            f"The 'sample_weight' parameter of {func} must contain at least one "
            "non-zero weight; all weights are zero."
        )
    return result if extra is None else (result, computed)


def _sample_metric_value(kind, sums, metric, zero_division, warn):
    """A samples average of a multi-label stream (precision, recall, f1, jaccard)."""
    values = sums["set"]["samples"][metric]
    if warn:
        return _streamed_mean(values, metric, zero_division)
    zero_division = 0.0 if zero_division == "warn" else zero_division
    return float(sample_mean(values, zero_division, weighted_counts=True))


def _label_classes(y_true, y_pred, threshold, func):
    """The sorted classes of 1-D label predictions (one pass of ``da.unique``), or
    None when ``y_pred`` holds scores or label-indicator rows."""
    import dask.array as da

    if threshold is not None or len(np.shape(y_pred)) != 1:
        return None
    found = [
        (da.unique(a) if isinstance(a, da.Array) else np.unique(np.asarray(a)))
        for a in (y_true, y_pred)
    ]
    found = [np.asarray(f.compute() if hasattr(f, "compute") else f) for f in found]
    if (found[0].dtype.kind in "USO") != (found[1].dtype.kind in "USO"):
        raise ValueError(
            f"y_true and y_pred of {func} mix string and number labels "
            f"({found[0].dtype} and {found[1].dtype})."
        )
    return np.union1d(*found)


def _average_counts(kind, sums, average, pos_label, func, classes=None):
    """The counts that ``average`` divides, with scikit-learn's errors."""
    set_sums = sums["set"]
    target = "multilabel-indicator" if kind == "multilabel" else kind
    if average == "binary" and kind == "binary" and classes is None:
        refuse_on_dask(func, pos_label=(pos_label, 1))  # 0/1 scores or predictions
        classes = np.array([0, 1])
    check_target_average(average, target, pos_label, classes)
    if average == "binary":
        position = np.flatnonzero(classes == pos_label)
        if not position.size:
            zero = np.zeros(1)  # one class only, not pos_label: nothing counted
            return LabelCounts(zero, zero, zero, set_sums["total"])
        pick = slice(int(position[0]), int(position[0]) + 1)
        return LabelCounts(
            set_sums["tp"][pick],
            set_sums["pred"][pick],
            set_sums["true"][pick],
            set_sums["total"],
        )
    counts = _label_counts(set_sums, kind)
    return micro_counts(counts) if average == "micro" else counts


def _set_sums(func, y_true, y_pred, sample_weight, threshold, average, pos_label):
    """The kind, the sums and the counts that ``average`` divides, of a set
    metric's Dask arrays (scores with ``threshold``, 0/1 rows, or 1-D labels)."""
    classes = _label_classes(y_true, y_pred, threshold, func)
    kind, _, sums = dask_sums(
        y_true,
        y_pred,
        sample_weight,
        specs=(),
        samples=average == "samples",
        func=func,
        threshold=threshold,
        classes=classes,
    )
    return kind, sums, _average_counts(kind, sums, average, pos_label, func, classes)


def dask_prf(
    func,
    y_true,
    y_pred,
    *,
    beta,
    labels,
    pos_label,
    average,
    warn_for,
    sample_weight,
    zero_division,
    threshold,
    need,
):
    """:func:`precision_recall_fscore_support`'s values on Dask arrays."""
    refuse_on_dask(func, labels=(labels, None))
    if average == "samples" and beta != 1:
        refuse_on_dask(func, beta=(beta, 1.0))
    samples = average == "samples"
    kind, sums, counts = _set_sums(
        func, y_true, y_pred, sample_weight, threshold, average, pos_label
    )
    if samples:
        need = {"precision", "recall", "f-score"} if need is None else set(need)
        values = [
            _sample_metric_value(kind, sums, metric, zero_division, key in warn_for)
            if key in need
            else None
            for metric, key in (
                ("precision", "precision"),
                ("recall", "recall"),
                ("f1", "f-score"),
            )
        ]
        return (*values, None)
    return prf_from_counts(
        counts,
        beta=beta,
        average=average,
        warn_for=warn_for,
        zero_division=zero_division,
        need=need,
    )


def dask_jaccard(
    func,
    y_true,
    y_pred,
    *,
    labels,
    pos_label,
    average,
    sample_weight,
    zero_division,
    threshold,
):
    """:func:`jaccard_score` on Dask arrays."""
    refuse_on_dask(func, labels=(labels, None))
    samples = average == "samples"
    kind, sums, counts = _set_sums(
        func, y_true, y_pred, sample_weight, threshold, average, pos_label
    )
    if samples:
        return _sample_metric_value(kind, sums, "jaccard", zero_division, True)
    return jaccard_from_counts_averaged(
        counts, average=average, zero_division=zero_division
    )


def dask_named(
    func,
    name,
    y_true,
    y_score,
    *,
    sample_weight,
    threshold=0.5,
    zero_division="warn",
    normalize=True,
    gains=None,
):
    """The metric of a scorer ``name`` on Dask arrays (accuracies, top-k, @k)."""
    from ._registry import parse_name

    spec = parse_name(name, consumer="stream", func=func)
    samples = spec.metric == "subset_accuracy"
    classes = None
    if spec.family == "accuracy":
        classes = _label_classes(y_true, y_score, threshold, func)
    kind, n_columns, sums = dask_sums(
        y_true,
        y_score,
        sample_weight,
        specs=(spec,),
        samples=samples,
        func=func,
        threshold=threshold if spec.family == "accuracy" else 0.5,
        classes=classes,
        gains=gains,
    )
    if not normalize:
        if spec.family == "top_k":
            return float(sums[spec.name]["weighted_sum"])
        key = "samples" if kind == "multilabel" else None
        values = (
            sums["set"]["samples"]["subset_accuracy"] if key else sums["set"]["correct"]
        )
        return float(values["weighted_sum"])
    return finish(sums, (spec,), kind, n_columns, zero_division)[spec.name]


def dask_class_indices(y_true, n_columns, func):
    """Check, with one ``unique`` pass, that 1-D Dask labels are the column
    indices ``0 .. n_columns - 1`` that the NumPy path would make of them."""
    import dask.array as da

    classes = da.unique(da.asarray(y_true)).compute()
    if classes.shape[0] != n_columns:
        raise ValueError(
            f"Number of classes in 'y_true' ({classes.shape[0]}) not equal to "
            f"the number of classes in 'y_score' ({n_columns}) in {func}. "
            "Pass every known class, in column order, as labels= (NumPy arrays)."
        )
    if not np.array_equal(classes, np.arange(n_columns)):
        raise ValueError(
            f"y_true of {func} on Dask arrays must hold the column indices 0 .. "
            f"{n_columns - 1}; got the classes {classes[:10].tolist()}. Encode "
            "them first, e.g. with sklearn.preprocessing.LabelEncoder."
        )


def dask_label_frequencies(y_true, sample_weight):
    """Each label's (weighted) number of positives of a Dask label matrix, from
    its row chunks' column sums."""
    import dask.array as da

    positive = da.asarray(y_true) != 0
    if sample_weight is None:
        return np.asarray(positive.sum(axis=0).compute(), dtype=np.float64)
    weight = da.asarray(sample_weight).rechunk({0: positive.chunks[0]})
    return np.asarray((positive * weight[:, np.newaxis]).sum(axis=0).compute())


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
    tasks = []
    for t, s in zip(truth.to_delayed().ravel(), scores.to_delayed().ravel()):
        task_weight = None if by == "row" else weight
        tasks.append(dask.delayed(_column_task)(per_label, t, s, task_weight))
    results = dask.compute(*tasks)
    for category, message in dict.fromkeys(w for r in results for w in r[2]):
        warnings.warn(message, category, stacklevel=3)
    values = np.concatenate([np.atleast_1d(r[0]) for r in results])
    support = None if by == "row" else np.concatenate([r[1] for r in results])
    return values, support, weight
