"""The same analysis across the dated snapshots of a case: how forecasts and zones moved.

A case (``accord.cases.timeline("ukraine")``) is a series of scenarios with the same actor and
issue ids, each written from the sources of its date. For every snapshot this runs the chosen
models and the bargaining analysis (MODELS.md sections 1-5, docs/bargaining.md) and lines the
answers up per issue: each model's forecast, the zone of possible agreement of the veto players
and the red lines that block it, and per snapshot the verdict and the first month a zone was
expected to open under the costs of no deal the snapshot states. Issues are matched by id, never
by position; an issue missing from a snapshot is reported as not on the table there.

:func:`build_timeline` returns a frozen :class:`Timeline`; :func:`timeline_document` is the
JSON of ``accord timeline`` (docs/cli.md). Rendering lives in :mod:`accord.reports.timeline_view`
and :mod:`accord.reports.timeline_chart`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from accord._version import __version__
from accord.bargaining.backtest import Backtest, backtest, backtest_document
from accord.bargaining.staged import TIMELINE_STAGES, BargainAnalysis
from accord.bargaining.zopa import Blocking, RedLine
from accord.cases import timeline as case_timeline
from accord.cases import timeline_ids
from accord.errors import UsageError
from accord.jsonable import round6
from accord.models.choice import ModelChoice
from accord.models.result import Result
from accord.scenario.dates import first_day
from accord.scenario.schema import Issue, Scenario
from accord.workflows.analysis import Analysis, analyse
from accord.workflows.registry import TIMELINE_MODELS
from accord.workflows.settings import AnalysisSettings, BargainSettings


@dataclass(frozen=True)
class SnapshotRun:
    """One snapshot with the models' results and its bargaining analysis (every stage but the
    Nash solutions, which a timeline does not show and which take a third of the time)."""

    scenario: Scenario
    results: tuple[Result, ...]
    analysis: BargainAnalysis

    @property
    def plan_points(self) -> float | None:
        """Points of the smallest concession that opens a zone (None: none does)."""
        plan = self.analysis.plan
        return None if plan is None or not plan.possible else plan.total

    @property
    def id(self) -> str:
        return self.scenario.id

    @property
    def as_of(self) -> str:
        assert self.scenario.as_of is not None  # build_timeline requires it
        return self.scenario.as_of

    def result(self, model: str) -> Result | None:
        return next((r for r in self.results if r.model == model), None)


@dataclass(frozen=True)
class IssuePoint:
    """One issue at one snapshot."""

    snapshot: str
    on_table: bool
    """Whether the snapshot has the issue at all."""
    stances: int
    """How many actors state a position on it."""
    forecasts: dict[str, float | None]
    """Model name -> forecast on the issue's scale (None: the model makes none)."""
    zone: tuple[float, float] | None
    blocking: tuple[Blocking, ...]
    red_lines: tuple[RedLine, ...]


@dataclass(frozen=True)
class IssueTimeline:
    """An issue (as the latest snapshot that has it defines it) across the snapshots."""

    issue: Issue
    points: tuple[IssuePoint, ...]

    @property
    def id(self) -> str:
        return self.issue.id


@dataclass(frozen=True)
class Timeline:
    """A case's snapshots, oldest first, with the answers lined up per issue."""

    case: str
    models: tuple[str, ...]
    bargain: BargainSettings
    runs: tuple[SnapshotRun, ...]
    issues: tuple[IssueTimeline, ...]
    backtest: Backtest
    """The cost model projected from each snapshot to the next (bargaining/backtest.py)."""

    def run(self, snapshot_id: str) -> SnapshotRun:
        for r in self.runs:
            if r.id == snapshot_id:
                return r
        raise KeyError(snapshot_id)

    def issue(self, issue_id: str) -> IssueTimeline:
        for t in self.issues:
            if t.id == issue_id:
                return t
        raise KeyError(issue_id)


def order_snapshots(snapshots: Sequence[Scenario]) -> list[Scenario]:
    """Check that the scenarios form one case (each dated, ids distinct) and sort them by date.

    Raises :class:`UsageError` for an empty list, a snapshot without ``as_of``, repeated ids or
    snapshots of different cases.
    """
    if not snapshots:
        raise UsageError("a timeline needs at least one snapshot")
    undated = [s.id for s in snapshots if s.as_of is None]
    if undated:
        raise UsageError(f"snapshot {undated[0]} has no as_of date, so it cannot be placed on "
                         "a timeline")
    ids = [s.id for s in snapshots]
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    if repeated:
        raise UsageError(f"snapshot id {repeated[0]} appears more than once")
    cases = sorted({s.case or "" for s in snapshots})
    if len(cases) > 1:
        raise UsageError("the snapshots belong to different cases: "
                         + ", ".join(c or "(none)" for c in cases))
    return sorted(snapshots, key=lambda s: (first_day(s.as_of or "0001"), s.id))


def case_snapshots(scenario: Scenario) -> list[Scenario] | None:
    """The built-in snapshots of the scenario's case with this scenario in its place.

    A scenario whose ``case`` names a built-in case replaces the snapshot with its id (so an
    edited copy of a snapshot is shown among the others) or joins the case at its date. None
    when the scenario does not belong to a built-in case.
    """
    if scenario.case is None or scenario.case not in timeline_ids():
        return None
    others = [s for s in case_timeline(scenario.case) if s.id != scenario.id]
    return order_snapshots([*others, scenario])


def build_timeline(snapshots: Sequence[Scenario], models: Sequence[str] | None = None,
                   bargain: BargainSettings | None = None,
                   known: Sequence[Analysis] = ()) -> Timeline:
    """Run the one analysis (:func:`accord.workflows.analysis.analyse`) on every snapshot and
    line the answers up by issue.

    ``models`` are registry names (default :data:`~accord.workflows.registry.TIMELINE_MODELS`),
    each run with its default preset; distributions are taken at their point values. ``known``
    are analyses already made of some of the snapshots (a report's own scenario), reused where
    they cover what the timeline needs.
    """
    ordered = order_snapshots(snapshots)
    names = tuple(dict.fromkeys(models or TIMELINE_MODELS))
    bargain = bargain or BargainSettings()
    settings = AnalysisSettings(models=tuple(ModelChoice(model=n) for n in names),
                                bargain=bargain)
    runs = []
    for scn in ordered:
        done = next((k for k in known if k.scenario is scn), None)
        a = analyse(scn, settings, stages=TIMELINE_STAGES, known=done)
        assert a.bargaining is not None
        runs.append(SnapshotRun(scenario=scn, results=a.results, analysis=a.bargaining))
    return Timeline(case=ordered[-1].case or ordered[-1].id, models=names, bargain=bargain,
                    runs=tuple(runs), issues=tuple(_issue_timelines(runs, names)),
                    backtest=backtest(ordered, bargain.options()))


def _issue_timelines(runs: list[SnapshotRun], models: tuple[str, ...]) -> list[IssueTimeline]:
    latest: dict[str, Issue] = {}
    for run in runs:  # oldest first: later definitions win, first appearance fixes the order
        for issue in run.scenario.issues:
            latest[issue.id] = issue
    out = []
    for issue_id, issue in latest.items():
        points = []
        for run in runs:
            scn, a = run.scenario, run.analysis
            if issue_id not in {i.id for i in scn.issues}:
                points.append(IssuePoint(run.id, False, 0, {}, None, (), ()))
                continue
            j = [i.id for i in scn.issues].index(issue_id)
            forecasts = {}
            for name in models:
                result = run.result(name)
                forecasts[name] = None if result is None else result.outcome.get(issue_id)
            points.append(IssuePoint(
                snapshot=run.id, on_table=True,
                stances=sum(1 for s in scn.stances if s.issue == issue_id),
                forecasts=forecasts, zone=a.zones[j],
                blocking=tuple(b for b in a.blocking if b.issue == issue_id),
                red_lines=tuple(r for r in a.red_lines if r.issue == issue_id)))
        out.append(IssueTimeline(issue=issue, points=tuple(points)))
    return out


def _r(value: float | None) -> float | None:
    if value is None:
        return None
    return round6(value)


def _blocking(b: Blocking) -> dict[str, Any]:
    return {"actors": list(b.actors), "issue": b.issue, "gap": _r(b.gap),
            "minimum": _r(b.minimum), "maximum": _r(b.maximum)}


def timeline_document(t: Timeline) -> dict[str, Any]:
    """The JSON document of ``accord timeline`` (docs/cli.md)."""
    snapshots = []
    for run in t.runs:
        a = run.analysis
        opening = a.opening
        assert opening is not None  # TIMELINE_STAGES has the opening month
        snapshots.append({
            "id": run.id, "title": run.scenario.title, "as_of": run.as_of,
            "digest": run.scenario.digest(), "verdict": a.verdict,
            "blocking": [_blocking(b) for b in a.blocking],
            "concession_points": _r(run.plan_points),
            "opens": opening.label, "months": opening.month, "never": opening.never,
            "horizon": opening.horizon,
        })
    issues: dict[str, Any] = {}
    for it in t.issues:
        issue = it.issue
        issues[issue.id] = {
            "name": issue.name, "range": [issue.low, issue.high], "unit": issue.unit,
            "labels": {f"{k:g}": v for k, v in sorted(issue.labels.items())},
            "snapshots": [{
                "snapshot": p.snapshot, "on_table": p.on_table, "stances": p.stances,
                "forecasts": {k: _r(v) for k, v in p.forecasts.items()},
                "zopa": None if p.zone is None else [_r(p.zone[0]), _r(p.zone[1])],
                "blocking": [_blocking(b) for b in p.blocking],
                "red_lines": [{"actor": r.actor, "side": r.side, "value": _r(r.value),
                               "binding": r.binding} for r in p.red_lines],
            } for p in it.points],
        }
    o = t.bargain
    return {
        "accord": __version__, "case": t.case, "models": list(t.models),
        "options": {"loss": o.loss, "disagreement": o.disagreement, "power": o.power,
                    "weighted": o.weighted, "horizon": o.horizon},
        "snapshots": snapshots, "issues": issues,
        "backtest": backtest_document(t.backtest),
    }
