"""What every chart shares: figures with fixed margins, colours, safe text, SVG and PNG output.

Charts are built with matplotlib's object API (``matplotlib.figure.Figure``), never pyplot, so
no global figure state and no display: SVG goes through matplotlib's SVG backend and PNG through
Agg. Margins are set in inches rather than by the constrained layout, which doubles the time a
figure takes and the whole built-in report has a budget of 3 s.

Text from scenario files is untrusted. :func:`plain` stops matplotlib reading ``$...$`` in a
name as mathematics; in SVG the text is written as ``<text>`` elements whose content matplotlib
escapes (``&``, ``<``, ``>``), and :func:`figure_svg` renames every id with a prefix so that
several charts can sit inline in one HTML page without their clip paths and markers colliding.
"""

from __future__ import annotations

import html
import io
import re
import textwrap
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from accord.reports.formatting import decimals_for

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

WIDTH = 7.6
"""Width of a full-width chart, inches."""

TEXT = "#222222"
MUTED = "#6b6b6b"
GRID = "#e3e3e3"
ZONE = "#2e9e5b"
GAP = "#c0392b"
RED_LINE = "#8e1b10"
FONT = 8.0

ACTOR_COLOURS: tuple[str, ...] = (
    "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2",
    "#7f7f7f", "#bcbd22", "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173", "#3182bd",
)
MODEL_STYLES: tuple[tuple[str, str], ...] = (
    ("#000000", "D"), ("#e6550d", "s"), ("#3182bd", "^"), ("#756bb1", "v"), ("#31a354", "P"),
    ("#636363", "X"), ("#e7298a", "o"), ("#a6761d", "p"), ("#1b9e77", "h"), ("#d95f02", "*"),
    ("#7570b3", "<"), ("#66a61e", ">"),
)

_RENDER_LOCK = threading.Lock()


def plain(text: str) -> str:
    """Text to show as it is: no mathtext for ``$`` pairs, no hiding of a leading ``_``."""
    out = text.replace("$", r"\$")
    return "\u200b" + out if out.startswith("_") else out


def short(text: str, width: int) -> str:
    """``text`` cut to ``width`` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def actor_label(name: str, width: int = 22) -> str:
    """A short name for an actor on a chart: the name without a trailing parenthesis when it
    is long ("NATO (as a consensus body)" -> "NATO"), cut to ``width``."""
    name = " ".join(name.split())
    if len(name) > width and " (" in name:
        name = name.split(" (", 1)[0]
    return short(name, width)


def wrap(text: str, width: int, lines: int) -> str:
    """``text`` wrapped to ``width`` characters on at most ``lines`` lines (ellipsis if cut)."""
    parts = textwrap.wrap(" ".join(text.split()), max(4, width), break_long_words=True)
    if len(parts) > lines:
        parts = parts[:lines]
        parts[-1] = short(parts[-1] + " …", width)
        if not parts[-1].endswith("…"):
            parts[-1] = parts[-1][: width - 1] + "…"
    return "\n".join(parts)


def actor_colour(index: int) -> str:
    return ACTOR_COLOURS[index % len(ACTOR_COLOURS)]


def model_style(index: int) -> tuple[str, str]:
    """Colour and marker of the ``index``-th model of a chart."""
    return MODEL_STYLES[index % len(MODEL_STYLES)]


def number(value: float, low: float, high: float) -> str:
    """A value with the decimals its scale needs (3 on [4, 10], 1 on [0, 100]), trimmed."""

    text = f"{value:.{decimals_for(low, high) - 1 or 1}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def new_figure(height: float, width: float = WIDTH, *, left: float = 0.6, right: float = 0.25,
               top: float = 0.45, bottom: float = 0.5) -> Figure:
    """A figure whose subplots area leaves the given margins (inches) around it."""
    # matplotlib (0.3 s to import) loads when a chart is drawn
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=100)
    fig.subplots_adjust(left=left / width, right=1 - right / width,
                        bottom=bottom / height, top=1 - top / height)
    fig.patch.set_facecolor("white")
    return fig


def style_axes(ax: Axes, *, grid_axis: str = "x") -> None:
    """Quiet axes: no top or right spine, light grid, small grey tick labels."""
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color("#999999")
    ax.tick_params(labelsize=FONT - 0.5, colors=MUTED, labelcolor=TEXT, length=3)
    if grid_axis:
        ax.grid(True, axis=grid_axis, color=GRID, linewidth=0.6)  # type: ignore[arg-type]
    ax.set_axisbelow(True)


def title(fig: Figure, text: str, subtitle: str | None = None) -> None:
    """A left-aligned title (and a grey subtitle) at the top of the figure."""
    height = fig.get_figheight()
    fig.text(0.12 / fig.get_figwidth(), 1 - 0.1 / height, plain(text), fontsize=FONT + 2.5,
             fontweight="bold", color=TEXT, va="top", ha="left")
    if subtitle:
        fig.text(0.12 / fig.get_figwidth(), 1 - 0.34 / height, plain(subtitle), fontsize=FONT,
                 color=MUTED, va="top", ha="left")


def empty_note(ax: Axes, text: str) -> None:
    """A grey note in the middle of an axes that has nothing to draw."""
    ax.text(0.5, 0.5, plain(text), transform=ax.transAxes, ha="center", va="center",
            fontsize=FONT, color=MUTED, style="italic")


@dataclass(frozen=True)
class KeyEntry:
    """One entry of a chart's key: a sample (marker, line, filled box or bold word) and a
    label. Drawn by :func:`draw_key` directly on the figure: matplotlib's own legend copies
    every handle and costs a fifth of a chart's time."""

    label: str
    colour: str = MUTED
    marker: str | None = None
    size: float = 5.0
    line: float = 0.0
    style: Any = "-"
    alpha: float = 1.0
    fill: str | None = None
    hatch: str | None = None
    word: str | None = None


KEY_ROW = 0.17
"""Height of a row of the key, inches."""
_KEY_SAMPLE = 0.3
_KEY_CHAR = 0.058     # inches per character of a key label (DejaVu Sans at 7 pt, generous)


def _key_layout(entries: Sequence[KeyEntry], width: float) -> list[tuple[int, float]]:
    """Row and left edge (inches) of each entry, flowing left to right and wrapping."""
    out: list[tuple[int, float]] = []
    row, x = 0, 0.0
    for e in entries:
        w = _KEY_SAMPLE + 0.07 + len(e.label) * _KEY_CHAR + 0.25
        if x > 0 and x + w > width:
            row, x = row + 1, 0.0
        out.append((row, x))
        x += w
    return out


def key_rows(entries: Sequence[KeyEntry], width: float = WIDTH - 0.27) -> int:
    """How many rows :func:`draw_key` needs for ``entries`` across ``width`` inches."""
    layout = _key_layout(entries, width)
    return layout[-1][0] + 1 if layout else 0


def draw_key(fig: Figure, entries: Sequence[KeyEntry], *, top: float,
             left: float = 0.12, right: float = 0.15) -> float:
    """Draw ``entries`` left to right, wrapping into rows, from ``top`` inches below the top
    of the figure; returns the height used (inches)."""
    # matplotlib (0.3 s to import) loads when a chart is drawn
    from matplotlib.lines import Line2D
    from matplotlib.patches import Rectangle

    w_in, h_in = fig.get_figwidth(), fig.get_figheight()
    layout = _key_layout(entries, w_in - left - right)
    fw = _KEY_SAMPLE / w_in
    for e, (r, x0) in zip(entries, layout, strict=True):
        x, y = left + x0, top + r * KEY_ROW + KEY_ROW / 2
        fx, fy = x / w_in, 1 - y / h_in
        if e.fill is not None or e.hatch is not None:
            fig.add_artist(Rectangle(
                (fx, fy - 0.045 / h_in), fw, 0.09 / h_in, transform=fig.transFigure,
                facecolor=e.fill or "none", edgecolor=e.colour if e.hatch else "none",
                hatch=e.hatch, alpha=e.alpha, linewidth=0))
        if e.line:
            fig.add_artist(Line2D([fx, fx + fw], [fy, fy], transform=fig.transFigure,
                                  color=e.colour, linewidth=e.line, linestyle=e.style,
                                  alpha=e.alpha, solid_capstyle="butt"))
        if e.marker:
            fig.add_artist(Line2D([fx + fw / 2], [fy], transform=fig.transFigure,
                                  linestyle="none", marker=e.marker, markersize=e.size,
                                  color=e.colour, markeredgewidth=0))
        if e.word:
            fig.text(fx + fw / 2, fy, plain(e.word), fontsize=FONT - 1, fontweight="bold",
                     color=TEXT, ha="center", va="center")
        fig.text(fx + (_KEY_SAMPLE + 0.07) / w_in, fy, plain(e.label), fontsize=FONT - 1,
                 color=TEXT, ha="left", va="center")
    return (layout[-1][0] + 1) * KEY_ROW if layout else 0.0


def grid_shape(count: int, columns: int = 3) -> tuple[int, int]:
    """Rows and columns of a small-multiples grid of ``count`` panels."""
    cols = max(1, min(columns, count))
    return max(1, -(-count // cols)), cols


_TAG = re.compile(r"(<[^>]*>)")
_REF = re.compile(r'(\bid="|url\(#|href="#)([^")]+)')


def figure_svg(fig: Figure, prefix: str = "chart", label: str | None = None) -> str:
    """The figure as an SVG element to put inline in HTML (text as escaped ``<text>``).

    Drops the XML prolog, DOCTYPE and metadata (their URLs are never fetched, but a report
    that promises no network should not name any), renames every id to ``PREFIX-N`` (stable:
    the same figure gives the same text), scopes matplotlib's ``*{...}`` style rule to this
    chart, and adds ``role="img"`` with ``label`` (escaped) as its accessible name.
    """

    # matplotlib (0.3 s to import) loads when a chart is drawn
    import matplotlib

    buf = io.StringIO()
    with _RENDER_LOCK, matplotlib.rc_context({"svg.fonttype": "none",
                                              "svg.hashsalt": "accord"}):
        fig.savefig(buf, format="svg", metadata={"Date": None})
    text = buf.getvalue()
    start = text.index("<svg")
    text = re.sub(r"\s*<metadata>.*?</metadata>", "", text[start:], flags=re.S)
    ids: dict[str, str] = {}

    def rename(match: re.Match[str]) -> str:
        new = ids.setdefault(match.group(2), f"{prefix}-{len(ids) + 1}")
        return match.group(1) + new

    parts = _TAG.split(text)
    for k, part in enumerate(parts):
        if part.startswith("<") and not part.startswith("<!--"):
            parts[k] = _REF.sub(rename, part)
    text = "".join(parts)
    text = text.replace("*{stroke-linejoin", f"#{prefix} *{{stroke-linejoin", 1)
    attrs = f'<svg id="{prefix}" class="chart" role="img"'
    if label:
        attrs += f' aria-label="{html.escape(label, quote=True)}"'
    return attrs + text[len("<svg"):].rstrip() + "\n"


def figure_png(fig: Figure, dpi: int = 110) -> bytes:
    """The figure as PNG bytes (Agg)."""
    buf = io.BytesIO()
    with _RENDER_LOCK:
        fig.savefig(buf, format="png", dpi=dpi, metadata={"Software": None})
    return buf.getvalue()


def save_figure(fig: Figure, kind: str) -> bytes:
    """The figure as the bytes of a ``svg`` (standalone document) or ``png`` file."""
    if kind == "png":
        return figure_png(fig)
    if kind != "svg":
        raise ValueError(f"unknown image kind '{kind}'")
    body = figure_svg(fig, prefix="c")
    return ('<?xml version="1.0" encoding="utf-8"?>\n' + body).encode("utf-8")


@dataclass(frozen=True)
class LabelSpot:
    """Where a scale label goes: its line of text under the axis (-1: nowhere, no room),
    alignment, width in characters."""

    level: int
    ha: str
    chars: int


def place_labels(xs: Sequence[float], lengths: Sequence[int], lo: float, hi: float, *,
                 chars_per_inch: float, max_levels: int = 3,
                 pad: float = 0.08) -> list[LabelSpot]:
    """Lay out labels at sorted positions ``xs`` (inches) under an axis that may use
    [``lo``, ``hi``] inches: each label gets a width for about two lines of its text (between
    0.7 and 1.5 inches), centred unless that would leave the allowed span, on the first of
    ``max_levels`` lines of labels where it overlaps nothing; where no line has room it takes
    the line with most room and shrinks to fit (wrapping onto more lines), and where even that
    fails it gets level -1: the label is left out and its tick stands alone."""
    ends: list[float] = []          # right end of the last label on each level
    out: list[LabelSpot] = []
    for x, n in zip(xs, lengths, strict=True):
        want = min(1.5, max(0.7, n / chars_per_inch / 2))

        def extent(w: float, x: float = x) -> tuple[float, float, str]:
            if x - w / 2 < lo:
                return x, x + w, "left"
            if x + w / 2 > hi:
                return x - w, x, "right"
            return x - w / 2, x + w / 2, "center"

        a, b, ha = extent(want)
        level = next((k for k, end in enumerate(ends) if a >= end + pad), None)
        if level is None and len(ends) < max_levels:
            level = len(ends)
            ends.append(-1e9)
        width = want
        if level is None:  # no line has room: the one that ends first, shrunk to fit, if it can
            level = min(range(len(ends)), key=lambda k: ends[k])
            room = {"center": 2 * (x - ends[level] - pad), "left": want,
                    "right": x - ends[level] - pad}[ha]
            if ha == "left" or room < 0.55:
                out.append(LabelSpot(-1, ha, 0))  # no room at all: the tick alone
                continue
            width = min(want, room)
            a, b, ha = extent(width)
        ends[level] = b
        out.append(LabelSpot(level, ha, max(8, int(width * chars_per_inch))))
    return out
