"""The contract over input kinds: every public entry point crossed with every
kind of input a user may pass (containers, dtypes, label encodings, weights,
orientations, cut-offs).

Each cell equals scikit-learn's value, or raises (``ValueError`` or
``TypeError``) where scikit-learn raises, or is a documented difference
(``contract.DIFFERENCES``, pinned by the ``test_documented_*`` tests). No cell
changes its inputs. A test collects every failing cell of its row and lists
them all, so a regression shows the whole pattern at once.
"""

from functools import partial

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
from sklearn import metrics as sk

import skmultimetrics as smm

from contract import (
    CONTAINERS,
    DIFFERENCES,
    ENCODINGS,
    WEIGHTS,
    agreement,
    outcome,
    problems,
    snapshot,
    unchanged,
)
from registry import SET_METRICS

BASE = problems()
TARGETS = ("binary", "multiclass", "multilabel")
SET_NAMES = sorted(SET_METRICS)
# the averages scikit-learn defines for each target kind (others raise there)
PRFS = {
    "binary": (None, "binary", "micro", "macro", "weighted"),
    "multiclass": (None, "micro", "macro", "weighted"),
    "multilabel": (None, "micro", "macro", "weighted", "samples"),
}


LENIENT = {kind for row in DIFFERENCES.values() for kind in row.kinds}


def _cell(ours, theirs, args, kwargs=None, their_args=None, kind=None, plain=None):
    """The disagreement of one cell, or None; also checks inputs unchanged.

    Where scikit-learn refuses a container that a documented difference reads
    (``kind`` in ``LENIENT``), our value must equal scikit-learn's on the
    ``plain`` NumPy arguments.
    """
    kwargs = kwargs or {}
    copies = snapshot(*args, *kwargs.values())
    mine = outcome(ours, *args, **kwargs)
    if not unchanged([*args, *kwargs.values()], copies):
        return "an input was modified"
    theirs_outcome = outcome(theirs, *(their_args or args), **kwargs)
    if theirs_outcome.error is not None and kind in LENIENT and plain is not None:
        theirs_outcome = outcome(theirs, *plain, **kwargs)
    return agreement(mine, theirs_outcome)


def _report(failures):
    assert not failures, "\n".join(f"{cell}: {why}" for cell, why in failures)


# ------------------------------------------------------------ set metrics
@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("name", SET_NAMES)
def test_set_metrics_across_containers(name, target):
    ours, theirs = SET_METRICS[name]
    truth, _, pred = BASE[target]
    failures = []
    for kind, convert in CONTAINERS.items():
        t, p = convert(truth), convert(pred)
        if t is None or p is None:
            continue
        why = _cell(ours, theirs, (t, p), kind=kind, plain=(truth, pred))
        if why:
            failures.append((kind, why))
        # one side converted, the other a plain ndarray
        why = _cell(ours, theirs, (truth, p), kind=kind, plain=(truth, pred))
        if why:
            failures.append((f"y_pred {kind}", why))
    _report(failures)


@pytest.mark.parametrize("target", ("binary", "multiclass"))
@pytest.mark.parametrize("name", SET_NAMES)
def test_set_metrics_across_label_encodings(name, target):
    ours, theirs = SET_METRICS[name]
    truth, _, pred = BASE[target]
    failures = []
    for kind, encode in ENCODINGS.items():
        why = _cell(ours, theirs, (encode(truth), encode(pred)))
        if why:
            failures.append((kind, why))
    # the same labels spelled as different types on each side
    mixed_true = np.array([1, "1", 2] * (truth.size // 3), dtype=object)
    mixed_pred = np.array(["1", 1, 2] * (truth.size // 3), dtype=object)
    why = _cell(ours, theirs, (mixed_true, mixed_pred))
    if why:
        failures.append(("[1, '1', 2] against ['1', 1, 2]", why))
    why = _cell(ours, theirs, (truth.astype(str), pred))
    if why:
        failures.append(("string truth, integer predictions", why))
    _report(failures)


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("name", SET_NAMES)
def test_set_metrics_across_weights(name, target):
    ours, theirs = SET_METRICS[name]
    truth, _, pred = BASE[target]
    failures = []
    for kind, weight in WEIGHTS.items():
        w = weight(truth.shape[0])
        why = _cell(ours, theirs, (truth, pred), {"sample_weight": w})
        if why:
            failures.append((kind, why))
    _report(failures)


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("name", SET_NAMES)
def test_set_metrics_on_degenerate_shapes(name, target):
    ours, theirs = SET_METRICS[name]
    truth, _, pred = BASE[target]
    cells = {
        "one row": (truth[:1], pred[:1]),
        "empty": (truth[:0], pred[:0]),
        "0-d": (np.asarray(truth[0, 0] if truth.ndim == 2 else truth[0]),) * 2,
        "lengths differ": (truth, pred[:-1]),
        "3-D": (truth.reshape(truth.shape[0], -1, 1),) * 2,
        "one class only": (np.zeros_like(truth), np.zeros_like(pred)),
    }
    if target == "binary":
        cells["one column"] = (truth[:, None], pred[:, None])
        cells["column against 1-D"] = (truth[:, None], pred)
    failures = [
        (kind, why)
        for kind, args in cells.items()
        if (why := _cell(ours, theirs, args))
    ]
    _report(failures)


@pytest.mark.parametrize("average", PRFS["multilabel"])
@pytest.mark.parametrize("target", TARGETS)
def test_precision_recall_fscore_support_across_averages(target, average):
    truth, _, pred = BASE[target]
    failures = []
    for kind in ("list", "ndarray", "pandas", "csr_array"):
        t, p = CONTAINERS[kind](truth), CONTAINERS[kind](pred)
        if t is None:
            continue
        for beta in (0.5, 1.0, 2.0):
            why = _cell(
                smm.precision_recall_fscore_support,
                sk.precision_recall_fscore_support,
                (t, p),
                {"average": average, "beta": beta, "zero_division": 0.0},
            )
            if why:
                failures.append((f"{kind}, beta={beta}", why))
    _report(failures)


# ------------------------------------------------- threshold= on scores
def _greater_class_predictions(encoded_truth, scores, cut_off):
    classes = np.unique(encoded_truth)
    return np.where(scores >= cut_off, classes[-1], classes[0])


@pytest.mark.parametrize("name", SET_NAMES)
def test_threshold_reads_the_score_as_the_greater_class(name):
    ours, theirs = SET_METRICS[name]
    truth, scores, _ = BASE["binary"]
    failures = []
    for kind, encode in ENCODINGS.items():
        if kind.startswith(("missing", "mixed")):
            continue
        encoded = encode(truth)
        expected = _greater_class_predictions(encoded, scores, 0.5)
        why = _cell(
            partial(ours, threshold=0.5),
            theirs,
            (encoded, scores),
            {},
            their_args=(encoded, expected),
        )
        if why:
            failures.append((kind, why))
    _report(failures)


@pytest.mark.parametrize("name", SET_NAMES)
def test_threshold_across_score_containers(name):
    ours, theirs = SET_METRICS[name]
    failures = []
    for target in ("binary", "multilabel"):
        truth, scores, _ = BASE[target]
        for kind in (
            "list",
            "float16",
            "float32",
            "pandas",
            "pandas_nullable",
            "csr_array",
            "strided",
            "fortran",
        ):
            s = CONTAINERS[kind](scores)
            if s is None:
                continue
            # float16 rounds the scores: compare with its own predictions
            cut = 0.5
            expected = (
                np.asarray(s.toarray() if sp.issparse(s) else s, dtype=np.float64)
                >= cut
            ).astype(np.int64)
            why = _cell(
                partial(ours, threshold=cut),
                theirs,
                (truth, s),
                {},
                their_args=(truth, expected),
            )
            if why:
                failures.append((f"{target}, {kind}", why))
    _report(failures)


BAD_CUT_OFFS = {
    "NaN": np.nan,
    "bool": True,
    "bools": [True, False, True, False],
    "wrong length": [0.5, 0.5],
    "2-D": [[0.5] * 4],
    "string": "0.5",
    "None in a list": [0.5, None, 0.5, 0.5],
    "complex": 0.5 + 1j,
}


@pytest.mark.parametrize("cut_off", list(BAD_CUT_OFFS), ids=list(BAD_CUT_OFFS))
@pytest.mark.parametrize("name", SET_NAMES)
def test_bad_cut_offs_are_refused_by_name(name, cut_off):
    ours, _ = SET_METRICS[name]
    for target in ("binary", "multilabel"):
        truth, scores, _ = BASE[target]
        with pytest.raises((ValueError, TypeError), match="threshold"):
            ours(truth, scores, threshold=BAD_CUT_OFFS[cut_off])


# ------------------------------------------------------- ranking and curves
RANKED = {
    "roc_auc": (smm.roc_auc_score, sk.roc_auc_score),
    "average_precision": (smm.average_precision_score, sk.average_precision_score),
}


@pytest.mark.parametrize("average", ("macro", "micro", "weighted", "samples"))
@pytest.mark.parametrize("name", sorted(RANKED))
def test_curves_across_containers(name, average):
    ours, theirs = RANKED[name]
    failures = []
    for target in ("binary", "multilabel"):
        truth, scores, _ = BASE[target]
        for kind, convert in CONTAINERS.items():
            t, s = convert(truth), convert(scores)
            if t is None or s is None:
                continue
            why = _cell(
                ours,
                theirs,
                (t, s),
                {"average": average},
                kind=kind,
                plain=(truth, scores),
            )
            if why:
                failures.append((f"{target}, {kind}", why))
    _report(failures)


@pytest.mark.parametrize("name", sorted(RANKED))
def test_curves_across_label_encodings_and_weights(name):
    ours, theirs = RANKED[name]
    truth, scores, _ = BASE["binary"]
    failures = []
    for kind, encode in ENCODINGS.items():
        encoded = encode(truth)
        kwargs = {}
        if name == "average_precision" and kind not in ("0/1", "-1/1"):
            kwargs = (
                {"pos_label": np.unique(encoded)[-1]}
                if not kind.startswith(("missing", "mixed"))
                else {}
            )
        why = _cell(ours, theirs, (encoded, scores), kwargs)
        if why:
            failures.append((kind, why))
    for kind, weight in WEIGHTS.items():
        if kind in ("2-D", "negative"):
            continue  # documented differences
        why = _cell(
            ours, theirs, (truth, scores), {"sample_weight": weight(truth.size)}
        )
        if why:
            failures.append((f"weights {kind}", why))
    _report(failures)


def test_top_k_accuracy_across_kinds():
    failures = []
    for target in ("binary", "multiclass"):
        truth, scores, _ = BASE[target]
        for kind, encode in ENCODINGS.items():
            encoded = encode(truth)
            for k in (1, 2, 3):
                why = _cell(
                    smm.top_k_accuracy_score,
                    sk.top_k_accuracy_score,
                    (encoded, scores),
                    {"k": k},
                )
                if why:
                    failures.append((f"{target}, {kind}, k={k}", why))
        for kind, convert in CONTAINERS.items():
            t, s = convert(truth), convert(scores)
            if t is None or s is None or sp.issparse(t) or sp.issparse(s):
                continue
            why = _cell(
                smm.top_k_accuracy_score,
                sk.top_k_accuracy_score,
                (t, s),
                kind=kind,
                plain=(truth, scores),
            )
            if why:
                failures.append((f"{target}, {kind}", why))
        for kind, weight in WEIGHTS.items():
            if kind in ("NaN", "inf", "complex"):
                continue  # documented differences
            why = _cell(
                smm.top_k_accuracy_score,
                sk.top_k_accuracy_score,
                (truth, scores),
                {"sample_weight": weight(truth.size)},
            )
            if why:
                failures.append((f"{target}, weights {kind}", why))
    _report(failures)


# -------------------------------------------------- streams against one-shot
@pytest.mark.parametrize("target", TARGETS)
def test_accumulator_equals_the_functions_across_containers(target):
    truth, scores, _ = BASE[target]
    names = ("f1_macro", "precision_micro", "accuracy")
    failures = []
    for kind in (
        "list",
        "ndarray",
        "float32",
        "pandas",
        "pandas_nullable",
        "csr_array",
        "strided",
        "fortran",
    ):
        t = CONTAINERS[kind](truth)
        s = CONTAINERS[kind](scores)
        if t is None or s is None or (sp.issparse(t) and target != "multilabel"):
            continue
        got = outcome(
            lambda t=t, s=s: smm.MetricAccumulator(names).update(t, s).result()
        )
        want = outcome(
            lambda: smm.MetricAccumulator(names).update(truth, scores).result()
        )
        if got.error is not None or got.value != pytest.approx(want.value):
            failures.append((kind, got.error or got.value))
    _report(failures)


# --------------------------------------------------- documented differences
def test_every_documented_difference_has_its_test():
    here = globals()
    for key, row in DIFFERENCES.items():
        pinned = row.test in here or row.test.startswith("tests/")
        assert pinned or (row.kinds and row.test.startswith("the crossing")), key


def test_documented_one_hot_top_k():
    truth, scores, _ = BASE["multiclass"]
    one_hot = np.eye(4, dtype=int)[truth]
    with pytest.raises(ValueError):
        sk.top_k_accuracy_score(one_hot, scores, k=2)
    assert smm.top_k_accuracy_score(one_hot, scores, k=2) == pytest.approx(
        sk.top_k_accuracy_score(truth, scores, k=2)
    )


def test_documented_binary_proba_columns():
    truth, scores, _ = BASE["binary"]
    proba = np.column_stack([1 - scores, scores])
    with pytest.raises(ValueError):
        sk.roc_auc_score(truth, proba)
    assert smm.roc_auc_score(truth, proba) == pytest.approx(
        sk.roc_auc_score(truth, scores)
    )
    assert smm.average_precision_score(truth, proba) == pytest.approx(
        sk.average_precision_score(truth, scores)
    )
    assert smm.f1_score(truth, proba, threshold=0.5) == pytest.approx(
        sk.f1_score(truth, scores >= 0.5)
    )


def test_documented_column_weights():
    truth, scores, pred = BASE["binary"]
    column = np.ones((truth.size, 1))
    assert sk.roc_auc_score(truth, scores, sample_weight=column) == pytest.approx(
        sk.roc_auc_score(truth, scores)
    )
    with pytest.raises(ValueError):
        sk.f1_score(truth, pred, sample_weight=column)
    for call in (
        partial(smm.roc_auc_score, truth, scores),
        partial(smm.average_precision_score, truth, scores),
        partial(smm.f1_score, truth, pred),
        partial(smm.top_k_accuracy_score, truth, scores),
    ):
        with pytest.raises(ValueError, match="sample_weight"):
            call(sample_weight=column)


def test_documented_non_finite_weights_of_top_k():
    truth, scores, _ = BASE["multiclass"]
    for bad in (np.nan, np.inf):
        weight = np.where(np.arange(truth.size) == 0, bad, 1.0)
        assert np.isnan(sk.top_k_accuracy_score(truth, scores, sample_weight=weight))
        with pytest.raises(ValueError, match="sample_weight"):
            smm.top_k_accuracy_score(truth, scores, sample_weight=weight)


def test_the_lenient_kinds_still_refuse_what_they_cannot_read():
    truth, _, pred = BASE["multiclass"]
    missing = pd.Series(truth).astype("Int64")
    missing[0] = pd.NA
    mixed = np.array([1, "1"] * (truth.size // 2), dtype=object)
    none = pd.Series(truth).astype(object).where(np.arange(truth.size) > 0, None)
    for y in (missing, mixed, none):
        with pytest.raises((ValueError, TypeError), match="y_true"):
            smm.f1_score(y, pred, average="macro")


def test_documented_complex_weights_of_top_k():
    truth, scores, _ = BASE["multiclass"]
    weight = np.ones(truth.size) + 1j
    assert sk.top_k_accuracy_score(truth, scores, sample_weight=weight) == (
        pytest.approx(sk.top_k_accuracy_score(truth, scores))
    )
    with pytest.raises((ValueError, TypeError), match="sample_weight"):
        smm.top_k_accuracy_score(truth, scores, sample_weight=weight)


def test_documented_negative_weights_of_the_curves():
    truth, scores, _ = BASE["binary"]
    weight = np.where(np.arange(truth.size) % 3 == 0, -1.0, 1.0)
    with pytest.raises(ValueError):
        sk.roc_auc_score(truth, scores, sample_weight=weight)
    assert np.isfinite(sk.average_precision_score(truth, scores, sample_weight=weight))
    for func in (
        smm.roc_auc_score,
        smm.average_precision_score,
        partial(smm.recall_at_precision_score, min_precision=0.5),
    ):
        with pytest.raises(ValueError, match="sample_weight"):
            func(truth, scores, sample_weight=weight)


def test_the_docs_page_of_differences_is_the_contracts_table():
    from pathlib import Path

    from contract import render_differences

    page = Path(__file__).parents[1] / "docs" / "user_guide" / "differences.rst"
    assert page.read_text(encoding="utf-8") == render_differences(), (
        "regenerate: python tests/contract.py > docs/user_guide/differences.rst"
    )


def test_documented_ties_of_top_k():
    y = np.array([0, 1, 1, 0, 1])
    s = np.array([0.5, 0.5, 0.7, 0.2, 0.5])  # binary scores tied at 0.5
    assert sk.top_k_accuracy_score(y, s, k=1) == pytest.approx(0.6)
    # rows 0, 1, 4 tie between the classes: half a hit each under "average"
    assert smm.top_k_accuracy_score(y, s, k=1) == pytest.approx((1 + 1 + 1.5) / 5)
    assert smm.top_k_accuracy_score(y, s, k=1, ties="optimistic") == 1.0
    assert smm.top_k_accuracy_score(y, s, k=1, ties="pessimistic") == 0.4


def test_documented_unordered_labels_of_top_k():
    truth, scores, _ = BASE["multiclass"]
    order = [3, 2, 1, 0]
    with pytest.raises(ValueError):
        sk.top_k_accuracy_score(truth, scores[:, order], k=2, labels=order)
    assert smm.top_k_accuracy_score(
        truth, scores[:, order], k=2, labels=order
    ) == pytest.approx(sk.top_k_accuracy_score(truth, scores, k=2))


def test_documented_bytes_labels():
    truth, _, pred = BASE["multiclass"]
    as_bytes = np.array([b"a", b"b", b"c", b"d"])
    with pytest.raises(TypeError):
        sk.f1_score(as_bytes[truth], as_bytes[pred], average="macro")
    assert smm.f1_score(as_bytes[truth], as_bytes[pred], average="macro") == (
        pytest.approx(sk.f1_score(truth, pred, average="macro"))
    )


def test_documented_refusals():
    from decimal import Decimal

    days = np.array(["2020-01-01", "2020-01-02"] * 3, dtype="datetime64[D]")
    assert sk.f1_score(days, days, average="macro") == 1.0
    with pytest.raises((ValueError, TypeError), match="y_true"):
        smm.f1_score(days, days, average="macro")
    truth, _, pred = BASE["multilabel"]
    assert np.isnan(sk.f1_score(truth, pred, labels=[], average="macro"))
    with pytest.raises((ValueError, TypeError), match="labels"):
        smm.f1_score(truth, pred, labels=[], average="macro")
    y, s, _ = BASE["binary"]
    decimals = np.array([Decimal(str(v)) for v in s], dtype=object)
    with pytest.raises((ValueError, TypeError), match="y_pred"):
        smm.f1_score(y, decimals, threshold=0.5)
