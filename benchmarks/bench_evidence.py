"""Throughput of the lexical evidence path (issue #8 target: at least 2,000 sentences/second).

Runs the whole lexical pipeline (sentence splitting with offsets, actor mentions, issue terms,
cues, attribution, direction, ranking) of `accord evidence` over the five seed articles,
repeated to make a corpus of a few thousand sentences, against the built-in case. Reading the
files is left out (it is I/O); HTML extraction is measured separately per page. Prints the
median sentences/second and its ratio to the target, and writes results/bench_evidence.json.

    .venv/bin/python benchmarks/bench_evidence.py [--repeat 5] [--copies 10]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from harness import save, table, timeit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
TARGET = 2000.0
SEEDS = ROOT.parent / "shared" / "seeds"
HTML = ROOT / "tests" / "data" / "evidence" / "html" / "talks-stall.html"


def main() -> None:
    from accord.cases import load_case
    from accord.evidence.extract import Extractor
    from accord.evidence.reading import parse_article, read_article
    from accord.evidence.sentences import split_sentences

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--copies", type=int, default=10)
    args = parser.parse_args()

    scenario = load_case("ukraine-2025-12")
    texts = [p.read_text("utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    # Each copy is a distinct article (a number changes every sentence's first word) so no
    # cache of sentences could help; stems repeat, as they do in any real corpus.
    articles = [parse_article(f"Copy {k}.\n\n{t}", f"copy{k}-{n}.txt")
                for k in range(args.copies) for n, t in enumerate(texts)]
    sentences = sum(len(split_sentences(a.text)) for a in articles)

    def lexical() -> None:
        Extractor(scenario).extract_all(articles)

    def split_only() -> None:
        for a in articles:
            split_sentences(a.text)

    full = timeit(lexical, repeat=args.repeat)
    split = timeit(split_only, repeat=args.repeat)
    html = HTML.read_text("utf-8")
    page = timeit(lambda: read_article(HTML), repeat=args.repeat)
    rate = sentences / full.median
    rows = [
        {"step": "lexical path (split + extract)", "sentences": sentences,
         "median_s": full.median, "best_s": full.best, "sentences_per_s": rate,
         "ratio_vs_target": rate / TARGET},
        {"step": "sentence splitting only", "sentences": sentences, "median_s": split.median,
         "best_s": split.best, "sentences_per_s": sentences / split.median,
         "ratio_vs_target": sentences / split.median / TARGET},
        {"step": "HTML page read + extract (trafilatura)", "sentences": "", "median_s":
         page.median, "best_s": page.best, "sentences_per_s": "", "ratio_vs_target": "",
         "bytes": len(html.encode())},
    ]
    print(table(rows, ["step", "sentences", "median_s", "best_s", "sentences_per_s",
                       "ratio_vs_target"]))
    print(f"\nlexical path: {rate:,.0f} sentences/s, {rate / TARGET:.2f}x the target of "
          f"{TARGET:,.0f}/s")
    print(f"wrote {save('bench_evidence', rows, target_sentences_per_s=TARGET)}")


if __name__ == "__main__":
    main()
