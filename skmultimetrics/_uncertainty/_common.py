"""What :func:`confidence_interval` and :func:`compare_predictions` share:
argument checks, the families of a list of metric names, the bootstrap loop."""

import numbers

import numpy as np
import scipy.sparse as sp

from .._checks._params import check_sample_weight, param_error
from .._metrics._registry import parse_names
from ._auc import AUCFamily
from ._build import parse_name, rank_families, score_families, set_families
from ._families import MeanFamily, SumsFamily
from ._methods import empty_note, warn
from ._weights import check_units, poisson_blocks

METRIC_PARAMS = ("zero_division", "ties", "propensities")
_NEVER_EMPTY = 64
_GROUPS = {"set": "set", "accuracy": "set", "top_k": "rank", "at_k": "rank"}


def check_names(metric, func):
    """``(names, single)``: the metric names in order, and whether one was given."""
    specs = parse_names(metric, consumer="interval", func=func, argument="metric")
    return [spec.name for spec in specs], isinstance(metric, str)


def check_level(confidence_level, func):
    if (
        isinstance(confidence_level, bool)
        or not isinstance(confidence_level, numbers.Real)
        or not 0.0 < float(confidence_level) < 1.0
    ):
        raise param_error(
            func, "confidence_level", "a float in (0, 1)", confidence_level
        )
    return float(confidence_level)


def check_resamples(n_resamples, func, name="n_resamples", must="an int >= 1"):
    if (
        isinstance(n_resamples, bool)
        or not isinstance(n_resamples, numbers.Integral)
        or n_resamples < 1
    ):
        raise param_error(func, name, must, n_resamples)
    return int(n_resamples)


def check_method(method, valid, func):
    if method not in valid:
        raise param_error(func, "method", f"one of {list(valid)}", method)
    return method


def check_params(params, func):
    unknown = sorted(set(params) - set(METRIC_PARAMS))
    if unknown:
        raise TypeError(
            f"{func} got unexpected metric parameter(s) {unknown}; it passes on "
            f"only {list(METRIC_PARAMS)}."
        )


def checked_units(y_true, sample_weight, groups, func):
    """The resampling units and the checked weights of the samples of y_true."""
    n = y_true.shape[0] if sp.issparse(y_true) else (np.shape(y_true) or (0,))[0]
    if n == 0:
        raise ValueError(f"y_true of {func} must hold at least one sample.")
    return check_units(groups, n, func), check_sample_weight(sample_weight, n, func)


def build_families(
    names, y_true, y_pred, sample_weight, threshold, units, params, func
):
    """``{name: family}`` of every metric name, in order."""
    groups = {}
    for name in names:
        _, spec = parse_name(name, func, params)
        # psp@k, a ratio of sums over samples, is re-evaluated per resample
        group = "score" if spec.metric == "psp" else _GROUPS.get(spec.family)
        groups.setdefault(group or "score", []).append(spec)
    args = (y_true, y_pred, sample_weight)
    families = {}
    if "set" in groups:
        families |= set_families(groups["set"], *args, threshold, units, params, func)
    if "rank" in groups:
        families |= rank_families(groups["rank"], *args, units, params, func)
    if "score" in groups:
        families |= score_families(groups["score"], *args, units, params, func)
    return {name: families[name] for name in names}


def resolve_method(method, family, weighted, grouped, func, comparison=False):
    """The method used for ``family`` ("auto" resolved); ValueError where the
    requested one does not apply."""
    is_auc = isinstance(family, AUCFamily)
    proportion = isinstance(family, MeanFamily) and family.proportion
    if method == "auto":
        if is_auc and not weighted:
            few = family.few()
            if not few.size:
                return "delong"
            warn(
                f"{family.name}: DeLong's variance needs 2 or more positives and "
                f"negatives per label; label(s) {few[:10].tolist()} have fewer, so "
                "method='auto' uses the BCa bootstrap."
            )
            return "bca"
        if proportion and not weighted and not grouped and not comparison:
            return "wilson"
        return "bca"
    if method == "wilson":
        if not proportion or weighted or grouped:
            raise ValueError(
                f"method='wilson' of {func} needs a proportion of independent, "
                "unweighted samples (subset, multiclass or top-k accuracy without "
                f"sample_weight or groups); {family.name!r} is not one."
            )
    if method == "delong" and (not is_auc or weighted):
        raise ValueError(
            f"method='delong' of {func} applies to unweighted ROC AUC (binary, "
            f"macro or weighted over labels); not to {family.name!r}"
            f"{' with sample_weight' if weighted else ''}."
        )
    if method == "delta":
        if is_auc and not weighted:
            return "delong"
        if not isinstance(family, SumsFamily):
            raise ValueError(
                f"method='delta' of {func} applies to count-based metrics; "
                f"{family.name!r} is not one: use 'bca' or 'percentile'."
            )
    if method in ("permutation",) and not isinstance(family, SumsFamily):
        raise ValueError(
            f"method='permutation' of {func} applies to count-based metrics; "
            f"{family.name!r} is not one: use 'bca', 'percentile' or 'delong'."
        )
    return method


def bootstrap(families, rng, n_resamples, n_units):
    """``({name: values}, order)``: the resampled values of every family, from
    the same resamples, and a random permutation of the units (BCa's jackknife
    blocks). A resample that drew no unit (probability ``exp(-n_units)``) has
    no metric: it is left out, with a warning where they are many."""
    values = {name: [] for name in families}
    n_empty = 0
    # an empty resample has probability exp(-n_units): below 1e-27 from 64
    # units on, where the pass over the weights that looks for one is skipped
    look = n_units < _NEVER_EMPTY
    for weights in poisson_blocks(rng, n_resamples, n_units):
        drawn = weights.any(axis=1) if look else None
        if look and not drawn.all():
            n_empty += int(drawn.shape[0] - drawn.sum())
            weights = weights[drawn]
        for name, family in families.items():
            values[name].append(family.resampled(weights))
    note = empty_note(n_empty, n_resamples)
    if note:
        warn(note)
    values = {name: np.concatenate(chunks) for name, chunks in values.items()}
    return values, rng.permutation(n_units)
