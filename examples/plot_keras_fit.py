"""
=====================================================
Keras: the three questions inside ``model.fit``
=====================================================

:mod:`skmultimetrics.keras` metrics count on the device inside a compiled
``train_step`` and give the epoch's number (not a mean of batch values), under
the scorer's name; :class:`~skmultimetrics.keras.ValidationMetrics` adds what
needs every score of an epoch (ROC AUC, tuned cut-offs) to the same logs.
"""

import os

os.environ.setdefault("KERAS_BACKEND", "jax")

import keras
import matplotlib.pyplot as plt
import numpy as np

from skmultimetrics.keras import (
    SubsetAccuracy,
    ValidationMetrics,
    get_metric,
)

keras.utils.set_random_seed(0)
rng = np.random.default_rng(0)
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
check = ValidationMetrics(
    (x_val, y_val), metrics=["roc_auc_macro", "f1_macro"], tune="f1_macro"
)
history = model.fit(
    x_train, y_train, epochs=8, batch_size=128, verbose=0, callbacks=[check]
)
print(sorted(history.history))
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
