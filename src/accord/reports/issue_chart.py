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
from typing import TYPE_CHECKING

from accord.reports.chartkit import (
    FONT,
    GAP,
    KEY_ROW,
    MUTED,
    RED_LINE,
    TEXT,
    WIDTH,
    ZONE,
    KeyEntry,
    LabelSpot,
    actor_colour,
    actor_label,
    draw_key,
    key_rows,
    model_style,
    new_figure,
    number,
    place_labels,
    plain,
    style_axes,
    title,
    wrap,
)
from accord.reports.formatting import short_label

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from accord.bargaining import BargainAnalysis
    from accord.models import Result
    from accord.scenario.schema import Issue, Scenario, Stance

ROW = 0.22          # inches per actor or model row (less when there are many)
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
    # matplotlib (0.3 s to import) loads when a chart is drawn
    from matplotlib.collections import LineCollection


    scn = scenario.with_point_values() if scenario.is_uncertain() else scenario
    issue = scn.issue(issue_id)
    lo, hi = issue.low, issue.high
    span = (hi - lo) or 1.0
    colour_of = {a.id: actor_colour(k) for k, a in enumerate(scn.actors)}
    stances = sorted((s for s in scn.stances if s.issue == issue_id),
                     key=lambda s: (float(s.position), s.actor))  # type: ignore[arg-type]
    rows = max(len(stances) + len(results) + (0.6 if stances and results else 0), 1.5)
    marks = [(x, short_label(text, 90)) for x, text in sorted(issue.labels.items())
             if lo <= x <= hi]
    axis_w = WIDTH - LEFT - RIGHT
    xs_in = [(x - lo) / span * axis_w for x, _ in marks]
    spots = place_labels(xs_in, [len(t) for _, t in marks], -LEFT + 0.2, axis_w + RIGHT - 0.05,
                         chars_per_inch=CHARS_PER_INCH)
    n_levels = max([p.level + 1 for p in spots] + [0])
    bottom = 0.35 + n_levels * 0.37 + 0.05
    key = _key(scn, issue, stances, results, analysis)
    top = 0.6 + key_rows(key) * KEY_ROW
    row = ROW if rows <= 30 else max(0.11, ROW * 30 / rows)  # 160 actors: 18 in, not 35
    name_size = FONT if row >= 0.2 else 6.0
    fig = new_figure(top + rows * row + bottom, left=LEFT, right=RIGHT, top=top, bottom=bottom)
    ax = fig.add_subplot()
    style_axes(ax, grid_axis="x")
    title(fig, issue.name, zone_text(scenario, issue, analysis))

    # Actors: one collection each for the accepted sides, the red lines and the positions.
    y_labels: list[tuple[float, str, str, bool]] = []
    sides: list[tuple[list[tuple[float, float]], str]] = []
    lines: list[tuple[list[tuple[float, float]], str, float]] = []
    xs, ys, sizes, colours = [], [], [], []
    for k, s in enumerate(stances):
        y = float(k)
        pos, sal = float(s.position), float(s.salience)  # type: ignore[arg-type]
        veto = scn.has_veto(s.actor, issue_id)
        y_labels.append((y, actor_label(scn.actor(s.actor).name), TEXT, veto))
        if s.reservation is not None:
            res = float(s.reservation)  # type: ignore[arg-type]
            a, b = accepted_side(pos, res, lo, hi)
            sides.append(([(a, y), (b, y)], colour_of[s.actor]))
            lines.append(([(res, y - 0.34), (res, y + 0.34)], RED_LINE if veto else MUTED,
                          2.2 if veto else 1.2))
        xs.append(pos)
        ys.append(y)
        sizes.append(18 + 110 * max(0.0, min(1.0, sal)))
        colours.append(colour_of[s.actor])
    if sides:
        ax.add_collection(LineCollection([seg for seg, _ in sides], colors=[c for _, c in sides],
                                         linewidths=6, alpha=0.2, capstyle="butt", zorder=1),
                          autolim=False)
        ax.add_collection(LineCollection([seg for seg, _, _ in lines],
                                         colors=[c for _, c, _ in lines],
                                         linewidths=[w for _, _, w in lines], zorder=2),
                          autolim=False)
    if stances:
        ax.scatter(xs, ys, s=sizes, c=colours, edgecolors="white", linewidths=0.6, zorder=3)

    # Models: a row each below the actors, the forecast marked and written.
    first_model = len(stances) + (0.6 if stances else 0)
    if stances and results:
        ax.axhline(first_model - 0.8, color="#bbbbbb", linewidth=0.6)
    for k, result in enumerate(results):
        y = first_model + k
        colour, marker = model_style(k)
        y_labels.append((y, result.model, MUTED, False))
        value = result.outcome.get(issue_id)
        if value is None:
            ax.text(lo, y, "  no forecast", fontsize=FONT - 1, color=MUTED, style="italic",
                    va="center", ha="left")
            continue
        ax.plot([value], [y], linestyle="none", marker=marker, markersize=5.8, color=colour,
                markeredgecolor="white", markeredgewidth=0.5, zorder=4)
        right = value > lo + 0.85 * span
        ax.annotate(number(value, lo, hi), (value, y), xytext=(-7 if right else 7, 0),
                    textcoords="offset points", fontsize=FONT - 1, color=TEXT, va="center",
                    ha="right" if right else "left")

    _zone(ax, issue, analysis, bool(stances))
    if issue.status_quo is not None:
        ax.axvline(issue.status_quo, color=MUTED, linestyle=(0, (4, 3)), linewidth=0.9,
                   zorder=1)
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
                fontsize=name_size, color=colour, fontweight="bold" if bold else "normal")
    ax.spines["left"].set_visible(False)
    pad = 0.02 * span
    ax.set_xlim(lo - pad, hi + pad)
    ticks = sorted({lo, hi, *(x for x, _ in marks)})
    ax.set_xticks(ticks, [number(t, lo, hi) for t in ticks])
    if issue.unit:
        # in the column of row names, level with the tick numbers: under the axis, the
        # scale's labels may take any place (an x label would sit over the middle one)
        ax.annotate(plain(issue.unit), xy=(-0.012, 0), xycoords="axes fraction",
                    xytext=(0, -3.5), textcoords="offset points", ha="right", va="top",
                    fontsize=FONT - 0.5, color=MUTED, annotation_clip=False)
    _scale_labels(ax, marks, spots)
    draw_key(fig, key, top=0.5)
    return fig


def _key(scn: Scenario, issue: Issue, stances: Sequence[Stance], results: Sequence[Result],
         analysis: BargainAnalysis | None) -> list[KeyEntry]:
    """The key of what the chart will draw."""
    key: list[KeyEntry] = []
    vetoes = [scn.has_veto(s.actor, issue.id) for s in stances]
    lines = [v for s, v in zip(stances, vetoes, strict=True) if s.reservation is not None]
    if stances:
        key.append(KeyEntry("position (area: salience)", marker="o"))
    if any(vetoes):
        key.append(KeyEntry("veto player", word="Name"))
    if lines:
        key.append(KeyEntry("side its red line accepts", line=6, alpha=0.3))
    if any(lines):
        key.append(KeyEntry("red line (veto)", colour=RED_LINE, line=2.2))
    if not all(lines):
        key.append(KeyEntry("red line (no veto)", line=1.2))
    if results:
        key.append(KeyEntry("model forecast", colour="#000000", marker="D", size=4.5))
    if analysis is not None and stances:
        j = [i.id for i in analysis.scenario.issues].index(issue.id)
        if analysis.zones[j] is not None:
            key.append(KeyEntry("zone of agreement", fill=ZONE, alpha=0.35))
        elif any(b.issue == issue.id for b in analysis.blocking):
            key.append(KeyEntry("gap between red lines", colour=GAP, hatch="////", alpha=0.6))
    if issue.status_quo is not None:
        key.append(KeyEntry("status quo", line=0.9, style=(0, (4, 3))))
    return key


def _zone(ax: Axes, issue: Issue, analysis: BargainAnalysis | None, has_stances: bool) -> None:
    if analysis is None or not has_stances:
        return
    j = [i.id for i in analysis.scenario.issues].index(issue.id)
    zone = analysis.zones[j]
    if zone is not None:
        if abs(zone[1] - zone[0]) < 1e-9 * max(1.0, issue.high - issue.low):
            ax.axvline(zone[0], color=ZONE, linewidth=3, alpha=0.6, zorder=0)
        else:
            ax.axvspan(zone[0], zone[1], color=ZONE, alpha=0.15, linewidth=0, zorder=0)
        return
    pairs = [b for b in analysis.blocking if b.issue == issue.id]
    if pairs:
        b = pairs[0]
        ax.axvspan(b.maximum, b.minimum, facecolor="none", edgecolor=GAP, hatch="////",
                   alpha=0.45, linewidth=0, zorder=0)


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
