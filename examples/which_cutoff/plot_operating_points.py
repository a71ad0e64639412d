"""
=============================================================
Operating points and tuning under a constraint
=============================================================

A screening model must keep its precision at 90 %: what recall does it reach?
:func:`~skmultimetrics.recall_at_precision_score` answers from one sort per
label (exactly, not on a grid of cut-offs), and
:func:`~skmultimetrics.optimize_thresholds` with ``constraint=`` returns the
cut-offs that reach it.
"""

import matplotlib.pyplot as plt
from sklearn.datasets import make_multilabel_classification
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import precision_recall_curve
from sklearn.model_selection import cross_val_predict
from sklearn.multiclass import OneVsRestClassifier

import skmultimetrics as smm

X, Y = make_multilabel_classification(
    n_samples=1500, n_features=20, n_classes=4, n_labels=2, random_state=3
)
scores = cross_val_predict(
    OneVsRestClassifier(LogisticRegression(max_iter=1000)),
    X,
    Y,
    cv=5,
    method="predict_proba",
)

per_label = smm.recall_at_precision_score(Y, scores, min_precision=0.9, average=None)
print("recall at precision >= 0.9, per label:", per_label.round(3))

tuned = smm.optimize_thresholds(
    Y, scores, scoring="recall_macro", constraint=("precision", 0.9)
)
print("cut-offs:", tuned.thresholds.round(3))
print(
    "precision there:",
    smm.precision_score(Y, scores, threshold=tuned.thresholds, average=None).round(3),
)

# %%
# The operating points on each label's precision-recall curve
# -----------------------------------------------------------
fig, ax = plt.subplots(figsize=(6, 4.5))
for label in range(Y.shape[1]):
    precision, recall, _ = precision_recall_curve(Y[:, label], scores[:, label])
    (line,) = ax.plot(recall, precision, label=f"label {label}")
    ax.plot(per_label[label], 0.9, "o", color=line.get_color())
ax.axhline(0.9, color="grey", linestyle=":", label="precision 0.9")
ax.set_xlabel("recall")
ax.set_ylabel("precision")
ax.legend(loc="lower left")
fig.tight_layout()
