"""Charts of a Monte Carlo run for reports: tornado, outcome distributions, opening over time.

Each function reads the document of ``accord mc``
(:class:`~accord.uncertainty.summary_types.McDocument`, also what the store keeps for an ``mc``
run) and returns a matplotlib ``Figure`` built with the
object API (no pyplot global state, so reports can draw charts in threads and processes);
save it with ``figure.savefig("chart.svg")``. Without matplotlib they raise ImportError.

* :func:`tornado_figure`: for one output (a model's outcome on an issue, or the month a zone
  first opens), the inputs with the largest Spearman rank correlation, as horizontal bars
  from 0 (right: the output rises with the input; left: it falls).
* :func:`distribution_figure`: per issue, one model's distribution of outcomes over the draws
  (the document's histogram), with the median, the 90% interval and the point forecast.
* :func:`opening_figure`: the probability that a zone of agreement has opened by each month.

Names come from scenario files: they go through :func:`accord.reports.chartkit.plain`, so a
``$`` in one is never read as mathematics.
"""

from __future__ import annotations

import importlib
import math
from collections.abc import Sequence
from typing import Any

from accord.reports.chartkit import plain, short
from accord.uncertainty.summary_types import McDocument, OutputDoc, SeriesDoc

POSITIVE = "#b2182b"
NEGATIVE = "#2166ac"
FILL = "#9ecae1"


def _figure(width: float, height: float) -> Any:
    try:
        module = importlib.import_module("matplotlib.figure")
    except ImportError as exc:
        raise ImportError("Monte Carlo charts need matplotlib: pip install matplotlib") from exc
    return module.Figure(figsize=(width, height), layout="constrained")


def _output(document: McDocument, output: str | None) -> OutputDoc:
    outputs = document.sensitivity.outputs
    if not outputs:
        raise ValueError("the run has no outputs to chart")
    if output is None:
        return outputs[-1]
    found = document.output(output)
    if found is not None:
        return found
    names = ", ".join(o.output for o in outputs[:12])
    raise ValueError(f"no output '{output}' in this run (outputs: {names}, ...)")


def tornado_figure(document: McDocument, output: str | None = None, *, top: int = 10,
                   title: str | None = None) -> Any:
    """Tornado chart of the inputs that move ``output`` most (default: the last output, the
    opening month when the run has the bargaining analysis, else the last model and issue)."""
    item = _output(document, output)
    labels = {i.id: i.label for i in document.inputs}
    bars = item.inputs[:top]
    fig = _figure(7.0, 1.2 + 0.38 * max(len(bars), 1))
    ax = fig.add_subplot()
    if not bars:
        ax.text(0.5, 0.5, "no input varies this output", ha="center", va="center",
                transform=ax.transAxes)
    names = [plain(labels.get(b.input, b.input)) for b in bars][::-1]
    values = [float(b.rho) for b in bars][::-1]
    ax.barh(range(len(values)), values, color=[POSITIVE if v >= 0 else NEGATIVE
                                               for v in values], height=0.65)
    ax.set_yticks(range(len(values)), names, fontsize=8)
    ax.axvline(0, color="0.3", linewidth=0.8)
    ax.set_xlim(-1, 1)
    ax.set_xlabel("Spearman rank correlation with the output")
    what = "the month a zone first opens" if item.output == "opening" else item.output
    sample = document.sensitivity.sample
    ax.set_title(plain(title or f"What moves {what} ({sample:,} draws)"), fontsize=10)
    ax.grid(axis="x", color="0.9")
    ax.set_axisbelow(True)
    return fig


def distribution_figure(document: McDocument, model: str | None = None,
                        issues: Sequence[str] | None = None, *, columns: int = 3,
                        names: dict[str, str] | None = None) -> Any:
    """Small multiples: per issue, the distribution of ``model``'s outcome over the draws.

    ``model`` is a model label of the run (default the first); ``issues`` the issue ids to draw
    (default all); ``names`` optional issue titles by id.
    """
    models = {m.label: m for m in document.models}
    if not models:
        raise ValueError("the run has no model outcomes to chart")
    label = model or next(iter(models))
    if label not in models:
        raise ValueError(f"no model '{label}' in this run (models: {', '.join(models)})")
    per_issue = models[label].issues
    chosen = list(issues) if issues is not None else list(per_issue)
    unknown = [i for i in chosen if i not in per_issue]
    if unknown:
        raise ValueError(f"no issue {', '.join(unknown)} in this run "
                         f"(issues: {', '.join(per_issue)})")
    cols = max(1, min(columns, len(chosen)))
    rows = max(1, math.ceil(len(chosen) / cols))
    fig = _figure(3.2 * cols, 2.3 * rows)
    for k, issue in enumerate(chosen):
        ax = fig.add_subplot(rows, cols, k + 1)
        _one_distribution(ax, per_issue[issue],
                          plain(short((names or {}).get(issue, issue), 36)))
        if k == 0 and per_issue[issue].n:
            ax.legend(fontsize=6, loc="upper left", frameon=False)
    fig.suptitle(plain(f"{label}: outcome over {document.draws:,} draws"), fontsize=10)
    return fig


def _one_distribution(ax: Any, stats: SeriesDoc, name: str) -> None:
    ax.set_title(name, fontsize=9)
    ax.tick_params(labelsize=7)
    ax.set_yticks([])
    hist, interval = stats.histogram, stats.interval90
    if not stats.n or hist is None or interval is None:
        ax.text(0.5, 0.5, "no forecast", ha="center", va="center", transform=ax.transAxes)
        return
    counts = hist.counts
    low, high = float(hist.low), float(hist.high)
    width = (high - low) / len(counts)
    lefts = [low + i * width for i in range(len(counts))]
    lo, hi = interval
    ax.axvspan(lo, hi, color=FILL, alpha=0.35, linewidth=0, label="90% interval")
    ax.bar(lefts, counts, width=width, align="edge", color="0.35", linewidth=0)
    ax.axvline(stats.median, color=POSITIVE, linewidth=1.2, label="median")
    if stats.point is not None:
        ax.axvline(stats.point, color="0.1", linestyle="--", linewidth=0.9,
                   label="point values")
    # zoom on the draws (a spread of a few points is invisible on the whole scale), keeping
    # at least a tenth of the scale in view
    filled = [i for i, c in enumerate(counts) if c]
    first, last = lefts[filled[0]], lefts[filled[-1]] + width
    pad = max(0.05 * (high - low), 0.3 * (last - first))
    ax.set_xlim(max(low, first - pad), min(high, last + pad))


def opening_figure(document: McDocument, title: str | None = None) -> Any:
    """The probability that a zone of agreement has opened by each month (a step chart)."""
    bargain = document.bargain
    if not bargain:
        raise ValueError("the run has no bargaining analysis (it ran with --no-bargain)")
    labels = list(bargain.deal_by)
    values = [float(v or 0.0) for v in bargain.deal_by.values()]
    fig = _figure(7.0, 3.0)
    ax = fig.add_subplot()
    ax.step(range(len(values)), values, where="post", color=POSITIVE, linewidth=1.5)
    ax.fill_between(range(len(values)), values, step="post", color=POSITIVE, alpha=0.12)
    ticks = list(range(0, len(labels), max(1, len(labels) // 8)))
    ax.set_xticks(ticks, [labels[t] for t in ticks], fontsize=8, rotation=30)
    ax.set_ylim(0, 1)
    ax.set_xlim(0, max(len(values) - 1, 1))
    ax.set_ylabel("share of draws with a zone open")
    point = bargain.point.opens if bargain.point else None
    if point in labels:
        ax.axvline(labels.index(point), color="0.1", linestyle="--", linewidth=0.9)
        ax.annotate(f"point values: {point}", (labels.index(point), 0.95), fontsize=8,
                    xytext=(4, -4), textcoords="offset points", va="top")
    ax.set_title(plain(title or "When does a zone of agreement open?"), fontsize=10)
    ax.grid(color="0.92")
    return fig
