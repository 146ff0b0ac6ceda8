"""The asymmetric Nash bargaining solution inside the zone of possible agreement.

[Nash 1950; asymmetric form: Kalai 1977; Roth 1979] The package y* maximising
prod_i (u_i(y) - d_i)^beta_i over the zone (packages that respect every binding red line and
give every player at least d_i), beta_i the players' bargaining power
(:mod:`accord.bargaining.problem`). The zone is convex and each log(u_i - d_i) concave, so the
maximum of sum_i beta_i log(u_i - d_i) is found by a local method:

1. Check the zone (:func:`accord.bargaining.package.check_package`); without one there is no
   Nash solution (``None``).
2. Players whose gain over no deal is zero on the whole zone are *pinned* (the product is 0
   for every package otherwise): they keep the constraint u_i >= d_i and leave the product.
   Start from a package where every other player gains (a Chebyshev point, or the mean of the
   packages that are best for each player).
3. Maximise sum beta_i log(g_i(y)), g_i = (u_i - d_i)/R_i, with SLSQP (linear loss: lifted
   variables a_id >= |y_d - x_id| make it smooth); below a tiny gain the logarithm continues
   as a quadratic so that trial steps stay finite.
4. Several packages can give the same utilities (linear loss, or issues no player cares
   about): among them take the one closest to the compromise of all actors (the capability x
   salience weighted mean, clipped into the zone), so the solution is unique and does not
   depend on the order of actors.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from accord.bargaining.package import PackageCheck, check_package
from accord.bargaining.problem import Problem
from accord.bargaining.region import build_region, gains, red_line_box, scale, solve_region

F = NDArray[np.float64]

PIN_TOL = 1e-7
"""A player that cannot gain more than this (share of its largest loss) is pinned."""
KEEP_TOL = 1e-11
"""How much of a player's Nash gain the tie-break may give up (share of its largest loss)."""


@dataclass(frozen=True)
class NashSolution:
    package: F           # (m,) on 0-100
    utilities: F         # (n,) u_i at the package
    pinned: tuple[str, ...]
    converged: bool


def nash_solution(problem: Problem, check: PackageCheck | None = None) -> NashSolution | None:
    """The asymmetric Nash bargaining solution (see the module docstring), or None."""
    check = check or check_package(problem)
    if not check.feasible or check.package is None:
        return None
    lo, hi = red_line_box(problem)
    hi = np.maximum(lo, hi)
    product = [i for i in problem.players if problem.power[i] > 0]
    start, free = _start(problem, product, check.package)
    space = _Space(problem, lo, hi)
    ok = True
    w = space.lift(start)
    if free:
        w, ok = space.maximise_product(w, free)
    y = space.package(w)
    keep = gains(problem, y)
    if _needs_tie_break(problem, free):
        w, ok2 = space.closest(w, _compromise(problem, lo, hi), free, keep)
        ok = ok and ok2
        y = space.package(w)
    pinned = tuple(problem.actors[i] for i in product if i not in free)
    return NashSolution(package=y, utilities=problem.utility(y), pinned=pinned, converged=ok)


def _start(problem: Problem, product: list[int], fallback: F) -> tuple[F, list[int]]:
    """A package where every non-pinned product player gains, and those players."""
    if not product:
        return fallback, []
    if problem.m == 1:
        return _start_one_issue(problem, product, fallback)
    region = build_region(problem, gain_players=product)
    assert region is not None and region.t is not None
    region.lp.set_cost({region.t: -1.0})
    v = solve_region(region)
    if v is not None and v[region.t] > PIN_TOL:
        return region.package(v), product
    best: list[F] = []
    free: list[int] = []
    for i in product:
        single = build_region(problem, gain_players=(i,))
        assert single is not None and single.t is not None
        single.lp.set_cost({single.t: -1.0})
        v = solve_region(single)
        if v is not None and gains(problem, single.package(v))[i] > PIN_TOL:
            best.append(single.package(v))
            free.append(i)
    if not free:
        return fallback, []
    return np.mean(best, axis=0), free


def _zone_interval(problem: Problem) -> tuple[float, float]:
    """One issue: the packages inside every binding red line where every player gets at least
    its no-deal utility, an interval since each u_i is concave in y."""
    lo, hi = (float(v[0]) for v in red_line_box(problem))
    for i in problem.players:
        s, x = float(problem.salience[i, 0]), float(problem.position[i, 0])
        if s <= 0 or np.isnan(x):
            continue
        room = max(0.0, -float(problem.disagreement[i])) / s
        radius = room ** (1.0 / problem.exponent)
        lo, hi = max(lo, x - radius), min(hi, x + radius)
    return lo, hi


def _start_one_issue(problem: Problem, product: list[int],
                     fallback: F) -> tuple[F, list[int]]:
    """:func:`_start` for one issue, in closed form: the zone is an interval [lo, hi], a
    player's best package in it is its position clipped into it, and the Chebyshev point
    maximises the concave min_i g_i(y) on it (no linear programs needed)."""
    lo, hi = _zone_interval(problem)
    if hi < lo:  # rounding at a single-point zone: trust the feasibility check's package
        lo = hi = float(fallback[0])
    x = np.where(np.isnan(problem.position[:, 0]), (lo + hi) / 2, problem.position[:, 0])

    def gain_at(y: float) -> F:
        return gains(problem, np.array([y]))

    best = {i: float(np.clip(x[i], lo, hi)) for i in product}
    free = [i for i in product if gain_at(best[i])[i] > PIN_TOL]
    if hi > lo:
        # scipy.optimize (0.8 s to import) loads when a solution is computed
        from scipy.optimize import minimize_scalar

        res = minimize_scalar(lambda y: -float(gain_at(y)[product].min()), bounds=(lo, hi),
                              method="bounded", options={"xatol": 1e-9})
        y = float(np.clip(res.x, lo, hi))
    else:
        y = lo
    if len(free) == len(product) and gain_at(y)[product].min() > PIN_TOL:
        return np.array([y]), product
    if not free:
        return fallback, []
    return np.array([np.mean([best[i] for i in free])]), free


def _needs_tie_break(problem: Problem, free: list[int]) -> bool:
    if problem.exponent == 1 or len(free) == 0:
        return True
    cared = (problem.salience[free] > 0).any(axis=0)
    return not bool(cared.all())


def _compromise(problem: Problem, lo: F, hi: F) -> F:
    w = problem.capability[:, None] * problem.salience
    x = np.where(np.isnan(problem.position), 0.0, problem.position)
    total = w.sum(axis=0)
    target = np.where(total > 0, (w * x).sum(axis=0) / np.where(total > 0, total, 1.0),
                      (lo + hi) / 2)
    return np.asarray(np.clip(target, lo, hi), dtype=float)


class _Space:
    """Scaled variables w = [y / 100, a / 100] (a: lifted |y_d - x_id| for linear loss)."""

    def __init__(self, problem: Problem, lo: F, hi: F) -> None:
        self.p = problem
        self.m = problem.m
        self.r = scale(problem)
        self.d = problem.disagreement
        self.x = np.where(np.isnan(problem.position), 0.0, problem.position) / 100.0
        self.pairs: list[tuple[int, int]] = []
        if problem.exponent == 1:
            self.pairs = [(i, j) for i in problem.players for j in range(problem.m)
                          if problem.salience[i, j] > 0]
        k = len(self.pairs)
        self.bounds = [(float(lo[j]) / 100, float(hi[j]) / 100) for j in range(self.m)]
        self.bounds += [(0.0, 1.0)] * k
        # d g_i / d a_k for the lifted pairs, and |y - x| <= a as rows A w >= 0
        self.ga = np.zeros((problem.n, k))
        self.rows = np.zeros((2 * k, self.m + k))
        self.rhs = np.zeros(2 * k)
        for k_, (i, j) in enumerate(self.pairs):
            self.ga[i, k_] = -problem.salience[i, j] * 100.0 / self.r[i]
            self.rows[2 * k_, [j, self.m + k_]] = (-1.0, 1.0)    # a - y + x >= 0
            self.rhs[2 * k_] = self.x[i, j]
            self.rows[2 * k_ + 1, [j, self.m + k_]] = (1.0, 1.0)  # a + y - x >= 0
            self.rhs[2 * k_ + 1] = -self.x[i, j]

    def lift(self, y: F) -> F:
        y = np.clip(y / 100.0, [b[0] for b in self.bounds[:self.m]],
                    [b[1] for b in self.bounds[:self.m]])
        a = np.array([abs(y[j] - self.x[i, j]) for i, j in self.pairs])
        return np.concatenate([y, a])

    def package(self, w: F) -> F:
        lo = np.array([b[0] for b in self.bounds[:self.m]])
        hi = np.array([b[1] for b in self.bounds[:self.m]])
        return np.asarray(np.clip(w[:self.m], lo, hi) * 100.0, dtype=float)

    def gain(self, w: F, relative: bool = False) -> tuple[F, F]:
        """g (n,) and its Jacobian (n, len(w)); ``relative``: without the constant -d/R."""
        p = self.p
        jac = np.zeros((p.n, len(w)))
        if p.exponent == 1:
            a = w[self.m:]
            loss = np.zeros(p.n)
            for k_, (i, j) in enumerate(self.pairs):
                loss[i] += p.salience[i, j] * a[k_] * 100.0
            jac[:, self.m:] = self.ga
        else:
            diff = (w[None, :self.m] - self.x) * 100.0
            loss = (p.salience * diff ** 2).sum(axis=1)
            jac[:, :self.m] = -2.0 * p.salience * diff * 100.0 / self.r[:, None]
        g = -loss / self.r if relative else (-loss - self.d) / self.r
        return g, jac

    def _constraints(self, others: list[tuple[int, float]]) -> list[dict[str, object]]:
        cons: list[dict[str, object]] = []
        if len(self.pairs):
            cons.append({"type": "ineq", "fun": lambda w: self.rows @ w + self.rhs,
                         "jac": lambda w: self.rows})
        if others:
            idx = [i for i, _ in others]
            floor = np.array([f for _, f in others])

            def fun(w: F) -> F:
                return np.asarray(self.gain(w)[0][idx] - floor, dtype=float)

            def jac(w: F) -> F:
                return self.gain(w)[1][idx]

            cons.append({"type": "ineq", "fun": fun, "jac": jac})
        return cons

    def _run(self, objective: Callable[[F], tuple[float, F]], w0: F,
             others: list[tuple[int, float]]) -> tuple[F, bool]:
        # scipy.optimize (0.8 s to import) loads when a solution is computed
        from scipy.optimize import minimize

        res = minimize(objective, w0, jac=True, method="SLSQP", bounds=self.bounds,
                       constraints=self._constraints(others),
                       options={"maxiter": 1000, "ftol": 1e-14})
        w = np.asarray(res.x, dtype=float)
        return w, bool(res.success)

    def maximise_product(self, w0: F, free: list[int]) -> tuple[F, bool]:
        beta = self.p.power[free]
        g0, j0 = self.gain(w0)
        g0 = g0[free]
        eps = 1e-3 * float(g0.min())
        norm = float(np.sum(beta * np.linalg.norm(j0[free], axis=1) / g0))
        norm = norm if norm > 0 else 1.0
        base = self.gain(w0, relative=True)[0][free]

        def objective(w: F) -> tuple[float, F]:
            # log g = log g0 + log1p((g - g0) / g0), with g - g0 computed from the losses
            # alone: a far no-deal point makes g huge and g - g0 would lose its digits.
            rel, jac = self.gain(w, relative=True)
            delta = rel[free] - base
            g = g0 + delta
            inside = g >= eps
            over = g - eps
            val = np.where(inside, np.log1p(np.where(inside, delta / g0, 0.0)),
                           np.log(eps / g0) + over / eps - over ** 2 / (2 * eps ** 2))
            slope = np.where(inside, 1.0 / np.maximum(g, eps), 1.0 / eps - over / eps ** 2)
            return (-float(beta @ val) / norm, -(beta * slope) @ jac[free] / norm)

        others = [(i, 0.0) for i in self.p.players if i not in free]
        w, ok = self._run(objective, w0, others)
        if float(objective(w)[0]) > float(objective(w0)[0]):  # never worse than the start
            return w0, False
        return w, ok

    def closest(self, w0: F, target: F, free: list[int], keep: F) -> tuple[F, bool]:
        t = target / 100.0

        def objective(w: F) -> tuple[float, F]:
            diff = w[:self.m] - t
            grad = np.zeros_like(w)
            grad[:self.m] = 2 * diff
            return float(diff @ diff), grad

        others = [(i, float(keep[i]) - KEEP_TOL if i in free else 0.0)
                  for i in self.p.players]
        w, ok = self._run(objective, w0, others)
        g = self.gain(w)[0]
        if any(g[i] < f - 1e-9 for i, f in others):  # the tie-break must not cost gains
            return w0, False
        return w, ok
