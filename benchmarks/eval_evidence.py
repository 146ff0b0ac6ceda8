"""Accuracy of `accord evidence` on the hand-annotated gold set (issue #8).

Runs the lexical extractor on the five seed articles against the built-in case (or the
scenario given), and prints, per (actor, issue) cell, the gold items, recall within the best
3 candidates and the accepted candidates that are right, with the overall figures (targets:
recall@3 >= 0.8, precision >= 0.6). Writes results/eval_evidence.json. The test
tests/regression/test_evidence_gold.py checks the same figures against the targets.

    .venv/bin/python benchmarks/eval_evidence.py [SCENARIO] [--top-k 1] [--min-score 0.5]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from harness import save, table

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
GOLD = ROOT / "tests" / "data" / "evidence-gold" / "gold.yaml"
SEEDS = ROOT.parent / "shared" / "seeds"


def main() -> None:
    from accord.cli.inputs import load_input
    from accord.evidence.evaluation import evaluate_gold

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenario", nargs="?", default=None)
    parser.add_argument("--top-k", type=int, default=1)
    parser.add_argument("--min-score", type=float, default=0.5)
    args = parser.parse_args()

    scenario = load_input(args.scenario).scenario
    ev, claims = evaluate_gold(scenario, GOLD, SEEDS, top_k=args.top_k,
                               min_score=args.min_score)
    rows = [{"actor": c.actor, "issue": c.issue, "gold": c.gold,
             "recall@3": "" if c.recall_at_k is None else round(c.recall_at_k, 3),
             "accepted": c.accepted, "right": c.accepted_correct} for c in ev.cells]
    print(table(rows, ["actor", "issue", "gold", "recall@3", "accepted", "right"]))
    summary = ev.to_dict()
    print(f"\nscenario {scenario.id}: {summary['gold_items']} gold items in "
          f"{summary['gold_cells']} cells, {len(claims)} candidates, "
          f"{summary['accepted']} accepted")
    print(f"recall@3 micro {ev.recall_micro:.3f} (target 0.8), macro {ev.recall_macro:.3f}")
    print(f"precision of accepted {ev.precision:.3f} (target 0.6), precision@1 "
          f"{ev.precision_at_1:.3f}")
    print(f"direction hints right on {ev.directions_right}/{ev.directions_checked} matched "
          "gold items with a high/low direction")
    overall = {k: v for k, v in summary.items() if k != "cells"}
    print(f"wrote {save('eval_evidence', rows, summary=overall, scenario=scenario.id)}")


if __name__ == "__main__":
    main()
