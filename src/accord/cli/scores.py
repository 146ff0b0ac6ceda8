"""``accord forecast score``: Brier and log scores per forecaster, and calibration."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Annotated, Any

import typer

from accord.cli.app import Format, FormatOption, emit_page, note
from accord.cli.forecast import forecast_app
from accord.cli.store import DbOption, open_db, store_command
from accord.errors import UsageError
from accord.ledger.forecast_scores import (
    CalibrationBin,
    GroupScore,
    calibration,
    group_score,
    score_groups,
)
from accord.reports.calibration_chart import calibration_figure
from accord.reports.document import Block, Heading, Page, Paragraph, Table
from accord.reports.formatting import count
from accord.reports.output import mark, written_by_accord
from accord.textfile import check_destination, write_output

BY_CHOICES = ("origin", "author", "source", "model", "issue", "all")


def _group_key(by: str) -> Any:
    keys: dict[str, Any] = {
        "origin": lambda f: f.origin,
        "author": lambda f: f.author or "(no author)",
        "source": lambda f: f.source or "(no source)",
        "model": lambda f: f.model or "(not accord)",
        "issue": lambda f: f.issue or "(no issue)",
        "all": lambda f: "all forecasts",
    }
    if by not in keys:
        raise UsageError(f"--by takes {', '.join(BY_CHOICES)}, not '{by}'")
    return keys[by]


def _fmt(value: float | None, spec: str) -> str:
    return "—" if value is None else format(value, spec)


@store_command("score", group=forecast_app,
               help="Score resolved forecasts per forecaster: Brier score (0 best, 0.25 = "
                    "always 50%) and log score (0 best, -0.693 = always 50%) of probability "
                    "forecasts, how many plain claims came true, mean absolute error of "
                    "predicted values; and calibration by probability bins.")
def score(
    by: Annotated[str, typer.Option(
        "--by", metavar="GROUPING",
        help="Group by origin (the author, or accord's model), author, source, model, "
             "issue, or all.")] = "origin",
    bins: Annotated[int, typer.Option("--bins", metavar="N", min=1, max=100,
                                      help="Calibration bins of probability.")] = 10,
    chart: Annotated[str | None, typer.Option(
        "--chart", metavar="FILE", help="Also draw the calibration chart to FILE (.svg, "
                                        ".png; needs matplotlib).")] = None,
    all_groups: Annotated[bool, typer.Option(
        "--all-groups", help="Also list forecasters with nothing resolved yet.")] = False,
    force: Annotated[bool, typer.Option(
        "--force", help="With --chart: overwrite the file even if it is not a chart accord "
                        "wrote.")] = False,
    db: DbOption = None,
    fmt: FormatOption = Format.table,
) -> None:
    from accord.store.forecasts import list_forecasts  # SQLAlchemy (a second): only here

    key = _group_key(by)
    if chart is not None:
        _check_chart(chart, force)
    elif force:
        raise UsageError("--force goes with --chart")
    store = open_db(db)
    try:
        items = list_forecasts(store)
    finally:
        store.close()
    groups = score_groups(items, key)
    overall = group_score("all forecasts", items)
    cal = calibration(items, bins)
    if chart is not None:
        _draw(cal, chart)
    document = {"by": by, "groups": [_score_doc(g) for g in groups],
                "overall": _score_doc(overall), "calibration": [_bin_doc(b) for b in cal]}
    shown = groups if all_groups else [g for g in groups if g.resolved]
    hidden = len(groups) - len(shown)
    headers, rows = _score_table(by, shown, overall)
    cal_rows = tuple((f"{b.low:.0%}–{b.high:.0%}", str(b.count), _fmt(b.mean_probability, ".0%"),
                      _fmt(b.observed, ".0%")) for b in cal if b.count)
    caption = ("Always saying 50% scores Brier 0.250 and log score -0.693."
               if overall.probabilities else "")
    if hidden:
        caption += (f" {count(hidden, 'forecaster')} with nothing resolved yet not shown "
                    "(--all-groups shows them).")
    title = "Forecast scores (Brier: lower is better; log score: higher is better)"
    if not items:
        blocks: list[Block] = [Paragraph(
            f"The ledger in {store.display_url} is empty: add forecasts with `accord forecast "
            "add` or `accord forecast import-case`.")]
    else:
        blocks = [Table(headers=tuple(headers), rows=tuple(tuple(r) for r in rows),
                        numeric=tuple(range(1, len(headers))),
                        caption=caption.strip() or None)]
        if cal_rows:
            blocks += [Heading("Calibration of probability forecasts"),
                       Table(headers=("Probability", "Forecasts", "Mean forecast",
                                      "Came true"), rows=cal_rows, numeric=(1, 2, 3))]
    emit_page(Page(title, tuple(blocks)), fmt, document)


def _score_table(by: str, groups: list[GroupScore], overall: GroupScore
                 ) -> tuple[list[str], list[list[str]]]:
    """Headers and rows of the score table, with columns only for the kinds of forecast the
    ledger has resolved (probabilities, plain claims, predicted values)."""
    kinds = [k for k, n in (("p", overall.probabilities), ("claims", overall.statements),
                            ("values", overall.values)) if n]
    headers = ["Forecaster" if by == "origin" else by.capitalize(), "Forecasts", "Resolved"]
    if "p" in kinds:
        headers += (["With p"] if len(kinds) > 1 else []) + ["Brier", "Log score"]
    if "claims" in kinds:
        headers.append("Claims true")
    if "values" in kinds:
        headers += ["Values", "Mean abs. error"]

    def row(g: GroupScore) -> list[str]:
        cells = [g.group, str(g.forecasts), str(g.resolved)]
        if "p" in kinds:
            cells += (([str(g.probabilities)] if len(kinds) > 1 else [])
                      + [_fmt(g.brier, ".3f"), _fmt(g.log_score, ".3f")])
        if "claims" in kinds:
            cells.append(f"{g.came_true}/{g.statements}" if g.statements else "—")
        if "values" in kinds:
            cells += [str(g.values or "—"), _fmt(g.mean_abs_error, ".3g")]
        return cells

    rows = [row(g) for g in groups]
    if by != "all":
        rows.append(row(overall))
    return headers, rows


def _score_doc(g: GroupScore) -> dict[str, Any]:
    return {"group": g.group, "forecasts": g.forecasts, "resolved": g.resolved,
            "probabilities": g.probabilities, "brier": g.brier, "log_score": g.log_score,
            "statements": g.statements, "came_true": g.came_true, "values": g.values,
            "mean_abs_error": g.mean_abs_error}


def _bin_doc(b: CalibrationBin) -> dict[str, Any]:
    return {"low": b.low, "high": b.high, "count": b.count, "hits": b.hits,
            "mean_probability": b.mean_probability, "observed": b.observed}


def _check_chart(path: str, force: bool) -> None:
    """The --chart destination, checked before any work (accord.textfile.check_destination)."""
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix not in ("svg", "png", "pdf"):
        raise UsageError(f"--chart writes .svg, .png or .pdf, not '{path}'")
    check_destination(path, "--chart", force=force, kind="a chart",
                      owned=lambda p: written_by_accord(p, suffix))


def _draw(bins: list[CalibrationBin], path: str) -> None:
    suffix = Path(path).suffix.lower().lstrip(".")
    try:
        fig = calibration_figure(bins)
    except ImportError as exc:
        raise UsageError(str(exc)) from None
    buf = io.BytesIO()
    fig.savefig(buf, format=suffix, metadata={"Creator": "accord"} if suffix == "pdf" else None)
    write_output(path, mark(buf.getvalue(), suffix), "--chart")
    note(f"calibration chart written to {path}")
