"""The expected-utility model as an accord model: ``accord run --model eum``.

Runs :func:`eum_rounds` issue by issue on the actors with a stance there. The forecast is the
capability x salience weighted median of the final positions (Bueno de Mesquita 1994); the
diagnostics carry the weighted median and mean of every round, the weighted mean of the final
positions, the risk exponents of round 1 by actor id, how many rounds were played and why the
run stopped.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

import numpy as np
from numpy.typing import NDArray

from accord.models.base import IssueForecast, IssueModel
from accord.models.eum.offers import KINDS
from accord.models.eum.options import DEFAULT_PRESET, PRESETS, EumParams
from accord.models.eum.rounds import STOP_REASONS, eum_rounds
from accord.scenario.arrays import IssueData, ScenarioArrays


class ExpectedUtility(IssueModel[EumParams]):
    """Bueno de Mesquita's expected-utility model with the readings as named presets."""

    name: ClassVar[str] = "eum"
    title: ClassVar[str] = "Expected-utility model (challenges, risk attitudes, offers)"
    citation: ClassVar[str] = ("Bueno de Mesquita (1994, 2002); Scholz, Calbert & Smith "
                               "(2011); Masad (2014)")
    params_type = EumParams
    presets: ClassVar[Mapping[str, Mapping[str, Any]]] = PRESETS
    default_preset: ClassVar[str | None] = DEFAULT_PRESET
    vectorised: ClassVar[bool] = True
    iterative: ClassVar[bool] = True
    timeline: ClassVar[bool] = True

    def draw_seconds(self, actors: int, issues: int, params: EumParams) -> float:
        # the kernel's rounds: every pair of actors on every issue, round after round
        return 1.7e-7 * actors * actors * max(params.rounds, 1) * issues

    def batch_issue(self, position: NDArray[np.float64], capability: NDArray[np.float64],
                    salience: NDArray[np.float64], base: ScenarioArrays, j: int,
                    params: EumParams) -> NDArray[np.float64]:
        """Every draw of the issue in one call of :func:`eum_rounds` (batch results equal
        one-by-one results exactly)."""
        run = eum_rounds(position, capability, salience, params,
                         scale=float(base.high[j] - base.low[j]))
        return np.asarray(run.outcome)

    def forecast_issue(self, data: IssueData, params: EumParams) -> IssueForecast:
        run = eum_rounds(data.position, data.capability, data.salience, params,
                         scale=data.high - data.low)
        played = int(run.rounds_run[0])
        rows = played + 1 if params.stop == "converged" else params.rounds + 1
        final = run.positions[0, rows - 1]
        diagnostics: dict[str, Any] = {
            "median": run.median[0, :rows],
            "mean": run.mean[0, :rows],
            "weighted_mean": float(run.mean[0, rows - 1]),
            "rounds_run": played,
            "stop": STOP_REASONS[int(run.stop[0])],
        }
        if params.rounds > 0:
            diagnostics["risk_round1"] = dict(zip(data.actors, run.risk[0, 0].tolist(),
                                                  strict=True))
            diagnostics["moves"] = [
                {a: KINDS[k] for a, k in zip(data.actors, run.moves[0, t].tolist(),
                                             strict=True) if k}
                for t in range(played)
            ]
        return IssueForecast(outcome=float(run.median[0, rows - 1]), final_positions=final,
                             trajectory=run.positions[0, :rows], diagnostics=diagnostics)
