"""Command line: ``skmultimetrics`` (also ``python -m skmultimetrics``).

- ``skmultimetrics demo``: fit, tune and report on a built-in example (``_demo``);
- ``skmultimetrics report TRUE SCORES``: the report of scores you already have.

Problems with files or options end the command with one line on stderr and
exit status 2.
"""

import argparse
import sys
import textwrap
import warnings

import scipy.sparse as sp

from .. import __version__
from .._metrics._registry import AVERAGES, SET_METRICS, lookup, parse_name
from .._report._table import DEFAULT_THRESHOLDS
from ._chunks import CHUNK_CELLS, Progress, checked_chunks, open_rows, streamed_report
from ._cutoffs import (
    parse_constraint,
    parse_thresholds,
    read_thresholds,
    tune,
    write_thresholds,
)
from ._io import FORMATS, CommandError, check_labels, check_scores, split_spec
from ._output import check_outputs, check_plotting, plot, progress, render, write_text

PROG = "skmultimetrics"
# command-line objective names -> optimize_thresholds scoring names
TUNE_NAMES = {
    **{f"{a}-{m}": f"{m}_{a}" for m in SET_METRICS for a in AVERAGES},
    "subset-accuracy": "subset_accuracy",
    "hamming-accuracy": "hamming_accuracy",
}
DEFAULT_K = (1, 3, 5)


class _Parser(argparse.ArgumentParser):
    """An argparse parser whose errors are one line, without a usage block."""

    def error(self, message):
        raise CommandError(f"{message} (see {self.prog} --help)", self.prog)


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
    """The scoring name of ``--tune``: a scorer name of the registry that tunes
    a label matrix (``f1_macro``), or its command-line spelling
    ``{average}-{metric}`` (``macro-f1``, ``micro-f0.5``, ``subset-accuracy``)."""
    if name is None:
        return None
    scoring = _scoring_name(name)
    spec = lookup(scoring)
    if spec is None or spec.average == "binary":
        why = "" if spec is None else (
            f" ({name!r} is the score of class 1 of a binary target; the report "
            "tunes every label of TRUE)"
        )  # fmt: skip
        raise CommandError(
            f"--tune: unknown objective {name!r}{why}; choose one of "
            f"{', '.join(TUNE_NAMES)}, or an F-beta {{average}}-f{{beta}} "
            "such as macro-f2 or micro-f0.5."
        )
    try:
        parse_name(scoring, consumer="objective", func=PROG, argument="--tune")
    except ValueError as exc:
        raise CommandError(f"--tune: {exc}") from None
    return scoring


def _scoring_name(name):
    """A ``--tune`` name as the registry spells it (``macro-f0.5``: ``f0.5_macro``)."""
    average, dash, metric = name.partition("-")
    scoring = f"{metric}_{average}" if dash and average in AVERAGES else name
    return scoring.replace("-", "_")


def _open_inputs(args):
    """Row sources of the two files (``.npy`` memory-mapped), shapes checked."""
    true_rows, names = open_rows(args.true)
    score_rows, score_names = open_rows(args.scores)
    for axis, what in ((0, "rows (samples)"), (1, "columns (labels)")):
        if true_rows.shape[axis] != score_rows.shape[axis]:
            raise CommandError(
                f"TRUE {args.true} has {true_rows.shape[axis]} {what} but SCORES "
                f"{args.scores} has {score_rows.shape[axis]}"
                + (_header_hint(args, names, score_names) if axis == 0 else ".")
            )
    if names is not None and score_names is not None and names != score_names:
        raise CommandError(
            f"the headers of TRUE {args.true} {names} and SCORES {args.scores} "
            f"{score_names} differ: their columns must be the same labels in the "
            "same order."
        )
    headers = (int(names is not None), int(score_names is not None))
    return true_rows, score_rows, names or score_names, headers


def _header_hint(args, names, score_names):
    """Why the row counts may differ: one file's first line read as its header."""
    if (names is None) == (score_names is None):
        return "."
    spec, header = (args.true, names) if names else (args.scores, score_names)
    return f" (the first line of {spec} is read as a header: {header})."


def _sparse_note(spec, rows):
    """What the @k metrics make of sparse scores, when the file is sparse."""
    matrix = getattr(rows, "matrix", None)
    if not sp.issparse(matrix) or matrix.nnz == matrix.shape[0] * matrix.shape[1]:
        return []
    return [
        f"SCORES {spec} is sparse: for the @k metrics a label without a stored "
        "score is unranked (below every stored score, never in the top k), while "
        "a stored 0 or a 0 in a dense file is ranked, so the same scores stored "
        "densely can give other @k numbers. The cut-off rows read a missing "
        "score as 0 either way."
    ]


def _report(args):
    """Read the files, print the report; see the parser for the options."""
    check_outputs(args)
    if args.plot:
        check_plotting()
    thresholds = DEFAULT_THRESHOLDS
    if args.thresholds is not None:
        thresholds = parse_thresholds(args.thresholds)
    scoring = _tune_name(args.tune)
    constraint = parse_constraint(args.constraint, args.confidence, scoring)
    true_rows, score_rows, names, headers = _open_inputs(args)
    n_samples, n_labels = true_rows.shape
    if args.thresholds_file is not None:
        per_label, by_position = read_thresholds(args.thresholds_file, n_labels, names)
        thresholds = [per_label]
        if by_position:
            progress(
                f"{args.thresholds_file} names its labels but the input files do "
                "not: its cut-offs apply by position"
            )
    ks = _parse_k(args.k, n_labels)
    step = args.chunk_rows or max(1, CHUNK_CELLS // n_labels)
    show = not args.quiet and n_samples > step and sys.stderr.isatty()
    bar = Progress(n_samples, show)
    chunks = checked_chunks(
        true_rows, score_rows, (args.true, args.scores), headers, step, bar
    )
    try:
        report, at_k, curves = streamed_report(
            true_rows,
            score_rows,
            thresholds=thresholds,
            names=names,
            ks=ks,
            chunks=chunks,
            confidence_level=args.ci,
            curves=args.curves,
        )
    except (ValueError, TypeError) as exc:  # what the file checks did not catch
        message = str(exc).replace("MetricAccumulator.update", "skmultimetrics report")
        raise CommandError(
            f"cannot report on TRUE {args.true} and SCORES {args.scores}: {message}"
        ) from None
    finally:
        bar.close()
    if scoring or args.plot:  # these need the whole arrays, checked by the chunks
        y_true = check_labels(true_rows.rows(0, n_samples), args.true)
        y_score = check_scores(score_rows.rows(0, n_samples), args.scores)
    tuned = None
    if scoring:
        tuned = tune(y_true, y_score, scoring, names, args.ci, constraint)
    result = {
        "report": report,
        "at_k": at_k,
        "notes": _sparse_note(args.scores, score_rows) if at_k else [],
        "tuned": tuned,
        **({} if curves is None else {"curves": curves}),
    }
    text = render(result, args.format)
    if args.output and tuned:
        write_thresholds(args.output, tuned, names)
        progress(f"wrote the tuned cut-offs to {args.output}")
    if args.output and not tuned:
        write_text(args.output, text)
        progress(f"wrote the report to {args.output}")
    else:
        sys.stdout.write(text)
    if args.plot:
        marks = tuned["thresholds"] if tuned else None
        if marks is None and args.thresholds_file is not None:
            marks = thresholds[0]
        plot(args.plot, y_true, y_score, marks, names)
    return 0


# -- parser -------------------------------------------------------------------

REPORT_EPILOG = """\
files:
  .npy        one array (1-D means one label)
  .npz        the single array inside, or FILE.npz:NAME for a named one;
              a matrix saved by scipy.sparse.save_npz is read as sparse
  .csv        comma-separated numbers (UTF-8, a byte-order mark is skipped);
              a first line of names only is a header and gives the label
              names (a first line mixing names and numbers is refused)

objectives for --tune:
  {macro,micro,samples,weighted}-{f1,precision,recall,jaccard},
  {macro,micro,samples,weighted}-f{beta} (F-beta, any beta > 0 as its shortest
  decimal: macro-f2, micro-f0.5), subset-accuracy, hamming-accuracy (the
  names of optimize_thresholds, such as f1_macro or f2_macro, are accepted too)

examples:
  skmultimetrics report y_val.npy val_scores.npy
  skmultimetrics report y.csv scores.csv --thresholds 0.05:0.95:0.05
  skmultimetrics report y.npz:y_test preds.npz:proba --thresholds 0.3,0.5 --k 1,5
  skmultimetrics report y_val.npy val_scores.npy --tune macro-f1 \\
      --output cutoffs.json --plot curves.png
  skmultimetrics report y_test.npy test_scores.npy --thresholds-file cutoffs.json
  skmultimetrics report y_cal.npy cal_scores.npy --tune macro-f1 \\
      --constraint recall=0.9 --confidence 0.95 --output cutoffs.json
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
        'per line; "inf" and "-inf" for infinite ones). When the file (its '
        '"labels") and the input (a CSV header) both name the labels, cut-offs '
        "go to the labels of their names, and names that do not match are "
        "refused; otherwise they apply by position. "
        "Example: --thresholds-file cutoffs.json",
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
        "--constraint",
        metavar="METRIC=LEVEL",
        help="with --tune: per label, the best cut-off whose METRIC (precision, "
        "recall, specificity, ...) reaches LEVEL. Example: --constraint recall=0.9",
    )
    report.add_argument(
        "--confidence",
        type=_level,
        metavar="LEVEL",
        help="with --constraint (recall, sensitivity, specificity, precision): "
        "certify it on new data with this confidence, per label (else it holds "
        "on these scores only). Example: --confidence 0.95",
    )
    report.add_argument(
        "--k",
        metavar="LIST",
        help="k values of precision@k, recall@k and nDCG@k (default 1,3,5, those "
        "up to the number of labels). Example: --k 1,5,10",
    )
    report.add_argument(
        "--curves",
        action="store_true",
        help="also ROC AUC and average precision (macro and micro averages), "
        "streamed with the chunks as per-label score histograms: exact for "
        "float16 or bfloat16 scores, otherwise with bounds that hold the exact "
        "value. Example: --curves",
    )
    report.add_argument(
        "--format",
        choices=("text", "json", "csv"),
        default="text",
        help="text (default), json (strict JSON: the report dicts, @k metrics, "
        'notes and tuned cut-offs; infinite cut-offs as the strings "inf" and '
        '"-inf") or csv (one row per cut-off). Example: --format json',
    )
    report.add_argument(
        "--output",
        metavar="F",
        help="with --tune: write the tuned cut-offs to F (JSON if F ends in "
        ".json, with the input's label names, else one per line); without: "
        "write the report to F instead of stdout. F must not be an input file. "
        "Example: --output cutoffs.json",
    )
    report.add_argument(
        "--plot",
        metavar="F.png",
        help="save per-label F1 against cut-off, tuned cut-offs marked (needs "
        "matplotlib). Example: --plot curves.png",
    )
    report.add_argument(
        "--ci",
        type=_level,
        metavar="LEVEL",
        help="also give every number its LEVEL percentile bootstrap interval "
        "(1000 resamples of the samples, seed 0), printed as 0.733 [0.702, 0.761] "
        "(json and csv: *_low and *_high). Streams .npy files too: memory is "
        "1000 x the sums. Test-set sampling only, for fixed scores and cut-offs. "
        "Example: --ci 0.95",
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


def _checked(convert, valid, must):
    """An argparse ``type``: ``convert(text)`` where ``valid``, else an error."""

    def read(text):
        try:
            value = convert(text)
        except ValueError:
            value = None
        if value is None or not valid(value):
            raise argparse.ArgumentTypeError(f"needs {must}; got {text!r}")
        return value

    return read


_level = _checked(
    float, lambda v: 0 < v < 1, "a confidence level in (0, 1) such as 0.95"
)
_positive_int = _checked(int, lambda v: v >= 1, "a positive integer")


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
    may come before or after it (``report --tune y.npy s.npy``). The token after
    it is an objective when the registry knows it (binary names too, refused by
    name), else a file when it exists or has a reader's suffix, else an
    objective: a misspelt name is named in the error."""
    argv = list(sys.argv[1:] if argv is None else argv)
    for i, token in enumerate(argv[:-1]):
        following = str(argv[i + 1])
        if token != "--tune" or lookup(_scoring_name(following)) is not None:
            continue
        path = split_spec(following)[0]
        if path.exists() or path.suffix.lower() in FORMATS:
            argv[i] = "--tune=macro-f1"
    return argv


def _run(args):
    """Run a command; each warning of the library becomes one line on stderr,
    ``skmultimetrics report: warning: ...``, instead of Python's warning lines
    (which point at ``<frozen runpy>``)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            return args.run(args)
        finally:
            for message in dict.fromkeys(str(w.message) for w in caught):
                progress(f"{PROG} {args.command}: warning: {message}")


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
        return _run(args)
    except SystemExit as exc:  # --help and --version
        return exc.code if isinstance(exc.code, int) else 0
    except CommandError as exc:
        print(f"{exc.prog}: error: {exc}", file=sys.stderr)
    return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
