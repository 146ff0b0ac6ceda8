"""One issue on its own labelled scale: who stands where, the red lines, the zone, the forecasts.

The picture the bargaining analysis (docs/bargaining.md, MODELS.md section 4) describes in
words: each actor's position (marker area: salience) with its red line and the side of it the
actor accepts, the zone every veto player accepts shaded (or, where red lines cross, the gap
between the pair furthest apart hatched), the status quo, and each model's forecast on rows of
its own below the actors. The scale's labelled points are written under the axis, staggered on
two lines where they are close, so the numbers mean something.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from accord.reports.chartkit import (
    FONT,
    GAP,
    MUTED,
    RED_LINE,
    TEXT,
    WIDTH,
    ZONE,
    actor_colour,
    actor_label,
    LabelSpot,
    model_style,
    new_figure,
    number,
    place_labels,
    plain,
    short,
    style_axes,
    title,
    wrap,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from accord.bargaining import BargainAnalysis
    from accord.models import Result
    from accord.scenario.schema import Issue, Scenario

ROW = 0.22          # inches per actor or model row
LEFT = 1.75         # room for actor names
RIGHT = 0.35
LABEL_FONT = 6.5
CHARS_PER_INCH = 17.0


def accepted_side(position: float, reservation: float, low: float,
                  high: float) -> tuple[float, float]:
    """The outcomes an actor's red line accepts: from the red line to the end of the scale on
    the far side of it from the actor (docs/bargaining.md), or the point itself."""
    if reservation < position:
        return reservation, high
    if reservation > position:
        return low, reservation
    return reservation, reservation


def zone_text(scenario: Scenario, issue: Issue, analysis: BargainAnalysis | None) -> str | None:
    """One line on the zone of agreement (or the widest gap between red lines)."""
    if analysis is None:
        return None
    j = [i.id for i in analysis.scenario.issues].index(issue.id)
    zone = analysis.zones[j]
    lo, hi = issue.low, issue.high
    if zone is not None:
        if abs(zone[1] - zone[0]) < 1e-9:
            return f"Zone of agreement: the single point {number(zone[0], lo, hi)}"
        if abs(zone[0] - lo) < 1e-9 and abs(zone[1] - hi) < 1e-9:
            return "Zone of agreement: the whole scale (no veto player states a red line)"
        return f"Zone of agreement: {number(zone[0], lo, hi)}–{number(zone[1], lo, hi)}"
    pairs = [b for b in analysis.blocking if b.issue == issue.id]
    if not pairs:
        return "No zone of agreement"
    b = pairs[0]
    more = f" (and {len(pairs) - 1} more crossing pair{'s' * (len(pairs) > 2)})" \
        if len(pairs) > 1 else ""
    return (f"No zone: {actor_label(scenario.actor(b.actors[0]).name)} ≥ "
            f"{number(b.minimum, lo, hi)} vs {actor_label(scenario.actor(b.actors[1]).name)} ≤ "
            f"{number(b.maximum, lo, hi)}, gap {number(b.gap, lo, hi)}{more}")


def issue_figure(scenario: Scenario, issue_id: str, results: Sequence[Result] = (),
                 analysis: BargainAnalysis | None = None) -> Figure:
    """The chart of one issue (see the module docstring); ``results`` and ``analysis`` are
    optional: without them the chart shows the positions and red lines only."""
    from matplotlib.lines import Line2D

    scn = scenario.with_point_values() if scenario.is_uncertain() else scenario
    issue = scn.issue(issue_id)
    lo, hi = issue.low, issue.high
    span = (hi - lo) or 1.0
    colour_of = {a.id: actor_colour(k) for k, a in enumerate(scn.actors)}
    stances = sorted((s for s in scn.stances if s.issue == issue_id),
                     key=lambda s: (float(s.position), s.actor))  # type: ignore[arg-type]
    rows = len(stances) + len(results) + (0.6 if stances and results else 0)
    rows = max(rows, 1.5)
    from accord.reports.formatting import short_label

    marks = [(x, short_label(text, 90)) for x, text in sorted(issue.labels.items())
             if lo <= x <= hi]
    axis_w = WIDTH - LEFT - RIGHT
    xs_in = [(x - lo) / span * axis_w for x, _ in marks]
    spots = place_labels(xs_in, [len(t) for _, t in marks], -LEFT + 0.2, axis_w + RIGHT - 0.05,
                         chars_per_inch=CHARS_PER_INCH)
    n_levels = max([p.level + 1 for p in spots] + [0])
    bottom = 0.35 + n_levels * 0.37 + 0.05
    top = 0.95
    fig = new_figure(top + rows * ROW + bottom, left=LEFT, right=RIGHT, top=top, bottom=bottom)
    ax = fig.add_subplot()
    style_axes(ax, grid_axis="x")
    title(fig, issue.name, zone_text(scenario, issue, analysis))
    handles: list[Any] = []

    y_labels: list[tuple[float, str, str, bool]] = []
    for k, s in enumerate(stances):
        y = float(k)
        pos, sal = float(s.position), float(s.salience)  # type: ignore[arg-type]
        colour = colour_of[s.actor]
        veto = scn.has_veto(s.actor, issue_id)
        y_labels.append((y, actor_label(scn.actor(s.actor).name), TEXT, veto))
        if s.reservation is not None:
            res = float(s.reservation)  # type: ignore[arg-type]
            a, b = accepted_side(pos, res, lo, hi)
            ax.plot([a, b], [y, y], color=colour, linewidth=6, alpha=0.2,
                    solid_capstyle="butt", zorder=1)
            ax.plot([res, res], [y - 0.34, y + 0.34], color=RED_LINE if veto else MUTED,
                    linewidth=2.2 if veto else 1.2, zorder=2)
        ax.scatter([pos], [y], s=18 + 110 * max(0.0, min(1.0, sal)), color=colour,
                   edgecolors="white", linewidths=0.6, zorder=3)
    if stances:
        handles.append(Line2D([], [], linestyle="", marker="o", color=MUTED,
                              label="position (area: salience)"))
        if any(scn.has_veto(s.actor, issue_id) for s in stances):
            handles.append(Line2D([], [], linestyle="", label="bold name: veto player"))
    if any(s.reservation is not None for s in stances):
        handles.append(Line2D([], [], color=MUTED, linewidth=6, alpha=0.3,
                              label="side its red line accepts"))
        if any(s.reservation is not None and scn.has_veto(s.actor, issue_id) for s in stances):
            handles.append(Line2D([], [], color=RED_LINE, linewidth=2.2,
                                  label="red line (veto)"))
        if any(s.reservation is not None and not scn.has_veto(s.actor, issue_id)
               for s in stances):
            handles.append(Line2D([], [], color=MUTED, linewidth=1.2,
                                  label="red line (no veto)"))

    first_model = len(stances) + (0.6 if stances else 0)
    if stances and results:
        ax.axhline(first_model - 0.8, color="#bbbbbb", linewidth=0.6)
    for k, result in enumerate(results):
        y = first_model + k
        colour, marker = model_style(k)
        label = result.model
        y_labels.append((y, label, MUTED, False))
        value = result.outcome.get(issue_id)
        if value is None:
            ax.text(lo, y, "  no forecast", fontsize=FONT - 1, color=MUTED, style="italic",
                    va="center", ha="left")
            continue
        ax.scatter([value], [y], s=34, marker=marker, color=colour, zorder=4,
                   edgecolors="white", linewidths=0.5)
        right = value > lo + 0.85 * span
        shown = number(value, lo, hi)
        ax.annotate(shown, (value, y), xytext=(-7 if right else 7, 0),
                    textcoords="offset points", fontsize=FONT - 1, color=TEXT, va="center",
                    ha="right" if right else "left")
    if results:
        handles.append(Line2D([], [], linestyle="", marker="D", color="#000000",
                              markersize=4.5, label="model forecast"))

    _zone(ax, issue, analysis, bool(stances), handles)
    if issue.status_quo is not None:
        ax.axvline(issue.status_quo, color=MUTED, linestyle=(0, (4, 3)), linewidth=0.9,
                   zorder=1)
        handles.append(Line2D([], [], color=MUTED, linestyle=(0, (4, 3)), linewidth=0.9,
                              label="status quo"))
    if not stances:
        ax.text(0.5, 1.0 if results else 0.5, "no actor states a position on this issue",
                transform=ax.transAxes, ha="center", va="bottom" if results else "center",
                fontsize=FONT, color=MUTED, style="italic")

    ax.set_ylim(rows - 0.5, -0.6)
    # Row names as plain text, not tick labels: a matplotlib tick costs five artists.
    ax.set_yticks([])
    names = ax.get_yaxis_transform()
    for y, text, colour, bold in y_labels:
        ax.text(-0.012, y, plain(text), transform=names, ha="right", va="center",
                fontsize=FONT, color=colour, fontweight="bold" if bold else "normal")
    ax.tick_params(axis="y", length=0)
    ax.spines["left"].set_visible(False)
    pad = 0.02 * span
    ax.set_xlim(lo - pad, hi + pad)
    ticks = sorted({lo, hi, *(x for x, _ in marks)})
    ax.set_xticks(ticks)
    ax.set_xticklabels([number(t, lo, hi) for t in ticks])
    if issue.unit:
        ax.set_xlabel(plain(issue.unit), fontsize=FONT - 0.5, color=MUTED, labelpad=1)
    _scale_labels(ax, marks, spots)
    if handles:
        fig.legend(handles=handles, loc="upper left", ncol=4, fontsize=FONT - 1,
                   frameon=False, bbox_to_anchor=(0.1 / WIDTH, 1 - 0.52 / fig.get_figheight()),
                   handlelength=1.8, columnspacing=1.2, borderaxespad=0)
    return fig


def _zone(ax: Axes, issue: Issue, analysis: BargainAnalysis | None, has_stances: bool,
          handles: list[Any]) -> None:
    from matplotlib.patches import Patch

    if analysis is None or not has_stances:
        return
    j = [i.id for i in analysis.scenario.issues].index(issue.id)
    zone = analysis.zones[j]
    if zone is not None:
        if abs(zone[1] - zone[0]) < 1e-9 * max(1.0, issue.high - issue.low):
            ax.axvline(zone[0], color=ZONE, linewidth=3, alpha=0.6, zorder=0)
        else:
            ax.axvspan(zone[0], zone[1], color=ZONE, alpha=0.15, linewidth=0, zorder=0)
        handles.append(Patch(facecolor=ZONE, alpha=0.35, label="zone of agreement"))
        return
    pairs = [b for b in analysis.blocking if b.issue == issue.id]
    if pairs:
        b = pairs[0]
        ax.axvspan(b.maximum, b.minimum, facecolor="none", edgecolor=GAP, hatch="////",
                   alpha=0.45, linewidth=0, zorder=0)
        handles.append(Patch(facecolor="none", edgecolor=GAP, hatch="////", alpha=0.6,
                             label="gap between red lines"))


def _scale_labels(ax: Axes, marks: list[tuple[float, str]], spots: list[LabelSpot]) -> None:
    """The scale's labelled points under the axis, on the lines :func:`place_labels` chose."""
    for (x, text), spot in zip(marks, spots, strict=True):
        if spot.level < 0:
            continue
        ax.annotate(plain(wrap(text, spot.chars, 3)), xy=(x, 0),
                    xycoords=("data", "axes fraction"), xytext=(0, -15 - 26.5 * spot.level),
                    textcoords="offset points", ha=spot.ha, va="top", fontsize=LABEL_FONT,
                    color=TEXT, linespacing=1.05, annotation_clip=False)
        if spot.level:
            ax.annotate("", xy=(x, 0), xycoords=("data", "axes fraction"),
                        xytext=(0, -14 - 26.5 * spot.level + 2), textcoords="offset points",
                        arrowprops={"arrowstyle": "-", "color": "#c8c8c8", "linewidth": 0.5},
                        annotation_clip=False)
