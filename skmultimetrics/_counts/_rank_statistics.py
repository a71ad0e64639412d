"""Sufficient statistics of ranking metrics, in one pass over the scores.

Top-k accuracy needs, per sample, how many labels score strictly above the best
true label (``above``), how many score equal to it (``tied``, itself included)
and how many of those are true (``tied_true``). Counting comparisons is linear
in the number of scores; nothing is sorted. A sample whose best true label has
``above >= k`` is a miss under every tie rule, so its ties are not counted.
"""

from typing import NamedTuple

import numpy as np
from scipy.special import gammaln

from ._rows import (
    _COMPARE_BUFSIZE,
    _chunk_rows,
    _padded_width,
    block_total,
    row_counts,
)


class RankCounts(NamedTuple):
    above: np.ndarray
    tied: np.ndarray
    tied_true: np.ndarray
    has_true: np.ndarray
    score_total: float


def rank_counts(scores, k, *, true_codes=None, indicator=None):
    """Rank statistics of each sample's best-scored true label.

    With ``s`` the best true score of a sample, ``above`` counts labels scoring
    more than ``s``, ``tied`` labels scoring ``s`` (itself included) and
    ``tied_true`` the true ones among them. Only decisive values are exact: a
    sample with ``count(score >= s) <= k`` is a hit under every tie rule and gets
    ``(0, 1, 1)``; one with ``above >= k`` is a miss under every rule and its
    ties are not counted.

    The first comparison of each chunk is the one that settles most samples,
    judged by the previous chunk (``>`` when most samples miss, ``>=`` when most
    hit); the other one runs on the unsettled samples only.

    Parameters
    ----------
    scores : ndarray of shape (n_samples, n_labels)
    k : int
    true_codes : ndarray of shape (n_samples,), optional
        The column of each sample's single true label.
    indicator : ndarray or csr_array of shape (n_samples, n_labels), optional
        True label sets; a sample without a true label has ``has_true=False``.
    """
    n_samples, n_labels = scores.shape
    counts = np.zeros((3, n_samples), dtype=np.int64)
    has_true = np.ones(n_samples, dtype=bool)
    step = _chunk_rows(n_labels)
    # padding columns stay False: the comparisons write the first n_labels only
    mask = np.zeros((min(step, n_samples), _padded_width(n_labels)), dtype=bool)
    # A comparison of each row with its own score runs row by row; NumPy's
    # default 8192-element buffers make it slower than rows of this width
    # (measured: 1000 float32 columns compare about a quarter faster).
    saved = np.setbufsize(_COMPARE_BUFSIZE)
    try:
        total, has_true = _rank_chunks(
            scores, k, true_codes, indicator, counts, has_true, step, mask
        )
    finally:
        np.setbufsize(saved)
    above, tied, tied_true = counts
    return RankCounts(above, tied, tied_true, has_true, total)


def _rank_chunks(scores, k, true_codes, indicator, counts, has_true, step, mask):
    """Fill ``counts`` chunk by chunk; return the sum of the scores and
    ``has_true``."""
    n_samples = scores.shape[0]
    total = 0.0
    most_hit = False
    for start in range(0, n_samples, step):
        stop = min(start + step, n_samples)
        block = scores[start:stop]
        truth = None
        if true_codes is not None:
            best = block[np.arange(stop - start), true_codes[start:stop]]
        else:
            truth = indicator[start:stop]
            truth = truth.toarray() if hasattr(truth, "toarray") else truth
            truth = truth != 0 if truth.dtype != np.bool_ else truth
            best = np.where(truth, block, -np.inf).max(axis=1)
            has_true[start:stop] = truth.any(axis=1)
        hit_share = _chunk_rank(
            block, best[:, None], truth, k, most_hit, mask, counts[:, start:stop]
        )
        most_hit = hit_share > 0.5
        # summed after the comparisons, while the block is still in cache
        total += block_total(block)
    return total, has_true


def _chunk_rank(block, best, truth, k, most_hit, mask, out):
    """Fill ``out = (above, tied, tied_true)`` for one chunk; return its hit share.

    ``count(score >= s) <= k`` settles a hit under every tie rule (recorded as
    ``(0, 1, 1)``), ``count(score > s) >= k`` a miss. The comparison made on all
    rows is the one expected to settle most of them (``most_hit``); the other
    runs on the unsettled rows only, on the cached block.
    """
    above, tied, tied_true = out
    above[:], tied[:], tied_true[:] = 0, 1, 1
    n_rows, n_labels = block.shape
    padded = mask[:n_rows]  # row_counts counts it by words
    buf = padded[:, :n_labels]
    first, second = (
        (np.greater_equal, np.greater) if most_hit else (np.greater, np.greater_equal)
    )
    first(block, best, out=buf)
    count = row_counts(padded).astype(np.int64)
    if most_hit:
        unsettled = np.flatnonzero(count > k)
        true_ge = (
            None if truth is None else row_counts(buf[unsettled] & truth[unsettled])
        )
    else:
        above[:] = count
        unsettled = np.flatnonzero(count < k)
    if unsettled.size > n_rows // 4:
        second(block, best, out=buf)
        other_mask = buf[unsettled] if truth is not None else None
        other = row_counts(padded)[unsettled]
    else:
        other_mask = second(block[unsettled], best[unsettled])
        other = row_counts(other_mask)
    if most_hit:
        greater, greater_equal = other, count[unsettled]
    else:
        greater, greater_equal = count[unsettled], other
        if truth is not None:
            true_ge = row_counts(other_mask & truth[unsettled])
    above[unsettled] = greater
    tied[unsettled] = greater_equal - greater
    if truth is not None:
        tied_true[unsettled] = true_ge
    hits = n_rows - unsettled.size if most_hit else unsettled.size
    return hits / n_rows


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
    score_total: float


# Dense rows wider than this are first cut down to the scores that can reach the
# top k: those at least the k-th best of a strided sample of the row.
_SAMPLE = 1024


def _pad_rows(rows, cols, values, n_rows, fill):
    """Scatter row-sorted entries into (n_rows, max_per_row) padded matrices."""
    lengths = np.bincount(rows, minlength=n_rows)
    starts = np.zeros(n_rows, dtype=np.intp)
    np.cumsum(lengths[:-1], out=starts[1:])
    slot = np.arange(rows.shape[0]) - starts[rows]
    width = max(int(lengths.max(initial=0)), 1)
    padded_values = np.full((n_rows, width), fill, dtype=values.dtype)
    padded_cols = np.full((n_rows, width), -1, dtype=np.intp)
    padded_values[rows, slot] = values
    padded_cols[rows, slot] = cols
    return padded_values, padded_cols


def _candidates(block, k, mask):
    """The scores of each row that may reach its top k, padded with -inf.

    The k-th best of any subset of a row is a lower bound of the row's k-th
    best, so every score at least the k-th best of a strided sample of columns
    is kept. One comparison and a flat scan find them; only they are ranked.
    """
    n_rows, width = block.shape
    stride = width // _SAMPLE
    sample = np.array(block[:, ::stride])
    sample.partition(sample.shape[1] - k, axis=1)
    bound = sample[:, sample.shape[1] - k]
    keep = mask[:n_rows]
    np.greater_equal(block, bound[:, None], out=keep)
    rows, cols = np.divmod(np.flatnonzero(keep.reshape(-1)), width)
    return _pad_rows(rows, cols, block[rows, cols], n_rows, -np.inf)


def _relevance(indicator, start, stop, cols, reach):
    """True-label flags of the scores in ``values`` that reach the top k.

    Only positions where ``reach`` is True are looked up (the others are never
    counted); ``cols`` maps positions to columns (None: position = column).
    """
    truth = indicator[start:stop]
    if cols is None and not hasattr(truth, "indptr"):
        return np.ascontiguousarray(truth if truth.dtype == np.bool_ else truth != 0)
    rows, slots = np.divmod(np.flatnonzero(reach), reach.shape[1])
    label = slots if cols is None else cols[rows, slots]
    stored = label >= 0  # padding (column -1) is never a true label
    rows, slots, label = rows[stored], slots[stored], label[stored]
    if hasattr(truth, "indptr"):
        n_labels = truth.shape[1]
        entry_rows = np.repeat(np.arange(truth.shape[0]), np.diff(truth.indptr))
        keys = entry_rows * n_labels + truth.indices
        query = rows * n_labels + label
        found = np.zeros(query.shape, dtype=bool)
        if keys.size:
            pos = np.minimum(np.searchsorted(keys, query), keys.size - 1)
            found = keys[pos] == query
    else:
        found = truth[rows, label] != 0
    relevant = np.zeros(reach.shape, dtype=bool)
    relevant[rows, slots] = found
    return relevant


def _n_true(indicator, start, stop):
    if hasattr(indicator, "indptr"):
        return np.diff(indicator.indptr[start : stop + 1])
    truth = indicator[start:stop]
    truth = np.ascontiguousarray(truth if truth.dtype == np.bool_ else truth != 0)
    return row_counts(truth)


def _ranked_blocks(scores, indicator, k):
    """Yield ``(start, stop, values, cols, n_true, total)`` row blocks.

    ``values`` holds the scores to rank (padded with -inf, which never reaches a
    top k), ``cols`` their columns (None: all columns in order), ``total`` the
    sum of the block's scores. A CSR score matrix yields its stored scores only,
    so a label without a stored score is never ranked; wide dense rows yield
    their candidates for the top k only.
    """
    n_samples, n_labels = scores.shape
    sparse_scores = hasattr(scores, "indptr")
    wide = not sparse_scores and n_labels >= 4 * _SAMPLE and k <= _SAMPLE // 4
    if sparse_scores:
        step = _chunk_rows(int(np.diff(scores.indptr).max(initial=1)))
    else:
        step = _chunk_rows(n_labels)
    mask = np.empty((min(step, n_samples), n_labels), dtype=bool) if wide else None
    for start in range(0, n_samples, step):
        stop = min(start + step, n_samples)
        cols = None
        total = 0.0
        if sparse_scores:
            ptr = scores.indptr[start : stop + 1]
            lengths = np.diff(ptr)
            data = scores.data[ptr[0] : ptr[-1]]
            indices = scores.indices[ptr[0] : ptr[-1]]
            if lengths[0] > 0 and (lengths == lengths[0]).all():
                # as many scores in every row (a top-L prediction): no padding
                values = data.reshape(stop - start, lengths[0])
                cols = indices.reshape(stop - start, lengths[0])
            else:
                rows = np.repeat(np.arange(stop - start), lengths)
                values, cols = _pad_rows(rows, indices, data, stop - start, -np.inf)
        else:
            values = scores[start:stop]
            total = block_total(values)
            if wide:
                values, cols = _candidates(values, k, mask)
        yield start, stop, values, cols, _n_true(indicator, start, stop), total


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
    n_samples = scores.shape[0]
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
    score_total = 0.0
    blocks = _ranked_blocks(scores, indicator, k)
    for start, stop, values, cols, n_true, total in blocks:
        score_total += total
        width = values.shape[1]
        kk = min(k, width)
        top = np.argpartition(values, width - kk, axis=1)[:, width - kk :]
        top_values = np.take_along_axis(values, top, axis=1)
        kth = top_values.min(axis=1)
        higher = values > kth[:, None]
        equal = values == kth[:, None]
        relevant = _relevance(indicator, start, stop, cols, higher | equal)
        sl = slice(start, stop)
        out["above"][sl] = row_counts(higher)
        out["slots"][sl] = kk - out["above"][sl]
        out["tied"][sl] = row_counts(equal)
        out["true_above"][sl] = row_counts(higher & relevant)
        out["true_tied"][sl] = row_counts(equal & relevant)
        out["n_true"][sl] = n_true
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
        score_total,
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


def top_k_hits(counts, k, ties):
    """Hit (or expected hit) per sample from ``above``, ``tied``, ``tied_true``.

    With ``m`` labels above the best true label and a tied group of ``g`` labels
    holding ``q`` true ones, ``r = k - m`` places are left to the group:
    optimistic hits when ``r >= 1``, pessimistic when ``r > g - q``, average with
    the probability that a random choice of ``r`` of the ``g`` holds a true
    label, ``1 - C(g - q, r) / C(g, r)`` (``r / g`` for one true label).
    """
    above, tied, tied_true = counts.above, counts.tied, counts.tied_true
    slots = k - above
    if ties == "optimistic":
        hit = (slots >= 1).astype(np.float64)
    elif ties == "pessimistic":
        hit = (slots > tied - tied_true).astype(np.float64)
    else:
        hit = (slots > tied - tied_true).astype(np.float64)
        part = np.flatnonzero((slots >= 1) & (slots <= tied - tied_true))
        r, g, q = slots[part], tied[part], tied_true[part]
        log_miss = gammaln(g - q + 1) - gammaln(g - q - r + 1)
        log_miss += gammaln(g - r + 1) - gammaln(g + 1)
        hit[part] = np.where(q == 1, r / g, -np.expm1(log_miss))
    hit[~counts.has_true] = 0.0
    return hit


def true_in_top_k(counts, ties):
    """Number (or expectation) of true labels among the k best, per sample."""
    slots, tied, true_tied = counts.slots, counts.tied, counts.true_tied
    if ties == "optimistic":
        share = np.minimum(true_tied, slots)
    elif ties == "pessimistic":
        share = np.maximum(0, slots - (tied - true_tied))
    else:
        share = true_tied * np.minimum(slots, tied) / tied
    return counts.true_above + share


def best_gains(indicator, gains, k):
    """Per sample, the largest achievable sum of gains over k labels."""
    if hasattr(indicator, "indptr"):
        rows = np.repeat(np.arange(indicator.shape[0]), np.diff(indicator.indptr))
        cols = indicator.indices
    else:
        rows, cols = np.nonzero(indicator)
    entry_gain = gains[cols]
    order = np.lexsort((-entry_gain, rows))
    rows, entry_gain = rows[order], entry_gain[order]
    first = np.searchsorted(rows, rows, side="left")
    keep = np.arange(rows.shape[0]) - first < k
    return np.bincount(
        rows[keep], weights=entry_gain[keep], minlength=indicator.shape[0]
    )
