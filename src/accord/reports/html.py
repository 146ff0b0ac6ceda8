"""The HTML report: one self-contained page from the Jinja2 templates shipped in the package.

The page makes no network request of any kind when opened: CSS is inline, charts are inline
SVG, fonts are the system's, there is no script, and a Content-Security-Policy forbids loading
anything. Autoescape is on for the whole template: every text of a scenario file or article is
untrusted (quotes, names, titles, labels, notes) and is escaped; the only markup inserted as it
is are the charts, whose SVG matplotlib writes with its text escaped
(:func:`accord.reports.chartkit.figure_svg`).
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from accord._version import __version__
from accord.reports.chartkit import figure_svg
from accord.reports.document import Chart, Report, safe_link, slug
from accord.reports.parallel import render_charts

if TYPE_CHECKING:
    import jinja2


@functools.cache
def environment() -> jinja2.Environment:
    """The template environment (autoescape on, undefined names are errors)."""
    # Jinja2 loads when a report is rendered, not with every command
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("accord.reports", "templates"),
        autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=False,
        lstrip_blocks=False, keep_trailing_newline=True)
    env.globals.update(safe_link=safe_link, slug=slug)
    return env


def _svg(chart: Chart) -> str:

    # matplotlib escapes the figure's text; the id prefix keeps ids unique in the page
    return figure_svg(chart.draw(), prefix=f"c-{chart.key}", label=chart.alt)


def render_html(report: Report, workers: int = 1) -> str:
    """The report as one HTML page (charts drawn here, as inline SVG; in ``workers`` forked
    processes when more than one: :mod:`accord.reports.parallel`)."""
    # Jinja2 loads when a report is rendered, not with every command
    from markupsafe import Markup


    drawn = report.charts()
    svgs = render_charts(drawn, _svg, workers)
    charts = {c.key: Markup(svg) for c, svg in zip(drawn, svgs, strict=True)}
    template = environment().get_template("report.html.j2")
    return template.render(report=report, charts=charts, version=__version__)
