"""
=================================================================
The multi-label "accuracy": Keras' number and scikit-learn's
=================================================================

Keras' ``binary_accuracy`` averages label *cells*; scikit-learn's
``accuracy_score`` counts *samples* whose every label is right. On the same
predictions the two can differ by thirty points. This example builds a
multi-label problem, predicts it with a one-vs-rest logistic regression, and
shows both numbers, with the other averages of :func:`~skmultimetrics.f1_score`,
as the number of labels grows.
"""

import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import make_multilabel_classification
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.multiclass import OneVsRestClassifier

import skmultimetrics as smm

# %%
# One model, two accuracies
# -------------------------
X, Y = make_multilabel_classification(
    n_samples=1500, n_features=20, n_classes=10, n_labels=3, random_state=0
)
X_train, X_test, Y_train, Y_test = train_test_split(X, Y, random_state=0)
model = OneVsRestClassifier(LogisticRegression(max_iter=1000)).fit(X_train, Y_train)
scores = model.predict_proba(X_test)

hamming = smm.hamming_accuracy_score(Y_test, scores, threshold=0.5)
subset = smm.subset_accuracy_score(Y_test, scores, threshold=0.5)
print(f"hamming accuracy (Keras' binary_accuracy): {hamming:.3f}")
print(f"subset accuracy (scikit-learn's accuracy_score): {subset:.3f}")

# %%
# The gap grows with the number of labels
# ---------------------------------------
# A sample is an exact match only when every one of its labels is right, so
# subset accuracy falls with the number of labels while hamming accuracy
# barely moves.
counts = [2, 5, 10, 20, 40]
rows = []
for n_labels in counts:
    X, Y = make_multilabel_classification(
        n_samples=1500, n_features=20, n_classes=n_labels, n_labels=3, random_state=0
    )
    X_train, X_test, Y_train, Y_test = train_test_split(X, Y, random_state=0)
    model = OneVsRestClassifier(LogisticRegression(max_iter=1000))
    scores = model.fit(X_train, Y_train).predict_proba(X_test)
    rows.append(
        [
            smm.hamming_accuracy_score(Y_test, scores, threshold=0.5),
            smm.subset_accuracy_score(Y_test, scores, threshold=0.5),
            smm.f1_score(Y_test, scores, threshold=0.5, average="micro"),
            smm.f1_score(
                Y_test, scores, threshold=0.5, average="samples", zero_division=0
            ),
        ]
    )
rows = np.array(rows)

fig, ax = plt.subplots(figsize=(6, 4))
for column, name in enumerate(
    ["hamming accuracy", "subset accuracy", "micro F1", "samples F1"]
):
    ax.plot(counts, rows[:, column], marker="o", label=name)
ax.set_xscale("log")
ax.set_xticks(counts, [str(c) for c in counts])
ax.set_xlabel("number of labels")
ax.set_ylabel("score at cut-off 0.5")
ax.set_ylim(0, 1)
ax.legend()
ax.set_title("One kind of model, four numbers called accuracy or F1")
fig.tight_layout()
