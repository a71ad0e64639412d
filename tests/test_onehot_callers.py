"""caller_stacklevel() skips the package's and the calling libraries' own
directories, not files whose path merely starts with their names."""

import os

from skmultimetrics._checks import _onehot


def test_caller_directories_end_with_a_separator():
    assert _onehot._CALLERS
    for directory in _onehot._CALLERS:
        assert directory.endswith(os.sep)
        assert os.path.isdir(directory)
    package = os.path.dirname(os.path.dirname(os.path.abspath(_onehot.__file__)))
    assert os.path.join(package, "") in _onehot._CALLERS
    beside = package + "_demo.py"  # a user's file next to a checkout's package
    assert not beside.startswith(_onehot._CALLERS)
