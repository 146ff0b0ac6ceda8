"""Which candidates to show and which to accept into a scenario.

Candidates are grouped by *cell*, an (actor, issue) pair. A reviewer reads the best few of each
cell; ``--apply`` accepts, by default, the best ``top_k`` of each cell whose score reaches
``min_score`` (one quote per stance is what a scenario usually cites), or exactly the
candidates named with ``--accept ID``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from accord.errors import UsageError
from accord.evidence.claims import Claim

DEFAULT_TOP_K = 1
DEFAULT_MIN_SCORE = 0.5
DEFAULT_PER_CELL = 3

Cell = tuple[str, str]


def by_cell(claims: Iterable[Claim]) -> dict[Cell, list[Claim]]:
    """Candidates of each (actor, issue) cell, best first; cells ordered by their best score."""
    cells: dict[Cell, list[Claim]] = {}
    for c in sorted(claims, key=lambda c: (-c.score, c.file, c.start)):
        cells.setdefault((c.actor, c.issue), []).append(c)
    return cells


def top_per_cell(claims: Iterable[Claim], n: int) -> list[Claim]:
    """The best ``n`` candidates of every cell (all when ``n`` is 0), cell by cell."""
    out: list[Claim] = []
    for items in by_cell(claims).values():
        out += items if n <= 0 else items[:n]
    return out


def accept_top(claims: Iterable[Claim], *, top_k: int = DEFAULT_TOP_K,
               min_score: float = DEFAULT_MIN_SCORE) -> list[Claim]:
    """The default acceptance: per cell, the best ``top_k`` candidates scoring ``min_score``+."""
    out: list[Claim] = []
    for items in by_cell(claims).values():
        out += [c for c in items[:top_k] if c.score >= min_score]
    return out


def accept_ids(claims: Sequence[Claim], ids: Iterable[str]) -> list[Claim]:
    """Exactly the candidates with these ids; an unknown id is a usage error."""
    known = {c.id: c for c in claims}
    wanted = list(dict.fromkeys(ids))
    missing = [i for i in wanted if i not in known]
    if missing:
        raise UsageError(f"--accept: no candidate with id {', '.join(missing)} (ids are shown "
                         "by `accord evidence` without --apply; they depend on the file name, "
                         "the quote's place, the actor and the issue)")
    return [known[i] for i in wanted]
