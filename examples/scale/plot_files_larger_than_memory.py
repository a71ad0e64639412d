"""
=============================================
Files larger than memory, from the shell
=============================================

``skmultimetrics report TRUE SCORES`` memory-maps ``.npy`` files and reads them
in row chunks, so its memory stays near one chunk whatever the size of the
files. Here two small files stand in for large ones, read in chunks of 1,000
rows.
"""

import subprocess
import sys
import tempfile
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np

import skmultimetrics as smm

rng = np.random.default_rng(0)
Y = rng.random((10000, 8)) < 0.2
P = np.clip(Y * 0.35 + rng.random((10000, 8)) * 0.65, 0, 1).astype(np.float32)

folder = Path(tempfile.mkdtemp())
np.save(folder / "y_true.npy", Y.astype(np.int8))
np.save(folder / "scores.npy", P)

command = [
    sys.executable,
    "-m",
    "skmultimetrics",
    "report",
    str(folder / "y_true.npy"),
    str(folder / "scores.npy"),
    "--thresholds",
    "0.3,0.5,0.7",
    "--chunk-rows",
    "1000",
    "--quiet",
]
print(
    "$ skmultimetrics report y_true.npy scores.npy --thresholds 0.3,0.5,0.7 "
    "--chunk-rows 1000"
)
print(subprocess.run(command, capture_output=True, text=True, check=True).stdout)

# %%
# The same numbers from the functions
# -----------------------------------
# The report's macro-F1 at each cut-off, from the arrays held in memory.
cut_offs = [0.3, 0.5, 0.7]
macro = [smm.f1_score(Y, P, threshold=t, average="macro") for t in cut_offs]
print([round(value, 4) for value in macro])
fig, ax = plt.subplots(figsize=(4, 2.5))
ax.plot(cut_offs, macro, "o-")
ax.set_xlabel("cut-off")
ax.set_ylabel("macro-F1")
fig.tight_layout()
