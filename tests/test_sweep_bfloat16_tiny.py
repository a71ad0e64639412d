"""A cut-off found on bfloat16 scores that float16 cannot hold (tiny or huge
values) is a bfloat16 value too, so the scores compared with it give the
counted predictions."""

import numpy as np
import pytest

from skmultimetrics import f1_score, threshold_sweep

torch = pytest.importorskip("torch")


@pytest.mark.parametrize("value", [1e-6, 3e-7, 1e-20, 1e6, 3e30])
def test_adjacent_bfloat16_scores_beyond_float16(value):
    low = torch.tensor(value, dtype=torch.bfloat16)
    high = torch.nextafter(low, torch.tensor(np.inf, dtype=torch.bfloat16))
    scores = torch.stack([low, high, low])
    y = np.array([0, 1, 0])
    sweep = threshold_sweep(y, scores)
    assert sweep.best_score == 1.0
    predicted = (scores >= sweep.best_threshold).numpy().astype(int)
    assert f1_score(y, predicted) == sweep.best_score
