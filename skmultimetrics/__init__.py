"""skmultimetrics: multi-class and multi-label evaluation for scikit-learn.

Metric functions whose names say which number you get, with scikit-learn's
signatures and values, a ``threshold=`` keyword and a fast, bounded-memory core.
"""

from ._accuracy import hamming_accuracy_score, subset_accuracy_score
from ._at_k import (
    ndcg_at_k_score,
    precision_at_k_score,
    propensity_scored_precision_at_k_score,
    recall_at_k_score,
)
from ._estimator import ThresholdOptimizer
from ._fscore import f1_score, fbeta_score, precision_score, recall_score
from ._optimize import optimize_thresholds
from ._plot import ThresholdCurveDisplay
from ._ranking import top_k_accuracy_score
from ._report import multilabel_report
from ._scorers import get_scorer, get_scorer_names
from ._set_metrics import jaccard_score, precision_recall_fscore_support
from ._threshold_search import threshold_sweep

__version__ = "0.1.0.dev0"

__all__ = [
    "ThresholdCurveDisplay",
    "ThresholdOptimizer",
    "__version__",
    "f1_score",
    "fbeta_score",
    "get_scorer",
    "get_scorer_names",
    "hamming_accuracy_score",
    "jaccard_score",
    "multilabel_report",
    "ndcg_at_k_score",
    "optimize_thresholds",
    "precision_at_k_score",
    "precision_recall_fscore_support",
    "precision_score",
    "propensity_scored_precision_at_k_score",
    "recall_at_k_score",
    "recall_score",
    "subset_accuracy_score",
    "threshold_sweep",
    "top_k_accuracy_score",
]
