"""A small linear-program builder over ``scipy.optimize.linprog`` with the HiGHS solver.

Programs here have tens to a few hundred variables; they are written term by term (named
variables, ``<=`` rows) and solved densely. The result is ``None`` when the program is
infeasible; any other failure of the solver is a bug and raises.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
from numpy.typing import NDArray

F = NDArray[np.float64]


class LinearProgram:
    """minimise c . v subject to rows ``sum coeff * v <= rhs`` and bounds on each variable."""

    def __init__(self) -> None:
        self.cost: list[float] = []
        self.bounds: list[tuple[float | None, float | None]] = []
        self.rows: list[dict[int, float]] = []
        self.rhs: list[float] = []

    def var(self, low: float | None = 0.0, high: float | None = None,
            cost: float = 0.0) -> int:
        """A new variable; returns its index."""
        self.cost.append(cost)
        self.bounds.append((low, high))
        return len(self.cost) - 1

    def le(self, terms: Iterable[tuple[int, float]], rhs: float) -> None:
        """Add the row sum(coeff * v[index]) <= rhs."""
        row: dict[int, float] = {}
        for index, coeff in terms:
            row[index] = row.get(index, 0.0) + float(coeff)
        self.rows.append(row)
        self.rhs.append(float(rhs))

    def set_cost(self, cost: dict[int, float]) -> None:
        """Replace the objective (variables not named cost 0)."""
        self.cost = [0.0] * len(self.cost)
        for index, value in cost.items():
            self.cost[index] = float(value)

    def matrix(self) -> Any:
        """The rows as a sparse matrix (CSR) of their nonzero coefficients.

        HiGHS reads a compressed sparse matrix: a dense one of rows x variables (gigabytes for a
        few thousand actors) would only be compressed again, to these same entries.
        """
        from scipy.sparse import csr_array  # see solve()

        sizes = np.array([len(row) for row in self.rows], dtype=np.int64)
        total = int(sizes.sum())
        index = np.fromiter((k for row in self.rows for k in row), dtype=np.int32, count=total)
        coeff = np.fromiter((c for row in self.rows for c in row.values()), dtype=float,
                            count=total)
        keep = coeff != 0.0
        row_of = np.repeat(np.arange(len(self.rows)), sizes)
        starts = np.zeros(len(self.rows) + 1, dtype=np.int32)
        np.cumsum(np.bincount(row_of[keep], minlength=len(self.rows)), out=starts[1:])
        index, coeff = index[keep], coeff[keep]
        out = csr_array((coeff, index, starts), shape=(len(self.rows), len(self.cost)))
        out.sort_indices()
        return out

    def solve(self) -> F | None:
        """The optimal point, or None if the program is infeasible."""
        # scipy.optimize takes 0.8 s to import: it loads when a program is solved, so a
        # command that fails on its input (or never bargains) does not pay for it
        from scipy.optimize import linprog

        a_ub = self.matrix()
        res = linprog(np.asarray(self.cost), A_ub=a_ub if self.rows else None,
                      b_ub=np.asarray(self.rhs) if self.rows else None,
                      bounds=self.bounds, method="highs")
        if res.status == 2:
            return None
        if res.status != 0:
            raise RuntimeError(f"linear program failed: {res.message}")
        return np.asarray(res.x, dtype=float)


def solve_together(programs: list[LinearProgram]) -> list[F]:
    """Solve independent, feasible and bounded programs as one block-diagonal program.

    HiGHS spends most of a small program's time outside the simplex (checking the input,
    presolve, setting up): one call for many programs costs little more than one for a single
    program. The objective is the sum of the programs' objectives, so each block's part of the
    optimum is an optimum of its own program. Raises when the joint program is not solved (a
    block that is infeasible or unbounded: callers pass only programs known to be neither).
    """
    from scipy.optimize import linprog  # see solve()
    from scipy.sparse import coo_array

    cost: list[float] = []
    bounds: list[tuple[float | None, float | None]] = []
    rhs: list[float] = []
    rows: list[int] = []
    cols: list[int] = []
    data: list[float] = []
    starts = []
    for lp in programs:
        offset, first = len(cost), len(rhs)
        starts.append(offset)
        cost += lp.cost
        bounds += lp.bounds
        rhs += lp.rhs
        for r, row in enumerate(lp.rows):
            for index, coeff in row.items():
                rows.append(first + r)
                cols.append(offset + index)
                data.append(coeff)
    a_ub = coo_array((data, (rows, cols)), shape=(len(rhs), len(cost))).tocsr() \
        if rhs else None
    res = linprog(np.asarray(cost), A_ub=a_ub, b_ub=np.asarray(rhs) if rhs else None,
                  bounds=bounds, method="highs")
    if res.status != 0:
        raise RuntimeError(f"joint linear program failed: {res.message}")
    x = np.asarray(res.x, dtype=float)
    return [x[s:s + len(lp.cost)] for s, lp in zip(starts, programs, strict=True)]
