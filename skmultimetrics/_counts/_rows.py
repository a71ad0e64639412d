"""Row-block helpers of the ranking kernels: chunk sizes, per-row counts of
comparison masks and the sum of a block of scores."""

import numpy as np

# About 2**18 cells per chunk: a float32 chunk and its comparison buffer stay
# in cache between the two comparisons.
_CHUNK_CELLS = 1 << 18
# Most 64-bit words of eight 0/1 bytes summed before a byte could carry over.
_SWAR_WORDS = 255
_COMPARE_BUFSIZE = 1024


def block_total(block):
    """Sum of a block of scores by a matrix-vector product (NaN and infinity
    propagate); taken while the block is in cache, it costs next to nothing."""
    if block.dtype.kind != "f":
        return 0.0
    return float(np.add.reduce(block @ np.ones(block.shape[1], dtype=block.dtype)))


def _chunk_rows(n_labels):
    return max(1, _CHUNK_CELLS // max(n_labels, 1))


def row_counts(mask):
    """Number of True values per row of a C-contiguous boolean matrix."""
    width = mask.shape[1]
    if width % 8 == 0 and 0 < width <= 8 * _SWAR_WORDS and mask.flags.c_contiguous:
        # eight cells per 64-bit word: summing at most 255 words keeps each
        # byte's count below 256, so the bytes of the word sum add up per row
        words = mask.view(np.uint64).sum(axis=1, dtype=np.uint64)
        return words.view(np.uint8).reshape(-1, 8).sum(axis=1, dtype=np.uint16)
    dtype = np.uint16 if width < 1 << 16 else np.int64
    return mask.view(np.uint8).sum(axis=1, dtype=dtype)


def _padded_width(n_labels):
    """Width of a comparison buffer whose rows :func:`row_counts` counts by
    words: ``n_labels`` rounded up to whole words when that fits the word sum."""
    padded = -(-n_labels // 8) * 8
    return padded if padded <= 8 * _SWAR_WORDS else n_labels
