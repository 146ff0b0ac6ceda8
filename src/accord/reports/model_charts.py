"""Charts of the models: every model's forecast per issue, and positions round by round.

* :func:`comparison_figure`: one row per issue, each model's forecast as a marker on the
  issue's range (0 = its low end, 100 = its high end, so issues on different scales share an
  axis), with the zone every veto player accepts as a green bar: where the models agree and
  where they fall outside what a deal could be.
* :func:`trajectory_figure`: for a model that iterates (the expected-utility model [Bueno de
  Mesquita 1994; Scholz, Calbert & Smith 2011], KTAB's spatial model, exchange), each actor's
  position per round on every issue, small multiples on each issue's own scale.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from accord.reports.chartkit import (
    FONT,
    KEY_ROW,
    MUTED,
    TEXT,
    ZONE,
    KeyEntry,
    actor_colour,
    actor_label,
    draw_key,
    empty_note,
    grid_shape,
    key_rows,
    model_style,
    new_figure,
    number,
    plain,
    short,
    style_axes,
    title,
)

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from accord.bargaining import BargainAnalysis
    from accord.models import Result
    from accord.scenario.schema import Scenario


def issue_label(name: str, width: int = 30) -> str:
    """An issue's name for a chart: up to its first ':' or ' /' when long, then cut."""
    if len(name) > width:
        for stop in (":", " /", " (", ","):
            name = name.split(stop)[0]
    return short(name, width)


def comparison_figure(scenario: Scenario, results: Sequence[Result],
                      analysis: BargainAnalysis | None = None) -> Figure:
    """Every model's forecast per issue on a shared 0-100 % axis of each issue's range."""
    issues = list(scenario.issues)
    n = max(1, len(issues))
    key = [KeyEntry(r.model, colour=model_style(m)[0], marker=model_style(m)[1])
           for m, r in enumerate(results)]
    if analysis is not None:
        key.append(KeyEntry("zone of agreement", fill=ZONE, alpha=0.35))
    top = 0.45 + key_rows(key) * KEY_ROW
    fig = new_figure(top + 0.42 * n + 0.55, left=2.1, right=0.35, top=top, bottom=0.55)
    ax = fig.add_subplot()
    style_axes(ax, grid_axis="x")
    title(fig, "Forecasts of every model, issue by issue")
    width = max(1, len(results))
    points: list[tuple[list[float], list[float]]] = [([], []) for _ in results]
    for j, issue in enumerate(issues):
        span = (issue.high - issue.low) or 1.0
        if analysis is not None and any(s.issue == issue.id for s in scenario.stances):
            k = [i.id for i in analysis.scenario.issues].index(issue.id)
            zone = analysis.zones[k]
            if zone is not None:
                a = (zone[0] - issue.low) / span * 100
                b = (zone[1] - issue.low) / span * 100
                ax.plot([a, max(b, a + 0.6)], [j, j], color=ZONE, alpha=0.35, linewidth=9,
                        solid_capstyle="butt", zorder=1)
        for m, result in enumerate(results):
            value = result.outcome.get(issue.id)
            if value is not None:
                points[m][0].append((value - issue.low) / span * 100)
                points[m][1].append(j + (m - (width - 1) / 2) * min(0.07, 0.6 / width))
        if j:
            ax.axhline(j - 0.5, color="#eeeeee", linewidth=0.6, zorder=0)
    for m, (xs, ys) in enumerate(points):  # one artist per model: scatter calls cost
        if xs:
            colour, marker = model_style(m)
            ax.plot(xs, ys, linestyle="none", marker=marker, markersize=5.5, color=colour,
                    markeredgecolor="white", markeredgewidth=0.4, zorder=3)
    ax.set_ylim(n - 0.5, -0.5)
    ax.set_yticks(range(len(issues)), [plain(issue_label(i.name)) for i in issues],
                  fontsize=FONT)
    ax.tick_params(axis="y", length=0)
    ax.spines["left"].set_visible(False)
    ax.set_xlim(-2, 102)
    ax.set_xticks([0, 25, 50, 75, 100])
    ax.set_xlabel("position on each issue's scale, % of its range (0 = its low end, "
                  "100 = its high end)", fontsize=FONT - 0.5, color=MUTED)
    draw_key(fig, key, top=0.36)
    if not results:
        empty_note(ax, "no model results")
    return fig


def trajectory_figure(scenario: Scenario, result: Result,
                      issues: Sequence[str] | None = None) -> Figure:
    """Each actor's position per round, one panel per issue (a result without a trajectory
    gives a figure that says so)."""
    # matplotlib (0.3 s to import) loads when a chart is drawn
    from matplotlib.collections import LineCollection
    from matplotlib.ticker import MaxNLocator

    trajectory = result.trajectory or {}
    wanted = [i for i in scenario.issues
              if (issues is None or i.id in issues) and trajectory.get(i.id)]
    rows, cols = grid_shape(len(wanted))
    colour_of = {a.id: actor_colour(k) for k, a in enumerate(scenario.actors)}
    moving = [a for k, a in enumerate(result.actors)  # actors with a position on the panels
              if any(k < len(r) and r[k] is not None for i in wanted for r in trajectory[i.id])]
    key = [KeyEntry(actor_label(scenario.actor(a).name, 20), colour=colour_of.get(a, TEXT),
                    line=1.6) for a in moving]
    key.append(KeyEntry("forecast", colour="#000000", line=0.8, style=(0, (2, 2))))
    top = 0.38 + key_rows(key) * KEY_ROW + 0.32  # room for the panels' titles
    panel_h = 1.75
    fig = new_figure(top + rows * panel_h + 0.15, left=0.45, right=0.15, top=top,
                     bottom=0.35)
    fig.subplots_adjust(hspace=0.55, wspace=0.28)
    model = result.model + (f" ({result.preset})" if result.preset else "")
    title(fig, f"Positions round by round: {model}")
    if not wanted:
        ax = fig.add_subplot()
        ax.set_axis_off()
        empty_note(ax, f"{result.model} records no rounds for these issues")
        return fig
    for k, issue in enumerate(wanted):
        ax = fig.add_subplot(rows, cols, k + 1)
        style_axes(ax, grid_axis="y")
        rounds = trajectory[issue.id]
        paths, colours = [], []
        for a_index, actor in enumerate(result.actors):
            ys = [r[a_index] if a_index < len(r) else None for r in rounds]
            pts = [(float(x), float(y)) for x, y in enumerate(ys) if y is not None]
            if pts:
                paths.append(pts)
                colours.append(colour_of.get(actor, TEXT))
        # one collection per panel (a Line2D per actor costs more than the drawing)
        ax.add_collection(LineCollection(paths, colors=colours, linewidths=1.2), autolim=False)
        if len(rounds) < 3:  # a line of one or two rounds needs its points shown
            ax.scatter([x for p in paths for x, _ in p], [y for p in paths for _, y in p],
                       s=9, c=[c for p, c in zip(paths, colours, strict=True) for _ in p],
                       zorder=3)
        ax.set_title(plain(issue_label(issue.name, 34)), fontsize=FONT, color=TEXT, loc="left")
        pad = 0.04 * ((issue.high - issue.low) or 1.0)
        ax.set_ylim(issue.low - pad, issue.high + pad)
        ax.set_yticks([issue.low, (issue.low + issue.high) / 2, issue.high])
        ax.set_yticklabels([number(v, issue.low, issue.high)
                            for v in (issue.low, (issue.low + issue.high) / 2, issue.high)])
        ax.set_xlim(-0.3, max(1, len(rounds) - 1) + 0.3)
        ax.xaxis.set_major_locator(MaxNLocator(nbins=4, integer=True))
        if k >= (rows - 1) * cols:
            ax.set_xlabel("round", fontsize=FONT - 1, color=MUTED, labelpad=1)
        value = result.outcome.get(issue.id)
        if value is not None:
            ax.axhline(value, color="#000000", linewidth=0.8, linestyle=(0, (2, 2)))
    draw_key(fig, key, top=0.38)
    return fig
