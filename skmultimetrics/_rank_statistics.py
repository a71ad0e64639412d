"""Sufficient statistics of ranking metrics, in one pass over the scores.

Top-k accuracy needs, per sample, how many labels score strictly above the best
true label (``above``), how many score equal to it (``tied``, itself included)
and how many of those are true (``tied_true``). Counting comparisons is linear
in the number of scores; nothing is sorted. A sample whose best true label has
``above >= k`` is a miss under every tie rule, so its ties are not counted.
"""

from typing import NamedTuple

import numpy as np

# About 2**18 cells per chunk: a float32 chunk and its comparison buffer stay
# in cache between the two comparisons.
_CHUNK_CELLS = 1 << 18


class RankCounts(NamedTuple):
    above: np.ndarray
    tied: np.ndarray
    tied_true: np.ndarray
    has_true: np.ndarray


def _chunk_rows(n_labels):
    return max(1, _CHUNK_CELLS // max(n_labels, 1))


def row_counts(mask):
    """Number of True values per row of a C-contiguous boolean matrix."""
    dtype = np.uint16 if mask.shape[1] < 1 << 16 else np.int64
    return mask.view(np.uint8).sum(axis=1, dtype=dtype)


def rank_counts(scores, k, *, true_codes=None, indicator=None):
    """Rank statistics of each sample's best-scored true label.

    Parameters
    ----------
    scores : ndarray of shape (n_samples, n_labels)
    k : int
        Ties are counted only for samples with fewer than ``k`` labels above.
    true_codes : ndarray of shape (n_samples,), optional
        The column of each sample's single true label.
    indicator : ndarray or csr_array of shape (n_samples, n_labels), optional
        True label sets; a sample without a true label has ``has_true=False``.
    """
    n_samples, n_labels = scores.shape
    above = np.empty(n_samples, dtype=np.int64)
    tied = np.ones(n_samples, dtype=np.int64)
    tied_true = np.ones(n_samples, dtype=np.int64)
    has_true = np.ones(n_samples, dtype=bool)
    step = _chunk_rows(n_labels)
    mask = np.empty((min(step, n_samples), n_labels), dtype=bool)
    for start in range(0, n_samples, step):
        stop = min(start + step, n_samples)
        block = scores[start:stop]
        rows = np.arange(stop - start)
        buf = mask[: stop - start]
        if true_codes is not None:
            truth = None
            best = block[rows, true_codes[start:stop]]
        else:
            truth = indicator[start:stop]
            truth = truth.toarray() if hasattr(truth, "toarray") else truth
            truth = truth != 0 if truth.dtype != np.bool_ else truth
            best = np.where(truth, block, -np.inf).max(axis=1)
            has_true[start:stop] = truth.any(axis=1)
        best = best[:, None]
        np.greater(block, best, out=buf)
        above[start:stop] = row_counts(buf)
        near = np.flatnonzero(above[start:stop] < k)
        if near.size:
            sub = block[near]
            sub_best = best[near]
            equal = np.equal(sub, sub_best)
            tied[start + near] = row_counts(equal)
            if truth is not None:
                tied_true[start + near] = row_counts(equal & truth[near])
    return RankCounts(above, tied, tied_true, has_true)


class TopKCounts(NamedTuple):
    """Per-sample statistics of the k best-scored labels.

    ``above`` labels score strictly above the k-th best score, ``tied`` score
    equal to it (at least one); ``true_above`` / ``true_tied`` of them are true;
    ``n_true`` counts all true labels; ``slots`` is the number of top-k places
    left to the tied group. ``gain_*`` are sums of per-label gains (PSP) and
    ``dcg`` the discounted gain of the top k, for each tie rule.
    """

    above: np.ndarray
    slots: np.ndarray
    tied: np.ndarray
    true_above: np.ndarray
    true_tied: np.ndarray
    n_true: np.ndarray
    dcg: dict
    gain_above: np.ndarray | None
    gain_tied: dict | None


def _padded_blocks(scores, indicator, step):
    """Yield ``(start, stop, values, truth, cols)`` row blocks.

    Dense scores are yielded as they are (``cols`` is None). A CSR score matrix
    becomes its stored scores padded with -inf, so that a label without a stored
    score is never ranked; ``cols`` holds their column indices (-1 for padding).
    """
    n_samples = scores.shape[0]
    sparse_scores = hasattr(scores, "indptr")
    for start in range(0, n_samples, step):
        stop = min(start + step, n_samples)
        truth = indicator[start:stop]
        truth = truth.toarray() if hasattr(truth, "toarray") else truth
        truth = truth != 0 if truth.dtype != np.bool_ else truth
        if not sparse_scores:
            yield start, stop, scores[start:stop], truth, None
            continue
        ptr = scores.indptr[start : stop + 1]
        lengths = np.diff(ptr)
        width = max(int(lengths.max(initial=0)), 1)
        rows = np.repeat(np.arange(stop - start), lengths)
        slot = np.arange(ptr[-1] - ptr[0]) - np.repeat(ptr[:-1] - ptr[0], lengths)
        values = np.full((stop - start, width), -np.inf, dtype=scores.dtype)
        cols = np.full((stop - start, width), -1, dtype=np.intp)
        values[rows, slot] = scores.data[ptr[0] : ptr[-1]]
        cols[rows, slot] = scores.indices[ptr[0] : ptr[-1]]
        yield start, stop, values, truth, cols


def _gather(matrix, cols):
    """``matrix[i, cols[i, j]]``, False / 0 where ``cols`` is -1 (padding)."""
    rows = np.arange(cols.shape[0])[:, None]
    out = matrix[rows, np.maximum(cols, 0)]
    out[cols < 0] = 0
    return out


def _group_dcg(values, relevance, kth, above, tied, true_tied, discount):
    """DCG of sorted top-k rows for each tie rule, ties grouped.

    Within a group of equal scores the positions are shared: "average" gives each
    position the group's share of true labels (the expectation under random
    tie-breaking), "optimistic" puts true labels first, "pessimistic" last. The
    group at the k-th score is sized by the full counts ``tied`` / ``true_tied``,
    as it may reach past position k.
    """
    n_rows, k = values.shape
    pos = np.arange(k)
    start_flag = np.ones((n_rows, k), dtype=bool)
    start_flag[:, 1:] = values[:, 1:] != values[:, :-1]
    group = np.cumsum(start_flag, axis=1) - 1
    flat = (group + np.arange(n_rows)[:, None] * k).ravel()
    size = np.bincount(flat, minlength=n_rows * k)[flat].reshape(n_rows, k)
    n_rel = np.bincount(flat, weights=relevance.ravel(), minlength=n_rows * k)
    n_rel = n_rel[flat].reshape(n_rows, k)
    first = np.maximum.accumulate(np.where(start_flag, pos, 0), axis=1)
    at_kth = values == kth[:, None]
    size = np.where(at_kth, tied[:, None], size)
    n_rel = np.where(at_kth, true_tied[:, None], n_rel)
    first = np.where(at_kth, above[:, None], first)
    offset = pos - first
    rules = {
        "average": n_rel / size,
        "optimistic": (offset < n_rel).astype(np.float64),
        "pessimistic": (offset >= size - n_rel).astype(np.float64),
    }
    return {rule: share @ discount[:k] for rule, share in rules.items()}


def topk_counts(scores, indicator, k, *, gains=None, need_dcg=False):
    """Statistics of the top ``k`` labels of each sample, by partial selection.

    Parameters
    ----------
    scores : ndarray or csr_array of shape (n_samples, n_labels)
    indicator : ndarray or csr_array of shape (n_samples, n_labels)
    k : int
    gains : ndarray of shape (n_labels,), optional
        Per-label gains (inverse propensities) summed over the top k.
    need_dcg : bool
        Also compute the discounted cumulative gain of the top k.
    """
    n_samples, n_labels = scores.shape
    out = {
        name: np.zeros(n_samples, dtype=np.int64)
        for name in ("above", "slots", "tied", "true_above", "true_tied", "n_true")
    }
    dcg = {
        rule: np.zeros(n_samples) for rule in ("average", "optimistic", "pessimistic")
    }
    gain_above = None if gains is None else np.zeros(n_samples)
    gain_tied = None
    if gains is not None:
        gain_tied = {rule: np.zeros(n_samples) for rule in dcg}
    discount = 1.0 / np.log2(np.arange(2, k + 2))
    if hasattr(scores, "indptr"):
        step = _chunk_rows(int(np.diff(scores.indptr).max(initial=1)))
    else:
        step = _chunk_rows(n_labels)
    for start, stop, values, truth, cols in _padded_blocks(scores, indicator, step):
        width = values.shape[1]
        kk = min(k, width)
        top = np.argpartition(values, width - kk, axis=1)[:, width - kk :]
        top_values = np.take_along_axis(values, top, axis=1)
        kth = top_values.min(axis=1)
        relevant = truth if cols is None else _gather(truth, cols)
        higher = values > kth[:, None]
        equal = values == kth[:, None]
        sl = slice(start, stop)
        out["above"][sl] = row_counts(higher)
        out["slots"][sl] = kk - out["above"][sl]
        out["tied"][sl] = row_counts(equal)
        out["true_above"][sl] = row_counts(higher & relevant)
        out["true_tied"][sl] = row_counts(equal & relevant)
        out["n_true"][sl] = row_counts(np.ascontiguousarray(truth))
        if need_dcg:
            order = np.argsort(-top_values, axis=1, kind="stable")
            sorted_values = np.take_along_axis(top_values, order, axis=1)
            sorted_rel = np.take_along_axis(
                np.take_along_axis(relevant, top, axis=1), order, axis=1
            )
            block_dcg = _group_dcg(
                sorted_values,
                sorted_rel,
                kth,
                out["above"][sl],
                out["tied"][sl],
                out["true_tied"][sl],
                discount,
            )
            for rule, value in block_dcg.items():
                dcg[rule][sl] = value
        if gains is not None:
            if cols is None:
                label_gain = gains[None, :]
            else:
                label_gain = np.where(cols >= 0, gains[np.maximum(cols, 0)], 0.0)
            gain_matrix = np.where(relevant, label_gain, 0.0)
            gain_above[sl] = np.where(higher, gain_matrix, 0.0).sum(axis=1)
            _tied_gains(
                np.where(equal, gain_matrix, 0.0),
                out["slots"][sl],
                out["tied"][sl],
                out["true_tied"][sl],
                gain_tied,
                sl,
            )
    return TopKCounts(
        out["above"],
        out["slots"],
        out["tied"],
        out["true_above"],
        out["true_tied"],
        out["n_true"],
        dcg,
        gain_above,
        gain_tied,
    )


def _tied_gains(tied_gain, slots, tied, true_tied, result, sl):
    """Gain of the tied group's share of the top k under each tie rule.

    Only rows whose tied group holds true labels and is cut by position k need
    an order of gains; they alone are sorted.
    """
    total = tied_gain.sum(axis=1)
    whole = slots >= tied
    for rule in result:
        result[rule][sl] = np.where(whole, total, 0.0)
    result["average"][sl] = total * np.minimum(slots, tied) / tied
    cut = np.flatnonzero(~whole & (true_tied > 0) & (slots > 0))
    if not cut.size:
        return
    ranked = -np.sort(-tied_gain[cut], axis=1)  # largest gains first
    cumulative = np.zeros((cut.size, ranked.shape[1] + 1))
    np.cumsum(ranked, axis=1, out=cumulative[:, 1:])
    rows = np.arange(cut.size)
    n_true, n_slots, n_tied = true_tied[cut], slots[cut], tied[cut]
    best = np.minimum(n_true, n_slots)
    worst = np.maximum(0, n_slots - (n_tied - n_true))
    opt, pes = result["optimistic"][sl], result["pessimistic"][sl]
    opt[cut] = cumulative[rows, best]
    # pessimistic: the smallest gains among the true tied labels
    pes[cut] = cumulative[rows, n_true] - cumulative[rows, n_true - worst]
