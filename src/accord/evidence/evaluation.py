"""Measuring the extractor against a hand-annotated gold set (recall@k and precision per cell).

A gold item is a passage of an article that states an actor's position on an issue. A
candidate *matches* a gold item with the same file, actor and issue when its span covers at
least half of the gold span. Per (actor, issue) cell:

* recall@k = gold items matched by the cell's ``k`` best candidates / min(k, gold items);
* precision = accepted candidates that match a gold item of their cell / accepted candidates,
  counted over every cell with an accepted candidate (cells with no gold count against it).

Overall figures are micro-averages (sums over cells); the macro-average of recall is given too.
The gold file format is described in ``tests/data/evidence-gold/README.md``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from accord.errors import InputError, Problem
from accord.evidence.claims import Claim
from accord.evidence.extract import Extractor
from accord.evidence.reading import read_article
from accord.evidence.selection import DEFAULT_MIN_SCORE, DEFAULT_TOP_K, Cell, accept_top, by_cell
from accord.scenario.schema import Scenario
from accord.textfile import read_text

COVER = 0.5
"""Share of a gold span a candidate must cover to match it."""


@dataclass(frozen=True)
class GoldItem:
    id: str
    file: str
    start: int
    end: int
    actor: str
    issue: str
    direction: str
    quote: str


def load_gold(path: str | Path) -> tuple[list[str], list[GoldItem]]:
    """The annotated documents and the gold items of a gold file."""

    text = read_text(path)
    try:
        data: Any = YAML(typ="safe").load(text)
        items = [GoldItem(str(i["id"]), str(i["file"]), int(i["start"]), int(i["end"]),
                          str(i["actor"]), str(i["issue"]), str(i.get("direction", "unclear")),
                          str(i["quote"])) for i in data["items"]]
        documents = [str(d) for d in data["documents"]]
    except Exception as exc:  # any shape error of a test-data file
        raise InputError([Problem(str(path), 1, 1, f"not a gold file: {exc}")]) from None
    return documents, items


def covers(claim: Claim, gold: GoldItem) -> bool:
    overlap = min(claim.end, gold.end) - max(claim.start, gold.start)
    return (claim.file == gold.file and claim.actor == gold.actor and claim.issue == gold.issue
            and overlap >= COVER * (gold.end - gold.start))


@dataclass
class CellScore:
    actor: str
    issue: str
    gold: int
    matched_at_k: int
    recall_at_k: float | None
    accepted: int
    accepted_correct: int
    top1_correct: bool | None


@dataclass
class Evaluation:
    k: int
    cells: list[CellScore] = field(default_factory=list)
    directions_checked: int = 0
    """Gold items with a high/low direction that a top-k candidate matched."""
    directions_right: int = 0
    """... of which the candidate's direction hint agreed."""

    @property
    def recall_micro(self) -> float:
        den = sum(min(self.k, c.gold) for c in self.cells if c.gold)
        return sum(c.matched_at_k for c in self.cells if c.gold) / den if den else 0.0

    @property
    def recall_macro(self) -> float:
        values = [c.recall_at_k for c in self.cells if c.recall_at_k is not None]
        return sum(values) / len(values) if values else 0.0

    @property
    def precision(self) -> float:
        accepted = sum(c.accepted for c in self.cells)
        return sum(c.accepted_correct for c in self.cells) / accepted if accepted else 0.0

    @property
    def precision_at_1(self) -> float:
        tops = [c.top1_correct for c in self.cells if c.top1_correct is not None]
        return sum(tops) / len(tops) if tops else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"k": self.k, "recall_micro": self.recall_micro, "recall_macro": self.recall_macro,
                "precision": self.precision, "precision_at_1": self.precision_at_1,
                "accepted": sum(c.accepted for c in self.cells),
                "gold_cells": sum(1 for c in self.cells if c.gold),
                "gold_items": sum(c.gold for c in self.cells),
                "directions_checked": self.directions_checked,
                "directions_right": self.directions_right,
                "cells": [c.__dict__ for c in self.cells]}


def evaluate(claims: Sequence[Claim], accepted: Sequence[Claim], gold: Sequence[GoldItem],
             *, k: int = 3, actors: set[str] | None = None,
             issues: set[str] | None = None) -> Evaluation:
    """Recall@k and precision of ``claims``/``accepted`` against ``gold`` (module docstring).

    Gold items whose actor or issue is not in ``actors``/``issues`` (the scenario's) are left
    out: the extractor cannot find an actor the scenario lacks.
    """
    gold = [g for g in gold if (actors is None or g.actor in actors)
            and (issues is None or g.issue in issues)]
    cells_gold: dict[Cell, list[GoldItem]] = {}
    for g in gold:
        cells_gold.setdefault((g.actor, g.issue), []).append(g)
    ranked = by_cell(claims)
    taken = by_cell(accepted)
    out = Evaluation(k)
    for cell in sorted(set(cells_gold) | set(taken)):
        items = cells_gold.get(cell, [])
        top = ranked.get(cell, [])[:k]
        matched = sum(1 for g in items if any(covers(c, g) for c in top))
        for g in items:
            hit = next((c for c in top if covers(c, g)), None)
            if hit is not None and g.direction in ("high", "low"):
                out.directions_checked += 1
                out.directions_right += hit.direction == g.direction
        acc = taken.get(cell, [])
        correct = sum(1 for c in acc if any(covers(c, g) for g in items))
        first = ranked.get(cell, [])[:1]
        top1 = (any(covers(first[0], g) for g in items) if first and acc else None)
        out.cells.append(CellScore(
            cell[0], cell[1], len(items), matched,
            matched / min(k, len(items)) if items else None, len(acc), correct, top1))
    return out


def evaluate_gold(scenario: Scenario, gold_path: str | Path, folder: str | Path, *, k: int = 3,
                  top_k: int = DEFAULT_TOP_K,
                  min_score: float = DEFAULT_MIN_SCORE) -> tuple[Evaluation, list[Claim]]:
    """Run the lexical extractor on the gold set's documents (in ``folder``) and evaluate it.

    Accepted candidates are those ``accord evidence --apply`` takes by default (``top_k`` per
    cell scoring ``min_score`` or more).
    """
    documents, gold = load_gold(gold_path)
    articles = [read_article(Path(folder) / d) for d in documents]
    claims = Extractor(scenario).extract_all(articles)
    accepted = accept_top(claims, top_k=top_k, min_score=min_score)
    result = evaluate(claims, accepted, gold, k=k, actors={a.id for a in scenario.actors},
                      issues={i.id for i in scenario.issues})
    return result, claims
