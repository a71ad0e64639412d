"""What the ``report`` command writes: the report as text, JSON or CSV."""

import csv
import io
import json
import os
import sys
import textwrap
import warnings
from contextlib import contextmanager
from pathlib import Path

from .._report._json import json_ready
from .._report._rows import COLUMNS
from .._report._text import aligned, format_report, value_text
from ._io import CommandError, split_spec


def _same_file(first, second):
    try:
        return os.path.samefile(first, second)
    except OSError:  # one of them does not exist (yet)
        return first.resolve() == second.resolve()


def check_outputs(args):
    """Refuse, before any work, an output file that is an input or the other
    output: writing it would destroy the data."""
    inputs = [split_spec(args.true)[0], split_spec(args.scores)[0]]
    if args.thresholds_file is not None:
        inputs.append(Path(args.thresholds_file))
    outputs = [
        (option, Path(path))
        for option, path in (("--output", args.output), ("--plot", args.plot))
        if path is not None
    ]
    for option, path in outputs:
        for source in inputs:
            if _same_file(path, source):
                raise CommandError(
                    f"{option} {path} is the input file {source}: writing it would "
                    "overwrite the input; choose another file."
                )
    if len(outputs) == 2 and _same_file(outputs[0][1], outputs[1][1]):
        raise CommandError(
            f"--output and --plot are the same file {outputs[0][1]}; choose two."
        )


def render(result, fmt):
    """The text of ``result`` (report, @k metrics, tuned cut-offs) in ``fmt``."""
    if fmt == "json":
        return json.dumps(json_ready(result), indent=2, allow_nan=False) + "\n"
    if fmt == "csv":
        return _csv(result)
    return _text(result)


def _text(result):
    lines = [format_report(result["report"])]
    if result["at_k"]:
        lines += ["", "Ranking metrics of the scores (no cut-off):"]
        rows = [[f"{'k':>5}", "precision@k", "recall@k", "ndcg@k"]]
        rows += [
            [
                str(r["k"]),
                *(value_text(r, m, 4) for m in ("precision", "recall", "ndcg")),
            ]
            for r in result["at_k"]
        ]
        lines += aligned(rows)
        lines += [textwrap.fill(note, 88) for note in result["notes"]]
    if result.get("curves"):
        lines += ["", "Curves of the scores (no cut-off):"]
        for name, entry in result["curves"].items():
            text = f"{entry['value']:.4f}"
            if entry["high"] - entry["low"] > 1e-8:  # not exact: the bounds
                text += (
                    f"  (the exact value lies in [{entry['low']:.4f}, "
                    f"{entry['high']:.4f}]: the scores are not float16 values)"
                )
            lines.append(f"  {name:<24} {text}")
    tuned = result["tuned"]
    if tuned:
        note = (
            f"Cut-offs tuned for {tuned['scoring']} by optimize_thresholds: "
            f"{tuned['score']:.4f} on these scores. Tuned and scored on the same "
            "data, the report below is optimistic: tune on validation scores "
            "(--tune --output cutoffs.json), then report test scores with "
            "--thresholds-file cutoffs.json."
        )
        guarantee = tuned["constraint"]
        if guarantee:
            note += _guarantee_note(guarantee)
        lines += ["", textwrap.fill(note, 88), "", format_report(tuned["report"])]
    return "\n".join(lines) + "\n"


def _guarantee_note(guarantee):
    """What ``--constraint`` promises, and the labels that do not meet it."""
    floor = f"{guarantee['metric']} >= {guarantee['level']:g}"
    unmet = [str(j) for j, met in enumerate(guarantee["met"]) if not met]
    missing = f" Not met for labels (by position): {', '.join(unmet)}." if unmet else ""
    if guarantee["confidence_level"] is None:
        return f" Constraint {floor} on these scores only (see --confidence).{missing}"
    return (
        f" Constraint {floor} certified per label on new data with confidence "
        f"{guarantee['confidence_level']:g}, for scores of data the model was not "
        f"fitted on.{missing}"
    )


def _csv(result):
    rows = [("thresholds", row) for row in result["report"]["rows"]]
    if result["tuned"]:
        rows += [("tuned", row) for row in result["tuned"]["report"]["rows"]]
    keys = [key for key, _, _ in COLUMNS]
    if rows and f"{keys[0]}_low" in rows[0][1]:  # with --ci
        keys = [k + end for k in keys for end in ("", "_low", "_high")]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["source", "threshold", *keys])
    for source, row in rows:
        threshold = row["threshold"]
        if isinstance(threshold, list):
            threshold = " ".join(repr(t) for t in threshold)
        writer.writerow([source, threshold, *(repr(row[key]) for key in keys)])
    return buffer.getvalue()


def write_text(path, text):
    """Write ``text`` to the file ``path``."""
    try:
        with open(path, "w") as file:
            file.write(text)
    except OSError as exc:
        raise CommandError(f"{path}: cannot write ({exc}).") from None


def progress(message):
    """A line on stderr (what was written where)."""
    print(message, file=sys.stderr, flush=True)


# Causes of unreliable intervals: a phrase of the library's warning -> the
# command line's note on the numbers concerned (the last one catches the rest)
_CAUSES = (
    ("zero width", "the intervals of {} have zero width: the number is the "
     "same in every resample (often 0 or 1), which does not mean it is known "
     "exactly; more samples give a useful interval"),
    ("drew no sample", "very few samples: some resamples drew none, and the "
     "intervals are unreliable"),
    ("no positives in y_true", "the intervals of {} are unreliable: a label "
     "has no positives, so its value is the same in every resample"),
    ("true positives", "the intervals of {} are unreliable: a label has fewer "
     "than 5 positives"),
    ("(0/0)", "the intervals of {} are unreliable: a label has nothing to "
     "divide by (0/0, counted as 0) in many resamples"),
    ("", "the intervals of {} are unreliable"),
)  # fmt: skip


def interval_notes(messages, prog):
    """Short notes of the interval warnings ``messages``: one line per cause,
    naming a few of the numbers concerned."""
    numbers = {}
    for message in messages:
        text = message.split("): ", 1)[-1]  # without "report (row i)"
        name = text.partition(": ")[0]
        note = next(note for phrase, note in _CAUSES if phrase in text)
        names = numbers.setdefault(note, [])
        if name not in names:
            names.append(name)
    lines = []
    for note, names in numbers.items():
        more = f" and {len(names) - 4} more" if names[4:] else ""
        lines.append(f"{prog}: note: {note.format(', '.join(names[:4]) + more)}.")
    return lines


@contextmanager
def interval_warnings(prog):
    """The warnings of intervals inside, as :func:`interval_notes` on stderr."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield
    notes = [str(w.message) for w in caught if issubclass(w.category, UserWarning)]
    for line in interval_notes(notes, prog):
        progress(line)


_NEEDS_MATPLOTLIB = (
    "--plot needs matplotlib: pip install 'skmultimetrics[plot]' "
    "(from a clone: pip install '.[plot]')."
)


def check_plotting():
    """Fail before any work when --plot cannot be drawn."""
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        raise CommandError(_NEEDS_MATPLOTLIB) from None


_PLOT_LABELS = 10  # curves drawn at most: those of the most frequent labels


def plot(path, y_true, y_score, thresholds, names):
    """Save the F1 curves of at most ``_PLOT_LABELS`` labels."""
    try:
        from .._report._plot import ThresholdCurveDisplay

        display = ThresholdCurveDisplay.from_predictions(
            y_true,
            y_score,
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
    progress(f"wrote the threshold curves to {path}{note}")
