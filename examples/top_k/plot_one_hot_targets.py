"""
===============================================================
One-hot (Keras) targets: multiclass, not multi-label
===============================================================

Keras' ``to_categorical`` targets are one-hot matrices, and softmax scores sum
to 1 over each row. At a cut-off such as 0.5 they are scored label by label, and
a sample whose best score is 0.4 predicts no class at all. ``threshold="argmax"``
scores them as one class per sample: the numbers of ``argmax(y_true)`` against
``argmax(y_score)``, as scikit-learn gives them on class indices. A numeric
cut-off on one-hot truth with softmax rows warns.
"""

import warnings

import matplotlib.pyplot as plt
import numpy as np
from sklearn import metrics as sk

import skmultimetrics as smm

rng = np.random.default_rng(0)
n_samples, n_classes = 2000, 10
y = rng.integers(0, n_classes, n_samples)
logits = rng.normal(size=(n_samples, n_classes)) + 1.8 * np.eye(n_classes)[y]
softmax = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
one_hot = np.eye(n_classes)[y]  # keras.utils.to_categorical(y)

print(
    "accuracy, argmax:      ",
    smm.subset_accuracy_score(one_hot, softmax, threshold="argmax"),
)
print("scikit-learn, indices: ", sk.accuracy_score(y, softmax.argmax(axis=1)))
print(
    "macro-F1, argmax:      ",
    round(smm.f1_score(one_hot, softmax, threshold="argmax", average="macro"), 4),
)

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    at_half = smm.subset_accuracy_score(one_hot, softmax, threshold=0.5)
print("accuracy at cut-off 0.5 (label by label):", at_half)
print("warning:", caught[0].message)

# %%
# In a stream
# -----------
acc = smm.MetricAccumulator(
    ["f1_macro", "accuracy", "top5_accuracy"], threshold="argmax"
)
for start in range(0, n_samples, 500):
    acc.update(one_hot[start : start + 500], softmax[start : start + 500])
print(acc.result())

fig, ax = plt.subplots(figsize=(5, 2.5))
ax.barh(
    ["cut-off 0.5, label by label", 'threshold="argmax"'],
    [at_half, acc.result()["accuracy"]],
)
ax.set_xlabel("accuracy of the same softmax scores")
fig.tight_layout()
