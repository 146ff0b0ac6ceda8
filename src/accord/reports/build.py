"""A report from what :func:`accord.workflows.report_data.gather` computed: its sections, in
order, as a :class:`~accord.reports.document.Report` that the HTML and Markdown renderers
(:mod:`accord.reports.html`, :mod:`accord.reports.markdown`) draw.

Each section builder takes the :class:`~accord.workflows.report_data.ReportData` and returns a
:class:`~accord.reports.document.Section` (or None when it has nothing to show).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from accord._version import __version__
from accord.reports import (
    sections,
    sections_actors,
    sections_mc,
    sections_record,
    sections_whatif,
)
from accord.reports.document import Chart, Report, Section
from accord.reports.source_names import name_sources
from accord.workflows.report_data import ReportData

SectionBuilder = Callable[[ReportData], Section | None]


def default_sections() -> list[SectionBuilder]:
    """The report's sections in order (a builder returns None to leave its section out)."""
    return [sections.summary, sections_whatif.whatif, sections.issues, sections.comparison,
            sections_actors.who_gains, sections_actors.what_it_takes, sections.trajectories,
            sections_mc.uncertainty, sections.timeline, sections_record.evidence,
            sections_record.predictions, sections_record.sources]


def build_report(data: ReportData,
                 builders: Sequence[SectionBuilder] | None = None) -> Report:
    """The report: title, meta and the sections of ``builders`` (default
    :func:`default_sections`), with chart keys made unique."""
    s = data.scenario
    built = [b(data) for b in (builders or default_sections())]
    out = [x for x in built if x is not None]
    seen: set[str] = set()
    fixed = []
    for section in out:
        blocks = []
        for block in section.blocks:
            if isinstance(block, Chart):
                key, n = block.key, 2
                while key in seen:
                    key, n = f"{block.key}-{n}", n + 1
                seen.add(key)
                if key != block.key:
                    block = Chart(key=key, draw=block.draw, alt=block.alt,
                                  caption=block.caption)
            blocks.append(block)
        fixed.append(Section(section.key, section.title, tuple(blocks)))
    meta = [("Scenario", s.id)]
    if s.as_of:
        meta.append(("As of", s.as_of))
    meta += [("Digest", s.digest()[:12]), ("accord", __version__)]
    return Report(title=s.title, subtitle=name_sources(s.description, s), meta=tuple(meta),
                  sections=tuple(fixed))
