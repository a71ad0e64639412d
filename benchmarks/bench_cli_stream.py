"""Peak memory and throughput of ``skmultimetrics report`` on .npy files larger
than a chunk (by default 20,000,000 x 100: 8 GB of float32 scores and 2 GB of int8
labels).

Run: ``python benchmarks/bench_cli_stream.py [--rows N] [--labels L] [--dir D]``

The files are written chunk by chunk into ``--dir`` (default: a temporary
directory, removed afterwards unless ``--keep``), then the report runs in a child
process, which prints its own peak resident memory (``VmHWM`` of
``/proc/self/status``, Linux) before exiting. The table gives the files' size,
the wall time, rows per second and the peak. Options of the report (``--k``,
``--thresholds``, ``--chunk-rows``) pass through after ``--``.
"""

import argparse
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import numpy as np
from _harness import machine_line

CHILD = textwrap.dedent(
    """
    import sys
    from skmultimetrics._cli._main import main

    code = main(["report", *sys.argv[1:], "--quiet", "--format", "json"])
    with open("/proc/self/status") as status:
        peak = [line.split()[1] for line in status if line.startswith("VmHWM:")]
    print("PEAK_KB", peak[0], "CODE", code, file=sys.stderr)
    """
)


def write_files(directory, n_rows, n_labels, chunk=500_000, seed=0):
    """Model-like scores and labels, written chunk by chunk (bounded memory)."""
    rng = np.random.default_rng(seed)
    prevalence = rng.uniform(0.01, 0.2, size=n_labels)
    y_path, s_path = directory / "y.npy", directory / "s.npy"
    y = np.lib.format.open_memmap(y_path, "w+", np.int8, (n_rows, n_labels))
    s = np.lib.format.open_memmap(s_path, "w+", np.float32, (n_rows, n_labels))
    for start in range(0, n_rows, chunk):
        stop = min(start + chunk, n_rows)
        truth = rng.random((stop - start, n_labels), dtype=np.float32) < prevalence
        logits = rng.standard_normal((stop - start, n_labels), dtype=np.float32)
        logits += 1.5 * truth
        y[start:stop] = truth
        s[start:stop] = 1 / (1 + np.exp(-logits))
    y.flush()
    s.flush()
    del y, s
    return y_path, s_path


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000_000)
    parser.add_argument("--labels", type=int, default=100)
    parser.add_argument("--dir", type=Path, default=None)
    parser.add_argument("--keep", action="store_true", help="keep the files")
    parser.add_argument("report_args", nargs="*", help="options of the report")
    args = parser.parse_args(argv)
    print(machine_line())
    directory = Path(args.dir or tempfile.mkdtemp(prefix="smm-bench-"))
    directory.mkdir(parents=True, exist_ok=True)
    try:
        start = time.perf_counter()
        y_path, s_path = write_files(directory, args.rows, args.labels)
        size_gb = (y_path.stat().st_size + s_path.stat().st_size) / 1e9
        print(f"wrote {size_gb:.1f} GB in {time.perf_counter() - start:.0f} s")
        start = time.perf_counter()
        child = subprocess.run(
            [sys.executable, "-c", CHILD, str(y_path), str(s_path), *args.report_args],
            capture_output=True,
            text=True,
        )
        seconds = time.perf_counter() - start
        tail = child.stderr.split()
        if child.returncode or "PEAK_KB" not in tail:
            sys.exit(f"the report failed: {child.stderr[-2000:]}")
        peak_mb = int(tail[tail.index("PEAK_KB") + 1]) / 1024
    finally:
        if not args.keep:
            shutil.rmtree(directory, ignore_errors=True)
    header = ("input", "files GB", "time s", "rows / s", "peak resident MB")
    row = (
        f"{args.rows:,} x {args.labels} float32 scores, int8 labels",
        f"{size_gb:.1f}",
        f"{seconds:.0f}",
        f"{args.rows / seconds:,.0f}",
        f"{peak_mb:,.0f}",
    )
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join(" --- " for _ in header) + "|")
    print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
