"""The uncertain inputs of a scenario and their draws, as arrays or as plain scenarios.

1. :func:`uncertain_inputs` lists every number that varies, in file order: actor capabilities,
   then per stance its position, salience and reservation, then cost drifts, then the drifts
   of moving no-deal outcomes (an issue's ``status_quo_drift``). A number varies
   when the file gives a distribution, or when :class:`Noise` adds one to a plain number
   (``--position-sd``: a normal with that sd in points of the 0-100 scale, truncated to the
   issue's range; ``--salience-sd``: a normal truncated to [0, 1]).
2. :func:`draw_values` turns draw k's uniforms (:func:`accord.uncertainty.seeds.child_uniforms`,
   input j takes uniform j) into values by inverse CDFs and clips them to each input's domain:
   position and reservation inside the issue's range, salience in [0, 1], capability at least
   :data:`MIN_CAPABILITY`, drift at least 0 (a no-deal outcome's drift may have either
   sign). A red line also stays on its side of the actor's
   drawn position (a minimum never rises above it, a maximum never falls below it), so that a
   draw never turns a minimum into a maximum.
3. :func:`batch_arrays` gives the draws in the layout of :mod:`accord.scenario.arrays`, with a
   leading draw axis; :func:`draw_scenario` gives one draw as a plain scenario (no
   distributions) for the analyses that work one scenario at a time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from accord.scenario.arrays import DrawArrays, ScenarioArrays, scenario_arrays
from accord.scenario.numbers import Normal, Triangular, Uniform, is_uncertain, point
from accord.scenario.schema import Scenario
from accord.uncertainty.distributions import Distribution, inverse_cdf

F = NDArray[np.float64]

MIN_CAPABILITY = 1e-9
"""Capabilities must stay above 0: a draw below this is raised to it."""

KINDS = ("capability", "position", "salience", "reservation", "drift", "status_quo_drift")


@dataclass(frozen=True)
class Noise:
    """Distributions added to every plain number of a kind (None: leave plain numbers alone)."""

    position_sd: float | None = None
    """sd in points of the 0-100 scale (scaled to each issue's range), truncated to the range."""
    salience_sd: float | None = None
    """sd of salience (0-1), truncated to [0, 1]."""

    def __post_init__(self) -> None:
        for name in ("position_sd", "salience_sd"):
            value = getattr(self, name)
            if value is not None and not (np.isfinite(value) and value >= 0):
                raise ValueError(f"{name.replace('_', '-')} must be a number 0 or more, "
                                 f"got {value}")

    def as_dict(self) -> dict[str, float | None]:
        return {"position_sd": self.position_sd, "salience_sd": self.salience_sd}


@dataclass(frozen=True)
class UncertainInput:
    """One number that varies across draws."""

    id: str              # e.g. "reservation:UKR:nato", "capability:RUS", "drift:RUS:territory"
    label: str           # e.g. "UKR red line on nato"
    kind: str            # one of KINDS
    actor: str           # "" for a no-deal outcome's drift (it belongs to the issue)
    issue: str | None    # None for a capability, or a drift that applies to every issue
    index: int           # actor, stance, cost or issue index in the scenario
    dist: Distribution
    point: float
    low: float           # domain the draws are clipped to
    high: float
    added: bool          # True when Noise made it uncertain (not the file)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "label": self.label, "kind": self.kind, "actor": self.actor,
                "issue": self.issue, "dist": self.dist.model_dump(exclude_none=True),
                "point": self.point, "source": "option" if self.added else "file"}


def uncertain_inputs(scenario: Scenario, noise: Noise | None = None) -> tuple[UncertainInput, ...]:
    """Every input that varies, in file order (see the module docstring)."""
    noise = noise or Noise()
    out: list[UncertainInput] = []
    for i, actor in enumerate(scenario.actors):
        if is_uncertain(actor.capability):
            dist = _dist(actor.capability)
            out.append(UncertainInput(f"capability:{actor.id}", f"{actor.id} capability",
                                      "capability", actor.id, None, i, dist, dist.point,
                                      MIN_CAPABILITY, np.inf, False))
    for k, st in enumerate(scenario.stances):
        issue = scenario.issue(st.issue)
        fields: list[tuple[str, Any, float, float, float | None, str]] = [
            ("position", st.position, issue.low, issue.high,
             None if noise.position_sd is None else noise.position_sd * (issue.high - issue.low)
             / 100.0, "position"),
            ("salience", st.salience, 0.0, 1.0, noise.salience_sd, "salience"),
            ("reservation", st.reservation, issue.low, issue.high, None, "red line"),
        ]
        for kind, value, low, high, sd, words in fields:
            if value is None:
                continue
            added = False
            if is_uncertain(value):
                dist = _dist(value)
            elif sd is not None and sd > 0:
                dist = Normal(dist="normal", mean=float(value), sd=float(sd), low=low, high=high)
                added = True
            else:
                continue
            out.append(UncertainInput(f"{kind}:{st.actor}:{st.issue}",
                                      f"{st.actor} {words} on {st.issue}", kind, st.actor,
                                      st.issue, k, dist, dist.point, low, high, added))
    seen: dict[str, int] = {}
    for k, cost in enumerate(scenario.costs):
        if not is_uncertain(cost.drift):
            continue
        dist = _dist(cost.drift)
        base = f"drift:{cost.actor}:{cost.issue or '*'}"
        seen[base] = seen.get(base, 0) + 1
        ident = base if seen[base] == 1 else f"{base}#{seen[base]}"
        where = f"on {cost.issue}" if cost.issue else "on every issue"
        out.append(UncertainInput(ident, f"{cost.actor} cost drift {where}", "drift",
                                  cost.actor, cost.issue, k, dist, dist.point, 0.0, np.inf,
                                  False))
    for k, issue in enumerate(scenario.issues):
        sqd = issue.status_quo_drift
        if sqd is None or not is_uncertain(sqd.drift):
            continue
        dist = _dist(sqd.drift)
        out.append(UncertainInput(f"status_quo_drift:{issue.id}",
                                  f"drift of the no-deal outcome on {issue.id}",
                                  "status_quo_drift", "", issue.id, k, dist, dist.point,
                                  -np.inf, np.inf, False))
    return tuple(out)


def _dist(value: Any) -> Distribution:
    assert isinstance(value, Normal | Uniform | Triangular)
    return value


def draw_values(inputs: Sequence[UncertainInput], uniforms: F) -> F:
    """(B, P) values of the inputs from (B, P) uniforms, each clipped to its domain (in the
    layout of ``uniforms``: from :func:`~accord.uncertainty.seeds.child_uniforms`, each
    input's column is contiguous)."""
    out = np.empty_like(uniforms)
    for j, item in enumerate(inputs):
        # np.clip's result, without its overhead (values are never NaN)
        np.minimum(np.maximum(inverse_cdf(item.dist, uniforms[:, j]), item.low), item.high,
                   out=out[:, j])
    return out


@dataclass(frozen=True)
class Layout:
    """Where each input goes in the arrays, built once per scenario and noise."""

    inputs: tuple[UncertainInput, ...]
    base: ScenarioArrays          # point values
    drift: F                      # (C,) point drift of every cost entry
    capability_cols: tuple[tuple[int, int], ...]                  # (input j, actor i)
    stance_cells: dict[str, tuple[tuple[int, int, int], ...]]     # kind -> (j, actor, issue)
    drift_cols: tuple[tuple[int, int], ...]                       # (input j, cost k)
    side: NDArray[np.int8]        # (n, m) red line: -1 minimum, +1 maximum, 0 both, 9 none
    no_deal_drift: F              # (m,) point drift of each issue's no-deal outcome, NaN: none
    no_deal_cols: tuple[tuple[int, int], ...] = ()                # (input j, issue k)


def layout(scenario: Scenario, inputs: Sequence[UncertainInput]) -> Layout:
    base = scenario_arrays(scenario)
    a_index = {a: k for k, a in enumerate(base.actors)}
    i_index = {i: k for k, i in enumerate(base.issues)}
    cells: dict[str, list[tuple[int, int, int]]] = {"position": [], "salience": [],
                                                    "reservation": []}
    caps, drifts, no_deal = [], [], []
    for j, item in enumerate(inputs):
        if item.kind == "capability":
            caps.append((j, item.index))
        elif item.kind == "drift":
            drifts.append((j, item.index))
        elif item.kind == "status_quo_drift":
            no_deal.append((j, item.index))
        else:
            assert item.issue is not None
            cells[item.kind].append((j, a_index[item.actor], i_index[item.issue]))
    with np.errstate(invalid="ignore"):
        side = np.where(np.isnan(base.reservation), 9,
                        np.sign(base.reservation - base.position)).astype(np.int8)

    return Layout(inputs=tuple(inputs), base=base,
                  drift=np.array([point(c.drift) for c in scenario.costs], dtype=float),
                  capability_cols=tuple(caps),
                  stance_cells={k: tuple(v) for k, v in cells.items()},
                  drift_cols=tuple(drifts), side=side,
                  no_deal_drift=np.array([np.nan if i.status_quo_drift is None
                                          else point(i.status_quo_drift.drift)
                                          for i in scenario.issues], dtype=float),
                  no_deal_cols=tuple(no_deal))


@dataclass(frozen=True)
class BatchArrays(DrawArrays):
    """B draws in the layout of :class:`accord.scenario.arrays.ScenarioArrays`, with the cost
    drifts, the drifts of moving no-deal outcomes and the inputs as drawn."""

    drift: F             # (B, C)
    values: F            # (B, P) the inputs as used (red lines after the side rule)
    no_deal_drift: F     # (B, m) NaN where the issue's no-deal outcome does not move


def batch_arrays(lay: Layout, values: F) -> BatchArrays:
    """The draws of one chunk as arrays (``values`` from :func:`draw_values`).

    Each kind of input is written into its table with one indexed assignment (the inputs of
    a kind go to distinct cells), and the side rule runs on all the varying cells at once.
    """
    b = values.shape[0]
    base = lay.base
    n, m = base.position.shape
    capability = np.empty((b, n))
    capability[:] = base.capability
    if lay.capability_cols:
        cols, actors = zip(*lay.capability_cols, strict=True)
        capability[:, list(actors)] = values[:, list(cols)]
    tables = {}
    for kind, table in (("position", base.position), ("salience", base.salience),
                        ("reservation", base.reservation)):
        full = np.empty((b, n * m))
        full[:] = table.reshape(n * m)
        cells = lay.stance_cells[kind]
        if cells:
            full[:, [i * m + d for _, i, d in cells]] = values[:, [j for j, _, _ in cells]]
        tables[kind] = full
    res, pos = tables["reservation"], tables["position"]
    varies = sorted({i * m + d for kind in ("position", "reservation")
                     for _, i, d in lay.stance_cells[kind]})
    side = lay.side.reshape(-1)
    for rule in (-1, 1, 0):  # the side rule, where a red line or its position varies
        at = [c for c in varies if side[c] == rule]
        if not at:
            continue
        if rule == -1:
            res[:, at] = np.minimum(res[:, at], pos[:, at])
        elif rule == 1:
            res[:, at] = np.maximum(res[:, at], pos[:, at])
        else:
            res[:, at] = pos[:, at]
    used = values.copy()
    cells = lay.stance_cells["reservation"]
    if cells:
        used[:, [j for j, _, _ in cells]] = res[:, [i * m + d for _, i, d in cells]]
    drift = np.empty((b, len(lay.drift)))
    drift[:] = lay.drift
    if lay.drift_cols:
        cols, costs = zip(*lay.drift_cols, strict=True)
        drift[:, list(costs)] = values[:, list(cols)]
    no_deal = np.empty((b, m))
    no_deal[:] = lay.no_deal_drift
    if lay.no_deal_cols:
        cols, issues = zip(*lay.no_deal_cols, strict=True)
        no_deal[:, list(issues)] = values[:, list(cols)]
    return BatchArrays(capability=capability, position=pos.reshape(b, n, m),
                       salience=tables["salience"].reshape(b, n, m),
                       reservation=res.reshape(b, n, m), drift=drift, values=used,
                       no_deal_drift=no_deal)


def draw_scenario(point_scenario: Scenario, lay: Layout, values: F) -> Scenario:
    """One draw as a scenario without distributions (``values``: that draw's used inputs).

    ``point_scenario`` is ``scenario.with_point_values()``; only the drawn numbers are
    replaced (model_copy, no re-validation: the values are already inside their domains). A
    stated red line whose position is drawn follows the side rule of :func:`batch_arrays`
    (it is the same number as in the arrays), so a drawn position never turns a minimum into
    a maximum.
    """
    actors = list(point_scenario.actors)
    stances = list(point_scenario.stances)
    costs = list(point_scenario.costs)
    issues = list(point_scenario.issues)
    stance_updates: dict[int, dict[str, float]] = {}
    for j, item in enumerate(lay.inputs):
        value = float(values[j])
        if item.kind == "capability":
            actors[item.index] = actors[item.index].model_copy(update={"capability": value})
        elif item.kind == "drift":
            costs[item.index] = costs[item.index].model_copy(update={"drift": value})
        elif item.kind == "status_quo_drift":
            issue = issues[item.index]
            assert issue.status_quo_drift is not None
            moved = issue.status_quo_drift.model_copy(update={"drift": value})
            issues[item.index] = issue.model_copy(update={"status_quo_drift": moved})
        else:
            stance_updates.setdefault(item.index, {})[item.kind] = value
    a_index = {a: i for i, a in enumerate(lay.base.actors)}
    i_index = {d: i for i, d in enumerate(lay.base.issues)}
    for k, update in stance_updates.items():
        stance = stances[k]
        if "position" in update and "reservation" not in update \
                and stance.reservation is not None:
            side = lay.side[a_index[stance.actor], i_index[stance.issue]]
            red, pos = float(stance.reservation), update["position"]   # type: ignore[arg-type]
            if side == -1:
                update["reservation"] = min(red, pos)
            elif side == 1:
                update["reservation"] = max(red, pos)
            elif side == 0:
                update["reservation"] = pos
        stances[k] = stance.model_copy(update=update)
    changes: dict[str, Any] = {"actors": tuple(actors), "stances": tuple(stances),
                               "costs": tuple(costs)}
    if any(item.kind == "status_quo_drift" for item in lay.inputs):
        changes["issues"] = tuple(issues)
    return point_scenario.model_copy(update=changes)
