"""
====================================================
Which cut-off should each label use? Saved scores
====================================================

A Keras or PyTorch model has produced validation scores. Instead of looping over
0.1 ... 0.9 by hand, :func:`~skmultimetrics.threshold_sweep` evaluates every
distinct cut-off of every label exactly (one sort per label), and
:func:`~skmultimetrics.optimize_thresholds` returns the cut-offs that maximise a
macro, micro or samples objective. The cut-offs are then applied to the test
scores with ``threshold=``.
"""

from sklearn.datasets import make_multilabel_classification
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.multiclass import OneVsRestClassifier

import skmultimetrics as smm

X, Y = make_multilabel_classification(
    n_samples=3000, n_features=20, n_classes=6, n_labels=2, random_state=1
)
X_fit, X_rest, Y_fit, Y_rest = train_test_split(X, Y, test_size=0.6, random_state=0)
X_val, X_test, Y_val, Y_test = train_test_split(
    X_rest, Y_rest, test_size=0.5, random_state=0
)
model = OneVsRestClassifier(LogisticRegression(max_iter=1000)).fit(X_fit, Y_fit)
val_scores, test_scores = model.predict_proba(X_val), model.predict_proba(X_test)

# %%
# Every cut-off of every label, exactly
# -------------------------------------
sweep = smm.threshold_sweep(Y_val, val_scores, metric="f1")
print("best cut-off per label:", sweep.best_thresholds.round(3))
print("best F1 per label:     ", sweep.best_scores.round(3))

# %%
# Cut-offs for an objective that averages the labels
# --------------------------------------------------
for scoring in ("f1_macro", "f1_micro", "f1_samples"):
    tuned = smm.optimize_thresholds(Y_val, val_scores, scoring=scoring)
    at_half = smm.f1_score(
        Y_test, test_scores, threshold=0.5, average=scoring.split("_")[1]
    )
    at_tuned = smm.f1_score(
        Y_test, test_scores, threshold=tuned.thresholds, average=scoring.split("_")[1]
    )
    print(f"{scoring}: test {at_half:.3f} at 0.5, {at_tuned:.3f} at the tuned cut-offs")

# %%
# Look at the curves
# ------------------
# Each label's F1 against its cut-off, with the macro-F1 cut-offs and 0.5 marked.
tuned = smm.optimize_thresholds(Y_val, val_scores, scoring="f1_macro")
display = smm.ThresholdCurveDisplay.from_predictions(
    Y_val, val_scores, metric="f1", thresholds=tuned.thresholds
)
display.figure_.set_size_inches(7, 4.5)
