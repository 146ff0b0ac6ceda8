"""The bargaining space: zones of possible agreement, red lines, concessions, Nash, timing.

MODELS.md sections 4-5 and docs/bargaining.md. Small modules, one concept each:
:mod:`~accord.bargaining.problem` (the scenario on 0-100, utilities, no-deal point, power),
:mod:`~accord.bargaining.zopa` (per-issue zones, blocking red lines),
:mod:`~accord.bargaining.region` and :mod:`~accord.bargaining.lp` (the zone as linear
programs), :mod:`~accord.bargaining.package` (whole-package feasibility),
:mod:`~accord.bargaining.concessions` (minimal concessions),
:mod:`~accord.bargaining.nash` (asymmetric Nash bargaining solution),
:mod:`~accord.bargaining.dynamics` (red lines drifting with the cost of no deal) and
:mod:`~accord.bargaining.analysis` (all of it, and the JSON of ``accord bargain``).
"""

from accord.bargaining.analysis import (
    DEAL,
    NO_DEAL,
    BargainAnalysis,
    analyse,
    analysis_document,
)
from accord.bargaining.concessions import ConcessionPlan, minimal_concessions
from accord.bargaining.nash import NashSolution, nash_solution
from accord.bargaining.package import PackageCheck, check_package
from accord.bargaining.problem import BargainOptions, Problem, build_problem
from accord.bargaining.zopa import Blocking, RedLine, blocking_pairs, issue_zones

__all__ = [
    "DEAL",
    "NO_DEAL",
    "BargainAnalysis",
    "BargainOptions",
    "Blocking",
    "ConcessionPlan",
    "NashSolution",
    "PackageCheck",
    "Problem",
    "RedLine",
    "analyse",
    "analysis_document",
    "blocking_pairs",
    "build_problem",
    "check_package",
    "issue_zones",
    "minimal_concessions",
    "nash_solution",
]
