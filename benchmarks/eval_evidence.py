"""Accuracy of `accord evidence` on both hand-annotated corpora (issues #8 and #18).

1. **Seeds**: the five seed articles (../shared/seeds) with the gold set of
   tests/data/evidence-gold against the built-in case (or the scenario given). Cells are
   (actor, issue) pairs over the five articles together, as in issue #8 (targets: recall@3
   >= 0.8, precision >= 0.6; before issue #18: 0.938 and 0.750).
2. **Development corpus**: the 12 news excerpts of ../shared/reference/articles with the 60
   statements of its gold.tsv, against tests/data/evidence-dev/scenario.yaml (which names the
   corpus's actors and issues). Reported per article (a cell is an (article, actor, issue):
   every gold statement among the 3 best candidates of its article, as when an analyst runs
   `accord evidence` on one article) and pooled over the 12 articles as for the seeds.
   Targets of issue #18: recall@3 >= 0.85, precision >= 0.7, direction right on >= 0.85 of
   the gold rows with one (up/down).

Prints per issue and per direction breakdowns and writes results/eval_evidence.json. The
regression test tests/regression/test_evidence_gold.py checks the same figures.

    .venv/bin/python benchmarks/eval_evidence.py [SCENARIO] [--top-k 1] [--min-score 0.5]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from harness import save, table

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
GOLD = ROOT / "tests" / "data" / "evidence-gold" / "gold.yaml"
SEEDS = ROOT.parent / "shared" / "seeds"
ARTICLES = ROOT.parent / "shared" / "reference" / "articles"
DEV_SCENARIO = ROOT / "tests" / "data" / "evidence-dev" / "scenario.yaml"


def summary(name: str, ev: Any) -> dict[str, Any]:
    return {"corpus": name, "gold": ev.to_dict()["gold_items"], "recall@3": ev.recall_micro,
            "macro": ev.recall_macro, "accepted": ev.to_dict()["accepted"],
            "precision": ev.precision, "direction": ev.direction_accuracy,
            "dir_right": ev.directions_right, "dir_checked": ev.directions_checked,
            "dir_total": ev.directions_total}


def show(title: str, rows: list[dict[str, Any]], columns: list[str]) -> None:
    print(f"\n{title}")
    print(table(rows, columns))


def main() -> None:
    from accord.cli.inputs import load_input
    from accord.evidence.evaluation import evaluate_gold

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenario", nargs="?", default=None)
    parser.add_argument("--top-k", type=int, default=1)
    parser.add_argument("--min-score", type=float, default=0.5)
    args = parser.parse_args()
    opts = {"top_k": args.top_k, "min_score": args.min_score}

    scenario = load_input(args.scenario).scenario
    seeds, _ = evaluate_gold(scenario, GOLD, SEEDS, **opts)
    dev_scenario = load_input(str(DEV_SCENARIO)).scenario
    dev, claims = evaluate_gold(dev_scenario, ARTICLES / "gold.tsv", ARTICLES,
                                per_document=True, **opts)
    pooled, _ = evaluate_gold(dev_scenario, ARTICLES / "gold.tsv", ARTICLES, **opts)

    cells = [{"actor": c.actor, "issue": c.issue, "gold": c.gold,
              "recall@3": "" if c.recall_at_k is None else round(c.recall_at_k, 3),
              "accepted": c.accepted, "right": c.accepted_correct} for c in seeds.cells]
    show(f"Seeds, {scenario.id}: cells", cells,
         ["actor", "issue", "gold", "recall@3", "accepted", "right"])
    breakdown_columns = ["gold", "found", "recall", "direction_checked", "direction_right",
                         "no_hint"]
    parts: dict[str, Any] = {}
    for name, ev in (("seeds", seeds), ("dev per article", dev), ("dev pooled", pooled)):
        for key in ("issue", "direction"):
            rows = ev.breakdown(key)
            parts[f"{name} by {key}"] = rows
            show(f"{name}: by {key}", rows, [key, *breakdown_columns])
    totals = [summary(f"seeds ({scenario.id})", seeds),
              summary("dev per article", dev), summary("dev pooled", pooled)]
    show("Overall (targets on the development corpus: recall@3 0.85, precision 0.7, "
         "direction 0.85)", totals,
         ["corpus", "gold", "recall@3", "macro", "accepted", "precision", "direction",
          "dir_right", "dir_checked", "dir_total"])
    print(f"\n{len(claims)} candidates on the development corpus; direction = right / gold "
          "rows with up/down that a top-3 candidate matched (dir_total counts them all)")
    print(f"wrote {save('eval_evidence', totals, breakdowns=parts, seed_cells=cells)}")


if __name__ == "__main__":
    main()
