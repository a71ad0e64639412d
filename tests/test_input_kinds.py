"""Input kinds that once gave a plausible wrong number or a crash (issue 20):
each is scikit-learn's value, or an error naming the argument where
scikit-learn raises or a number would be a guess."""

import warnings
from functools import partial

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
from sklearn import metrics as sk

import skmultimetrics as smm

# 1-D set metrics with scikit-learn's counterpart, called on (y_true, y_pred, **kw)
BINARY_PAIRS = {
    "subset_accuracy": (smm.subset_accuracy_score, sk.accuracy_score),
    "hamming_accuracy": (
        smm.hamming_accuracy_score,
        lambda *a, **k: 1 - sk.hamming_loss(*a, **k),
    ),
    "precision": (smm.precision_score, sk.precision_score),
    "recall": (smm.recall_score, sk.recall_score),
    "f1": (smm.f1_score, sk.f1_score),
    "f2": (partial(smm.fbeta_score, beta=2), partial(sk.fbeta_score, beta=2)),
    "jaccard": (smm.jaccard_score, sk.jaccard_score),
}
ACCURACIES = ("subset_accuracy", "hamming_accuracy")
pairs = pytest.mark.parametrize("name", sorted(BINARY_PAIRS))


def macro(name):
    return {} if name in ACCURACIES else {"average": "macro"}


def objects(values):
    return np.array(values, dtype=object)


# --- labels -------------------------------------------------------------------


@pairs
def test_string_and_number_labels_are_not_merged(name):
    ours, theirs = BINARY_PAIRS[name]
    y_true, y_pred = objects([1, "1", 2]), objects(["1", 1, 2])
    with pytest.raises(TypeError):  # scikit-learn can't sort them
        theirs(y_true, y_pred, **macro(name))
    with pytest.raises(ValueError, match=r"y_true of .*Mix of label input types"):
        ours(y_true, y_pred, **macro(name))
    with pytest.raises(ValueError, match=r"y_pred of .*Mix of label input types"):
        ours(objects([1, 1, 2]), y_pred, **macro(name))


MISSING = {
    "None": objects(["a", None, "b", "a"]),
    "NaN": objects(["a", np.nan, "b", "a"]),
    "pd.NA": objects(["a", pd.NA, "b", "a"]),
    "categorical NaN": pd.Series(["a", None, "b", "a"], dtype="category"),
    "string NA": pd.Series(["a", None, "b", "a"], dtype="string"),
    "Int64 NA": pd.Series([0, None, 1, 0], dtype="Int64"),
    "number None": objects([0, None, 1, 0]),
    "float NaN": np.array([0.0, np.nan, 1.0, 0.0]),
}


@pairs
@pytest.mark.parametrize("kind", sorted(MISSING))
@pytest.mark.parametrize("which", ["y_true", "y_pred"])
def test_missing_labels_raise(name, kind, which):
    ours = BINARY_PAIRS[name][0]
    y = MISSING[kind]
    other = np.array(["a", "b", "b", "a"] if kind in MISSING_STRINGS else [0, 1, 1, 0])
    args = (y, other) if which == "y_true" else (other, y)
    with pytest.raises(ValueError, match=f"{which} of .* contains missing values"):
        ours(*args, **macro(name))


MISSING_STRINGS = ("None", "NaN", "pd.NA", "categorical NaN", "string NA")


def test_missing_labels_raise_in_the_ranking_and_curve_metrics():
    y = objects([0, None, 1, 1])
    scores = np.array([0.1, 0.4, 0.35, 0.8])
    for func in (smm.roc_auc_score, smm.average_precision_score):
        with pytest.raises(ValueError, match=r"y_true of .* contains missing values"):
            func(y, scores)
    with pytest.raises(ValueError, match=r"y_true of .* contains missing values"):
        smm.top_k_accuracy_score(y, np.column_stack([1 - scores, scores]), k=1)


def test_pandas_nullable_inputs_without_missing_values_are_read():
    y_true = [0, 1, 1, 0, 1]
    y_pred = [0, 1, 0, 0, 1]
    scores = [0.1, 0.8, 0.3, 0.2, 0.6]
    assert smm.f1_score(
        pd.Series(y_true, dtype="Int64"), pd.Series(y_pred, dtype="Int64")
    ) == sk.f1_score(y_true, y_pred)
    assert smm.f1_score(
        pd.Series(y_true, dtype="boolean"), pd.Series(y_pred, dtype="boolean")
    ) == sk.f1_score(np.array(y_true, bool), np.array(y_pred, bool))
    float64 = pd.Series(scores, dtype="Float64")
    assert smm.roc_auc_score(y_true, float64) == sk.roc_auc_score(y_true, scores)
    # a DataFrame of nullable floats once read as objects: "must hold numbers"
    Y = np.array([[1, 0], [0, 1], [1, 1], [0, 0], [1, 0]])
    S = pd.DataFrame(np.column_stack([scores, scores[::-1]])).astype("Float64")
    assert smm.roc_auc_score(Y, S) == pytest.approx(
        sk.roc_auc_score(Y, S.to_numpy(float))
    )
    assert smm.f1_score(Y, S, threshold=0.5, average="micro") == sk.f1_score(
        Y, (S.to_numpy(float) >= 0.5).astype(int), average="micro"
    )
    with pytest.raises(ValueError, match=r"y_score of .* contains missing values"):
        missing = pd.Series([0.1, None, 0.3, 0.2, 0.6], dtype="Float64")
        smm.roc_auc_score(y_true, missing)
    with pytest.raises(ValueError, match=r"y_pred of .* contains missing values"):
        smm.f1_score(Y, S.where(S > 0.15), threshold=0.5, average="micro")


BIG = 2**53


@pairs
@pytest.mark.parametrize(
    "y_true, y_pred",
    [
        # float64 would read 2**53 + 1 as 2**53
        (np.array([BIG, BIG + 1, BIG]), np.array([BIG + 1, BIG + 1, BIG])),
        # uint64 above int64's maximum, close together (once an OverflowError)
        (
            np.array([2**63, 2**63 + 1, 2**63], np.uint64),
            np.array([2**63 + 1, 2**63 + 1, 2**63], np.uint64),
        ),
    ],
)
def test_large_integer_labels_of_one_type_are_compared_exactly(name, y_true, y_pred):
    ours, theirs = BINARY_PAIRS[name]
    assert ours(y_true, y_pred, **macro(name)) == pytest.approx(
        theirs(y_true, y_pred, **macro(name))
    )
    # the reference on labels re-coded by hand: positions in the sorted union
    as_ints = [np.asarray(y, dtype=object).tolist() for y in (y_true, y_pred)]
    union = sorted(set(as_ints[0]) | set(as_ints[1]))
    codes = [np.array([union.index(v) for v in y]) for y in as_ints]
    assert ours(y_true, y_pred, **macro(name)) == pytest.approx(
        theirs(*codes, **macro(name))
    )


@pytest.mark.parametrize(
    "y_true, y_pred",
    [
        # float64 reads 2**53 + 1 as 2**53 (scikit-learn: 1.0, a wrong number)
        (np.array([BIG + 1, 0]), np.array([float(BIG), 0.0])),
        # int64 with uint64: NumPy's common type is float64
        (np.array([BIG, BIG + 1, BIG]), np.array([BIG + 1, BIG + 1, BIG], np.uint64)),
        # Python ints beyond int64 in a list: NumPy reads them as float64
        ([2**63 + 1, 2**63, 5], [2**63, 2**63, 5]),
        ([-1, 2**63 + 1, 5], np.array([2**64 - 1, 5, 5], np.uint64)),
    ],
)
def test_large_integer_labels_compared_as_floats_raise(y_true, y_pred):
    # integers beyond 2**53 that only float64 holds together are refused, not
    # merged with their neighbours (no exact handling of mixed integer types)
    for func in (smm.subset_accuracy_score, smm.f1_score):
        with pytest.raises(ValueError, match=r"beyond 2\*\*53"):
            func(y_true, y_pred)


def test_integer_scores_beyond_float64_precision_raise():
    scores = np.array([BIG, BIG + 1, BIG + 1, BIG + 2])
    y = [0, 1, 0, 1]
    for func in (smm.roc_auc_score, smm.average_precision_score):
        with pytest.raises(ValueError, match=r"y_score of .* beyond 2\*\*53"):
            func(y, scores)
    # the same order as floats of small magnitude is scored as scikit-learn does
    small = (scores - BIG).astype(np.int64)
    assert smm.roc_auc_score(y, small) == sk.roc_auc_score(y, small) == 0.875


# --- weights ------------------------------------------------------------------

Y1, P1 = [0, 1, 1, 0], [0, 1, 0, 0]
S1 = np.array([0.1, 0.8, 0.3, 0.2])
S2 = np.column_stack([1 - S1, S1])
CANCELLING = [1.0, -1.0, 0.0, 0.0]  # not all zero, but summing to zero


def test_weights_summing_to_zero_raise_where_the_metric_divides_by_them():
    with pytest.raises(ZeroDivisionError):
        sk.accuracy_score(Y1, P1, sample_weight=CANCELLING)
    with pytest.raises(ZeroDivisionError):
        sk.hamming_loss(Y1, P1, sample_weight=CANCELLING)
    with pytest.raises(ZeroDivisionError):
        sk.top_k_accuracy_score(Y1, S1, k=1, sample_weight=CANCELLING)
    match = "sample_weight' parameter of .* sums to zero"
    with pytest.raises(ValueError, match=match):
        smm.subset_accuracy_score(Y1, P1, sample_weight=CANCELLING)
    with pytest.raises(ValueError, match=match):
        smm.hamming_accuracy_score(Y1, P1, sample_weight=CANCELLING)
    with pytest.raises(ValueError, match=match):
        smm.top_k_accuracy_score(Y1, S2, k=1, sample_weight=CANCELLING)
    # counts are defined: scikit-learn's values
    for w in (CANCELLING, [0.0, 0.0, 0.0, 0.0]):
        assert smm.top_k_accuracy_score(
            Y1, S2, k=1, normalize=False, sample_weight=w
        ) == sk.top_k_accuracy_score(Y1, S1, k=1, normalize=False, sample_weight=w)
    assert smm.subset_accuracy_score(
        Y1, P1, normalize=False, sample_weight=CANCELLING
    ) == sk.accuracy_score(Y1, P1, normalize=False, sample_weight=CANCELLING)


@pytest.mark.parametrize("bad", [np.nan, np.inf])
def test_non_finite_weights_raise_in_top_k_accuracy(bad):
    # scikit-learn returns NaN (or inf for the count) without a word
    weight = [1.0, bad, 1.0, 1.0]
    for normalize in (True, False):
        with pytest.raises(ValueError, match=r"sample_weight' parameter of .*NaN"):
            smm.top_k_accuracy_score(
                Y1, S2, k=1, normalize=normalize, sample_weight=weight
            )


def test_negative_weights():
    weight = [1.0, -1.0, 1.0, 1.0]
    # where the number is a weighted count, scikit-learn's value
    for name, (ours, theirs) in BINARY_PAIRS.items():
        assert ours(Y1, P1, sample_weight=weight) == pytest.approx(
            theirs(Y1, P1, sample_weight=weight)
        ), name
    # a curve needs counts that grow with the cut-off
    for func in (smm.roc_auc_score, smm.average_precision_score):
        with pytest.raises(ValueError, match=r"sample_weight' parameter of .*negative"):
            func(Y1, S1, sample_weight=weight)


def test_complex_inputs_raise_naming_the_argument():
    weight = np.array([1 + 1j, 1, 1, 1])
    for func in (smm.subset_accuracy_score, smm.f1_score):
        with pytest.raises(TypeError, match=r"sample_weight of .* complex"):
            func(Y1, P1, sample_weight=weight)
    with pytest.raises(TypeError, match=r"sample_weight of .* complex"):
        smm.top_k_accuracy_score(Y1, S2, k=1, sample_weight=weight)
    with pytest.raises(TypeError, match=r"sample_weight of .* complex"):
        smm.roc_auc_score(Y1, S1, sample_weight=weight)
    with pytest.raises(TypeError, match=r"y_score of .* complex"):
        smm.roc_auc_score(Y1, S1 + 0j)
    with pytest.raises(TypeError, match=r"y_true of .* complex"):
        smm.f1_score(np.array(Y1) + 0j, P1)


# --- which class a binary score belongs to --------------------------------------

CLASS_PAIRS = [(1, 2), (-1, 1), (0, 2), ("a", "b"), (False, True), (0, 1)]


@pairs
@pytest.mark.parametrize("classes", CLASS_PAIRS, ids=str)
@pytest.mark.parametrize("proba", [False, True], ids=["scores", "predict_proba"])
def test_threshold_predicts_the_greater_class(name, classes, proba):
    lesser, greater = classes
    y_true = np.array([lesser, greater, greater, lesser, greater])
    scores = np.array([0.2, 0.9, 0.4, 0.6, 0.7])
    y_pred = np.where(scores >= 0.5, greater, lesser)  # the score is P(greater)
    given = np.column_stack([1 - scores, scores]) if proba else scores
    ours, theirs = BINARY_PAIRS[name]
    reported = [None] if name in ACCURACIES else [lesser, greater]
    for pos_label in reported:  # pos_label says which class is reported
        kw = {} if pos_label is None else {"pos_label": pos_label}
        assert ours(y_true, given, threshold=0.5, **kw) == pytest.approx(
            theirs(y_true, y_pred, **kw)
        )
    # the curve metrics read the same score as the greater class's
    if name == "f1":
        assert smm.roc_auc_score(y_true, given) == pytest.approx(
            sk.roc_auc_score(y_true, scores)
        )


def test_threshold_messages_of_the_accuracies_name_no_pos_label():
    for func in (smm.subset_accuracy_score, smm.hamming_accuracy_score):
        # {0, 2}: pos_label=1 was assumed and refused
        assert func([0, 2, 2], [0.1, 0.9, 0.4], threshold=0.5) == pytest.approx(2 / 3)
        with pytest.raises(ValueError, match="single class 2") as info:
            func([2, 2], [0.1, 0.9], threshold=0.5)
        assert "pos_label" not in str(info.value)


# --- arguments ------------------------------------------------------------------


def test_float_column_indices_for_labels():
    Y = np.array([[1, 0, 1], [0, 1, 0], [1, 1, 0]])
    P = np.array([[1, 0, 0], [0, 1, 1], [1, 1, 0]])
    for func in (smm.f1_score, smm.precision_score, smm.jaccard_score):
        assert func(Y, P, labels=[1.0, 2.0], average="macro") == func(
            Y, P, labels=[1, 2], average="macro"
        )
        assert func(Y, P, labels=[1.0, 2.0], average="macro") == pytest.approx(
            getattr(sk, func.__name__)(Y, P, labels=[1, 2], average="macro")
        )
        with pytest.raises(ValueError, match=r"'labels' parameter of .*column indices"):
            func(Y, P, labels=[1.5], average="macro")


@pytest.mark.parametrize("threshold", [True, np.bool_(False), [True, False, True]])
def test_booleans_are_not_cut_offs(threshold):
    Y = np.array([[1, 0, 1], [0, 1, 0], [1, 1, 0]])
    S = np.array([[0.9, 0.2, 0.6], [0.1, 0.8, 0.3], [0.7, 0.6, 0.2]])
    with pytest.raises(TypeError, match="'threshold' parameter of f1_score"):
        smm.f1_score(Y, S, threshold=threshold, average="micro")
    # multiclass scores: one threshold per class
    with pytest.raises(TypeError, match="'threshold' parameter of f1_score"):
        smm.f1_score([0, 1, 2], S, threshold=threshold, average="macro")
    if np.ndim(threshold) == 0:
        with pytest.raises(TypeError, match="'threshold' parameter of f1_score"):
            smm.f1_score([0, 1, 1], S[:, 0], threshold=threshold)


def test_scorer_message_names_no_private_class():
    rng = np.random.default_rng(0)
    Y = (rng.random((30, 3)) < 0.4).astype(int)
    with pytest.raises(TypeError, match="needs scores") as info:
        smm.optimize_thresholds(
            Y, rng.random((30, 3)), scoring=smm.get_scorer("precision_at_2")
        )
    assert "_Predictions" not in str(info.value)


# --- 0-d arrays: an error naming the argument, in every public function ----------

Y = np.array([[1, 0, 1], [0, 1, 0], [1, 1, 0], [0, 0, 1]])
S = np.array([[0.9, 0.2, 0.6], [0.1, 0.8, 0.3], [0.7, 0.6, 0.2], [0.3, 0.1, 0.4]])
EXTRA = {
    "fbeta_score": {"beta": 2},
    "precision_at_recall_score": {"min_recall": 0.5},
    "recall_at_precision_score": {"min_precision": 0.5},
    "sensitivity_at_specificity_score": {"min_specificity": 0.5},
    "specificity_at_sensitivity_score": {"min_sensitivity": 0.5},
    "operating_points": {"maximize": "recall", "subject_to": ("precision", 0.5)},
}
TAKES_SCORES = [
    name
    for name in smm.__all__
    if name.endswith("_score")
    or name in ("operating_points", "threshold_sweep", "optimize_thresholds")
    or name in ("precision_recall_fscore_support", "multilabel_report")
]


def _call(name, y_true, second, **kw):
    func = getattr(smm, name)
    kw = {**EXTRA.get(name, {}), **kw}
    import inspect

    params = inspect.signature(func).parameters
    if "y_pred" in params and "threshold" not in kw:
        second = second if np.ndim(second) == 0 else (second >= 0.5).astype(int)
    if "average" in params and params["average"].default == "binary":
        kw.setdefault("average", "micro")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return func(y_true, second, **kw)


@pytest.mark.parametrize("name", TAKES_SCORES)
@pytest.mark.parametrize("which", ["y_true", "second", "sample_weight"])
def test_zero_dimensional_arrays_raise_naming_the_argument(name, which):
    import inspect

    params = inspect.signature(getattr(smm, name)).parameters
    if which == "sample_weight" and "sample_weight" not in params:
        pytest.skip("no sample_weight")
    zero_d = np.array(1)
    y_true, second, kw = Y, S, {}
    if which == "y_true":
        y_true = zero_d
        argument = "y_true"
    elif which == "second":
        second = zero_d
        argument = "y_pred" if "y_pred" in params else "y_score"
    else:
        kw["sample_weight"] = zero_d
        argument = "sample_weight"
    with pytest.raises(ValueError, match=argument):
        _call(name, y_true, second, **kw)


def test_missing_class_indices_of_a_stream_batch():
    acc = smm.MetricAccumulator(["f1_macro"])
    with pytest.raises(ValueError, match=r"y_true of .* contains missing values"):
        acc.update(np.array([0.0, np.nan]), np.array([[0.2, 0.8], [0.6, 0.4]]))


def test_booleans_with_other_bytes_count_as_the_booleans_they_mean():
    y = np.array([[1, 0], [1, 1], [1, 1], [0, 0]])
    s = np.array([[0.9, 0.1], [0.2, 0.8], [0.7, 0.6], [0.3, 0.4]])
    crafted = np.array([[1, 0], [2, 1], [1, 1], [0, 0]], dtype=np.uint8).view(bool)
    before = crafted.view(np.uint8).copy()
    cases = [
        lambda t: smm.recall_at_k_score(t, s, k=1, zero_division=0.0),
        lambda t: smm.f1_score(t, s, threshold=0.5, average="macro"),
        lambda t: smm.f1_score(t, s >= 0.5, average="micro"),
        lambda t: smm.subset_accuracy_score(t, s, threshold=0.5),
        lambda t: smm.roc_auc_score(t, s),
        lambda t: (
            smm.MetricAccumulator(["f1_macro", "recall_at_1"]).update(t, s).result()
        ),
    ]
    for case in cases:
        assert case(crafted) == case(y)
    np.testing.assert_array_equal(crafted.view(np.uint8), before)  # unchanged


def test_sparse_scores_stored_twice_add_up_as_in_toarray():
    scores = sp.csr_array(([0.3, 0.3, 0.5, 0.9], [0, 0, 1, 0], [0, 3, 4]), shape=(2, 3))
    y = [[0, 1, 0], [1, 0, 0]]
    dense = scores.toarray()
    assert smm.precision_at_k_score(y, scores, k=1) == smm.precision_at_k_score(
        y, dense, k=1
    )
    for cut in (0.55, 0.4):
        assert smm.f1_score(y, scores, threshold=cut, average="micro") == (
            smm.f1_score(y, dense, threshold=cut, average="micro")
        )
    assert not scores.has_canonical_format  # the caller's matrix is not changed


def test_series_cut_offs_by_name_never_land_on_another_label():
    pd = pytest.importorskip("pandas")
    from sklearn import metrics as sk

    rng = np.random.default_rng(1)
    Y, S = rng.integers(0, 2, (30, 4)), rng.random((30, 4)).round(1)
    t = np.array([0.2, 0.5, 0.7, 0.9])
    want = sk.f1_score(Y, S >= t, average=None)
    truth, scores = (
        pd.DataFrame(Y, columns=list("abcd")),
        pd.DataFrame(S, columns=list("abcd")),
    )
    by_name = pd.Series(t, index=list("abcd"))
    # the Series in any order: by name
    got = smm.f1_score(truth, scores, threshold=by_name[::-1], average=None)
    np.testing.assert_allclose(got, want)
    # scores whose columns are in another order than y_true's: refused
    with pytest.raises(ValueError, match="different columns"):
        smm.f1_score(truth, scores[list("dcba")], threshold=by_name, average=None)
    # integer column names in another order: a 0, 1, ... index is read by name
    cols = [3, 2, 1, 0]
    got = smm.f1_score(
        pd.DataFrame(Y)[cols],
        pd.DataFrame(S)[cols],
        threshold=pd.Series(t),
        average=None,
    )
    np.testing.assert_allclose(
        got, sk.f1_score(Y[:, cols], (S >= t)[:, cols], average=None)
    )
    # the stream: aligned by name, and a batch that reorders its columns refused
    acc = smm.MetricAccumulator(["f1_macro"], threshold=by_name[::-1])
    acc.update(truth[:15], scores[:15]).update(truth[15:], scores[15:])
    assert acc.result()["f1_macro"] == pytest.approx(want.mean())
    with pytest.raises(ValueError, match="same columns"):
        acc.update(truth[list("dcba")], scores[list("dcba")])
    with pytest.raises(ValueError, match="different columns"):
        smm.multilabel_report(truth, scores[list("dcba")], thresholds=by_name)
