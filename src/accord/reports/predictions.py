"""How a case's predictions turned out, in words (the report's predictions section)."""

from __future__ import annotations

from accord.ledger.case_predictions import CasePrediction
from accord.ledger.prediction_forecasts import source_label


def outcome_text(c: CasePrediction) -> str:
    """How a prediction turned out, in words."""
    res = c.resolution
    if res is None:
        return "open"
    if isinstance(res.outcome, bool):
        text = "came true" if res.outcome else "did not happen"
    else:
        text = f"outcome {res.outcome:g}"
    return text + (f" ({res.date})" if res.date else "")


def resolution_note(c: CasePrediction) -> str | None:
    """The resolution's note and the quote that settles it, with its source."""
    res = c.resolution
    if res is None:
        return None
    parts = [res.note or ""]
    if res.quote:
        where = source_label(c.resolved_in, res.source) if c.resolved_in and res.source \
            else None
        parts.append(f"“{res.quote}”" + (f" ({where})" if where else ""))
    return " ".join(p for p in parts if p) or None
