"""
==============================================
Top-5 accuracy, from class labels or one-hot
==============================================

:func:`~skmultimetrics.top_k_accuracy_score` counts the samples whose true class
is among the ``k`` best scores. Its default is ``k=2``, as in scikit-learn: ask
for top-5 accuracy by name. It takes class labels or Keras' one-hot targets, and
it states its rule for ties.
"""

import matplotlib.pyplot as plt
import numpy as np
from sklearn import metrics as sk
from sklearn.datasets import load_digits
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split

import skmultimetrics as smm

X, y = load_digits(return_X_y=True)
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.5, random_state=0)
model = LogisticRegression(C=1e-4, max_iter=200).fit(X_train, y_train)
proba = model.predict_proba(X_test)

# %%
# Class labels and one-hot targets give the same number
# -----------------------------------------------------
one_hot = np.eye(10)[y_test]  # what keras.utils.to_categorical returns
print("top-5, class labels:", smm.top_k_accuracy_score(y_test, proba, k=5))
print("top-5, one-hot:     ", smm.top_k_accuracy_score(one_hot, proba, k=5))
print("scikit-learn:       ", sk.top_k_accuracy_score(y_test, proba, k=5))

# %%
# Ties
# ----
# Rounded scores tie. ``ties="average"`` gives the expected hit under random
# tie-breaking; ``"optimistic"`` counts every class tied at the boundary as in
# the top k (Keras' ``in_top_k``); ``"pessimistic"`` counts none.
rounded = proba.round(1)
for ties in ("optimistic", "average", "pessimistic"):
    score = smm.top_k_accuracy_score(y_test, rounded, k=2, ties=ties)
    print(f"top-2 of rounded scores, ties={ties!r}: {score:.3f}")

# %%
# Top-k accuracy against k
# ------------------------
ks = np.arange(1, 11)
fig, ax = plt.subplots(figsize=(6, 4))
for ties in ("optimistic", "average", "pessimistic"):
    values = [smm.top_k_accuracy_score(y_test, rounded, k=k, ties=ties) for k in ks]
    ax.plot(ks, values, marker="o", label=f"rounded scores, ties={ties!r}")
ax.plot(
    ks,
    [smm.top_k_accuracy_score(y_test, proba, k=k) for k in ks],
    "k--",
    label="exact scores",
)
ax.set_xlabel("k")
ax.set_ylabel("top-k accuracy")
ax.legend()
fig.tight_layout()
