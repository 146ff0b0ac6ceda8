"""The timeline chart: per issue, the models' forecasts and the zone across a case's snapshots.

One panel per issue on the issue's own scale, the snapshots evenly spaced in date order on the
horizontal axis, labelled with their dates (real time would crowd snapshots two months apart
into one tick and stretch the quiet years). At each snapshot a green bar
spans the zone of agreement of the veto players; where red lines cross, a red bar spans the
gap between the pair furthest apart instead. Lines join each model's forecasts. A snapshot
where the issue is not on the table, or where no actor states a position, has no mark.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from accord.reports.chartkit import (
    FONT,
    GAP,
    KEY_ROW,
    MUTED,
    TEXT,
    ZONE,
    KeyEntry,
    draw_key,
    empty_note,
    grid_shape,
    key_rows,
    model_style,
    new_figure,
    number,
    plain,
    style_axes,
    title,
)
from accord.reports.model_charts import issue_label

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from accord.workflows.timeline import Timeline


def timeline_figure(timeline: Timeline, issues: Sequence[str] | None = None,
                    highlight: str | None = None) -> Figure:
    """Small multiples of :func:`build_timeline`'s issues (``issues``: ids to show, in the
    timeline's order); ``highlight`` marks one snapshot (e.g. the one a report is about)."""
    wanted = [t for t in timeline.issues if issues is None or t.id in issues]
    rows, cols = grid_shape(len(wanted))
    models = timeline.models
    key = [KeyEntry(name, colour=model_style(m)[0], marker=model_style(m)[1], size=4,
                    line=1) for m, name in enumerate(models)]
    key += [KeyEntry("zone of agreement", fill=ZONE, alpha=0.45),
            KeyEntry("gap between red lines", fill=GAP, alpha=0.4)]
    top = 0.38 + key_rows(key) * KEY_ROW + 0.32  # room for the panels' titles
    fig = new_figure(top + rows * 1.95 + 0.2, left=0.45, right=0.2, top=top, bottom=0.4)
    fig.subplots_adjust(hspace=0.5, wspace=0.3)
    title(fig, f"How the forecasts and the zone moved: {timeline.case}, "
               f"{len(timeline.runs)} snapshot{'s' * (len(timeline.runs) != 1)}")
    if not wanted:
        ax = fig.add_subplot()
        ax.set_axis_off()
        empty_note(ax, "no issues")
        return fig
    dates = [float(k) for k in range(len(timeline.runs))]
    bar = 0.12
    crowded = len(dates) > 5
    for k, it in enumerate(wanted):
        ax = fig.add_subplot(rows, cols, k + 1)
        style_axes(ax, grid_axis="y")
        lo, hi = it.issue.low, it.issue.high
        bars: list[tuple[float, float, float, str]] = []   # x, bottom, height, colour
        for x, point in zip(dates, it.points, strict=True):
            if not point.on_table or point.stances == 0:
                continue
            if point.zone is not None:
                height = max(point.zone[1] - point.zone[0], 0.01 * ((hi - lo) or 1.0))
                bars.append((x, point.zone[0], height, ZONE))
            elif point.blocking:
                b = point.blocking[0]
                bars.append((x, b.maximum, b.minimum - b.maximum, GAP))
        if bars:  # one call per panel: each bar() call builds a container and rescales
            ax.bar([b[0] for b in bars], [b[2] for b in bars], bottom=[b[1] for b in bars],
                   width=bar * 2, color=[b[3] for b in bars], alpha=0.35, linewidth=0,
                   zorder=1)
        for m, name in enumerate(models):
            colour, marker = model_style(m)
            pts = [(x, p.forecasts.get(name)) for x, p in zip(dates, it.points, strict=True)
                   if p.on_table]
            xs = [x for x, v in pts if v is not None]
            ys = [v for _, v in pts if v is not None]
            if xs:
                ax.plot(xs, ys, color=colour, linewidth=1.0, marker=marker, markersize=3.5,
                        zorder=3, alpha=0.9)
        if highlight is not None:
            for x, r in zip(dates, timeline.runs, strict=True):
                if r.id == highlight:
                    ax.axvline(x, color=MUTED, linewidth=0.8, linestyle=(0, (1, 2)), zorder=0)
        ax.set_title(plain(issue_label(it.issue.name, 34)), fontsize=FONT, color=TEXT,
                     loc="left")
        pad = 0.05 * ((hi - lo) or 1.0)
        ax.set_ylim(lo - pad, hi + pad)
        ax.set_yticks([lo, (lo + hi) / 2, hi])
        ax.set_yticklabels([number(v, lo, hi) for v in (lo, (lo + hi) / 2, hi)])
        ax.set_xlim(-0.4, len(dates) - 0.6)
        ax.set_xticks(dates)
        ax.set_xticklabels([r.as_of[:7] for r in timeline.runs], fontsize=FONT - 2,
                           rotation=45 if crowded else 0,
                           ha="right" if crowded else "center",
                           rotation_mode="anchor" if crowded else "default")
    draw_key(fig, key, top=0.38)
    return fig
