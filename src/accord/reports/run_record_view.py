"""A recorded run in words, for ``accord runs list`` and ``runs show``: what ran (its models,
or a bargaining run's options) and, for a bargaining run, what it found (the verdict in the
sentences of ``accord bargain`` and its zones).

Works from a run's stored spec options and payload (plain JSON), so it needs no database.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from accord.bargaining.doc_types import BargainDocument
from accord.reports.bargain_view import issue_rows, nash_header, summary
from accord.reports.document import Block, Heading, Paragraph, Table
from accord.scenario.schema import Scenario


def bargain_options_text(options: Mapping[str, Any]) -> str:
    """A bargaining run's options, as ``accord compare`` names them: "linear loss, no deal by
    reservation, capability-salience power, horizon 60 months" (empty when none is stored)."""
    parts = []
    if options.get("loss"):
        parts.append(f"{options['loss']} loss")
    if options.get("disagreement"):
        parts.append(f"no deal by {options['disagreement']}")
    if options.get("power"):
        parts.append(f"{options['power']} power")
    if options.get("weighted"):
        parts.append("concessions weighted by salience")
    if options.get("horizon") is not None:
        parts.append(f"horizon {options['horizon']} months")
    no_deal = options.get("no_deal") or {}
    if isinstance(no_deal, Mapping) and no_deal:
        parts.append("no deal at " + ", ".join(f"{k}={v}" for k, v in no_deal.items()))
    return ", ".join(parts)


def bargain_record_blocks(payload: Any, scenario: Scenario | None) -> list[Block]:
    """The verdict and the zones of a recorded bargaining run: the summary sentences and the
    zones table of ``accord bargain`` when its scenario version is at hand, else the verdict
    and each zone by the issue names the document holds."""
    try:
        doc = BargainDocument.model_validate(payload)
    except ValidationError:  # a document of another version of accord
        return [Paragraph("The stored bargaining document is not one this version of accord "
                          "reads; `-f json` shows it as stored.", muted=True)]
    if scenario is not None and set(doc.issues) <= {i.id for i in scenario.issues}:
        rows = [tuple(r) for r in issue_rows(scenario, doc)]
        return [Heading("Verdict"), Paragraph(" ".join(summary(scenario, doc))),
                Heading("Zones of possible agreement"),
                Table(headers=("Issue", "Zone", "Blocking red lines", nash_header(doc)),
                      rows=tuple(rows), numeric=(3,))]
    zones = []
    for item in doc.issues.values():
        zone = item.zopa
        zones.append((item.name, "none" if zone is None else
                      f"{zone[0]:.4g}–{zone[1]:.4g}" if zone[1] - zone[0] > 1e-9
                      else f"{zone[0]:.4g}"))
    return [Heading("Verdict"), Paragraph(f"Verdict: {doc.verdict}."),
            Heading("Zones of possible agreement"),
            Table(headers=("Issue", "Zone"), rows=tuple(zones))]
