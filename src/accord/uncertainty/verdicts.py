"""The bargaining verdict of one draw: deal or not, which zones are open, when one opens.

For each draw this runs the staged bargaining analysis (:func:`accord.bargaining.analyse`) with
the stages Monte Carlo summarises (:data:`~accord.bargaining.staged.DRAW_STAGES`: the verdict,
the zones and the opening month; no concessions, no Nash solution) and the package check
decided mostly by certificates (:class:`accord.bargaining.certificates.Feasibility`, which one
chunk shares across its draws so the packages of its last linear programs serve the next).
A test compares the answers with the full analysis on many drawn scenarios.
"""

from __future__ import annotations

from dataclasses import dataclass

from accord.bargaining.certificates import Feasibility
from accord.bargaining.problem import BargainOptions
from accord.bargaining.staged import DRAW_STAGES, analyse
from accord.scenario.schema import Scenario


@dataclass(frozen=True)
class DrawVerdict:
    """What one draw's bargaining analysis says."""

    deal: bool                     # a zone is open as stated (month 0)
    zones: tuple[bool, ...]        # per issue: the red lines leave a zone
    opening: int | None            # first month (0..horizon) a zone is open, None if not
    never: bool                    # it never opens under the drawn costs


def bargain_draw(scenario: Scenario, options: BargainOptions,
                 feasible: Feasibility | None = None) -> DrawVerdict:
    """The verdict, zones and opening month of one plain (distribution-free) scenario.

    Pass the same ``feasible`` for the draws of a chunk to reuse its remembered packages.
    """
    a = analyse(scenario, options, DRAW_STAGES, feasible or Feasibility())
    assert a.opening is not None  # DRAW_STAGES has the opening month
    return DrawVerdict(deal=a.feasible, zones=tuple(z is not None for z in a.zones),
                       opening=a.opening.month, never=a.opening.never)
