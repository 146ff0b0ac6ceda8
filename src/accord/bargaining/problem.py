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
4. **No-deal (disagreement) utility** d_i = -sum_d s_id * loss(dist_id), issue by issue.
   ``reservation`` (default): where the actor states a reservation point (by definition the
   worst outcome it accepts instead of no deal), dist is the distance to the farthest outcome
   its red line accepts (the red line itself, or the far end of the scale on the accepted
   side), so that every outcome the red line accepts is at least as good as no deal and red
   lines and no-deal utility never contradict each other; else the distance to the issue's
   status quo; else to the end of the scale farthest from it (the worst case: only red lines
   bind there). ``status-quo``: the status quo first, then the
   reservation point, then the worst case (this can contradict a red line: an actor whose
   reservation is farther from it than the status quo would refuse its own red line).
   ``worst``: the worst case everywhere. An explicit no-deal outcome per issue (``no_deal``)
   comes first for every actor; explicit utilities per actor (``no_deal_utility``) override
   everything. Where d comes from a reservation point, it moves with it (when red lines
   drift or concede, the actor rates no deal lower accordingly).
   **A moving no-deal outcome** (an issue's ``status_quo_drift``): where the rule measures no
   deal from the issue's status quo q0 (``reservation`` and ``status-quo``, unless an explicit
   no-deal outcome replaces it), and the no-deal outcome has moved to q, every actor's d
   shifts by what that move is worth to it: d_i + sum_d s_id * (loss(|x_id - q0_d|) -
   loss(|x_id - q_d|)) (:meth:`Problem.with_no_deal`). Where d was measured at q0 this is d
   measured at q; where it was measured at a red line, the red line fixes its level and the
   battlefield moves it. Without movement the shift is 0, so nothing changes.
5. **Bargaining power** beta_i (Nash): ``capability-salience`` (default) c_i * mean_d s_id;
   ``capability`` c_i; ``equal`` 1. With quadratic loss and a no-deal outcome far from every
   actor, c_i * mean salience makes the Nash solution tend to the compromise model.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Literal

import numpy as np
from numpy.typing import NDArray

from accord.errors import UsageError
from accord.scenario.arrays import scenario_arrays, to_unit
from accord.scenario.schema import Scenario

F = NDArray[np.float64]
B = NDArray[np.bool_]

Loss = Literal["linear", "quadratic"]
NoDeal = Literal["reservation", "status-quo", "worst"]
Power = Literal["capability-salience", "capability", "equal"]

LOSSES: tuple[str, ...] = ("linear", "quadratic")
NO_DEALS: tuple[str, ...] = ("reservation", "status-quo", "worst")
POWERS: tuple[str, ...] = ("capability-salience", "capability", "equal")


@dataclass(frozen=True)
class BargainOptions:
    """Every open choice of the bargaining analysis, with its default."""

    loss: Loss = "linear"
    disagreement: NoDeal = "reservation"
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
    lower: F           # (n, m) stated minimum accepted (0-100), NaN where none
    upper: F           # (n, m) stated maximum accepted (0-100), NaN where none
    binding: B         # (n, m) red lines that bind: the actor has a veto on the issue
    reference: F       # (n, m) no-deal outcome where d does not come from a red line (0-100)
    from_red_line: B   # (n, m) d is measured at the actor's own red line here
    fixed: F           # (n,) explicit no-deal utility, NaN where none
    power: F           # (n,) Nash bargaining power beta_i
    exponent: int      # 1 linear, 2 quadratic loss
    low: F             # (m,) each issue's own scale, to map results back
    high: F            # (m,)
    status_quo: F | None = None
    """(m,) the no-deal outcome (0-100) a moving status quo starts from, where the rule uses
    the issue's status quo; NaN elsewhere (None: built without it)."""
    no_deal_shift: F | None = None
    """(n,) how much the moved no-deal outcomes add to each d_i (None: nothing moved)."""

    @property
    def n(self) -> int:
        return len(self.actors)

    @property
    def m(self) -> int:
        return len(self.issues)

    @property
    def players(self) -> tuple[int, ...]:
        return tuple(int(k) for k in np.flatnonzero(self.player))

    @property
    def box_lower(self) -> F:
        """Binding minimums (NaN where none)."""
        return np.asarray(np.where(self.binding, self.lower, np.nan), dtype=float)

    @property
    def box_upper(self) -> F:
        """Binding maximums (NaN where none)."""
        return np.asarray(np.where(self.binding, self.upper, np.nan), dtype=float)

    def red_line_distance(self) -> F:
        """Distance from each actor's position to the farthest outcome its red lines accept.

        A minimum r accepts [r, 100], a maximum [0, r]: the farthest accepted outcome is the
        red line or the far end of the scale, whichever is farther (NaN: no red line).
        """
        x = self.position
        lo = np.where(np.isnan(self.lower), 0.0, self.lower)
        hi = np.where(np.isnan(self.upper), 100.0, self.upper)
        out = np.maximum(x - lo, hi - x)
        none = np.isnan(self.lower) & np.isnan(self.upper)
        return np.asarray(np.where(none | np.isnan(x), np.nan, np.maximum(out, 0.0)))

    @property
    def disagreement(self) -> F:
        """d_i, each player's utility of no deal (0-100 units; see the module docstring)."""
        x = np.where(np.isnan(self.position), 0.0, self.position)
        dist = np.where(self.from_red_line, self.red_line_distance(),
                        np.abs(x - self.reference))
        dist = np.where(np.isnan(dist), 0.0, dist)
        d = -(self.salience * dist ** self.exponent).sum(axis=1)
        if self.no_deal_shift is not None:
            d = d + self.no_deal_shift
        return np.asarray(np.where(np.isnan(self.fixed), d, self.fixed), dtype=float)

    def utility(self, y: F) -> F:
        """u_i(y) for every actor (0-100 units); y is one package (m,) on 0-100."""
        return utilities(self.position, self.salience, np.asarray(y, dtype=float),
                         self.exponent)

    def max_loss(self) -> F:
        """Each actor's largest possible loss: sum_d s_id * 100^p (0 if it cares about nothing)."""
        return np.asarray(self.salience.sum(axis=1) * 100.0 ** self.exponent)

    def with_bounds(self, lower: F, upper: F) -> Problem:
        """The same problem with red lines moved (by concessions or time)."""

        return replace(self, lower=lower, upper=upper)

    def with_no_deal(self, outcome: F) -> Problem:
        """The same problem with the no-deal outcome of each issue moved to ``outcome`` (m,),
        0-100 (NaN: not moved); see the module docstring, point 4."""
        if self.status_quo is None:
            return self
        start = self.status_quo
        moved = ~np.isnan(start) & ~np.isnan(outcome)
        if not moved.any():
            return replace(self, no_deal_shift=None)
        x = np.where(np.isnan(self.position), 0.0, self.position)
        q0 = np.where(moved, start, 0.0)[None, :]
        q = np.where(moved, outcome, 0.0)[None, :]
        p = self.exponent
        gain = self.salience * (np.abs(x - q0) ** p - np.abs(x - q) ** p)
        shift = np.where(moved[None, :], gain, 0.0).sum(axis=1)
        return replace(self, no_deal_shift=np.asarray(shift, dtype=float))

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
    with np.errstate(invalid="ignore"):
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
    reservation = np.where(arr.present, to_unit(arr.reservation, arr.low, arr.high), np.nan)
    veto = arr.veto & arr.present
    player = veto.any(axis=1)
    if not player.any():
        player = arr.present.any(axis=1)
    lower, upper = red_line_bounds(position, reservation)
    reference, from_red_line, fixed = _no_deal(scenario, options, position, reservation,
                                               arr.low, arr.high)
    status_quo = to_unit(arr.status_quo, arr.low, arr.high)
    if options.disagreement == "worst":
        status_quo = np.full_like(status_quo, np.nan)
    for j, issue in enumerate(scenario.issues):
        if issue.id in options.no_deal:
            status_quo[j] = np.nan
    return Problem(
        actors=arr.actors, issues=arr.issues, position=position, salience=salience,
        capability=arr.capability, player=np.asarray(player, dtype=bool),
        lower=lower, upper=upper, binding=np.asarray(veto & ~np.isnan(reservation)),
        reference=reference, from_red_line=from_red_line, fixed=fixed,
        power=_power(options.power, arr.capability, salience),
        exponent=options.exponent, low=arr.low, high=arr.high,
        status_quo=np.asarray(status_quo, dtype=float),
    )


def _no_deal(scenario: Scenario, options: BargainOptions, position: F, reservation: F,
             low: F, high: F) -> tuple[F, B, F]:
    """The no-deal reference outcome per actor and issue, where d uses red lines, fixed d."""
    issues = [i.id for i in scenario.issues]
    actors = [a.id for a in scenario.actors]
    unknown = sorted(set(options.no_deal) - set(issues))
    if unknown:
        raise UsageError(f"no-deal outcome for unknown issue{'s' * (len(unknown) > 1)} "
                         f"{', '.join(unknown)} "
                         f"(issues: {', '.join(issues)})")
    unknown = sorted(set(options.no_deal_utility) - set(actors))
    if unknown:
        raise UsageError(f"no-deal utility for unknown actor{'s' * (len(unknown) > 1)} "
                         f"{', '.join(unknown)} "
                         f"(actors: {', '.join(actors)})")
    status_quo = np.array([np.nan if i.status_quo is None else i.status_quo
                           for i in scenario.issues], dtype=float)
    explicit = np.full(len(issues), np.nan)
    for j, issue in enumerate(scenario.issues):
        if issue.id in options.no_deal:
            value = float(options.no_deal[issue.id])
            if not issue.low <= value <= issue.high:
                raise UsageError(f"no-deal outcome {value:g} for '{issue.id}' is outside its "
                                 f"range [{issue.low:g}, {issue.high:g}]")
            explicit[j] = value
    shape = position.shape
    sq = np.broadcast_to(to_unit(status_quo, low, high)[None, :], shape)
    ex = np.broadcast_to(to_unit(explicit, low, high)[None, :], shape)
    x = np.where(np.isnan(position), 0.0, position)
    worst = np.where(x >= 50.0, 0.0, 100.0)
    has_res = ~np.isnan(reservation)
    rule = options.disagreement
    if rule == "worst":
        use_res = np.zeros(shape, dtype=bool)
        ref = worst
    elif rule == "status-quo":
        use_res = has_res & np.isnan(sq)
        ref = np.where(np.isnan(sq), worst, sq)
    else:
        use_res = has_res
        ref = np.where(np.isnan(sq), worst, sq)
    use_res = use_res & np.isnan(ex)
    ref = np.where(np.isnan(ex), ref, ex)
    fixed = np.array([options.no_deal_utility.get(a, np.nan) for a in actors], dtype=float)
    return (np.asarray(ref, dtype=float), np.asarray(use_res, dtype=bool),
            np.asarray(fixed, dtype=float))


def _power(kind: str, capability: F, salience: F) -> F:
    if kind == "equal":
        return np.ones_like(capability)
    if kind == "capability":
        return np.asarray(capability, dtype=float)
    return np.asarray(capability * salience.mean(axis=1), dtype=float)
