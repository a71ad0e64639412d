"""Timing harness shared by the benchmark scripts: best-of-n timings, one table."""

import gc
import os
import platform
import time

import numpy as np
import scipy
import sklearn


def best_time(func, repeats):
    """Best wall time of ``repeats`` calls (the machine is shared and noisy)."""
    best = float("inf")
    for _ in range(repeats):
        gc.collect()
        start = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - start)
    return best


def machine_line():
    return (
        f"python {platform.python_version()}, numpy {np.__version__}, "
        f"scipy {scipy.__version__}, scikit-learn {sklearn.__version__}, "
        f"{os.cpu_count()} CPUs"
    )


def read_bandwidth(nbytes=256 * 2**20, repeats=5):
    """Bytes per second one core reads from memory, measured now.

    The best of a float64 sum and a count of nonzero bytes over a buffer far
    larger than the caches: what reading the inputs once costs at the least,
    the physical floor of a metric that must read them.
    """
    numbers = np.ones(nbytes // 8)
    seconds = min(
        best_time(numbers.sum, repeats),
        best_time(lambda: np.count_nonzero(numbers.view(np.uint8)), repeats),
    )
    return nbytes / seconds


class Table:
    """Rows of (case, ours, scikit-learn, NumPy pass) seconds; prints ratios.

    The NumPy pass is a plain NumPy computation over the same arrays (what a
    hand-written metric would cost), not a lower bound. With ``bandwidth``
    (bytes per second, from :func:`read_bandwidth`), each row also gets the
    physical floor: the bytes the metric must read at that bandwidth.
    """

    def __init__(self, bandwidth=None):
        self.rows, self.bandwidth = [], bandwidth
        self.header = ("case", "ours ms", "sklearn ms", "NumPy ms", "ours/NumPy")
        if bandwidth is not None:
            self.header += ("read floor ms", "ours/read floor")
        self.header += ("speed-up",)

    def add(self, case, ours, sklearn_time, numpy_pass, agree=True, nbytes=None):
        cells = (
            case + ("" if agree else "  (VALUES DIFFER)"),
            f"{ours * 1e3:.1f}",
            "-" if sklearn_time is None else f"{sklearn_time * 1e3:.0f}",
            f"{numpy_pass * 1e3:.1f}",
            f"{ours / numpy_pass:.2f}",
        )
        if self.bandwidth is not None:
            floor = nbytes / self.bandwidth
            cells += (f"{floor * 1e3:.1f}", f"{ours / floor:.1f}")
        cells += ("-" if sklearn_time is None else f"{sklearn_time / ours:.0f}x",)
        self.rows.append(cells)
        print("  ".join(cells), flush=True)

    def render(self, markdown=False):
        rows = [self.header, *self.rows]
        if markdown:
            lines = ["| " + " | ".join(r) + " |" for r in rows]
            lines.insert(1, "|" + "|".join(" --- " for _ in self.header) + "|")
            return "\n".join(lines)
        widths = [max(len(r[i]) for r in rows) for i in range(len(self.header))]
        return "\n".join(
            "  ".join(
                c.ljust(w) if i == 0 else c.rjust(w)
                for i, (c, w) in enumerate(zip(r, widths))
            )
            for r in rows
        )
