"""Weighted sums of per-unit statistics over resamples (_uncertainty/_sums.py): sums of
batches of resamples add up, and the products run on the idle cores of a busy
machine."""

import os

import numpy as np
from test_interval import correlated_labels

import skmultimetrics as smm


def test_bootstrap_products_use_the_idle_cores_of_a_busy_machine(monkeypatch):
    from threadpoolctl import threadpool_info

    from skmultimetrics._uncertainty import _sums

    def blas_threads():
        return {i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"}

    before = blas_threads()
    seen = []
    columns = {"x": np.ones((3, 50), np.float32)}
    weights = np.ones((4, 50), np.float32)
    cores = os.cpu_count() or 1
    for idle in (1, cores):  # one idle core, then all of them
        monkeypatch.setattr(_sums, "_idle_cores", lambda idle=idle: idle)
        with _sums.idle_blas_threads():
            seen.append(blas_threads())
            with _sums.idle_blas_threads():  # nested (another thread): kept
                seen.append(blas_threads())
            seen.append(blas_threads())
            np.testing.assert_array_equal(
                _sums.weighted_sums(columns, weights)["x"], np.full((4, 3), 50.0)
            )
        assert blas_threads() == before  # restored
    if before:
        assert seen[:3] == [{1}] * 3
        assert seen[3:] == [before] * 3


def test_batched_bootstrap_sums_add_up_over_batches():
    from skmultimetrics._uncertainty._families import SetFamily
    from skmultimetrics._uncertainty._sums import Stats, weighted_sums
    from skmultimetrics._uncertainty._weights import poisson_weights, seed_sequence

    rng = np.random.default_rng(14)
    truth, scores = correlated_labels(rng, 300, n_labels=3)
    pred = scores >= 0.5
    stats = {
        k: np.ascontiguousarray(np.asarray(v, np.float32).T)
        for k, v in {"tp": truth & pred, "pred+true": truth.astype(int) + pred}.items()
    }
    children = seed_sequence(0, "test").spawn(2)
    weights = poisson_weights(np.random.default_rng(children[0]), 50, 300)
    whole = weighted_sums(stats, weights)
    first = weighted_sums({k: v[:, :120] for k, v in stats.items()}, weights[:, :120])
    rest = weighted_sums({k: v[:, 120:] for k, v in stats.items()}, weights[:, 120:])
    for name in stats:
        np.testing.assert_array_equal(first[name] + rest[name], whole[name])
    family = SetFamily(
        "f1_macro",
        Stats(stats),
        den="pred+true", factor=2.0, average="macro", zero_division=0.0,
        labels=[0, 1, 2],
    )  # fmt: skip
    expected = [
        smm.f1_score(truth, pred, average="macro", sample_weight=w) for w in weights
    ]
    np.testing.assert_allclose(family.value(whole), expected, rtol=1e-12)
    a, b = (np.random.default_rng(child) for child in children)
    assert not np.array_equal(poisson_weights(a, 5, 40), poisson_weights(b, 5, 40))
