"""Interval methods: bootstrap percentile and BCa, delta, Wilson, DeLong."""

import warnings

import numpy as np
from scipy.special import ndtr, ndtri

from .._checks._onehot import caller_stacklevel

METHODS = ("auto", "bca", "percentile", "delta", "wilson", "delong")
# Resamples that drew no sample, in more than this share, are reported.
_EMPTY_SHARE = 0.01


def critical_value(confidence_level):
    return float(ndtri(1.0 - (1.0 - confidence_level) / 2.0))


def warn(message):
    """A UserWarning that points at the caller's line (the first frame outside
    the package)."""
    warnings.warn(message, UserWarning, stacklevel=caller_stacklevel())


def empty_note(n_empty, n_resamples):
    """The warning for resamples that drew no sample, where they are many."""
    if n_empty > _EMPTY_SHARE * n_resamples:
        return (
            f"{n_empty} of the {n_resamples} resamples ({n_empty / n_resamples:.1%}) "
            "drew no sample (or group) at all: no metric is defined there, so "
            "they are left out. With so few samples the interval is unreliable."
        )
    return None


def finite(values, name):
    """The finite resampled values; a warning when some are left out."""
    keep = np.isfinite(values)
    if not keep.all():
        share = 1.0 - keep.mean()
        if keep.any():
            warn(
                f"{name}: undefined (NaN) in {share:.1%} of the resamples; the "
                "interval uses the others."
            )
    return values[keep]


def percentile_interval(values, confidence_level):
    alpha = 1.0 - confidence_level
    low, high = np.quantile(values, [alpha / 2.0, 1.0 - alpha / 2.0])
    return float(low), float(high)


def bca_interval(values, estimate, jackknife, confidence_level, name):
    """BCa end points; the percentile ones (with a warning) where BCa's bias
    correction is infinite (every resample on one side of the estimate)."""
    below = np.count_nonzero(values < estimate)
    equal = np.count_nonzero(values == estimate)
    share = (below + 0.5 * equal) / values.shape[0]
    if share <= 0.0 or share >= 1.0:
        warn(
            f"{name}: every resample lies on one side of the estimate, so BCa's "
            "bias correction is infinite; the percentile interval is used."
        )
        return percentile_interval(values, confidence_level)
    z0 = ndtri(share)
    jackknife = jackknife[np.isfinite(jackknife)]
    d = jackknife.mean() - jackknife if jackknife.size else np.zeros(1)
    spread = float((d**2).sum())
    accel = float((d**3).sum()) / (6.0 * spread**1.5) if spread > 0 else 0.0
    alpha = 1.0 - confidence_level
    z = ndtri(np.array([alpha / 2.0, 1.0 - alpha / 2.0]))
    shifted = z0 + z
    probs = ndtr(z0 + shifted / (1.0 - accel * shifted))
    probs = np.clip(np.nan_to_num(probs, nan=0.5), 0.0, 1.0)
    low, high = np.quantile(values, probs)
    return float(low), float(high)


def normal_interval(estimate, se, confidence_level, bounds):
    z = critical_value(confidence_level)
    low = max(bounds[0], estimate - z * se)
    high = min(bounds[1], estimate + z * se)
    return float(low), float(high)


def influence_se(z):
    z = np.asarray(z, dtype=np.float64)
    return float(np.sqrt(((z - z.mean()) ** 2).sum()))


def wilson_interval(proportion, n, confidence_level):
    """``(low, high, standard_error)``: Wilson's score interval of a proportion
    of ``n`` independent samples, and its half-width divided by the critical
    value ``z`` (the interval is its centre +- ``z`` times it: about
    ``sqrt(p (1 - p) / n)`` away from 0 and 1, and positive at 0 and 1, where
    the plug-in standard error is 0 but the interval is not)."""
    z = critical_value(confidence_level)
    z2 = z * z
    denom = 1.0 + z2 / n
    center = (proportion + z2 / (2.0 * n)) / denom
    half = z / denom * np.sqrt(proportion * (1.0 - proportion) / n + z2 / (4.0 * n * n))
    low, high = max(0.0, center - half), min(1.0, center + half)
    return float(low), float(high), float(half / z)
