"""threshold="argmax": one-hot (Keras) multiclass truth scored as one class per
sample, equal to scikit-learn on argmax(y_true) against argmax(y_score); and the
warning when one-hot truth meets softmax rows under a numeric cut-off."""

import pickle
import warnings
from functools import partial

import numpy as np
import pytest
import scipy.sparse as sp
from sklearn import metrics as sk

import skmultimetrics as smm

AVERAGED = {
    "f1": (smm.f1_score, sk.f1_score),
    "precision": (smm.precision_score, sk.precision_score),
    "recall": (smm.recall_score, sk.recall_score),
    "jaccard": (smm.jaccard_score, sk.jaccard_score),
    "f2": (partial(smm.fbeta_score, beta=2), partial(sk.fbeta_score, beta=2)),
}


def _softmax_problem(seed, n=120, n_classes=5, missing=False, ties=False):
    rng = np.random.default_rng(seed)
    high = n_classes - 1 if missing else n_classes
    y = rng.integers(0, high, n)
    logits = rng.normal(size=(n, n_classes)) + 1.5 * np.eye(n_classes)[y]
    if missing:
        logits[:, -1] = -np.inf  # the last class is never true nor predicted
    if ties:
        logits = np.round(logits)
    proba = np.exp(logits - logits.max(axis=1, keepdims=True))
    proba /= proba.sum(axis=1, keepdims=True)
    onehot = np.eye(n_classes, dtype=np.int64)[y]
    weight = rng.integers(0, 4, n).astype(float)
    return y, onehot, proba, weight


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("average", ["macro", "micro", "weighted"])
def test_argmax_equals_scikit_learn_on_class_indices(seed, average):
    y, onehot, proba, weight = _softmax_problem(
        seed, missing=seed % 3 == 1, ties=seed % 4 == 2
    )
    expected_pred = np.argmax(proba, axis=1)
    for ours, theirs in AVERAGED.values():
        # 1-D labels missing a class: class indices name the columns
        for truth in (onehot, y):
            for w in (None, weight):
                got = ours(
                    truth,
                    proba,
                    threshold="argmax",
                    average=average,
                    sample_weight=w,
                    zero_division=0.0,
                )
                want = theirs(
                    y,
                    expected_pred,
                    average=average,
                    sample_weight=w,
                    zero_division=0.0,
                )
                assert got == pytest.approx(want, rel=1e-12, abs=1e-15)
    for w in (None, weight):
        want = sk.accuracy_score(y, expected_pred, sample_weight=w)
        got = smm.subset_accuracy_score(
            onehot, proba, threshold="argmax", sample_weight=w
        )
        assert got == pytest.approx(want, rel=1e-12)
        got = smm.hamming_accuracy_score(
            onehot, proba, threshold="argmax", sample_weight=w
        )
        assert got == pytest.approx(
            1 - sk.hamming_loss(y, expected_pred, sample_weight=w)
        )


def test_argmax_per_class_arrays_and_support():
    y, onehot, proba, _ = _softmax_problem(3)
    got = smm.precision_recall_fscore_support(
        onehot, proba, threshold="argmax", average=None, zero_division=0.0
    )
    want = sk.precision_recall_fscore_support(
        y, proba.argmax(axis=1), average=None, zero_division=0.0
    )
    for a, b in zip(got, want):
        np.testing.assert_allclose(a, b, rtol=1e-12)


def test_argmax_with_1d_labels_missing_a_class_reads_class_indices():
    # was refused (issue 28): class indices 0 .. C-1 name the columns, as in
    # MetricAccumulator; labels that are no class indices still need labels=
    y, _, proba, _ = _softmax_problem(1, missing=True)
    want = sk.f1_score(y, proba.argmax(axis=1), average="macro")
    assert smm.f1_score(y, proba, threshold="argmax", average="macro") == want
    with pytest.raises(ValueError, match="one score column per class"):
        smm.f1_score(y + 10, proba, threshold="argmax", average="macro")


def test_argmax_two_classes_is_binary_of_class_one():
    y, onehot, proba, _ = _softmax_problem(4, n_classes=2)
    pred = proba.argmax(axis=1)
    assert smm.f1_score(onehot, proba, threshold="argmax") == pytest.approx(
        sk.f1_score(y, pred)
    )
    assert smm.f1_score(y, proba, threshold="argmax") == pytest.approx(
        sk.f1_score(y, pred)
    )


def test_argmax_sparse_and_dataframe_inputs():
    pd = pytest.importorskip("pandas")
    y, onehot, proba, _ = _softmax_problem(5)
    want = sk.f1_score(y, proba.argmax(axis=1), average="macro")
    frame = pd.DataFrame(onehot, columns=list("abcde"))
    for truth, scores in [
        (sp.csr_array(onehot), proba),
        (sp.csr_matrix(onehot), sp.csr_array(proba)),
        (frame, pd.DataFrame(proba, columns=list("abcde"))),
        (onehot.tolist(), proba.tolist()),
        (onehot.astype(bool), proba.astype(np.float32)),
    ]:
        got = smm.f1_score(truth, scores, threshold="argmax", average="macro")
        assert got == pytest.approx(want, rel=1e-6)


def test_argmax_ties_go_to_the_first_class():
    onehot = np.array([[0, 1, 0], [0, 0, 1], [1, 0, 0]])
    proba = np.array([[0.4, 0.4, 0.2], [0.1, 0.45, 0.45], [0.2, 0.4, 0.4]])
    # argmax: class 0, class 1, class 1; true: 1, 2, 0
    assert smm.subset_accuracy_score(onehot, proba, threshold="argmax") == 0.0
    proba[0] = [0.3, 0.4, 0.3]
    assert smm.subset_accuracy_score(onehot, proba, threshold="argmax") == 1 / 3


def test_argmax_leaves_inputs_unchanged():
    _, onehot, proba, weight = _softmax_problem(6)
    copies = [a.copy() for a in (onehot, proba, weight)]
    smm.f1_score(
        onehot, proba, threshold="argmax", average="macro", sample_weight=weight
    )
    for a, b in zip((onehot, proba, weight), copies):
        np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize(
    "truth, scores, match",
    [
        ([[1, 1, 0], [0, 1, 0]], [[0.5, 0.3, 0.2]] * 2, r"y_true .* one-hot .*row 0"),
        ([[0, 0, 0], [0, 1, 0]], [[0.5, 0.3, 0.2]] * 2, r"row 0 has 0 positives"),
        ([[1, 0, 0], [0, 1, 0]], [[0.5, 0.5]] * 2, "different shapes"),
        ([0, 1, 2], [[0.5, 0.5]] * 3, "one score column per class"),
        ([0, 1, 1], [0.2, 0.7, 0.9], "one score column per class"),
        ([[1, 0, 0], [0, 2, 0]], [[0.5, 0.3, 0.2]] * 2, "binary label-indicator"),
    ],
)
def test_argmax_refuses_what_is_not_one_class_per_sample(truth, scores, match):
    with pytest.raises(ValueError, match=match):
        smm.f1_score(truth, scores, threshold="argmax", average="macro")


def test_other_strings_are_still_refused_as_cut_offs():
    with pytest.raises((TypeError, ValueError), match="threshold"):
        smm.f1_score([[1, 0], [0, 1]], [[0.6, 0.4]] * 2, threshold="max")


def test_numeric_cut_off_on_one_hot_softmax_warns_and_names_the_remedy():
    _, onehot, proba, _ = _softmax_problem(7)
    with pytest.warns(UserWarning, match="threshold='argmax'") as record:
        smm.subset_accuracy_score(onehot, proba, threshold=0.5)
    assert record[0].filename == __file__  # points at the caller's line
    with pytest.warns(UserWarning, match="one-hot"):
        smm.f1_score(onehot, proba, threshold=0.5, average="macro")


def test_no_warning_where_the_readings_agree_or_the_truth_is_multilabel():
    _, onehot, proba, _ = _softmax_problem(8)
    multilabel = onehot.copy()
    multilabel[0, :] = 1
    hard = np.eye(proba.shape[1])[proba.argmax(axis=1)]
    unnormalised = proba * 2
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        smm.f1_score(multilabel, proba, threshold=0.5, average="macro")
        smm.f1_score(onehot, hard, threshold=0.5, average="macro")
        smm.f1_score(onehot, unnormalised, threshold=0.5, average="macro")
        smm.f1_score(onehot, proba, threshold="argmax", average="macro")
        smm.f1_score(onehot, (proba >= 0.5).astype(int), average="macro")


def _batches(n, size):
    return [slice(i, i + size) for i in range(0, n, size)]


@pytest.mark.parametrize("seed", range(5))
def test_accumulator_argmax_equals_the_one_shot_functions(seed):
    y, onehot, proba, weight = _softmax_problem(seed, n=200, missing=seed == 2)
    names = (
        "f1_macro",
        "precision_weighted",
        "recall_micro",
        "subset_accuracy",
        "accuracy",
        "top2_accuracy",
    )
    by_onehot = smm.MetricAccumulator(names, threshold="argmax", zero_division=0.0)
    by_index = smm.MetricAccumulator(names, threshold="argmax", zero_division=0.0)
    for rows in _batches(200, 37):
        by_onehot.update(onehot[rows], proba[rows], sample_weight=weight[rows])
        by_index.update(y[rows], proba[rows], sample_weight=weight[rows])
    result = by_onehot.result()
    assert result == by_index.result()
    pred = proba.argmax(axis=1)
    assert result["f1_macro"] == pytest.approx(
        sk.f1_score(y, pred, average="macro", sample_weight=weight, zero_division=0.0)
    )
    assert result["precision_weighted"] == pytest.approx(
        sk.precision_score(
            y, pred, average="weighted", sample_weight=weight, zero_division=0.0
        )
    )
    assert result["subset_accuracy"] == pytest.approx(
        sk.accuracy_score(y, pred, sample_weight=weight)
    )
    assert result["top2_accuracy"] == pytest.approx(
        sk.top_k_accuracy_score(
            y, proba, k=2, sample_weight=weight, labels=range(proba.shape[1])
        )
    )


def test_accumulator_argmax_merges_and_pickles():
    y, onehot, proba, _ = _softmax_problem(9, n=100)
    first = smm.MetricAccumulator(("f1_macro",), threshold="argmax")
    second = smm.MetricAccumulator(("f1_macro",), threshold="argmax")
    first.update(onehot[:50], proba[:50])
    second.update(onehot[50:], proba[50:])
    merged = pickle.loads(pickle.dumps(first)).merge(second)
    want = sk.f1_score(y, proba.argmax(axis=1), average="macro")
    assert merged.result()["f1_macro"] == pytest.approx(want)
    with pytest.raises(ValueError, match="other settings"):
        first.merge(smm.MetricAccumulator(("f1_macro",), threshold=1.0))


def test_accumulator_warns_once_and_refuses_binary_scores_with_argmax():
    _, onehot, proba, _ = _softmax_problem(10, n=100)
    acc = smm.MetricAccumulator(("f1_macro",))
    with pytest.warns(UserWarning, match="threshold='argmax'"):
        acc.update(onehot[:50], proba[:50])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        acc.update(onehot[50:], proba[50:])
    acc = smm.MetricAccumulator(("f1",), threshold="argmax")
    with pytest.raises(ValueError, match="one score column per class"):
        acc.update([0, 1, 1], [0.2, 0.6, 0.9])
    assert acc.n_samples_ == 0


def test_accumulator_argmax_on_dask_equals_numpy():
    da = pytest.importorskip("dask.array")
    y, onehot, proba, weight = _softmax_problem(11, n=150)
    names = ("f1_macro", "subset_accuracy")
    numpy_acc = smm.MetricAccumulator(names, threshold="argmax").update(
        onehot, proba, sample_weight=weight
    )
    dask_acc = smm.MetricAccumulator(names, threshold="argmax").update(
        da.from_array(onehot, chunks=(40, -1)),
        da.from_array(proba, chunks=(40, -1)),
        sample_weight=da.from_array(weight, chunks=40),
    )
    assert dask_acc.result() == pytest.approx(numpy_acc.result(), rel=1e-12)
    got = smm.f1_score(
        da.from_array(onehot, chunks=(40, -1)),
        da.from_array(proba, chunks=(40, -1)),
        threshold="argmax",
        average="macro",
    )
    assert got == pytest.approx(sk.f1_score(y, proba.argmax(axis=1), average="macro"))
