"""Tuned cut-offs that predict a rare label on far more rows than it occurs.

A macro objective rewards a rare label's F1 as much as a common one's, so a
label with a handful of positives often gets a cut-off near the bottom of its
scores: its recall becomes 1 and its F1 rises a little, while it is predicted
on most rows and every pooled metric falls. The share of out-of-fold rows a
cut-off predicts is compared with the label's prevalence.
"""

import warnings

import numpy as np

from .._checks._onehot import caller_stacklevel

FLOOD_FACTOR = 10.0
FLOOD_MARGIN = 0.5


def predicted_share(scores, thresholds):
    """Per label, the share of (out-of-fold) rows that the cut-offs predict."""
    return (scores >= np.asarray(thresholds, dtype=np.float64)).mean(axis=0)


def flooding(share, prevalence):
    """Labels predicted on far more rows than they occur: a predicted share
    above ``max(10 x prevalence, prevalence + 0.5)``."""
    limit = np.maximum(FLOOD_FACTOR * prevalence, prevalence + FLOOD_MARGIN)
    return share > limit


def label_names(y, n_labels):
    """The labels' DataFrame column names when ``y`` has them, else indices."""
    columns = getattr(y, "columns", None)
    if columns is not None and len(columns) == n_labels:
        return list(columns)
    return list(range(n_labels))


def warn_flooding(func, flooded, share, prevalence, names):
    """One UserWarning naming the flooded labels and the remedies."""
    if not flooded.any():
        return
    listed = ", ".join(
        f"{names[j]!r} ({share[j]:.0%} of rows, prevalence {prevalence[j]:.1%})"
        for j in np.flatnonzero(flooded)
    )
    warnings.warn(
        f"{func}: the tuned cut-offs predict these labels on far more "
        "out-of-fold rows than they occur (a predicted share above "
        f"max(10 x prevalence, prevalence + 0.5)): {listed}. A macro objective "
        "often buys a rare label's recall this way, at the cost of every "
        "pooled metric. Remedies: shrink='shared' or a precision constraint "
        "such as constraint=('precision', 0.5).",
        UserWarning,
        stacklevel=caller_stacklevel(),
    )
