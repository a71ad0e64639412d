"""skmultimetrics.torch.compute_metrics: equal to the one-shot functions in both
of the Trainer's protocols; in training loops, ``compute_metrics`` in a real
``transformers.Trainer`` (a tiny BERT from a config, both protocols,
``metric_for_best_model`` keeping the best checkpoint), and a LightningModule
logging ``sync``ed results on 1 process and under DDP on 2 gloo processes.
"""

import importlib
import os

import numpy as np
import pytest
from test_torch_sync import MULTICLASS, C, L, one_shot, require

import skmultimetrics as smm

torch = require("torch")
skt = require("skmultimetrics.torch")


def softmax(x):
    e = np.exp(x - x.max(-1, keepdims=True))
    return e / e.sum(-1, keepdims=True)


# --- transformers.Trainer ---------------------------------------------------------


class _Rows(torch.utils.data.Dataset):
    def __init__(self, ids, labels):
        self.ids, self.labels = ids, labels

    def __len__(self):
        return len(self.ids)

    def __getitem__(self, i):
        return {"input_ids": self.ids[i], "labels": self.labels[i]}


def trainer_run(tmp_path, problem, metrics, best, batch_eval_metrics=False):
    """A tiny BERT built from a config (no download) trained for 3 epochs with
    an evaluation each; ``best`` the metric_for_best_model. Its classifier is
    spoiled before the last evaluation, so the best checkpoint is an earlier one
    and the last is the worst."""
    transformers = require("transformers")

    class Spoil(transformers.TrainerCallback):
        def on_epoch_end(self, args, state, control, model=None, **kwargs):
            if round(state.epoch) == 3:
                with torch.no_grad():  # every row: class 0, or every label
                    model.classifier.weight.zero_()
                    model.classifier.bias.copy_(torch.tensor([5.0, 0.0, 0.0]))

    transformers.set_seed(0)
    rng = np.random.default_rng(0)
    ids = torch.from_numpy(rng.integers(1, 50, (96, 8)))
    ids[:, 0] = torch.from_numpy(rng.integers(1, 7, 96))  # the labels' token
    first = ids[:, 0] % 3
    if problem == "single_label_classification":
        labels = first.clone()
        labels[::7] = -100  # rows the loss and the metrics leave out
    else:
        labels = torch.stack([first == 0, first == 1, ids[:, 0] < 4], 1).float()
    config = transformers.BertConfig(
        vocab_size=50, hidden_size=16, num_hidden_layers=1, num_attention_heads=2,
        intermediate_size=16, num_labels=3, problem_type=problem,
    )  # fmt: skip
    args = transformers.TrainingArguments(
        output_dir=str(tmp_path), num_train_epochs=3, learning_rate=1e-2,
        per_device_train_batch_size=16, per_device_eval_batch_size=10,
        eval_strategy="epoch", save_strategy="epoch", load_best_model_at_end=True,
        metric_for_best_model=best, batch_eval_metrics=batch_eval_metrics,
        report_to="none", use_cpu=True, disable_tqdm=True, seed=0,
        logging_strategy="no", save_only_model=True,
    )  # fmt: skip
    trainer = transformers.Trainer(
        model=transformers.BertForSequenceClassification(config),
        args=args,
        train_dataset=_Rows(ids[:64], labels[:64]),
        eval_dataset=_Rows(ids[64:], labels[64:]),
        compute_metrics=skt.compute_metrics(metrics),
        callbacks=[Spoil()],
    )
    trainer.train()
    return trainer


def evaluations(trainer, key):
    values = [log[key] for log in trainer.state.log_history if key in log]
    assert len(values) == 3
    return values


def other_protocol(trainer, final):
    """The final evaluation again, in the Trainer's other protocol: the same."""
    trainer.args.batch_eval_metrics = not trainer.args.batch_eval_metrics
    again = trainer.evaluate()
    assert again.keys() == final.keys()
    for key in final:
        if "runtime" not in key and "per_second" not in key:
            assert again[key] == pytest.approx(final[key], rel=1e-12), key


def test_trainer_single_label_keeps_the_best_checkpoint(tmp_path):
    metrics = ["f1_macro", "accuracy"]
    trainer = trainer_run(tmp_path, "single_label_classification", metrics, "f1_macro")
    values = evaluations(trainer, "eval_f1_macro")
    assert trainer.state.best_metric == max(values) > values[-1]
    # the best model was loaded: evaluating it again gives the best value
    final = trainer.evaluate()
    assert final["eval_f1_macro"] == max(values)
    # and the numbers are those of the functions on the predictions
    out = trainer.predict(trainer.eval_dataset)
    keep = out.label_ids != -100
    pred = out.predictions[keep].argmax(1)
    assert final["eval_f1_macro"] == pytest.approx(
        smm.f1_score(out.label_ids[keep], pred, average="macro", zero_division=0.0)
    )
    assert final["eval_accuracy"] == pytest.approx(np.mean(pred == out.label_ids[keep]))
    other_protocol(trainer, final)  # batch_eval_metrics=True


def test_trainer_multi_label_hamming_loss_is_minimized(tmp_path):
    metrics = ["neg_hamming_loss", "f1_micro"]
    trainer = trainer_run(
        tmp_path, "multi_label_classification", metrics, "hamming_loss",
        batch_eval_metrics=True,
    )  # fmt: skip
    assert trainer.args.greater_is_better is False  # the Trainer's own default
    values = evaluations(trainer, "eval_hamming_loss")
    assert trainer.state.best_metric == min(values) < values[-1]
    final = trainer.evaluate()
    assert final["eval_hamming_loss"] == min(values)
    out = trainer.predict(trainer.eval_dataset)
    pred = out.predictions >= 0  # sigmoid(logit) >= 0.5
    assert final["eval_hamming_loss"] == pytest.approx(np.mean(pred != out.label_ids))
    other_protocol(trainer, final)  # the whole set's arrays


# --- Lightning ----------------------------------------------------------------------

LIT_METRICS = ["f1_macro", "subset_accuracy", "neg_hamming_loss"]


def lit_data(n=96, seed=0):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 8)).astype(np.float32)
    y = (x[:, :L] + rng.normal(size=(n, L)) > 0.5).astype(np.float32)
    return torch.utils.data.TensorDataset(torch.from_numpy(x), torch.from_numpy(y))


def optional(module):
    """``module``, or None where it is missing (and not required: CI)."""
    try:
        return importlib.import_module(module)
    except ImportError:
        if os.environ.get("SKMM_REQUIRE_TORCH"):
            raise
        return None


lightning = optional("lightning")


class _LitModule(lightning.LightningModule if lightning else torch.nn.Module):
    """Counts its validation batches in an accumulator; logs the synced result
    at the end of each validation epoch, after checking it against the whole
    validation set (on every rank)."""

    def __init__(self):
        super().__init__()
        self.layer = torch.nn.Linear(8, L)
        self.acc = smm.MetricAccumulator(LIT_METRICS, zero_division=0.0)
        self.history = []

    def training_step(self, batch, index):
        x, y = batch
        return torch.nn.functional.binary_cross_entropy_with_logits(self.layer(x), y)

    def validation_step(self, batch, index):
        x, y = batch
        self.acc.update(y, torch.sigmoid(self.layer(x)))

    def on_validation_epoch_end(self):
        result = skt.sync(self.acc).result()
        self.acc.reset()
        x, y = lit_data()[:]
        with torch.no_grad():
            scores = torch.sigmoid(self.layer(x)).numpy()
        for name, value in result.items():
            assert value == pytest.approx(one_shot(name, y.numpy(), scores)), name
        self.log_dict(result, sync_dist=True)  # the same on every rank
        self.history.append(result["f1_macro"])

    def configure_optimizers(self):
        return torch.optim.SGD(self.parameters(), lr=0.5)


@pytest.mark.filterwarnings(  # Lightning 2.6 on torch 2.13
    "ignore:`isinstance.treespec, LeafSpec.` is deprecated:FutureWarning"
)
@pytest.mark.parametrize("devices", [1, 2])
def test_lightning_logs_synced_metrics_for_the_checkpoint(tmp_path, devices):
    require("lightning")
    checkpoint = lightning.pytorch.callbacks.ModelCheckpoint(
        dirpath=tmp_path, monitor="f1_macro", mode="max"
    )
    trainer = lightning.Trainer(
        accelerator="cpu", devices=devices, max_epochs=3,
        strategy="ddp_spawn" if devices > 1 else "auto",
        callbacks=[checkpoint], logger=False, enable_progress_bar=False,
        enable_model_summary=False, default_root_dir=tmp_path, num_sanity_val_steps=0,
    )  # fmt: skip
    loader = torch.utils.data.DataLoader(lit_data(), batch_size=16)
    module = _LitModule()
    trainer.fit(module, loader, loader)
    assert set(LIT_METRICS) <= set(trainer.callback_metrics)
    # the checkpoint kept is the best, by the whole set's F1 of its weights
    saved = torch.load(checkpoint.best_model_path, weights_only=False)
    (state,) = [v for k, v in saved["callbacks"].items() if "ModelCheckpoint" in k]
    best = _LitModule()
    best.load_state_dict(saved["state_dict"])
    x, y = lit_data()[:]
    with torch.no_grad():
        scores = torch.sigmoid(best.layer(x)).numpy()
    expected = one_shot("f1_macro", y.numpy(), scores)
    assert float(state["best_model_score"]) == pytest.approx(expected, rel=1e-6)
    if devices == 1:  # this process ran the epochs: the best of them
        assert float(state["best_model_score"]) == pytest.approx(max(module.history))


def test_compute_metrics_equals_the_functions_in_both_protocols():
    rng = np.random.default_rng(0)
    # token classification: (batch, tokens, classes) logits, -100 on padding
    logits = rng.normal(size=(24, 7, C)).astype(np.float32)
    labels = rng.integers(0, C, (24, 7))
    labels[rng.random((24, 7)) < 0.3] = -100
    metrics = skt.compute_metrics(MULTICLASS)
    whole = metrics((logits, labels))
    keep = labels != -100
    for name in MULTICLASS:
        expected = one_shot(name, labels[keep], softmax(logits[keep]))
        assert whole[name] == pytest.approx(expected, rel=1e-12), name
    # per batch (tensors, compute_result on the last): the same numbers
    for start in range(0, 24, 5):
        rows = slice(start, start + 5)
        last = start + 5 >= 24
        batch = (torch.from_numpy(logits[rows]).half(), torch.from_numpy(labels[rows]))
        out = metrics(batch, compute_result=last)
        assert out == ({} if not last else out)
    assert out.keys() == whole.keys()
    assert out == pytest.approx(whole, rel=1e-12)
    # eval_do_concat_batches=False: lists of the batches' arrays
    batches = ([logits[:10], logits[10:]], [labels[:10], labels[10:]])
    assert metrics(batches) == pytest.approx(whole, rel=1e-12)
    # it reset itself: the next evaluation starts afresh
    assert metrics((logits[:3], labels[:3])) == skt.compute_metrics(MULTICLASS)(
        (logits[:3], labels[:3])
    )


def test_compute_metrics_label_matrices_keys_and_activation():
    rng = np.random.default_rng(1)
    Y = (rng.random((50, L)) < 0.4).astype(np.float32)  # HF's float labels
    logits = rng.normal(size=(50, L))
    names = ["f1_macro", "neg_hamming_loss", "subset_accuracy", "precision_at_2"]
    got = skt.compute_metrics(names, threshold=0.6)((logits, None, Y)[::2])
    scores = 1 / (1 + np.exp(-logits))
    # the Trainer reads "..._loss" as lower-is-better: the loss itself is logged
    assert list(got) == [
        "f1_macro",
        "hamming_loss",
        "subset_accuracy",
        "precision_at_2",
    ]
    assert got["hamming_loss"] == -one_shot("neg_hamming_loss", Y, scores, 0.6)
    assert got["f1_macro"] == one_shot("f1_macro", Y, scores, 0.6)
    # activation=None: the predictions are scores already; -100 is not a label
    # of a label matrix (ignore_index applies to class indices only)
    got = skt.compute_metrics(names, activation=None)((scores, Y))
    assert got["f1_macro"] == one_shot("f1_macro", Y, scores)
    # binary class indices with two logits: f1 of class 1 cut at threshold
    y = rng.integers(0, 2, 50)
    two = rng.normal(size=(50, 2))
    got = skt.compute_metrics(["f1", "accuracy"], threshold=0.7)((two, y))
    p1 = softmax(two)[:, 1]
    assert got["f1"] == smm.f1_score(y, p1 >= 0.7, average="binary")


def test_compute_metrics_bad_input():
    with pytest.raises(
        ValueError, match=r"'activation' parameter of .*compute_metrics"
    ):
        skt.compute_metrics(activation="relu")
    with pytest.raises(ValueError, match=r"'ignore_index' parameter of .*compute_met"):
        skt.compute_metrics(ignore_index=0.5)
    with pytest.raises(ValueError, match="'metrics' parameter"):
        skt.compute_metrics(["roc_auc_macro_typo"])
    metrics = skt.compute_metrics(["accuracy"])
    logits, labels = np.zeros((4, 3)), np.array([0, 1, 2, 1])
    with pytest.raises(ValueError, match=r"label_ids of .*compute_metrics is None"):
        metrics((logits, None))
    with pytest.raises(ValueError, match="several label_names"):
        metrics((logits, (labels, labels)))
    metrics((logits, labels), compute_result=False)
    with pytest.raises(ValueError, match="y_true"):  # a class out of range
        metrics((logits, np.array([0, 1, 5, 1])), compute_result=False)
    # the failed evaluation was dropped: this one holds its own batch only
    assert metrics((logits[:2], labels[:2])) == {"accuracy": 0.5}
    with pytest.raises(ValueError, match="no rows to score"):
        metrics.result()
    with pytest.raises(ValueError, match="no rows to score"):
        metrics((logits[:2], np.array([-100, -100])))
    assert "ignore_index=-100" in repr(metrics)
