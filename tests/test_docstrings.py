"""Docstring fragments (_metrics/_docstrings.py): each marker line of a metric
function's docstring is replaced by its one shared text."""

import pytest

import skmultimetrics as smm
from skmultimetrics._metrics._docstrings import _MARKER, FRAGMENTS, shared_docs

DOC = """Doc.

    Parameters
    ----------
    y_true : <y_true>
    k : <{key}>
    """


def _documented(key):
    def f(y_true, k):
        pass

    f.__doc__ = DOC.format(key=key)
    return f


def test_a_marker_line_becomes_its_fragment():
    text = shared_docs(_documented("k_at_k")).__doc__
    assert FRAGMENTS["y_true"] in text and FRAGMENTS["k_at_k"] in text
    assert "<" not in text


def test_an_unknown_key_fails_loudly():
    with pytest.raises(KeyError, match="no_such_fragment"):
        shared_docs(_documented("no_such_fragment"))


def test_no_public_function_keeps_a_marker_and_every_fragment_is_used():
    used = set()
    for name in smm.__all__:
        doc = getattr(smm, name).__doc__ or ""
        assert not _MARKER.search(doc), name
        used.update(key for key, text in FRAGMENTS.items() if text in doc)
    assert used == set(FRAGMENTS)
