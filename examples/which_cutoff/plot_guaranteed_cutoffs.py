"""
=========================================================
A screening model with a recall floor, and a guarantee
=========================================================

A screening model flags samples for a closer look: each label must keep its
recall at 0.9 at least, and among the cut-offs that do, we want the fewest
false alarms (the highest precision). ``constraint=("recall", 0.9)`` picks,
per label, the best cut-off whose recall on the *tuning* scores reaches 0.9.
On new data about half the labels then fall below the floor: the cut-off sits
at the edge, and the recall measured on the tuning rows is an estimate.

``confidence_level=0.95`` chooses among cut-offs *certified* to keep recall at
0.9 on the population, each with probability at least 0.95 (exact bounds from
order statistics; see :ref:`guaranteed-cutoffs`). Here a model is fitted on
one part of the data, its cut-offs are tuned on a calibration part, and both
rules are checked on 100,000 new rows, again and again.
"""

import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import make_multilabel_classification
from sklearn.linear_model import LogisticRegression
from sklearn.multioutput import MultiOutputClassifier

from skmultimetrics import optimize_thresholds, recall_score

X, Y = make_multilabel_classification(
    n_samples=112_000, n_features=20, n_classes=8, n_labels=2, random_state=0
)
train, rest = slice(0, 2_000), slice(2_000, None)
model = MultiOutputClassifier(LogisticRegression(max_iter=1000)).fit(X[train], Y[train])
scores = np.column_stack([p[:, 1] for p in model.predict_proba(X[rest])])
Y_rest = Y[rest]

# %%
# One calibration set of 2,000 rows; the other rows are new data
# --------------------------------------------------------------
rng = np.random.default_rng(0)
order = rng.permutation(len(Y_rest))
cal, new = order[:2_000], order[2_000:]
kwargs = dict(scoring="precision_macro", constraint=("recall", 0.9))
point = optimize_thresholds(Y_rest[cal], scores[cal], **kwargs)
sure = optimize_thresholds(Y_rest[cal], scores[cal], confidence_level=0.95, **kwargs)
for name, found in [("tuning data only", point), ("confidence 0.95", sure)]:
    recall = recall_score(Y_rest[new], scores[new], threshold=found.thresholds,
                          average=None)  # fmt: skip
    print(f"{name:17s} recall on new data: {np.round(recall, 3)}")
print("certified lower bounds:          ", np.round(sure.constraint_bound, 3))

# %%
# Repeated: how often does a label fall below 0.9 on new data?
# ------------------------------------------------------------
# Each repetition draws another calibration set; the rest of the rows measure
# the population's recall at the chosen cut-offs.
below = {"tuning data only": [], "confidence 0.95": []}
for _ in range(40):
    order = rng.permutation(len(Y_rest))
    cal, new = order[:2_000], order[2_000:]
    for name, level in [("tuning data only", None), ("confidence 0.95", 0.95)]:
        found = optimize_thresholds(
            Y_rest[cal], scores[cal], confidence_level=level, **kwargs
        )
        recall = recall_score(Y_rest[new], scores[new], threshold=found.thresholds,
                              average=None)  # fmt: skip
        below[name].append(recall < 0.9)

fig, ax = plt.subplots(figsize=(6.4, 3.4))
width = 0.4
for i, (name, misses) in enumerate(below.items()):
    share = np.mean(misses, axis=0)
    ax.bar(np.arange(Y.shape[1]) + (i - 0.5) * width, share, width, label=name)
    print(f"{name:17s} share of labels below 0.9: {np.mean(misses):.3f}")
ax.axhline(0.05, color="black", linestyle="--", label="promised at most 0.05")
ax.set_xlabel("label")
ax.set_ylabel("share of repetitions below 0.9")
ax.legend(fontsize=8)
fig.tight_layout()

# %%
# The certified cut-offs are lower (more rows flagged): that is the price of
# the guarantee, and it shrinks as the calibration set grows. Use
# ``simultaneous=True`` for a promise about every label at once, and
# ``ThresholdOptimizer(..., constraint=..., confidence_level=0.95,
# cv="prefit")`` for the same inside a pipeline.
