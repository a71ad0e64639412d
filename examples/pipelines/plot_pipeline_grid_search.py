"""
=========================================================
Tuning cut-offs inside a Pipeline and a GridSearchCV
=========================================================

:class:`~skmultimetrics.ThresholdOptimizer` is a scikit-learn meta-estimator: it
goes into a :class:`~sklearn.pipeline.Pipeline`, and a
:class:`~sklearn.model_selection.GridSearchCV` searches its own parameters and
its estimator's (``estimator__C``) together.

Pass ``scoring=`` to the grid search. Without it, scikit-learn ranks the
candidates by the classifier's ``score`` method, accuracy, which on a
multi-label target is subset accuracy, not the tuned objective.
"""

import matplotlib.pyplot as plt
from sklearn.datasets import make_multilabel_classification
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GridSearchCV, train_test_split
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

import skmultimetrics as smm

X, Y = make_multilabel_classification(
    n_samples=800, n_features=20, n_classes=5, random_state=2
)
X_train, X_test, Y_train, Y_test = train_test_split(X, Y, random_state=0)

pipeline = make_pipeline(
    StandardScaler(),
    smm.ThresholdOptimizer(
        OneVsRestClassifier(LogisticRegression(max_iter=1000)), scoring="f1_macro"
    ),
)
search = GridSearchCV(
    pipeline,
    param_grid={
        "thresholdoptimizer__estimator__estimator__C": [0.01, 0.1, 1.0],
        "thresholdoptimizer__strategy": ["per_label", "global"],
    },
    scoring=smm.get_scorer("f1_macro"),
    cv=3,
).fit(X_train, Y_train)

print("best parameters:", search.best_params_)
print("cross-validated macro-F1:", round(search.best_score_, 3))
print(
    "test macro-F1:",
    round(smm.f1_score(Y_test, search.predict(X_test), average="macro"), 3),
)
print("tuned cut-offs:", search.best_estimator_[-1].thresholds_.round(3))

# %%
# The grid
# --------
results = search.cv_results_
fig, ax = plt.subplots(figsize=(5, 3))
for strategy in ("per_label", "global"):
    rows = results["param_thresholdoptimizer__strategy"] == strategy
    ax.plot(
        results["param_thresholdoptimizer__estimator__estimator__C"][rows].astype(
            float
        ),
        results["mean_test_score"][rows],
        "o-",
        label=strategy,
    )
ax.set_xscale("log")
ax.set_xlabel("C")
ax.set_ylabel("cross-validated macro-F1")
ax.legend()
fig.tight_layout()
