"""``accord update``: draft the next snapshot of a scenario from new articles (docs/evidence.md).

The command reads the articles, lists proposed changes (position, salience, red line, new
stances, quotes as evidence; new actors and issues to add by hand), and writes the draft with
the accepted proposals applied and every other stance carried over. The work is
:func:`accord.workflows.update.draft_update`; this module parses, writes and renders.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from accord.cli.app import Format, FormatOption, command, emit_page, note
from accord.cli.inputs import load_input
from accord.errors import UsageError
from accord.evidence.reading import read_articles
from accord.reports.update_view import update_page
from accord.scenario.save import check_new_file, write_scenario_file
from accord.workflows.update import draft_update

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

@command("update", help=HELP)
def update(
    snapshot: Annotated[str, typer.Argument(
        metavar="SNAPSHOT", help="The scenario to update: a scenario file or a built-in case id.",
        show_default=False)],
    articles: Annotated[list[Path], typer.Argument(
        metavar="ARTICLE...",
            help="New articles: plain text (UTF-8) or HTML.", show_default=False)],
    output: Annotated[Path, typer.Option(
        "--output", "-o", metavar="FILE",
        help="Where to write the draft (never overwritten without --force).",
        show_default=False)],
    as_of: Annotated[str | None, typer.Option(
        "--as-of", metavar="DATE",
        help="Date of the new snapshot (default: the latest article date, else "
             "the snapshot's).")] = None,
    accept: Annotated[list[str] | None, typer.Option(
        "--accept", metavar="ID", help="Apply only these proposal ids (repeatable).")] = None,
    reject: Annotated[list[str] | None, typer.Option(
        "--reject", metavar="ID", help="Do not apply these proposal ids (repeatable).")] = None,
    new_id: Annotated[str | None, typer.Option(
        "--id", metavar="ID",
        help="Id of the new snapshot (default: the old id with its date replaced by "
             "--as-of).")] = None,
    min_score: Annotated[float, typer.Option(
        "--min-score", metavar="SCORE", min=0.0, max=1.0,
        help="Weakest candidate a proposal rests on (0-1).")
    ] = 0.5,
    force: Annotated[bool, typer.Option(
        "--force", help="Overwrite the output file if it exists.")] = False,
    fmt: FormatOption = Format.table,
) -> None:
    check_new_file(output, force=force)
    loaded = load_input(snapshot)
    if loaded.is_collection:
        raise UsageError(f"{loaded.name} holds {len(loaded.scenarios)} scenarios; update needs "
                         "one scenario")
    for text in loaded.notes:
        note(text)
    done = draft_update(loaded.scenario, read_articles(articles), accept=accept or None,
                        reject=reject, as_of=as_of, new_id=new_id, min_score=min_score)
    target = write_scenario_file(done.new, output, force=force)
    note(f"wrote {target}: {len(done.accepted)} of {done.addable} proposals applied, "
         f"{len(done.carried)} of {len(done.new.stances)} stances carried over unchanged")
    if not done.proposals and fmt is not Format.json:
        note("no proposal: the articles name none of the scenario's actors on its issues")
    emit_page(update_page(done, 300 if fmt is Format.markdown else 140), fmt,
              done.document(target))
