"""confidence_interval: a metric on a test set and its confidence interval."""

import numpy as np

from ._common import (
    bootstrap,
    build_families,
    check_level,
    check_method,
    check_names,
    check_params,
    check_resamples,
    checked_units,
    resolve_method,
)
from ._methods import (
    METHODS,
    bca_interval,
    finite,
    influence_se,
    normal_interval,
    percentile_interval,
    warn,
    wilson_interval,
)
from ._results import MetricInterval
from ._weights import as_generator

_FUNC = "confidence_interval"


def confidence_interval(
    y_true,
    y_pred,
    *,
    metric="f1_macro",
    threshold=None,
    method="auto",
    confidence_level=0.95,
    n_resamples=1000,
    sample_weight=None,
    groups=None,
    random_state=None,
    **metric_params,
):
    """A metric on a test set, with its confidence interval.

    Read more in the :ref:`User Guide <intervals>`.

    The interval covers the metric's value on the population the test samples
    were drawn from, for a fixed model and fixed cut-offs: test-set sampling
    only. It says nothing about training randomness, and cut-offs tuned on the
    same test set make it optimistic. The sample is the unit of resampling
    (with ``groups``, the group), never the label cell: labels of one sample
    are correlated.

    Parameters
    ----------
    y_true : array-like or sparse matrix
        Ground truth, as the metric function takes it: class labels, binary
        labels or a label-indicator matrix (class indices 0 .. C-1 or an
        indicator matrix for top-k and @k metrics).
    y_pred : array-like or sparse matrix
        Predictions in the layout of ``y_true``, or scores with ``threshold``
        for the set metrics; scores for top-k, @k, ROC AUC, average precision
        and the operating points.
    metric : str or list of str, default="f1_macro"
        A scorer name (:func:`get_scorer_names`) that this package computes:
        ``{precision,recall,f1,jaccard}_{micro,macro,samples,weighted}``,
        F-beta for any beta (``f2_macro``, ``f0.5_micro``, binary ``f2``),
        scikit-learn's binary ``precision``, ``recall``, ``f1``, ``jaccard``,
        ``accuracy``, ``roc_auc``, ``average_precision``; ``subset_accuracy``,
        ``hamming_accuracy``, ``neg_hamming_loss``, ``top{k}_accuracy``,
        ``{precision,recall,ndcg,psp}_at_{k}``, ``roc_auc_{average}``,
        ``average_precision_{average}``, ``recall_at_precision_{P}``,
        ``precision_at_recall_{R}``. A list gives a dict name -> result, all
        from one set of resamples.
    threshold : float or array-like of shape (n_labels,), default=None
        Cut-offs for the set metrics: ``y_pred >= threshold``, as in the
        metric functions.
    method : {"auto", "bca", "percentile", "delta", "wilson", "delong"}, \
default="auto"
        "bca" and "percentile": the bootstrap with Poisson(1) weights over
        samples (all resamples of the count-based metrics are one matrix
        product per block; BCa's acceleration is the jackknife, computed by
        subtracting each sample's statistics from the totals). "delta": the
        delta method on per-sample statistics (count-based metrics; for
        multiclass macro F1 it is Takahashi et al. 2022's variance). "wilson":
        Wilson's score interval of a proportion of independent samples
        (subset, multiclass and top-k accuracy). "delong": DeLong's variance
        of ROC AUC (pROC's ``var(roc, method="delong")``), averaged over
        labels through each sample's influence. "auto": DeLong for ROC AUC
        (BCa, with a warning, where a label has fewer than 2 positives or
        negatives), Wilson for subset, multiclass and top-k accuracy (without
        weights or groups), BCa otherwise.
    confidence_level : float in (0, 1), default=0.95
        The interval's nominal coverage.
    n_resamples : int >= 1, default=1000
        Bootstrap resamples (unused by the analytic methods).
    sample_weight : array-like of shape (n_samples,), default=None
        Weights of the metric; a resample's weights are the Poisson weights
        times these.
    groups : array-like of shape (n_samples,), default=None
        Samples that belong together (several images of one patient) get one
        Poisson weight per group and one jackknife deletion per group; the
        delta method and DeLong sum the influences of a group.
    random_state : int, numpy Generator or RandomState, default=None
        Seed or generator of the bootstrap's Poisson weights, for reproducible
        intervals.
    **metric_params
        ``zero_division`` (set and @k metrics), ``ties`` (top-k accuracy),
        ``propensities`` (``psp_at_{k}``, required).

    Returns
    -------
    result : MetricInterval or dict of str to MetricInterval
        ``estimate`` (the metric function's value), ``low``, ``high``,
        ``standard_error``, ``confidence_level``, ``method`` and
        ``n_resamples`` (0 for the analytic methods).

    Warns
    -----
    UserWarning
        Where an interval is degenerate or unreliable, naming the cause: a
        metric at 0 or 1 (a zero-width interval), a label without positives
        in many resamples, a label with very few positives, a label without
        positives in y_true (its value is the same in every resample), many
        resamples that drew no sample at all. The interval stays defined; it
        is NaN where the statistic is (a DeLong variance with one positive).

    Notes
    -----
    In a resample, a label keeps its place in the average even where it has no
    positives (its ratio takes ``zero_division``); multiclass averages are
    over the classes of the whole test set. A resample that draws no sample
    (probability ``exp(-n_samples)``, ``exp(-n_groups)`` with groups) is left
    out: no metric is defined on it. ROC AUC, average precision and the
    operating points other than binary / macro / weighted ROC AUC are
    re-evaluated by their metric function per resample: ``n_resamples``
    calls (and 50 more for BCa's jackknife, whose blocks of units are drawn
    at random from ``random_state``, so the interval does not depend on the
    order of the rows).

    Examples
    --------
    >>> import numpy as np
    >>> from skmultimetrics import confidence_interval
    >>> y_true = np.array([1, 1, 1, 1, 0, 0, 0, 0, 1, 0] * 10)
    >>> y_pred = np.array([1, 1, 1, 0, 0, 0, 0, 1, 1, 0] * 10)
    >>> result = confidence_interval(y_true, y_pred, metric="accuracy")
    >>> result.estimate, result.method
    (0.8, 'wilson')
    >>> round(result.low, 3), round(result.high, 3)
    (0.711, 0.867)
    """
    names, single = check_names(metric, _FUNC)
    confidence_level = check_level(confidence_level, _FUNC)
    n_resamples = check_resamples(n_resamples, _FUNC)
    check_method(method, METHODS, _FUNC)
    check_params(metric_params, _FUNC)
    units, weight = checked_units(y_true, sample_weight, groups, _FUNC)
    families = build_families(
        names, y_true, y_pred, weight, threshold, units, metric_params, _FUNC
    )
    grouped = groups is not None
    methods = {
        name: resolve_method(method, family, weight is not None, grouped, _FUNC)
        for name, family in families.items()
    }
    resampled = {
        n: f for n, f in families.items() if methods[n] in ("bca", "percentile")
    }
    values, order = {}, None
    if resampled:
        rng = as_generator(random_state, _FUNC)
        values, order = bootstrap(resampled, rng, n_resamples, units.n_units)
    results = {}
    for name, family in families.items():
        results[name] = finish_interval(
            family, methods[name], values.get(name), confidence_level, n_resamples,
            order,
        )  # fmt: skip
    return results[names[0]] if single else results


def finish_interval(family, method, values, confidence_level, n_resamples, order=None):
    """The :class:`MetricInterval` of one family; warnings for its causes.
    ``order``: a random permutation of the units (BCa's jackknife blocks)."""
    name, estimate = family.name, family.estimate
    used = n_resamples if method in ("bca", "percentile") else 0
    nan = MetricInterval(
        estimate, np.nan, np.nan, np.nan, confidence_level, method, used
    )
    if not np.isfinite(estimate):
        warn(f"{name}: the metric is undefined (NaN) on the test set; no interval.")
        return nan
    if method in ("bca", "percentile"):
        kept = finite(values, name)
        if kept.size == 0:
            warn(f"{name}: undefined (NaN) in every resample; no interval.")
            return nan
        se = float(kept.std(ddof=1)) if kept.size > 1 else 0.0
        if method == "percentile":
            low, high = percentile_interval(kept, confidence_level)
        else:
            low, high = bca_interval(
                kept, estimate, family.jackknife(order), confidence_level, name
            )
    elif method == "wilson":
        low, high, se = wilson_interval(estimate, family.n_units, confidence_level)
    else:  # delta, delong
        se = influence_se(family.influence())
        if not np.isfinite(se):
            for note in family.notes():
                warn(note)
            warn(f"{name}: the {method} variance is undefined (NaN); no interval.")
            return nan
        low, high = normal_interval(estimate, se, confidence_level, family.bounds)
    for note in family.notes():
        warn(note)
    if high - low <= 0:
        at_bound = estimate in family.bounds
        cause = (
            f"the metric is at its bound {estimate:g}"
            if at_bound
            else "the metric takes one value"
        )
        warn(
            f"{name}: the interval has zero width: {cause} on the test set"
            f"{' and in every resample' if used else ''}. It does not mean the "
            "population value is known exactly; more test samples (or "
            "method='wilson' for a proportion) give a useful interval."
        )
    return MetricInterval(
        float(estimate), low, high, se, confidence_level, method, used
    )
