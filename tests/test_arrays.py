"""Tensors in, everywhere: detached and copied to the host once, at the door,
with float16 and bfloat16 widened to float32; nothing imports a framework."""

import numpy as np
import pytest
from sklearn import metrics as sk

import skmultimetrics as smm
from skmultimetrics._checks._arrays import as_ndarray

Y = np.array([[1, 0, 1], [0, 1, 0], [1, 1, 0], [0, 0, 1], [1, 0, 0]])
S = np.array(
    [
        [0.9, 0.2, 0.6],
        [0.1, 0.8, 0.3],
        [0.7, 0.6, 0.2],
        [0.3, 0.1, 0.4],
        [0.5, 0.4, 0.8],
    ],
    dtype=np.float32,
)
W = np.array([1.0, 2.0, 1.0, 0.5, 1.0])


class DLPackOnly:
    """An array that NumPy can read only through the DLPack protocol."""

    def __init__(self, array):
        self._array = array

    def __dlpack__(self, **kwargs):
        return self._array.__dlpack__(**kwargs)

    def __dlpack_device__(self):
        return self._array.__dlpack_device__()


def test_dlpack_only_arrays_are_read():
    assert smm.f1_score(
        DLPackOnly(Y), DLPackOnly(S), threshold=0.5, average="macro"
    ) == sk.f1_score(Y, (S >= 0.5).astype(int), average="macro")
    assert smm.roc_auc_score(
        DLPackOnly(Y), DLPackOnly(S), sample_weight=DLPackOnly(W)
    ) == pytest.approx(sk.roc_auc_score(Y, S, sample_weight=W))


def test_float16_is_widened():
    half = S.astype(np.float16)
    assert as_ndarray(half, "y_score", "f").dtype == np.float32
    assert smm.roc_auc_score(Y, half) == pytest.approx(
        sk.roc_auc_score(Y, half.astype(np.float32))
    )


def test_ml_dtypes_bfloat16_is_widened():
    ml_dtypes = pytest.importorskip("ml_dtypes")
    brain = S.astype(ml_dtypes.bfloat16)  # as JAX hands bfloat16 over
    assert as_ndarray(brain, "y_score", "f").dtype == np.float32
    expected = sk.roc_auc_score(Y, brain.astype(np.float32))
    assert smm.roc_auc_score(Y, brain) == pytest.approx(expected)


# --- PyTorch ------------------------------------------------------------------


@pytest.fixture
def torch():
    return pytest.importorskip("torch")


@pytest.mark.parametrize("dtype", ["float32", "float16", "bfloat16"])
def test_torch_scores_with_grad(torch, dtype):
    scores = torch.tensor(S, dtype=getattr(torch, dtype), requires_grad=True)
    host = scores.detach().float().numpy()  # the values the metric sees
    truth = torch.tensor(Y)
    assert smm.roc_auc_score(truth, scores, average="macro") == pytest.approx(
        sk.roc_auc_score(Y, host, average="macro")
    )
    assert smm.f1_score(truth, scores, threshold=0.5, average="micro") == (
        sk.f1_score(Y, (host >= 0.5).astype(int), average="micro")
    )
    assert smm.precision_at_k_score(truth, scores, k=2) == smm.precision_at_k_score(
        Y, host, k=2
    )
    assert scores.requires_grad  # the input is not modified


def test_torch_labels_weights_and_thresholds(torch):
    labels = torch.tensor([0, 1, 2, 1, 0])
    proba = torch.softmax(torch.tensor(S, requires_grad=True), dim=1)
    host = proba.detach().numpy()
    assert smm.top_k_accuracy_score(labels, proba, k=2) == pytest.approx(
        sk.top_k_accuracy_score(labels.numpy(), host, k=2)
    )
    weight = torch.tensor(W)
    assert smm.subset_accuracy_score(
        torch.tensor(Y), torch.tensor(Y), sample_weight=weight
    ) == sk.accuracy_score(Y, Y, sample_weight=W)
    cut_offs = torch.tensor([0.5, 0.4, 0.3])
    assert smm.f1_score(
        torch.tensor(Y), torch.tensor(S), threshold=cut_offs, average="macro"
    ) == sk.f1_score(Y, (S >= cut_offs.numpy()).astype(int), average="macro")
    # multiclass labels with class probabilities and threshold=
    assert smm.f1_score(labels, proba, threshold=1.0, average="macro") == (
        sk.f1_score(labels.numpy(), host.argmax(axis=1), average="macro")
    )


def test_torch_batches_of_a_stream(torch):
    acc = smm.MetricAccumulator(["f1_macro", "precision_at_2"], threshold=0.5)
    for rows in (slice(0, 2), slice(2, 5)):
        acc.update(
            torch.tensor(Y[rows]),
            torch.tensor(S[rows], dtype=torch.bfloat16, requires_grad=True),
        )
    host = torch.tensor(S, dtype=torch.bfloat16).float().numpy()
    result = acc.result()
    assert result["f1_macro"] == pytest.approx(
        sk.f1_score(Y, (host >= 0.5).astype(int), average="macro")
    )
    assert result["precision_at_2"] == pytest.approx(
        smm.precision_at_k_score(Y, host, k=2)
    )
