"""The dated predictions of a scenario (or of its case's snapshots), how they resolved, scores.

Predictions are matched by id across the snapshots of a case, oldest first, the way
``accord forecast import-case`` reads them (docs/store.md): the first snapshot that records a
prediction gives its text, and a later one may add how it resolved. A report on a snapshot
shows the predictions made up to its date. Scores are those of the forecast ledger
(:mod:`accord.ledger.forecast_scores`: Brier [Brier 1950], log score [Good 1952],
calibration [Murphy & Winkler 1977]), computed here without a database.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from accord.ledger.forecast_scores import brier
from accord.scenario.dates import first_day
from accord.scenario.schema import Prediction, Resolution, Scenario


@dataclass(frozen=True)
class CasePrediction:
    """A prediction with the resolution any snapshot records for it."""

    prediction: Prediction
    scenario: Scenario
    """The snapshot that first records it (its sources name the prediction's source)."""
    resolution: Resolution | None
    resolved_in: Scenario | None
    """The snapshot that records the resolution (its sources name the resolving source)."""

    @property
    def probability(self) -> float | None:
        return self.prediction.probability

    @property
    def value(self) -> float | None:
        return self.prediction.value

    @property
    def outcome(self) -> float | None:
        return None if self.resolution is None else float(self.resolution.outcome)

    @property
    def brier(self) -> float | None:
        """This prediction's Brier score, if it has a probability and resolved true or false."""
        if self.probability is None or self.outcome is None or self.value is not None:
            return None
        return brier(self.probability, self.outcome)


def case_predictions(scenarios: Sequence[Scenario],
                     until: str | None = None) -> list[CasePrediction]:
    """Every prediction of the scenarios (give a case's snapshots oldest first), merged by id;
    with ``until`` (a date) only those made by then."""
    found: dict[str, CasePrediction] = {}
    for scn in scenarios:
        for p in scn.predictions:
            known = found.get(p.id)
            if known is None:
                found[p.id] = CasePrediction(p, scn, p.resolution,
                                             scn if p.resolution is not None else None)
            elif known.resolution is None and p.resolution is not None:
                found[p.id] = CasePrediction(known.prediction, known.scenario, p.resolution, scn)
    out = list(found.values())
    if until is not None:
        limit = first_day(until)
        out = [c for c in out if first_day(c.prediction.made) <= limit]
    return sorted(out, key=lambda c: (first_day(c.prediction.made), c.prediction.id))
