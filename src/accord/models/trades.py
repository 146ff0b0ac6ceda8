"""The exchange model's trades as records: who gives what, on which issue, to whom.

The exchange model [Stokman & Van Oosten 1994] logs each executed exchange as the round, the
issue on which each of the two actors gains, and the gain (equal for both: the exchange rate
is set so). In an exchange between i and j, j shifts its position on the issue where i gains
(toward i) and i shifts on the issue where j gains (toward j); an actor-issue pair takes part
in at most one exchange per round, so each shift is the change of that actor's position on
that issue in that round of the trajectory. :func:`exchange_trades` reads both back:

1. every logged exchange, in order: the round r and ``gains_on`` {i: d, j: e};
2. leg 1: j gives on d to i, from its position after round r - 1 to its position after r;
   leg 2: i gives on e to j, likewise (issue scales);
3. ``complete`` is False when the model stopped logging (it keeps the first 200).
"""

from __future__ import annotations

from dataclasses import dataclass

from accord.models.exchange import MAX_LOGGED
from accord.models.result import Result


@dataclass(frozen=True)
class Leg:
    """One side of a trade: ``actor`` shifts its position on ``issue`` toward ``to``."""

    actor: str
    issue: str
    to: str
    start: float | None
    end: float | None


@dataclass(frozen=True)
class Trade:
    """One exchange: two legs; each side gains ``gain`` (salience x 0-100 points)."""

    round: int
    legs: tuple[Leg, Leg]
    gain: float


@dataclass(frozen=True)
class Trades:
    trades: tuple[Trade, ...]
    complete: bool
    rounds: int


def exchange_trades(result: Result) -> Trades:
    """Every logged trade of an ``exchange`` result (see the module docstring)."""
    if result.model != "exchange":
        raise ValueError(f"trades come from an 'exchange' result, not '{result.model}'")
    log = result.diagnostics.get("log", [])
    trajectory = result.trajectory or {}
    index = {a: k for k, a in enumerate(result.actors)}

    def at(actor: str, issue: str, row: int) -> float | None:
        rows = trajectory.get(issue)
        if rows is None or row >= len(rows):
            return None
        return rows[row][index[actor]]

    out = []
    for entry in log:
        r = int(entry["round"])
        (i, d), (j, e) = list(entry["gains_on"].items())
        legs = (Leg(j, d, i, at(j, d, r - 1), at(j, d, r)),
                Leg(i, e, j, at(i, e, r - 1), at(i, e, r)))
        out.append(Trade(r, legs, float(entry["gain"])))
    return Trades(tuple(out), len(out) < MAX_LOGGED, int(result.diagnostics.get("rounds", 0)))
