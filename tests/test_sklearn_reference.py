"""Values, warnings and errors equal to scikit-learn's on random inputs.

Every test calls one of our metrics and its scikit-learn counterpart on the same
hypothesis-generated input and requires

- the same value: floats, per-label arrays and ``(p, r, f, support)`` tuples,
  NaN where scikit-learn gives NaN;
- the same warnings, category and message text, in the same order;
- a ``ValueError`` from us wherever scikit-learn raises one.

With ``threshold=`` the reference is scikit-learn on ``y_pred >= threshold``.
"""

import warnings

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from sklearn import metrics as sk

import skmultimetrics as smm

# --- the metrics and their references ---------------------------------------------


def _one_minus_hamming_loss(*args, **kwargs):
    return 1 - sk.hamming_loss(*args, **kwargs)


# functions of (y_true, y_pred, *, labels, pos_label, average, ...)
SET_METRICS = [
    pytest.param(
        smm.precision_recall_fscore_support,
        sk.precision_recall_fscore_support,
        id="precision_recall_fscore_support",
    ),
    pytest.param(smm.precision_score, sk.precision_score, id="precision_score"),
    pytest.param(smm.recall_score, sk.recall_score, id="recall_score"),
    pytest.param(smm.f1_score, sk.f1_score, id="f1_score"),
    pytest.param(smm.fbeta_score, sk.fbeta_score, id="fbeta_score"),
    pytest.param(smm.jaccard_score, sk.jaccard_score, id="jaccard_score"),
]
ACCURACY_METRICS = [
    pytest.param(
        smm.subset_accuracy_score, sk.accuracy_score, id="subset_accuracy_score"
    ),
    pytest.param(
        smm.hamming_accuracy_score, _one_minus_hamming_loss, id="hamming_accuracy_score"
    ),
]
TAKES_BETA = {smm.precision_recall_fscore_support, smm.fbeta_score}

AVERAGES = [None, "binary", "micro", "macro", "weighted", "samples"]
ZERO_DIVISIONS = ["warn", 0.0, 1.0, np.nan]
BETAS = [0.0, 0.5, 1.0, 2.0, np.inf]


class _Default:
    """A keyword left out of the call, so that the defaults are compared too."""

    def __repr__(self):
        return "DEFAULT"


DEFAULT = _Default()

HYPOTHESIS = settings(max_examples=150, deadline=None, database=None)


# --- comparing with scikit-learn ----------------------------------------------------


def _run(call):
    """The result of ``call()`` (or the ValueError it raised) and its warnings."""
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        try:
            result = call()
        except ValueError as exc:
            result = exc
    return result, [(w.category, str(w.message)) for w in record]


def assert_same_value(actual, expected):
    """Equal floats, arrays, None or tuples of them; NaN equals NaN."""
    if isinstance(expected, tuple):
        assert isinstance(actual, tuple)
        assert len(actual) == len(expected)
        for a, e in zip(actual, expected):
            assert_same_value(a, e)
    elif expected is None:
        assert actual is None
    else:
        assert isinstance(actual, np.ndarray) == isinstance(expected, np.ndarray)
        assert np.shape(actual) == np.shape(expected)
        np.testing.assert_allclose(
            actual, expected, rtol=1e-10, atol=1e-12, equal_nan=True
        )


def assert_same_as_sklearn(ours, theirs):
    """Compare two zero-argument calls: value, warnings, or a ValueError."""
    expected, expected_warnings = _run(theirs)
    if isinstance(expected, ValueError):
        with pytest.raises(ValueError):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                ours()
        return
    actual, actual_warnings = _run(ours)
    if isinstance(actual, ValueError):
        raise AssertionError(
            f"we raise {actual!r}; scikit-learn returns {expected!r}"
        ) from actual
    assert_same_value(actual, expected)
    assert actual_warnings == expected_warnings


def assert_same_call(ours, theirs, *args, **kwargs):
    """Call both metrics with the same arguments and compare."""
    kwargs = {k: v for k, v in kwargs.items() if v is not DEFAULT}
    assert_same_as_sklearn(
        lambda: ours(*args, **kwargs), lambda: theirs(*args, **kwargs)
    )


# --- strategies ----------------------------------------------------------------------

N_SAMPLES = st.integers(1, 30)


def optional(values):
    """One of ``values``, or DEFAULT (as likely as each) to leave the keyword out."""
    return st.sampled_from([DEFAULT, *values])


def indicator(n, c):
    """A (n, c) 0/1 matrix; hypothesis favours near-constant rows and columns."""
    return hnp.arrays(np.int64, (n, c), elements=st.integers(0, 1))


def codes(n, k):
    return hnp.arrays(np.intp, n, elements=st.integers(0, k - 1))


@st.composite
def sample_weights(draw, n):
    """None, positive floats, positive integers, or some (never all) zeros."""
    kind = draw(st.sampled_from(["none", "float", "int", "zeros"]))
    if kind == "none":
        return None
    if kind == "float":
        return draw(hnp.arrays(np.float64, n, elements=st.floats(0.01, 10.0)))
    if kind == "int":
        return draw(hnp.arrays(np.int64, n, elements=st.integers(1, 5)))
    weight = draw(hnp.arrays(np.float64, n, elements=st.sampled_from([0.0, 0.5, 2.0])))
    weight[draw(st.integers(0, n - 1))] = 1.0
    return weight


def subsets(values):
    """A non-empty ordered selection of ``values`` without repeats."""
    return st.lists(st.sampled_from(values), min_size=1, unique=True)


def set_metric_kwargs(labels, pos_label):
    """Keyword arguments shared by the set metrics."""
    return st.fixed_dictionaries(
        {
            "labels": labels,
            "pos_label": pos_label,
            "average": optional(AVERAGES),
            "zero_division": optional(ZERO_DIVISIONS),
        }
    )


BINARY_ENCODINGS = {
    "int": ([0, 1], 2),
    "bool": ([False, True], 2),
    "float": ([0.0, 1.0], 2.0),
    "str": (["neg", "pos"], "other"),
}


@st.composite
def binary_cases(draw):
    """1-D two-class targets (one class may be missing) and set-metric kwargs."""
    n = draw(N_SAMPLES)
    values, absent = BINARY_ENCODINGS[draw(st.sampled_from(sorted(BINARY_ENCODINGS)))]
    y_true = np.array(values)[draw(codes(n, 2))]
    y_pred = np.array(values)[draw(codes(n, 2))]
    kwargs = draw(
        set_metric_kwargs(
            labels=st.none() | subsets([*values, absent]),
            pos_label=optional([*values, absent]),
        )
    )
    return y_true, y_pred, kwargs, draw(sample_weights(n))


@st.composite
def multiclass_cases(draw):
    """1-D targets over 3-6 classes, not all of them present, and kwargs."""
    n = draw(N_SAMPLES)
    k = draw(st.integers(3, 6))
    # k classes the data may use plus two it never uses; large values too
    values = draw(
        st.lists(
            st.integers(-3, 5) | st.integers(10**6, 10**6 + 3),
            min_size=k + 2,
            max_size=k + 2,
            unique=True,
        )
    )
    if draw(st.booleans()):
        values = [float(v) for v in values]
    y_true = np.array(values[:k])[draw(codes(n, k))]
    y_pred = np.array(values[:k])[draw(codes(n, k))]
    kwargs = draw(
        set_metric_kwargs(
            labels=st.none() | subsets(values),
            pos_label=optional(values),
        )
    )
    return y_true, y_pred, kwargs, draw(sample_weights(n))


CONTAINERS = {
    "dense": np.asarray,
    "csr_matrix": sp.csr_matrix,
    "csr_array": sp.csr_array,
}


@st.composite
def multilabel_cases(draw):
    """(n, 2-6) indicator matrices, dense or sparse, and set-metric kwargs."""
    n = draw(N_SAMPLES)
    c = draw(st.integers(2, 6))
    y_true = CONTAINERS[draw(st.sampled_from(sorted(CONTAINERS)))](
        draw(indicator(n, c))
    )
    y_pred = CONTAINERS[draw(st.sampled_from(sorted(CONTAINERS)))](
        draw(indicator(n, c))
    )
    kwargs = draw(
        set_metric_kwargs(
            labels=st.none() | subsets(list(range(c))),
            pos_label=optional([0, 1]),
        )
    )
    return y_true, y_pred, kwargs, draw(sample_weights(n))


# scores on a grid hit the threshold exactly; others fall anywhere
SCORES = st.sampled_from([0.0, 0.25, 0.5, 0.75, 1.0]) | st.floats(-1.0, 2.0)


# --- set metrics -------------------------------------------------------------------


def _check_set_metric(ours, theirs, case, beta):
    y_true, y_pred, kwargs, sample_weight = case
    if ours in TAKES_BETA:
        kwargs = {**kwargs, "beta": beta}
    assert_same_call(
        ours, theirs, y_true, y_pred, sample_weight=sample_weight, **kwargs
    )


@pytest.mark.parametrize(("ours", "theirs"), SET_METRICS)
@HYPOTHESIS
@given(case=binary_cases(), beta=st.sampled_from(BETAS))
def test_set_metric_binary(ours, theirs, case, beta):
    _check_set_metric(ours, theirs, case, beta)


@pytest.mark.parametrize(("ours", "theirs"), SET_METRICS)
@HYPOTHESIS
@given(case=multiclass_cases(), beta=st.sampled_from(BETAS))
def test_set_metric_multiclass(ours, theirs, case, beta):
    _check_set_metric(ours, theirs, case, beta)


@pytest.mark.parametrize(("ours", "theirs"), SET_METRICS)
@HYPOTHESIS
@given(case=multilabel_cases(), beta=st.sampled_from(BETAS))
def test_set_metric_multilabel(ours, theirs, case, beta):
    _check_set_metric(ours, theirs, case, beta)


# --- accuracies ---------------------------------------------------------------------


def _check_accuracy(ours, theirs, case, normalize):
    y_true, y_pred, _, sample_weight = case
    kwargs = {"sample_weight": sample_weight}
    if ours is smm.subset_accuracy_score:
        kwargs["normalize"] = normalize
    assert_same_call(ours, theirs, y_true, y_pred, **kwargs)


@pytest.mark.parametrize(("ours", "theirs"), ACCURACY_METRICS)
@HYPOTHESIS
@given(
    case=binary_cases() | multiclass_cases() | multilabel_cases(),
    normalize=optional([True, False]),
)
def test_accuracy(ours, theirs, case, normalize):
    _check_accuracy(ours, theirs, case, normalize)


# --- threshold= ---------------------------------------------------------------------

ALL_METRICS = SET_METRICS + ACCURACY_METRICS


@st.composite
def multilabel_score_cases(draw):
    """Indicator y_true, scores (dense or CSR) and a scalar or per-label cut-off."""
    n = draw(N_SAMPLES)
    c = draw(st.integers(2, 6))
    y_true = draw(indicator(n, c))
    scores = draw(hnp.arrays(np.float64, (n, c), elements=SCORES))
    threshold = draw(SCORES | hnp.arrays(np.float64, c, elements=SCORES))
    container = CONTAINERS[draw(st.sampled_from(sorted(CONTAINERS)))]
    return y_true, container(scores), threshold, draw(sample_weights(n))


def _metric_kwargs(ours, draw_kwargs):
    """Keyword arguments fitting the metric: set-metric ones, or none."""
    if ours in (smm.subset_accuracy_score, smm.hamming_accuracy_score):
        return {}
    kwargs = dict(draw_kwargs)
    if ours in TAKES_BETA:
        kwargs["beta"] = 2.0
    return kwargs


@pytest.mark.parametrize(("ours", "theirs"), ALL_METRICS)
@HYPOTHESIS
@given(
    case=multilabel_score_cases(),
    kwargs=st.fixed_dictionaries(
        {
            "average": st.sampled_from(["micro", "macro", "weighted", "samples", None]),
            "zero_division": st.sampled_from(ZERO_DIVISIONS),
        }
    ),
)
def test_threshold_multilabel(ours, theirs, case, kwargs):
    y_true, scores, threshold, sample_weight = case
    dense = scores.toarray() if sp.issparse(scores) else scores
    y_pred = (dense >= np.asarray(threshold)).astype(np.int64)
    kwargs = {**_metric_kwargs(ours, kwargs), "sample_weight": sample_weight}
    assert_same_as_sklearn(
        lambda: ours(y_true, scores, threshold=threshold, **kwargs),
        lambda: theirs(y_true, y_pred, **kwargs),
    )


@st.composite
def binary_score_cases(draw, pos_labels=("neg", "pos", 0, 1)):
    """1-D labels, one score per sample, a cut-off, and the class it predicts:
    the greater class at or above the cut-off, whichever class pos_label
    reports (scikit-learn's ``predict_proba[:, 1]`` is that of ``classes_[1]``)."""
    n = draw(N_SAMPLES)
    pos_label = draw(st.sampled_from(pos_labels))
    if isinstance(pos_label, str):
        values = ["neg", "pos"]
        neg_label = values[1 - values.index(pos_label)]
        y_true = np.array(values)[draw(codes(n, 2))]
        # with string labels the negative class is known only from y_true
        y_true[draw(st.integers(0, n - 1))] = neg_label
    else:
        neg_label = 1 - pos_label
        y_true = draw(codes(n, 2))
    scores = draw(hnp.arrays(np.float64, n, elements=SCORES))
    threshold = draw(SCORES)
    lesser, greater = sorted([pos_label, neg_label])
    y_pred = np.where(scores >= threshold, greater, lesser)
    return y_true, scores, threshold, y_pred, pos_label, draw(sample_weights(n))


@pytest.mark.parametrize(("ours", "theirs"), SET_METRICS)
@HYPOTHESIS
@given(
    case=binary_score_cases(),
    kwargs=st.fixed_dictionaries(
        {
            "average": st.sampled_from(["binary", "micro", "macro", "weighted", None]),
            "zero_division": st.sampled_from(ZERO_DIVISIONS),
        }
    ),
)
def test_threshold_binary(ours, theirs, case, kwargs):
    y_true, scores, threshold, y_pred, pos_label, sample_weight = case
    kwargs = {
        **_metric_kwargs(ours, kwargs),
        "pos_label": pos_label,
        "sample_weight": sample_weight,
    }
    assert_same_as_sklearn(
        lambda: ours(y_true, scores, threshold=threshold, **kwargs),
        lambda: theirs(y_true, y_pred, **kwargs),
    )


@pytest.mark.parametrize(("ours", "theirs"), ACCURACY_METRICS)
@HYPOTHESIS
@given(case=binary_score_cases(pos_labels=[1]))  # no pos_label: scores are of 1
def test_threshold_binary_accuracy(ours, theirs, case):
    y_true, scores, threshold, y_pred, _, sample_weight = case
    assert_same_as_sklearn(
        lambda: ours(y_true, scores, threshold=threshold, sample_weight=sample_weight),
        lambda: theirs(y_true, y_pred, sample_weight=sample_weight),
    )


# --- fixed edge cases, every average and zero_division --------------------------------

EDGE_CASES = {
    "single sample binary": ([1], [0]),
    "single sample multiclass": ([2], [2]),
    "all equal binary": ([0, 0, 0], [0, 0, 0]),
    "all equal positive": ([1, 1, 1], [1, 1, 1]),
    "all equal multiclass": ([4, 4, 4, 4], [4, 4, 4, 4]),
    "strings one class": (["neg", "neg"], ["neg", "neg"]),
    "single sample multilabel": ([[0, 1, 0]], [[1, 1, 0]]),
    "multilabel all zero": ([[0, 0], [0, 0]], [[0, 0], [0, 0]]),
    "multilabel all one": ([[1, 1], [1, 1]], [[1, 1], [1, 1]]),
    "multilabel zero rows and columns": (
        [[0, 0, 0], [1, 0, 0], [0, 1, 0]],
        [[0, 0, 0], [1, 0, 1], [0, 0, 0]],
    ),
}


@pytest.mark.parametrize(("ours", "theirs"), SET_METRICS)
@pytest.mark.parametrize("edge", sorted(EDGE_CASES))
def test_edge_cases(ours, theirs, edge):
    y_true, y_pred = (np.array(y) for y in EDGE_CASES[edge])
    betas = BETAS if ours in TAKES_BETA else [DEFAULT]
    for average in AVERAGES:
        for zero_division in ZERO_DIVISIONS:
            for beta in betas:
                assert_same_call(
                    ours,
                    theirs,
                    y_true,
                    y_pred,
                    average=average,
                    zero_division=zero_division,
                    beta=beta,
                )


@pytest.mark.parametrize(("ours", "theirs"), ACCURACY_METRICS)
@pytest.mark.parametrize("edge", sorted(EDGE_CASES))
def test_accuracy_edge_cases(ours, theirs, edge):
    y_true, y_pred = (np.array(y) for y in EDGE_CASES[edge])
    assert_same_call(ours, theirs, y_true, y_pred)


# --- errors -------------------------------------------------------------------------

MULTICLASS = ([0, 1, 2, 2], [0, 2, 1, 2])
MULTILABEL = ([[1, 0, 1], [0, 1, 0]], [[1, 1, 0], [0, 1, 0]])
ERRORS = {
    "binary average on multiclass": (*MULTICLASS, {"average": "binary"}),
    "binary average on multilabel": (*MULTILABEL, {"average": "binary"}),
    "pos_label not among two classes": (
        [0, 1, 1],
        [1, 1, 0],
        {"average": "binary", "pos_label": 2},
    ),
    "string labels, default pos_label": (
        ["neg", "pos"],
        ["pos", "pos"],
        {"average": "binary"},
    ),
    "samples average on binary": ([0, 1, 1], [1, 1, 0], {"average": "samples"}),
    "samples average on multiclass": (*MULTICLASS, {"average": "samples"}),
    "multilabel label too large": (*MULTILABEL, {"average": None, "labels": [0, 3]}),
    "multilabel label negative": (*MULTILABEL, {"average": "macro", "labels": [-1]}),
    "multilabel and multiclass": (MULTILABEL[0], [0, 1], {"average": "micro"}),
    "unknown average": (*MULTICLASS, {"average": "mean"}),
    "bad zero_division": (*MULTICLASS, {"average": "macro", "zero_division": 2.0}),
    "different lengths": ([0, 1, 1], [0, 1], {}),
}


@pytest.mark.parametrize(("ours", "theirs"), SET_METRICS)
@pytest.mark.parametrize("error", sorted(ERRORS))
def test_errors(ours, theirs, error):
    y_true, y_pred, kwargs = ERRORS[error]
    if ours in TAKES_BETA:
        kwargs = {**kwargs, "beta": 1.0}
    with pytest.raises(ValueError):
        theirs(y_true, y_pred, **kwargs)
    with pytest.raises(ValueError):
        ours(y_true, y_pred, **kwargs)


def test_jaccard_zero_division_nan():
    with pytest.raises(ValueError):
        sk.jaccard_score([0, 1], [1, 1], zero_division=np.nan)
    with pytest.raises(ValueError):
        smm.jaccard_score([0, 1], [1, 1], zero_division=np.nan)


@pytest.mark.parametrize("beta", [-1.0, np.nan])
def test_bad_beta(beta):
    for f in (sk.fbeta_score, smm.fbeta_score):
        with pytest.raises(ValueError):
            f([0, 1], [1, 1], beta=beta)
