"""One accumulator, several threads: a lock for its state, a workspace per thread.

A :class:`MetricAccumulator` keeps scratch buffers (a
:class:`~skmultimetrics._counts._sums.Workspace`) from one batch to the next. Two
threads counting into one workspace at once overwrite each other's predictions,
so each :meth:`Guard.workspace` call takes a workspace of its own from a pool
(made on demand, one per thread counting at the same time) and gives it back;
the counting runs in parallel. Adding the counted sums to the accumulator's state
(a read, an addition, a write) happens under :attr:`Guard.lock`.

A lock does not pickle or copy, so a guard pickles and copies as a new one (no
buffers, an unlocked lock): accumulators stay picklable and ``copy.deepcopy``-able.
"""

import contextlib
import threading

from .._counts._statistics import Workspace


class Guard:
    """A lock and a pool of workspaces; pickles and copies as a fresh guard."""

    def __init__(self):
        self.lock = threading.Lock()
        self._pool = []

    @contextlib.contextmanager
    def workspace(self):
        """A workspace that no other thread uses until the ``with`` block ends."""
        with self.lock:
            workspace = self._pool.pop() if self._pool else Workspace()
        try:
            yield workspace
        finally:
            with self.lock:
                self._pool.append(workspace)

    def __reduce__(self):
        return (Guard, ())
