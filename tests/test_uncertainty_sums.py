"""Weighted sums of per-unit statistics over resamples (_uncertainty/_sums.py)."""

import numpy as np


def test_bootstrap_products_use_one_blas_thread_on_a_busy_machine(monkeypatch):
    from threadpoolctl import threadpool_info

    from skmultimetrics._uncertainty import _sums

    def blas_threads():
        return {i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"}

    before = blas_threads()
    seen = []
    columns = {"x": np.ones((3, 50), np.float32)}
    weights = np.ones((4, 50), np.float32)
    for busy in (True, False):
        monkeypatch.setattr(_sums, "_busy", lambda busy=busy: busy)
        with _sums.one_blas_thread():
            seen.append(blas_threads())
            with _sums.one_blas_thread():  # nested (another thread): kept
                seen.append(blas_threads())
            seen.append(blas_threads())
            np.testing.assert_array_equal(
                _sums.weighted_sums(columns, weights)["x"], np.full((4, 3), 50.0)
            )
        assert blas_threads() == before  # restored
    if before:
        assert seen[:3] == [{1}] * 3
        assert seen[3:] == [before] * 3
