"""The dashboard's pages, one router module per group of pages.

:mod:`.scenarios` (the list, uploads, one scenario), :mod:`.stances` (inline stance edits),
:mod:`.results` (models, bargaining, charts, recording a run), :mod:`.evidence` (candidate quotes
from an article, accepted into a new version), :mod:`.update` (the proposals of ``accord update``
from an article, reviewed one by one into the next snapshot), :mod:`.ledger` (forecasts, their
scores and the calibration chart), :mod:`.timeline` (a case across its snapshots) and
:mod:`.mc` (Monte Carlo jobs). Each handler reads the request, calls the library and renders a
template; none holds model logic.
"""

from __future__ import annotations

NOTES: dict[str, str] = {
    "uploaded": "Uploaded and saved in the store as a new version.",
    "known": "This scenario was already in the store: this is the stored version.",
    "saved": "Saved as a new version of the scenario.",
    "unchanged": "Nothing changed: the values are the ones this version already has.",
    "recorded": "Recorded in the store.",
    "imported": "The case's dated predictions are in the ledger.",
    "added": "Forecast added to the ledger.",
    "resolved": "Forecast resolved.",
    "reused": "A job with these settings was already started: this is it (same scenario, "
              "draws, seed and settings give the same numbers).",
}
"""Messages a page shows after a redirect (``?note=KEY``): fixed texts, never echoed input."""


def note_text(key: str | None) -> str | None:
    return NOTES.get(key or "")
