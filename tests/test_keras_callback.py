"""ValidationMetrics: the package's functions on each epoch's validation
predictions, in the logs that History, EarlyStopping and ModelCheckpoint read,
whatever the order of the callbacks."""

import importlib
import os
import warnings

import numpy as np
import pytest

import skmultimetrics as smm


def require(module):
    if os.environ.get("SKMM_REQUIRE_KERAS"):
        return importlib.import_module(module)
    return pytest.importorskip(module)


keras = require("keras")
skk = require("skmultimetrics.keras")

pytestmark = pytest.mark.filterwarnings(
    "ignore:__array__ implementation doesn't accept a copy:DeprecationWarning"
)


def data(seed=0, n=240, n_features=8, n_labels=5):
    rng = np.random.default_rng(seed)
    x = rng.random((n, n_features)).astype(np.float32)
    signal = x[:, :n_labels] + 0.5 * rng.random((n, n_labels))
    y = (signal > 0.8).astype(np.float32)
    return x[:160], y[:160], x[160:], y[160:]


def small_model(n_features=8, n_labels=5, activation="sigmoid", metrics=()):
    keras.utils.set_random_seed(0)
    model = keras.Sequential(
        [keras.Input((n_features,)), keras.layers.Dense(n_labels, activation)]
    )
    loss = "binary_crossentropy" if activation == "sigmoid" else (
        "sparse_categorical_crossentropy")  # fmt: skip
    model.compile(keras.optimizers.Adam(0.05), loss, metrics=list(metrics))
    return model


def test_logged_values_are_the_functions_on_the_last_predictions():
    x, y, x_val, y_val = data()
    model = small_model()
    callback = skk.ValidationMetrics(
        (x_val, y_val),
        metrics=["roc_auc_macro", "average_precision_micro", "f1_samples",
                 "recall_at_precision_90", "ndcg_at_2", "subset_accuracy"],
        threshold=0.4,
        tune="f1_macro",
    )  # fmt: skip
    calls = []
    predict = model.predict

    def counting_predict(*args, **kwargs):
        calls.append(1)
        return predict(*args, **kwargs)

    model.predict = counting_predict
    history = model.fit(x, y, epochs=3, batch_size=32, verbose=0,
                        callbacks=[callback])  # fmt: skip
    assert len(calls) == 3  # once per epoch
    model.predict = predict
    scores = model.predict(x_val, verbose=0)
    np.testing.assert_array_equal(callback.scores_, scores)
    expected = {
        "roc_auc_macro": smm.roc_auc_score(y_val, scores, average="macro"),
        "average_precision_micro": smm.average_precision_score(
            y_val, scores, average="micro"),
        "f1_samples": smm.f1_score(y_val, scores, threshold=0.4, average="samples"),
        "recall_at_precision_90": smm.recall_at_precision_score(
            y_val, scores, min_precision=0.9),
        "ndcg_at_2": smm.ndcg_at_k_score(y_val, scores, k=2),
        "subset_accuracy": smm.subset_accuracy_score(y_val, scores, threshold=0.4),
    }  # fmt: skip
    for name, value in expected.items():
        assert len(history.history[f"val_{name}"]) == 3
        assert history.history[f"val_{name}"][-1] == pytest.approx(value), name
    tuned = smm.optimize_thresholds(y_val, scores, scoring="f1_macro")
    np.testing.assert_allclose(callback.thresholds_, tuned.thresholds)
    assert history.history["val_f1_macro_tuned"][-1] == pytest.approx(tuned.score)


def test_class_indices_with_a_softmax_output():
    rng = np.random.default_rng(1)
    x = rng.random((200, 6)).astype(np.float32)
    codes = (x[:, :4].argmax(axis=1) + (rng.random(200) < 0.2)) % 4
    model = small_model(6, 4, "softmax")
    callback = skk.ValidationMetrics(
        (x[150:], codes[150:]), metrics=["top2_accuracy", "roc_auc_ovr", "f1_macro"]
    )
    history = model.fit(x[:150], codes[:150], epochs=1, verbose=0,
                        callbacks=[callback])  # fmt: skip
    scores = model.predict(x[150:], verbose=0)
    labels = np.arange(4)
    assert history.history["val_top2_accuracy"][-1] == pytest.approx(
        smm.top_k_accuracy_score(codes[150:], scores, k=2, labels=labels)
    )
    assert history.history["val_roc_auc_ovr"][-1] == pytest.approx(
        smm.roc_auc_score(codes[150:], scores, multi_class="ovr", labels=labels)
    )
    assert history.history["val_f1_macro"][-1] == pytest.approx(
        smm.f1_score(codes[150:], scores.argmax(axis=1), average="macro"))  # fmt: skip


@pytest.mark.parametrize("first", [True, False])
def test_before_or_after_early_stopping_and_checkpoint_that_monitor_its_key(
    first, tmp_path
):
    x, y, x_val, y_val = data(2)
    model = small_model()
    callback = skk.ValidationMetrics((x_val, y_val), metrics=["roc_auc_macro"])
    stop = keras.callbacks.EarlyStopping("val_roc_auc_macro", patience=1)
    path = tmp_path / "best.keras"
    checkpoint = keras.callbacks.ModelCheckpoint(
        path, monitor="val_roc_auc_macro", save_best_only=True
    )
    callbacks = [callback, stop, checkpoint] if first else [stop, checkpoint, callback]
    with warnings.catch_warnings():
        warnings.simplefilter("error", UserWarning)  # "... not available"
        history = model.fit(x, y, epochs=4, verbose=0, callbacks=callbacks)
    values = history.history["val_roc_auc_macro"]
    assert stop.best == pytest.approx(max(values))  # maximised: mode "max"
    assert checkpoint.best == pytest.approx(max(values))
    assert path.exists()
    assert callbacks[-1 if not first else 0] is callback


def test_early_stopping_and_checkpoint_on_a_compiled_metric(tmp_path):
    x, y, x_val, y_val = data(3)
    model = small_model(metrics=[skk.get_metric("subset_accuracy")])
    stop = keras.callbacks.EarlyStopping(
        "val_subset_accuracy", mode="auto", patience=1, restore_best_weights=True
    )
    path = tmp_path / "best.keras"
    checkpoint = keras.callbacks.ModelCheckpoint(
        path, monitor="val_subset_accuracy", save_best_only=True)  # fmt: skip
    history = model.fit(x, y, validation_data=(x_val, y_val), epochs=4,
                        batch_size=37, verbose=0,
                        callbacks=[stop, checkpoint])  # fmt: skip
    values = history.history["val_subset_accuracy"]
    assert stop.best == pytest.approx(max(values))
    assert path.exists()
    best = keras.saving.load_model(path)
    scores = best.predict(x_val, verbose=0)
    expected = smm.subset_accuracy_score(y_val, scores, threshold=0.5)
    assert expected == pytest.approx(max(values), abs=1e-6)


def test_outside_a_callbacks_list_it_warns():
    _, _, x_val, y_val = data(4)
    callback = skk.ValidationMetrics((x_val, y_val))
    with pytest.warns(UserWarning, match="ValidationMetrics could not find"):
        callback.on_train_begin()


def test_bad_input_names_the_argument():
    _, _, x_val, y_val = data(5)
    with pytest.raises(ValueError, match=r"'metrics' .*unknown.*roc_auc_macro"):
        skk.ValidationMetrics((x_val, y_val), metrics=["roc_auc_marco"])
    with pytest.raises(ValueError, match="'validation_data' parameter"):
        skk.ValidationMetrics(x_val)
    with pytest.raises(ValueError, match=r"'threshold' parameter.*shape \(5,\)"):
        skk.ValidationMetrics((x_val, y_val), threshold=[0.5, 0.5])
    with pytest.raises(ValueError, match="'tune' parameter"):
        skk.ValidationMetrics((x_val, y_val), tune=3)
    with pytest.raises(ValueError, match="'batch_size' parameter"):
        skk.ValidationMetrics((x_val, y_val), batch_size=0)


@pytest.mark.parametrize("name", ["roc_auc", "precision_at_2", "ndcg_at_1"])
def test_names_that_class_indices_cannot_take_are_refused_when_built(name):
    x = np.zeros((6, 3), dtype=np.float32)
    codes = np.array([0, 1, 2, 2, 1, 0])
    with pytest.raises(ValueError, match=rf"'metrics' .*got '{name}', which"):
        skk.ValidationMetrics((x, codes), metrics=[name])
    if name == "roc_auc":  # binary targets and label matrices take it
        skk.ValidationMetrics((x, codes % 2), metrics=[name])
        skk.ValidationMetrics((x, codes % 2 + 1), metrics=[name])
        skk.ValidationMetrics((x, np.eye(3)[codes]), metrics=[name])
        skk.ValidationMetrics((x, codes), metrics=["roc_auc_ovr"])


@pytest.mark.parametrize("target", ["indices", "indicator"])
def test_top_k_above_the_number_of_columns_raises_as_get_metric_does(target):
    # top_k_accuracy_score warns and scores 1.0 there; a logged 1.0 would look
    # like a perfect model
    rng = np.random.default_rng(2)
    x = rng.random((60, 6)).astype(np.float32)
    codes = x[:, :4].argmax(axis=1)
    y = codes if target == "indices" else np.eye(4, dtype=np.float32)[codes]
    model = small_model(6, 4, "softmax" if target == "indices" else "sigmoid")
    what = "classes" if target == "indices" else "labels"
    with pytest.raises(ValueError, match="'k' of get_metric"):
        skk.get_metric("top10_accuracy").update_state(y[:5], x[:5, :4])
    callback = skk.ValidationMetrics((x, y), metrics=["top10_accuracy"])
    match = rf"'k' of top10_accuracy .*number of {what} \(4\); got k=10"
    with pytest.raises(ValueError, match=match):
        model.fit(x, y, epochs=1, verbose=0, callbacks=[callback])
    callback = skk.ValidationMetrics((x, y), metrics=["top4_accuracy"])
    history = model.fit(x, y, epochs=1, verbose=0, callbacks=[callback])
    assert history.history["val_top4_accuracy"] == [1.0]
