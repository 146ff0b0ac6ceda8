"""The Nash solution on real one-issue problems (DEU dev) is the true maximiser.

With quadratic loss the solution is unique; a grid over the zone must not find a package with
a larger Nash product. (A start from cutting-plane linear programs once left SLSQP short of the
maximum on half of these issues; the closed-form one-issue start does not.)
"""

from __future__ import annotations

import numpy as np
import pytest

from accord.bargaining import BargainOptions, build_problem
from accord.bargaining.nash import nash_solution
from accord.bargaining.region import red_line_box, scale
from accord.scenario.files import read_file
from tests.conftest import REFERENCE, need_shared

pytestmark = pytest.mark.slow  # brute-force grids over DEU issues


@pytest.mark.parametrize("loss", ["linear", "quadratic"])
def test_nash_is_never_beaten_on_a_grid(loss: str) -> None:
    need_shared()
    scenarios = read_file(REFERENCE / "deu" / "deu-dev.tsv").scenarios
    worst = 0.0
    for scn in scenarios:
        p = build_problem(scn, BargainOptions(loss=loss))  # type: ignore[arg-type]
        sol = nash_solution(p)
        if sol is None:
            continue
        free = [i for i in p.players if p.power[i] > 0 and scn.actors[i].id not in sol.pinned]
        if not free:
            continue
        lo, hi = (float(v[0]) for v in red_line_box(p))
        grid = np.linspace(lo, hi, 401)[:, None]
        g = ((np.array([p.utility(y) for y in grid]) - p.disagreement) / scale(p))[:, free]
        with np.errstate(divide="ignore", invalid="ignore"):
            logs = np.where((g > 0).all(axis=1), (p.power[free] * np.log(g)).sum(axis=1),
                            -np.inf)
        at = (p.utility(sol.package) - p.disagreement) / scale(p)
        mine = float((p.power[free] * np.log(at[free])).sum())
        worst = max(worst, float(logs.max()) - mine)
    assert worst <= 1e-6, f"a grid package beats the Nash solution by {worst:.3g}"
