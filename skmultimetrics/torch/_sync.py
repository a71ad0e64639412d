"""sync: one accumulator of every rank's batches, by an all-reduce of the sums."""

import copy
import hashlib

import numpy as np
import torch
import torch.distributed as dist

from .._counts._histogram import ScoreHistogram
from .._stream._accumulator import MetricAccumulator
from .._stream._settings import settings_of

_FUNC = "skmultimetrics.torch.sync"


def _leaves(tree, path=()):
    """``(path, value)`` of every leaf of nested dicts, in a fixed order."""
    if isinstance(tree, dict):
        for key in sorted(tree, key=repr):
            yield from _leaves(tree[key], (*path, key))
    else:
        yield path, tree


def _layout(tree):
    """What a leaf is (Python int or float, or an array's dtype and shape) and
    which of the two vectors it is summed in: "i" (int64, exact) or "f"
    (float64)."""
    layout = []
    for path, value in _leaves(tree):
        if isinstance(value, ScoreHistogram):
            continue  # gathered and added in rank order: see _histograms
        if isinstance(value, (bool, np.bool_)) or not isinstance(
            value, (int, float, np.ndarray, np.number)
        ):
            raise TypeError(f"{_FUNC} cannot add a state of type {type(value)}")
        kind = "i" if np.asarray(value).dtype.kind in "biu" else "f"
        dtype = value.dtype.str if hasattr(value, "dtype") else type(value).__name__
        layout.append((path, kind, dtype, np.shape(value)))
    return layout


def _vectors(tree, layout):
    """The leaves of ``tree`` as one int64 and one float64 vector (zeros where
    ``tree`` is None: a rank without batches)."""
    vectors = {}
    for kind, dtype in (("i", np.int64), ("f", np.float64)):
        parts = [np.zeros(int(np.prod(s)), dtype) for _, k, _, s in layout if k == kind]
        if tree is not None:
            leaves = dict(_leaves(tree))
            parts = [
                np.asarray(leaves[path], dtype).ravel()
                for path, k, _, _ in layout
                if k == kind
            ]
        vectors[kind] = torch.from_numpy(np.concatenate([np.zeros(0, dtype), *parts]))
    return vectors


def _tree(vectors, layout):
    """Nested dicts of ``layout``'s leaves, read back from the summed vectors."""
    tree, offsets = {}, {"i": 0, "f": 0}
    for path, kind, dtype, shape in layout:
        size = int(np.prod(shape))
        part = vectors[kind][offsets[kind] : offsets[kind] + size]
        offsets[kind] += size
        if dtype in ("int", "float"):
            value = int(part[0]) if dtype == "int" else float(part[0])
        else:
            value = part.astype(np.dtype(dtype)).reshape(shape)
        node = tree
        for key in path[:-1]:
            node = node.setdefault(key, {})
        node[path[-1]] = value
    return tree


def _added(state):
    """The state that adds up (the sums, bootstrap resamples and the number of
    samples) as nested dicts, or None for an accumulator without batches."""
    sums, *_, n_samples, _, boot, _ = state
    if sums is None:
        return None
    tree = {"sums": sums, "n_samples": n_samples}
    return tree if boot is None else {**tree, "boot": boot}


def _histograms(tree):
    """The score histograms of the curve names and ``bins=`` by path: their
    windows and grids differ from rank to rank, so they travel whole."""
    if tree is None:
        return {}
    return {
        path: value.copy().dense()
        for path, value in _leaves(tree)
        if isinstance(value, ScoreHistogram)
    }


def _added_histograms(descriptions):
    """Every rank's histograms added in rank order (the same sums, in the same
    order, on every rank, as :meth:`MetricAccumulator.merge` adds them)."""
    total = {}
    for description in descriptions:
        for path, hist in description["histograms"].items():
            total[path] = hist if path not in total else total[path].add(hist)
    return total


def _description(acc, state):
    """What every rank tells the others before adding: a digest of the settings,
    and (with batches) the kind, cut-offs and layout of the sums."""
    _, kind, n_labels, thresholds, _, warned, _, seeds = state
    # ignore_index too: merge() adds sums of any rows, but the ranks of one
    # evaluation must leave out the same rows
    settings = (type(acc).__name__, settings_of(acc), acc.ignore_index)
    added, tree = None, _added(state)
    if tree is not None:
        added = (kind, n_labels, thresholds, _layout(tree))
    return {
        "settings": hashlib.sha256(repr(settings).encode()).hexdigest(),
        "repr": f"{acc!r} with ignore_index={acc.ignore_index!r}",
        "added": added,
        "histograms": _histograms(tree),
        "warned": warned,
        "seeds": seeds,
    }


def _check_descriptions(descriptions, n_resamples):
    """The same ValueError on every rank (each reads every description) where
    the accumulators cannot be added up."""
    first = descriptions[0]
    for rank, other in enumerate(descriptions):
        if other["settings"] != first["settings"]:
            raise ValueError(
                f"The 'accumulator' parameter of {_FUNC} was built with other "
                f"settings on rank {rank} than on rank 0: {other['repr']} against "
                f"{first['repr']}; every rank must build its accumulator with the "
                "same metrics, threshold, zero_division, ignore_index and options."
            )
    added = [(r, d["added"]) for r, d in enumerate(descriptions) if d["added"]]
    for rank, other in added[1:]:
        if not _same(other, added[0][1]):
            (kind, n_labels, *_), (kind0, n0, *_) = other, added[0][1]
            raise ValueError(
                f"The 'accumulator' parameter of {_FUNC} holds batches of another "
                f"shape on rank {rank} ({kind}, {n_labels} columns) than on rank "
                f"{added[0][0]} ({kind0}, {n0} columns), or other cut-offs; every "
                "rank must see the same kind of target, labels and columns."
            )
    seen = frozenset()
    for rank, description in enumerate(descriptions):
        seeds = description["seeds"] if description["added"] else frozenset()
        if n_resamples is not None and seen & seeds:
            raise ValueError(
                f"The 'accumulator' parameter of {_FUNC} drew its bootstrap "
                f"weights on rank {rank} from the same random_state as another "
                "rank, so the resamples would repeat the same weights and the "
                "intervals would be too narrow. Give each rank a seed of its own, "
                "e.g. numpy.random.SeedSequence(seed).spawn(world_size)[rank], "
                "or random_state=None."
            )
        seen = seen | seeds
    if not added:
        return None
    kind, n_labels, thresholds, _ = added[0][1]
    # a leaf that is a float on some rank (weighted counts) is a float on all
    layouts = zip(*(layout for _, (*_, layout) in added))
    layout = [max(leaf, key=lambda entry: entry[1] == "f") for leaf in layouts]
    return kind, n_labels, thresholds, layout


def _same(a, b):
    """Whether two ``added`` descriptions agree: kind, n_labels, cut-offs and
    the leaves' paths and shapes (an int count on one rank may be a weighted
    float on another)."""
    paths = [[(path, shape) for path, _, _, shape in x[3]] for x in (a, b)]
    return a[:2] == b[:2] and np.array_equal(a[2], b[2]) and paths[0] == paths[1]


def _device(group):
    """Where the collectives run: the current CUDA device for NCCL, else the CPU."""
    if "nccl" in str(dist.get_backend(group)).lower():
        return torch.device("cuda", torch.cuda.current_device())
    return torch.device("cpu")


def sync(accumulator, group=None):
    """One accumulator of every rank's batches: the sums of all ranks, added.

    A collective call under ``torch.distributed`` (every rank of ``group``
    calls it, as it calls ``all_reduce``): each rank gets a new
    :class:`~skmultimetrics.MetricAccumulator` whose sums are those of every
    rank's ``accumulator`` added up, so its :meth:`result` is the metric of the
    whole validation set, equal to the one-shot function on the concatenated
    shards (per-rank metrics are never averaged). Counts are added as int64
    (exactly), float sums as float64; the bootstrap resamples of
    ``bootstrap=B`` too, when each rank drew its own (seeds of their own, as
    :meth:`~skmultimetrics.MetricAccumulator.merge` requires).

    Read more in the :ref:`User Guide <torch>`.

    Parameters
    ----------
    accumulator : MetricAccumulator
        This rank's accumulator. It is not changed. A rank without batches
        adds nothing.
    group : torch.distributed.ProcessGroup, default=None
        The ranks to add up (None: the default group).

    Returns
    -------
    synced : MetricAccumulator
        A new accumulator with the same settings and the batches of every
        rank; where ``torch.distributed`` is not initialized (one process), a
        copy of ``accumulator``.

    Raises
    ------
    ValueError
        On every rank, where the ranks' accumulators have other settings
        (metrics, threshold, ``ignore_index``, ...), other kinds of target or
        numbers of labels, or bootstrap resamples drawn from one seed: the
        settings are compared (one small all-gather) before anything is
        added, so no rank waits for a mismatched one.

    Notes
    -----
    With NCCL the sums travel as two tensors (int64 and float64) moved to the
    current CUDA device once (``torch.cuda.set_device`` on each rank first,
    as NCCL's ``all_gather_object`` needs too); with gloo they stay on the CPU.
    The score histograms of curve names (``roc_auc_macro``, ...) and of
    ``bins=`` hold other windows of bins on each rank: they travel whole with
    the settings (``all_gather_object``, up to about 250 KiB per label) and
    are added in rank order, as :meth:`~skmultimetrics.MetricAccumulator.merge`
    adds them. A ``DistributedSampler`` pads the shards to equal sizes by
    repeating rows, which then count twice: see the user guide.

    Examples
    --------
    >>> import numpy as np
    >>> from skmultimetrics import MetricAccumulator
    >>> from skmultimetrics.torch import sync
    >>> acc = MetricAccumulator(["f1_macro"])
    >>> _ = acc.update(np.array([[1, 0], [0, 1]]), np.array([[0.9, 0.2], [0.1, 0.7]]))
    >>> sync(acc).result()      # one process: the accumulator's own sums
    {'f1_macro': 1.0}
    """
    if not isinstance(accumulator, MetricAccumulator):
        raise TypeError(
            f"The 'accumulator' parameter of {_FUNC} must be a MetricAccumulator; "
            f"got {type(accumulator).__name__}."
        )
    if group is not None and not isinstance(group, dist.ProcessGroup):
        raise TypeError(
            f"The 'group' parameter of {_FUNC} must be None or a "
            f"torch.distributed.ProcessGroup; got {type(group).__name__}."
        )
    synced = copy.deepcopy(accumulator)
    if not (dist.is_available() and dist.is_initialized()):
        return synced
    state = accumulator._state()
    descriptions = [None] * dist.get_world_size(group)
    dist.all_gather_object(descriptions, _description(accumulator, state), group=group)
    added = _check_descriptions(descriptions, accumulator._n_resamples)
    if added is None:  # no rank has a batch
        return synced
    kind, n_labels, thresholds, layout = added
    device = _device(group)
    vectors = {key: v.to(device) for key, v in _vectors(_added(state), layout).items()}
    for vector in vectors.values():
        dist.all_reduce(vector, group=group)
    total = _tree({k: v.cpu().numpy() for k, v in vectors.items()}, layout)
    for path, hist in _added_histograms(descriptions).items():
        node = total
        for key in path[:-1]:
            node = node.setdefault(key, {})
        node[path[-1]] = hist
    with synced._guard.lock:
        synced._sums, synced._boot = total["sums"], total.get("boot")
        synced.n_samples_ = total["n_samples"]
        synced.kind_, synced.n_labels_ = kind, n_labels
        synced._thresholds = thresholds
        synced._warned = set().union(*(d["warned"] for d in descriptions))
        synced._seeds = frozenset().union(*(d["seeds"] for d in descriptions))
    return synced
