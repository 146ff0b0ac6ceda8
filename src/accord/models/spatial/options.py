"""The options of KTAB's Spatial Model of Politics, with KTAB's defaults and fixed constants.

Every option of KTAB's ``smpc`` (the nine enums of its ``<ModelParameters>`` and the ideal
accommodation matrix) is a named parameter here, spelled as in KTAB, with KTAB's default
(shared/reference/ktab/README.md section 3.11). The constants KTAB fixes in its code are kept as
module constants with the same values.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from accord.models.base import Params
from accord.scenario.ktab_settings import OPTIONS

VotingRuleName = Literal["Binary", "PropBin", "Prop", "PropCbc", "Cubic", "ASymProsp"]
VictoryProbModelName = Literal["Linear", "Square", "Quartic", "Octic", "Binary"]
PCEModelName = Literal["Conditional", "MarkovIncentive", "MarkovUniform"]
StateTransitionsName = Literal["Deterministic", "Stochastic"]
BigRAdjustName = Literal["None", "OneThird", "Half", "TwoThirds", "Full"]
BigRRangeName = Literal["Min", "Mid", "Max"]
ThirdPartyCommitName = Literal["NoCommit", "SemiCommit", "FullCommit"]
InterVecBrgnName = Literal["S1P1", "S2P2", "S2PMax"]
BargnModelName = Literal["InitOnlyInterp", "InitRcvrInterp", "PWCompInterp"]
Accommodation = Literal["scenario", "identity", "fixed"]
PointForecast = Literal["mean", "mode"]

# Constants fixed in KTAB's code (README 3.11).
PCE_FLOOR = 1e-8            # coalition floor in every PCE
CHALLENGE_FLOOR = 1e-10     # coalition floor of the challenge step
BINARY_RAMP = 1e-8          # a binary vote is clip(du / 1e-8, -1, 1)
PROPBIN_MIX = 0.2           # PropBin = 0.8 proportional + 0.2 binary
PROPCBC_MIX = 0.5           # PropCbc = 0.5 proportional + 0.5 cubic
ASYM_GAIN = 2.0 / 3.0       # ASymProsp weight on gains
BINARY_VP_THRESHOLD = 1.10  # Binary victory: a 10% edge wins for sure ...
BINARY_VP_FLOOR = 1e-6      # ... with probability 1 / (1 + 1e-6)
MARKOV_UNIFORM_TOL = 1e-6
MARKOV_INCENTIVE_TOL = 1e-8
MARKOV_INCENTIVE_SELF = 1e-10
MARKOV_MAX_ITER = 1000
MIN_GAIN = 1e-5             # smallest expected gain worth a challenge
NUDGE = 1e-6                # interpolation nudge of the bargain
GRID = 1e4                  # bargained coordinates are rounded half up to 1/GRID on [0, 1]
SAME_POSITION = 1e-3        # positions closer than this (on [0, 1]) are the same
MIN_STEPS = 2
STOP_RATIO = 0.02           # stop when a step moves less than 2% of the first step
STOP_GUARD = 1e-4
DEFAULT_SEED = 0xD67CC16FE69C185C   # KTAB's default PRNG seed (15455440707583219804)

# BigRAdjust: the weight of h's own attitude in h's estimate of i's attitude (README 3.2).
OWN_WEIGHT: dict[str, float] = {"None": 1.0, "OneThird": 2.0 / 3.0, "Half": 0.5,
                                "TwoThirds": 1.0 / 3.0, "Full": 0.0}
# VictoryProbModel: the exponent nu of the coalition strengths.
VP_EXPONENT: dict[str, int] = {"Linear": 1, "Square": 2, "Quartic": 4, "Octic": 8}


class SpatialParams(Params):
    """Parameters of the spatial model (KTAB's names and defaults; see docs/models-smp.md).

    A field the user leaves unset takes the scenario's value when the scenario carries one
    (``meta`` entries ``ktab.<KTAB name>``, written by the KTAB XML importer), else KTAB's
    default.
    """

    VictoryProbModel: VictoryProbModelName = Field(
        "Linear", description="P[a>b] = C(a:b)^nu / (C(a:b)^nu + C(b:a)^nu), nu = 1, 2, 4, 8; "
                              "or Binary (a 10% edge wins)")
    PCEModel: PCEModelName = Field(
        "Conditional", description="From pairwise contests to a distribution over options")
    StateTransitions: StateTransitionsName = Field(
        "Deterministic", description="Each actor takes the most probable entry of its queue "
                                     "(Deterministic) or draws one (Stochastic, seeded)")
    VotingRule: VotingRuleName = Field(
        "Prop", description="How a utility difference becomes a vote")
    BigRAdjust: BigRAdjustName = Field(
        "OneThird", description="How much h's estimate of i's risk attitude leans on h's own")
    BigRRange: BigRRangeName = Field(
        "Mid", description="Range of derived risk attitudes: Min [0,1], Mid [-1/2,1], "
                           "Max [-1,1]")
    ThirdPartyCommit: ThirdPartyCommitName = Field(
        "SemiCommit", description="What a third party expects to happen to its own position")
    InterVecBrgn: InterVecBrgnName = Field("S2P2", description="How a bargain is interpolated")
    BargnModel: BargnModelName = Field("InitOnlyInterp", description="Which bargains are queued")
    accommodation: Accommodation = Field(
        "scenario", description="Ideal update: the scenario's IdealAdjustment matrix (identity "
                                "when it has none), identity (ideal = position), or fixed "
                                "ideals")
    rounds: int = Field(100, ge=0, le=10_000, description="Most steps (KTAB: 100)")
    point_forecast: PointForecast = Field(
        "mean", description="outcome: probability-weighted mean of the distinct final "
                            "positions, or the most likely one (both are in diagnostics)")


KTAB_OPTIONS: tuple[str, ...] = tuple(OPTIONS)
"""The nine enums of KTAB's ``<ModelParameters>``, in KTAB's order (values: the Literals above,
the same as :data:`accord.scenario.ktab_settings.OPTIONS`)."""
