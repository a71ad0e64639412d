"""
======================
Metrics on Dask arrays
======================

Every metric function takes ``dask.array`` inputs and returns the same float as
on NumPy: each row chunk is reduced to its counts on the workers, and the counts
are added in a tree. Nothing imports Dask until a Dask array arrives (the
``dask`` extra).
"""

import dask
import dask.array as da
import matplotlib.pyplot as plt
import numpy as np

import skmultimetrics as smm

rng = np.random.default_rng(0)
Y = rng.random((20000, 50)) < 0.1
P = np.clip(Y * 0.4 + rng.random((20000, 50)) * 0.6, 0, 1)
dY = da.from_array(Y, chunks=(4000, 50))
dP = da.from_array(P, chunks=(4000, 50))

with dask.config.set(scheduler="threads"):
    on_dask = smm.f1_score(dY, dP, threshold=0.5, average="macro")
    auc = smm.roc_auc_score(dY, dP, average="macro")
print("macro-F1 on Dask: ", on_dask)
print("macro-F1 on NumPy:", smm.f1_score(Y, P, threshold=0.5, average="macro"))
print("ROC AUC on Dask and NumPy:", auc, smm.roc_auc_score(Y, P))

# %%
# A stream of Dask batches
# ------------------------
acc = smm.MetricAccumulator(["f1_micro", "subset_accuracy", "precision_at_5"])
with dask.config.set(scheduler="threads"):
    acc.update(dY, dP)
print(acc.result())

# %%
# Per-label numbers on Dask
# -------------------------
with dask.config.set(scheduler="threads"):
    per_label = smm.f1_score(dY, dP, threshold=0.5, average=None)
fig, ax = plt.subplots(figsize=(6, 2.5))
ax.bar(range(per_label.size), per_label)
ax.set_xlabel("label")
ax.set_ylabel("F1 at 0.5")
fig.tight_layout()
