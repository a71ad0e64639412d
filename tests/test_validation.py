"""Bad input gets a clear ValueError or TypeError naming the argument."""

from functools import partial

import numpy as np
import pytest
import scipy.sparse as sp

import skmultimetrics as smm

from registry import PUBLIC_SET_FUNCTIONS, func_name

Y = np.array([[1, 0, 1], [0, 1, 0], [1, 1, 0], [0, 0, 0]])
S = np.array([[0.9, 0.2, 0.6], [0.1, 0.8, 0.3], [0.7, 0.6, 0.2], [0.3, 0.1, 0.4]])

funcs = pytest.mark.parametrize(
    "f", PUBLIC_SET_FUNCTIONS, ids=[func_name(f) for f in PUBLIC_SET_FUNCTIONS]
)


def call(f, *args, **kwargs):
    # the set metrics that average default to 'binary'; use a multi-label average
    name = func_name(f)
    if name not in ("subset_accuracy_score", "hamming_accuracy_score"):
        kwargs.setdefault("average", "micro")
    return f(*args, **kwargs)


@funcs
@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_non_finite_scores(f, bad):
    scores = S.copy()
    scores[1, 2] = bad
    with pytest.raises(ValueError, match=r"y_pred of .*(NaN|infinity)"):
        call(f, Y, scores, threshold=0.5)
    with pytest.raises(ValueError, match=r"y_pred of .*(NaN|infinity)"):
        call(f, Y, sp.csr_array(scores), threshold=0.5)


@funcs
def test_sample_count_mismatch(f):
    with pytest.raises(ValueError, match="different numbers of samples: 4 and 3"):
        call(f, Y, Y[:3])
    with pytest.raises(ValueError, match="different numbers of samples"):
        call(f, Y, S[:3], threshold=0.5)


@funcs
def test_label_count_mismatch(f):
    with pytest.raises(ValueError, match="different numbers of labels: 3 and 2"):
        call(f, Y, Y[:, :2])


@funcs
@pytest.mark.parametrize("which", ["y_true", "y_pred"])
def test_non_binary_indicator(f, which):
    bad = Y.copy()
    bad[0, 0] = 2
    args = (bad, Y) if which == "y_true" else (Y, bad)
    with pytest.raises(ValueError, match=f"{which} of .* binary label-indicator"):
        call(f, *args)
    with pytest.raises(ValueError, match=f"{which} of .* binary label-indicator"):
        call(f, *(sp.csr_array(a) for a in args))


@funcs
def test_scores_without_threshold_are_rejected(f):
    with pytest.raises(ValueError, match="pass threshold="):
        call(f, Y, S)


@funcs
def test_empty_input(f):
    with pytest.raises(ValueError, match=r"y_true of .* is empty"):
        call(f, np.zeros((0, 3)), np.zeros((0, 3)))
    with pytest.raises(ValueError, match="empty"):
        call(f, [], [])


@funcs
@pytest.mark.parametrize("threshold", [[0.5, 0.5], np.ones((3, 1)), [0.5] * 4])
def test_wrong_length_threshold(f, threshold):
    with pytest.raises(ValueError, match=r"'threshold' parameter .* shape \(3,\)"):
        call(f, Y, S, threshold=threshold)


@funcs
def test_bad_threshold_values(f):
    with pytest.raises(ValueError, match=r"'threshold' .* NaN"):
        call(f, Y, S, threshold=np.nan)
    with pytest.raises(TypeError, match="'threshold'"):
        call(f, Y, S, threshold="high")


@funcs
@pytest.mark.parametrize(
    "weight, match",
    [
        ([1.0, 2.0], r"'sample_weight' .* shape \(4,\)"),
        ([1.0, np.nan, 1.0, 1.0], "'sample_weight' .* NaN"),
        ([0.0, 0.0, 0.0, 0.0], "'sample_weight' .* non-zero"),
        (np.ones((4, 1)), r"'sample_weight' .* shape \(4,\)"),
    ],
)
def test_bad_sample_weight(f, weight, match):
    with pytest.raises(ValueError, match=match):
        call(f, Y, Y, sample_weight=weight)


@funcs
def test_mixed_target_kinds(f):
    with pytest.raises(ValueError, match="mix of targets"):
        call(f, Y, [0, 1, 1, 0])


@funcs
def test_wrong_input_types(f):
    with pytest.raises(TypeError, match=r"y_true of .* array-like"):
        call(f, object(), Y)


@pytest.mark.parametrize(
    "f",
    [
        smm.precision_score,
        smm.recall_score,
        smm.f1_score,
        partial(smm.fbeta_score, beta=2),
        smm.jaccard_score,
        smm.precision_recall_fscore_support,
    ],
)
def test_bad_average_and_zero_division(f):
    with pytest.raises(ValueError, match=r"'average' parameter .* got 'mean'"):
        f(Y, Y, average="mean")
    with pytest.raises(ValueError, match="'zero_division' parameter"):
        f(Y, Y, average="micro", zero_division=0.5)
    with pytest.raises(ValueError, match="average='binary'"):
        f(Y, Y, average="binary")
    with pytest.raises(ValueError, match="Samplewise metrics"):
        f([0, 1, 2], [0, 1, 1], average="samples")
    with pytest.raises(ValueError, match="All labels must be in"):
        f(Y, Y, average="macro", labels=[0, 3])


def test_bad_beta_and_normalize():
    with pytest.raises(ValueError, match="'beta' parameter"):
        smm.fbeta_score(Y, Y, beta=-1, average="micro")
    with pytest.raises(TypeError, match="'normalize' parameter"):
        smm.subset_accuracy_score(Y, Y, normalize="yes")


def test_continuous_labels_are_rejected():
    with pytest.raises(ValueError, match="continuous values"):
        smm.f1_score([0, 1, 1], [0.2, 0.7, 0.9])


def test_string_and_number_labels_do_not_mix():
    with pytest.raises(ValueError, match="mix string and number"):
        smm.subset_accuracy_score(["a", "b"], [0, 1])


def test_threshold_on_binary_one_dimensional_targets():
    y = ["neg", "pos", "pos", "neg"]
    scores = [0.2, 0.8, 0.4, 0.6]
    assert smm.precision_score(y, scores, pos_label="pos", threshold=0.5) == 0.5
    assert smm.recall_score([0, 1, 1, 0], scores, threshold=0.3) == 1.0
    with pytest.raises(ValueError, match="multiclass"):
        smm.f1_score([0, 1, 2], [0.1, 0.5, 0.9], average="macro", threshold=0.5)
    with pytest.raises(ValueError, match="pos_label='yes' is not a valid label"):
        smm.f1_score(y, scores, pos_label="yes", threshold=0.5)


@pytest.mark.parametrize(
    "y_true, y_pred",
    [
        ([0, 1, 2, 2], [0, 2, 1, 2]),  # contiguous codes
        ([-3, 5, 5, 9], [5, -3, 5, 100]),  # gaps and negatives: lookup table
        ([0, 10**9, 5, 5], [5, 0, 10**9, 5]),  # wide range: sorted unique
        (np.array([1, 2, 2, 3], np.uint8), np.array([3, 2, 1, 2], np.int64)),
        (["b", "a", "c", "a"], ["a", "a", "c", "b"]),
        ([True, False, True, True], [True, True, False, True]),
    ],
)
def test_label_encoding_paths_agree_with_scikit_learn(y_true, y_pred):
    from sklearn import metrics as sk

    for average in ("micro", "macro", "weighted", None):
        np.testing.assert_allclose(
            smm.f1_score(y_true, y_pred, average=average, zero_division=0),
            sk.f1_score(y_true, y_pred, average=average, zero_division=0),
        )
    assert smm.subset_accuracy_score(y_true, y_pred) == sk.accuracy_score(
        y_true, y_pred
    )


def test_threshold_with_string_labels():
    y = np.array(["pos", "pos"])
    # default pos_label=1 is not a class of string labels: a clear error
    with pytest.raises(ValueError, match="pos_label=1 is not a valid label"):
        smm.precision_score(y, [0.2, 0.7], threshold=0.5)
    with pytest.raises(ValueError, match=r"negative class .* is unknown"):
        smm.precision_score(y, [0.2, 0.7], threshold=0.5, pos_label="pos")
    # accuracies have no pos_label: the greater class is the positive one
    y = np.array(["neg", "pos", "pos", "neg"])
    scores = [0.2, 0.8, 0.4, 0.6]
    assert smm.subset_accuracy_score(y, scores, threshold=0.5) == 0.5
    assert smm.hamming_accuracy_score(y, scores, threshold=0.3) == 0.75
    assert smm.subset_accuracy_score([1, 1], [0.2, 0.7], threshold=0.5) == 0.5
