"""skmultimetrics.torch.sync compares every setting across the ranks, also
``ignore_index``: a mismatch is the same ValueError on every rank, no hang."""

import numpy as np
import pytest
from test_torch import multiclass_data, require, shard_accumulator, spawn

torch = require("torch")
skt = require("skmultimetrics.torch")


def check_ignore_index_mismatch(rank):
    y, scores, _ = multiclass_data()
    params = dict(metrics=["accuracy", "f1_macro"], zero_division=0.0)
    # rank 1 leaves out the rows of class -100; rank 0 counts them (as class
    # 0): refused on both ranks, naming the setting
    if rank == 0:
        acc = shard_accumulator(rank, (np.maximum(y, 0), scores), **params)
    else:
        acc = shard_accumulator(rank, (y, scores), ignore_index=-100, **params)
    pattern = r"other settings on rank 1.*ignore_index=-100 against .*ignore_index=None"
    with pytest.raises(ValueError, match=pattern):
        skt.sync(acc)
    # the same on both ranks: the rows left out everywhere
    acc = shard_accumulator(rank, (y, scores), ignore_index=-100, **params)
    assert skt.sync(acc).n_samples_ == int(np.sum(y != -100))
    torch.distributed.barrier()  # every rank is still in step


def test_sync_refuses_ranks_with_other_ignore_index():
    spawn(check_ignore_index_mismatch)
