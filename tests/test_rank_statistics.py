"""Ranking metrics against a brute-force reference that enumerates tie orders.

The tie rules are defined by imagining the labels of equal score ordered
uniformly at random:

- ``"average"``: the expected value of the metric over all such orders;
- ``"optimistic"``: the value when true labels come first in every tie group;
- ``"pessimistic"``: the value when true labels come last in every tie group.

The reference below takes that definition literally. For each sample it lists
every permutation of the ranked labels (at most 6! = 720), keeps those whose
scores never increase (each order of the tie groups, all equally likely under
random tie-breaking), computes the metric of each such ranking from its first
``k`` entries, and averages. The optimistic and pessimistic rankings are built by
a sort on (score, truth) and checked to be the best and the worst of the
enumerated ones. Labels without a stored score in a CSR ``y_score`` are dropped
from the ranking entirely: they are never among the top k, but still count as
true labels (recall and nDCG denominators, PSP's best gains).

Inputs are small (1-8 samples, 2-6 labels) and their scores are drawn from a
few values, so that ties are frequent, or from an interval.
"""

import itertools
import warnings

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from sklearn import metrics as sk
from sklearn.exceptions import UndefinedMetricWarning

import skmultimetrics as smm

TIES = ("average", "optimistic", "pessimistic")
ZERO_DIVISIONS = ["warn", 0.0, 1.0, np.nan]
HYPOTHESIS = settings(max_examples=300, deadline=None, database=None)
RTOL, ATOL = 1e-9, 1e-12

# 1 / log2(rank + 1) for ranks 1, 2, ...
DISCOUNT = 1.0 / np.log2(np.arange(2, 12))


# --- the reference ---------------------------------------------------------------


def tie_orders(scores, ranked):
    """Every ranking of the ranked labels by non-increasing score.

    Returns an array of shape (n_orders, n_ranked) of label indices, best first:
    the permutations of the ranked labels whose scores never increase, i.e. all
    orders of each group of equal scores. Under uniform random tie-breaking each
    of them is equally likely.
    """
    labels = np.flatnonzero(ranked)
    if labels.size == 0:
        return np.zeros((1, 0), dtype=np.intp)
    perms = np.array(list(itertools.permutations(labels)), dtype=np.intp)
    sorted_by_score = (np.diff(scores[perms], axis=1) <= 0).all(axis=1)
    return perms[sorted_by_score]


def extreme_order(scores, ranked, truth, gains, *, true_first):
    """Ranked labels by decreasing score; true labels first (or last) on ties.

    Among tied true labels the larger gains come first for ``true_first`` and
    last otherwise (only PSP has unequal gains): the best and the worst order.
    """
    labels = np.flatnonzero(ranked)
    sign = 1 if true_first else -1
    keys = (labels, -sign * gains[labels], sign * ~truth[labels], -scores[labels])
    return labels[np.lexsort(keys)]


def ranking_metrics(order, truth, k, gains):
    """Per-sample metrics of one ranking (label indices, best first).

    The top k are the first k entries of ``order`` (fewer when fewer labels are
    ranked). Recall and nDCG are NaN for a sample without true labels.
    """
    top = order[:k]
    hit = truth[top]
    n_hit = int(hit.sum())
    n_true = int(truth.sum())
    dcg = DISCOUNT[: top.size][hit].sum()
    ideal = DISCOUNT[: min(k, n_true)].sum()
    return {
        "top_k": float(n_hit > 0),
        "precision": n_hit / k,
        "recall": n_hit / n_true if n_true else np.nan,
        "ndcg": dcg / ideal if n_true else np.nan,
        "psp_gain": gains[top][hit].sum(),
    }


def reference_per_sample(truth, scores, ranked, k, gains=None):
    """``{metric: {ties: ndarray of shape (n_samples,)}}`` plus PSP's best gains.

    ``truth`` (bool), ``scores`` and ``ranked`` (bool, the stored scores) are
    dense (n_samples, n_labels) arrays.
    """
    n, c = truth.shape
    gains = np.ones(c) if gains is None else gains
    metrics = ("top_k", "precision", "recall", "ndcg", "psp_gain")
    out = {m: {t: np.zeros(n) for t in TIES} for m in metrics}
    best = np.zeros(n)
    for i in range(n):
        t, s, r = truth[i], scores[i], ranked[i]
        values = [ranking_metrics(o, t, k, gains) for o in tie_orders(s, r)]
        first = extreme_order(s, r, t, gains, true_first=True)
        last = extreme_order(s, r, t, gains, true_first=False)
        first, last = (ranking_metrics(o, t, k, gains) for o in (first, last))
        for m in metrics:
            all_values = np.array([v[m] for v in values])
            out[m]["average"][i] = all_values.mean()
            out[m]["optimistic"][i] = first[m]
            out[m]["pessimistic"][i] = last[m]
            # the true-first / true-last rankings are the best / worst ones
            if not np.isnan(first[m]):
                assert np.isclose(first[m], all_values.max(), rtol=1e-12)
                assert np.isclose(last[m], all_values.min(), rtol=1e-12)
        best[i] = np.sort(gains[truth[i]])[::-1][:k].sum()
    return out, best


def zero_division_value(zero_division):
    return 0.0 if zero_division == "warn" else float(zero_division)


def reference_mean(values, weight, zero_division="warn"):
    """Weighted mean over samples; NaN (undefined) samples get zero_division."""
    values = np.where(np.isnan(values), zero_division_value(zero_division), values)
    keep = ~np.isnan(values)
    if not keep.any():
        return np.nan
    w = None if weight is None else weight[keep]
    # np.average is undefined when the kept weights sum to 0: not compared
    assume(w is None or w.sum() > 0)
    return float(np.average(values[keep], weights=w))


def reference_psp(gain, best, weight, zero_division):
    weight = np.ones(gain.shape[0]) if weight is None else weight
    total_best = weight @ best
    if total_best == 0:
        return zero_division_value(zero_division)
    return (weight @ gain) / total_best


def default_inverse_propensities(truth, weight, a, b):
    """``1 / p_l = 1 + C (N_l + B) ** -A``, ``C = (ln N - 1) (B + 1) ** A``.

    Without weights ``N`` is the number of samples and ``N_l`` the number of
    samples with label ``l``. With weights (as the docstring says) ``N`` counts
    the samples of non-zero weight and ``N_l / N`` is the weighted share of
    label ``l``.
    """
    if weight is None:
        n_samples = truth.shape[0]
        n_label = truth.sum(axis=0).astype(np.float64)
    else:
        n_samples = np.count_nonzero(weight)
        n_label = n_samples * (weight @ truth) / weight.sum()
    c = (np.log(n_samples) - 1) * (b + 1) ** a
    return 1 + c * (n_label + b) ** (-a)


def test_reference_hand_checked():
    # true label 0 at 0.5: one label above, two tied with it
    truth = np.array([[True, False, False, False, False]])
    scores = np.array([[0.5, 0.9, 0.5, 0.5, 0.1]])
    ranked = np.ones_like(truth)
    for k, average in [(1, 0.0), (2, 1 / 3), (3, 2 / 3), (4, 1.0)]:
        top_k = reference_per_sample(truth, scores, ranked, k)[0]["top_k"]
        assert top_k["average"] == pytest.approx([average])
        assert top_k["optimistic"] == [float(k >= 2)]
        assert top_k["pessimistic"] == [float(k >= 4)]
    # two tied labels, one true: rank 1 or 2 with probability 1/2 each
    ndcg = reference_per_sample(
        np.array([[True, False]]), np.zeros((1, 2)), np.ones((1, 2), bool), 2
    )[0]["ndcg"]
    assert ndcg["average"] == pytest.approx([(1 + 1 / np.log2(3)) / 2])
    assert ndcg["optimistic"] == [1.0]
    assert ndcg["pessimistic"] == pytest.approx([1 / np.log2(3)])
    # an unstored label is never ranked, even above a negative stored score
    truth = np.array([[True, True, False]])
    ranked = np.array([[False, True, True]])
    out, best = reference_per_sample(truth, np.array([[5.0, -1.0, -2.0]]), ranked, 1)
    assert out["precision"]["average"] == [1.0]
    assert out["recall"]["average"] == [0.5]
    assert best == [1.0]


# --- calling the metrics ---------------------------------------------------------


def call(func, *args, **kwargs):
    """The value of ``func`` and the categories of the warnings it raised."""
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        value = func(*args, **kwargs)
    return value, {w.category for w in record}


def assert_close(actual, expected):
    np.testing.assert_allclose(actual, expected, rtol=RTOL, atol=ATOL, equal_nan=True)


# --- strategies --------------------------------------------------------------------

N_SAMPLES = st.integers(1, 8)
N_LABELS = st.integers(2, 6)
# few values (frequent ties, negative ones too) or any value in an interval
DISCRETE = st.integers(-1, 2)
CONTINUOUS = st.floats(-1.0, 1.0, allow_subnormal=False)


@st.composite
def score_matrices(draw, n, c):
    if draw(st.booleans()):
        dtype = draw(st.sampled_from([np.float64, np.int64]))
        return draw(hnp.arrays(dtype, (n, c), elements=DISCRETE))
    return draw(hnp.arrays(np.float64, (n, c), elements=CONTINUOUS | DISCRETE))


@st.composite
def sample_weights(draw, n):
    """None, positive floats, positive integers, or some (never all) zeros."""
    kind = draw(st.sampled_from(["none", "float", "int", "zeros"]))
    if kind == "none":
        return None
    if kind == "float":
        return draw(hnp.arrays(np.float64, n, elements=st.floats(0.01, 10.0)))
    if kind == "int":
        return draw(hnp.arrays(np.int64, n, elements=st.integers(1, 5))).astype(float)
    weight = draw(hnp.arrays(np.float64, n, elements=st.sampled_from([0.0, 0.5, 2.0])))
    weight[draw(st.integers(0, n - 1))] = 1.0
    return weight


def indicators(n, c):
    """A (n, c) 0/1 matrix; rows (and whole matrices) without a 1 are allowed."""
    return hnp.arrays(np.int64, (n, c), elements=st.integers(0, 1))


@st.composite
def containers(draw, truth):
    """``truth`` as a dense int / bool / float array or a sparse matrix."""
    kind = draw(
        st.sampled_from(["int", "bool", "float", "csr_array", "csr_matrix", "csc"])
    )
    if kind in ("int", "bool", "float"):
        return truth.astype({"int": np.int64, "bool": bool, "float": float}[kind])
    if kind == "csc":
        return sp.csc_array(truth)
    if kind == "csr_matrix":
        return sp.csr_matrix(truth)
    # CSR array, sometimes with explicit zeros stored
    matrix = sp.csr_array(truth)
    if draw(st.booleans()):
        rows, cols = np.nonzero(np.ones_like(truth))
        matrix = sp.csr_array((truth[rows, cols], (rows, cols)), shape=truth.shape)
    return matrix


def csr_scores(scores, stored, reverse):
    """A CSR matrix storing ``scores`` where ``stored``: explicit zeros kept,
    column indices in decreasing order in each row if ``reverse``."""
    indices = [np.flatnonzero(row) for row in stored]
    if reverse:
        indices = [idx[::-1] for idx in indices]
    indptr = np.concatenate([[0], np.cumsum([idx.size for idx in indices])])
    indices = np.concatenate(indices).astype(np.int32)
    rows = np.repeat(np.arange(scores.shape[0]), np.diff(indptr))
    data = scores[rows, indices].astype(np.float64)
    return sp.csr_array((data, indices, indptr), shape=scores.shape)


@st.composite
def at_k_cases(draw, score_kinds=("dense", "csr"), k_beyond_labels=False):
    """Indicator y_true (dense or sparse), scores (dense or CSR), k, weights.

    ``k`` is in [1, n_labels], or up to n_labels + 1 with ``k_beyond_labels``
    (top-k accuracy takes it; the @k metrics refuse it).

    Returns ``(y_true, y_score, truth, scores, ranked, k, weight)``, the last
    five dense and plain for the reference. CSR scores leave some labels (maybe
    all of a row) unstored, and then ``ranked`` is False there.
    """
    n, c = draw(N_SAMPLES), draw(N_LABELS)
    truth = draw(indicators(n, c))
    scores = draw(score_matrices(n, c))
    ranked = np.ones((n, c), dtype=bool)
    y_score = scores
    if draw(st.sampled_from(score_kinds)) == "csr":
        ranked = draw(hnp.arrays(bool, (n, c), elements=st.booleans()))
        y_score = csr_scores(scores, ranked, reverse=draw(st.booleans()))
        if draw(st.booleans()):
            y_score = sp.csr_matrix(y_score)
    k = draw(st.integers(1, c + 1 if k_beyond_labels else c))
    weight = draw(sample_weights(n))
    y_true = draw(containers(truth))
    return y_true, y_score, truth.astype(bool), scores, ranked, k, weight


# --- top_k_accuracy_score ----------------------------------------------------------


@HYPOTHESIS
@given(
    case=at_k_cases(score_kinds=("dense",), k_beyond_labels=True),
    normalize=st.booleans(),
)
def test_top_k_accuracy_indicator(case, normalize):
    y_true, y_score, truth, scores, ranked, k, weight = case
    expected, _ = reference_per_sample(truth, scores, ranked, k)
    for ties in TIES:
        hits = expected["top_k"][ties]
        if normalize:
            want = reference_mean(hits, weight)
        else:
            want = hits.sum() if weight is None else weight @ hits
        got, categories = call(
            smm.top_k_accuracy_score,
            y_true,
            y_score,
            k=k,
            ties=ties,
            normalize=normalize,
            sample_weight=weight,
        )
        assert_close(got, want)
        assert categories == (
            {UndefinedMetricWarning} if k >= truth.shape[1] else set()
        )


@st.composite
def label_cases(draw):
    """1-D class labels, their column order (``labels=``) and dense scores."""
    n, c = draw(N_SAMPLES), draw(N_LABELS)
    names = draw(
        st.sampled_from([np.arange(c) * 3 - 2, np.array([f"c{j}" for j in range(c)])])
    )
    labels = names[draw(st.permutations(range(c)))]
    y_true = labels[draw(hnp.arrays(np.intp, n, elements=st.integers(0, c - 1)))]
    scores = draw(score_matrices(n, c))
    k = draw(st.integers(1, c + 1))
    weight = draw(sample_weights(n))
    # without labels=, the columns are the sorted classes (all must be present)
    use_default = set(y_true) == set(labels) and draw(st.booleans())
    columns = np.sort(labels) if use_default else labels
    truth = y_true[:, None] == columns[None, :]
    return y_true, scores, None if use_default else labels, truth, k, weight


@HYPOTHESIS
@given(case=label_cases(), normalize=st.booleans())
def test_top_k_accuracy_labels(case, normalize):
    y_true, scores, labels, truth, k, weight = case
    ranked = np.ones(truth.shape, dtype=bool)
    expected, _ = reference_per_sample(truth, scores, ranked, k)
    for ties in TIES:
        hits = expected["top_k"][ties]
        if normalize:
            want = reference_mean(hits, weight)
        else:
            want = hits.sum() if weight is None else weight @ hits
        got, _ = call(
            smm.top_k_accuracy_score,
            y_true,
            scores,
            k=k,
            labels=labels,
            ties=ties,
            normalize=normalize,
            sample_weight=weight,
        )
        assert_close(got, want)


@st.composite
def untied_cases(draw):
    """Integer class labels 0..C-1 (C >= 3) and scores without ties in a row."""
    n, c = draw(N_SAMPLES), draw(st.integers(3, 6))
    y_true = draw(hnp.arrays(np.intp, n, elements=st.integers(0, c - 1)))
    ranks = np.array([draw(st.permutations(range(c))) for _ in range(n)])
    noise = draw(hnp.arrays(np.float64, (n, c), elements=st.floats(0.0, 0.5)))
    return y_true, ranks + noise, draw(st.integers(1, c + 1)), draw(sample_weights(n))


@HYPOTHESIS
@given(case=untied_cases(), normalize=st.booleans())
def test_top_k_accuracy_matches_sklearn_without_ties(case, normalize):
    y_true, scores, k, weight = case
    labels = np.arange(scores.shape[1])
    kwargs = {"k": k, "labels": labels, "normalize": normalize, "sample_weight": weight}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UndefinedMetricWarning)
        want = sk.top_k_accuracy_score(y_true, scores, **kwargs)
        for ties in TIES:
            assert_close(
                smm.top_k_accuracy_score(y_true, scores, ties=ties, **kwargs), want
            )


# --- precision, recall, nDCG and PSP at k -------------------------------------------


NOTHING_STORED = (
    np.array([[1, 1]]),
    sp.csr_array((1, 2)),
    np.array([[True, True]]),
    np.zeros((1, 2)),
    np.zeros((1, 2), dtype=bool),
    1,
    None,
)


def check_precision_at_k(case):
    y_true, y_score, truth, scores, ranked, k, weight = case
    expected, _ = reference_per_sample(truth, scores, ranked, k)
    for ties in TIES:
        got, categories = call(
            smm.precision_at_k_score,
            y_true,
            y_score,
            k=k,
            ties=ties,
            sample_weight=weight,
        )
        assert_close(got, reference_mean(expected["precision"][ties], weight))
        assert categories == set()


@HYPOTHESIS
@given(case=at_k_cases(score_kinds=("dense",)))
def test_precision_at_k_dense_scores(case):
    check_precision_at_k(case)


@HYPOTHESIS
@given(case=at_k_cases(score_kinds=("csr",)))
@example(case=NOTHING_STORED)
def test_precision_at_k_csr_scores(case):
    check_precision_at_k(case)


def check_recall_or_ndcg(func, name, case, zero_division):
    y_true, y_score, truth, scores, ranked, k, weight = case
    expected, _ = reference_per_sample(truth, scores, ranked, k)
    undefined = not truth.any(axis=1).all()
    for ties in TIES:
        got, categories = call(
            func,
            y_true,
            y_score,
            k=k,
            ties=ties,
            sample_weight=weight,
            zero_division=zero_division,
        )
        assert_close(got, reference_mean(expected[name][ties], weight, zero_division))
        warned = undefined and zero_division == "warn"
        assert categories == ({UndefinedMetricWarning} if warned else set())


RECALL_AND_NDCG = pytest.mark.parametrize(
    ("func", "name"),
    [(smm.recall_at_k_score, "recall"), (smm.ndcg_at_k_score, "ndcg")],
    ids=["recall_at_k_score", "ndcg_at_k_score"],
)


@RECALL_AND_NDCG
@HYPOTHESIS
@given(
    case=at_k_cases(score_kinds=("dense",)),
    zero_division=st.sampled_from(ZERO_DIVISIONS),
)
def test_recall_and_ndcg_at_k_dense_scores(func, name, case, zero_division):
    check_recall_or_ndcg(func, name, case, zero_division)


@RECALL_AND_NDCG
@HYPOTHESIS
@given(
    case=at_k_cases(score_kinds=("csr",)),
    zero_division=st.sampled_from(ZERO_DIVISIONS),
)
@example(case=NOTHING_STORED, zero_division=0.0)
def test_recall_and_ndcg_at_k_csr_scores(func, name, case, zero_division):
    check_recall_or_ndcg(func, name, case, zero_division)


def test_short_csr_rows_are_not_padded_with_the_last_label():
    # row 2 stores a score for label 0 only; its true label 2 is never ranked
    y_true = np.array([[0, 0, 1], [0, 0, 1]])
    y_score = sp.csr_array(np.array([[0.5, 0.4, 0.3], [0.9, 0.0, 0.0]]))
    assert y_score.nnz == 4
    assert smm.precision_at_k_score(y_true, y_score, k=3) == pytest.approx(1 / 6)
    assert smm.recall_at_k_score(y_true, y_score, k=3) == pytest.approx(0.5)
    assert smm.ndcg_at_k_score(y_true, y_score, k=3) == pytest.approx(0.25)


@st.composite
def propensities(draw, c):
    """Explicit label propensities in (0, 1], ties among them frequent."""
    return draw(
        hnp.arrays(
            np.float64,
            c,
            elements=st.sampled_from([0.1, 0.25, 0.5, 1.0]) | st.floats(0.05, 1.0),
        )
    )


@HYPOTHESIS
@given(case=at_k_cases(), data=st.data(), zero_division=st.sampled_from(ZERO_DIVISIONS))
def test_propensity_scored_precision_at_k(case, data, zero_division):
    y_true, y_score, truth, scores, ranked, k, weight = case
    p = data.draw(propensities(truth.shape[1]))
    expected, best = reference_per_sample(truth, scores, ranked, k, 1 / p)
    for ties in TIES:
        got, categories = call(
            smm.propensity_scored_precision_at_k_score,
            y_true,
            y_score,
            k=k,
            propensities=p,
            ties=ties,
            sample_weight=weight,
            zero_division=zero_division,
        )
        gain = expected["psp_gain"][ties]
        assert_close(got, reference_psp(gain, best, weight, zero_division))
        w = np.ones(truth.shape[0]) if weight is None else weight
        warned = w @ best == 0 and zero_division == "warn"
        assert categories == ({UndefinedMetricWarning} if warned else set())


@HYPOTHESIS
@given(
    case=at_k_cases(),
    a=st.sampled_from([0.55, 0.6]),
    b=st.sampled_from([1.5, 2.6]),
)
def test_propensity_scored_precision_at_k_default_propensities(case, a, b):
    y_true, y_score, truth, scores, ranked, k, weight = case
    # with fewer than 3 samples (of non-zero weight) ln N - 1 < 0 and the model
    # gives gains below 1 (zero for N = 1): not a meaningful propensity
    n_counted = truth.shape[0] if weight is None else np.count_nonzero(weight)
    assume(n_counted >= 3)
    gains = default_inverse_propensities(truth, weight, a, b)
    expected, best = reference_per_sample(truth, scores, ranked, k, gains)
    for ties in TIES:
        got, _ = call(
            smm.propensity_scored_precision_at_k_score,
            y_true,
            y_score,
            k=k,
            a=a,
            b=b,
            ties=ties,
            sample_weight=weight,
            zero_division=0.0,
        )
        gain = expected["psp_gain"][ties]
        assert_close(got, reference_psp(gain, best, weight, 0.0))


@HYPOTHESIS
@given(case=at_k_cases(score_kinds=("dense",)))
def test_ndcg_at_k_matches_sklearn(case):
    # scikit-learn averages the gains of tied labels over their ranks and gives 0
    # to samples without a true label
    y_true, y_score, truth, scores, _, k, weight = case
    want = sk.ndcg_score(truth.astype(int), scores, k=k, sample_weight=weight)
    got = smm.ndcg_at_k_score(
        y_true, y_score, k=k, sample_weight=weight, zero_division=0.0
    )
    assert_close(got, want)
