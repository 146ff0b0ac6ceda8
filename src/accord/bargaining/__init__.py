"""The bargaining space: zones of possible agreement, red lines, concessions, Nash, timing.

MODELS.md sections 4-5 and docs/bargaining.md. Small modules, one concept each:
:mod:`~accord.bargaining.problem` (the scenario on 0-100, utilities, no-deal point, power),
:mod:`~accord.bargaining.zopa` (per-issue zones, blocking red lines),
:mod:`~accord.bargaining.region` and :mod:`~accord.bargaining.lp` (the zone as linear
programs), :mod:`~accord.bargaining.package` (whole-package feasibility),
:mod:`~accord.bargaining.concessions` (minimal concessions),
:mod:`~accord.bargaining.nash` (asymmetric Nash bargaining solution),
:mod:`~accord.bargaining.drift` (red lines drifting with the cost of no deal),
:mod:`~accord.bargaining.certificates` (package feasibility decided mostly without a linear
program), :mod:`~accord.bargaining.staged` (the staged analysis, and the JSON of ``accord
bargain``) and :mod:`~accord.bargaining.nash_model` (the Nash solution as a forecasting model).
"""

from accord.bargaining.concessions import ConcessionPlan, minimal_concessions
from accord.bargaining.nash import NashSolution, nash_solution
from accord.bargaining.package import PackageCheck, check_package
from accord.bargaining.problem import BargainOptions, Problem, build_problem
from accord.bargaining.staged import (
    DEAL,
    DRAW_STAGES,
    EVERY_STAGE,
    NO_DEAL,
    TIMELINE_STAGES,
    BargainAnalysis,
    Stages,
    analyse,
    analysis_document,
)
from accord.bargaining.zopa import Blocking, RedLine, blocking_pairs, issue_zones

__all__ = [
    "DEAL",
    "DRAW_STAGES",
    "EVERY_STAGE",
    "NO_DEAL",
    "TIMELINE_STAGES",
    "BargainAnalysis",
    "BargainOptions",
    "Blocking",
    "ConcessionPlan",
    "NashSolution",
    "PackageCheck",
    "Problem",
    "RedLine",
    "Stages",
    "analyse",
    "analysis_document",
    "blocking_pairs",
    "build_problem",
    "check_package",
    "issue_zones",
    "minimal_concessions",
    "nash_solution",
]
