"""Command line: ``skmultimetrics`` (also ``python -m skmultimetrics``).

- ``skmultimetrics demo``: fit, tune and report on a built-in example (``_demo``);
- ``skmultimetrics report TRUE SCORES``: the report of scores you already have.

Problems with files or options end the command with one line on stderr and
exit status 2.
"""

import argparse
import csv
import io
import json
import sys
import textwrap

from .. import __version__
from .._report._rows import COLUMNS
from .._report._table import DEFAULT_THRESHOLDS, report_dict
from .._report._text import format_report
from ._chunks import CHUNK_CELLS, Progress, checked_chunks, open_rows, streamed_report
from ._io import (
    InputError,
    check_labels,
    check_scores,
    parse_thresholds,
    plain_json,
    read_matrix,
    read_thresholds,
    write_thresholds,
)

PROG = "skmultimetrics"
_METRICS = ("f1", "precision", "recall", "jaccard")
_AVERAGES = ("macro", "micro", "samples", "weighted")
# command-line objective names -> optimize_thresholds scoring names
TUNE_NAMES = {
    **{f"{a}-{m}": f"{m}_{a}" for m in _METRICS for a in _AVERAGES},
    "subset-accuracy": "subset_accuracy",
    "hamming-accuracy": "hamming_accuracy",
}
DEFAULT_K = (1, 3, 5)


class CommandError(Exception):
    """Ends a command with ``PROG COMMAND: error: message`` and status 2."""

    def __init__(self, message, prog=f"{PROG} report"):
        super().__init__(message)
        self.prog = prog


class _Parser(argparse.ArgumentParser):
    """An argparse parser whose errors are one line, without a usage block."""

    def error(self, message):
        raise CommandError(f"{message} (see {self.prog} --help)", self.prog)


def _progress(message):
    print(message, file=sys.stderr, flush=True)


def _demo(args):
    """Fit, tune and report on built-in examples."""
    from ._demo import run_demo

    run_demo(args.seed)
    return 0


# -- report -------------------------------------------------------------------


def _parse_k(text, n_labels):
    """The k values of the @k metrics (none for a single label: no ranking)."""
    if text is None:
        return [k for k in DEFAULT_K if k <= n_labels] if n_labels > 1 else []
    if n_labels < 2:
        raise CommandError("--k: the @k metrics rank labels and need at least 2.")
    try:
        ks = [int(part) for part in text.split(",")]
    except ValueError:
        raise CommandError(
            f"--k: cannot read {text!r}; use a list such as 1,3,5."
        ) from None
    bad = [k for k in ks if not 1 <= k <= n_labels]
    if bad:
        raise CommandError(
            f"--k: k must be in [1, {n_labels}] (the labels); got {bad}."
        )
    return ks


def _tune_name(name):
    if name is None or name in TUNE_NAMES.values():
        return name
    if name not in TUNE_NAMES:
        raise CommandError(
            f"--tune: unknown objective {name!r}; choose one of "
            f"{', '.join(TUNE_NAMES)}."
        )
    return TUNE_NAMES[name]


def _read_inputs(args):
    """Labels, scores and label names, checked against each other."""
    y_true, names = read_matrix(args.true)
    y_score, score_names = read_matrix(args.scores)
    y_true = check_labels(y_true, args.true, header_lines=int(names is not None))
    y_score = check_scores(y_score, args.scores, int(score_names is not None))
    for axis, what in ((0, "rows (samples)"), (1, "columns (labels)")):
        if y_true.shape[axis] != y_score.shape[axis]:
            raise InputError(
                f"TRUE {args.true} has {y_true.shape[axis]} {what} but SCORES "
                f"{args.scores} has {y_score.shape[axis]}."
            )
    return y_true, y_score, names or score_names


def _tune(y_true, y_score, scoring, names):
    from .._thresholds._optimize import optimize_thresholds

    try:
        result = optimize_thresholds(y_true, y_score, scoring=scoring)
    except ValueError as exc:
        raise CommandError(f"--tune: {exc}") from None
    return {
        "scoring": scoring,
        "score": float(result.score),
        "thresholds": [float(t) for t in result.thresholds],
        "report": report_dict(  # cut-offs as floats, for format_report
            y_true, y_score, thresholds=[result.thresholds], target_names=names
        ),
    }


def _text(result):
    lines = [format_report(result["report"])]
    if result["at_k"]:
        lines += ["", "Ranking metrics of the scores (no cut-off):"]
        lines.append(f"{'k':>5}  {'precision@k':>11}  {'recall@k':>8}  {'ndcg@k':>7}")
        lines += [
            f"{r['k']:>5}  {r['precision']:>11.4f}  {r['recall']:>8.4f}  "
            f"{r['ndcg']:>7.4f}"
            for r in result["at_k"]
        ]
    tuned = result["tuned"]
    if tuned:
        note = (
            f"Cut-offs tuned for {tuned['scoring']} by optimize_thresholds: "
            f"{tuned['score']:.4f} on these scores. Tuned and scored on the same "
            "data, the report below is optimistic: tune on validation scores "
            "(--tune --output cutoffs.json), then report test scores with "
            "--thresholds-file cutoffs.json."
        )
        lines += ["", textwrap.fill(note, 88), "", format_report(tuned["report"])]
    return "\n".join(lines) + "\n"


def _csv(result):
    rows = [("thresholds", row) for row in result["report"]["rows"]]
    if result["tuned"]:
        rows += [("tuned", row) for row in result["tuned"]["report"]["rows"]]
    keys = [key for key, _, _ in COLUMNS]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["source", "threshold", *keys])
    for source, row in rows:
        threshold = row["threshold"]
        if isinstance(threshold, list):
            threshold = " ".join(repr(t) for t in threshold)
        writer.writerow([source, threshold, *(repr(row[key]) for key in keys)])
    return buffer.getvalue()


_NEEDS_MATPLOTLIB = (
    "--plot needs matplotlib: pip install 'skmultimetrics[plot]' "
    "(from a clone: pip install '.[plot]')."
)


def _check_plotting():
    """Fail before any work when --plot cannot be drawn."""
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        raise CommandError(_NEEDS_MATPLOTLIB) from None


_PLOT_LABELS = 10  # curves drawn at most: those of the most frequent labels


def _plot(path, y_true, y_score, thresholds, names):
    try:
        from .._report._plot import ThresholdCurveDisplay

        display = ThresholdCurveDisplay.from_predictions(
            y_true.toarray() if hasattr(y_true, "toarray") else y_true,
            y_score.toarray() if hasattr(y_score, "toarray") else y_score,
            thresholds=thresholds,
            metric="f1",
            label_names=names,
            max_labels=_PLOT_LABELS,
        )
    except ImportError:
        raise CommandError(_NEEDS_MATPLOTLIB) from None
    try:
        display.figure_.savefig(path)
    except (OSError, ValueError) as exc:
        raise CommandError(f"--plot: cannot write {path} ({exc}).") from None
    drawn, n_labels = min(_PLOT_LABELS, y_true.shape[1]), y_true.shape[1]
    note = "" if drawn == n_labels else f" ({drawn} of {n_labels} labels drawn)"
    _progress(f"wrote the threshold curves to {path}{note}")


def _open_inputs(args):
    """Row sources of the two files (``.npy`` memory-mapped), shapes checked."""
    true_rows, names = open_rows(args.true)
    score_rows, score_names = open_rows(args.scores)
    for axis, what in ((0, "rows (samples)"), (1, "columns (labels)")):
        if true_rows.shape[axis] != score_rows.shape[axis]:
            raise InputError(
                f"TRUE {args.true} has {true_rows.shape[axis]} {what} but SCORES "
                f"{args.scores} has {score_rows.shape[axis]}."
            )
    headers = (int(names is not None), int(score_names is not None))
    return true_rows, score_rows, names or score_names, headers


def _report(args):
    """Read the files, print the report; see the parser for the options."""
    thresholds = DEFAULT_THRESHOLDS
    if args.plot:
        _check_plotting()
    if args.thresholds is not None:
        thresholds = parse_thresholds(args.thresholds)
    scoring = _tune_name(args.tune)
    true_rows, score_rows, names, headers = _open_inputs(args)
    n_samples, n_labels = true_rows.shape
    if args.thresholds_file is not None:
        per_label = read_thresholds(args.thresholds_file, n_labels)
        thresholds = [per_label]
    ks = _parse_k(args.k, n_labels)
    step = args.chunk_rows or max(1, CHUNK_CELLS // n_labels)
    show = not args.quiet and n_samples > step and sys.stderr.isatty()
    progress = Progress(n_samples, show)
    chunks = checked_chunks(
        true_rows, score_rows, (args.true, args.scores), headers, step, progress
    )
    try:
        report, at_k = streamed_report(
            true_rows,
            score_rows,
            thresholds=thresholds,
            names=names,
            ks=ks,
            chunks=chunks,
        )
    except (ValueError, TypeError) as exc:  # what the file checks did not catch
        raise CommandError(str(exc)) from None
    finally:
        progress.close()
    if scoring or args.plot:  # these need the whole arrays in memory
        y_true, y_score, _ = _read_inputs(args)
    result = {
        "report": report,
        "at_k": at_k,
        "tuned": _tune(y_true, y_score, scoring, names) if scoring else None,
    }
    if args.format == "json":
        text = json.dumps(plain_json(result), indent=2) + "\n"
    elif args.format == "csv":
        text = _csv(result)
    else:
        text = _text(result)
    tuned = result["tuned"]
    if args.output and tuned:
        write_thresholds(
            args.output,
            tuned["thresholds"],
            scoring=tuned["scoring"],
            score=tuned["score"],
            names=list(tuned["report"]["labels"]),
        )
        _progress(f"wrote the tuned cut-offs to {args.output}")
    if args.output and not tuned:
        try:
            with open(args.output, "w") as file:
                file.write(text)
        except OSError as exc:
            raise InputError(f"{args.output}: cannot write ({exc}).") from None
        _progress(f"wrote the report to {args.output}")
    else:
        sys.stdout.write(text)
    if args.plot:
        marks = tuned["thresholds"] if tuned else None
        if marks is None and args.thresholds_file is not None:
            marks = thresholds[0]
        _plot(args.plot, y_true, y_score, marks, names)
    return 0


# -- parser -------------------------------------------------------------------

REPORT_EPILOG = """\
files:
  .npy        one array (1-D means one label)
  .npz        the single array inside, or FILE.npz:NAME for a named one;
              a matrix saved by scipy.sparse.save_npz is read as sparse
  .csv        comma-separated numbers; a first row that is not all numbers
              is a header and gives the label names

objectives for --tune:
  {macro,micro,samples,weighted}-{f1,precision,recall,jaccard},
  subset-accuracy, hamming-accuracy (the names of optimize_thresholds, such as
  f1_macro, are accepted too)

examples:
  skmultimetrics report y_val.npy val_scores.npy
  skmultimetrics report y.csv scores.csv --thresholds 0.05:0.95:0.05
  skmultimetrics report y.npz:y_test preds.npz:proba --thresholds 0.3,0.5 --k 1,5
  skmultimetrics report y_val.npy val_scores.npy --tune macro-f1 \\
      --output cutoffs.json --plot curves.png
  skmultimetrics report y_test.npy test_scores.npy --thresholds-file cutoffs.json
  skmultimetrics report y.npy scores.npy --format csv --output report.csv
"""


def _add_report(commands):
    report = commands.add_parser(
        "report",
        help="the report of label and score files",
        description=textwrap.fill(
            "Print subset and hamming accuracy, micro / macro / samples "
            "precision, recall and F1, samples Jaccard and the share of "
            "predicted positives at each cut-off (prediction: score >= cut-off), "
            "the ranking metrics precision@k, recall@k and nDCG@k, and "
            "optionally the cut-offs that maximise an objective.",
            79,
        ),
        epilog=REPORT_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    report.add_argument("true", metavar="TRUE", help="0/1 label matrix file")
    report.add_argument("scores", metavar="SCORES", help="score matrix file")
    cut_offs = report.add_mutually_exclusive_group()
    cut_offs.add_argument(
        "--thresholds",
        metavar="SPEC",
        help="cut-offs shared by all labels: START:STOP:STEP (STOP included "
        "when a step lands on it) or a comma list; default 0.1:0.9:0.1. "
        "Example: --thresholds 0.3,0.5",
    )
    cut_offs.add_argument(
        "--thresholds-file",
        metavar="F",
        help="one cut-off per label, as written by --output (JSON or one number "
        "per line). Example: --thresholds-file cutoffs.json",
    )
    report.add_argument(
        "--tune",
        nargs="?",
        const="macro-f1",
        metavar="OBJECTIVE",
        help="also find the per-label cut-offs maximising OBJECTIVE (default "
        "macro-f1; see objectives below) with optimize_thresholds and report at "
        "them; before or after the files. Example: --tune micro-f1",
    )
    report.add_argument(
        "--k",
        metavar="LIST",
        help="k values of precision@k, recall@k and nDCG@k (default 1,3,5, those "
        "up to the number of labels). Example: --k 1,5,10",
    )
    report.add_argument(
        "--format",
        choices=("text", "json", "csv"),
        default="text",
        help="text (default), json (the report dicts, @k metrics and tuned "
        'cut-offs; infinite cut-offs as "inf") or csv (one row per cut-off). '
        "Example: --format json",
    )
    report.add_argument(
        "--output",
        metavar="F",
        help="with --tune: write the tuned cut-offs to F (JSON if F ends in "
        ".json, else one per line); without: write the report to F instead of "
        "stdout. Example: --output cutoffs.json",
    )
    report.add_argument(
        "--plot",
        metavar="F.png",
        help="save per-label F1 against cut-off, tuned cut-offs marked (needs "
        "matplotlib). Example: --plot curves.png",
    )
    report.add_argument(
        "--chunk-rows",
        type=_positive_int,
        metavar="N",
        help="rows read at a time (default: about 16 million cells per chunk). "
        ".npy files are memory-mapped and read chunk by chunk, so files larger "
        "than memory work (except with --tune and --plot, which need the whole "
        "arrays). Example: --chunk-rows 100000",
    )
    report.add_argument(
        "--quiet",
        action="store_true",
        help="no progress bar (it shows on stderr when it is a terminal and the "
        "input has more than one chunk; with the progress extra it is tqdm's). "
        "Example: --quiet",
    )
    report.set_defaults(run=_report)


def _positive_int(text):
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"needs a positive integer; got {text!r}")
    return value


def build_parser():
    parser = _Parser(
        prog=PROG,
        description="Multi-class and multi-label evaluation for scikit-learn.",
        epilog="examples:\n  skmultimetrics demo\n"
        "  skmultimetrics report y_val.npy val_scores.npy --tune macro-f1\n"
        "  skmultimetrics report --help",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=__version__)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    demo = commands.add_parser(
        "demo",
        help="fit, tune and report on a built-in example",
        description=textwrap.fill(
            "On generated data (no files, no network): fit a multi-label "
            "classifier, tune its per-label cut-offs with ThresholdOptimizer "
            "(cross-validated, macro F1), and print the report on held-out "
            "samples at 0.5 and at the tuned cut-offs; then the top-1/3/5 "
            "accuracy of a 10-class classifier. Progress lines go to stderr.",
            79,
        ),
        epilog="examples:\n  skmultimetrics demo\n  skmultimetrics demo --seed 3",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    demo.add_argument(
        "--seed", type=int, default=0, help="random seed (default 0). Example: --seed 3"
    )
    demo.set_defaults(run=_demo)
    _add_report(commands)
    return parser


def _tune_before_files(argv):
    """``--tune`` followed by a file takes the default objective, so the files
    may come before or after it (``report --tune y.npy s.npy``). Objective names
    hold no dot or slash; file names do."""
    argv = list(sys.argv[1:] if argv is None else argv)
    for i, token in enumerate(argv[:-1]):
        following = str(argv[i + 1])
        if token == "--tune" and ("." in following or "/" in following):
            argv[i] = "--tune=macro-f1"
    return argv


def main(argv=None):
    """Run the command line; returns the exit status."""
    parser = build_parser()
    try:
        args, extra = parser.parse_known_args(_tune_before_files(argv))
        if extra:
            prog = PROG if args.command is None else f"{PROG} {args.command}"
            raise CommandError(
                f"unrecognized arguments: {' '.join(extra)} (see {prog} --help)", prog
            )
        if args.command is None:
            parser.print_help()
            return 2
        return args.run(args)
    except SystemExit as exc:  # --help and --version
        return exc.code if isinstance(exc.code, int) else 0
    except CommandError as exc:
        print(f"{exc.prog}: error: {exc}", file=sys.stderr)
    except InputError as exc:
        print(f"{PROG} {args.command}: error: {exc}", file=sys.stderr)
    return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
