"""The sentences of :mod:`accord.workflows.reconcile`: why each model's forecast is where it is.

Each function reads one model's own output (its diagnostics, its trajectory, or a replay of
it) and says in one sentence what moved the forecast; the codes are listed in
:mod:`accord.workflows.reconcile`. Nothing here computes a forecast.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from accord.bargaining.staged import BargainAnalysis
from accord.models.baselines import compromise, weighted_median
from accord.models.eum.perceptions import perceptions
from accord.models.result import Result
from accord.models.spatial.coalitions import smp_coalitions
from accord.models.trades import exchange_trades
from accord.scenario.arrays import ScenarioArrays, issue_data, scenario_arrays
from accord.scenario.schema import Issue, Scenario

GAP = 10.0
"""Points (0-100) by which a forecast must differ from the weighted mean to be explained."""
NAMED = 3
"""At most this many moves or trades are named in one sentence."""


@dataclass(frozen=True)
class Reason:
    """One sentence on why a forecast is where it is (``model`` None: about the issue)."""

    model: str | None
    code: str
    sentence: str


def _g(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _weighted_mean(scenario: Scenario, arrays: ScenarioArrays, issue: str) -> float | None:
    data = issue_data(scenario, arrays, issue)
    if not data.actors:
        return None
    return float(compromise(data.position, data.weight))


def _points(issue: Issue, a: float, b: float) -> float:
    """|a - b| in points of the 0-100 scale."""
    return abs(a - b) * 100.0 / (issue.high - issue.low)


def zone_reasons(issue: Issue, zone: tuple[float, float] | None,
                 forecasts: Sequence[tuple[str, float | None, tuple[str, ...]]],
                 analysis: BargainAnalysis) -> list[Reason]:
    """``no-zone`` (the blocking red lines) and ``outside-zone`` per forecast."""
    out = []
    lines = {(r.actor, r.side): r.value for r in analysis.red_lines
             if r.issue == issue.id and r.binding}
    holders = {a for a, _ in lines}
    if zone is None:
        pairs = [b for b in analysis.blocking if b.issue == issue.id][:NAMED]
        text = "; ".join(f"{b.actors[0]} demands at least {_g(b.minimum)} and {b.actors[1]} "
                         f"accepts at most {_g(b.maximum)}, {_g(b.gap)} apart" for b in pairs)
        out.append(Reason(None, "no-zone", f"No outcome on {issue.name} is acceptable to "
                                           f"every veto player: {text}."))
    for label, value, rejected in forecasts:
        if value is None or not rejected:
            continue
        by = ", ".join(_crossed(a, value, lines) for a in rejected)
        every = " outside every veto player's acceptable range," if set(rejected) == holders \
            and len(holders) > 1 else ""
        tail = (f" the nearest point every veto player accepts is "
                f"{_g(min(max(value, zone[0]), zone[1]))}." if zone is not None
                else " no point satisfies them all.")
        lines_of = "red line" if len(rejected) == 1 else "red lines"
        out.append(Reason(label, "outside-zone", f"{label}'s {_g(value)} lies{every} beyond the "
                                                 f"{lines_of} of {by}:{tail}"))
    return out


def _crossed(actor: str, value: float, lines: Mapping[tuple[str, str], float]) -> str:
    """``RUS (≥ 75)``: the red line of ``actor`` that ``value`` crosses."""
    low = lines.get((actor, "min"))
    if low is not None and value < low:
        return f"{actor} (≥ {_g(low)})"
    return f"{actor} (≤ {_g(lines[(actor, 'max')])})"


def eum_reasons(scenario: Scenario, results: Mapping[str, Result]
                ) -> dict[str, list[Reason]]:
    """``eum-not-converged`` and the capitulations (else the largest confrontations)."""
    out: dict[str, list[Reason]] = {}
    for label, result in results.items():
        if result.model != "eum":
            continue
        diag = result.diagnostics.get("issues", {})
        for issue in scenario.issues:
            d = diag.get(issue.id)
            if not d or "stop" not in d:
                continue
            here = out.setdefault(issue.id, [])
            if d["stop"] == "round-limit":
                here.append(Reason(label, "eum-not-converged",
                                   f"{label} did not converge: it stopped at its limit of "
                                   f"{d['rounds_run']} rounds, still moving."))
            moves = [m for r in perceptions(scenario, result, issue.id, pairs=0)
                     for m in r.moves]
            given = [m for m in moves if m.kind == "capitulation"]
            code = "eum-capitulation"
            if not given:
                given = sorted((m for m in moves if m.kind == "confrontation"),
                               key=lambda m: -abs(m.end - m.start))
                code = "eum-confrontation"
            median = d.get("median") or []
            if not given or len(median) < 2 or _points(issue, median[0], median[-1]) < GAP:
                continue
            named = "; ".join(f"{m.actor} gave way to {' and '.join(m.by)} in round {m.round} "
                              f"({_g(m.start)} to {_g(m.end)})" for m in given[:NAMED])
            word = "capitulations" if code == "eum-capitulation" else "confrontations"
            here.append(Reason(label, code, f"{label}'s weighted median moved from "
                                            f"{_g(median[0])} to {_g(median[-1])} through "
                                            f"{word}: {named}."))
    return out


def smp_reasons(scenario: Scenario, results: Mapping[str, Result]
                ) -> dict[str, list[Reason]]:
    """``smp-bargains``: SMP far from the weighted mean of the stated positions."""
    out: dict[str, list[Reason]] = {}
    point = scenario.with_point_values() if scenario.is_uncertain() else scenario
    arrays = scenario_arrays(point)
    for label, result in results.items():
        if result.model != "smp":
            continue
        coalitions = smp_coalitions(point, result)
        for issue in scenario.issues:
            value = result.outcome.get(issue.id)
            mean = _weighted_mean(point, arrays, issue.id)
            if value is None or mean is None or _points(issue, value, mean) < GAP:
                continue
            top = coalitions[0] if coalitions else None
            who = "" if top is None else (f"; the most likely final position (p = "
                                          f"{top.probability:.2f}) is held by "
                                          f"{', '.join(top.members)}")
            out.setdefault(issue.id, []).append(Reason(
                label, "smp-bargains",
                f"{label}'s {_g(value)} lies {_g(_points(issue, value, mean))} points from the "
                f"weighted mean of the stated positions ({_g(mean)}): its actors bargain over "
                f"every issue at once and vote among the resulting positions{who}."))
    return out


def trade_reasons(scenario: Scenario, results: Mapping[str, Result]
                  ) -> dict[str, list[Reason]]:
    """``exchange-trades``: trades that moved positions on the issue."""
    out: dict[str, list[Reason]] = {}
    for label, result in results.items():
        if result.model != "exchange":
            continue
        trades = exchange_trades(result).trades
        for issue in scenario.issues:
            legs = [(t, leg) for t in trades for leg in t.legs if leg.issue == issue.id]
            if not legs:
                continue
            pairs: dict[tuple[str, str, str], int] = {}
            for t, leg in legs:
                other = next(x.issue for x in t.legs if x is not leg)
                key = (leg.actor, leg.to, other)
                pairs[key] = pairs.get(key, 0) + 1
            top = sorted(pairs.items(), key=lambda kv: -kv[1])[:NAMED]
            named = "; ".join(f"{a} gave ground to {b} for {o} ({n}x)"
                              for (a, b, o), n in top)
            out.setdefault(issue.id, []).append(Reason(
                label, "exchange-trades",
                f"{label}: {len(legs)} trade{'s' * (len(legs) != 1)} across issues moved "
                f"positions on {issue.name}: {named}."))
    return out


def baseline_reasons(scenario: Scenario, arrays: ScenarioArrays, issue: Issue,
                     results: Mapping[str, Result]) -> list[Reason]:
    """``snapped`` (procedural-compromise) and ``median`` (weighted median on an actor)."""
    out = []
    data = issue_data(scenario.with_point_values() if scenario.is_uncertain() else scenario,
                      arrays, issue.id)
    for label, result in results.items():
        value = result.outcome.get(issue.id)
        if value is None:
            continue
        diag = result.diagnostics.get("issues", {}).get(issue.id, {})
        if result.model == "procedural-compromise" and diag.get("snapped"):
            at = [a for a, x in zip(data.actors, data.position, strict=True)
                  if abs(x - value) < 1e-9]
            out.append(Reason(label, "snapped", f"{label} took the tabled position {_g(value)}"
                                                f" ({', '.join(at)}), the one nearest its "
                                                f"weighted blend {_g(diag['blend'])}."))
        if result.model == "weighted-median" and data.actors:
            mean = float(compromise(data.position, data.weight))
            median = float(weighted_median(data.position, data.weight))
            if _points(issue, mean, median) >= GAP:
                at = [a for a, x in zip(data.actors, data.position, strict=True)
                      if abs(x - median) < 1e-9]
                out.append(Reason(label, "median", f"{label} sits on {', '.join(at)}'s "
                                                   f"position {_g(median)}, where half the "
                                                   "capability x salience weight is reached; "
                                                   f"the weighted mean is {_g(mean)}."))
    return out


def no_forecast(label: str, result: Result, issue: str) -> str:
    note = result.diagnostics.get("issues", {}).get(issue, {}).get("note")
    return f"{label} makes no forecast on {issue}" + (f": {note}." if note else ".")


def warnings(scenario: Scenario, results: Mapping[str, Result]) -> list[str]:
    """Model-level warnings: EUM runs stopped at the round limit, SMP or exchange unfinished."""
    out = []
    for label, result in results.items():
        if result.model == "eum":
            diag = result.diagnostics.get("issues", {})
            stuck = [i.id for i in scenario.issues
                     if diag.get(i.id, {}).get("stop") == "round-limit"]
            if stuck:
                out.append(f"{label} did not converge on {len(stuck)} of "
                           f"{len(scenario.issues)} issues ({', '.join(stuck)}): its forecast "
                           "there is where the round limit stopped it.")
        elif result.model == "smp" and result.diagnostics.get("stopped") == "step limit":
            out.append(f"{label} stopped at its step limit before converging.")
        elif result.model == "exchange" and result.diagnostics.get("converged") is False:
            out.append(f"{label} stopped at its round limit with exchanges still profitable.")
    return out
