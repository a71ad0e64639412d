"""
===================================================
Which cut-off should each label use? By CV
===================================================

:class:`~skmultimetrics.ThresholdOptimizer` wraps a scikit-learn classifier:
``fit`` gets out-of-fold scores by cross-validation, chooses one cut-off per
label that maximises the objective on them, and refits the estimator on all the
data. It costs ``cv + 1`` fits whatever the number of labels; scikit-learn's
``TunedThresholdClassifierCV`` refuses multi-label targets.
"""

from sklearn.datasets import make_multilabel_classification
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import train_test_split

import skmultimetrics as smm

X, Y = make_multilabel_classification(
    n_samples=900, n_classes=6, allow_unlabeled=False, random_state=0
)
X_train, X_test, Y_train, Y_test = train_test_split(X, Y, random_state=0)
forest = RandomForestClassifier(n_estimators=100, random_state=0)
tuned = smm.ThresholdOptimizer(forest, scoring="f1_macro", cv=5).fit(X_train, Y_train)

print("tuned cut-offs:", tuned.thresholds_.round(3))
print(
    "test macro-F1 at 0.5:       ",
    round(smm.f1_score(Y_test, tuned.estimator_.predict(X_test), average="macro"), 3),
)
print(
    "test macro-F1 at the tuned: ",
    round(smm.f1_score(Y_test, tuned.predict(X_test), average="macro"), 3),
)

# %%
# The test set's curves, with the tuned cut-offs marked
# -----------------------------------------------------
display = smm.ThresholdCurveDisplay.from_estimator(tuned, X_test, Y_test)
display.figure_.set_size_inches(7, 4.5)

# %%
# The tuned cut-offs against 0.5 in one table
# -------------------------------------------
print(
    smm.multilabel_report(
        Y_test,
        tuned.predict_proba(X_test),
        thresholds=[0.5, tuned.thresholds_],
        digits=3,
    )
)
