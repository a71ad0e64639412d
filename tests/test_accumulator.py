"""MetricAccumulator: the one-shot functions' values from batches, and its errors."""

import itertools
import pickle
import warnings

import numpy as np
import pytest
import scipy.sparse as sp
from sklearn import metrics as sk
from sklearn.exceptions import UndefinedMetricWarning

import skmultimetrics as smm
from skmultimetrics import MetricAccumulator

SET_NAMES = [
    f"{m}_{a}"
    for m in ("precision", "recall", "f1", "jaccard")
    for a in ("micro", "macro", "samples", "weighted")
]
ML_NAMES = [
    *SET_NAMES,
    "subset_accuracy",
    "hamming_accuracy",
    "neg_hamming_loss",
    "top1_accuracy",
    "top3_accuracy",
    "precision_at_1",
    "precision_at_3",
    "recall_at_2",
    "ndcg_at_3",
]
MC_NAMES = [n for n in SET_NAMES if "samples" not in n] + [
    "subset_accuracy",
    "hamming_accuracy",
    "neg_hamming_loss",
    "top1_accuracy",
    "top2_accuracy",
]
SET_FUNCS = {
    "precision": smm.precision_score,
    "recall": smm.recall_score,
    "f1": smm.f1_score,
    "jaccard": smm.jaccard_score,
}
AT_K = {
    "precision": smm.precision_at_k_score,
    "recall": smm.recall_at_k_score,
    "ndcg": smm.ndcg_at_k_score,
}


def one_shot_multilabel(name, y, s, w, thr, zd):
    """The metric function of ``name`` on whole multi-label arrays."""
    head, _, tail = name.rpartition("_")
    if head in SET_FUNCS:
        return SET_FUNCS[head](
            y, s, threshold=thr, average=tail, sample_weight=w, zero_division=zd
        )
    if name == "subset_accuracy":
        return smm.subset_accuracy_score(y, s, threshold=thr, sample_weight=w)
    if name == "hamming_accuracy":
        return smm.hamming_accuracy_score(y, s, threshold=thr, sample_weight=w)
    if name == "neg_hamming_loss":
        return -sk.hamming_loss(y, s >= thr, sample_weight=w)
    if name.startswith("top"):
        k = int(name[3:].split("_")[0])
        return smm.top_k_accuracy_score(y, s, k=k, sample_weight=w)
    metric, k = name.split("_at_")
    kw = {} if metric == "precision" else {"zero_division": zd}
    return AT_K[metric](y, s, k=int(k), sample_weight=w, **kw)


def one_shot_classes(name, y, s, w, zd, binary_thr=None):
    """The metric function of ``name`` on whole 1-D targets, with scikit-learn."""
    pred = s.argmax(axis=1) if binary_thr is None else (s >= binary_thr).astype(int)
    head, _, tail = name.rpartition("_")
    if head in ("precision", "recall", "f1"):
        func = {"precision": sk.precision_score, "recall": sk.recall_score}
        func = func.get(head, sk.f1_score)
        return func(y, pred, average=tail, sample_weight=w, zero_division=zd)
    if head == "jaccard":
        return sk.jaccard_score(
            y, pred, average=tail, sample_weight=w, zero_division=zd
        )
    if name in ("subset_accuracy", "hamming_accuracy"):
        return sk.accuracy_score(y, pred, sample_weight=w)
    if name == "neg_hamming_loss":
        return -sk.hamming_loss(y, pred, sample_weight=w)
    # scikit-learn's top-k counts ties at the k-th place its own way: the package's
    # function (equal to scikit-learn without ties) is the reference
    k = int(name[3:].split("_")[0])
    return smm.top_k_accuracy_score(
        y, s, k=k, sample_weight=w, labels=np.arange(s.shape[1])
    )


def split_points(rng, n):
    n_cuts = rng.integers(0, min(6, n))
    return np.sort(rng.choice(np.arange(1, n), size=n_cuts, replace=False))


def stream(names, y, s, w, rng, *, sparse=False, merge=False, **kwargs):
    """Feed ``y, s, w`` in random batches, in a random order; with ``merge``, into
    several accumulators merged in a random tree."""
    bounds = [0, *split_points(rng, y.shape[0]).tolist(), y.shape[0]]
    pieces = [slice(a, b) for a, b in itertools.pairwise(bounds)]
    rng.shuffle(pieces)
    accs = []
    acc = MetricAccumulator(names, **kwargs)
    for piece in pieces:
        yb, sb = y[piece], s[piece]
        if sparse:
            yb, sb = sp.csr_array(yb), sp.csr_array(sb)
        wb = None if w is None else w[piece]
        if merge:
            acc = MetricAccumulator(names, **kwargs)
            accs.append(acc)
        acc.update(yb, sb, sample_weight=wb)
    while merge and len(accs) > 1:
        i, j = sorted(rng.choice(len(accs), size=2, replace=False))
        accs[i].merge(pickle.loads(pickle.dumps(accs.pop(j))))
    return accs[0] if merge else acc


def multilabel_case(rng):
    n, n_labels = int(rng.integers(2, 60)), int(rng.integers(3, 7))
    y = rng.random((n, n_labels)) < rng.uniform(0.05, 0.6)
    y[:, rng.integers(n_labels)] = False  # a label with no positives
    y[rng.integers(n)] = False  # an all-zero row
    s = np.round(rng.random((n, n_labels)), 1)  # ties
    w = None
    if rng.random() < 0.5:
        w = rng.random(n) * 3
        w[rng.integers(n)] = 0.0
    return y, s, w


@pytest.mark.parametrize("seed", range(40))
@pytest.mark.parametrize("zero_division", ["warn", 0.0, 1.0, np.nan])
def test_multilabel_values_equal_one_shot(seed, zero_division):
    rng = np.random.default_rng(seed)
    y, s, w = multilabel_case(rng)
    thr = 0.5 if seed % 3 else rng.uniform(0.2, 0.8, y.shape[1])
    nan = zero_division != zero_division
    names = [n for n in ML_NAMES if "jaccard" not in n or not nan]
    sparse = seed % 4 == 1
    if sparse:  # top-k accuracy takes dense scores only, as the function does
        names = [n for n in names if not n.startswith("top")]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        acc = stream(
            names,
            y,
            s,
            w,
            rng,
            sparse=sparse,
            merge=seed % 2 == 0,
            threshold=thr,
            zero_division=zero_division,
        )
        result = acc.result()
        for name in names:
            expected = one_shot_multilabel(name, y, s, w, thr, zero_division)
            np.testing.assert_allclose(
                result[name], expected, rtol=1e-12, atol=1e-12, err_msg=name
            )
    assert list(result) == names
    assert acc.n_samples_ == y.shape[0]


@pytest.mark.parametrize("seed", range(30))
@pytest.mark.parametrize("zero_division", ["warn", 0.0, 1.0])
def test_multiclass_values_equal_scikit_learn(seed, zero_division):
    rng = np.random.default_rng(seed)
    n, n_classes = int(rng.integers(2, 80)), int(rng.integers(3, 7))
    # classes that never occur, or occur only as predictions
    y = rng.integers(0, n_classes - 1, n)
    s = np.round(rng.random((n, n_classes)), 1)
    w = None if seed % 2 else rng.random(n) * 2
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        acc = stream(
            MC_NAMES, y, s, w, rng, merge=seed % 3 == 0, zero_division=zero_division
        )
        result = acc.result()
        for name in MC_NAMES:
            expected = one_shot_classes(name, y, s, w, zero_division)
            np.testing.assert_allclose(
                result[name], expected, rtol=1e-12, atol=1e-12, err_msg=name
            )
    assert acc.kind_ == "multiclass"


@pytest.mark.parametrize("seed", range(15))
def test_binary_values_equal_scikit_learn(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(2, 60))
    y = (rng.random(n) < 0.3).astype(int)
    s = np.round(rng.random(n), 1)
    w = None if seed % 2 else rng.random(n)
    names = [n for n in MC_NAMES if not n.startswith("top")]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = stream(names, y, s, w, rng, threshold=0.4).result()
        for name in names:
            expected = one_shot_classes(
                name, y, s.reshape(-1, 1)[:, 0], w, "warn", binary_thr=0.4
            )
            np.testing.assert_allclose(result[name], expected, rtol=1e-12, err_msg=name)


def test_batches_from_pandas_and_array_likes():
    pd = pytest.importorskip("pandas")
    rng = np.random.default_rng(0)
    y = rng.random((50, 4)) < 0.4
    s = rng.random((50, 4))

    class Tensor:  # a stand-in for a CPU torch tensor
        def __init__(self, a):
            self.a = a

        def __array__(self, dtype=None, copy=None):
            return self.a if dtype is None else self.a.astype(dtype)

    acc = MetricAccumulator(["f1_micro"])
    acc.update(pd.DataFrame(y[:20]), pd.DataFrame(s[:20]))
    acc.update(Tensor(y[20:].astype(np.float32)), Tensor(s[20:].astype(np.float32)))
    expected = smm.f1_score(y, s, threshold=0.5, average="micro")
    assert acc.result()["f1_micro"] == pytest.approx(expected, rel=1e-12)


def test_inputs_not_modified_and_reset():
    rng = np.random.default_rng(1)
    y, s = rng.random((30, 3)) < 0.5, rng.random((30, 3))
    y0, s0 = y.copy(), s.copy()
    acc = MetricAccumulator().update(y, s)
    assert np.array_equal(y, y0) and np.array_equal(s, s0)
    first = acc.result()
    acc.reset()
    assert acc.n_samples_ == 0 and acc.kind_ is None
    with pytest.raises(ValueError, match="update"):
        acc.result()
    assert acc.update(y, s).result() == first


def test_warnings_as_the_one_shot_functions():
    y = np.array([[1, 0], [0, 0]])
    s = np.array([[0.9, 0.1], [0.2, 0.1]])
    acc = MetricAccumulator(["f1_samples", "recall_at_1"]).update(y, s)
    with pytest.warns(UndefinedMetricWarning) as record:
        acc.result()
    messages = sorted(str(w.message).split(" is ")[0] for w in record)
    assert messages == ["F-score", "Recall@k"]
    acc = MetricAccumulator(["f1_samples"], zero_division=1.0).update(y, s)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert acc.result()["f1_samples"] == 1.0
    acc = MetricAccumulator(["top3_accuracy"]).update([0, 1], np.eye(2))
    with pytest.warns(UndefinedMetricWarning, match=r"'k' \(3\)"):
        acc.result()


def test_bad_batches_leave_the_accumulator_unchanged():
    rng = np.random.default_rng(2)
    y, s = rng.random((20, 3)) < 0.5, rng.random((20, 3))
    acc = MetricAccumulator(["f1_macro", "precision_at_2"]).update(y, s)
    before = pickle.dumps(acc)
    bad_scores = s.copy()
    bad_scores[3, 1] = np.nan
    cases = [
        ((y[:, :2], s[:, :2]), "same number of labels"),
        ((y, bad_scores), "y_score .*NaN"),
        ((np.where(y, 2, 0), s), "y_true .*binary"),
        ((y, s[:10]), "numbers of samples"),
        ((y, s[:, :2]), "different shapes"),
        ((y.argmax(axis=1), s), "multiclass batch"),
    ]
    for (yb, sb), message in cases:
        with pytest.raises(ValueError, match=message):
            acc.update(yb, sb)
        assert pickle.dumps(acc) == before
    with pytest.raises(ValueError, match="sample_weight"):
        acc.update(y, s, sample_weight=np.ones(3))
    with pytest.raises(ValueError, match="sample_weight"):
        acc.update(y, s, sample_weight=np.full(20, np.inf))
    assert pickle.dumps(acc) == before
    other = MetricAccumulator(["f1_macro", "precision_at_2"], threshold=0.3)
    with pytest.raises(ValueError, match="other settings"):
        acc.merge(other.update(y, s))
    other = MetricAccumulator(["f1_macro", "precision_at_2"]).update(y[:, :2], s[:, :2])
    with pytest.raises(ValueError, match="same number of labels"):
        acc.merge(other)
    with pytest.raises(TypeError, match="MetricAccumulator"):
        acc.merge({"f1_macro": 1.0})
    assert pickle.dumps(acc) == before


def test_bad_settings_and_kinds():
    with pytest.raises(ValueError, match=r"unknown metric 'f1_macr'.*f1_macro"):
        MetricAccumulator(["f1_macr"])
    with pytest.raises(ValueError, match="ranks each row"):
        MetricAccumulator(["roc_auc_samples"])
    with pytest.raises(ValueError, match="zero_division"):
        MetricAccumulator(["jaccard_macro"], zero_division=np.nan)
    with pytest.raises(ValueError, match="zero_division"):
        MetricAccumulator(zero_division=2)
    with pytest.raises(ValueError, match="threshold"):
        MetricAccumulator(threshold="high")
    with pytest.raises(ValueError, match="metrics"):
        MetricAccumulator([])
    with pytest.raises(TypeError, match="report"):
        MetricAccumulator(report="yes")
    with pytest.raises(ValueError, match="other settings"):
        MetricAccumulator().merge(MetricAccumulator(report=True).update([0], [0.3]))
    acc = MetricAccumulator(["f1_samples"])
    with pytest.raises(ValueError, match="samplewise"):
        acc.update([0, 2, 1], np.eye(3))
    acc = MetricAccumulator(["f1_macro"], threshold=[0.5, 0.5])
    with pytest.raises(ValueError, match=r"threshold.*shape \(3,\)"):
        acc.update(np.eye(3), np.eye(3))
    assert acc.n_samples_ == 0
    with pytest.raises(ValueError, match=r"class indices in \[0, 2\]"):
        MetricAccumulator().update([0, 3], np.eye(3)[:2])
    with pytest.raises(TypeError, match="LabelEncoder"):
        MetricAccumulator().update(["a", "b"], np.eye(2))
    with pytest.raises(ValueError, match="k <= n_labels"):
        MetricAccumulator(["ndcg_at_5"]).update(np.eye(3), np.eye(3))
    acc = MetricAccumulator().update([0, 1], np.eye(2), sample_weight=[0.0, 0.0])
    with pytest.raises(ValueError, match="sums to 0"):
        acc.result()
    with pytest.raises(ValueError, match="multiclass"):
        MetricAccumulator().update([0, 1], np.eye(2)).report()


@pytest.mark.parametrize("seed", range(5))
def test_psp_at_k_with_given_propensities(seed):
    rng = np.random.default_rng(seed)
    y, s, w = multilabel_case(rng)
    p = rng.uniform(0.05, 1.0, y.shape[1])
    acc = stream(["psp_at_2", "precision_at_2"], y, s, w, rng, propensities=p)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        expected = smm.propensity_scored_precision_at_k_score(
            y, s, k=2, propensities=p, sample_weight=w
        )
        assert acc.result()["psp_at_2"] == pytest.approx(expected, rel=1e-12)


def test_psp_at_k_needs_propensities_when_streamed():
    with pytest.raises(ValueError, match="propensities="):
        MetricAccumulator(["psp_at_5"])
    acc = MetricAccumulator(["psp_at_2"], propensities=[0.5, 0.5])
    with pytest.raises(ValueError, match=r"propensities.*shape \(3,\)"):
        acc.update(np.eye(3), np.eye(3))
    assert acc.n_samples_ == 0


def test_samples_average_with_zero_weight_rows_and_nan_zero_division():
    y = np.array([[1, 0], [0, 0]])
    s = np.array([[0.9, 0.1], [0.1, 0.1]])
    w = np.array([0.0, 1.0])
    for name in ("precision_samples", "recall_samples", "f1_samples"):
        acc = MetricAccumulator(name, zero_division=np.nan).update(
            y, s, sample_weight=w
        )
        func = {"p": smm.precision_score, "r": smm.recall_score, "f": smm.f1_score}
        expected = func[name[0]](
            y,
            s,
            threshold=0.5,
            average="samples",
            sample_weight=w,
            zero_division=np.nan,
        )
        assert np.isnan(expected) and np.isnan(acc.result()[name])
    with pytest.raises(ValueError, match="one-vs-rest"):
        MetricAccumulator(["roc_auc_ovr_weighted"])


def test_scikit_learn_scorer_names():
    rng = np.random.default_rng(7)
    y = (rng.random(200) < 0.3).astype(int)
    s = rng.random(200)
    pred = (s >= 0.4).astype(int)
    names = ["f1", "precision", "recall", "jaccard", "accuracy"]
    result = stream(names, y, s, None, rng, threshold=0.4).result()
    for name in names:
        scorer = getattr(
            sk, "accuracy_score" if name == "accuracy" else f"{name}_score"
        )
        assert result[name] == pytest.approx(scorer(y, pred), rel=1e-12)
    yc, sc = rng.integers(0, 4, 200), rng.random((200, 4))
    result = MetricAccumulator(["top_k_accuracy"]).update(yc, sc).result()
    assert result["top_k_accuracy"] == pytest.approx(sk.top_k_accuracy_score(yc, sc))
    with pytest.raises(ValueError, match="binary scorer"):
        MetricAccumulator(["f1"]).update(np.eye(3), np.eye(3))
