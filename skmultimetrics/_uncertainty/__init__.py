"""Layer 5, uncertainty: confidence intervals and paired comparisons of metrics
(the uncertainty of a test-set estimate), from per-sample statistics."""
