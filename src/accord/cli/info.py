"""``accord cases`` and ``accord models``."""

from __future__ import annotations

from accord.cases import list_cases
from accord.cli.app import Format, FormatOption, command, emit_page
from accord.reports.document import Page, Table
from accord.workflows.registry import MODELS


@command("cases", help="List the built-in cases (the default is marked with *).")
def cases(fmt: FormatOption = Format.table) -> None:
    infos = list_cases()
    rows = tuple((("* " if i.default else "") + i.id, i.as_of or "", i.title, str(i.actors),
                  str(i.issues)) for i in infos)
    table = Table(headers=("Case", "As of", "Title", "Actors", "Issues"), rows=rows,
                  numeric=(3, 4))
    emit_page(Page("Built-in cases (* = default)", (table,)), fmt,
              [info.__dict__ for info in infos])


@command("models", help="List the forecasting models with their presets and parameters, "
                        "and which of them `accord run` runs by default.")
def models(fmt: FormatOption = Format.table) -> None:
    entries = [{
        "name": m.name, "title": m.title, "citation": m.citation, "default": m.default,
        "presets": list(m.presets), "default_preset": m.default_preset,
        "parameters": {k: repr(f.default) for k, f in m.params_type.model_fields.items()},
    } for m in MODELS.values()]
    rows = tuple((m.name, "yes" if m.default else "", m.title, ", ".join(m.presets) or "—",
                  m.citation) for m in MODELS.values())
    table = Table(headers=("Model", "Default", "What it is", "Presets", "Source"), rows=rows,
                  caption="Default: run by `accord run` without --model; the others run with "
                          "--model NAME (repeatable).")
    emit_page(Page("Models (accord run --model NAME [--preset P])", (table,)), fmt, entries)
