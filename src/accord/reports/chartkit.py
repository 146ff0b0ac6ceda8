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

import io
import re
import textwrap
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

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
    from accord.reports.formatting import decimals_for

    text = f"{value:.{decimals_for(low, high) - 1 or 1}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def new_figure(height: float, width: float = WIDTH, *, left: float = 0.6, right: float = 0.25,
               top: float = 0.45, bottom: float = 0.5) -> Figure:
    """A figure whose subplots area leaves the given margins (inches) around it."""
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
    import html

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

        def extent(w: float) -> tuple[float, float, str]:
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
