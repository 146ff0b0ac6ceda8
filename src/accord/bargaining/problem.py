"""The bargaining problem: a scenario seen by its veto players, on the 0-100 scale.

MODELS.md section 4. Every position, red line and no-deal outcome is mapped onto 0-100
(:func:`accord.scenario.arrays.to_unit`) so that issues on different scales are comparable;
reports map results back onto each issue's own scale.

Definitions (docs/bargaining.md):

1. **Utility** of a package y in [0, 100]^m for actor i:
   u_i(y) = -sum_d s_id * loss(|y_d - x_id|), loss(t) = t (linear) or t^2 (quadratic).
2. **Players** are the actors with a veto on at least one issue
   (``scenario.has_veto(actor, issue)``: the stance's override, else the actor's flag). Without
   any veto player, every actor with a stance is a player (a unanimity bargain).
3. **Red lines** bind only for a player with a veto on that issue. A reservation point r bounds
   the acceptable side away from the actor's own position x: r < x accepts [r, 100]
   (a *minimum*), r > x accepts [0, r] (a *maximum*), r = x accepts only x (both).
4. **No-deal (disagreement) utility** d_i = -sum_d s_id * loss(|q_id - x_id|), issue by issue
   q_id: ``status-quo`` (default): the issue's status quo where given; else the actor's own
   reservation point (by definition the outcome it rates equal to no deal); else the end of the
   scale farthest from the actor (the worst case, so only red lines bind there).
   ``red-lines``: the same without the status quo. ``worst``: the worst case everywhere.
   An explicit no-deal outcome per issue (``no_deal``) overrides these for every actor, and
   explicit utilities per actor (``no_deal_utility``) override everything.
5. **Bargaining power** beta_i (Nash): ``capability-salience`` (default) c_i * mean_d s_id;
   ``capability`` c_i; ``equal`` 1. With quadratic loss and a no-deal outcome far from every
   actor, c_i * mean salience makes the Nash solution tend to the compromise model.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
from numpy.typing import NDArray

from accord.errors import UsageError
from accord.scenario.arrays import scenario_arrays, to_unit
from accord.scenario.schema import Scenario

F = NDArray[np.float64]
B = NDArray[np.bool_]

Loss = Literal["linear", "quadratic"]
NoDeal = Literal["status-quo", "red-lines", "worst"]
Power = Literal["capability-salience", "capability", "equal"]

LOSSES: tuple[str, ...] = ("linear", "quadratic")
NO_DEALS: tuple[str, ...] = ("status-quo", "red-lines", "worst")
POWERS: tuple[str, ...] = ("capability-salience", "capability", "equal")


@dataclass(frozen=True)
class BargainOptions:
    """Every open choice of the bargaining analysis, with its default."""

    loss: Loss = "linear"
    disagreement: NoDeal = "status-quo"
    no_deal: Mapping[str, float] = field(default_factory=dict)
    """Explicit no-deal outcome per issue id, on the issue's own scale (overrides status quo)."""
    no_deal_utility: Mapping[str, float] = field(default_factory=dict)
    """Explicit no-deal utility per actor id (0-100 units), overriding everything else."""
    power: Power = "capability-salience"
    weighted: bool = False
    """Salience-weighted concessions: moving a red line costs the actor's salience per point."""
    horizon: int = 60
    """Months to look ahead for the first month a zone opens."""

    def __post_init__(self) -> None:
        if self.loss not in LOSSES:
            raise UsageError(f"unknown loss '{self.loss}' (choose: {', '.join(LOSSES)})")
        if self.disagreement not in NO_DEALS:
            raise UsageError(f"unknown no-deal rule '{self.disagreement}' "
                             f"(choose: {', '.join(NO_DEALS)})")
        if self.power not in POWERS:
            raise UsageError(f"unknown bargaining power '{self.power}' "
                             f"(choose: {', '.join(POWERS)})")
        if self.horizon < 0:
            raise UsageError(f"the horizon must be 0 months or more, got {self.horizon}")

    @property
    def exponent(self) -> int:
        return 1 if self.loss == "linear" else 2


@dataclass(frozen=True)
class Problem:
    """A scenario's bargaining data on the 0-100 scale (actors and issues in file order)."""

    actors: tuple[str, ...]
    issues: tuple[str, ...]
    position: F        # (n, m) 0-100; NaN where the actor has no stance
    salience: F        # (n, m); 0 where no stance
    capability: F      # (n,)
    player: B          # (n,) whose consent the package needs
    lower: F           # (n, m) binding minimum (0-100), NaN where none
    upper: F           # (n, m) binding maximum (0-100), NaN where none
    disagreement: F    # (n,) no-deal utility d_i
    power: F           # (n,) Nash bargaining power beta_i
    exponent: int      # 1 linear, 2 quadratic loss
    low: F             # (m,) each issue's own scale, to map results back
    high: F            # (m,)

    @property
    def n(self) -> int:
        return len(self.actors)

    @property
    def m(self) -> int:
        return len(self.issues)

    @property
    def players(self) -> tuple[int, ...]:
        return tuple(int(k) for k in np.flatnonzero(self.player))

    def utility(self, y: F) -> F:
        """u_i(y) for every actor (0-100 units); y is one package (m,) on 0-100."""
        return utilities(self.position, self.salience, np.asarray(y, dtype=float),
                         self.exponent)

    def max_loss(self) -> F:
        """Each actor's largest possible loss: sum_d s_id * 100^p (0 if it cares about nothing)."""
        return np.asarray(self.salience.sum(axis=1) * 100.0 ** self.exponent)

    def with_bounds(self, lower: F, upper: F) -> Problem:
        """The same problem with other red lines (as moved by concessions or time)."""
        from dataclasses import replace

        return replace(self, lower=lower, upper=upper)

    def to_issue_scale(self, j: int, value: float) -> float:
        return float(self.low[j] + value * (self.high[j] - self.low[j]) / 100.0)

    def span(self, j: int) -> float:
        """Issue units per point of the 0-100 scale."""
        return float((self.high[j] - self.low[j]) / 100.0)


def utilities(position: F, salience: F, y: F, exponent: int) -> F:
    """u_i(y) = -sum_d s_id |y_d - x_id|^p, ignoring issues where the actor has no stance."""
    gap = np.abs(np.where(np.isnan(position), 0.0, position - y))
    return np.asarray(-(salience * gap ** exponent).sum(axis=-1))


def red_line_bounds(position: F, reservation: F) -> tuple[F, F]:
    """Minimum and maximum accepted outcome implied by reservation points (NaN where none)."""
    lower = np.where(reservation <= position, reservation, np.nan)
    upper = np.where(reservation >= position, reservation, np.nan)
    return np.asarray(lower, dtype=float), np.asarray(upper, dtype=float)


def build_problem(scenario: Scenario, options: BargainOptions | None = None) -> Problem:
    """The bargaining problem of a scenario (distributions at their point values)."""
    options = options or BargainOptions()
    if scenario.is_uncertain():
        scenario = scenario.with_point_values()
    arr = scenario_arrays(scenario)
    position = np.where(arr.present, to_unit(arr.position, arr.low, arr.high), np.nan)
    salience = np.where(arr.present, arr.salience, 0.0)
    reservation = to_unit(arr.reservation, arr.low, arr.high)
    veto = arr.veto & arr.present
    player = veto.any(axis=1)
    if not player.any():
        player = arr.present.any(axis=1)
    binding = veto & ~np.isnan(reservation)
    with np.errstate(invalid="ignore"):
        lower, upper = red_line_bounds(position, np.where(binding, reservation, np.nan))
    exponent = options.exponent
    disagreement = _disagreement(scenario, options, position, salience, reservation, arr.low,
                                 arr.high, exponent)
    return Problem(
        actors=arr.actors, issues=arr.issues, position=position, salience=salience,
        capability=arr.capability, player=np.asarray(player, dtype=bool),
        lower=lower, upper=upper, disagreement=disagreement,
        power=_power(options.power, arr.capability, salience),
        exponent=exponent, low=arr.low, high=arr.high,
    )


def _disagreement(scenario: Scenario, options: BargainOptions, position: F, salience: F,
                  reservation: F, low: F, high: F, exponent: int) -> F:
    issues = [i.id for i in scenario.issues]
    actors = [a.id for a in scenario.actors]
    unknown = sorted(set(options.no_deal) - set(issues))
    if unknown:
        raise UsageError(f"no-deal outcome for unknown issue(s) {', '.join(unknown)} "
                         f"(issues: {', '.join(issues)})")
    unknown = sorted(set(options.no_deal_utility) - set(actors))
    if unknown:
        raise UsageError(f"no-deal utility for unknown actor(s) {', '.join(unknown)} "
                         f"(actors: {', '.join(actors)})")
    q = np.full(len(issues), np.nan)
    if options.disagreement == "status-quo":
        q = np.array([np.nan if i.status_quo is None else i.status_quo
                      for i in scenario.issues], dtype=float)
    for j, issue in enumerate(scenario.issues):
        if issue.id in options.no_deal:
            value = float(options.no_deal[issue.id])
            if not issue.low <= value <= issue.high:
                raise UsageError(f"no-deal outcome {value:g} for '{issue.id}' is outside its "
                                 f"range [{issue.low:g}, {issue.high:g}]")
            q[j] = value
    q_unit = np.broadcast_to(to_unit(q, low, high)[None, :], position.shape)
    if options.disagreement != "worst":
        q_unit = np.where(np.isnan(q_unit), reservation, q_unit)
    x = np.where(np.isnan(position), 0.0, position)
    worst = np.maximum(x, 100.0 - x)
    gap = np.where(np.isnan(q_unit), worst, np.abs(x - q_unit))
    d = -(salience * gap ** exponent).sum(axis=1)
    for k, actor in enumerate(actors):
        if actor in options.no_deal_utility:
            d[k] = float(options.no_deal_utility[actor])
    return np.asarray(d, dtype=float)


def _power(kind: str, capability: F, salience: F) -> F:
    if kind == "equal":
        return np.ones_like(capability)
    if kind == "capability":
        return np.asarray(capability, dtype=float)
    return np.asarray(capability * salience.mean(axis=1), dtype=float)
