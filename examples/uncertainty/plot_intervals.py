"""
=====================================================
Intervals, and "is model A better than B?"
=====================================================

A macro-F1 measured on a test set is an estimate.
:func:`~skmultimetrics.confidence_interval` gives its interval (test-set
sampling, for a fixed model and fixed cut-offs), and
:func:`~skmultimetrics.compare_predictions` the paired difference of two models
on the same test samples, which is much tighter than comparing two intervals.
"""

import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import make_multilabel_classification
from sklearn.ensemble import RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.multiclass import OneVsRestClassifier

import skmultimetrics as smm

X, Y = make_multilabel_classification(
    n_samples=1500, n_features=20, n_classes=6, n_labels=2, random_state=4
)
X_train, X_test, Y_train, Y_test = train_test_split(X, Y, test_size=0.4, random_state=0)
forest = RandomForestClassifier(n_estimators=100, random_state=0).fit(X_train, Y_train)
linear = OneVsRestClassifier(LogisticRegression(max_iter=1000)).fit(X_train, Y_train)
# a multi-output forest's predict_proba is one (n, 2) array per label
p_forest = np.column_stack([p[:, 1] for p in forest.predict_proba(X_test)])
p_linear = linear.predict_proba(X_test)

# %%
# Each model's macro-F1 with its interval
# ---------------------------------------
names = ["f1_macro", "f1_micro", "subset_accuracy", "roc_auc_macro"]
results = {
    model: smm.confidence_interval(
        Y_test, scores, metric=names, threshold=0.5, random_state=0
    )
    for model, scores in (("forest", p_forest), ("logistic", p_linear))
}
for model, by_name in results.items():
    for name, ci in by_name.items():
        print(
            f"{model:>8} {name:>16}: {ci.estimate:.3f} [{ci.low:.3f}, {ci.high:.3f}]"
            f" ({ci.method})"
        )

# %%
# The paired difference
# ---------------------
diff = smm.compare_predictions(
    Y_test, p_forest, p_linear, metric="f1_macro", threshold=0.5, random_state=0
)
print(
    f"forest - logistic: {diff.difference:+.3f} "
    f"[{diff.low:+.3f}, {diff.high:+.3f}], p = {diff.p_value:.3g}"
)

fig, ax = plt.subplots(figsize=(6.5, 3.8))
for row, name in enumerate(names):
    for shift, (model, color) in zip(
        (-0.15, 0.15), (("forest", "tab:green"), ("logistic", "tab:blue"))
    ):
        ci = results[model][name]
        ax.errorbar(
            ci.estimate,
            row + shift,
            xerr=[[ci.estimate - ci.low], [ci.high - ci.estimate]],
            fmt="o",
            color=color,
            label=model if row == 0 else None,
            capsize=3,
        )
ax.set_yticks(range(len(names)), names)
ax.set_xlabel("test-set value with its 95 % interval")
ax.legend(loc="lower right")
fig.tight_layout()
