"""Stacked bargaining problems: many draws of one scenario as arrays, zones, blocking lines.

MODELS.md sections 4-5 and docs/bargaining.md. A Monte Carlo chunk holds B variants of one
scenario that differ only in their numbers (capabilities, positions, saliences, red lines, cost
drifts); the actors, issues, vetoes and costs are the same. :class:`BatchProblem` stacks the
B bargaining problems (:class:`accord.bargaining.problem.Problem`) along a leading draw axis,
built with the same floating-point operations as :func:`~accord.bargaining.problem.build_problem`
so that draw b is exactly the problem the single analysis builds for it.

Per draw, all at once:

1. :func:`red_line_box` and :func:`zones`: per issue, whether the binding red lines leave an
   interval (the highest minimum at most the lowest maximum, within ``BOX_TOL``) and that
   interval on the issue's own scale (:func:`~accord.bargaining.zopa.issue_zones`);
2. :func:`blocking`: every pair of crossing red lines and its gap
   (:func:`~accord.bargaining.zopa.blocking_pairs`);
3. :func:`disagreement`: each player's no-deal utility for any red lines (it moves with them
   where it is measured at them).

The verdict and the opening month are in :mod:`accord.bargaining.batch`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from accord.bargaining.problem import BargainOptions, Problem, _no_deal, red_line_bounds
from accord.bargaining.region import BOX_TOL
from accord.scenario.arrays import scenario_arrays, to_unit
from accord.scenario.schema import Scenario

F = NDArray[np.float64]
Bool = NDArray[np.bool_]
I = NDArray[np.intp]  # noqa: E741


@dataclass(frozen=True)
class Frame:
    """What the draws of a scenario share: actors, issues, stances present, vetoes, options.

    Built once per scenario (:func:`frame`); every block of draws reuses it.
    """

    scenario: Scenario   # with point values
    options: BargainOptions
    actors: tuple[str, ...]
    issues: tuple[str, ...]
    present: Bool        # (n, m)
    veto: Bool           # (n, m) veto on the issue where the actor has a stance
    player: Bool         # (n,)
    low: F               # (m,)
    high: F              # (m,)
    status_quo: F        # (m,) 0-100 no-deal outcome a moving status quo starts from, NaN
    #                      where the rule does not use the status quo (Problem.status_quo)

    @property
    def players(self) -> I:
        return np.flatnonzero(self.player).astype(np.intp)


def frame(scenario: Scenario, options: BargainOptions) -> Frame:
    """The :class:`Frame` of ``scenario`` (distributions at their point values)."""
    point = scenario.with_point_values() if scenario.is_uncertain() else scenario
    arr = scenario_arrays(point)
    veto = arr.veto & arr.present
    player = veto.any(axis=1)
    if not player.any():
        player = arr.present.any(axis=1)
    status_quo = to_unit(arr.status_quo, arr.low, arr.high)  # as build_problem
    if options.disagreement == "worst":
        status_quo = np.full_like(status_quo, np.nan)
    for j, issue in enumerate(point.issues):
        if issue.id in options.no_deal:
            status_quo[j] = np.nan
    return Frame(scenario=point, options=options, actors=arr.actors, issues=arr.issues,
                 present=arr.present, veto=veto, player=np.asarray(player, dtype=bool),
                 low=arr.low, high=arr.high, status_quo=np.asarray(status_quo, dtype=float))


@dataclass(frozen=True)
class BatchProblem:
    """B bargaining problems of one scenario on the 0-100 scale, for the actors ``who``.

    Arrays carry a leading draw axis and cover the actors ``who`` (w,) in file order: by
    default only the players, since only their red lines bind and only their consent counts
    (``who`` = every actor when asked, e.g. to compare with a single :class:`Problem`).
    ``lower``/``upper`` are the red lines as stated (month 0). :meth:`problem` gives any
    draw as the single :class:`Problem` of every actor.
    """

    frame: Frame
    who: I               # (w,) actor indices
    inputs: tuple[F, F, F, F]   # capability (B, n), position, salience, reservation (B, n, m)
    position: F          # (B, w, m) 0-100, NaN where the actor has no stance
    salience: F          # (B, w, m), 0 where no stance
    capability: F        # (B, w)
    lower: F             # (B, w, m) stated minimum, NaN where none
    upper: F             # (B, w, m) stated maximum, NaN where none
    binding: Bool        # (B, w, m) red lines that bind (veto on the issue)
    reference: F         # (B, w, m) no-deal outcome where d does not come from a red line
    from_red_line: Bool  # (B, w, m) d is measured at the actor's own red line
    fixed: F             # (w,) explicit no-deal utility, NaN where none
    exponent: int

    @property
    def size(self) -> int:
        return int(self.position.shape[0])

    @property
    def player(self) -> Bool:
        """(w,) which of the actors ``who`` are players."""
        return np.asarray(self.frame.player[self.who])

    @property
    def players(self) -> I:
        """Positions in ``who`` of the players."""
        return np.flatnonzero(self.player).astype(np.intp)

    @property
    def power(self) -> F:
        """(B, w) Nash bargaining power (only Nash needs it, so it is computed when asked)."""
        kind = self.frame.options.power
        cap = np.asarray(self.inputs[0], dtype=float)
        if kind == "equal":
            power = np.ones_like(cap)
        elif kind == "capability":
            power = cap.copy()
        else:  # c_i * mean salience over every issue
            power = cap * np.where(self.frame.present[None], self.inputs[2], 0.0).mean(axis=-1)
        return np.asarray(power[:, self.who], dtype=float)

    @property
    def low(self) -> F:
        return self.frame.low

    @property
    def high(self) -> F:
        return self.frame.high

    def problem(self, row: int, lower: F | None = None, upper: F | None = None,
                shift: F | None = None) -> Problem:
        """Draw ``row`` as the single :class:`Problem` that ``build_problem`` gives for it,
        with the red lines ``lower``/``upper`` of the actors ``who`` ((w, m) each) replaced
        where given, and ``shift`` (w,) added to their no-deal utilities (moved no-deal
        outcomes: :meth:`Problem.with_no_deal`; 0 for the other actors)."""
        one = batch_problem(self.frame, *(a[row:row + 1] for a in self.inputs), every=True)
        lo, hi = one.lower[0], one.upper[0]
        for full, part in ((lo, lower), (hi, upper)):
            if part is not None:
                full[self.who] = part
        no_deal_shift = None
        if shift is not None:
            no_deal_shift = np.zeros(len(self.frame.actors))
            no_deal_shift[self.who] = shift
        fr = self.frame
        return Problem(
            actors=fr.actors, issues=fr.issues, position=one.position[0],
            salience=one.salience[0], capability=one.capability[0], player=fr.player,
            lower=lo, upper=hi, binding=one.binding[0], reference=one.reference[0],
            from_red_line=one.from_red_line[0], fixed=one.fixed, power=one.power[0],
            exponent=one.exponent, low=fr.low, high=fr.high, status_quo=fr.status_quo,
            no_deal_shift=no_deal_shift)


def batch_problem(fr: Frame, capability: F, position: F, salience: F, reservation: F, *,
                  every: bool = False) -> BatchProblem:
    """Stack B draws of the frame's scenario into a :class:`BatchProblem` (of the players;
    of every actor with ``every``).

    ``capability`` (B, n), ``position``/``salience``/``reservation`` (B, n, m) in the layout
    of :class:`accord.scenario.arrays.ScenarioArrays` (each issue's own units, NaN where
    absent). Mirrors :func:`~accord.bargaining.problem.build_problem` operation for operation.
    """
    options = fr.options
    who = np.arange(len(fr.actors), dtype=np.intp) if every else fr.players
    present = fr.present[who][None, :, :]
    pos = np.where(present, to_unit(position[:, who], fr.low, fr.high), np.nan)
    sal = np.where(present, salience[:, who], 0.0)
    res = np.where(present, to_unit(reservation[:, who], fr.low, fr.high), np.nan)
    lower, upper = red_line_bounds(pos, res)
    reference, from_red_line, fixed = _no_deal(fr.scenario, options, pos, res, fr.low,
                                               fr.high)
    cap = np.asarray(capability, dtype=float)
    return BatchProblem(
        frame=fr, who=who, inputs=(capability, position, salience, reservation),
        position=pos, salience=sal, capability=cap[:, who], lower=lower, upper=upper,
        binding=np.asarray(fr.veto[who][None, :, :] & ~np.isnan(res)),
        reference=np.asarray(reference, dtype=float),
        from_red_line=np.asarray(from_red_line, dtype=bool), fixed=fixed[who],
        exponent=options.exponent)


def red_line_box(binding: Bool, lower: F, upper: F) -> tuple[F, F]:
    """Per draw and issue the highest binding minimum (>= 0) and lowest binding maximum
    (<= 100), (k, m) each, from (k, n, m) arrays: :func:`accord.bargaining.region.red_line_box`.
    """
    with np.errstate(invalid="ignore"):
        lo = np.where(binding & ~np.isnan(lower), lower, 0.0).max(axis=1, initial=0.0)
        hi = np.where(binding & ~np.isnan(upper), upper, 100.0).min(axis=1, initial=100.0)
    return np.asarray(lo), np.asarray(hi)


@dataclass(frozen=True)
class Zones:
    """Per draw and issue: whether the red lines leave a zone, and where (issue scale)."""

    open: Bool    # (B, m)
    low: F        # (B, m), NaN where closed
    high: F       # (B, m), NaN where closed


def zones(bp: BatchProblem) -> Zones:
    """:func:`accord.bargaining.zopa.issue_zones` for every draw (stated red lines)."""
    lo, hi = red_line_box(bp.binding, bp.lower, bp.upper)
    ok = ~(lo > hi + BOX_TOL)
    a = np.minimum(lo, hi)
    width = bp.high - bp.low            # as Problem.to_issue_scale
    return Zones(open=ok, low=np.where(ok, bp.low + a * width / 100.0, np.nan),
                 high=np.where(ok, bp.low + hi * width / 100.0, np.nan))


def blocking(bp: BatchProblem, lower: F | None = None, upper: F | None = None) -> F:
    """Gaps of crossing red lines, (B, w, w, m): ``[b, a, c, j]`` = minimum of actor
    ``who[a]`` minus maximum of actor ``who[c]`` on issue j (issue units) where they cross
    by more than ``BOX_TOL`` (0-100 points), NaN elsewhere;
    :func:`accord.bargaining.zopa.blocking_pairs` lists the same pairs."""
    lower = bp.lower if lower is None else lower
    upper = bp.upper if upper is None else upper
    lo = np.where(bp.binding, lower, np.nan)[:, :, None, :]
    hi = np.where(bp.binding, upper, np.nan)[:, None, :, :]
    with np.errstate(invalid="ignore"):
        cross = lo > hi + BOX_TOL
        gap = (lo - hi) * ((bp.high - bp.low) / 100.0)
    return np.asarray(np.where(cross, gap, np.nan))


def disagreement(position: F, salience: F, lower: F, upper: F, from_red_line: Bool,
                 reference: F, fixed: F, exponent: int, axis: int = -1,
                 shift: F | None = None) -> F:
    """d_i of w actors in k draws from their arrays, e.g. (k, w, m) with ``fixed`` (w,), or
    (w, m, k) with ``fixed`` (w, 1) and ``axis=1`` (the issue axis):
    :attr:`accord.bargaining.problem.Problem.disagreement` with the same element-wise
    operations (the no-deal utility moves with red lines where it is measured at them;
    ``shift``, the worth of moved no-deal outcomes, is added before an explicit utility
    replaces it)."""
    x = position
    lo = np.where(np.isnan(lower), 0.0, lower)
    hi = np.where(np.isnan(upper), 100.0, upper)
    far = np.maximum(x - lo, hi - x)
    none = np.isnan(lower) & np.isnan(upper)
    red = np.where(none | np.isnan(x), np.nan, np.maximum(far, 0.0))
    xz = np.where(np.isnan(x), 0.0, x)
    dist = np.where(from_red_line, red, np.abs(xz - reference))
    dist = np.where(np.isnan(dist), 0.0, dist)
    d = -(salience * dist ** exponent).sum(axis=axis)
    if shift is not None:
        d = d + shift
    return np.asarray(np.where(np.isnan(fixed), d, fixed), dtype=float)
