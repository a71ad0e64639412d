"""Drop-in defaults: every function that shares a name with scikit-learn's takes
each of its parameters, in the same way and with the same default, so swapping
the import changes no number."""

import inspect

import pytest
from sklearn import metrics as sk

import skmultimetrics as smm

DROP_INS = sorted(
    name for name in smm.__all__ if callable(getattr(sk, name, None)) and name[0] != "_"
)


def test_the_drop_ins_are_the_expected_ones():
    # a new namesake must join this list knowingly
    assert DROP_INS == [
        "average_precision_score",
        "f1_score",
        "fbeta_score",
        "get_scorer",
        "get_scorer_names",
        "jaccard_score",
        "precision_recall_fscore_support",
        "precision_score",
        "recall_score",
        "roc_auc_score",
        "top_k_accuracy_score",
    ]


@pytest.mark.parametrize("name", DROP_INS)
def test_every_scikit_learn_parameter_has_its_kind_and_default(name):
    theirs = inspect.signature(getattr(sk, name)).parameters
    ours = inspect.signature(getattr(smm, name)).parameters
    for parameter in theirs.values():
        assert parameter.name in ours, f"{name} lacks {parameter.name}"
        mine = ours[parameter.name]
        assert mine.kind == parameter.kind, (name, parameter.name)
        assert mine.default == parameter.default, (
            f"{name}({parameter.name}=...) defaults to {mine.default!r}; "
            f"scikit-learn's to {parameter.default!r}"
        )
    # what we add comes after scikit-learn's parameters and is keyword-only
    extra = [p for p in ours.values() if p.name not in theirs]
    assert all(p.kind == p.KEYWORD_ONLY for p in extra), name


def test_top_k_accuracy_default_is_scikit_learns_k2():
    y = [0, 1, 2, 2]
    scores = [[0.5, 0.2, 0.2], [0.3, 0.4, 0.2], [0.2, 0.4, 0.3], [0.7, 0.2, 0.1]]
    assert smm.top_k_accuracy_score(y, scores) == sk.top_k_accuracy_score(y, scores)
    assert smm.top_k_accuracy_score(y, scores) == 0.75
