"""confidence_interval: against explicit row bootstraps and coverage on a fixed
population; degenerate cases and every input container. The closed forms are
tested with their modules: DeLong in test_auc.py, Wilson and BCa in
test_methods.py, Takahashi et al.'s delta method in test_families.py."""

import warnings

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
from scipy.special import ndtri

import skmultimetrics as smm
from skmultimetrics import confidence_interval

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


# -- defects of the review (issue 28) -----------------------------------------


def _caught(call):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = call()
    return result, [str(w.message) for w in caught]
