"""The sizes the bargaining analysis guarantees to handle, checked before any work is done.

docs/bargaining.md, "Limits". The stages scale differently with a scenario's size:

* zones, blocking red lines, the package check and the concessions are linear programs and
  array operations over actors x issues;
* the Nash solution (and, through it, ``accord bargain``) solves a nonlinear program with
  SLSQP whose variables are the issues plus, with linear loss, one per (player, issue) the
  player cares about; SLSQP's work grows with the cube of its variables (measured on several
  issues: 50 such stances about 1 s, 200 up to 13 s of one core; on one issue, 1,000 players
  about 14 s), and the holdouts and the tipping-point search repeat programs once per player
  and per red line of a player.

:func:`check_size` refuses a scenario beyond these limits with a
:class:`~accord.errors.UsageError` (exit status 2) naming the size and the limit, after
one pass over the stances and before the problem is even built. Within them the analysis of
2,000 actors x 50 issues (two veto players) takes a few seconds of one core
(``benchmarks/bench_bargain_scale.py``).
"""

from __future__ import annotations

from accord.errors import UsageError
from accord.scenario.numbers import point
from accord.scenario.schema import Scenario

MAX_ACTORS = 2000
"""Actors in one scenario."""
MAX_ISSUES = 50
"""Issues in one scenario."""
MAX_PLAYER_STANCES = 100
"""Stances of the players (the veto players, or every actor when nobody has a veto) with a
salience above 0, with several issues: the size of the Nash program and of the per-player
programs."""
MAX_ONE_ISSUE_PLAYERS = 500
"""Players of a one-issue scenario (a BDM table): its Nash program is one interval, and each
player adds one variable and two rows."""


def player_stances(scenario: Scenario) -> tuple[int, int]:
    """(players, their stances with salience above 0), with the players of
    :func:`accord.bargaining.problem.build_problem`: the actors with a veto on an issue where
    they have a stance, else every actor with a stance."""
    vetoes = {a.id for a in scenario.actors if a.veto}
    by_actor: dict[str, list[tuple[bool, float]]] = {}
    for s in scenario.stances:
        veto = s.veto if s.veto is not None else s.actor in vetoes
        by_actor.setdefault(s.actor, []).append((veto, point(s.salience)))
    players = [a for a, rows in by_actor.items() if any(v for v, _ in rows)] or list(by_actor)
    return len(players), sum(1 for a in players for _, sal in by_actor[a] if sal > 0)


def _any_veto(scenario: Scenario) -> bool:
    return any(a.veto for a in scenario.actors) or any(s.veto for s in scenario.stances)


def check_size(scenario: Scenario) -> None:
    """Refuse a scenario beyond the limits of the module docstring (UsageError, exit 2)."""
    n, m = len(scenario.actors), len(scenario.issues)
    advice = ("; see docs/bargaining.md, \"Limits\" (split the scenario, or keep the veto "
              "players to the actors whose consent the deal needs)")
    if n > MAX_ACTORS:
        raise UsageError(f"the scenario has {n:,} actors: the bargaining analysis handles at "
                         f"most {MAX_ACTORS:,}" + advice)
    if m > MAX_ISSUES:
        raise UsageError(f"the scenario has {m:,} issues: the bargaining analysis handles at "
                         f"most {MAX_ISSUES:,}" + advice)
    players, stances = player_stances(scenario)
    who = "veto players" if _any_veto(scenario) else \
        "players (nobody has a veto, so every actor)"
    if m <= 1 and players > MAX_ONE_ISSUE_PLAYERS:
        raise UsageError(f"the scenario has one issue and {players:,} {who}: the bargaining "
                         f"analysis handles at most {MAX_ONE_ISSUE_PLAYERS:,} on one issue"
                         + advice)
    if m > 1 and stances > MAX_PLAYER_STANCES:
        raise UsageError(f"the scenario's {players:,} {who} have {stances:,} stances that "
                         f"matter to them (salience above 0): the bargaining analysis handles "
                         f"at most {MAX_PLAYER_STANCES:,}" + advice)


__all__ = ["MAX_ACTORS", "MAX_ISSUES", "MAX_ONE_ISSUE_PLAYERS", "MAX_PLAYER_STANCES", "check_size",
           "player_stances"]
