"""skmultimetrics: multi-class and multi-label evaluation for scikit-learn.

Metric functions whose names say which number you get, with scikit-learn's
signatures and values, a ``threshold=`` keyword and a fast, bounded-memory core.
"""

from ._metrics._accuracy import hamming_accuracy_score, subset_accuracy_score
from ._metrics._at_k import (
    ndcg_at_k_score,
    precision_at_k_score,
    propensity_scored_precision_at_k_score,
    recall_at_k_score,
)
from ._metrics._curves import average_precision_score, roc_auc_score
from ._metrics._fscore import f1_score, fbeta_score, precision_score, recall_score
from ._metrics._operating_points import (
    operating_points,
    precision_at_recall_score,
    recall_at_precision_score,
    sensitivity_at_specificity_score,
    specificity_at_sensitivity_score,
)
from ._metrics._ranking import top_k_accuracy_score
from ._metrics._scorers import get_scorer, get_scorer_names
from ._metrics._set_metrics import jaccard_score, precision_recall_fscore_support
from ._report._plot import ThresholdCurveDisplay
from ._report._table import multilabel_report
from ._stream._accumulator import MetricAccumulator
from ._thresholds._estimator import ThresholdOptimizer
from ._thresholds._fixed import FixedThresholdClassifier
from ._thresholds._optimize import optimize_thresholds
from ._thresholds._stratify import MultilabelStratifiedKFold
from ._thresholds._threshold_sweep import threshold_sweep
from ._uncertainty._compare import compare_predictions
from ._uncertainty._interval import confidence_interval
from ._uncertainty._results import MetricComparison, MetricInterval

__version__ = "0.1.0.dev0"

__all__ = [
    "FixedThresholdClassifier",
    "MetricAccumulator",
    "MetricComparison",
    "MetricInterval",
    "MultilabelStratifiedKFold",
    "ThresholdCurveDisplay",
    "ThresholdOptimizer",
    "__version__",
    "average_precision_score",
    "compare_predictions",
    "confidence_interval",
    "f1_score",
    "fbeta_score",
    "get_scorer",
    "get_scorer_names",
    "hamming_accuracy_score",
    "jaccard_score",
    "multilabel_report",
    "ndcg_at_k_score",
    "operating_points",
    "optimize_thresholds",
    "precision_at_k_score",
    "precision_at_recall_score",
    "precision_recall_fscore_support",
    "precision_score",
    "propensity_scored_precision_at_k_score",
    "recall_at_k_score",
    "recall_at_precision_score",
    "recall_score",
    "roc_auc_score",
    "sensitivity_at_specificity_score",
    "specificity_at_sensitivity_score",
    "subset_accuracy_score",
    "threshold_sweep",
    "top_k_accuracy_score",
]
