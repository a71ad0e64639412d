"""Text form of :func:`multilabel_report`: fixed-width columns for a terminal."""

import numpy as np

from ._rows import COLUMNS

LEGEND = (
    "subset  = subset accuracy: samples with every label right (sklearn "
    "accuracy_score)",
    "hamming = hamming accuracy: right label cells (Keras binary_accuracy, "
    "1 - hamming_loss)",
    "micro: counts pooled over all cells; macro: mean over labels; samples: "
    "mean over samples",
    "jaccard = samples Jaccard (sklearn jaccard_score, average='samples')",
)


def _number(value, digits):
    """A cut-off or support for the text table: compact, ``inf`` as such."""
    if isinstance(value, list):
        return "per-label"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.{max(digits, 2)}g}" if np.isfinite(value) else str(value)
    return f"{value:g}" if isinstance(value, float) else str(value)


def value_text(entry, key, digits):
    """A number of the table, with its interval ``[low, high]`` when it has one."""
    text = f"{entry[key]:.{digits}f}"
    if f"{key}_low" in entry:
        low, high = entry[f"{key}_low"], entry[f"{key}_high"]
        text += f" [{low:.{digits}f}, {high:.{digits}f}]"
    return text


def aligned(rows, left=0):
    """``rows`` of cells as lines: each column as wide as its widest cell, two
    spaces apart, the first ``left`` columns left-aligned, the others right."""
    widths = [max(map(len, column)) for column in zip(*rows)]
    return [
        "  ".join(
            cell.ljust(width) if j < left else cell.rjust(width)
            for j, (cell, width) in enumerate(zip(row, widths))
        ).rstrip()
        for row in rows
    ]


def _threshold_table(report, digits):
    """The rows, under a two-line header of column groups and metric names."""
    n_sets = sum(isinstance(row["threshold"], list) for row in report["rows"])
    rows, set_number = [[f"{'threshold':>9}", *(h for _, _, h in COLUMNS)]], 0
    for row in report["rows"]:
        label = _number(row["threshold"], digits)
        if isinstance(row["threshold"], list) and n_sets > 1:
            set_number += 1
            label = f"set {set_number}"
        rows.append([label, *(value_text(row, key, digits) for key, _, _ in COLUMNS)])
    widths = [max(map(len, column)) for column in zip(*rows)][1:]
    first, group = [f"{'':9}"], None
    for (_, column_group, _), width in zip(COLUMNS, widths):
        first.append(f"{column_group if column_group != group else '':<{width}}")
        group = column_group
    return ["  ".join(first).rstrip(), *aligned(rows)]


def _cut_off(value, digits):
    """A per-label cut-off with ``digits`` decimals (``inf`` as such)."""
    return f"{value:.{digits}f}" if np.isfinite(value) else str(value)


def label_table(labels, digits):
    """Per-label rows (cut-offs with the same number of decimals), with notes
    for labels without positives and for infinite cut-offs (never or always
    predicted)."""
    metrics = ("precision", "recall", "f1")
    rows = [["label", "cut-off", "support", *metrics]]
    rows += [
        [
            name,
            _cut_off(values["threshold"], digits),
            _number(values["support"], digits),
            *(value_text(values, key, digits) for key in metrics),
        ]
        for name, values in labels.items()
    ]
    lines = aligned(rows, left=1)
    empty = [name for name, values in labels.items() if values["support"] == 0]
    if empty:
        lines.append(
            f"No positive sample of {', '.join(empty)}: recall and F1 are 0/0, "
            "counted as 0."
        )
    limits = [values["threshold"] for values in labels.values()]
    if np.inf in limits:
        lines.append("cut-off inf: the label is never predicted (no score reaches it).")
    if -np.inf in limits:
        lines.append(
            "cut-off -inf: the label is always predicted (every score reaches it)."
        )
    return lines


def format_report(report, digits=4):
    """The text form of a :func:`multilabel_report` dict."""
    lines = [
        f"Multi-label report: {report['n_samples']} samples, {report['n_labels']} "
        f"labels; {report['positive_share']:.2%} of label cells are positive.",
        "Prediction: score >= threshold; undefined ratios (0/0) count as 0.",
        "",
        *_threshold_table(report, digits),
        "",
        *LEGEND,
        "pos.    = share of label cells predicted positive (truly positive: "
        f"{report['positive_share']:.2%})",
    ]
    if "confidence_level" in report:
        lines.append(
            f"[low, high] = {report['confidence_level']:.0%} percentile bootstrap "
            f"interval ({report['n_resamples']} resamples of the samples; a fixed "
            "model and fixed cut-offs)"
        )
    sets = [t for t in report["thresholds"] if isinstance(t, list)]
    if len(sets) > 1:
        lines += [
            f"set {i}: per-label cut-offs "
            + ", ".join(_number(float(t), digits) for t in thresholds)
            for i, thresholds in enumerate(sets, 1)
        ]
    if report["labels"]:
        lines += ["", "Per label:", *label_table(report["labels"], digits)]
    return "\n".join(lines)
