"""
=========================================================
Metrics of a training loop's batches
=========================================================

A PyTorch or Keras validation loop sees its predictions one batch at a time.
:class:`~skmultimetrics.MetricAccumulator` takes them as they come, keeps only
sums that add up, and gives the same numbers as the metric functions on the
concatenated arrays. Here a NumPy "model" stands in for the network, so the
example runs anywhere; with PyTorch the loop body is
``acc.update(y, torch.sigmoid(model(x)))``.
"""

import matplotlib.pyplot as plt
import numpy as np

import skmultimetrics as smm

rng = np.random.default_rng(0)
n_samples, n_labels = 5000, 20
weights = rng.normal(size=(30, n_labels))
X = rng.normal(size=(n_samples, 30))
Y = (X @ weights + rng.normal(scale=4, size=(n_samples, n_labels))) > 3


def model(x):
    """A fixed linear model with a sigmoid output, as a network's forward pass."""
    return 1 / (1 + np.exp(-(x @ weights - 3) / 4))


acc = smm.MetricAccumulator(
    ["f1_micro", "f1_macro", "subset_accuracy", "hamming_accuracy", "precision_at_3"]
)
for start in range(0, n_samples, 256):  # for x, y in loader:
    x, y = X[start : start + 256], Y[start : start + 256]
    acc.update(y, model(x))
print({name: round(value, 4) for name, value in acc.result().items()})

# %%
# The same numbers as the one-shot functions
# ------------------------------------------
scores = model(X)
print(round(smm.f1_score(Y, scores, threshold=0.5, average="macro"), 4))
print(round(smm.precision_at_k_score(Y, scores, k=3), 4))

# %%
# Workers each fill an accumulator, then merge
# --------------------------------------------
parts = [smm.MetricAccumulator(["f1_macro"]) for _ in range(4)]
for i, part in enumerate(parts):
    rows = slice(i * 1250, (i + 1) * 1250)
    part.update(Y[rows], scores[rows])
merged = parts[0]
for part in parts[1:]:
    merged.merge(part)
print(round(merged.result()["f1_macro"], 4))

# %%
# The running value, batch after batch
# ------------------------------------
# ``result()`` can be read at any time: the metric of the batches seen so far.
running = smm.MetricAccumulator(["f1_macro", "subset_accuracy"])
seen, history = [], {"f1_macro": [], "subset_accuracy": []}
for start in range(0, n_samples, 256):
    running.update(Y[start : start + 256], scores[start : start + 256])
    seen.append(min(start + 256, n_samples))
    for name, value in running.result().items():
        history[name].append(value)
fig, ax = plt.subplots(figsize=(5, 3))
for name, values in history.items():
    ax.plot(seen, values, label=name)
ax.set_xlabel("samples seen")
ax.legend()
fig.tight_layout()
