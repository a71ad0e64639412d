"""scikit-learn's own tests of the six drop-ins, run against this package.

``sklearn/metrics/tests/test_classification.py`` of the installed scikit-learn
is imported and the six names this package replaces are rebound in that module
to this package's functions; its tests that call any of them are then collected
here. Every scikit-learn release so checks the claim "same values, warnings and
errors". The file is not copied: it is the installed release's own.
"""

import functools
import inspect
import re

import pytest
import sklearn.metrics

import skmultimetrics

suite = pytest.importorskip("sklearn.metrics.tests.test_classification")

DROP_INS = (
    "precision_score",
    "recall_score",
    "f1_score",
    "fbeta_score",
    "jaccard_score",
    "precision_recall_fscore_support",
)
# names looked up when a test runs
for _name in DROP_INS:
    setattr(suite, _name, getattr(skmultimetrics, _name))

# functions bound into parametrize marks when the suite was imported
_OURS = {id(getattr(sklearn.metrics, n)): getattr(skmultimetrics, n) for n in DROP_INS}


def _ours(value):
    """``value`` with scikit-learn's six functions replaced by this package's,
    also inside tuples, lists, ``functools.partial`` and ``pytest.param``."""
    if isinstance(value, functools.partial):
        return functools.partial(_ours(value.func), *value.args, **value.keywords)
    if hasattr(value, "_replace") and hasattr(value, "marks"):  # pytest.param
        return value._replace(values=_ours(value.values))
    if isinstance(value, (tuple, list)):
        return type(value)(_ours(v) for v in value)
    return _OURS.get(id(value), value)


def _rebound(test):
    marks = []
    for mark in getattr(test, "pytestmark", []):
        if mark.name == "parametrize":
            argnames, argvalues = mark.args[0], _ours(list(mark.args[1]))
            mark = pytest.mark.parametrize(argnames, argvalues, **mark.kwargs).mark
        marks.append(mark)
    if marks:
        test.pytestmark = marks
    return test


_CALLS = re.compile(r"\b(" + "|".join(DROP_INS) + r")\b")
globals().update(
    {
        name: _rebound(test)
        for name, test in vars(suite).items()
        if name.startswith("test_") and _CALLS.search(inspect.getsource(test))
    }
)
