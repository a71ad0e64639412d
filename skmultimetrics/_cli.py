"""Command line: ``skmultimetrics`` (also ``python -m skmultimetrics``)."""

import argparse
import sys

from . import __version__


def _demo(args):
    """Fit a multi-label classifier on a built-in example and print its metrics."""
    from sklearn.datasets import make_multilabel_classification
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import train_test_split
    from sklearn.multiclass import OneVsRestClassifier

    from . import (
        f1_score,
        hamming_accuracy_score,
        precision_score,
        recall_score,
        subset_accuracy_score,
    )

    X, Y = make_multilabel_classification(
        n_samples=2000, n_features=20, n_classes=8, n_labels=2, random_state=args.seed
    )
    X_train, X_test, Y_train, Y_test = train_test_split(
        X, Y, test_size=0.3, random_state=args.seed
    )
    model = OneVsRestClassifier(LogisticRegression(max_iter=1000)).fit(X_train, Y_train)
    scores = model.predict_proba(X_test)
    print(
        f"Multi-label example: {X_test.shape[0]} test samples, {Y.shape[1]} labels, "
        f"{Y_test.mean():.0%} of label cells positive.\n"
        "OneVsRestClassifier(LogisticRegression) scored at cut-off 0.5:\n"
    )
    rows = [
        (
            "subset accuracy (exact match; sklearn accuracy_score)",
            subset_accuracy_score,
        ),
        (
            "hamming accuracy (label cells; Keras binary_accuracy)",
            hamming_accuracy_score,
        ),
    ]
    for name, metric in rows:
        print(f"  {name:<56} {metric(Y_test, scores, threshold=0.5):.4f}")
    for average in ("micro", "macro", "samples"):
        for name, metric in (
            ("precision", precision_score),
            ("recall", recall_score),
            ("F1", f1_score),
        ):
            value = metric(
                Y_test, scores, average=average, threshold=0.5, zero_division=0.0
            )
            print(f"  {f'{average} {name}':<56} {value:.4f}")
    return 0


def build_parser():
    parser = argparse.ArgumentParser(
        prog="skmultimetrics",
        description="Multi-class and multi-label evaluation for scikit-learn.",
        epilog="Example: skmultimetrics demo",
    )
    parser.add_argument("--version", action="version", version=__version__)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    demo = commands.add_parser(
        "demo",
        help="evaluate a multi-label classifier on a built-in example",
        description="Fit a multi-label classifier on a generated example (no files, "
        "no network) and print its subset and hamming accuracy and its "
        "precision, recall and F1 under every average.",
    )
    demo.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    demo.set_defaults(run=_demo)
    return parser


def main(argv=None):
    """Run the command line; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    return args.run(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
