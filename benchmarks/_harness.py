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


class Table:
    """Rows of (case, ours, scikit-learn, floor) seconds; prints ratios."""

    header = ("case", "ours ms", "sklearn ms", "floor ms", "ours/floor", "speed-up")

    def __init__(self):
        self.rows = []

    def add(self, case, ours, sklearn_time, floor, agree=True):
        cells = (
            case + ("" if agree else "  (VALUES DIFFER)"),
            f"{ours * 1e3:.1f}",
            "-" if sklearn_time is None else f"{sklearn_time * 1e3:.0f}",
            f"{floor * 1e3:.1f}",
            f"{ours / floor:.2f}",
            "-" if sklearn_time is None else f"{sklearn_time / ours:.0f}x",
        )
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
