"""
=========================================================
Exact metrics across processes, and in Hugging Face
=========================================================

Under DDP each process scores a shard of the validation set. The mean of the
per-process metrics is not the metric of the set: counts add up, ratios do
not. :func:`skmultimetrics.torch.sync` adds up the accumulators' sums across
processes instead, so every rank gets the whole set's numbers. Here the two
"ranks" are two shards in one process; under ``torchrun`` each rank calls
``sync(acc)`` on its own accumulator and gets the merged one.
"""

import matplotlib.pyplot as plt
import numpy as np
import torch

import skmultimetrics as smm
from skmultimetrics.torch import compute_metrics, sync

torch.manual_seed(0)
rng = np.random.default_rng(0)
n_samples, n_features, n_labels = 2000, 16, 8
X = torch.from_numpy(rng.normal(size=(n_samples, n_features)).astype(np.float32))
W = rng.normal(size=(n_features, n_labels))
Y = torch.from_numpy(
    (X.numpy() @ W + rng.normal(scale=3, size=(n_samples, n_labels))) > 2
)
model = torch.nn.Linear(n_features, n_labels)  # an untrained network

# %%
# Two ranks with uneven shards
# ----------------------------
names = ["f1_macro", "subset_accuracy", "precision_at_2"]
shards = [slice(0, 600), slice(600, n_samples)]
ranks = []
with torch.no_grad():
    for shard in shards:
        acc = smm.MetricAccumulator(names, zero_division=0.0)
        for start in range(shard.start, shard.stop, 128):  # the rank's loader
            rows = slice(start, min(start + 128, shard.stop))
            acc.update(Y[rows], torch.sigmoid(model(X[rows])))
        ranks.append(acc)

averaged = np.mean([acc.result()["f1_macro"] for acc in ranks])
exact = ranks[0].merge(ranks[1]).result()["f1_macro"]  # what sync computes
with torch.no_grad():
    whole = smm.f1_score(
        Y.numpy(), torch.sigmoid(model(X)).numpy(), threshold=0.5, average="macro"
    )
print(f"mean of the ranks' F1: {averaged:.6f}")
print(f"synced F1:             {exact:.6f}")
print(f"F1 of the whole set:   {whole:.6f}")

# %%
# The gap depends on how the set is cut: the mean of the ranks' F1 moves with
# the shard sizes, the synced F1 does not.
with torch.no_grad():
    scores = torch.sigmoid(model(X)).numpy()
cuts = np.arange(100, n_samples, 100)
means = [
    np.mean(
        [
            smm.f1_score(Y.numpy()[part], scores[part], threshold=0.5,
                         average="macro", zero_division=0.0)
            for part in (slice(0, cut), slice(cut, n_samples))
        ]
    )
    for cut in cuts
]  # fmt: skip
fig, ax = plt.subplots(figsize=(6, 3.2))
ax.plot(cuts, means, "o-", label="mean of the 2 ranks' F1")
ax.axhline(whole, color="black", label="synced F1 = F1 of the whole set")
ax.set_xlabel("rows on rank 0 (of 2,000)")
ax.set_ylabel("macro F1")
ax.legend()
fig.tight_layout()

# %%
# Without ``torch.distributed`` initialized (one process), ``sync`` returns a
# copy, so the same evaluation code runs on one device and under DDP.
print(sync(ranks[0]).result() == ranks[0].result())

# %%
# Hugging Face's ``Trainer``
# --------------------------
# ``compute_metrics`` is called by the Trainer with the logits and the labels
# (here by hand). Labels of -100 (padding, masked tokens) are left out, logits
# go through a softmax for class indices (a sigmoid for label matrices), and
# ``neg_hamming_loss`` is logged as ``hamming_loss``: the Trainer takes names
# ending in "loss" as lower-is-better, so ``metric_for_best_model=
# "hamming_loss"`` keeps the best checkpoint.
logits = rng.normal(size=(12, 3))
labels = np.array([0, 1, 2, -100, 1, 1, 0, -100, 2, 2, 0, 1])
metrics = compute_metrics(["accuracy", "f1_macro"])
print(metrics((logits, labels)))
multi = compute_metrics(["f1_micro", "neg_hamming_loss"])
print(multi((logits, (rng.random((12, 3)) < 0.5).astype(np.float32))))
