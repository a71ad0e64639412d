"""``skmultimetrics demo``: fit, tune and report on generated examples.

No files and no network: a multi-label classifier is tuned by
:class:`ThresholdOptimizer` and reported before and after at held-out samples;
a multi-class classifier is scored by top-k accuracy.
"""

import textwrap

from .._report._table import report_dict
from .._report._text import format_report, label_table
from ._output import progress


def _paragraph(*paragraphs, start=""):
    """Print each paragraph wrapped to 88 columns."""
    print(start + "\n".join(textwrap.fill(p, 88) for p in paragraphs))


def _demo_multilabel(seed):
    from sklearn.datasets import make_multilabel_classification
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import train_test_split
    from sklearn.multiclass import OneVsRestClassifier
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    from .._thresholds._estimator import ThresholdOptimizer

    X, Y = make_multilabel_classification(
        n_samples=2000, n_features=20, n_classes=8, n_labels=2, random_state=seed
    )
    X_train, X_test, Y_train, Y_test = train_test_split(
        X, Y, test_size=0.3, random_state=seed
    )
    progress(
        "fitting OneVsRestClassifier(LogisticRegression) and tuning its cut-offs "
        "for macro F1 with ThresholdOptimizer (5-fold cross-validation) ..."
    )
    model = make_pipeline(StandardScaler(), OneVsRestClassifier(LogisticRegression()))
    tuned = ThresholdOptimizer(model, scoring="f1_macro", cv=5).fit(X_train, Y_train)
    scores = tuned.predict_proba(X_test)
    # cut-offs as floats, for format_report
    report = report_dict(Y_test, scores, thresholds=[0.5, tuned.thresholds_])
    at_tuned = report_dict(Y_test, scores, thresholds=[tuned.thresholds_])
    default = report["rows"][0]
    _paragraph(
        f"Multi-label example (make_multilabel_classification, seed {seed}): "
        f"{Y.shape[1]} labels, trained on {X_train.shape[0]} samples, scored on "
        f"{X_test.shape[0]} held-out samples.",
        'Rows: "0.5" cuts every label at 0.5 (what predict does); "per-label" '
        "uses the cut-offs that ThresholdOptimizer tuned for macro F1 on "
        "cross-validated training scores.",
    )
    print("\n" + format_report(report))
    _paragraph(
        f"At 0.5, hamming accuracy (Keras 'accuracy') is "
        f"{default['hamming_accuracy']:.4f} but subset accuracy (sklearn "
        f"accuracy_score) is {default['subset_accuracy']:.4f}: the same "
        "predictions, scored per label cell and per sample.",
        f"Tuning moved macro F1 from {default['f1_macro']:.4f} to "
        f"{report['rows'][1]['f1_macro']:.4f} on the held-out samples.",
        start="\n",
    )
    print("\nPer label at the tuned cut-offs:")
    print("\n".join(label_table(at_tuned["labels"], 4)))


def _demo_multiclass(seed):
    from sklearn.datasets import make_classification
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import train_test_split

    from .._metrics._ranking import top_k_accuracy_score

    X, y = make_classification(
        n_samples=3000,
        n_features=20,
        n_informative=10,
        n_classes=10,
        n_clusters_per_class=1,
        class_sep=0.8,
        random_state=seed,
    )
    X_train, X_test, y_train, y_test = train_test_split(
        X, y, test_size=0.3, random_state=seed
    )
    progress("fitting LogisticRegression on a 10-class example ...")
    proba = LogisticRegression().fit(X_train, y_train).predict_proba(X_test)
    _paragraph(
        f"Multi-class example (make_classification, 10 classes, seed {seed}): "
        f"top-k accuracy on {X_test.shape[0]} held-out samples, the share whose "
        "true class is among the k best-scored (top-1 is accuracy_score):",
        start="\n",
    )
    for k in (1, 3, 5):
        print(f"  top-{k} accuracy  {top_k_accuracy_score(y_test, proba, k=k):.4f}")


def run_demo(seed=0):
    """Print the multi-label and the multi-class example."""
    from threadpoolctl import threadpool_limits

    # BLAS threads only cost time on problems this small (5x on a busy machine)
    with threadpool_limits(limits=1):
        _demo_multilabel(seed)
        _demo_multiclass(seed)
