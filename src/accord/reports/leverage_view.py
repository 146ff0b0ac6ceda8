"""What ``accord leverage`` says: the forecast against the target and the zone, the single-actor
moves cheapest first, the best combined move, and what opens a closed zone as ranges.

Works from :class:`~accord.workflows.leverage_answer.LeverageAnswer` only (the dashboard's leverage
form shows the same blocks). A move whose forecast jumps past the target (a model with
discrete outcomes) is marked, with the value it reaches.
"""

from __future__ import annotations

from collections.abc import Sequence

from accord.bargaining.concession_ranges import ConcessionRange, ConcessionSet
from accord.models.moves import Move
from accord.reports.bargain_view import Namer
from accord.reports.document import Block, Cell, CellValue, Heading, Page, Paragraph, Table
from accord.reports.formatting import count
from accord.workflows.leverage_answer import LeverageAnswer

NOT_EXACT = "jumps past the target"
MOVE_HEADERS = ("Actor", "Moves its", "From", "To", "Size", "Cost", "Forecast then")


def _plain(value: float, places: int = 2) -> str:
    text = f"{value:.{places}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def number_text(n: Namer, issue: str, m: Move, value: float) -> str:
    """A moved number in its own units: the issue's scale, a salience, a capability."""
    if m.kind == "position":
        return n.value(issue, value)
    return _plain(value, 3 if m.kind == "salience" else 2)


def size_text(m: Move) -> str:
    if m.kind == "capability":
        return f"{m.size:.1f}%"
    return f"{m.size:.1f} pts"


def forecast_cell(n: Namer, issue: str, value: float, exact: bool) -> CellValue:
    text = n.value(issue, value)
    return text if exact else Cell(text, marks=(NOT_EXACT,))


def move_row(n: Namer, issue: str, m: Move) -> tuple[CellValue, ...]:
    return (n.actor(m.actor), m.kind, number_text(n, issue, m, m.start),
            number_text(n, issue, m, m.end), size_text(m), f"{m.cost:.1f}",
            forecast_cell(n, issue, m.forecast, m.exact))


def move_sentence(n: Namer, issue: str, m: Move) -> str:
    text = (f"{n.actor(m.actor)} moves its {m.kind} from {number_text(n, issue, m, m.start)} "
            f"to {number_text(n, issue, m, m.end)} ({size_text(m)}, cost {m.cost:.1f})")
    if not m.exact:
        text += (f"; the forecast jumps past the target there, to "
                 f"{n.value(issue, m.forecast)}")
    return text


def _summary(a: LeverageAnswer, n: Namer) -> str:
    st, lev = a.settings, a.leverage
    issue = st.issue
    scn = a.scenario.issue(issue)
    near = scn.nearest_label(lev.current)
    out = (f"The {st.model.label} model forecasts {n.value(issue, lev.current)} on "
           f"{n.issue_in_text(issue)}" + (f" (nearest: {near[1]})" if near else "") +
           f"; the target is {n.value(issue, st.target)}")
    if a.zone is None:
        out += ", and the veto players' red lines there leave no zone."
    else:
        zone = (n.value(issue, a.zone[0]) if abs(a.zone[1] - a.zone[0]) < 1e-9
                else f"{n.value(issue, a.zone[0])}–{n.value(issue, a.zone[1])}")
        inside = "inside" if a.target_in_zone else "outside"
        out += f", {inside} the zone every veto player accepts ({zone})."
    if abs(lev.current - st.target) <= 1e-9 * max(1.0, scn.high - scn.low):
        return out + " The forecast is at the target already."
    if lev.singles:
        out += f" The cheapest single move: {move_sentence(n, issue, lev.singles[0])}."
    else:
        out += (" No single actor's move of the kinds allowed ("
                f"{', '.join(st.kinds)}) reaches the target within its bounds.")
    return out


def _combined_blocks(a: LeverageAnswer, n: Namer) -> list[Block]:
    st, c = a.settings, a.leverage.combined
    title = f"Best position move of up to {st.actors} actor{'s' if st.actors > 1 else ''}"
    if "position" not in st.kinds:
        return [Heading(title), Paragraph("Positions are not among the kinds of move asked "
                                          "for, so no combined move is sought.", muted=True)]
    if c is None:
        if abs(a.leverage.current - st.target) <= 1e-9:
            return []
        return [Heading(title), Paragraph(f"No move of the positions of up to "
                                          f"{count(st.actors, 'actor')} reaches the target "
                                          "within the issue's range.")]
    method = ("closed form, the cheapest plan" if c.method == "closed form"
              else "root finding, greedily: not guaranteed to be the cheapest plan")
    reach = (f"the forecast reaches {n.value(st.issue, c.forecast)}" if c.exact else
             f"the forecast jumps past the target, to {n.value(st.issue, c.forecast)}")
    return [Heading(title),
            Paragraph(f"Total cost {c.cost:.1f}; {reach} ({method})."),
            Table(headers=MOVE_HEADERS, rows=tuple(move_row(n, st.issue, m) for m in c.moves),
                  numeric=(2, 3, 4, 5, 6))]


def range_rows(n: Namer, ranges: Sequence[ConcessionRange]) -> tuple[tuple[str, ...], ...]:
    rows = []
    for r in ranges:
        side = "≥" if r.side == "min" else "≤"
        reach = (n.value(r.issue, r.least_to) if r.most - r.least <= 1e-6 else
                 f"{n.value(r.issue, r.least_to)} to {n.value(r.issue, r.most_to)}")
        rows.append((n.actor(r.actor), n.issue(r.issue), f"{side} {n.value(r.issue, r.start)}",
                     "must move" if r.required else "may move",
                     _plain(r.least, 1), _plain(r.most, 1), reach))
    return tuple(rows)


RANGE_HEADERS = ("Actor", "Issue", "Red line", "", "At least", "At most", "Moves to")


def concession_blocks(n: Namer, cs: ConcessionSet, first: str | None = None,
                      title: str = "What opens the zone") -> list[Block]:
    """Every equally small set of concessions as ranges (``first``: an issue listed first)."""
    if not cs.possible:
        return [Heading(title), Paragraph("No movement of red lines opens a zone: the veto "
                                          "players' no-deal expectations cannot all be met "
                                          "at once.")]
    ranges = sorted(cs.ranges, key=lambda r: (r.issue != first, not r.required))
    unit = "salience-weighted points" if cs.weighted else "points"
    who = [n.actor(r.actor) for r in ranges if r.required]
    text = (f"The smallest total movement of red lines that opens a zone on every issue is "
            f"{cs.total:.1f} {unit} (0-100 scales). ")
    if cs.unique:
        text += "Only one plan is that small."
    else:
        text += ("Several plans are equally small: each red line below moves between its "
                 "least and its most in some minimal plan (a gap two actors share can be split "
                 "either way, so not every combination of values is minimal).")
    if who:
        text += f" {', '.join(dict.fromkeys(who))} must move in every minimal plan."
    return [Heading(title), Paragraph(text),
            Table(headers=RANGE_HEADERS, rows=range_rows(n, ranges), numeric=(4, 5, 6),
                  caption="At least / at most: points of the 0-100 scale the red line moves "
                          "over the minimal plans; red lines that never move are not listed.")]


def leverage_blocks(a: LeverageAnswer) -> list[Block]:
    st, lev = a.settings, a.leverage
    n = Namer(a.scenario)
    s = a.scenario
    lead = f"As of {s.as_of}. " if s.as_of else ""
    costs = ", ".join(f"{k} {st.costs.get(k, 1.0):g}" for k in st.kinds)
    lead += (f"Scenario {s.id} (digest {s.digest()[:12]}); model {st.model.label}; moves of "
             f"{', '.join(st.kinds)} at a cost per point (per percent of capability) of "
             f"{costs}.")
    blocks: list[Block] = [Paragraph(lead, muted=True), Paragraph(_summary(a, n))]
    if lev.singles:
        blocks += [Heading("Single-actor moves, cheapest first"),
                   Table(headers=MOVE_HEADERS,
                         rows=tuple(move_row(n, st.issue, m) for m in lev.singles),
                         numeric=(2, 3, 4, 5, 6),
                         caption="Size in points of the 0-100 scale (position, salience x "
                                 "100) or percent of the capability; each move keeps within "
                                 "its bounds (the issue's range, salience 0-1, capability "
                                 "within a factor of 100).")]
    blocks += _combined_blocks(a, n)
    if a.concessions is not None:
        blocks += concession_blocks(n, a.concessions, st.issue,
                                    f"What opens the zone on {n.issue(st.issue)}")
    return blocks


def leverage_page(a: LeverageAnswer, markdown: bool = False) -> Page:
    title = f"{a.scenario.title}: {a.settings.issue} to {a.settings.target:g}"
    return Page(("Leverage: " if markdown else "") + title, tuple(leverage_blocks(a)))
