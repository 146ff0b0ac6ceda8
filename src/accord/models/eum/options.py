"""The expected-utility model's open choices as named options, and its presets.

Every choice the literature leaves open is a field of :class:`EumParams` (MODELS.md §2); a
preset fixes every one of them, so ``--preset NAME --param KEY=VALUE`` changes exactly one
thing. The three presets:

* ``scholz2011`` (default): the equations as published by Scholz, Calbert & Smith (2011),
  J. Theoretical Politics 23(4): per-pair vote share, linear votes, least move first,
  fractional compromise, capitulation allowed, Q = 1.
* ``scholz-code``: the reading that reproduces the rounds Scholz et al. published (their
  code): votes raised to each voter's risk exponent, all-pairs normalisation, no capitulation,
  the "lowest point" choice among compromises.
* ``masad2014``: D. Masad's (2014) reading: net vote share, the opponent's EU valued with its
  own risk exponent, the offer with the largest sender EU (then the nearest) resolved after
  the choice.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import ConfigDict, Field

from accord.models.base import Params

RangeRule = Literal["initial", "current", "scale"]
VoteExponent = Literal["none", "voter"]
Probability = Literal["published", "net", "all-pairs"]
Perspective = Literal["own", "target"]
CompromiseRule = Literal["fractional", "eu-weighted"]
OfferChoice = Literal["least-move-then-max-eu", "type-then-least-move",
                      "type-then-lowest-point", "max-eu-then-least-move"]
StopRule = Literal["converged", "rounds"]


class EumParams(Params):
    """Options of the expected-utility model (docs/models-eum.md explains each one)."""

    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)

    range: RangeRule = Field(
        "initial", description="R, the unit of distance: range of the initial positions, of "
                               "the current positions (each round), or the issue's scale")
    vote_exponent: VoteExponent = Field(
        "none", description="'voter': each distance/R in a vote is raised to the voter's own "
                            "risk exponent (scholz-code); 'none': linear votes")
    probability: Probability = Field(
        "published", description="P(i beats j): 'published' share of i's votes in the pair; "
                                 "'net' net vote share (masad2014); 'all-pairs' i's votes over "
                                 "the votes of every pair (scholz-code)")
    perspective: Perspective = Field(
        "own", description="whose risk exponent values the opponent's expected utility in "
                           "i's eyes: i's ('own') or the opponent's ('target')")
    compromise: CompromiseRule = Field(
        "fractional", description="where a compromise lands: x_i + (x_j - x_i)|E_i/E_j| "
                                  "('fractional') or the |E|-weighted point ('eu-weighted')")
    capitulation: bool = Field(
        True, description="whether an actor facing a much stronger threat (|E_i| > E_j) "
                          "adopts the challenger's position")
    offer_choice: OfferChoice = Field(
        "least-move-then-max-eu", description="which one offer an actor accepts per round")
    q: float = Field(1.0, ge=0.0, le=1.0,
                     description="probability that nothing changes without a challenge")
    t: float = Field(1.0, ge=0.0, le=1.0,
                     description="probability that things get better without a challenge "
                                 "(irrelevant when q = 1)")
    rounds: int = Field(10, ge=0, le=10_000, description="the round limit")
    stop: StopRule = Field(
        "converged", description="'converged': stop early when no position moves more than "
                                 "tolerance x R; 'rounds': always run the round limit")
    tolerance: float = Field(1e-6, ge=0.0, le=1.0,
                             description="largest move (fraction of R) that counts as none")


PRESETS: dict[str, dict[str, Any]] = {
    "scholz2011": {
        "range": "initial", "vote_exponent": "none", "probability": "published",
        "perspective": "own", "compromise": "fractional", "capitulation": True,
        "offer_choice": "least-move-then-max-eu", "q": 1.0, "t": 1.0,
    },
    "scholz-code": {
        "range": "initial", "vote_exponent": "voter", "probability": "all-pairs",
        "perspective": "own", "compromise": "fractional", "capitulation": False,
        "offer_choice": "type-then-lowest-point", "q": 1.0, "t": 1.0,
    },
    "masad2014": {
        "range": "initial", "vote_exponent": "none", "probability": "net",
        "perspective": "target", "compromise": "fractional", "capitulation": True,
        "offer_choice": "max-eu-then-least-move", "q": 1.0, "t": 1.0,
    },
}
"""Named parameter sets; each fixes every modelling choice (not the round limit or stop)."""

DEFAULT_PRESET = "scholz2011"
