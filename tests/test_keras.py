"""skmultimetrics.keras metrics: through ``model.evaluate`` in uneven batches
they equal the one-shot functions on the whole arrays; bad input raises.

Runs on the backend of ``KERAS_BACKEND``; CI runs it under jax and torch, with
``SKMM_REQUIRE_KERAS=1`` so that a missing Keras fails instead of skipping.
"""

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

# Keras' own Variable.numpy (used by model.save) trips NumPy 2's copy= warning
pytestmark = pytest.mark.filterwarnings(
    "ignore:__array__ implementation doesn't accept a copy:DeprecationWarning"
)

SET = [f"{m}_{a}" for m in ("precision", "recall", "f1", "jaccard") for a in
       ("micro", "macro", "samples", "weighted")]  # fmt: skip
ACCURACIES = ["subset_accuracy", "hamming_accuracy", "neg_hamming_loss", "accuracy"]
RANKED = ["top1_accuracy", "top3_accuracy", "precision_at_1", "precision_at_3",
          "recall_at_3", "ndcg_at_1", "ndcg_at_3"]  # fmt: skip
N, L, BATCH = 200, 6, 37


def multilabel_data(seed=0):
    """Labels with an empty row, a label without positives, and scores with
    ties (rounded to tenths, some exactly at the cut-off)."""
    rng = np.random.default_rng(seed)
    y = rng.random((N, L)) < 0.35
    y[:5] = False
    y[:, -1] = False
    scores = np.where(y, rng.random((N, L)) * 0.7 + 0.3, rng.random((N, L)) * 0.7)
    scores = np.round(scores, 1).astype(np.float32)
    weight = rng.integers(0, 4, size=N).astype(np.float32)
    return y.astype(np.float32), scores, weight


def identity_model(n_columns, metrics, weighted=False):
    """A model whose predictions are its inputs: the scores are known. Keras
    gives sample weights to its ``weighted_metrics`` only."""
    model = keras.Sequential([keras.Input((n_columns,)), keras.layers.Identity()])
    if weighted:
        model.compile(loss=no_loss, weighted_metrics=metrics)
    else:
        model.compile(loss=no_loss, metrics=metrics)
    return model


def no_loss(y_true, y_pred):
    """A loss of 0 (the torch backend's evaluate needs one)."""
    return keras.ops.sum(y_pred) * 0.0


def evaluate(metrics, y, scores, weight=None):
    model = identity_model(scores.shape[1], metrics, weighted=weight is not None)
    return model.evaluate(
        scores, y, sample_weight=weight, batch_size=BATCH, verbose=0, return_dict=True
    )


def reference(name, y, scores, *, threshold=0.5, weight=None, ties="average",
              zero_division="warn"):  # fmt: skip
    """The one-shot function of ``name``."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if name in SET:
            metric, average = name.rsplit("_", 1)
            func = getattr(smm, f"{metric}_score")
            return func(y, scores, threshold=threshold, average=average,
                        sample_weight=weight, zero_division=zero_division)  # fmt: skip
        if name in ("subset_accuracy", "accuracy"):
            return smm.subset_accuracy_score(
                y, scores, threshold=threshold, sample_weight=weight
            )
        if name in ("hamming_accuracy", "neg_hamming_loss"):
            value = smm.hamming_accuracy_score(
                y, scores, threshold=threshold, sample_weight=weight
            )
            return value if name == "hamming_accuracy" else value - 1.0
        if name.startswith("top"):
            k = int(name[3:].split("_")[0])
            return smm.top_k_accuracy_score(
                y, scores, k=k, ties=ties, sample_weight=weight,
                labels=None if y.ndim == 2 else np.arange(scores.shape[1]),
            )  # fmt: skip
        metric, k = name.split("_at_")
        func = getattr(smm, f"{metric}_at_k_score")
        kwargs = {} if metric == "precision" else {"zero_division": zero_division}
        return func(y, scores, k=int(k), ties=ties, sample_weight=weight, **kwargs)


def check_all(configs, y, scores, *, weight=None):
    """Each ``(name, params)`` of ``configs`` through one ``evaluate`` call."""
    if isinstance(configs[0], str):
        configs = [(name, {}) for name in configs]
    metrics = [
        skk.get_metric(name, name=f"{name}__{i}", **params)
        for i, (name, params) in enumerate(configs)
    ]
    logs = evaluate(metrics, y, scores, weight)
    for i, (name, params) in enumerate(configs):
        threshold = params.get("threshold")
        expected = reference(
            name, y, scores, weight=weight,
            threshold=0.5 if threshold is None else threshold,
            ties=params.get("ties", "average"),
            zero_division=params.get("zero_division", "warn"),
        )  # fmt: skip
        got = logs[f"{name}__{i}"]
        assert got == pytest.approx(expected, abs=1e-5, nan_ok=True), (name, params)


def test_every_name_equals_the_function_on_the_whole_arrays():
    y, scores, weight = multilabel_data()
    for w in (None, weight):
        check_all(SET + ACCURACIES + RANKED, y, scores, weight=w)


def test_one_cut_off_per_label():
    y, scores, weight = multilabel_data(1)
    threshold = [0.3, 0.5, 0.6, 0.2, 0.45, np.inf]
    configs = [(name, {"threshold": threshold}) for name in SET + ACCURACIES]
    check_all(configs, y, scores, weight=weight)


def test_zero_division():
    y, scores, _ = multilabel_data(2)
    configs = [
        (name, {"zero_division": zero_division})
        for zero_division in (0.0, 1.0, np.nan)
        for name in [*SET, "recall_at_3", "ndcg_at_3"]
        if not (np.isnan(zero_division) and name.startswith("jaccard"))
    ]
    check_all(configs, y, scores)


def test_ranked_metrics_follow_each_tie_rule():
    y, scores, weight = multilabel_data(3)
    configs = [
        (name, {"ties": ties})
        for ties in ("average", "optimistic", "pessimistic")
        for name in RANKED
    ]
    check_all(configs, y, scores, weight=weight)


@pytest.mark.parametrize("target", ["indices", "one_hot"])
def test_top_k_on_class_indices_and_one_hot_targets(target):
    rng = np.random.default_rng(4)
    codes = rng.integers(0, L, size=N)
    scores = np.round(rng.random((N, L)), 1).astype(np.float32)  # many ties
    y = codes if target == "indices" else np.eye(L, dtype=np.float32)[codes]
    weight = rng.random(N).astype(np.float32)
    configs = [
        (name, {"ties": ties})
        for ties in ("average", "optimistic", "pessimistic")
        for name in ("top1_accuracy", "top2_accuracy", "top4_accuracy")
    ]
    check_all(configs, y, scores, weight=weight)


def test_class_index_targets_use_the_argmax():
    rng = np.random.default_rng(5)
    codes = rng.integers(0, L - 1, size=N)  # the last class never true
    scores = rng.random((N, L)).astype(np.float32)
    names = [n for n in SET if not n.endswith("samples")] + ACCURACIES
    metrics = [skk.get_metric(name) for name in names]
    logs = evaluate(metrics, codes, scores)
    pred = scores.argmax(axis=1)
    for name in names:
        if name in SET:
            metric, average = name.rsplit("_", 1)
            func = getattr(smm, f"{metric}_score")
            expected = func(codes, pred, average=average)
        elif name in ("hamming_accuracy", "neg_hamming_loss"):
            expected = smm.hamming_accuracy_score(codes, pred)
            expected = expected if name == "hamming_accuracy" else expected - 1
        else:
            expected = smm.subset_accuracy_score(codes, pred)
        assert logs[name] == pytest.approx(expected, abs=1e-5), name


def test_one_sigmoid_output_is_binary():
    rng = np.random.default_rng(6)
    y = (rng.random((N, 1)) < 0.4).astype(np.float32)
    scores = rng.random((N, 1)).astype(np.float32)
    names = ["f1", "precision", "recall", "jaccard", "f1_macro", "subset_accuracy"]
    logs = evaluate([skk.get_metric(n, threshold=0.3) for n in names], y, scores)
    for name in names:
        if name == "subset_accuracy":
            expected = smm.subset_accuracy_score(y, scores, threshold=0.3)
        else:
            metric, _, average = name.partition("_")
            func = getattr(smm, f"{metric}_score")
            expected = func(y[:, 0], scores[:, 0], threshold=0.3,
                            average=average or "binary")  # fmt: skip
        assert logs[name] == pytest.approx(expected, abs=1e-5), name


def test_named_classes_equal_their_names():
    y, scores, weight = multilabel_data(7)
    metrics = [
        skk.F1Score(average="samples", threshold=0.4),
        skk.Precision(average="micro"),
        skk.Recall(average="weighted"),
        skk.Jaccard(average="macro"),
        skk.FBetaScore(beta=2.0, average="macro", threshold=0.4),
        skk.FBetaScore(beta=0.5, average="samples", name="f05_samples"),
        skk.SubsetAccuracy(threshold=0.4),
        skk.HammingAccuracy(),
        skk.TopKAccuracy(k=2, ties="pessimistic"),
    ]
    logs = evaluate(metrics, y, scores, weight)
    w = {"sample_weight": weight}
    expected = {
        "f1_samples": smm.f1_score(y, scores, threshold=0.4, average="samples", **w),
        "precision_micro": smm.precision_score(y, scores, threshold=0.5,
                                               average="micro", **w),
        "recall_weighted": smm.recall_score(y, scores, threshold=0.5,
                                            average="weighted", **w),
        "jaccard_macro": smm.jaccard_score(y, scores, threshold=0.5,
                                           average="macro", **w),
        "f2_macro": smm.fbeta_score(y, scores, beta=2.0, threshold=0.4,
                                       average="macro", **w),
        "f05_samples": smm.fbeta_score(y, scores, beta=0.5, threshold=0.5,
                                       average="samples", **w),
        "subset_accuracy": smm.subset_accuracy_score(y, scores, threshold=0.4, **w),
        "hamming_accuracy": smm.hamming_accuracy_score(y, scores, threshold=0.5, **w),
        "top2_accuracy": smm.top_k_accuracy_score(y, scores, k=2,
                                                  ties="pessimistic", **w),
    }  # fmt: skip
    for name, value in expected.items():
        assert logs[name] == pytest.approx(value, abs=1e-5), name


def test_the_config_round_trips_and_a_compiled_model_saves_and_loads(tmp_path):
    metrics = [
        skk.get_metric("f1_macro", threshold=[0.2, 0.4, 0.6]),
        skk.FBetaScore(beta=2.0, average="micro"),
        skk.TopKAccuracy(k=2, ties="optimistic"),
        skk.SubsetAccuracy(threshold=0.3),
    ]
    for metric in metrics:
        clone = type(metric).from_config(metric.get_config())
        assert clone.get_config() == metric.get_config()
    rng = np.random.default_rng(8)
    x = rng.random((40, 3)).astype(np.float32)
    y = (rng.random((40, 3)) < 0.5).astype(np.float32)
    model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(3, "sigmoid")])
    model.compile("sgd", "binary_crossentropy", metrics=metrics)
    before = model.evaluate(x, y, verbose=0, return_dict=True)
    model.save(tmp_path / "model.keras")
    loaded = keras.saving.load_model(tmp_path / "model.keras")
    after = loaded.evaluate(x, y, verbose=0, return_dict=True)
    assert after.keys() == before.keys()
    for key in before:
        assert after[key] == pytest.approx(before[key], abs=1e-6), key


def test_inside_a_compiled_fit_the_validation_values_equal_the_functions():
    """Under jit (JAX's default; jit_compile=True asks for it on every backend
    that has it), the val_* values of the last epoch are the functions on the
    model's predictions with the final weights."""
    rng = np.random.default_rng(10)
    x = rng.random((150, 8)).astype(np.float32)
    y = (x[:, :5] + 0.4 * rng.random((150, 5)) > 0.8).astype(np.float32)
    x_val, y_val = x[100:], y[100:]
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(5, "sigmoid")])
    names = ["f1_macro", "f1_samples", "subset_accuracy", "top2_accuracy",
             "ndcg_at_2", "precision_at_1"]  # fmt: skip
    jit = "auto" if keras.backend.backend() != "jax" else True
    model.compile(keras.optimizers.Adam(0.05), "binary_crossentropy",
                  metrics=[skk.get_metric(n) for n in names],
                  jit_compile=jit)  # fmt: skip
    history = model.fit(x[:100], y[:100], validation_data=(x_val, y_val),
                        epochs=2, batch_size=16, verbose=0)  # fmt: skip
    scores = model.predict(x_val, verbose=0)
    for name in names:
        assert len(history.history[name]) == 2
        expected = reference(name, y_val, scores)
        got = history.history[f"val_{name}"][-1]
        assert got == pytest.approx(expected, abs=1e-5), name


def test_the_direction_is_up_for_early_stopping():
    for name in ["f1_macro", "subset_accuracy", "neg_hamming_loss", "ndcg_at_3"]:
        assert skk.get_metric(name)._direction == "up"


def test_state_resets_between_evaluations():
    y, scores, _ = multilabel_data(9)
    metric = skk.get_metric("f1_micro")
    model = identity_model(L, [metric])
    first = model.evaluate(scores, y, batch_size=BATCH, verbose=0, return_dict=True)
    again = model.evaluate(scores, y, batch_size=BATCH, verbose=0, return_dict=True)
    assert again["f1_micro"] == pytest.approx(first["f1_micro"], abs=1e-7)


# -- bad input ------------------------------------------------------------------


def test_an_unknown_name_lists_the_nearest_names():
    with pytest.raises(ValueError, match=r"unknown metric 'f1_marco'.*f1_macro"):
        skk.get_metric("f1_marco")
    with pytest.raises(ValueError, match="needs every score"):
        skk.get_metric("roc_auc_macro")
    with pytest.raises(TypeError, match="unknown parameters"):
        skk.get_metric("f1_macro", thresholds=0.3)


def test_bad_parameters_name_the_argument():
    with pytest.raises(ValueError, match="'average' parameter of F1Score"):
        skk.F1Score(average="mean")
    with pytest.raises(ValueError, match="'k' parameter of TopKAccuracy"):
        skk.TopKAccuracy(k=0)
    with pytest.raises(ValueError, match="'ties' parameter"):
        skk.get_metric("top2_accuracy", ties="random")
    with pytest.raises(ValueError, match="'zero_division' parameter"):
        skk.get_metric("jaccard_macro", zero_division=np.nan)
    with pytest.raises(ValueError, match="'threshold' parameter"):
        skk.get_metric("f1_macro", threshold="high")
    with pytest.raises(ValueError, match="'beta' parameter of FBetaScore"):
        skk.FBetaScore(beta=-1.0)


def test_a_cut_off_vector_of_the_wrong_length_names_threshold():
    metric = skk.get_metric("f1_macro", threshold=[0.5, 0.5])
    with pytest.raises(ValueError, match=r"'threshold' parameter .*shape \(3,\)"):
        metric.update_state(np.ones((4, 3)), np.ones((4, 3)) * 0.6)


def test_a_shape_mismatch_names_y_true_and_y_pred():
    metric = skk.get_metric("f1_macro")
    with pytest.raises(ValueError, match=r"y_true and y_pred .* different shapes"):
        metric.update_state(np.ones((4, 2)), np.ones((4, 3)) * 0.6)
    metric.update_state(np.ones((4, 3)), np.ones((4, 3)) * 0.6)
    with pytest.raises(ValueError, match="first batch was multilabel with 3"):
        metric.update_state(np.ones((4, 5)), np.ones((4, 5)) * 0.6)


@pytest.mark.parametrize("name", ["top4_accuracy", "precision_at_4", "ndcg_at_4"])
def test_k_above_the_number_of_labels_raises(name):
    metric = skk.get_metric(name)
    with pytest.raises(ValueError, match="k"):
        metric.update_state(np.eye(3)[[0, 1]], np.ones((2, 3)) * 0.3)


def test_a_samples_average_needs_label_sets():
    metric = skk.get_metric("f1_samples")
    with pytest.raises(ValueError, match="samplewise"):
        metric.update_state(np.array([0, 2]), np.ones((2, 3)))


def test_eager_first_batch_checks_values():
    metric = skk.get_metric("f1_macro")
    with pytest.raises(ValueError, match="0/1 label-indicator"):
        metric.update_state(np.array([[2.0, 0.0]]), np.array([[0.3, 0.6]]))
    metric = skk.get_metric("top1_accuracy")
    with pytest.raises(ValueError, match="class indices in"):
        metric.update_state(np.array([0, 3]), np.ones((2, 3)) * 0.2)


def test_logits_under_the_default_cut_off_warn():
    logits = np.array([[-2.0, 3.0], [1.5, -0.5]], dtype=np.float32)
    truth = np.array([[0, 1], [1, 0]], dtype=np.float32)
    with pytest.warns(UserWarning, match=r"outside \[0, 1\]"):
        skk.get_metric("f1_macro").update_state(truth, logits)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        skk.get_metric("f1_macro", threshold=0.0).update_state(truth, logits)
        skk.get_metric("top1_accuracy").update_state(truth, logits)


def test_importing_the_package_does_not_import_keras():
    import subprocess
    import sys

    code = "import sys, skmultimetrics; print('keras' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip() == "False", out.stderr


def test_class_thresholds_go_through_the_shared_check():
    # issue 28: all inf gave 1.0 here and 0.167 in f1_score; now one error
    rng = np.random.default_rng(7)
    codes, scores = rng.integers(0, 4, 50), rng.dirichlet(np.ones(4), 50)
    scores[:3] = [0.0, 1.0, 0.0, 0.0]  # 0 on every class but an excluded one
    for threshold in ([np.inf, 1.0, 0.5, 2.0], [1.0, np.inf, np.inf, np.inf]):
        metric = skk.get_metric("f1_macro", threshold=threshold)
        metric.update_state(codes, scores)
        want = smm.f1_score(codes, scores, threshold=threshold, average="macro")
        assert float(metric.result()) == pytest.approx(want, abs=1e-6)
    for threshold, match in [
        ([np.inf] * 4, "at least one class threshold must be finite"),
        ([0.0, 1.0, 1.0, 1.0], "positive"),
        ([-1.0, 1.0, 1.0, 1.0], "positive"),
    ]:
        metric = skk.get_metric("f1_macro", threshold=threshold)
        with pytest.raises(ValueError, match=f"'threshold' parameter .*{match}"):
            metric.update_state(codes, scores)
