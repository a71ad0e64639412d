"""Layer 3, metrics: the metric functions (check, count, apply a formula) and the
scorers built on them. Imports ``_counts`` and ``_checks``."""
