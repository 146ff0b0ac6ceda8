"""KTAB Spatial Model of Politics CSV -> a scenario with one issue per dimension.

Format (KTAB ``smpc --csv``; see shared/reference/ktab/README.md section 2.1)::

    <name>,<description>,<N actors>,<D dimensions>[,ignored...]
    Actor,Description,Power,<dim 1 name>,<ignored>,<dim 2 name>,<ignored>,...
    <actor>,<description>,<capability>,<pos 1>,<sal 1>,<pos 2>,<sal 2>,...   (N rows)

Positions and saliences are on 0-100; saliences become 0-1. KTAB's own checks are kept
(3..250 actors, positions and saliences in [0, 100], an actor's saliences adding up to at most
100), except that a capability of 0, which KTAB accepts and then fails on, is rejected here.
"""

from __future__ import annotations

from typing import Any

from accord.errors import InputError, Problem
from accord.scenario.importers.table import (
    Cell,
    lines,
    number,
    read_rows,
    short,
    shortened_note,
    slug_id,
    validate,
)
from accord.scenario.schema import Scenario

SALIENCE_SUM_TOL = 1e-6


def looks_like_ktab(text: str) -> bool:
    """True when row 1 has integer N and D in cells 3-4 and row 2 starts with 'Actor'."""
    try:
        rows = read_rows("\n".join(lines(text)[:4]))
    except InputError:  # not readable as CSV at all: the reader of its kind will say why
        return False
    if len(rows) < 2 or len(rows[0]) < 4:
        return False
    n, d = number(rows[0][2]), number(rows[0][3])
    return (n is not None and d is not None and n.is_integer() and d.is_integer()
            and rows[1][0].text.lower() == "actor")


def read_ktab_csv(text: str, name: str) -> tuple[Scenario, list[str]]:
    """Parse KTAB SMP CSV text into a scenario."""
    rows = read_rows(text, name=name)
    problems: list[Problem] = []

    def bad(cell: Cell, message: str) -> None:
        problems.append(Problem(name, cell.line, cell.col, message))

    if len(rows) < 2 or len(rows[0]) < 4:
        raise InputError([Problem(name, 1, 1, "KTAB CSV needs a first row 'name,description,"
                                              "N actors,D dimensions' and a header row")])
    n_cell, d_cell = rows[0][2], rows[0][3]
    n, d = number(n_cell), number(d_cell)
    if n is None or not n.is_integer() or not 3 <= n <= 250:
        bad(n_cell, f"number of actors '{short(n_cell.text)}' must be a whole number from 3 to 250")
    if d is None or not d.is_integer() or d < 1:
        bad(d_cell, f"number of dimensions '{short(d_cell.text)}' must be a whole number >= 1")
    if problems:
        raise InputError(problems)
    n_actors, n_dims = int(n or 0), int(d or 0)
    header = rows[1]
    width = 3 + 2 * n_dims
    if len(header) < width:
        bad(header[-1], f"header has {len(header)} cells; {n_dims} dimensions need {width}")
        raise InputError(problems)
    dim_cells = [header[3 + 2 * k] for k in range(n_dims)]
    actor_rows = rows[2:]
    if len(actor_rows) != n_actors:
        where = actor_rows[-1][0] if actor_rows else header[0]
        bad(where, f"the first row promises {n_actors} actors, the file has "
                   f"{len(actor_rows)} actor rows")
    taken: set[str] = set()
    shortened: list[str] = []
    dims = [{"id": slug_id(c.text or f"dim{k + 1}", taken, shortened),
             "name": c.text or f"dim{k + 1}", "range": [0, 100]}
            for k, c in enumerate(dim_cells)]
    actors: list[dict[str, Any]] = []
    stances: list[dict[str, Any]] = []
    actor_ids: set[str] = set()
    for row in actor_rows:
        if len(row) < width:
            bad(row[-1], f"actor row has {len(row)} cells, expected {width}")
            continue
        label = row[0].text
        if not 1 <= len(label) <= 25:
            bad(row[0], "actor name must have 1 to 25 characters")
        cap = number(row[2])
        if cap is None or not 0 < cap <= 1e8:
            bad(row[2], f"capability '{short(row[2].text)}' must be a number above 0 and at "
                        "most 1e8")
        ident = slug_id(label or "actor", actor_ids, shortened)
        actors.append({"id": ident, "name": label or ident, "capability": cap or 1.0,
                       "description": row[1].text or None})
        total = 0.0
        for k in range(n_dims):
            pos_cell, sal_cell = row[3 + 2 * k], row[4 + 2 * k]
            pos, sal = number(pos_cell), number(sal_cell)
            if pos is None or not 0 <= pos <= 100:
                bad(pos_cell, f"position '{short(pos_cell.text)}' must be a number in [0, 100]")
            if sal is None or not 0 <= sal <= 100:
                bad(sal_cell, f"salience '{short(sal_cell.text)}' must be a number in [0, 100]")
            total += sal or 0.0
            stances.append({"actor": ident, "issue": dims[k]["id"], "position": pos or 0.0,
                            "salience": (sal or 0.0) / 100.0})
        if total > 100 + SALIENCE_SUM_TOL:
            bad(row[4], f"saliences of actor '{label}' add up to {total:g}, more than 100")
    if problems:
        raise InputError(problems)
    title = rows[0][0].text or "KTAB scenario"
    scenario = validate({
        "id": slug_id(title, set(), shortened),
        "title": title,
        "description": rows[0][1].text or None,
        "meta": {"format": "ktab-csv"},
        "actors": actors,
        "issues": dims,
        "stances": stances,
    }, name)
    return scenario, [f"{name}: KTAB SMP CSV, {n_actors} actors x {n_dims} dimensions",
                      *shortened_note(name, shortened)]
