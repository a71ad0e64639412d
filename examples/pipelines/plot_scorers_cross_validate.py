"""
=====================================================
Every metric as a scorer in ``cross_validate``
=====================================================

:func:`~skmultimetrics.get_scorer` gives scikit-learn scorer objects for every
metric of the package. Pass the objects (scikit-learn checks a ``scoring=``
string against its own names): alone, in a list, or in a dict for a
multi-metric search. Ranking scorers read ``predict_proba`` with the estimator's
``classes_``, so they are right for every multi-output layout.
"""

import matplotlib.pyplot as plt
from sklearn.datasets import make_multilabel_classification
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import cross_validate

import skmultimetrics as smm

X, Y = make_multilabel_classification(
    n_samples=600, n_classes=8, n_labels=2, random_state=0
)
names = [
    "subset_accuracy",
    "hamming_accuracy",
    "f1_micro",
    "f1_macro",
    "f1_samples",
    "precision_at_3",
    "ndcg_at_3",
    "roc_auc_macro",
]
scoring = {name: smm.get_scorer(name) for name in names}
results = cross_validate(
    RandomForestClassifier(n_estimators=50, random_state=0), X, Y, cv=5, scoring=scoring
)

means = [results[f"test_{name}"].mean() for name in names]
spread = [results[f"test_{name}"].std() for name in names]
for name, mean, std in zip(names, means, spread):
    print(f"{name:>18}: {mean:.3f} ± {std:.3f}")

fig, ax = plt.subplots(figsize=(7, 4))
ax.barh(names, means, xerr=spread, color="tab:blue")
ax.set_xlim(0, 1)
ax.set_xlabel("mean over 5 folds (± standard deviation)")
ax.set_title("One model, eight numbers")
fig.tight_layout()
