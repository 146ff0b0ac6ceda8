"""Measuring the extractor against a hand-annotated gold set (recall@k and precision per cell).

A gold item is a passage of an article that states an actor's position on an issue. A
candidate *matches* a gold item with the same file, actor and issue when its span covers at
least half of the gold span. Per (actor, issue) cell:

* recall@k = gold items matched by the cell's ``k`` best candidates / min(k, gold items);
* precision = accepted candidates that match a gold item of their cell / accepted candidates,
  counted over every cell with an accepted candidate (cells with no gold count against it).

Overall figures are micro-averages (sums over cells); the macro-average of recall is given too.
Two gold formats are read: the YAML of ``tests/data/evidence-gold/README.md`` (offsets given)
and a tab-separated list of verbatim fragments (``article, actor, issue, direction,
fragment``; offsets found in the article), the format of the development corpus. With
``per_document`` a cell is an (article, actor, issue) triple and each article is accepted from
on its own, as when an analyst runs ``accord evidence`` on one article at a time.
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
from accord.evidence.selection import DEFAULT_MIN_SCORE, DEFAULT_TOP_K, accept_top, by_cell
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


DIRECTION_WORDS = {"up": "high", "down": "low", "none": "none"}
"""Directions of the tab-separated format: ``up`` is toward the high end of the scale."""


def load_gold_tsv(path: str | Path, folder: str | Path) -> tuple[list[str], list[GoldItem]]:
    """The articles and gold items of a tab-separated gold list (module docstring); each
    fragment's offsets are those of its first occurrence in the article as
    :func:`~accord.evidence.reading.read_article` reads it."""
    text = read_text(path)
    documents: list[str] = []
    items: list[GoldItem] = []
    texts: dict[str, str] = {}
    problems: list[Problem] = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 5 or parts[3] not in DIRECTION_WORDS:
            problems.append(Problem(str(path), n, 1, "expected article, actor, issue, "
                                                     "up|down|none, fragment"))
            continue
        article, actor, issue, direction, fragment = parts
        if article not in texts:
            texts[article] = read_article(Path(folder) / article).text
            documents.append(article)
        start = texts[article].find(fragment)
        if start < 0:
            problems.append(Problem(str(path), n, 1, f"fragment not found in {article}"))
            continue
        items.append(GoldItem(f"{Path(path).stem}-{n}", article, start, start + len(fragment),
                              actor, issue, DIRECTION_WORDS[direction], fragment))
    if problems:
        raise InputError(problems)
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
    file: str | None = None
    """The article, when cells are per document."""


@dataclass(frozen=True)
class ItemScore:
    """How one gold item fared: found among its cell's best ``k`` and with which hint."""

    item: GoldItem
    found: bool
    hint: str | None
    """The direction hint (``high``/``low``) of the best candidate that matched, or None."""

    @property
    def direction_right(self) -> bool | None:
        """None for items with no high/low direction or not found."""
        if self.item.direction not in ("high", "low") or not self.found:
            return None
        return self.hint == self.item.direction


@dataclass
class Evaluation:
    k: int
    cells: list[CellScore] = field(default_factory=list)
    items: list[ItemScore] = field(default_factory=list)

    @property
    def directions_checked(self) -> int:
        """Gold items with a high/low direction that a top-k candidate matched."""
        return sum(1 for i in self.items if i.direction_right is not None)

    @property
    def directions_right(self) -> int:
        """... of which the candidate's direction hint agreed."""
        return sum(1 for i in self.items if i.direction_right)

    @property
    def directions_total(self) -> int:
        """Gold items with a high/low direction, found or not."""
        return sum(1 for i in self.items if i.item.direction in ("high", "low"))

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

    @property
    def direction_accuracy(self) -> float:
        return self.directions_right / self.directions_checked if self.directions_checked \
            else 0.0

    def breakdown(self, key: str) -> list[dict[str, Any]]:
        """Per issue (``key="issue"``) or per gold direction (``"direction"``): gold items,
        those found among the best k, and direction hints checked and right."""
        groups: dict[str, list[ItemScore]] = {}
        for i in self.items:
            groups.setdefault(getattr(i.item, key), []).append(i)
        rows = []
        for name in sorted(groups):
            items = groups[name]
            checked = [i for i in items if i.direction_right is not None]
            rows.append({key: name, "gold": len(items),
                         "found": sum(i.found for i in items),
                         "recall": sum(i.found for i in items) / len(items),
                         "direction_checked": len(checked),
                         "direction_right": sum(bool(i.direction_right) for i in checked),
                         "no_hint": sum(1 for i in items if i.found and i.hint is None)})
        return rows

    def to_dict(self) -> dict[str, Any]:
        return {"k": self.k, "recall_micro": self.recall_micro, "recall_macro": self.recall_macro,
                "precision": self.precision, "precision_at_1": self.precision_at_1,
                "accepted": sum(c.accepted for c in self.cells),
                "gold_cells": sum(1 for c in self.cells if c.gold),
                "gold_items": sum(c.gold for c in self.cells),
                "directions_checked": self.directions_checked,
                "directions_right": self.directions_right,
                "directions_total": self.directions_total,
                "cells": [c.__dict__ for c in self.cells]}


CellKey = tuple[str, ...]


def _cells_of(claims: Sequence[Claim], per_document: bool) -> dict[CellKey, list[Claim]]:
    if not per_document:
        return {cell: items for cell, items in by_cell(claims).items()}
    out: dict[CellKey, list[Claim]] = {}
    for (actor, issue), items in by_cell(claims).items():
        for c in items:
            out.setdefault((c.file, actor, issue), []).append(c)
    return out


def evaluate(claims: Sequence[Claim], accepted: Sequence[Claim], gold: Sequence[GoldItem],
             *, k: int = 3, actors: set[str] | None = None,
             issues: set[str] | None = None, per_document: bool = False) -> Evaluation:
    """Recall@k and precision of ``claims``/``accepted`` against ``gold`` (module docstring).

    Gold items whose actor or issue is not in ``actors``/``issues`` (the scenario's) are left
    out: the extractor cannot find an actor the scenario lacks.
    """
    gold = [g for g in gold if (actors is None or g.actor in actors)
            and (issues is None or g.issue in issues)]
    cells_gold: dict[CellKey, list[GoldItem]] = {}
    for g in gold:
        key = (g.file, g.actor, g.issue) if per_document else (g.actor, g.issue)
        cells_gold.setdefault(key, []).append(g)
    ranked = _cells_of(claims, per_document)
    taken = _cells_of(accepted, per_document)
    out = Evaluation(k)
    for cell in sorted(set(cells_gold) | set(taken)):
        items = cells_gold.get(cell, [])
        top = ranked.get(cell, [])[:k]
        matched = 0
        for g in items:
            hit = next((c for c in top if covers(c, g)), None)
            matched += hit is not None
            out.items.append(ItemScore(g, hit is not None, hit.direction if hit else None))
        acc = taken.get(cell, [])
        correct = sum(1 for c in acc if any(covers(c, g) for g in items))
        first = ranked.get(cell, [])[:1]
        top1 = (any(covers(first[0], g) for g in items) if first and acc else None)
        out.cells.append(CellScore(
            cell[-2], cell[-1], len(items), matched,
            matched / min(k, len(items)) if items else None, len(acc), correct, top1,
            cell[0] if per_document else None))
    return out


def evaluate_claims(scenario: Scenario, claims: Sequence[Claim], gold: Sequence[GoldItem], *,
                    k: int = 3, top_k: int = DEFAULT_TOP_K, min_score: float = DEFAULT_MIN_SCORE,
                    per_document: bool = False) -> Evaluation:
    """Evaluate candidates already extracted; accepted as ``accord evidence --apply`` would by
    default (``top_k`` per cell scoring ``min_score``+), per article with ``per_document``."""
    if per_document:
        files: dict[str, list[Claim]] = {}
        for c in claims:
            files.setdefault(c.file, []).append(c)
        accepted = [a for group in files.values()
                    for a in accept_top(group, top_k=top_k, min_score=min_score)]
    else:
        accepted = accept_top(claims, top_k=top_k, min_score=min_score)
    return evaluate(claims, accepted, gold, k=k, actors={a.id for a in scenario.actors},
                    issues={i.id for i in scenario.issues}, per_document=per_document)


def evaluate_gold(scenario: Scenario, gold_path: str | Path, folder: str | Path, *, k: int = 3,
                  top_k: int = DEFAULT_TOP_K, min_score: float = DEFAULT_MIN_SCORE,
                  per_document: bool = False,
                  extractor: Extractor | None = None) -> tuple[Evaluation, list[Claim]]:
    """Run the extractor (lexical by default) on a gold set's documents (in ``folder``) and
    evaluate it. A ``.tsv`` gold file is a fragment list (:func:`load_gold_tsv`)."""
    if str(gold_path).endswith(".tsv"):
        documents, gold = load_gold_tsv(gold_path, folder)
    else:
        documents, gold = load_gold(gold_path)
    articles = [read_article(Path(folder) / d) for d in documents]
    claims = (extractor or Extractor(scenario)).extract_all(articles)
    result = evaluate_claims(scenario, claims, gold, k=k, top_k=top_k, min_score=min_score,
                             per_document=per_document)
    return result, claims
