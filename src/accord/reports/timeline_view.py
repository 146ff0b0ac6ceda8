"""What ``accord timeline`` prints: the verdict over time, then one block per issue.

Rows are built once from a :class:`~accord.workflows.timeline.Timeline` and shared by the
terminal, Markdown and the report, with the snapshots as columns (oldest first).
"""

from __future__ import annotations

from accord.bargaining.zopa import Blocking
from accord.reports.backtest_view import backtest_blocks
from accord.reports.document import Block, Heading, Page, Paragraph, Table
from accord.reports.formatting import count, decimals_for, short_label
from accord.scenario.schema import Issue
from accord.workflows.timeline import IssueTimeline, Timeline


def _num(value: float, low: float, high: float) -> str:
    text = f"{value:.{decimals_for(low, high) - 1 or 1}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def actor_name(t: Timeline, actor_id: str, width: int = 20) -> str:
    """The actor's name in the latest snapshot that has it (its id when the name is long)."""
    for run in reversed(t.runs):
        for a in run.scenario.actors:
            if a.id == actor_id:
                return a.name if len(a.name) <= width else actor_id
    return actor_id


def snapshot_headers(t: Timeline) -> list[str]:
    """Column headers: each snapshot's date (``YYYY-MM``; the full date if two share a month)."""
    months = [r.as_of[:7] for r in t.runs]
    return [r.as_of if months.count(r.as_of[:7]) > 1 else r.as_of[:7] for r in t.runs]


def _list(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _blocking_text(t: Timeline, issue: Issue, pairs: list[Blocking]) -> str:
    """The crossing red lines of one issue: each minimum against the maxima it crosses,
    actors at the same maximum named together ("nato: Russia ≥ 85 vs Ukraine, NATO ≤ 50")."""
    lo, hi = issue.low, issue.high
    parts = []
    lows: dict[tuple[str, float], dict[float, list[str]]] = {}
    for b in pairs:
        lows.setdefault((b.actors[0], b.minimum), {}).setdefault(b.maximum, []).append(
            actor_name(t, b.actors[1]))
    for (low_actor, minimum), highs in lows.items():
        against = ", ".join(f"{_list(names)} ≤ {_num(value, lo, hi)}"
                            for value, names in highs.items())
        parts.append(f"{actor_name(t, low_actor)} ≥ {_num(minimum, lo, hi)} vs {against}")
    return f"{issue.id}: " + "; ".join(parts)


def verdict_rows(t: Timeline, blocking: int = 2) -> list[list[str]]:
    """Per snapshot (rows): date, id, verdict, the widest blocking red lines, the smallest
    concession in points, and the month a zone was expected to open."""
    rows = []
    for run, head in zip(t.runs, snapshot_headers(t), strict=True):
        a = run.analysis
        by_issue: dict[str, list[Blocking]] = {}
        for b in a.blocking:  # widest gap first, so issues come in order of their widest gap
            by_issue.setdefault(b.issue, []).append(b)
        pairs = [_blocking_text(t, run.scenario.issue(issue), found)
                 for issue, found in list(by_issue.items())[:blocking]]
        more = len(by_issue) - len(pairs)
        if more > 0:
            pairs.append(f"{more} more issue{'s' * (more > 1)}")
        opening = a.opening
        assert opening is not None  # a timeline's analysis has the opening month
        if opening.month == 0:
            opens = "now"
        elif opening.label or opening.month is not None:
            opens = opening.label or f"month {opening.month}"
        elif not a.drifting:
            opens = "no stated costs"
        else:
            opens = "never" if opening.never else f"not within {opening.horizon} months"
        points = run.plan_points
        rows.append([head, run.id, a.verdict, "; ".join(pairs) or "—",
                     "—" if points is None else _num(points, 0, 100), opens])
    return rows


VERDICT_HEADERS = ["As of", "Snapshot", "Verdict", "Blocking red lines (widest first)",
                   "Concession (points)", "Zone opens"]


def zone_cell(it: IssueTimeline, k: int) -> str:
    p = it.points[k]
    lo, hi = it.issue.low, it.issue.high
    if not p.on_table:
        return "not on the table"
    if p.stances == 0:
        return "no stances"
    if p.zone is not None:
        if abs(p.zone[1] - p.zone[0]) < 1e-9:
            return _num(p.zone[0], lo, hi)
        return f"{_num(p.zone[0], lo, hi)}–{_num(p.zone[1], lo, hi)}"
    if p.blocking:
        return f"none (gap {_num(p.blocking[0].gap, lo, hi)})"
    return "none"


def issue_rows(t: Timeline, issue_id: str) -> list[list[str]]:
    """Rows of one issue's block: a forecast row per model, the zone, the blocking red lines;
    one column per snapshot after the row label."""
    it = t.issue(issue_id)
    lo, hi = it.issue.low, it.issue.high
    rows = []
    for model in t.models:
        row = [model]
        for p in it.points:
            value = p.forecasts.get(model) if p.on_table else None
            row.append("—" if value is None else _num(value, lo, hi))
        rows.append(row)
    rows.append(["zone of agreement", *(zone_cell(it, k) for k in range(len(it.points)))])
    blocking = ["blocking red lines"]
    for p in it.points:
        if not p.blocking:
            blocking.append("—")
            continue
        b = p.blocking[0]
        text = (f"{actor_name(t, b.actors[0])} ≥ {_num(b.minimum, lo, hi)} vs "
                f"{actor_name(t, b.actors[1])} ≤ {_num(b.maximum, lo, hi)}")
        if len(p.blocking) > 1:
            text += f" (+{len(p.blocking) - 1})"
        blocking.append(text)
    rows.append(blocking)
    return rows


def scale_line(it: IssueTimeline, width: int = 60) -> str:
    """The issue's scale in one line: its ends and their labels."""
    issue = it.issue
    lo, hi = issue.low, issue.high
    ends = []
    for x in (lo, hi):
        label = issue.labels.get(x)
        ends.append(f"{_num(x, lo, hi)} = {short_label(label, width)}" if label
                    else _num(x, lo, hi))
    unit = f" ({issue.unit})" if issue.unit else ""
    return f"scale{unit}: " + ", ".join(ends)


def timeline_page(t: Timeline) -> Page:
    """``accord timeline`` (terminal and Markdown)."""
    blocks: list[Block] = [
        Paragraph(f"{count(len(t.runs), 'snapshot')} from {t.runs[0].as_of} to {t.runs[-1].as_of}; "
                  f"models: {', '.join(t.models)}."),
        Heading("Verdict over time"),
        Table(headers=tuple(VERDICT_HEADERS), rows=tuple(tuple(r) for r in verdict_rows(t)))]
    heads = tuple(snapshot_headers(t))
    for it in t.issues:
        blocks += [Heading(f"{it.issue.name} ({scale_line(it, 40)})"),
                   Table(headers=("", *heads), rows=tuple(tuple(r) for r in
                                                          issue_rows(t, it.id)),
                         matrix=True)]
    if len(t.runs) > 1:
        blocks += backtest_blocks(t.backtest)
    return Page(f"Timeline: {t.case}", tuple(blocks))
