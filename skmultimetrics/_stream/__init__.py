"""Layer 7, streams: ``MetricAccumulator``, metrics of batches that arrive one
by one. Imports the layers below it."""
