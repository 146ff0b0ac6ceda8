"""``accord update``: draft the next snapshot of a scenario from new articles (docs/evidence.md).

The command reads the articles, lists proposed changes (position, salience, red line, new
stances, quotes as evidence; new actors and issues to add by hand), and writes the draft with
the accepted proposals applied and every other stance carried over. The drafting itself is
:mod:`accord.evidence.drafting` (pure functions); this module parses, writes and renders.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table

from accord.cli.app import Format, FormatOption, command, emit_json, emit_table, emit_text, note
from accord.errors import UsageError

if TYPE_CHECKING:
    from accord.evidence.drafting import Proposal
    from accord.scenario.schema import Scenario

HELP = """Draft the next snapshot of a scenario from new articles.

Reads the articles against SNAPSHOT's actors and issues and proposes, per actor and issue,
changes of position, salience and red line, each with its quote, the old and new number and a
reason; actors and issues the scenario lacks are proposed to add by hand. Writes the draft
(-o) with the proposals applied and every stance the articles are silent on carried over and
marked carried_over. Review: run again with --accept ID... (only those) or --reject ID...
(all but those), and --force to overwrite the draft.

Example: `accord update ukraine-2025-12 new-article.txt -o ukraine-2026-02.yaml --as-of
2026-02-04`.
"""

_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def _chosen(proposals: list[Proposal], accept: list[str] | None,
            reject: list[str] | None) -> set[str]:
    """Ids of the accepted proposals; unknown ids and new actors/issues are usage errors."""
    known = {p.id: p for p in proposals}
    for option, ids in (("--accept", accept), ("--reject", reject)):
        missing = [i for i in ids or [] if i not in known]
        if missing:
            raise UsageError(f"{option}: no proposal with id {', '.join(missing)} (ids are "
                             "listed by `accord update` and depend on the files and scenario)")
    manual = [i for i in accept or [] if not known[i].addable]
    if manual:
        raise UsageError(f"--accept {', '.join(manual)}: new actors and issues are proposed "
                         "only; add them to the scenario by hand")
    base = set(accept) if accept else {p.id for p in proposals if p.addable}
    return base - set(reject or [])


def _as_of(given: str | None, dates: list[str], scenario: Scenario) -> str | None:
    if given is not None:
        if not _DATE.fullmatch(given):
            raise UsageError(f"--as-of {given}: use YYYY, YYYY-MM or YYYY-MM-DD")
        return given
    if dates:
        return max(dates)
    return str(scenario.as_of) if scenario.as_of else None


def _number(value: float | None) -> str:
    return "—" if value is None else f"{value:g}"


def _rows(proposals: list[Proposal], accepted: set[str], width: int) -> list[list[str]]:
    rows = []
    for p in proposals:
        mark = "✓" if p.id in accepted else ("+" if not p.addable else "")
        cell = f"{p.actor or '?'} · {p.issue or '?'}"
        change = (f"{_number(p.old)} → {_number(p.new)}" if p.kind != "evidence" else "quote")
        if not p.addable:
            change = f"{p.count} statement{'s' if p.count != 1 else ''}"
        quote = " ".join(p.quote.split())
        quote = quote if len(quote) <= width else quote[: width - 1] + "…"
        rows.append([mark, p.id, p.kind, cell, change, p.reason, quote,
                     f"{p.file}:{p.line}:{p.col}"])
    return rows


@command("update", help=HELP)
def update(
    snapshot: Annotated[str, typer.Argument(
        help="The scenario to update: a scenario file or a built-in case id.",
        show_default=False)],
    articles: Annotated[list[Path], typer.Argument(
        help="New articles: plain text (UTF-8) or HTML.", show_default=False)],
    output: Annotated[Path, typer.Option(
        "--output", "-o", help="Where to write the draft (never overwritten without --force).",
        show_default=False)],
    as_of: Annotated[str | None, typer.Option(
        "--as-of", help="Date of the new snapshot (default: the latest article date, else "
                        "the snapshot's).")] = None,
    accept: Annotated[list[str] | None, typer.Option(
        "--accept", help="Apply only these proposal ids (repeatable).")] = None,
    reject: Annotated[list[str] | None, typer.Option(
        "--reject", help="Do not apply these proposal ids (repeatable).")] = None,
    new_id: Annotated[str | None, typer.Option(
        "--id", help="Id of the new snapshot (default: the old id with its date replaced by "
                     "--as-of).")] = None,
    min_score: Annotated[float, typer.Option(
        "--min-score", min=0.0, max=1.0, help="Weakest candidate a proposal rests on (0-1).")
    ] = 0.5,
    force: Annotated[bool, typer.Option(
        "--force", help="Overwrite the output file if it exists.")] = False,
    fmt: FormatOption = Format.table,
) -> None:
    from accord.cli.evidence import _read_articles
    from accord.evidence import Extractor
    from accord.evidence.drafting import draft, next_id, propose
    from accord.scenario.inputs import load_input
    from accord.scenario.save import check_new_file, write_scenario_file

    check_new_file(output, force=force)
    loaded = load_input(snapshot)
    if loaded.is_collection:
        raise UsageError(f"{loaded.name} holds {len(loaded.scenarios)} scenarios; update needs "
                         "one scenario")
    for text in loaded.notes:
        note(text)
    scn = loaded.scenario
    docs = _read_articles(articles)
    extractor = Extractor(scn)
    claims = extractor.extract_all(docs)
    proposals = propose(scn, claims, extractor.findings, min_score=min_score)
    accepted = _chosen(proposals, accept, reject)
    when = _as_of(as_of, [a.date for a in docs if a.date], scn)
    ident = new_id or next_id(scn, when)
    try:
        new = draft(scn, proposals, claims, docs, accepted=accepted, scenario_id=ident,
                    as_of=when)
    except ValueError as exc:  # e.g. an --id or --as-of the schema refuses
        raise UsageError(f"the draft is not a valid scenario: {exc}") from None
    target = write_scenario_file(new, output, force=force)
    carried = [(s.actor, s.issue) for s in new.stances if s.carried_over]
    note(f"wrote {target}: {len(accepted)} of {sum(p.addable for p in proposals)} proposals "
         f"applied, {len(carried)} of {len(new.stances)} stances carried over unchanged")
    if fmt is Format.json:
        emit_json(_document(scn, new, target, docs, proposals, accepted, carried, extractor))
        return
    headers = ["", "ID", "Kind", "Actor · issue", "Change", "Reason", "Quote", "Where"]
    rows = _rows(proposals, accepted, 300 if fmt is Format.markdown else 140)
    legend = "✓ = applied in the draft, + = add by hand (new actor or issue)"
    if fmt is Format.markdown:
        from accord.reports.runs import markdown_table

        emit_text(f"## Update of {scn.id} → {new.id}\n\n" + markdown_table(headers, rows)
                  + f"\n\n{legend}; {len(carried)} stances carried over unchanged.")
        return
    if not rows:
        note("no proposal: the articles name none of the scenario's actors on its issues")
    table = Table(title=f"Update of {scn.id} → {new.id} ({len(docs)} articles; {legend})",
                  title_justify="left", show_lines=True)
    table.add_column("", no_wrap=True)
    table.add_column("Proposal", no_wrap=True)
    table.add_column("Change", no_wrap=True)
    table.add_column("Reason", max_width=40)
    table.add_column("Quote", ratio=1)
    for mark, ident_, kind, cell, change, reason, quote, where in rows:
        table.add_row(mark, f"{cell}\n{ident_}\n{where}", f"{kind}\n{change}", reason, quote)
    emit_table(table)
    print(f"{len(carried)} stances carried over unchanged: "
          + ", ".join(f"{a}/{i}" for a, i in carried[:12])
          + (" ..." if len(carried) > 12 else ""), file=sys.stderr)


def _document(old: Scenario, new: Scenario, target: Path, docs: list[Any],
              proposals: list[Proposal], accepted: set[str],
              carried: list[tuple[str, str]], extractor: Any) -> dict[str, Any]:
    from accord._version import __version__

    return {
        "accord": __version__,
        "scenario": {"id": old.id, "digest": old.digest()},
        "draft": {"id": new.id, "digest": new.digest(), "as_of": str(new.as_of) if new.as_of
                  else None, "output": str(target)},
        "articles": [{"path": a.path, "file": a.name, "kind": a.kind, "title": a.title,
                      "date": a.date, "sentences": extractor.sentence_counts[a.path]}
                     for a in docs],
        "proposals": [p.to_dict(accepted=p.id in accepted) for p in proposals],
        "accepted": sorted(accepted),
        "carried_over": [{"actor": a, "issue": i} for a, i in carried],
        "not_in_scenario": [f.to_dict() for f in extractor.findings],
    }
