"""``accord bargain``: is there a deal every veto player accepts, what would it take, when?"""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from accord.cli.app import (
    Format,
    FormatOption,
    command,
    emit_json,
    emit_table,
    emit_text,
    note,
    stdout_console,
)
from accord.cli.run import ScenarioArg
from accord.cli.store import DbOption, NoStoreOption, RecordedRun, input_text
from accord.errors import UsageError


def _no_deal(items: list[str] | None) -> dict[str, float]:
    out: dict[str, float] = {}
    for item in items or []:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise UsageError(f"--no-deal takes ISSUE=VALUE, got '{item}'")
        try:
            out[key.strip()] = float(value)
        except ValueError:
            raise UsageError(f"--no-deal {key.strip()}: '{value.strip()}' is not a number") \
                from None
    return out


HorizonOption = Annotated[int, typer.Option(
    "--horizon", min=0, max=1200, help="Months to look ahead for a zone to open.")]
"""``--horizon`` of every command that asks when a zone opens (bargain, mc, report, timeline)."""


@command("bargain", help="The bargaining space: per issue the zone every veto player accepts "
                         "(ZOPA), the verdict (deal possible / no deal) with the red lines that "
                         "block, the smallest concessions that open a zone, the Nash bargaining "
                         "solution, and the first month a zone opens as the stated costs of no "
                         "deal move red lines.\n\n"
                         "Examples: `accord bargain`; `accord bargain FILE.yaml --loss "
                         "quadratic -f json`; `accord bargain --weighted --horizon 120`. "
                         "See docs/bargaining.md.")
def bargain(
    scenario: ScenarioArg = None,
    loss: Annotated[str, typer.Option(
        "--loss", help="Loss of distance from an actor's position: linear or quadratic.")
    ] = "linear",
    no_deal_rule: Annotated[str, typer.Option(
        "--disagreement", help="What each veto player expects from no deal: reservation "
                               "(its own red lines, else the status quo, else the worst "
                               "case), status-quo (status quo first) or worst.")
    ] = "reservation",
    no_deal: Annotated[list[str] | None, typer.Option(
        "--no-deal", help="Explicit no-deal outcome of an issue, ISSUE=VALUE on the issue's "
                          "scale (repeatable); overrides --disagreement on that issue.")
    ] = None,
    power: Annotated[str, typer.Option(
        "--power", help="Nash bargaining power: capability-salience, capability or equal.")
    ] = "capability-salience",
    weighted: Annotated[bool, typer.Option(
        "--weighted/--unweighted", help="Weight each concession by the actor's salience on "
                                        "the issue (default: total points moved).")
    ] = False,
    horizon: HorizonOption = 60,
    fmt: FormatOption = Format.table,
    no_store: NoStoreOption = False,
    db: DbOption = None,
) -> None:
    from dataclasses import asdict

    from accord.bargaining import BargainOptions, analyse, analysis_document
    from accord.reports.bargain import bargain_markdown
    from accord.runspec import bargain_spec
    from accord.scenario.inputs import load_input

    options = BargainOptions(loss=loss, disagreement=no_deal_rule,  # type: ignore[arg-type]
                             no_deal=_no_deal(no_deal), power=power,  # type: ignore[arg-type]
                             weighted=weighted, horizon=horizon)
    loaded = load_input(scenario)
    for text in loaded.notes:
        note(text)
    scn = loaded.scenario
    if scn.is_uncertain():
        note("the scenario has distributions; the bargaining analysis uses their point values "
             "(`accord mc` gives the probability of each verdict)")
    spec = bargain_spec(scn, asdict(options))
    with RecordedRun(db, not no_store, spec, scn, input_text(scenario, loaded)) as rec:
        doc = analysis_document(analyse(scn, options))
        rec.finish(doc)
    if fmt is Format.json:
        emit_json(doc)
    elif fmt is Format.markdown:
        emit_text(bargain_markdown(scn, doc))
    else:
        _table(scn, doc)


def _table(scn: object, doc: dict[str, object]) -> None:
    from accord.reports.bargain import (
        concession_rows,
        issue_rows,
        nash_header,
        summary,
        timeline_rows,
        timeline_title,
    )
    from accord.scenario.schema import Scenario

    assert isinstance(scn, Scenario)
    console = stdout_console()
    title = scn.title + (f" (as of {scn.as_of})" if scn.as_of else "")
    console.print(Text(title, style="bold"))
    console.print(" ".join(summary(scn, doc)), soft_wrap=False)
    console.print()
    table = Table("Issue", "Zone", "Blocking red lines", nash_header(doc),
                  title="Zones of possible agreement", title_justify="left")
    for row in issue_rows(scn, doc):
        table.add_row(*row)
    emit_table(table)
    rows = concession_rows(scn, doc)
    if rows:
        table = Table("Actor", "Issue", "From", "To", "By", title="Smallest concessions",
                      title_justify="left")
        for row in rows:
            table.add_row(*row)
        emit_table(table)
    moved = timeline_rows(scn, doc)
    timeline = doc["timeline"]
    assert isinstance(timeline, dict)
    if moved and timeline["months"] != 0:
        table = Table("Actor", "Issue", "Side", "Stated", "Then", title=timeline_title(doc),
                      title_justify="left")
        for row in moved:
            table.add_row(*row)
        emit_table(table)
