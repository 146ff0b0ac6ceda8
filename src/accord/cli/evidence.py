"""``accord evidence``: candidate stances with quotes from articles, added to a scenario."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.progress import Progress

from accord._version import __version__
from accord.cli.app import (
    Format,
    FormatOption,
    command,
    emit_page,
    note,
    stderr_console,
)
from accord.cli.inputs import load_input
from accord.errors import UsageError
from accord.evidence import Extractor, accept_ids, accept_top, apply_claims
from accord.evidence import top_per_cell as shown_claims
from accord.evidence.embeddings import EmbeddingScorer
from accord.evidence.reading import read_articles
from accord.reports.document import Block, Cell, Heading, Page, Table
from accord.reports.formatting import count
from accord.scenario.save import check_new_file, write_scenario_file

if TYPE_CHECKING:
    from accord.evidence import ApplyReport, Article, Claim
    from accord.evidence.discovery import Finding
    from accord.scenario.schema import Scenario

HELP = """Find who demands what in articles, with the exact quote, as candidate stances.

Reads plain-text and HTML articles, finds the scenario's actors (names, aliases, people,
metonyms such as "the Kremlin"), scores each sentence against each issue (name, labels,
keywords) and looks for stance cues (demands, refusals, red lines, willingness, threats,
offers) with a hint toward one end of the issue's scale. Lists the best candidates of each
(actor, issue) and marks those that --apply would add (the best --top-k of each pair scoring
--min-score or more, or exactly the --accept IDs).

Examples: `accord evidence article.txt`; `accord evidence a.html b.txt --scenario my.yaml -f
json`; `accord evidence a.txt -s my.yaml --apply -o my-with-evidence.yaml`.
"""


def _plan_output(scenario_arg: str | None, apply: bool, output: Path | None,
                 in_place: bool, draft: bool, force: bool = False) -> Path | None:
    """Where --apply writes, checked before any work; usage errors for bad combinations, an
    existing file without --force, a missing or read-only folder."""
    if not apply:
        if output is not None or in_place or draft or force:
            raise UsageError("-o/--output, --in-place, --draft-stances and --force go with "
                             "--apply")
        return None
    if in_place and output is not None:
        raise UsageError("give either -o/--output or --in-place, not both")
    if in_place:
        if scenario_arg is None or not os.path.isfile(scenario_arg):
            raise UsageError("--in-place needs --scenario to be a scenario file (a built-in "
                             "case cannot be changed; use -o FILE)")
        if not scenario_arg.lower().endswith((".yaml", ".yml")):
            raise UsageError("--in-place only rewrites YAML scenario files; use -o FILE.yaml")
        return Path(scenario_arg)
    if output is None:
        raise UsageError("--apply writes a new scenario file: give -o FILE (or --in-place to "
                         "rewrite the scenario file itself)")
    if scenario_arg is not None and os.path.exists(scenario_arg) and os.path.exists(output) \
            and os.path.samefile(scenario_arg, output):
        raise UsageError(f"-o {output} is the scenario file itself; use --in-place to rewrite it")
    return check_new_file(output, force=force)


def _extract(scenario: Scenario, articles: list[Article],
             embeddings: bool) -> tuple[list[Claim], dict[str, int], list[Finding]]:

    semantic = None
    if embeddings:

        note("loading the sentence-embedding model (all-MiniLM-L6-v2, offline)")
        semantic = EmbeddingScorer(scenario.issues)
    extractor = Extractor(scenario, semantic=semantic)
    show = sys.stderr.isatty() and len(articles) > 1
    with Progress(console=stderr_console(), transient=True, disable=not show) as progress:
        task = progress.add_task("reading articles", total=len(articles))
        claims = extractor.extract_all(articles, progress=lambda _: progress.advance(task))
    return claims, extractor.sentence_counts, extractor.findings


def _short(text: str, width: int = 110) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _toward(c: Claim) -> str:
    if c.direction is None or c.toward is None:
        return "—"
    label = f" {_short(c.toward_label, 40)}" if c.toward_label else ""
    return f"{c.toward:g}{label}"


def _document(scenario: Scenario, articles: list[Article], shown: list[Claim],
              accepted: set[str], applied: dict[str, Any] | None,
              sentences: dict[str, int], findings: list[Finding]) -> dict[str, Any]:
    return {
        "accord": __version__,
        "scenario": {"id": scenario.id, "digest": scenario.digest()},
        "articles": [{"path": a.path, "file": a.name, "kind": a.kind, "title": a.title,
                      "date": a.date, "sentences": sentences[a.path]} for a in articles],
        "claims": [c.to_dict(accepted=c.id in accepted) for c in shown],
        "accepted": sorted(accepted),
        "applied": applied,
        "not_in_scenario": [f.to_dict() for f in findings],
    }


def _findings_rows(findings: list[Finding], width: int) -> list[list[str]]:
    """Rows of the "not in the scenario" listing: who, about what, the quote, where."""
    rows = []
    for f in findings:
        what = (f"actor {f.actor} ({f.actor_name})" if f.kind == "actor"
                else f"issue '{f.topic}'")
        about = f.issue or (f.topic if f.kind == "actor" else f.actor)
        rows.append([what, about or "—", f.cue or "—", _short(f.quote, width),
                     f"{f.file}:{f.line}:{f.col}"])
    return rows


def _applied(report: ApplyReport, output: Path) -> dict[str, Any]:
    return {"output": str(output), "added": [c.id for c in report.added],
            "duplicates": [c.id for c in report.duplicates],
            "skipped": [{"id": c.id, "reason": why} for c, why in report.skipped],
            "drafted": [f"{a}/{i}" for a, i in report.drafted],
            "new_sources": report.new_sources}


@command("evidence", help=HELP)
def evidence(
    articles: Annotated[list[Path], typer.Argument(
        metavar="ARTICLE...",
            help="Article files: plain text (UTF-8) or HTML (.html/.htm or starting with <html>).",
        show_default=False)],
    scenario: Annotated[str | None, typer.Option(
        "--scenario", "-s", metavar="SCENARIO",
        help="Scenario file or built-in case id whose actors and issues "
             "to look for (default: the built-in case).")] = None,
    per_cell: Annotated[int, typer.Option(
        "--per-cell", metavar="N", min=0,
        help="Candidates shown per (actor, issue); 0 shows all.")] = 3,
    top_k: Annotated[int, typer.Option(
        "--top-k", metavar="K", min=1,
        help="Accept the best K candidates of each (actor, issue) ...")] = 1,
    min_score: Annotated[float, typer.Option(
        "--min-score", metavar="SCORE", min=0.0, max=1.0,
        help="... that score at least this (0-1).")] = 0.5,
    accept: Annotated[list[str] | None, typer.Option(
        "--accept", metavar="ID",
        help="Accept exactly these candidate ids instead (repeatable).")] = None,
    apply: Annotated[bool, typer.Option(
        "--apply", help="Write a scenario with the accepted claims added as evidence.")] = False,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", metavar="FILE",
        help="With --apply: the new scenario file (never the input).")
    ] = None,
    in_place: Annotated[bool, typer.Option(
        "--in-place", help="With --apply: rewrite the scenario file itself.")] = False,
    draft_stances: Annotated[bool, typer.Option(
        "--draft-stances", help="With --apply: draft a stance (position at the end the quote "
                                "points to, salience 0.5, marked as a draft) for accepted "
                                "claims whose actor and issue have none.")] = False,
    embeddings: Annotated[bool, typer.Option(
        "--embeddings", help="Also score issues by meaning with sentence embeddings (needs "
                             "the extra accord[embeddings]).")] = False,
    force: Annotated[bool, typer.Option(
        "--force", help="With --apply -o: overwrite the output file if it exists.")] = False,
    fmt: FormatOption = Format.table,
) -> None:

    target = _plan_output(scenario, apply, output, in_place, draft_stances, force)
    loaded = load_input(scenario)
    if loaded.is_collection:
        raise UsageError(f"{loaded.name} holds {len(loaded.scenarios)} scenarios; evidence "
                         "needs one scenario")
    for text in loaded.notes:
        note(text)
    scn = loaded.scenario
    docs = read_articles(articles)
    claims, counts, findings = _extract(scn, docs, embeddings)
    chosen = accept_ids(claims, accept) if accept else accept_top(
        claims, top_k=top_k, min_score=min_score)
    accepted = {c.id for c in chosen}
    applied: dict[str, Any] | None = None
    if target is not None:
        new, report = apply_claims(scn, chosen, docs, draft_stances=draft_stances)
        write_scenario_file(new, target, force=force or in_place)
        applied = _applied(report, target)
        note(f"wrote {target}: {len(report.added)} quotes added"
             + (f", {len(report.duplicates)} already there" if report.duplicates else "")
             + (f", {len(report.new_sources)} new sources" if report.new_sources else "")
             + (f", drafted stances {', '.join(applied['drafted'])}" if report.drafted else ""))
        for c, why in report.skipped:
            note(f"not added {c.id}: {why}")
    shown = shown_claims(claims, per_cell)
    shown += [c for c in chosen if c not in shown]
    width = 300 if fmt is Format.markdown else 160
    rows = tuple((Cell("✓" if c.id in accepted else ""),
                  Cell(f"{c.actor} · {c.issue}", note=f"{c.id} {c.file}:{c.line}:{c.col}"),
                  f"{c.score:.2f}",
                  Cell(c.cue or "—", note=None if _toward(c) == "—" else f"→ {_toward(c)}"),
                  Cell(_short(c.quote, width), quote=True))
                 for c in shown)
    if not rows and fmt is not Format.json:
        note("no candidate found: check the scenario's aliases, people and issue keywords")
    blocks: list[Block] = [Table(headers=("", "Candidate", "Score", "Cue / toward", "Quote"),
                                 rows=rows, numeric=(2,), wide=(4,),
                                 caption="✓ = accepted (what --apply adds)")]
    found_rows = _findings_rows(findings, width)
    if found_rows:
        blocks += [Heading("Not in the scenario: parties it does not name and positions on "
                           "none of its issues (add them by hand if they matter)"),
                   Table(headers=("Not in the scenario", "About / by", "Cue", "Quote",
                                  "Where"), rows=tuple(tuple(r) for r in found_rows),
                         wide=(3,))]
    emit_page(Page(f"Evidence for {scn.id} ({count(len(docs), 'article')})", tuple(blocks)), fmt,
              _document(scn, docs, shown, accepted, applied, counts, findings))
