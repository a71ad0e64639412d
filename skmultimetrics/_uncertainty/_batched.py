"""Bootstrap sums of a stream: the pieces ``MetricAccumulator(bootstrap=B)``
would call (not wired into ``_stream`` yet).

A stream's bootstrap state is B copies of its sums, one per resample: each
batch adds ``W_b @ statistics`` for its own Poisson(1) weight rows, so memory is
B x (size of the sums) whatever the number of samples, and two states merge by
addition. The finishing formulas are the families' ``value`` (vectorised over
the B resamples), so the intervals equal those of :func:`confidence_interval`
on the concatenated batches for the same weights.
"""

import numpy as np

from ._weights import poisson_blocks


def spawn_generators(random_state, n):
    """``n`` independent generators (accumulators that will be merged must draw
    independent weights): children of one SeedSequence."""
    seed = np.random.SeedSequence(random_state)
    return [np.random.default_rng(child) for child in seed.spawn(n)]


def batch_weights(rng, n_resamples, n_samples):
    """Poisson(1) weights of one batch, float32 of shape (n_resamples, n_samples)."""
    return np.concatenate(list(poisson_blocks(rng, n_resamples, n_samples)), axis=0)


def resampled_batch_sums(statistics, weights):
    """``{name: (B, k) sums}`` of a batch's per-sample ``statistics``
    (``{name: (n_samples, k) or (n_samples,)}``; e.g. the tp / pred / true
    indicators of each label, or a per-sample value and its weight) under the B
    weight rows ``weights`` (B, n_samples). Add the results of successive
    batches (with each batch's own weight rows) to get the stream's."""
    sums = {}
    for name, values in statistics.items():
        values = np.asarray(values)
        if values.ndim == 1:
            values = values[:, np.newaxis]
        dtype = np.float32 if values.dtype.kind in "bui" else np.float64
        columns = np.ascontiguousarray(values.T, dtype=dtype)
        w = weights if weights.dtype == dtype else weights.astype(dtype)
        sums[name] = np.asarray(columns @ w.T, dtype=np.float64).T
    return sums
