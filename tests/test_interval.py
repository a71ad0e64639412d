"""confidence_interval: against explicit row bootstraps, closed forms (Takahashi
et al. 2022, DeLong et al. 1988, Wilson) and coverage on a fixed population."""

import warnings

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
from scipy.special import ndtri

import skmultimetrics as smm
from skmultimetrics import MetricInterval, confidence_interval

SET = ("precision", "recall", "f1", "jaccard")
AVERAGES = ("micro", "macro", "samples", "weighted")
pytestmark = pytest.mark.filterwarnings(
    "ignore::sklearn.exceptions.UndefinedMetricWarning"
)
FUNCS = {
    "precision": smm.precision_score,
    "recall": smm.recall_score,
    "f1": smm.f1_score,
    "jaccard": smm.jaccard_score,
}


def correlated_labels(rng, n, n_labels=4, strength=1.2, rate=0.35):
    """Labels sharing a latent factor, and noisy scores of them."""
    latent = rng.normal(size=(n, 1))
    own = rng.normal(size=(n, n_labels))
    cut = ndtri(1 - rate)
    truth = (strength * latent + own) / np.sqrt(1 + strength**2) > cut
    scores = 1 / (1 + np.exp(-(1.6 * truth - 0.8 + rng.normal(size=truth.shape))))
    return truth, scores


def metric_value(name, y_true, y_pred, sample_weight=None):
    """The metric function of a name (the reference of the estimate)."""
    head, _, average = name.rpartition("_")
    if head in SET:
        return FUNCS[head](y_true, y_pred, average=average, sample_weight=sample_weight)
    return {
        "subset_accuracy": smm.subset_accuracy_score,
        "hamming_accuracy": smm.hamming_accuracy_score,
    }[name](y_true, y_pred, sample_weight=sample_weight)


def assert_same(a, b, rel):
    """Two results equal: their numbers to ``rel``, their method exactly."""
    assert a.method == b.method and a.n_resamples == b.n_resamples
    numbers = [v for v in a if not isinstance(v, str)]
    others = [v for v in b if not isinstance(v, str)]
    assert numbers == pytest.approx(others, rel=rel)


def row_bootstrap(name, y_true, y_pred, n_resamples, seed):
    rng = np.random.default_rng(seed)
    n = y_true.shape[0]
    out = np.empty(n_resamples)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for b in range(n_resamples):
            rows = rng.integers(0, n, n)
            out[b] = metric_value(name, y_true[rows], y_pred[rows])
    return out


@pytest.mark.parametrize(
    "name",
    ["f1_macro", "precision_micro", "recall_weighted", "jaccard_samples",
     "hamming_accuracy"],
)  # fmt: skip
def test_bootstrap_agrees_with_an_explicit_row_bootstrap(name):
    rng = np.random.default_rng(1)
    truth, scores = correlated_labels(rng, 200)
    pred = scores >= 0.5
    reference = row_bootstrap(name, truth, pred, 2000, seed=2)
    result = confidence_interval(
        truth, pred, metric=name, method="percentile", n_resamples=2000,
        random_state=3,
    )  # fmt: skip
    assert result.estimate == pytest.approx(metric_value(name, truth, pred), abs=1e-12)
    se = reference.std(ddof=1)
    # the SE of a bootstrap SE is about se / sqrt(2 B): 1.6 % each; Poisson
    # and multinomial weights differ by O(1/n)
    assert result.standard_error == pytest.approx(se, rel=0.1)
    low, high = np.quantile(reference, [0.025, 0.975])
    assert abs(result.low - low) < 0.3 * se
    assert abs(result.high - high) < 0.3 * se


def takahashi_macro_f1_variance(cm):
    """Takahashi et al. (2022), the variance of macro F1 from the confusion
    matrix (multinomial cell probabilities p, r classes, n samples):
    2/(r^2 n) [sum_i F_i (d_i - 2 p_ii)(d_i - p_ii) / d_i^2 ... ] written out as
    (1 / (r^2 n)) [sum_i F_i (1 - F_i)(2 - F_i) / d_i
                   + 2 sum_{i != j} p_ij F_i F_j / (d_i d_j)],
    with d_i = p_i. + p_.i and F_i = 2 p_ii / d_i."""
    n = cm.sum()
    p = cm / n
    r = cm.shape[0]
    d = p.sum(axis=0) + p.sum(axis=1)
    f = 2 * np.diag(p) / d
    first = sum(f[i] * (1 - f[i]) * (2 - f[i]) / d[i] for i in range(r))
    second = sum(
        p[i, j] * f[i] * f[j] / (d[i] * d[j])
        for i in range(r)
        for j in range(r)
        if i != j
    )
    return (first + 2 * second) / (r**2 * n)


def test_delta_reproduces_takahashi_for_multiclass_f1():
    rng = np.random.default_rng(4)
    y = rng.integers(0, 4, 600)
    pred = np.where(rng.random(600) < 0.7, y, rng.integers(0, 4, 600))
    cm = np.zeros((4, 4))
    np.add.at(cm, (y, pred), 1)
    macro = confidence_interval(y, pred, metric="f1_macro", method="delta")
    assert macro.standard_error**2 == pytest.approx(
        takahashi_macro_f1_variance(cm), rel=1e-10
    )
    assert macro.n_resamples == 0
    micro = confidence_interval(y, pred, metric="f1_micro", method="delta")
    accuracy = np.trace(cm) / 600
    assert micro.standard_error**2 == pytest.approx(
        accuracy * (1 - accuracy) / 600, rel=1e-10
    )
    z = ndtri(0.975)
    assert micro.low == pytest.approx(accuracy - z * micro.standard_error)


@pytest.mark.parametrize("metric", SET)
def test_delta_se_close_to_bootstrap_se_on_multilabel_data(metric):
    rng = np.random.default_rng(5)
    truth, scores = correlated_labels(rng, 2000, n_labels=5)
    pred = scores >= 0.5
    names = [f"{metric}_{average}" for average in AVERAGES]
    delta = confidence_interval(truth, pred, metric=names, method="delta")
    boot = confidence_interval(
        truth, pred, metric=names, method="percentile", random_state=0
    )
    for name in names:
        assert delta[name].standard_error == pytest.approx(
            boot[name].standard_error, rel=0.1
        ), name


def delong_reference(truth, scores):
    """DeLong et al. (1988) by pairs: V10, V01 with ties counting 1/2."""
    pos, neg = scores[truth == 1], scores[truth == 0]
    psi = (pos[:, None] > neg[None, :]) + 0.5 * (pos[:, None] == neg[None, :])
    v10, v01 = psi.mean(axis=1), psi.mean(axis=0)
    return psi.mean(), v10.var(ddof=1) / pos.size + v01.var(ddof=1) / neg.size


def test_delong_known_small_example():
    # AUC 3/4; V10 = (1, 1/2), V01 = (1/2, 1): var = 1/8 / 2 + 1/8 / 2
    result = confidence_interval([1, 1, 0, 0], [0.9, 0.4, 0.5, 0.1], metric="roc_auc")
    assert result.method == "delong"
    assert result.estimate == 0.75
    assert result.standard_error**2 == pytest.approx(0.125)


def test_delong_equals_the_structural_components_with_ties():
    rng = np.random.default_rng(6)
    truth = rng.random(300) < 0.4
    scores = np.round(truth * 0.5 + rng.random(300), 1)  # many ties
    area, variance = delong_reference(truth.astype(int), scores)
    result = confidence_interval(truth.astype(int), scores, metric="roc_auc")
    assert result.estimate == pytest.approx(area)
    assert result.estimate == pytest.approx(smm.roc_auc_score(truth, scores))
    assert result.standard_error**2 == pytest.approx(variance, rel=1e-10)
    # the bootstrap agrees
    boot = confidence_interval(
        truth.astype(int), scores, metric="roc_auc", method="percentile",
        random_state=0,
    )  # fmt: skip
    assert boot.standard_error == pytest.approx(result.standard_error, rel=0.1)


def test_macro_auc_of_one_label_is_delong():
    rng = np.random.default_rng(7)
    truth, scores = correlated_labels(rng, 400, n_labels=3)
    macro = confidence_interval(truth, scores, metric="roc_auc_macro")
    assert macro.estimate == pytest.approx(smm.roc_auc_score(truth, scores))
    single = confidence_interval(truth[:, :1], scores[:, :1], metric="roc_auc_macro")
    _, variance = delong_reference(truth[:, 0].astype(int), scores[:, 0])
    assert single.standard_error**2 == pytest.approx(variance, rel=1e-10)
    boot = confidence_interval(
        truth, scores, metric="roc_auc_macro", method="percentile", random_state=0
    )
    assert boot.standard_error == pytest.approx(macro.standard_error, rel=0.12)


def wilson_reference(successes, n, level):
    z = ndtri(1 - (1 - level) / 2)
    p = successes / n
    center = (successes + z * z / 2) / (n + z * z)
    half = z * np.sqrt(n) / (n + z * z) * np.sqrt(p * (1 - p) + z * z / (4 * n))
    return center - half, center + half


@pytest.mark.parametrize("level", [0.9, 0.95, 0.99])
def test_wilson_equals_the_formula(level):
    rng = np.random.default_rng(8)
    y = rng.integers(0, 3, 137)
    pred = np.where(rng.random(137) < 0.6, y, (y + 1) % 3)
    result = confidence_interval(y, pred, metric="accuracy", confidence_level=level)
    assert result.method == "wilson"
    low, high = wilson_reference((y == pred).sum(), 137, level)
    assert (result.low, result.high) == pytest.approx((low, high), abs=1e-12)
    # statsmodels' proportion_confint(80, 100, method="wilson") at 0.95
    ref = confidence_interval([1] * 80 + [0] * 20, [1] * 100, metric="accuracy")
    assert (ref.low, ref.high) == pytest.approx((0.7112, 0.8666), abs=5e-5)


def test_coverage_on_a_fixed_population():
    rng = np.random.default_rng(9)
    truth, scores = correlated_labels(rng, 100_000, n_labels=4)
    pred = scores >= 0.5
    names = ["f1_macro", "f1_micro", "subset_accuracy", "roc_auc_macro"]
    population = {
        "f1_macro": smm.f1_score(truth, pred, average="macro"),
        "f1_micro": smm.f1_score(truth, pred, average="micro"),
        "subset_accuracy": smm.subset_accuracy_score(truth, pred),
        "roc_auc_macro": smm.roc_auc_score(truth, scores),
    }
    covered = {}
    reps = 200
    for rep in range(reps):
        rows = rng.integers(0, truth.shape[0], 300)
        t, s, p = truth[rows], scores[rows], pred[rows]
        auto = confidence_interval(t, s, metric=names[2:], threshold=0.5)
        delta = confidence_interval(t, p, metric=names[:2], method="delta")
        bca = confidence_interval(
            t, p, metric="f1_macro", n_resamples=300, random_state=rep
        )
        for key, r in [*auto.items(), *delta.items(), ("bca", bca)]:
            value = population["f1_macro" if key == "bca" else key]
            covered[key] = covered.get(key, 0) + (r.low <= value <= r.high)
    for key, count in covered.items():
        # 95 % of 200: a binomial 99.8 % range
        assert 0.89 <= count / reps <= 0.99, (key, count)


def test_degenerate_cases_warn_and_stay_defined():
    y = np.array([[1, 0], [0, 1], [1, 1], [0, 0]] * 10)
    with pytest.warns(UserWarning, match="zero width.*bound 1"):
        perfect = confidence_interval(y, y, metric="f1_macro", random_state=0)
    assert (perfect.low, perfect.high, perfect.estimate) == (1.0, 1.0, 1.0)
    rare = y.copy()
    rare[:, 1] = 0
    rare[0, 1] = 1  # one positive in all
    with pytest.warns(UserWarning) as record:
        result = confidence_interval(rare, rare, metric="recall_macro", random_state=0)
    messages = " ".join(str(w.message) for w in record)
    assert "fewer than 5 true positives" in messages
    assert "0/0" in messages  # the label lacks positives in ~37 % of resamples
    assert np.isfinite([result.low, result.high, result.standard_error]).all()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # Wilson at 1 is a proper interval
        wilson = confidence_interval(y, y, metric="subset_accuracy")
    assert wilson.high == 1.0 and wilson.low < 1.0


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"confidence_level": 0}, "'confidence_level'"),
        ({"confidence_level": 1.0}, "'confidence_level'"),
        ({"confidence_level": "0.9"}, "'confidence_level'"),
        ({"n_resamples": 0}, "'n_resamples'"),
        ({"n_resamples": 2.5}, "'n_resamples'"),
        ({"metric": "f1_macr"}, "unknown metric 'f1_macr'.*f1_macro"),
        ({"metric": ["f1_macro", 3]}, "'metric'"),
        ({"method": "bootstrap"}, "'method'.*'bca'"),
        ({"groups": [0, 1, 2]}, "'groups'"),
        ({"method": "wilson", "metric": "f1_macro"}, "wilson"),
        ({"method": "delong", "metric": "f1_macro"}, "delong"),
    ],
)
def test_bad_input_raises_naming_the_argument(kwargs, match):
    y = np.array([[1, 0], [0, 1], [1, 1], [0, 0]] * 5)
    with pytest.raises(ValueError, match=match):
        confidence_interval(y, y, **kwargs)


def test_nan_scores_raise():
    y = np.array([[1, 0], [0, 1], [1, 1], [0, 0]] * 5)
    scores = y * 0.7 + 0.1
    scores[3, 1] = np.nan
    with pytest.raises(ValueError, match=r"y_pred.*NaN"):
        confidence_interval(y, scores, threshold=0.5)
    with pytest.raises(ValueError, match=r"y_pred.*NaN"):
        confidence_interval(y, scores, metric="roc_auc_macro")


def test_inputs_unchanged_and_results_equal_for_every_container():
    rng = np.random.default_rng(10)
    truth, scores = correlated_labels(rng, 120, n_labels=3)
    pred = (scores >= 0.5).astype(int)
    weight = rng.random(120)
    copies = truth.copy(), pred.copy(), weight.copy()
    names = ["f1_macro", "precision_samples", "jaccard_weighted", "subset_accuracy"]
    kw = {"metric": names, "n_resamples": 200, "random_state": 0}
    base = confidence_interval(truth, pred, **kw)
    for t, p in [
        (truth.tolist(), pred.tolist()),
        (pd.DataFrame(truth), pd.DataFrame(pred)),
        (sp.csr_matrix(truth), sp.csr_matrix(pred)),
    ]:
        other = confidence_interval(t, p, **kw)
        for name in names:
            assert_same(other[name], base[name], 1e-12)
    confidence_interval(truth, pred, sample_weight=weight, **kw)
    for original, copy in zip((truth, pred, weight), copies):
        np.testing.assert_array_equal(original, copy)


def test_groups_resample_clusters():
    rng = np.random.default_rng(11)
    truth, scores = correlated_labels(rng, 150, n_labels=3)
    pred = scores >= 0.5
    kw = {"metric": ["f1_macro", "hamming_accuracy"], "random_state": 0}
    alone = confidence_interval(truth, pred, **kw)
    # every sample its own group: the same resamples
    own = confidence_interval(truth, pred, groups=np.arange(150), **kw)
    # each sample twice, the copies grouped: the same distribution (ratios of
    # sums do not change when every count doubles)
    twice = confidence_interval(
        np.repeat(truth, 2, axis=0), np.repeat(pred, 2, axis=0),
        groups=np.repeat(np.arange(150), 2), **kw,
    )  # fmt: skip
    naive = confidence_interval(
        np.repeat(truth, 2, axis=0), np.repeat(pred, 2, axis=0), **kw
    )
    for name in kw["metric"]:
        assert_same(own[name], alone[name], 1e-12)
        assert_same(twice[name], alone[name], 1e-9)
        # ignoring the clusters understates the error by about sqrt(2)
        assert naive[name].standard_error < 0.8 * twice[name].standard_error
    delta = confidence_interval(truth, pred, metric="f1_macro", method="delta")
    delta_twice = confidence_interval(
        np.repeat(truth, 2, axis=0), np.repeat(pred, 2, axis=0),
        groups=np.repeat(np.arange(150), 2), metric="f1_macro", method="delta",
    )  # fmt: skip
    assert delta_twice.standard_error == pytest.approx(delta.standard_error)


def test_estimates_equal_the_metric_functions():
    rng = np.random.default_rng(12)
    truth, scores = correlated_labels(rng, 200, n_labels=4)
    names = [f"{m}_{a}" for m in SET for a in AVERAGES]
    names += ["subset_accuracy", "hamming_accuracy", "neg_hamming_loss"]
    weight = rng.random(200)
    result = confidence_interval(
        truth, scores, metric=names, threshold=0.5, method="delta",
        sample_weight=weight,
    )  # fmt: skip
    for name in names:
        if name == "neg_hamming_loss":
            expected = (
                smm.hamming_accuracy_score(truth, scores >= 0.5, sample_weight=weight)
                - 1
            )
        else:
            expected = metric_value(name, truth, scores >= 0.5, sample_weight=weight)
        assert result[name].estimate == pytest.approx(expected, abs=1e-12), name
    ranking = confidence_interval(
        truth, scores,
        metric=["precision_at_2", "recall_at_2", "ndcg_at_3", "top2_accuracy",
                "roc_auc_weighted", "average_precision_macro",
                "recall_at_precision_80"],
        n_resamples=20, random_state=0,
    )  # fmt: skip
    expected = {
        "precision_at_2": smm.precision_at_k_score(truth, scores, k=2),
        "recall_at_2": smm.recall_at_k_score(truth, scores, k=2, zero_division=0),
        "ndcg_at_3": smm.ndcg_at_k_score(truth, scores, k=3, zero_division=0),
        "top2_accuracy": smm.top_k_accuracy_score(truth, scores, k=2),
        "roc_auc_weighted": smm.roc_auc_score(truth, scores, average="weighted"),
        "average_precision_macro": smm.average_precision_score(truth, scores),
        "recall_at_precision_80": smm.recall_at_precision_score(
            truth, scores, min_precision=0.8
        ),
    }
    for name, value in expected.items():
        assert ranking[name].estimate == pytest.approx(value, abs=1e-12), name


def test_binary_scikit_learn_names():
    rng = np.random.default_rng(13)
    y = (rng.random(300) < 0.4).astype(int)
    score = np.clip(y * 0.3 + rng.random(300) * 0.7, 0, 1)
    names = ["f1", "precision", "recall", "accuracy", "roc_auc", "average_precision"]
    result = confidence_interval(
        y, score, metric=names, threshold=0.5, n_resamples=50, random_state=0
    )
    pred = (score >= 0.5).astype(int)
    assert result["f1"].estimate == pytest.approx(smm.f1_score(y, pred))
    assert result["precision"].estimate == pytest.approx(smm.precision_score(y, pred))
    assert result["accuracy"].estimate == pytest.approx((y == pred).mean())
    assert result["roc_auc"].estimate == pytest.approx(smm.roc_auc_score(y, score))
    assert result["average_precision"].estimate == pytest.approx(
        smm.average_precision_score(y, score)
    )
    assert isinstance(result["f1"], MetricInterval)
    assert "estimate=" in repr(result["f1"])


def test_batched_bootstrap_sums_add_up_over_batches():
    from skmultimetrics._stream._bootstrap import seed_sequence
    from skmultimetrics._uncertainty._families import SetFamily
    from skmultimetrics._uncertainty._sums import Stats, weighted_sums
    from skmultimetrics._uncertainty._weights import poisson_weights

    rng = np.random.default_rng(14)
    truth, scores = correlated_labels(rng, 300, n_labels=3)
    pred = scores >= 0.5
    stats = {
        k: np.ascontiguousarray(np.asarray(v, np.float32).T)
        for k, v in {"tp": truth & pred, "pred+true": truth.astype(int) + pred}.items()
    }
    children = seed_sequence(0, "test").spawn(2)
    weights = poisson_weights(np.random.default_rng(children[0]), 50, 300)
    whole = weighted_sums(stats, weights)
    first = weighted_sums({k: v[:, :120] for k, v in stats.items()}, weights[:, :120])
    rest = weighted_sums({k: v[:, 120:] for k, v in stats.items()}, weights[:, 120:])
    for name in stats:
        np.testing.assert_array_equal(first[name] + rest[name], whole[name])
    family = SetFamily(
        "f1_macro",
        Stats(stats),
        den="pred+true", factor=2.0, average="macro", zero_division=0.0,
        labels=[0, 1, 2],
    )  # fmt: skip
    expected = [
        smm.f1_score(truth, pred, average="macro", sample_weight=w) for w in weights
    ]
    np.testing.assert_allclose(family.value(whole), expected, rtol=1e-12)
    a, b = (np.random.default_rng(child) for child in children)
    assert not np.array_equal(poisson_weights(a, 5, 40), poisson_weights(b, 5, 40))


# -- defects of the review (issue 28) -----------------------------------------


def _caught(call):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = call()
    return result, [str(w.message) for w in caught]


@pytest.mark.parametrize("name", ["f1_micro", "precision_micro", "jaccard_samples"])
def test_empty_resamples_are_left_out_not_scored_as_zero_division(name):
    # three perfect samples: a row bootstrap gives [1, 1]; a resample that
    # draws no sample (e^-3 = 5% of them) has no metric at all
    y = np.array([[1, 0], [0, 1], [1, 1]])
    result, messages = _caught(
        lambda: confidence_interval(y, y, metric=name, random_state=0)
    )
    assert (result.low, result.high) == (1.0, 1.0)
    assert any("drew no sample" in m for m in messages)
    # three groups: the same
    y9 = np.repeat(y, 3, axis=0)
    grouped, _ = _caught(
        lambda: confidence_interval(
            y9, y9, metric=name, groups=np.repeat([0, 1, 2], 3), random_state=1
        )
    )
    assert (grouped.low, grouped.high) == (1.0, 1.0)
    # many samples: no empty resample, no warning of them
    big = np.tile(y, (20, 1))
    _, messages = _caught(lambda: confidence_interval(big, big, metric=name))
    assert not any("drew no sample" in m for m in messages)


def test_bca_does_not_depend_on_the_order_of_the_rows():
    # contiguous jackknife blocks of rows sorted by score gave an acceleration
    # of 0.12 where leave-one-out gives 0.014 (the interval moved by 0.4 SE)
    rng = np.random.default_rng(0)
    y = (rng.random(400) < 0.3).astype(int)
    s = y * 0.8 + rng.normal(size=400)
    order = np.argsort(s)
    ends = {}
    for key, (yy, ss) in {"sorted": (y[order], s[order]), "rows": (y, s)}.items():
        ends[key] = np.mean(
            [
                confidence_interval(
                    yy, ss, metric="average_precision", method="bca", random_state=r
                )[1:3]
                for r in range(3)
            ],
            axis=0,
        )
    np.testing.assert_allclose(ends["sorted"], ends["rows"], atol=0.006)


def test_bca_jackknife_is_leave_one_out_for_counts_whatever_the_order():
    from skmultimetrics._uncertainty._common import build_families
    from skmultimetrics._uncertainty._weights import Units

    rng = np.random.default_rng(3)
    truth, scores = correlated_labels(rng, 120)
    perm = rng.permutation(120)
    values = []
    for rows in (np.arange(120), perm):
        families = build_families(
            ["f1_macro", "roc_auc_macro"], truth[rows], scores[rows], None, 0.5,
            Units(None, 120), {}, "test",
        )  # fmt: skip
        order = np.random.default_rng(0).permutation(120)
        values.append({k: np.sort(f.jackknife(order)) for k, f in families.items()})
    for name in values[0]:  # 120 units <= 200 blocks: leave-one-out for both
        np.testing.assert_allclose(values[0][name], values[1][name], rtol=1e-12)


def test_jaccard_refuses_zero_division_nan_as_jaccard_score():
    y = np.array([[1, 0], [0, 0], [1, 1]] * 5)
    for name in ("jaccard_macro", "jaccard_samples", "jaccard_micro"):
        with pytest.raises(ValueError, match=r"'zero_division'.*not NaN"):
            confidence_interval(y, y, metric=name, zero_division=np.nan)
    with pytest.raises(ValueError, match="'zero_division'"):
        smm.jaccard_score(y, y, average="samples", zero_division=np.nan)
    # other metrics take NaN, as their functions
    result = confidence_interval(y, y, metric="f1_macro", zero_division=np.nan)
    assert result.estimate == 1.0


@pytest.mark.parametrize("average", ["macro", "weighted"])
def test_a_label_without_positives_but_predicted_warns(average):
    rng = np.random.default_rng(5)
    truth, scores = correlated_labels(rng, 200, n_labels=3)
    truth[:, 1] = False
    pred = scores >= 0.5
    pred[:5, 1] = True  # false positives only: precision / F1 0 everywhere
    _, messages = _caught(
        lambda: confidence_interval(truth, pred, metric=f"f1_{average}")
    )
    assert any("[1] have no positives in y_true" in m for m in messages)
    truth[0, 1] = True  # one positive: no such warning
    _, messages = _caught(
        lambda: confidence_interval(truth, pred, metric=f"f1_{average}")
    )
    assert not any("have no positives in y_true" in m for m in messages)


@pytest.mark.parametrize("successes", [0, 1, 37, 99, 100])
def test_wilson_standard_error_is_the_half_width_over_z(successes):
    y = np.ones(100, int)
    pred = np.r_[np.ones(successes, int), np.zeros(100 - successes, int)]
    result = confidence_interval(y, pred, metric="accuracy", confidence_level=0.9)
    low, high = wilson_reference(successes, 100, 0.9)
    z = ndtri(0.95)
    assert result.standard_error == pytest.approx((high - low) / (2 * z), rel=1e-12)
    assert result.standard_error > 0
    if successes == 37:  # near the plug-in standard error inside (0, 1)
        se = np.sqrt(0.37 * 0.63 / 100)
        assert result.standard_error == pytest.approx(se, rel=0.02)


def test_delong_with_one_positive_is_nan_and_warns():
    rng = np.random.default_rng(0)
    y = np.zeros(30, int)
    y[3] = 1
    scores = rng.random(30)
    result, messages = _caught(
        lambda: confidence_interval(y, scores, metric="roc_auc", method="delong")
    )
    assert np.isnan([result.low, result.high, result.standard_error]).all()
    assert any("undefined (NaN)" in m for m in messages)
    # method="auto" (the default) uses the bootstrap there, and says so
    result, messages = _caught(
        lambda: confidence_interval(y, scores, metric="roc_auc", random_state=0)
    )
    assert result.method == "bca"
    assert 0 <= result.low <= result.estimate <= result.high <= 1
    assert any("uses the BCa bootstrap" in m for m in messages)
    Y = np.column_stack([y, rng.integers(0, 2, 30)])
    S = rng.random((30, 2))
    both = confidence_interval(Y, S, metric=["roc_auc_macro", "roc_auc_weighted"])
    assert {r.method for r in both.values()} == {"bca"}


@pytest.mark.parametrize("seed", range(6))
def test_top_k_estimate_takes_what_top_k_accuracy_score_takes(seed):
    rng = np.random.default_rng(seed)
    n, c = 40, 4
    codes = rng.integers(0, c, n)
    scores = rng.random((n, c))
    scores[:, 1] = scores[:, 0] if seed % 2 else scores[:, 1]  # ties
    inputs = [
        (np.array(["ant", "bee", "cat", "dog"])[codes], scores),
        (codes + 10, scores),
        (np.eye(c, dtype=int)[codes], scores),
        (codes % 2, scores[:, 0]),  # binary: one column of class 1's scores
    ]
    for y, s in inputs:
        for k in (1, 2):
            for ties in ("average", "optimistic"):
                expected = smm.top_k_accuracy_score(y, s, k=k, ties=ties)
                result = confidence_interval(
                    y, s, metric=f"top{k}_accuracy", ties=ties, method="percentile",
                    n_resamples=20, random_state=0,
                )  # fmt: skip
                assert result.estimate == pytest.approx(expected, abs=1e-12)
    # class indices of the columns, one class absent: read as the accumulator does
    absent = np.where(codes == 3, 0, codes)
    expected = smm.top_k_accuracy_score(absent, scores, k=2, labels=np.arange(c))
    result = confidence_interval(absent, scores, metric="top2_accuracy")
    assert result.estimate == pytest.approx(expected, abs=1e-12)
    with pytest.raises(ValueError, match="NaN"):
        bad = scores.copy()
        bad[0, 0] = np.nan
        confidence_interval(codes, bad, metric="top2_accuracy")
