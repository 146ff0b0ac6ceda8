"""What each actor expected of each other actor, round by round, in an EUM run; who moved whom.

Bueno de Mesquita (1985, 1994) reads a pair (i, j) by two numbers: E_i = EU_i(i -> j), what i
expects from challenging j, and E_j, i's estimate of EU_j(j -> i), what j expects from
challenging i. Their signs and sizes place the pair in one of the model's outcome quadrants
(from i's point of view, as the offers of :mod:`accord.models.eum.offers` read them):

* **conflict**: E_i > 0 and E_j > 0: both expect to gain by challenging; the one expecting
  less gives way (``yields``) if the challenge comes;
* **compromise**: one side expects to lose (E < 0) less than the other expects to gain: the
  loser moves part way toward the other;
* **capitulation**: one side expects to lose more than the other expects to gain: the loser
  adopts the other's position (the EUM moves it only when the option ``capitulation`` is on);
* **status quo**: neither expects to gain (E_i <= 0 and E_j <= 0): a stalemate.

:func:`perceptions` recomputes the numbers of every round of a finished run from its
trajectory and parameters, with the model's own functions (steps 1-3 of
:func:`accord.models.eum.rounds.play_round`, which keeps them internal), then replays the round's
offers (:func:`accord.models.eum.offers.choose_moves`): each mover's kind of move and the
actor(s) whose offer it took. ``consistent`` says whether the replay lands where the stored
trajectory went, so a change of the model that this module does not follow shows as a flag,
not as wrong records. Rounds run from 1; round t decides the move from row t - 1 of the
trajectory to row t; the last record set (``applied=False``) is the round the run did not play
(it stopped there: nobody would move, or the round limit).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from accord.models.baselines import weighted_median
from accord.models.eum.offers import KINDS, NONE, choose_moves, classify, targets
from accord.models.eum.options import EumParams
from accord.models.eum.probability import Geometry, win_probability
from accord.models.eum.utility import (
    challenge_utilities,
    expected_utility,
    exposure,
    risk_exponents,
)
from accord.models.result import Result
from accord.scenario.arrays import issue_data, scenario_arrays
from accord.scenario.schema import Scenario

F = NDArray[np.float64]
MATCH_TOL = 1e-9
"""Relative tolerance (of R) when matching a replayed move to the trajectory."""


@dataclass(frozen=True)
class Perception:
    """i's reading of its relation to j in one round (``quadrant`` and ``yields`` above)."""

    round: int
    actor: str
    other: str
    own: float          # E_i = EU_i(i -> j)
    other_eu: float     # i's estimate of EU_j(j -> i)
    quadrant: str       # conflict | compromise | capitulation | status-quo
    yields: str | None  # the actor expected to give way (None in a stalemate)


@dataclass(frozen=True)
class Move:
    """One actor's move in one round: kind of offer taken, from whom, from where to where."""

    round: int
    actor: str
    kind: str               # confrontation | compromise | capitulation
    by: tuple[str, ...]     # the sender(s) whose offer leads there (ties: all of them)
    start: float
    end: float


@dataclass(frozen=True)
class RoundReading:
    """Everything of one round."""

    round: int
    applied: bool           # the run played this round
    perceptions: tuple[Perception, ...] | None   # None: not read (see :func:`perceptions`)
    moves: tuple[Move, ...]
    consistent: bool        # the replay reproduces the stored trajectory (when applied)


def quadrant(own: float, other: float) -> tuple[str, str | None]:
    """The quadrant of a pair and who yields: ``"self"``, ``"other"`` or None."""
    if own > 0 and other > 0:
        return "conflict", ("self" if other > own else "other")
    if own < 0 < other:
        return ("compromise" if -own < other else "capitulation"), "self"
    if other < 0 < own:
        return ("compromise" if -other < own else "capitulation"), "other"
    return "status-quo", None


def perceptions(scenario: Scenario, result: Result, issue: str, *,
                pairs: int | None = None, actor: str | None = None
                ) -> list[RoundReading]:
    """Every round of an ``eum`` result on ``issue`` (see the module docstring).

    The pair readings are n(n - 1) records a round, 2(n - 1) with ``actor`` (only the pairs
    of that actor, as i or as j): ``pairs`` keeps at most that many, in whole rounds from the
    first (None: every round; a round past them gets ``perceptions=None``). The moves are
    always read.
    """
    if result.model != "eum":
        raise ValueError(f"perceptions read an 'eum' result, not '{result.model}'")
    if result.trajectory is None or issue not in result.trajectory:
        return []
    params = EumParams.model_validate(result.params)
    point = scenario.with_point_values() if scenario.is_uncertain() else scenario
    data = issue_data(point, scenario_arrays(point), issue)
    column = [result.actors.index(a) for a in data.actors]
    rows = np.array([[_number(r[k]) for k in column] for r in result.trajectory[issue]])
    diag: dict[str, Any] = result.diagnostics.get("issues", {}).get(issue, {})
    played = int(diag.get("rounds_run", len(rows) - 1))
    initial = float(rows[0].max() - rows[0].min())
    n = len(data.actors)
    per_round = 2 * (n - 1) if actor is not None else n * (n - 1)
    pair_rounds = None if pairs is None else pairs // max(per_round, 1)
    out = []
    for t in range(min(played + 1, params.rounds + 1) if params.rounds else 0):
        x = rows[t]
        width = _width(x, params.range, initial, data.high - data.low)
        e_own, e_other, new, kind = _round(x, data.capability, data.salience, params, width)
        readings = None if pair_rounds is not None and t >= pair_rounds else \
            _readings(t + 1, data.actors, x, e_own, e_other, actor)
        moves = _moves(t + 1, data.actors, x, e_own, e_other, new, kind, params, width)
        applied = t < played
        consistent = True
        if applied:
            consistent = bool(np.all(np.abs(new - rows[t + 1]) <= MATCH_TOL * width
                                     * max(1.0, float(np.abs(rows).max()))))
        out.append(RoundReading(t + 1, applied, readings, moves if applied else (),
                                consistent))
    return out


def _number(value: float | None) -> float:
    return np.nan if value is None else float(value)


def _width(x: F, rule: str, initial: float, scale: float) -> float:
    width = {"initial": initial, "current": float(x.max() - x.min()), "scale": scale}[rule]
    return width if width > 0 else 1.0


def _round(x: F, capability: F, salience: F, params: EumParams,
           width: float) -> tuple[F, F, F, NDArray[np.int8]]:
    """Steps 1-4 of one round for one issue: E_i, E_j (input order), new positions, kinds."""
    order = np.lexsort((salience, capability, x))
    xs, ss = x[order][None, :], salience[order][None, :]
    w = capability[order][None, :] * ss
    scale = np.array([width])
    geom = Geometry(x=xs, scale=scale)
    d = geom.distance
    spread = None
    if params.q < 1.0:
        mu = weighted_median(xs, w)
        spread = (np.abs(xs - mu[:, None]) / scale[:, None])[:, :, None] + d
    p1 = win_probability(geom, w, None, params.probability)
    us, uf, usq = challenge_utilities(d, None)
    eu1 = expected_utility(p1, ss[:, None, :], us, uf, usq, spread, None, params.q, params.t)
    r, flat = risk_exponents(exposure(eu1))
    p = p1 if params.vote_exponent == "none" else win_probability(geom, w, r,
                                                                  params.probability)
    r_row = r[:, :, None]
    us, uf, usq = challenge_utilities(d, r_row)
    e_own = expected_utility(p, ss[:, None, :], us, uf, usq, spread, r_row, params.q, params.t)
    if params.perspective == "target":
        e_other = np.swapaxes(e_own, -1, -2)
    else:
        spread_t = None if spread is None else np.swapaxes(spread, -1, -2)
        e_other = expected_utility(np.swapaxes(p, -1, -2), ss[:, :, None], us, uf, usq,
                                   spread_t, r_row, params.q, params.t)
    differ = geom.below | geom.above
    new, kind = choose_moves(xs, e_own, e_other, differ, capitulation=params.capitulation,
                             compromise=params.compromise, offer_choice=params.offer_choice)
    if flat[0]:
        new, kind = xs, np.zeros_like(kind)
    back = np.argsort(order)
    own = e_own[0][np.ix_(back, back)]
    other = e_other[0][np.ix_(back, back)]
    return own, other, np.asarray(new[0][back]), np.asarray(kind[0][back], dtype=np.int8)


def _readings(t: int, actors: tuple[str, ...], x: F, own: F, other: F,
              only: str | None) -> tuple[Perception, ...]:
    out = []
    for i, a in enumerate(actors):
        for j, b in enumerate(actors):
            if i == j or x[i] == x[j] or (only is not None and only not in (a, b)):
                continue
            name, who = quadrant(float(own[i, j]), float(other[i, j]))
            yields = a if who == "self" else (b if who == "other" else None)
            out.append(Perception(t, a, b, float(own[i, j]), float(other[i, j]), name, yields))
    return tuple(out)


def _moves(t: int, actors: tuple[str, ...], x: F, own: F, other: F, new: F,
           kind: NDArray[np.int8], params: EumParams, width: float) -> tuple[Move, ...]:
    """Each mover and the sender(s) whose offer takes it to its new position."""
    differ = x[:, None] != x[None, :]
    offers = classify(own[None], other[None], differ[None], params.capitulation)
    where = targets(x[None], own[None], other[None], offers, params.compromise)[0]
    out = []
    for i, a in enumerate(actors):
        if kind[i] == NONE:
            continue
        found = (offers[0, i] == kind[i]) & (np.abs(where[i] - new[i]) <= MATCH_TOL * width)
        senders = tuple(actors[j] for j in np.flatnonzero(found))
        out.append(Move(t, a, KINDS[int(kind[i])], senders, float(x[i]), float(new[i])))
    return tuple(out)
