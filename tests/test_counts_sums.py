"""Sums that add up over batches (_counts/_sums.py)."""

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from test_statistics import reference_label_counts

from skmultimetrics._counts._sums import class_sums


@given(
    arrays(np.intp, st.integers(1, 40), elements=st.integers(0, 4)),
    st.integers(0, 2**32 - 1),
)
def test_class_counts_match_reference(true_codes, seed):
    rng = np.random.default_rng(seed)
    pred_codes = rng.integers(0, 5, size=true_codes.shape[0])
    w = rng.random(true_codes.shape[0])
    sums = class_sums(true_codes, pred_codes, 5, w)
    counts = sums["tp"], sums["pred"], sums["true"]
    t = np.eye(5, dtype=bool)[true_codes]
    p = np.eye(5, dtype=bool)[pred_codes]
    for got, want in zip(counts[:3], reference_label_counts(t, p, w)):
        np.testing.assert_allclose(got, want)
