"""compare_predictions: a paired comparison of two predictions on one test set."""

import numpy as np
from scipy.special import ndtr
from scipy.stats import binom

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
from ._families import MeanFamily
from ._methods import (
    METHODS,
    bca_interval,
    critical_value,
    influence_se,
    percentile_interval,
    warn,
)
from ._results import MetricComparison
from ._weights import as_generator, sign_blocks

_FUNC = "compare_predictions"
_METHODS = (*(m for m in METHODS if m != "wilson"), "permutation", "mcnemar")
_ALTERNATIVES = ("two-sided", "greater", "less")


def compare_predictions(
    y_true,
    y_pred_a,
    y_pred_b,
    *,
    metric="f1_macro",
    threshold=None,
    threshold_a=None,
    threshold_b=None,
    method="auto",
    confidence_level=0.95,
    n_resamples=1000,
    alternative="two-sided",
    sample_weight=None,
    groups=None,
    random_state=None,
    **metric_params,
):
    """Compare two predictions on the same test samples, paired.

    Read more in the :ref:`User Guide <intervals>`.

    The difference of a metric between two predictions (or two sets of
    cut-offs), its confidence interval and p-value. Both predictions are
    evaluated on the same resamples (or through the paired delta / DeLong
    covariance), so what the two share cancels: a paired difference is
    typically several times more precise than comparing two separate intervals.
    As for :func:`confidence_interval`, the interval covers test-set sampling
    for fixed models and fixed cut-offs.

    Parameters
    ----------
    y_true : array-like or sparse matrix
        Ground truth, as the metric function takes it.
    y_pred_a, y_pred_b : array-like or sparse matrix
        The two predictions (or score matrices with ``threshold``), of the
        same shape. ``y_pred_b=None`` compares ``y_pred_a`` with itself under
        ``threshold_a`` and ``threshold_b``.
    metric : str or list of str, default="f1_macro"
        As in :func:`confidence_interval`; a list gives a dict.
    threshold, threshold_a, threshold_b : float or array-like, default=None
        Cut-offs of both predictions, or of each (``threshold_a`` /
        ``threshold_b`` override ``threshold``).
    method : {"auto", "bca", "percentile", "delta", "delong", "permutation", \
"mcnemar"}, default="auto"
        "bca" / "percentile": paired bootstrap (the p-value inverts it: the
        share of centred resampled differences at least as extreme as the
        observed one). "delta" / "delong": the normal approximation with the
        paired influence of each sample. "permutation": the p-value of a
        paired sign-flip test (each sample's predictions swapped between a and
        b at random; count-based metrics), the interval from the BCa
        bootstrap. "mcnemar": McNemar's exact test of accuracy-type metrics
        (subset, multiclass and top-k accuracy with 0/1 hits, unweighted),
        with the Wald interval of a paired difference of proportions.
        "auto": DeLong for ROC AUC (BCa where a label has fewer than 2
        positives or negatives), BCa otherwise.
    confidence_level : float in (0, 1), default=0.95
        The interval's nominal coverage.
    n_resamples : int >= 1, default=1000
        Bootstrap resamples (and permutations with ``method="permutation"``);
        unused by the analytic methods.
    alternative : {"two-sided", "greater", "less"}, default="two-sided"
        "greater": the alternative is that a's metric exceeds b's. The
        interval is two-sided whatever the alternative.
    sample_weight : array-like of shape (n_samples,), default=None
        Sample weights, as in :func:`confidence_interval`.
    groups : array-like of shape (n_samples,), default=None
        Samples that belong together, as in :func:`confidence_interval`.
    random_state : int, numpy Generator or RandomState, default=None
        Seed or generator of the resamples and permutations.
    **metric_params
        As in :func:`confidence_interval`: ``zero_division``, ``ties`` and
        ``propensities`` (``psp_at_{k}``), the same for both predictions.

    Returns
    -------
    result : MetricComparison or dict of str to MetricComparison
        ``difference`` (a minus b), ``low``, ``high``, ``p_value``,
        ``estimate_a``, ``estimate_b``, ``standard_error``,
        ``confidence_level``, ``method``, ``n_resamples``.

    Examples
    --------
    >>> import numpy as np
    >>> from skmultimetrics import compare_predictions
    >>> y_true = np.array([1, 0] * 50)
    >>> same = compare_predictions(y_true, y_true, y_true, metric="accuracy")
    >>> same.difference, same.p_value
    (0.0, 1.0)
    """
    names, single = check_names(metric, _FUNC)
    confidence_level = check_level(confidence_level, _FUNC)
    n_resamples = check_resamples(n_resamples, _FUNC)
    check_method(method, _METHODS, _FUNC)
    check_params(metric_params, _FUNC)
    if alternative not in _ALTERNATIVES:
        raise ValueError(
            f"The 'alternative' parameter of {_FUNC} must be one of "
            f"{list(_ALTERNATIVES)}; got {alternative!r}."
        )
    if y_pred_b is None:
        y_pred_b = y_pred_a
    if np.shape(y_pred_a) != np.shape(y_pred_b):
        raise ValueError(
            f"y_pred_a and y_pred_b of {_FUNC} must have the same shape; got "
            f"{np.shape(y_pred_a)} and {np.shape(y_pred_b)}."
        )
    units, weight = checked_units(y_true, sample_weight, groups, _FUNC)
    thr_a = threshold if threshold_a is None else threshold_a
    thr_b = threshold if threshold_b is None else threshold_b
    sides = [
        build_families(names, y_true, pred, weight, thr, units, metric_params, _FUNC)
        for pred, thr in ((y_pred_a, thr_a), (y_pred_b, thr_b))
    ]
    weighted, grouped = weight is not None, groups is not None
    methods = {}
    for name in names:
        family = sides[0][name]
        if method == "mcnemar":
            _check_mcnemar(family, weighted, grouped)
            methods[name] = "mcnemar"
        else:
            methods[name] = resolve_method(
                method, family, weighted, grouped, _FUNC, comparison=True
            )
        other = sides[1][name]
        if methods[name] == "permutation" and getattr(family, "labels", None) != (
            getattr(other, "labels", None)
        ):
            raise ValueError(
                f"method='permutation' of {_FUNC} swaps each sample's statistics "
                f"between the two predictions, so {name!r} needs the same classes on "
                f"both sides; y_pred_a and y_pred_b (with y_true) hold the classes "
                f"{family.labels} and {other.labels}. Use method='bca' or 'delta'."
            )
    rng = as_generator(random_state, _FUNC)
    resampled = {}
    for name in names:
        if methods[name] in ("bca", "percentile", "permutation"):
            resampled[(name, 0)], resampled[(name, 1)] = sides[0][name], sides[1][name]
    values, order = {}, None
    if resampled:
        values, order = bootstrap(resampled, rng, n_resamples, units.n_units)
    results = {}
    for name in names:
        a, b = sides[0][name], sides[1][name]
        pair = (values.get((name, 0)), values.get((name, 1)), order)
        results[name] = _compare(
            a, b, methods[name], pair, confidence_level, n_resamples, alternative, rng
        )
    return results[names[0]] if single else results


def _check_mcnemar(family, weighted, grouped):
    if (
        not (isinstance(family, MeanFamily) and family.proportion)
        or weighted
        or grouped
    ):
        raise ValueError(
            f"method='mcnemar' of {_FUNC} needs an accuracy-type metric (subset, "
            "multiclass or top-k accuracy) of unweighted, ungrouped samples; "
            f"{family.name!r} is not one."
        )


def _p_from_null(null, difference, alternative):
    """p-value of ``difference`` under resampled ``null`` differences."""
    if alternative == "two-sided":
        extreme = np.count_nonzero(np.abs(null) >= abs(difference))
    elif alternative == "greater":
        extreme = np.count_nonzero(null >= difference)
    else:
        extreme = np.count_nonzero(null <= difference)
    return float(min(1.0, (1 + extreme) / (null.shape[0] + 1)))


def _normal_p(difference, se, alternative):
    if se == 0:
        return 1.0 if difference == 0 else 0.0
    t = difference / se
    if alternative == "two-sided":
        return float(min(1.0, 2.0 * ndtr(-abs(t))))
    return float(ndtr(-t) if alternative == "greater" else ndtr(t))


def _mcnemar(a, b, confidence_level, alternative):
    right_a = a.stats.columns["mean"][0].astype(np.float64)
    right_b = b.stats.columns["mean"][0].astype(np.float64)
    if not (np.isin(right_a, (0, 1)).all() and np.isin(right_b, (0, 1)).all()):
        raise ValueError(
            f"method='mcnemar' of {_FUNC} needs a 0/1 hit per sample; "
            f"{a.name!r} has fractional hits (tied scores at the k-th place)."
        )
    n = right_a.shape[0]
    only_a = float((right_a * (1 - right_b)).sum())
    only_b = float(((1 - right_a) * right_b).sum())
    discordant = int(only_a + only_b)
    if discordant == 0:
        p = 1.0
    elif alternative == "two-sided":
        p = min(1.0, 2.0 * binom.cdf(min(only_a, only_b), discordant, 0.5))
    elif alternative == "greater":
        p = binom.sf(only_a - 1, discordant, 0.5)
    else:
        p = binom.cdf(only_a, discordant, 0.5)
    difference = a.estimate - b.estimate  # (only_a - only_b) / n, to rounding
    se = float(np.sqrt(max(discordant - n * difference**2, 0.0)) / n)
    z = critical_value(confidence_level)
    low, high = max(-1.0, difference - z * se), min(1.0, difference + z * se)
    return low, high, float(p), se


def _compare(a, b, method, pair, confidence_level, n_resamples, alternative, rng):
    name = a.name
    estimate_a, estimate_b = a.estimate, b.estimate
    difference = estimate_a - estimate_b
    used = n_resamples if method in ("bca", "percentile", "permutation") else 0

    def result(low, high, p, se):
        return MetricComparison(
            float(difference), float(low), float(high), float(p), float(estimate_a),
            float(estimate_b), float(se), confidence_level, method, used,
        )  # fmt: skip

    if not (np.isfinite(estimate_a) and np.isfinite(estimate_b)):
        warn(f"{name}: the metric is undefined (NaN) on the test set; no comparison.")
        return result(np.nan, np.nan, np.nan, np.nan)
    if method == "mcnemar":
        return result(*_mcnemar(a, b, confidence_level, alternative))
    if method in ("delta", "delong"):
        se = influence_se(a.influence() - b.influence())
        if not np.isfinite(se):
            for note in dict.fromkeys(a.notes() + b.notes()):
                warn(note)
            warn(f"{name}: the {method} variance is undefined (NaN); no comparison.")
            return result(np.nan, np.nan, np.nan, np.nan)
        z = critical_value(confidence_level)
        p = _normal_p(difference, se, alternative)
        if se == 0 and difference != 0:
            warn(f"{name}: the difference has a standard error of 0.")
        return result(difference - z * se, difference + z * se, p, se)
    values_a, values_b, order = pair
    diffs = values_a - values_b
    diffs = diffs[np.isfinite(diffs)]
    if diffs.size == 0:
        warn(f"{name}: undefined (NaN) in every resample; no comparison.")
        return result(np.nan, np.nan, np.nan, np.nan)
    identical = difference == 0 and not diffs.any()
    if identical:  # the same predictions: nothing to warn about
        return result(0.0, 0.0, 1.0, 0.0)
    for note in a.notes():
        warn(note)
    se = float(diffs.std(ddof=1)) if diffs.size > 1 else 0.0
    if method == "percentile":
        low, high = percentile_interval(diffs, confidence_level)
    else:
        jackknife = a.jackknife(order) - b.jackknife(order)
        low, high = bca_interval(diffs, difference, jackknife, confidence_level, name)
    if method == "permutation":
        null = np.concatenate(
            [
                np.subtract(*a.swapped(b, flips))
                for flips in sign_blocks(rng, n_resamples, a.n_units)
            ]
        )
        p = _p_from_null(null[np.isfinite(null)], difference, alternative)
    else:
        p = _p_from_null(diffs - difference, difference, alternative)
    return result(low, high, p, se)
