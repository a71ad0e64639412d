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


@pytest.mark.parametrize("name", ["top2_accuracy", "f1_macro", "subset_accuracy"])
def test_string_labels_are_refused_naming_the_argument(name):
    metric = skk.get_metric(name)
    scores = np.full((3, 3), 0.6, dtype="float32")
    words = np.array([["a", "b", "c"]] * 3)
    for y in (words[0], words, words[0].astype(object), list(words[0])):
        with pytest.raises(TypeError, match=r"y_true of .* must hold numbers"):
            metric.update_state(y, scores)
    with pytest.raises(TypeError, match=r"y_pred of .* must hold numbers"):
        metric.update_state(np.ones((3, 3)), words)
    with pytest.raises(TypeError, match=r"y_true of .* got dtype object"):
        metric.update_state(np.eye(3).astype(object), scores)
    metric.update_state(np.eye(3), scores)
    assert np.isfinite(float(metric.result()))


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


# -- cut-offs in the scores' own type --------------------------------------------


def near_cut_offs(thresholds, dtype, n_steps=3):
    """For each cut-off, the values of ``dtype`` from ``n_steps`` below it to
    ``n_steps`` at or above it (as float64, exact in ``dtype``)."""
    if dtype == "bfloat16":
        ml_dtypes = pytest.importorskip("ml_dtypes")
        np_dtype = np.dtype(ml_dtypes.bfloat16)
        step = np.float64(ml_dtypes.finfo(ml_dtypes.bfloat16).eps) / 2
    else:
        np_dtype = np.dtype(dtype)
        step = np.float64(np.finfo(np_dtype).eps) / 2
    columns = []
    for t in thresholds:
        grid = t + step * t * np.arange(-2 * n_steps, 2 * n_steps + 1)
        values = np.unique(grid.astype(np_dtype).astype(np.float64))
        below, above = values[values < t][-n_steps:], values[values >= t][:n_steps]
        columns.append(np.concatenate([below, above]))
    return np.stack(columns, axis=1), np_dtype


@pytest.mark.parametrize("dtype", ["float64", "float32", "float16", "bfloat16"])
def test_cut_offs_compare_as_the_functions_do_in_every_float_type(dtype):
    """A float64 score of 0.49999999999 is below 0.5: it was cast to float32
    (0.5) before the comparison. 0.3 and 0.7 are not exact in any of them."""
    thresholds = np.array([0.5, 0.3, 0.7])
    values, np_dtype = near_cut_offs(thresholds, dtype)
    rng = np.random.default_rng(11)
    rows = rng.integers(0, values.shape[0], size=(64, 3))
    scores = values[rows, np.arange(3)]  # float64, exact in dtype
    y = (rng.random((64, 3)) < 0.5).astype(np.float32)
    names = ["f1_micro", "f1_macro", "precision_samples", "hamming_accuracy",
             "subset_accuracy"]  # fmt: skip
    tensor_keeps_64 = keras.backend.standardize_dtype(
        keras.ops.convert_to_tensor(np.zeros(1)).dtype) == "float64"  # fmt: skip
    inputs = [scores.astype(np_dtype)]  # NumPy, in its own type
    if dtype != "float64" or tensor_keeps_64:
        inputs.append(keras.ops.convert_to_tensor(inputs[0], dtype=dtype))
    for name in names:
        for cut in (thresholds, 0.5):
            expected = reference(name, y, scores, threshold=cut)
            for x in inputs:
                metric = skk.get_metric(name, threshold=cut)
                metric.update_state(y, x)
                assert float(metric.result()) == pytest.approx(expected), (name, cut)
    # a compiled model's own output in float16 / bfloat16 / float32
    if dtype != "float64":
        cast = keras.layers.Lambda(lambda s: keras.ops.cast(s, dtype))
        model = keras.Sequential([keras.Input((3,)), cast])
        model.compile(loss=no_loss, metrics=[skk.get_metric(n) for n in names])
        logs = model.evaluate(scores.astype(np.float32), y, batch_size=BATCH,
                              verbose=0, return_dict=True)  # fmt: skip
        for name in names:
            expected = reference(name, y, scores, threshold=0.5)
            assert logs[name] == pytest.approx(expected, abs=1e-6), name


def test_float64_class_scores_and_ranks_are_not_merged_in_float32():
    """0.49999999999 and 0.5 tie in float32: the argmax and the top-k kept the
    first, or half a hit."""
    scores = np.array([[0.49999999999, 0.5, 0.1], [0.3, 0.29999999999, 0.2]])
    codes = np.array([0, 1])
    for name, expected in [("subset_accuracy", 0.0), ("f1_macro", 0.0),
                           ("top1_accuracy", 0.0), ("top2_accuracy", 1.0)]:  # fmt: skip
        metric = skk.get_metric(name)
        metric.update_state(codes, scores)
        assert float(metric.result()) == expected, name
    y = np.eye(3)[codes]
    for name in ("top1_accuracy", "precision_at_1", "ndcg_at_1"):
        metric = skk.get_metric(name)
        metric.update_state(y, scores)
        assert float(metric.result()) == reference(name, y, scores) == 0.0, name
    binary = skk.get_metric("recall")
    binary.update_state(np.array([1, 1]), np.array([0.49999999999, 0.5]))
    assert float(binary.result()) == 0.5


# -- what eager mode refuses, inside a compiled step -------------------------------

on_jax = pytest.mark.skipif(
    keras.backend.backend() != "jax", reason="jit without eager checks: JAX"
)


def compiled_evaluate(names, y, scores, batch_size=BATCH):
    model = keras.Sequential([keras.Input((scores.shape[1],)), keras.layers.Identity()])
    model.compile(loss=no_loss, metrics=[skk.get_metric(n) for n in names],
                  run_eagerly=False)  # fmt: skip
    return model.evaluate(scores, y, batch_size=batch_size, verbose=0,
                          return_dict=True)  # fmt: skip


def mixup(n=400, n_classes=10, seed=12):
    rng = np.random.default_rng(seed)
    lam = rng.beta(0.4, 0.4, size=n)[:, None]
    eye = np.eye(n_classes)
    y = lam * eye[rng.integers(0, n_classes, n)]
    y += (1 - lam) * eye[rng.integers(0, n_classes, n)]
    return y.astype(np.float32), rng.random((n, n_classes)).astype(np.float32)


def test_top_k_reads_soft_targets_as_keras_does():
    """Mixup targets: the class at each row's maximum (Keras' argmax), not
    every class with a non-zero share (0.766 against Keras' 0.531)."""
    y, scores = mixup()
    keras_metrics = [keras.metrics.TopKCategoricalAccuracy(k, name=f"keras{k}")
                     for k in (1, 5)]  # fmt: skip
    model = keras.Sequential([keras.Input((10,)), keras.layers.Identity()])
    ours = [skk.get_metric("top1_accuracy"), skk.get_metric("top5_accuracy")]
    model.compile(loss=no_loss, metrics=[*ours, *keras_metrics], run_eagerly=False)
    logs = model.evaluate(scores, y, batch_size=BATCH, verbose=0, return_dict=True)
    codes = y.argmax(axis=1)
    for k in (1, 5):
        expected = smm.top_k_accuracy_score(codes, scores, k=k, labels=np.arange(10))
        assert logs[f"top{k}_accuracy"] == pytest.approx(expected, abs=1e-6)
        assert logs[f"top{k}_accuracy"] == pytest.approx(logs[f"keras{k}"], abs=1e-6)
    eager = skk.get_metric("top5_accuracy")  # eager mode reads them the same way
    eager.update_state(y, scores)
    assert float(eager.result()) == pytest.approx(logs["top5_accuracy"], abs=1e-6)


BAD_INPUTS = {  # case: (metric names, targets, spoiled argument, value)
    "class index out of range": (
        ["top2_accuracy", "f1_macro", "subset_accuracy", "hamming_accuracy"],
        "codes", "y_true", 12,
    ),
    "negative class index": (["top2_accuracy", "recall_micro"], "codes", "y_true", -1),
    "class index not an integer": (
        ["top2_accuracy", "precision_weighted"], "codes", "y_true", 1.5,
    ),
    "a 2 in an indicator matrix": (
        ["f1_macro", "f1_samples", "precision_at_2", "ndcg_at_2", "top2_accuracy",
         "hamming_accuracy", "subset_accuracy", "jaccard_micro"],
        "indicator", "y_true", 2.0,
    ),
    "a soft label for a set metric": (
        ["f1_macro", "recall_samples", "precision_at_2", "subset_accuracy"],
        "indicator", "y_true", 0.7,
    ),
    "a NaN score": (
        ["f1_macro", "f1_samples", "top2_accuracy", "precision_at_2", "ndcg_at_2",
         "hamming_accuracy"],
        "indicator", "y_pred", np.nan,
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", list(BAD_INPUTS))
def test_inputs_eager_mode_refuses_give_nan_under_jit(case):
    """No plausible number: the bad value is not in the first batch (eager
    mode checks that one), and clean data after a reset gives numbers again."""
    names, targets, spoiled, value = BAD_INPUTS[case]
    rng = np.random.default_rng(13)
    codes = rng.integers(0, 5, size=120)
    y = np.eye(5, dtype=np.float32)[codes]
    y[rng.random((120, 5)) < 0.2] = 1.0
    clean = {"y_true": codes if targets == "codes" else y,
             "y_pred": rng.random((120, 5)).astype(np.float32)}  # fmt: skip
    bad = {key: array.astype(np.float32) for key, array in clean.items()}
    bad[spoiled][50] = value
    if keras.backend.backend() == "jax":
        logs = compiled_evaluate(names, bad["y_true"], bad["y_pred"])
        for name in names:
            assert np.isnan(logs[name]), (case, name, logs[name])
    for name in names:
        metric = skk.get_metric(name)
        with pytest.raises(ValueError, match=spoiled):  # eager: refused
            metric.update_state(bad["y_true"][50:60], bad["y_pred"][50:60])
        metric.update_state(clean["y_true"][:10], clean["y_pred"][:10])  # checked
        metric.update_state(bad["y_true"][10:], bad["y_pred"][10:])  # not checked
        assert np.isnan(float(metric.result())), (case, name)
        metric.reset_state()
        metric.update_state(clean["y_true"], clean["y_pred"])
        expected = reference(name, clean["y_true"], clean["y_pred"])
        assert float(metric.result()) == pytest.approx(expected, abs=1e-6), name


@on_jax
def test_clean_data_under_jit_is_not_flagged():
    rng = np.random.default_rng(14)
    codes = rng.integers(0, 4, size=90)
    scores = rng.random((90, 4)).astype(np.float32)
    for y in (codes, np.eye(4, dtype=np.float32)[codes]):
        names = ["top2_accuracy", "f1_macro", "subset_accuracy"]
        logs = compiled_evaluate(names, y, scores)
        for name in names:
            assert logs[name] == pytest.approx(reference(name, y, scores), abs=1e-6)
