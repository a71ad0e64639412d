"""Layer 6, reports: ``multilabel_report``, its text form and
``ThresholdCurveDisplay``. Imports the layers below it."""
