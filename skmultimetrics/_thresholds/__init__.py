"""Layer 4, cut-offs: ``threshold_sweep``, ``optimize_thresholds`` and
``ThresholdOptimizer``, from the exact sweeps of ``_counts``. Imports the layers
below it."""
