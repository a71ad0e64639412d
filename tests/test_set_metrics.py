"""Set metrics (_metrics/_set_metrics.py): precision_recall_fscore_support and
jaccard_score against scikit-learn."""

import numpy as np
import pytest
from sklearn import metrics as sk
from sklearn.metrics import fbeta_score

import skmultimetrics as smm


@pytest.mark.parametrize("seed", range(20))
def test_one_shot_samples_average_of_chosen_labels_equals_scikit_learn(seed):
    # the samples average counts only the columns of labels=, whatever beta
    # (F-beta of beta != 1 has sums of its own) and with weights of 0
    import warnings

    import skmultimetrics as smm

    rng = np.random.default_rng(seed)
    n, n_labels = int(rng.integers(1, 40)), int(rng.integers(2, 6))
    y = rng.random((n, n_labels)) < 0.4
    s = rng.random((n, n_labels))
    w = rng.integers(0, 3, n).astype(float)
    w[0] = 1.0
    labels = rng.choice(n_labels, int(rng.integers(1, n_labels + 1)), replace=False)
    for beta in (0.0, 0.5, 1.0, 2.0, np.inf):
        for weight in (None, w):
            with warnings.catch_warnings(record=True) as ours_warned:
                warnings.simplefilter("always")
                ours = smm.fbeta_score(
                    y, s, beta=beta, average="samples", labels=labels,
                    sample_weight=weight, threshold=0.5,
                )  # fmt: skip
            with warnings.catch_warnings(record=True) as theirs_warned:
                warnings.simplefilter("always")
                theirs = fbeta_score(
                    y, s >= 0.5, beta=beta, average="samples", labels=labels,
                    sample_weight=weight,
                )  # fmt: skip
            assert ours == pytest.approx(theirs, abs=1e-12), (beta, weight)
            ours_warned = [str(x.message) for x in ours_warned]
            assert ours_warned == [str(x.message) for x in theirs_warned]


def test_a_set_metric_missing_an_argument_is_named():
    import skmultimetrics as smm

    with pytest.raises(TypeError, match=r"fbeta_score\(\) missing .*'beta'"):
        smm.fbeta_score([0, 1], [0, 1])


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("average", ["micro", "macro", "weighted", "samples", None])
def test_prfs_and_jaccard_equal_scikit_learn_with_labels_and_weights(seed, average):
    rng = np.random.default_rng(seed)
    y = rng.random((70, 6)) < 0.3
    p = rng.random((70, 6)) < 0.3
    y[:, 1] = False  # a label without positives
    w = rng.integers(0, 3, 70).astype(float)
    for labels in (None, [4, 0, 2]):
        kw = {"average": average, "labels": labels, "sample_weight": w,
              "zero_division": 0.0}  # fmt: skip
        got = smm.precision_recall_fscore_support(y, p, beta=2.0, **kw)
        expected = sk.precision_recall_fscore_support(y, p, beta=2.0, **kw)
        for ours, theirs in zip(got, expected):
            np.testing.assert_allclose(
                np.asarray(ours, float) if ours is not None else np.nan,
                np.asarray(theirs, float) if theirs is not None else np.nan,
                rtol=1e-12,
            )
        np.testing.assert_allclose(
            smm.jaccard_score(y, p, **kw), sk.jaccard_score(y, p, **kw), rtol=1e-12
        )


def test_multiclass_jaccard_and_prfs_with_absent_labels():
    y = np.array([0, 1, 2, 2, 1, 0])
    p = np.array([0, 2, 2, 1, 1, 0])
    for average in ("macro", "micro", "weighted", None):
        kw = {"labels": [0, 1, 2, 3], "average": average, "zero_division": 0.0}
        np.testing.assert_allclose(
            smm.jaccard_score(y, p, **kw), sk.jaccard_score(y, p, **kw)
        )
        for ours, theirs in zip(
            smm.precision_recall_fscore_support(y, p, **kw),
            sk.precision_recall_fscore_support(y, p, **kw),
        ):
            if theirs is None:
                assert ours is None
            else:
                np.testing.assert_allclose(ours, theirs)
