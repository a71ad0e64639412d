"""
=======================================
Multiclass decisions: class weights
=======================================

On a multiclass target the decision is ``argmax(proba / thresholds)``, one
positive threshold per class (mlr3's convention; thresholds of 1 are the plain
argmax). :func:`~skmultimetrics.optimize_thresholds` finds them on validation
probabilities by exact coordinate ascent, and
:class:`~skmultimetrics.ThresholdOptimizer` by cross-validation, keeping them
only where a cross-validated estimate says they beat the argmax.
"""

import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split

import skmultimetrics as smm

X, y = make_classification(
    n_samples=3000,
    n_features=10,
    n_informative=6,
    n_classes=4,
    weights=[0.7, 0.2, 0.07, 0.03],
    random_state=0,
)
X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y, random_state=0)
model = smm.ThresholdOptimizer(
    LogisticRegression(max_iter=1000), scoring="f1_macro", keep_tuned="always"
).fit(X_train, y_train)
print("class thresholds:", model.thresholds_.round(3))
argmax = model.estimator_.predict(X_test)
tuned = model.predict(X_test)
print("test macro-F1, argmax:", round(smm.f1_score(y_test, argmax, average="macro"), 3))
print("test macro-F1, tuned: ", round(smm.f1_score(y_test, tuned, average="macro"), 3))

# %%
# Per-class recall before and after
# ---------------------------------
before = smm.recall_score(y_test, argmax, average=None)
after = smm.recall_score(y_test, tuned, average=None)
classes = np.arange(4)
fig, ax = plt.subplots(figsize=(6, 4))
ax.bar(classes - 0.2, before, width=0.4, label="argmax")
ax.bar(classes + 0.2, after, width=0.4, label="tuned class weights")
ax.set_xticks(classes, [f"class {c}\n({np.mean(y_test == c):.0%})" for c in classes])
ax.set_ylabel("test recall")
ax.legend()
fig.tight_layout()
