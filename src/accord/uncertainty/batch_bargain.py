"""The bargaining verdicts of a Monte Carlo chunk in one array program.

Monte Carlo's draws (:class:`accord.uncertainty.sampling.BatchArrays`) go straight into the
batch bargaining analysis (:func:`accord.bargaining.batch.analyse_draws`), without a plain
scenario per draw. The per-draw answers (deal, zones, opening month, never) are those of
:func:`accord.uncertainty.verdicts.bargain_draw` on the same draw's scenario
(:func:`~accord.uncertainty.sampling.draw_scenario`); a test compares them on the built-in
case, with and without noise on the positions.
"""

from __future__ import annotations

from accord.bargaining.batch import BLOCK, BatchVerdict, Frame, analyse_draws, frame
from accord.bargaining.problem import BargainOptions
from accord.scenario.schema import Scenario
from accord.uncertainty.sampling import BatchArrays


def bargain_frame(scenario: Scenario, options: BargainOptions) -> Frame:
    """What every chunk of a run shares (build once per run and process)."""
    return frame(scenario, options)


def bargain_chunk(fr: Frame, arrays: BatchArrays, block: int = BLOCK) -> BatchVerdict:
    """Deal, zones, opening month and never of every draw of a chunk (see the module
    docstring); ``fr`` from :func:`bargain_frame`."""
    return analyse_draws(fr, arrays.capability, arrays.position, arrays.salience,
                         arrays.reservation, arrays.drift, arrays.no_deal_drift, block=block)
