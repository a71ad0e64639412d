"""
=====================================================
Keras: the three questions inside ``model.fit``
=====================================================

:mod:`skmultimetrics.keras` metrics count on the device inside a compiled
``train_step`` and give the epoch's number (not a mean of batch values), under
the scorer's name; :class:`~skmultimetrics.keras.ValidationMetrics` adds what
needs every score of an epoch (ROC AUC, tuned cut-offs) to the same logs. The
three questions, one section each: top-5 accuracy, the multi-label "accuracy",
and the cut-off of each label.
"""

import os

os.environ.setdefault("KERAS_BACKEND", "jax")

import keras
import matplotlib.pyplot as plt
import numpy as np

from skmultimetrics import top_k_accuracy_score
from skmultimetrics.keras import (
    SubsetAccuracy,
    TopKAccuracy,
    ValidationMetrics,
    get_metric,
)

keras.utils.set_random_seed(0)
rng = np.random.default_rng(0)

# %%
# 1. How do I get top-5 accuracy?
# -------------------------------
# ``get_metric("top5_accuracy")`` (or ``TopKAccuracy(k=5)``) in
# ``model.compile(metrics=...)``: class indices, one-hot or multi-hot targets,
# with a stated rule for ties. Here 20 classes with class-index targets.
n_classes = 20
x = rng.normal(size=(3000, 16)).astype("float32")
classes = (
    x @ rng.normal(size=(16, n_classes)) + rng.gumbel(size=(3000, n_classes))
).argmax(1)

classifier = keras.Sequential(
    [keras.Input((16,)), keras.layers.Dense(n_classes, "softmax")]
)
classifier.compile(
    "adam",
    "sparse_categorical_crossentropy",
    metrics=[get_metric("top5_accuracy"), TopKAccuracy(k=1)],
)
top5 = classifier.fit(
    x[:2400],
    classes[:2400],
    validation_data=(x[2400:], classes[2400:]),
    epochs=5,
    batch_size=128,
    verbose=0,
)
print("val_top5_accuracy:", round(top5.history["val_top5_accuracy"][-1], 4))
# the number of the whole validation set, as the function gives it
scores = classifier.predict(x[2400:], verbose=0)
value = top_k_accuracy_score(classes[2400:], scores, k=5)
print("top_k_accuracy_score:", round(value, 4))

# %%
# 2. Which "accuracy" of a multi-label model?
# -------------------------------------------
# Subset accuracy (every label of a row right) and hamming accuracy (the share of
# right label cells) are different numbers; each metric says which it is.
x = rng.normal(size=(3000, 20)).astype("float32")
weights = rng.normal(size=(20, 8))
y = ((x @ weights + rng.normal(scale=2, size=(3000, 8))) > 1.5).astype("float32")
x_train, y_train, x_val, y_val = x[:2400], y[:2400], x[2400:], y[2400:]

model = keras.Sequential(
    [
        keras.Input((20,)),
        keras.layers.Dense(32, "relu"),
        keras.layers.Dense(8, "sigmoid"),
    ]
)
model.compile(
    "adam",
    "binary_crossentropy",
    metrics=[SubsetAccuracy(), get_metric("hamming_accuracy"), get_metric("f1_macro")],
)

# %%
# 3. Which cut-off should each label use?
# ---------------------------------------
# :class:`~skmultimetrics.keras.ValidationMetrics` predicts the validation data
# once per epoch, logs ROC AUC and the F1 at 0.5, tunes one cut-off per label
# on those predictions and logs the F1 at the tuned cut-offs.
check = ValidationMetrics(
    (x_val, y_val), metrics=["roc_auc_macro", "f1_macro"], tune="f1_macro"
)
history = model.fit(
    x_train, y_train, epochs=8, batch_size=128, verbose=0, callbacks=[check]
)
print("logged by ValidationMetrics:", [k for k in history.history if "val_" in k])
print("tuned cut-offs of the last epoch:", np.round(check.thresholds_, 3))

fig, ax = plt.subplots(figsize=(6, 4))
for key in (
    "subset_accuracy",
    "hamming_accuracy",
    "f1_macro",
    "val_f1_macro",
    "val_f1_macro_tuned",
    "val_roc_auc_macro",
):
    ax.plot(history.history[key], label=key)
ax.set_xlabel("epoch")
ax.legend(fontsize=8)
fig.tight_layout()
