"""
=====================================================
Deploying saved cut-offs in a pipeline
=====================================================

Cut-offs tuned once, on validation scores or with the command line's
``skmultimetrics report --tune --output cutoffs.json``, are applied around an
estimator by :class:`~skmultimetrics.FixedThresholdClassifier`: one cut-off per
label for multi-label targets, class weights for multiclass ones, a cut-off for
binary ones (as scikit-learn's class of the same name).
"""

import json
import tempfile
from pathlib import Path

import matplotlib.pyplot as plt
from sklearn.datasets import make_multilabel_classification
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

import skmultimetrics as smm

X, Y = make_multilabel_classification(
    n_samples=1200, n_features=20, n_classes=5, random_state=5
)
X_fit, X_rest, Y_fit, Y_rest = train_test_split(X, Y, test_size=0.5, random_state=0)
X_val, X_test, Y_val, Y_test = train_test_split(
    X_rest, Y_rest, test_size=0.5, random_state=0
)
model = make_pipeline(
    StandardScaler(), OneVsRestClassifier(LogisticRegression(max_iter=1000))
)
model.fit(X_fit, Y_fit)

# %%
# Tune on validation scores, save, deploy
# ---------------------------------------
tuned = smm.optimize_thresholds(Y_val, model.predict_proba(X_val), scoring="f1_macro")
path = Path(tempfile.mkdtemp()) / "cutoffs.json"
path.write_text(json.dumps({"thresholds": tuned.thresholds.tolist()}))

deployed = smm.FixedThresholdClassifier(model, threshold=str(path))
deployed.fit(X_fit, Y_fit)
print("cut-offs applied:", deployed.thresholds_.round(3))
print(
    "test macro-F1 at 0.5:       ",
    round(smm.f1_score(Y_test, model.predict(X_test), average="macro"), 3),
)
print(
    "test macro-F1, saved cut-offs:",
    round(smm.f1_score(Y_test, deployed.predict(X_test), average="macro"), 3),
)

fig, ax = plt.subplots(figsize=(5, 2.5))
ax.bar(range(deployed.thresholds_.size), deployed.thresholds_, label="saved cut-off")
ax.axhline(0.5, color="k", linestyle="--", label="0.5")
ax.set_xlabel("label")
ax.set_ylabel("cut-off")
ax.legend()
fig.tight_layout()
