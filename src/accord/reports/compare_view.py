"""What ``accord compare`` says (and the dashboard's what-if panel shows): two analyses side by
side, the inputs that differ, then the outputs, with why an output did not move where
:mod:`accord.workflows.compare_reasons` can tell.

Works from a :class:`~accord.workflows.compare.Comparison`; every text of a scenario (names,
titles, a variant's rationale) goes into plain-text blocks that the renderers escape.
"""

from __future__ import annotations

from accord.reports.compare_words import Names, join_words, opening_text, why_lines
from accord.reports.document import Block, Bullets, Cell, CellValue, Heading, Page, Paragraph, Table
from accord.reports.run_record_view import bargain_options_text
from accord.scenario.diff import Change, ScenarioDiff
from accord.scenario.variants import describe
from accord.workflows.compare import AFTER_CONCESSIONS, Comparison, Side
from accord.workflows.compare_reasons import Pair

MAX_LISTED = 8
"""Ids listed in one line of the input differences before "and N more"."""


def _ids(items: list[str]) -> str:
    more = len(items) - MAX_LISTED
    return ", ".join(items[:MAX_LISTED]) + (f" and {more} more" if more > 0 else "")


def _side_line(tag: str, s: Side) -> str:
    scn = s.scenario
    when = f", as of {scn.as_of}" if scn.as_of else ""
    return f"{tag}: {s.label} (scenario {scn.id}{when}, digest {scn.digest()[:12]})"


def _settings_line(c: Comparison) -> str:
    settings = c.a.analysis.settings
    models = ", ".join(m.label for m in settings.models) or "no model"
    b = settings.bargain
    bargain = "no bargaining analysis" if b is None else bargain_options_text(b.model_dump())
    return f"Same analysis on both: models {models}; {bargain}."


def _by_actor(pairs: tuple[tuple[str, str], ...]) -> list[str]:
    """Stances as "ACTOR on ISSUE, ISSUE and ISSUE", one item per actor."""
    grouped: dict[str, list[str]] = {}
    for actor, issue in pairs:
        grouped.setdefault(actor, []).append(issue)
    return [f"{a} on {join_words(issues)}" for a, issues in grouped.items()]


def input_lines(n: Names, diff: ScenarioDiff) -> list[str]:
    """The actors, issues, stances and cost entries of one side only, one line per kind."""
    out = []
    for label, items in (("Actors only in A", [f"{n.full[x]} ({x})" for x in
                                              diff.actors_removed]),
                         ("Actors only in B", [f"{n.full[x]} ({x})" for x in
                                              diff.actors_added]),
                         ("Issues only in A", [n.issue(x) for x in diff.issues_removed]),
                         ("Issues only in B", [n.issue(x) for x in diff.issues_added]),
                         ("Stances only in A", _by_actor(diff.stances_removed)),
                         ("Stances only in B", _by_actor(diff.stances_added)),
                         ("Costs of no deal only in A", [f"{a} on {i or 'every issue'}"
                                                        for a, i in diff.costs_removed]),
                         ("Costs of no deal only in B", [f"{a} on {i or 'every issue'}"
                                                        for a, i in diff.costs_added])):
        if items:
            out.append(f"{label}: {_ids(items)}.")
    return out


def _value(change: Change) -> tuple[str, str]:
    def one(v: object) -> str:
        if v is None:
            return "none"
        if isinstance(v, bool):
            return "yes" if v else "no"
        if isinstance(v, float):
            return f"{v:g}"
        if isinstance(v, dict):
            return ", ".join(f"{k} {x:g}" if isinstance(x, float | int) else f"{k} {x}"
                             for k, x in v.items())
        if isinstance(v, list):
            return "–".join(f"{x:g}" for x in v)
        return str(v)

    return one(change.old), one(change.new)


def change_rows(diff: ScenarioDiff) -> tuple[tuple[CellValue, ...], ...]:
    return tuple((c.what, c.actor or "", c.issue or "", c.field, *_value(c))
                 for c in diff.changes if (c.what, c.field) != ("meta", "variant"))


def _zone(n: Names, issue: str, zone: tuple[float, float] | None, present: bool) -> str:
    if not present:
        return "(no such issue)"
    if zone is None:
        return "none"
    if abs(zone[1] - zone[0]) < 1e-9:
        return n.value(issue, zone[0])
    return f"{n.value(issue, zone[0])}–{n.value(issue, zone[1])}"


def _concessions(n: Names, s: Side) -> str:
    if s.document is None:
        return "—"
    if s.concessions is None:
        return "none opens a zone"
    if not s.concessions:
        return "none needed"
    points = s.concession_points or 0.0
    return f"{points:g} points: {join_words([n.actor(x) for x in s.movers])}"


def _pairs(count: int) -> str:
    return "none" if count == 0 else f"{count} pair{'s' if count > 1 else ''}"


def _mark(changed: bool) -> str:
    return "changed" if changed else "same"


def outcome_rows(n: Names, c: Comparison) -> tuple[tuple[CellValue, ...], ...]:
    a, b = c.a, c.b
    moved = len(c.forecasts_changed)
    opened_a = sum(1 for z in c.zones if z.in_a and z.a is not None)
    opened_b = sum(1 for z in c.zones if z.in_b and z.b is not None)
    rows: list[tuple[CellValue, ...]] = [
        ("Verdict", a.verdict or "—", b.verdict or "—", _mark(c.verdict_changed)),
        ("Opening month", opening_text(a.timeline), opening_text(b.timeline),
         _mark(c.opening_changed)),
        ("Smallest concessions", _concessions(n, a), _concessions(n, b),
         _mark(c.concessions_changed)),
        ("Blocking red lines", _pairs(len(a.blocking)), _pairs(len(b.blocking)),
         _mark(c.blocking_changed)),
        ("Zones", f"{opened_a} of {len(a.scenario.issues)} open",
         f"{opened_b} of {len(b.scenario.issues)} open"
         + (f", {len(c.zones_changed)} changed" if c.zones_changed else ""),
         _mark(bool(c.zones_changed))),
        ("Forecasts", f"{len(c.forecasts)}", f"{moved} moved", _mark(moved > 0)),
    ]
    return tuple(rows)


def forecast_rows(n: Names, c: Comparison) -> tuple[tuple[CellValue, ...], ...]:
    rows: list[tuple[CellValue, ...]] = []
    last = None
    for f in c.forecasts:
        delta = f.delta
        change = ("0" if not f.changed else "new" if f.a is None
                  else "gone" if f.b is None else f"{delta:+.1f}")
        rows.append((n.issue(f.issue) if f.issue != last else "", f.model,
                     n.value(f.issue, f.a), n.value(f.issue, f.b), change))
        last = f.issue
    return tuple(rows)


def blocking_rows(n: Names, c: Comparison) -> tuple[tuple[CellValue, ...], ...]:
    gaps: dict[Pair, list[float | None]] = {}
    for k, s in enumerate((c.a, c.b)):
        for x in s.blocking:
            gaps.setdefault((x.issue, x.actors[0], x.actors[1]), [None, None])[k] = x.gap
    return tuple((n.issue(p[0]), f"{n.actor(p[1])} ≥ vs {n.actor(p[2])} ≤",
                  "—" if g[0] is None else n.value(p[0], g[0]),
                  "—" if g[1] is None else n.value(p[0], g[1]))
                 for p, g in gaps.items())


def concession_rows(n: Names, c: Comparison) -> tuple[tuple[CellValue, ...], ...]:
    moves: dict[tuple[str, str, str], list[str]] = {}
    for k, s in enumerate((c.a, c.b)):
        for m in s.concessions or ():
            moves.setdefault((m.actor, m.issue, m.side), ["—", "—"])[k] = (
                f"{n.value(m.issue, m.start)} → {n.value(m.issue, m.end)}")
    return tuple((n.actor(a), n.issue(i), "≥" if side == "min" else "≤", *v)
                 for (a, i, side), v in moves.items())


def gain_rows(n: Names, c: Comparison) -> tuple[tuple[CellValue, ...], ...]:
    rows: list[tuple[CellValue, ...]] = []
    for g in c.gains:
        notes = []
        if g.sign_changed:
            assert g.a is not None and g.b is not None
            notes.append(f"{g.a.verdict} → {g.b.verdict}")
        walks = [tag for tag, one in (("A", g.a), ("B", g.b))
                 if one is not None and one.walks_away]
        if walks:
            notes.append("walks away in " + ("both" if len(walks) == 2 else walks[0]))
        if g.a is None or g.b is None:
            notes.append(f"not a veto player in {'A' if g.a is None else 'B'}"
                         if g.actor in _actors(c.a if g.a is None else c.b)
                         else f"not in {'A' if g.a is None else 'B'}")
        change = ("" if g.a is None or g.b is None else "0" if not g.changed
                  else f"{g.b.gain - g.a.gain:+.1f}")
        rows.append((n.actor(g.actor), "—" if g.a is None else f"{g.a.gain:+.1f}",
                     "—" if g.b is None else f"{g.b.gain:+.1f}",
                     Cell(change, marks=("sign changed",)) if g.sign_changed else change,
                     "; ".join(notes)))
    return tuple(rows)


def _actors(s: Side) -> set[str]:
    return {a.id for a in s.scenario.actors}


def _package(s: Side) -> str:
    if s.package is None:
        return "none"
    return ("the Nash solution after the smallest concessions" if s.package == AFTER_CONCESSIONS
            else "the Nash solution")


def _gains_caption(c: Comparison) -> str:
    packages = (f"in A {_package(c.a)}, in B {_package(c.b)}" if c.a.package != c.b.package
                 else _package(c.a))
    text = ("Utility of the package minus utility of no deal (points of the 0-100 scales "
            f"weighted by salience), for the package: {packages}.")
    if AFTER_CONCESSIONS in (c.a.package, c.b.package):
        text += (" After concessions the package crosses stated red lines; it depends on how "
                 "the concessions split.")
    return text + (" An actor walks away when the package gives it less than no deal or "
                   "crosses one of its binding red lines.")


def variant_blocks(s: Side) -> list[Block]:
    """A variant's title and rationale, and the edits that make a side."""
    out: list[Block] = []
    if s.variant is not None:
        v = s.variant
        out.append(Paragraph(f"{v.title + '. ' if v.title else ''}{v.rationale}",
                             lead=f"Variant {v.id}:"))
    edits = [*(s.variant.edits if s.variant is not None else ()), *s.edits]
    if edits:
        out.append(Paragraph("Edits: " + "; ".join(describe(e) for e in edits) + "."))
    return out


def compare_blocks(c: Comparison) -> list[Block]:
    """What ``accord compare`` prints after its title (see the module docstring)."""
    n = Names(c.a.scenario, c.b.scenario)
    blocks: list[Block] = [Paragraph(_side_line("A", c.a) + ". " + _side_line("B", c.b) + ".",
                                     muted=True),
                           Paragraph(_settings_line(c), muted=True)]
    if c.a.scenario.is_uncertain() or c.b.scenario.is_uncertain():
        blocks.append(Paragraph("The scenarios have distributions: both sides are analysed at "
                                "their point values (`accord mc` on each gives the "
                                "probability of each verdict).", muted=True))
    for tag, s in (("A", c.a), ("B", c.b)):
        for f in s.analysis.failures:
            blocks.append(Paragraph(f"{f.step} could not run on {tag}: {f.message}",
                                    lead="Warning:"))
    blocks.append(Heading("Inputs that differ"))
    for s in (c.a, c.b):
        blocks += variant_blocks(s)
    if c.inputs.empty:
        blocks.append(Paragraph("None: the engines read the same inputs from both sides, so "
                                "every output is the same."))
    else:
        lines = input_lines(n, c.inputs)
        if lines:
            blocks.append(Bullets(tuple(lines)))
        if change_rows(c.inputs):
            blocks.append(Table(headers=("What", "Actor", "Issue", "Field", "A", "B"),
                                rows=change_rows(c.inputs), numeric=(4, 5)))
    if c.a.document is not None or c.b.document is not None:
        blocks += [Heading("What changed in the outputs"),
                   Table(headers=("Output", "A", "B", ""), rows=outcome_rows(n, c))]
    if c.unchanged:
        blocks.append(Bullets(why_lines(n, c.unchanged)))
    if c.concession_moves_changed and not c.concessions_changed:
        blocks.append(Paragraph("The smallest concessions have the same total and the same "
                                "actors move, but the moves split differently (below)."))
    if c.forecasts:
        blocks += [Heading("Forecasts"),
                   Table(headers=("Issue", "Model", "A", "B", "Change"),
                         rows=forecast_rows(n, c), numeric=(2, 3, 4),
                         caption="Each model's forecast on the issue's own scale; — : no "
                                 "forecast (or no such issue on that side).")]
    if c.zones:
        blocks += [Heading("Zones of agreement"),
                   Table(headers=("Issue", "A", "B", ""),
                         rows=tuple((n.issue(z.issue), _zone(n, z.issue, z.a, z.in_a),
                                     _zone(n, z.issue, z.b, z.in_b), _mark(z.changed))
                                    for z in c.zones),
                         caption="The range every veto player's red line accepts.")]
    if c.a.blocking or c.b.blocking:
        blocks += [Heading("Blocking red lines"),
                   Table(headers=("Issue", "Red lines", "Gap in A", "Gap in B"),
                         rows=blocking_rows(n, c), numeric=(2, 3),
                         caption="Pairs of red lines that cross: the first actor's minimum "
                                 "lies above the second's maximum, by the gap.")]
    conc = concession_rows(n, c)
    if conc:
        blocks += [Heading("Smallest concessions"),
                   Table(headers=("Actor", "Issue", "Side", "A", "B"), rows=conc,
                         numeric=(3, 4))]
    if c.gains:
        blocks += [Heading("Veto players' gains"),
                   Table(headers=("Actor", "Gain in A", "Gain in B", "Change", "Note"),
                         rows=gain_rows(n, c), numeric=(1, 2, 3),
                         caption=_gains_caption(c))]
    return blocks


def compare_page(c: Comparison) -> Page:
    """``accord compare``: A against B."""
    return Page(f"Comparison: {c.a.label} against {c.b.label}", tuple(compare_blocks(c)))
