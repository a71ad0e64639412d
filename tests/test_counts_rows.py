"""Per-row counts of comparison masks (skmultimetrics._counts._rows)."""

import numpy as np
import pytest
from sklearn.metrics import top_k_accuracy_score as sk_top_k

from skmultimetrics import top_k_accuracy_score
from skmultimetrics._counts._rows import row_counts


@pytest.mark.parametrize("width", [1, 7, 8, 16, 1000, 2040, 2048, 4096])
def test_row_counts_all_true_rows_do_not_carry(width):
    # all-True rows are the largest per-byte sums of the word-wise count
    rng = np.random.default_rng(width)
    mask = rng.random((5, width)) < 0.5
    mask[0] = True
    mask[1] = False
    np.testing.assert_array_equal(row_counts(mask), mask.sum(axis=1))


@pytest.mark.parametrize("n_classes", [9, 1001, 2040, 2041])
@pytest.mark.parametrize("boost", [0.0, 1.0])
def test_top_k_matches_plain_counts_on_widths_padded_to_words(n_classes, boost):
    rng = np.random.default_rng(n_classes)
    n = 3000
    y_true = rng.integers(0, n_classes, size=n)
    y_score = rng.random((n, n_classes), dtype=np.float32)
    y_score[np.arange(n), y_true] += np.float32(boost) * rng.random(n, np.float32)
    labels = np.arange(n_classes)
    true_score = y_score[np.arange(n), y_true][:, None]
    above = (y_score > true_score).sum(axis=1)
    tied = (y_score == true_score).sum(axis=1)
    for ties, expected in [
        ("optimistic", np.mean(above < 5)),
        ("pessimistic", np.mean(above + tied <= 5)),
    ]:
        got = top_k_accuracy_score(y_true, y_score, k=5, labels=labels, ties=ties)
        assert got == pytest.approx(expected, abs=1e-15)
    if (tied == 1).all():
        assert top_k_accuracy_score(y_true, y_score, k=5, labels=labels) == sk_top_k(
            y_true, y_score, k=5, labels=labels
        )


def test_top_k_restores_numpy_buffer_size():
    before = np.getbufsize()
    top_k_accuracy_score([0, 1], np.array([[0.6, 0.4], [0.3, 0.7]]), k=1)
    assert np.getbufsize() == before
