"""Who gains, who loses, who is pivotal, who holds the power and who moved whom: the
actors-and-coalitions view of one analysis (``accord actors``, a report section, a dashboard
page).

On top of :func:`accord.workflows.analysis.analyse` (the models and the bargaining analysis
of the settings), :func:`actors_of` reads, with the engines' own functions:

1. **gains** (:func:`accord.bargaining.gains.actor_gains`): every actor's utility of each
   model's forecast and of the zone's best deal — the Nash solution, or, when no zone is open,
   the Nash solution after the smallest concessions — against what it expects from no deal,
   on the stated problem (so a package that needed a concession crosses the red line of the
   actor who made it, and says so); a model without a forecast anywhere is left out;
2. **pivotal actors** (:func:`accord.bargaining.pivotal.pivotal_actors`): whose veto alone
   closes a zone, whose move alone would open one (empty when a zone is open);
3. **voting power** per issue (:func:`accord.bargaining.power.voting_power`): Shapley-Shubik
   and Banzhaf indices with veto players and capability x salience weights (an issue with more
   than 20 players is sampled with a generator seeded by the settings' seed, 0 by default);
4. **perceptions** (:func:`accord.models.eum.perceptions.perceptions`): the EUM's pairwise
   readings round by round and who moved whom, per issue, when the EUM ran;
5. **coalitions** (:func:`accord.models.spatial.coalitions.smp_coalitions`): SMP's distinct
   final positions with their members and probabilities, when SMP ran;
6. **trades** (:func:`accord.models.trades.exchange_trades`): the exchange model's trades,
   when it ran.

A focus on one issue or one actor (checked against the scenario: an unknown id is a
:class:`~accord.workflows.settings.SettingsError`) narrows what the document and the views
show; everything is computed either way (it takes milliseconds once the models have run),
except the EUM's pair readings: n(n - 1) records a round, they are kept for at most
:data:`PAIR_READINGS` per issue (every round for a few actors, the first rounds, then none
past about 220 actors; an actor in focus keeps only its own pairs, so many more rounds).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

from accord._version import __version__
from accord.bargaining.gains import ActorGain, actor_gains, package_of
from accord.bargaining.pivotal import Pivot, pivotal_actors
from accord.bargaining.power import IssuePower, voting_power
from accord.bargaining.staged import Stages
from accord.errors import UsageError
from accord.jsonable import round6
from accord.models.eum.perceptions import RoundReading, perceptions
from accord.models.result import Result
from accord.models.spatial.coalitions import Coalition, smp_coalitions
from accord.models.trades import Trades, exchange_trades
from accord.scenario.schema import Scenario
from accord.workflows.analysis import Analysis, analyse
from accord.workflows.settings import AnalysisSettings, SettingsError

PackageKind = Literal["forecast", "nash", "nash-after-concessions"]
BEST_DEAL = "best deal"
"""The name of the zone's best deal among the packages."""
ACTORS_STAGES = Stages(opening=False)
"""The bargaining stages the view needs: no opening month."""
PAIR_READINGS = 50_000
"""At most this many EUM pair readings per issue (whole rounds; the moves are always read):
beyond it the document and the views would grow with the square of the actors (150 actors
made 60 MB of JSON, 500 several GB of memory)."""


@dataclass(frozen=True)
class PackageGains:
    """Every actor's view of one package: a model's forecast or the zone's best deal."""

    name: str                         # the model's label, or BEST_DEAL
    kind: PackageKind
    outcome: dict[str, float | None]  # issue id -> value on its scale (None: left open)
    gains: tuple[ActorGain, ...]      # in the scenario's actor order

    def of(self, actor: str) -> ActorGain:
        return next(g for g in self.gains if g.actor == actor)

    @property
    def walking(self) -> tuple[str, ...]:
        return tuple(g.actor for g in self.gains if g.walks_away)


@dataclass(frozen=True)
class EumIssue:
    """The EUM's rounds on one issue, read back (step 4)."""

    issue: str
    rounds: tuple[RoundReading, ...]
    stop: str | None                  # why the run stopped ('round-limit': not converged)

    @property
    def consistent(self) -> bool:
        return all(r.consistent for r in self.rounds)

    @property
    def played(self) -> tuple[RoundReading, ...]:
        return tuple(r for r in self.rounds if r.applied)


@dataclass(frozen=True)
class ActorsAnalysis:
    """Steps 1-6 of the module docstring for one analysis, with the focus asked for."""

    analysis: Analysis
    packages: tuple[PackageGains, ...]
    pivots: tuple[Pivot, ...]
    power: tuple[IssuePower, ...]
    perceptions: tuple[EumIssue, ...] | None   # None: the EUM did not run
    coalitions: tuple[Coalition, ...] | None   # None: SMP did not run
    trades: Trades | None                      # None: the exchange model did not run
    issue: str | None = None
    actor: str | None = None

    @property
    def scenario(self) -> Scenario:
        return self.analysis.scenario

    @property
    def best_deal(self) -> PackageGains | None:
        return next((p for p in self.packages if p.name == BEST_DEAL), None)

    @property
    def issues(self) -> tuple[str, ...]:
        """The issues in focus (one, or every issue in file order)."""
        return (self.issue,) if self.issue else tuple(i.id for i in self.scenario.issues)

    @property
    def actors(self) -> tuple[str, ...]:
        """The actors in focus (one, or every actor in file order)."""
        return (self.actor,) if self.actor else tuple(a.id for a in self.scenario.actors)

    def document(self) -> dict[str, Any]:
        """The JSON document of ``accord actors`` (docs/cli.md), narrowed to the focus."""
        s = self.scenario
        issues, actors = set(self.issues), set(self.actors)
        return {
            "accord": __version__,
            "scenario": {"id": s.id, "digest": s.digest(),
                         "as_of": str(s.as_of) if s.as_of else None},
            "focus": {"issue": self.issue, "actor": self.actor},
            "models": [r.model for r in self.analysis.results],
            "packages": [_package_doc(p, issues, actors) for p in self.packages],
            "pivotal": [{"actor": p.actor, "scope": p.scope, "kind": p.kind,
                         "distance": _r(p.distance)}
                        for p in self.pivots
                        if p.actor in actors and (p.scope == "package" or p.scope in issues)],
            "power": [_power_doc(ip, actors) for ip in self.power if ip.issue in issues],
            "perceptions": None if self.perceptions is None else [
                _eum_doc(e, actors) for e in self.perceptions if e.issue in issues],
            "coalitions": None if self.coalitions is None else [
                {"rank": c.rank, "probability": _r(c.probability), "members": list(c.members),
                 "capability_share": _r(c.capability_share),
                 "position": {i: _r(v) for i, v in c.position if i in issues}}
                for c in self.coalitions],
            "trades": None if self.trades is None else _trades_doc(self.trades, issues,
                                                                   actors),
        }


def check_focus(scenario: Scenario, issue: str | None, actor: str | None,
                names: Mapping[str, str] | None = None) -> None:
    """A :class:`SettingsError` for an issue or actor the scenario does not have; ``names``
    says how the face calls the two settings (the command line: ``--issue``, ``--actor``)."""
    call = {"issue": "issue", "actor": "actor", **(names or {})}
    problems = []
    known_issues = [i.id for i in scenario.issues]
    if issue is not None and issue not in known_issues:
        problems.append(f"{call['issue']}: unknown issue '{issue[:60]}' "
                        f"(issues: {', '.join(known_issues)})")
    known_actors = [a.id for a in scenario.actors]
    if actor is not None and actor not in known_actors:
        problems.append(f"{call['actor']}: unknown actor '{actor[:60]}' "
                        f"(actors: {', '.join(known_actors)})")
    if problems:
        raise SettingsError(problems)


def analyse_actors(scenario: Scenario, settings: AnalysisSettings, *,
                   issue: str | None = None, actor: str | None = None,
                   names: Mapping[str, str] | None = None,
                   step: Callable[[str], None] | None = None) -> ActorsAnalysis:
    """The analysis of ``settings`` (its bargaining options; the view needs them) and
    :func:`actors_of` it; the focus is checked first (see :func:`check_focus`); ``step`` as
    :func:`~accord.workflows.analysis.analyse` takes it."""
    check_focus(scenario, issue, actor, names)
    if settings.bargain is None:
        raise UsageError("the actors view needs the bargaining analysis")
    analysis = analyse(scenario, settings, stages=ACTORS_STAGES, step=step)
    if step is not None:
        step("the actors' gains, power and readings")
    return actors_of(analysis, issue=issue, actor=actor)


def actors_of(analysis: Analysis, *, issue: str | None = None,
              actor: str | None = None) -> ActorsAnalysis:
    """Steps 1-6 of the module docstring on an analysis already made (with its bargaining
    analysis, concessions stage included)."""
    check_focus(analysis.scenario, issue, actor)
    bargaining = analysis.bargaining
    if bargaining is None:
        raise UsageError("the actors view needs the bargaining analysis")
    scenario = analysis.scenario
    problem = bargaining.problem
    packages = [PackageGains(r.model, "forecast", dict(r.outcome),
                             tuple(actor_gains(problem, r.outcome)))
                for r in analysis.results if any(v is not None for v in r.outcome.values())]
    best = bargaining.nash or bargaining.nash_after
    if best is not None:
        outcome: dict[str, float | None] = dict(package_of(problem, best.package))
        kind: PackageKind = "nash" if bargaining.nash is not None else "nash-after-concessions"
        packages.append(PackageGains(BEST_DEAL, kind, outcome,
                                     tuple(actor_gains(problem, outcome))))
    seed = analysis.settings.seed or 0
    return ActorsAnalysis(
        analysis=analysis, packages=tuple(packages),
        pivots=tuple(pivotal_actors(problem, weighted=bargaining.options.weighted)),
        power=tuple(voting_power(scenario, rng=np.random.default_rng(seed))),
        perceptions=_eum(scenario, analysis.result("eum"), actor),
        coalitions=None if (smp := analysis.result("smp")) is None
        else tuple(smp_coalitions(scenario, smp)),
        trades=None if (ex := analysis.result("exchange")) is None else exchange_trades(ex),
        issue=issue, actor=actor)


def _eum(scenario: Scenario, result: Result | None,
         actor: str | None) -> tuple[EumIssue, ...] | None:
    if result is None:
        return None
    diagnostics = result.diagnostics.get("issues", {})
    return tuple(EumIssue(i.id, tuple(perceptions(scenario, result, i.id, pairs=PAIR_READINGS,
                                                  actor=actor)),
                          diagnostics.get(i.id, {}).get("stop"))
                 for i in scenario.issues)


def _r(value: float | None) -> float | None:
    """Rounded for JSON (6 decimals, no negative zero); None for no value or a non-finite one
    (JSON has no infinity)."""
    if value is None or not np.isfinite(value):
        return None
    return round6(value)


def _package_doc(p: PackageGains, issues: set[str], actors: set[str]) -> dict[str, Any]:
    return {
        "name": p.name, "kind": p.kind,
        "outcome": {i: _r(v) for i, v in p.outcome.items() if i in issues},
        "actors": [{
            "actor": g.actor, "player": g.player, "utility": _r(g.utility),
            "no_deal": _r(g.no_deal), "gain": _r(g.gain), "relative": _r(g.relative),
            "verdict": g.verdict, "walks_away": g.walks_away, "crossed": list(g.crossed),
            "open": list(g.open),
            "issues": [{"issue": x.issue, "outcome": _r(x.outcome), "utility": _r(x.utility),
                        "no_deal": _r(x.no_deal), "gain": _r(x.gain), "crosses": x.crosses,
                        "binding": x.binding} for x in g.issues if x.issue in issues],
        } for g in p.gains if g.actor in actors],
    }


def _power_doc(ip: IssuePower, actors: set[str]) -> dict[str, Any]:
    return {"issue": ip.issue, "quota": ip.quota, "exact": ip.exact,
            "players": [{"actor": p.actor, "weight": _r(p.weight), "veto": p.veto,
                         "shapley_shubik": _r(p.shapley_shubik), "banzhaf": _r(p.banzhaf),
                         "banzhaf_normalised": _r(p.banzhaf_normalised)}
                        for p in ip.players if p.actor in actors]}


def _eum_doc(e: EumIssue, actors: set[str]) -> dict[str, Any]:
    return {
        "issue": e.issue, "stop": e.stop, "rounds_played": len(e.played),
        "consistent": e.consistent,
        "rounds": [{
            "round": r.round, "applied": r.applied, "consistent": r.consistent,
            "perceptions": None if r.perceptions is None else [
                {"actor": p.actor, "other": p.other, "own": _r(p.own),
                 "other_eu": _r(p.other_eu), "quadrant": p.quadrant, "yields": p.yields}
                for p in r.perceptions if actors & {p.actor, p.other}],
            "moves": [{"actor": m.actor, "kind": m.kind, "by": list(m.by),
                       "from": _r(m.start), "to": _r(m.end)}
                      for m in r.moves if actors & {m.actor, *m.by}],
        } for r in e.rounds],
    }


def _trades_doc(t: Trades, issues: set[str], actors: set[str]) -> dict[str, Any]:
    return {
        "complete": t.complete, "rounds": t.rounds,
        "trades": [{"round": x.round, "gain": _r(x.gain),
                    "legs": [{"actor": leg.actor, "issue": leg.issue, "gives_to": leg.to,
                              "from": _r(leg.start), "to": _r(leg.end)}
                             for leg in x.legs]}
                   for x in t.trades
                   if any(leg.issue in issues for leg in x.legs)
                   and any(leg.actor in actors for leg in x.legs)],
    }
