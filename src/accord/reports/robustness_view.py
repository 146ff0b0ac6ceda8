"""What ``accord tipping`` shows, and the "depends on" sentence that leads the bargaining
summary, the report and the dashboard's results.

A switch is described by what changes there, most serious first: the verdict (deal / no deal),
whether a zone opens at all under the stated costs, an issue's zone, the opening month (by a
band of six months or more), the headline forecast's nearest labelled point.
"""

from __future__ import annotations

from collections.abc import Sequence

from accord.reports.bargain_view import Namer
from accord.reports.document import Block, Cell, Heading, Page, Paragraph, Table
from accord.reports.formatting import count
from accord.scenario.schema import Scenario
from accord.workflows.robustness import BAND_MONTHS, Robustness
from accord.workflows.tipping import Switch, Tipping

MAX_NAMED = 5
"""Numbers the "depends on" sentence names before "and N more"."""

FIELD_NAMES = {"reservation": "red line", "position": "position", "salience": "salience",
               "capability": "capability", "drift": "cost drift"}


def changes(scenario: Scenario, switch: Switch) -> list[tuple[int, str]]:
    """(severity, what changes) at a switch, most serious first."""
    before, after = switch.before, switch.after
    assert isinstance(before, tuple) and isinstance(after, tuple)
    n = Namer(scenario)
    out: list[tuple[int, str]] = []
    if before[0] != after[0]:
        out.append((0, f"the verdict becomes '{after[0]}'"))
    b_open, a_open = before[2], after[2]
    if (b_open in ("never", "beyond")) != (a_open in ("never", "beyond")):
        out.append((1, "no zone opens any more" if a_open in ("never", "beyond")
                    else "a zone opens under the stated costs"))
    elif b_open != a_open:
        later = isinstance(a_open, int) and isinstance(b_open, int) and a_open > b_open
        out.append((3, f"the zone opens {BAND_MONTHS}+ months {'later' if later else 'sooner'}"))
    for issue, was, now in zip(scenario.issues, before[1], after[1], strict=True):
        if was != now:
            out.append((2, f"the zone on {n.issue_in_text(issue.id)} "
                           f"{'closes' if was else 'opens'}"))
    labels = (before[3] or (), after[3] or ())
    for issue, was, now in zip(scenario.issues, *labels, strict=False):
        if was != now and now is not None:
            out.append((4, f"the forecast on {n.issue_in_text(issue.id)} moves to the point "
                           f"labelled {now:g}"))
    return sorted(out)


def severity(scenario: Scenario, t: Tipping) -> int:
    found = [changes(scenario, s)[0][0] for s in t.switches if changes(scenario, s)]
    return min(found, default=9)


def number_name(scenario: Scenario, t: Tipping) -> str:
    n = Namer(scenario)
    num = t.number
    what = FIELD_NAMES[num.field]
    where = f" on {n.issue_in_text(num.issue)}" if num.issue else ""
    return f"{n.possessive(num.actor)} {what}{where}"


def _value(scenario: Scenario, t: Tipping, value: float) -> str:
    num = t.number
    if num.issue and num.field in ("reservation", "position"):
        return Namer(scenario).value(num.issue, value)
    return f"{value:.3g}"


def describe(scenario: Scenario, t: Tipping) -> str:
    """"Russia's red line on territory (75, stated 75): at 75.7 the zone opens 6+ months
    later"."""
    num = t.number
    stated = f"{_value(scenario, t, num.value)}"
    if num.uncertain:
        stated += f", range {_value(scenario, t, num.low)}–{_value(scenario, t, num.high)}"
    s = t.nearest
    if s is None:
        return f"{number_name(scenario, t)} ({stated}): no switch found"
    what = changes(scenario, s)
    said = what[0][1] if what else "the verdict changes"
    at = ("moved past its stated value," if abs(s.value - num.value) <= 10 * num.tol
          else f"at {_value(scenario, t, s.value)}")
    return f"{number_name(scenario, t)} ({stated}): {at} {said}"


def ranked_knife_edges(r: Robustness) -> list[Tipping]:
    return sorted(r.knife_edges, key=lambda t: severity(r.scenario, t))


def depends_on(r: Robustness, limit: int = MAX_NAMED) -> str | None:
    """The sentence that leads a summary (None when no number is knife-edge)."""
    knife = ranked_knife_edges(r)
    if not knife:
        return None
    named = "; ".join(describe(r.scenario, t) for t in knife[:limit])
    more = len(knife) - limit
    tail = f"; and {more} more (accord tipping lists them)" if more > 0 else ""
    return (f"This verdict depends on {len(knife)} number{'s' * (len(knife) > 1)} within "
            f"reach of a tipping point: {named}{tail}.")


def tipping_page(r: Robustness) -> Page:
    """``accord tipping``: every number searched, knife-edge ones first, with its switches."""
    scn = r.scenario
    rows = []
    for t in sorted(r.tippings, key=lambda t: (not t.knife_edge, severity(scn, t))):
        num = t.number
        switches = "; ".join(
            f"{_value(scn, t, s.value)}: {', '.join(c for _, c in changes(scn, s)) or '—'}"
            for s in t.switches) or "none found"
        stated = _value(scn, t, num.value) + (
            f" ({_value(scn, t, num.low)}–{_value(scn, t, num.high)})" if num.uncertain else "")
        rows.append((Cell(number_name(scn, t), marks=("knife-edge",) if t.knife_edge else ()),
                     stated, switches))
    lead = depends_on(r)
    blocks: list[Block] = [Paragraph(lead or "No number is within reach of a tipping point: "
                                             "the verdict holds across every stated range.")]
    blocks += [Heading(f"Tipping points ({count(len(r.tippings), 'number')}, "
                       f"{count(r.evaluations, 'evaluation')})"),
               Table(headers=("Number", "Stated", "Switches (value: what changes)"),
                     rows=tuple(rows), wide=(2,),
                     caption="Knife-edge: a switch lies inside the number's stated range or "
                             "within 5 points (0.05 of salience, 5% of a capability or "
                             "drift) of a plain number. The opening month counts as changed "
                             f"when it moves by a band of {BAND_MONTHS} months.")]
    return Page(f"What the verdict depends on: {scn.title}", tuple(blocks))


def knife_edge_lines(r: Robustness, limit: int = MAX_NAMED) -> Sequence[str]:
    """One line per knife-edge number (the report's and the dashboard's list)."""
    return [describe(r.scenario, t) for t in ranked_knife_edges(r)[:limit]]


__all__ = ["changes", "depends_on", "describe", "knife_edge_lines", "tipping_page"]
