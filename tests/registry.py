"""Registries of the public metrics, shared by the invariance and error tests."""

from functools import partial

from sklearn import metrics as sk

import skmultimetrics as smm

AVERAGES = ("micro", "macro", "weighted", "samples")


def _one_minus(func):
    def wrapped(*args, **kwargs):
        return 1 - func(*args, **kwargs)

    return wrapped


# name -> (our metric, scikit-learn's metric), both taking (y_true, y_pred, **kw)
SET_METRICS = {
    "subset_accuracy": (smm.subset_accuracy_score, sk.accuracy_score),
    "hamming_accuracy": (smm.hamming_accuracy_score, _one_minus(sk.hamming_loss)),
}
for _name in ("precision", "recall", "f1", "jaccard"):
    for _avg in AVERAGES:
        SET_METRICS[f"{_name}_{_avg}"] = (
            partial(getattr(smm, f"{_name}_score"), average=_avg, zero_division=0.0),
            partial(getattr(sk, f"{_name}_score"), average=_avg, zero_division=0.0),
        )
for _avg in AVERAGES:
    SET_METRICS[f"f2_{_avg}"] = (
        partial(smm.fbeta_score, beta=2, average=_avg, zero_division=0.0),
        partial(sk.fbeta_score, beta=2, average=_avg, zero_division=0.0),
    )

# every public function that takes (y_true, y_pred, ...) predictions
PUBLIC_SET_FUNCTIONS = [
    smm.subset_accuracy_score,
    smm.hamming_accuracy_score,
    smm.precision_score,
    smm.recall_score,
    smm.f1_score,
    partial(smm.fbeta_score, beta=1.5),
    smm.jaccard_score,
    smm.precision_recall_fscore_support,
]


def func_name(func):
    return getattr(func, "__name__", None) or func.func.__name__


# name -> metric taking (y_true indicator, y_score, **kw); ties made explicit
RANK_METRICS = {
    "top3_accuracy": partial(smm.top_k_accuracy_score, k=3),
    "precision_at_3": partial(smm.precision_at_k_score, k=3),
    "recall_at_3": partial(smm.recall_at_k_score, k=3, zero_division=0.0),
    "ndcg_at_3": partial(smm.ndcg_at_k_score, k=3, zero_division=0.0),
    "psp_at_3": partial(
        smm.propensity_scored_precision_at_k_score, k=3, zero_division=0.0
    ),
}
