"""Uncertainty: confidence intervals and paired comparisons of metrics."""
