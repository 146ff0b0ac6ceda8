"""The report names sources by outlet and date, not by their ids in the file (issue 19)."""

from __future__ import annotations

import re

import pytest

from accord.reports.build import build_report
from accord.reports.markdown import render_markdown
from accord.reports.source_names import name_sources
from accord.workflows.report_data import gather
from tests.unit.reports.helpers import scenario

pytest.importorskip("matplotlib")

SOURCES = [{"id": "s003", "title": "Why the talks will go nowhere", "outlet": "Naked Capitalism",
            "published": "2025-01-13"},
           {"id": "s004", "title": "Has Putin blinked?", "published": "2022-01-28"}]


def _scenario():  # type: ignore[no-untyped-def]
    quote = {"source": "s003", "quote": "no overlap", "note": "The post, s003, says so."}
    return scenario(
        [{"actor": "A", "issue": "x", "position": 10, "salience": 0.8, "evidence": [quote],
          "inference": "s004 does not address it; carried over."},
         {"actor": "B", "issue": "x", "position": 90, "salience": 0.6, "evidence": [quote]}],
        sources=SOURCES, case="c",
        description="Stances s003 does not address are carried over from s004.",
        predictions=[{"id": "p1", "statement": "No deal this year", "source": "s003",
                      "by": "author of s003", "made": "2025-01", "probability": 0.8}])


def test_ids_become_outlet_and_date() -> None:
    scn = _scenario()
    assert name_sources("Stances s003 does not address; author of s004.", scn) == (
        "Stances Naked Capitalism, 2025-01-13 does not address; author of “Has Putin "
        "blinked?”, 2022-01-28.")
    assert name_sources("s0031 and xs003 and s003-a stay", scn) == \
        "s0031 and xs003 and s003-a stay"


def test_the_report_names_no_source_by_its_id() -> None:
    text, _ = render_markdown(build_report(gather(_scenario(), models=["compromise"])),
                              "files")
    body = text.split('<a id="sources"></a>')[0]  # the sources table lists each id: fine
    assert not re.search(r"\bs00[34]\b", body), re.findall(r".{40}\bs00[34]\b.{40}", body)
    assert "Stances Naked Capitalism, 2025-01-13 does not address" in body
    assert "author of Naked Capitalism, 2025-01-13" in body
