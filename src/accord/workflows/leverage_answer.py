"""Leverage: whom to persuade, of what and how far, to bring a forecast to a target — and what
opens a closed zone (``accord leverage``, the dashboard's leverage form, a report section).

:func:`leverage` answers one request (:class:`LeverageSettings`: an issue, a target on its
scale, a model, the kinds of number that may move, their costs, how many actors may move
together):

1. the moves of :func:`accord.models.leverage.forecast_leverage` (its docstring states the
   method): every feasible single-actor move that brings the model's forecast to the target,
   cheapest first, and the best position move of at most ``actors`` actors; a move of a model
   with jumps that lands past the target says so (``exact=False``) with the value it reaches;
2. the issue's zone (the range every veto player's red line accepts) from the bargaining
   analysis (:func:`accord.workflows.analysis.analyse` with the request's bargaining options),
   so the answer can say whether the target lies inside it;
3. when that zone is closed, what opens it: every equally small set of concessions as ranges
   (:func:`accord.bargaining.concession_ranges.concession_ranges`: who must move, at least how
   far, who may take a share; red lines that do not move are never listed).

:func:`zone_moves` is the report's question: for the headline model, the cheapest single move
that brings each issue's forecast inside the zone where it lies outside (the target is the
nearest point of the zone), and the concession ranges when the package zone is closed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import Field, field_validator

from accord._version import __version__
from accord.bargaining.concession_ranges import ConcessionRange, ConcessionSet, concession_ranges
from accord.bargaining.staged import Stages
from accord.jsonable import round6 as _r
from accord.models.choice import ModelChoice
from accord.models.leverage import Combined, Leverage, forecast_leverage
from accord.models.moves import KINDS, Kind, Move
from accord.scenario.schema import Scenario
from accord.workflows.analysis import Analysis, analyse
from accord.workflows.registry import DEFAULT_MODELS, configure, headline_model
from accord.workflows.settings import (
    AnalysisSettings,
    BargainSettings,
    SettingsError,
    _Settings,
)

MAX_ACTORS = 10
"""The most actors a combined move may take (every subset of up to this many is tried)."""
ZONE_STAGES = Stages(nash=False, opening=False)
"""The bargaining stages leverage needs: zones and the concessions."""


def default_model() -> ModelChoice:
    """The model leverage asks about by default: the headline one of the default models."""
    name = headline_model(list(DEFAULT_MODELS))
    assert name is not None  # the registry has default models
    return ModelChoice(model=name)


class LeverageSettings(_Settings):
    """One leverage request (see the module docstring)."""

    issue: str = Field(min_length=1, description="The issue whose forecast should move.")
    target: float = Field(allow_inf_nan=False,
                          description="The outcome wanted, on the issue's own scale.")
    model: ModelChoice = Field(default_factory=default_model,
                               description="The model whose forecast should reach the target.")
    kinds: tuple[Kind, ...] = Field(KINDS, description="The kinds of number that may move.")
    costs: dict[Kind, float] = Field(
        default_factory=dict, description="Cost per point (percent for a capability) of each "
                                          "kind of move; 1 each by default.")
    actors: int = Field(2, ge=1, le=MAX_ACTORS,
                        description="How many actors the best combined move may take.")
    bargain: BargainSettings = Field(default_factory=BargainSettings)

    @field_validator("model")
    @classmethod
    def _known_model(cls, value: ModelChoice) -> ModelChoice:
        configure(value)  # unknown models, presets or parameters: a usage error now
        return value

    @field_validator("kinds", mode="before")
    @classmethod
    def _known_kinds(cls, value: Any) -> Any:
        items = [value] if isinstance(value, str) else list(value)
        unknown = [k for k in items if k not in KINDS]
        if unknown:
            raise ValueError(f"unknown kind '{str(unknown[0])[:40]}' (kinds: "
                             f"{', '.join(KINDS)})")
        if not items:
            raise ValueError(f"name at least one kind ({', '.join(KINDS)})")
        return tuple(dict.fromkeys(items))

    @field_validator("costs", mode="before")
    @classmethod
    def _known_costs(cls, value: Any) -> Any:
        for kind, weight in dict(value).items():
            if kind not in KINDS:
                raise ValueError(f"unknown kind '{str(kind)[:40]}' (kinds: {', '.join(KINDS)})")
            try:
                number = float(weight)
            except (TypeError, ValueError):
                raise ValueError(f"{kind}: the cost must be a number, not "
                                 f"'{str(weight)[:40]}'") from None
            if not 0 < number < float("inf"):
                raise ValueError(f"{kind}: the cost must be a number above 0, not "
                                 f"'{str(weight)[:40]}'")
        return value


LEVERAGE_NAMES = {"issue": "issue", "target": "target", "model": "model", "kinds": "kinds",
                  "costs": "cost", "actors": "actors"}
"""How messages name each setting by default (the dashboard's field names)."""


def check_request(scenario: Scenario, settings: LeverageSettings,
                  names: Mapping[str, str] | None = None) -> None:
    """A :class:`SettingsError` for an issue the scenario does not have or a target outside
    the issue's range (``names``: how the face calls the settings)."""
    call = {**LEVERAGE_NAMES, **(names or {})}
    known = [i.id for i in scenario.issues]
    if settings.issue not in known:
        raise SettingsError([f"{call['issue']}: unknown issue '{settings.issue[:60]}' "
                             f"(issues: {', '.join(known)})"])
    issue = scenario.issue(settings.issue)
    if not issue.low <= settings.target <= issue.high:
        raise SettingsError([f"{call['target']} {settings.target:g} is outside the range of "
                             f"'{issue.id}' [{issue.low:g}, {issue.high:g}]"])


@dataclass(frozen=True)
class LeverageAnswer:
    """Steps 1-3 of the module docstring for one request."""

    scenario: Scenario
    settings: LeverageSettings
    leverage: Leverage
    zone: tuple[float, float] | None          # the issue's zone (None: closed)
    concessions: ConcessionSet | None         # what opens it (None: it is open)

    @property
    def issue_ranges(self) -> tuple[ConcessionRange, ...]:
        """The concession ranges on the request's issue."""
        if self.concessions is None:
            return ()
        return tuple(r for r in self.concessions.ranges if r.issue == self.settings.issue)

    @property
    def target_in_zone(self) -> bool | None:
        if self.zone is None:
            return None
        return self.zone[0] - 1e-9 <= self.settings.target <= self.zone[1] + 1e-9

    def document(self) -> dict[str, Any]:
        """The JSON document of ``accord leverage`` (docs/cli.md)."""
        s, lev, st = self.scenario, self.leverage, self.settings
        return {
            "accord": __version__,
            "scenario": {"id": s.id, "digest": s.digest(),
                         "as_of": str(s.as_of) if s.as_of else None},
            "request": {"issue": st.issue, "target": st.target, "model": st.model.to_dict(),
                        "kinds": list(st.kinds),
                        "costs": {k: st.costs.get(k, 1.0) for k in KINDS},
                        "actors": st.actors},
            "current": _r(lev.current),
            "zone": None if self.zone is None else [_r(self.zone[0]), _r(self.zone[1])],
            "target_in_zone": self.target_in_zone,
            "singles": [move_doc(m) for m in lev.singles],
            "combined": None if lev.combined is None else combined_doc(lev.combined),
            "concessions": None if self.concessions is None
            else concessions_doc(self.concessions),
        }


def leverage(scenario: Scenario, settings: LeverageSettings,
             names: Mapping[str, str] | None = None) -> LeverageAnswer:
    """Steps 1-3 of the module docstring (``names``: see :func:`check_request`)."""
    check_request(scenario, settings, names)
    choice = settings.model
    lev = forecast_leverage(scenario, configure(choice).model, settings.issue, settings.target,
                            preset=choice.preset, params=choice.params, kinds=settings.kinds,
                            costs={str(k): v for k, v in settings.costs.items()},
                            k=settings.actors)
    bargaining = analyse(scenario, AnalysisSettings(models=(), bargain=settings.bargain,
                                                    record=False),
                         stages=ZONE_STAGES).bargaining
    assert bargaining is not None  # the settings ask for it
    j = [i.id for i in scenario.issues].index(settings.issue)
    zone = bargaining.zones[j]
    ranges = None if zone is not None else concession_ranges(
        bargaining.problem, weighted=bargaining.options.weighted)
    return LeverageAnswer(scenario, settings, lev, zone, ranges)


@dataclass(frozen=True)
class IssueMove:
    """The headline model's forecast on one issue against the zone, and the cheapest single
    move that brings it inside (None: no move does, or it is inside already)."""

    issue: str
    forecast: float | None
    zone: tuple[float, float] | None
    target: float | None          # the nearest point of the zone (None: inside, or no zone)
    move: Move | None


@dataclass(frozen=True)
class ZoneMoves:
    """What it would take: the concession ranges (None: the package zone is open) and, for
    the headline model, each issue's cheapest move into its zone."""

    model: str | None
    concessions: ConcessionSet | None
    issues: tuple[IssueMove, ...]


def zone_moves(analysis: Analysis) -> ZoneMoves | None:
    """:class:`ZoneMoves` of an analysis with its bargaining analysis (concessions stage
    included); None without one."""
    bargaining = analysis.bargaining
    if bargaining is None:
        return None
    ranges = None if bargaining.feasible else concession_ranges(
        bargaining.problem, weighted=bargaining.options.weighted)
    head = analysis.headline
    if head is None:
        return ZoneMoves(None, ranges, ())
    choice = next(c for c in analysis.settings.models if c.model == head.model)
    model = configure(choice).model
    out = []
    for j, issue in enumerate(analysis.scenario.issues):
        value = head.outcome.get(issue.id)
        zone = bargaining.zones[j]
        target = _outside(value, zone)
        move = None
        if value is not None and target is not None:
            lev = forecast_leverage(analysis.scenario, model, issue.id, target,
                                    preset=choice.preset, params=choice.params, k=1)
            move = lev.singles[0] if lev.singles else None
        out.append(IssueMove(issue.id, value, zone, target, move))
    return ZoneMoves(head.model, ranges, tuple(out))


def _outside(value: float | None, zone: tuple[float, float] | None) -> float | None:
    """The nearest point of ``zone`` to a forecast outside it; None when inside or no zone."""
    if value is None or zone is None:
        return None
    if value < zone[0] - 1e-9:
        return zone[0]
    if value > zone[1] + 1e-9:
        return zone[1]
    return None


def move_doc(m: Move) -> dict[str, Any]:
    return {"actor": m.actor, "kind": m.kind, "from": _r(m.start), "to": _r(m.end),
            "size": _r(m.size), "cost": _r(m.cost), "forecast": _r(m.forecast),
            "exact": m.exact, "method": m.method}


def combined_doc(c: Combined) -> dict[str, Any]:
    return {"moves": [move_doc(m) for m in c.moves], "cost": _r(c.cost),
            "forecast": _r(c.forecast), "exact": c.exact, "method": c.method}


def concessions_doc(cs: ConcessionSet) -> dict[str, Any]:
    return {"possible": cs.possible, "total": _r(cs.total), "weighted": cs.weighted,
            "unique": cs.unique,
            "ranges": [{"actor": r.actor, "issue": r.issue, "side": r.side,
                        "stated": _r(r.start), "least": _r(r.least), "most": _r(r.most),
                        "least_to": _r(r.least_to), "most_to": _r(r.most_to),
                        "required": r.required, "weight": _r(r.weight)}
                       for r in cs.ranges]}


__all__ = ["IssueMove", "LeverageAnswer", "LeverageSettings", "ZoneMoves",
           "check_request", "default_model", "leverage", "zone_moves"]
