"""What ``accord bargain`` says: an analyst's summary in sentences, then tables.

Works from the typed document of the analysis
(:class:`~accord.bargaining.doc_types.BargainDocument`) plus the scenario (for names and units),
so the terminal, Markdown, JSON, report and dashboard views cannot disagree.
"""

from __future__ import annotations

from accord.bargaining.doc_types import BargainDocument, BlockingDoc, ConcessionDoc
from accord.reports.document import Block, Heading, Paragraph, Table
from accord.reports.formatting import decimals_for
from accord.scenario.schema import Scenario

MAX_NAMED = 3
"""How many blocking pairs or concessions the summary names before 'and N more'."""


def _num(value: float, places: int) -> str:
    text = f"{value:.{places}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


_LINKS = frozenset({"a", "an", "and", "for", "in", "of", "on", "or", "the", "to", "with"})
"""Words a cut label does not end on."""

class Namer:
    """Short names and numbers of a scenario's actors and issues for sentences."""

    def __init__(self, scenario: Scenario) -> None:
        self.s = scenario

    def actor(self, actor_id: str) -> str:
        name = self.s.actor(actor_id).name
        return name if len(name) <= 20 else actor_id

    def possessive(self, actor_id: str) -> str:
        name = self.actor(actor_id)
        return name + ("'" if name.endswith("s") else "'s")

    def issue(self, issue_id: str) -> str:
        """A short label: the issue's name up to its first ':', ' /', ' (' or ','; a name still
        longer than 32 characters is cut after a whole word with '…' (never the bare id, which
        readers do not know)."""
        name = self.s.issue(issue_id).name
        for stop in (":", " /", " (", ","):
            name = name.split(stop)[0]
        name = name.strip()
        if len(name) <= 32:
            return name or issue_id
        words = name.split()
        kept = [words[0][:31]]
        for word in words[1:]:
            if len(" ".join(kept)) + 1 + len(word) > 31:
                break
            kept.append(word)
        while len(kept) > 1 and kept[-1].lower() in _LINKS:
            kept.pop()
        return " ".join(kept).rstrip(" ,;-") + "…"

    def issue_in_text(self, issue_id: str) -> str:
        """The short label inside a sentence: a common first word in lower case."""
        label = self.issue(issue_id)
        first = label.split(" ")[0]
        proper = {w for a in self.s.actors for w in (a.name, a.id, *a.aliases)}
        if (first[:1].isupper() and first[1:].islower() and not first.endswith("'s")
                and not any(first.startswith(p) for p in proper if len(p) > 2)):
            return label[:1].lower() + label[1:]
        return label

    def value(self, issue_id: str, value: float) -> str:
        issue = self.s.issue(issue_id)
        return _num(value, decimals_for(issue.low, issue.high) - 1 or 1)

    def amount(self, issue_id: str, value: float) -> str:
        unit = self.s.issue(issue_id).unit or "points"
        return f"{self.value(issue_id, value)} {unit}"


def _list(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def summary(scenario: Scenario, doc: BargainDocument) -> list[str]:
    """The summary sentences (verdict, what it would take, when a zone could open)."""
    n = Namer(scenario)
    out = [_verdict(n, doc)]
    if not doc.deal:
        out.append(_concessions(n, doc))
    out.append(_timing(n, doc))
    return [s for s in out if s]


def _verdict(n: Namer, doc: BargainDocument) -> str:
    pkg = doc.package
    if doc.deal:
        nash = pkg.nash or {}
        values = ", ".join(f"{n.issue_in_text(k)} {n.value(k, v)}" for k, v in nash.items())
        return ("Deal possible: the veto players' red lines leave a zone on every issue and "
                "some package gives each at least what it expects from no deal. The Nash "
                f"bargaining solution: {values}.")
    blocking = doc.blocking
    if blocking:
        groups: dict[tuple[str, str], list[BlockingDoc]] = {}
        for b in blocking:
            groups.setdefault((b.issue, b.actors[0]), []).append(b)
        parts = []
        for (issue, low_actor), pairs in list(groups.items())[:MAX_NAMED]:
            head = (f"{n.possessive(low_actor)} red line on {n.issue_in_text(issue)} "
                    f"(≥ {n.value(issue, pairs[0].minimum)})")
            others = [f"{n.possessive(b.actors[1])} (≤ {n.value(issue, b.maximum)})"
                      for b in pairs]
            if len(pairs) == 1:
                parts.append(f"{head} and {others[0]} are "
                             f"{n.amount(issue, pairs[0].gap)} apart")
            else:
                gaps = [f"{n.amount(issue, b.gap) if k == 0 else n.value(issue, b.gap)}"
                        f" from {o}" for k, (b, o) in enumerate(zip(pairs, others, strict=True))]
                parts.append(f"{head} is {_list(gaps)}")
        shown = sum(len(v) for v in list(groups.values())[:MAX_NAMED])
        more = len(blocking) - shown
        tail = (f"; and {more} more pair{'s' if more > 1 else ''} of red lines "
                f"cross{'' if more > 1 else 'es'}") \
            if more > 0 else ""
        return "No deal: " + "; ".join(parts) + tail + "."
    holdouts = doc.package.holdouts
    alone = [n.actor(h.actor) for h in holdouts if h.alone]
    pivotal = [n.actor(h.actor) for h in holdouts if not h.alone]
    text = ("No deal: the red lines leave a zone on every issue, but no package inside them "
            "gives every veto player what it expects from no deal")
    if alone:
        text += (f"; even the package best for {_list(alone)} is worse for "
                 f"{'it' if len(alone) == 1 else 'each'} than no deal")
    if pivotal:
        text += f"; {_list(pivotal)} would block a package the others accept"
    return text + "."


def _concessions(n: Namer, doc: BargainDocument) -> str:
    moves = doc.concessions
    if moves is None:
        return ("No movement of red lines opens a zone: the veto players' no-deal utilities "
                "cannot all be met at once.")
    if not moves:
        return ""
    by_actor: dict[str, list[str]] = {}
    for c in moves:
        by_actor.setdefault(c.actor, []).append(
            f"on {n.issue_in_text(c.issue)} from {n.value(c.issue, c.start)} to "
            f"{n.value(c.issue, c.end)}")
    phrases = []
    for k, (actor, parts) in enumerate(by_actor.items()):
        verb = " moves its red line " if k == 0 else " "
        phrases.append(n.actor(actor) + verb + _list(parts))
    total = doc.concession_total
    assert total is not None  # there are concessions
    size = (f"{_moved(n, moves, total.points)}, {_num(total.weighted, 1)} weighted by "
            "salience" if doc.options.weighted else _moved(n, moves, total.points))
    return f"The smallest concession that opens a zone ({size}): " + "; ".join(phrases) + "."


def _moved(n: Namer, moves: list[ConcessionDoc], points: float) -> str:
    """How far the red lines move in all, in the unit the sentences give the gaps in: the
    issues' own unit when they share one ("25 thousand tonnes in all"), points when they are
    0-100 scales without one, else points of the 0-100 scales (the analysis' own total)."""
    issues = [n.s.issue(c.issue) for c in moves]
    units = {i.unit for i in issues}
    if len(units) == 1 and None not in units:
        return f"{n.amount(moves[0].issue, sum(abs(c.end - c.start) for c in moves))} in all"
    if all(i.unit is None and i.low == 0 and i.high == 100 for i in issues):
        return f"{_num(points, 1)} points in all"
    return f"{_num(points, 1)} points of the 0-100 scales in all"


def _timing(n: Namer, doc: BargainDocument) -> str:
    t = doc.timeline
    as_of = doc.scenario.as_of
    if t.months == 0:
        return ""
    if not t.costs:
        return ("The scenario states no cost of no deal that moves a red line, so nothing "
                "opens a zone over time.")
    if t.opens or t.months is not None:
        when = t.opens or f"month {t.months}"
        since = f" ({t.months} months after {as_of[:7]})" if as_of and t.opens else ""
        last = [b for b in t.last_blocking if isinstance(b, BlockingDoc)]
        tail = ""
        if last:
            pairs = [f"{n.possessive(b.actors[0])} and {n.possessive(b.actors[1])} on "
                     f"{n.issue_in_text(b.issue)}" for b in last[:MAX_NAMED]]
            tail = f"; the last red lines to meet are {_list(pairs)}"
        return f"Under the stated costs of no deal, a zone first opens in {when}{since}{tail}."
    if t.never:
        return ("Under the stated costs of no deal, no zone ever opens: the red lines stop at "
                "their floors before they meet.")
    return f"Under the stated costs of no deal, no zone opens within {t.horizon} months."


def zone_text(n: Namer, issue_id: str, doc: BargainDocument) -> str:
    """An issue's zone in words: "40–60", "55", or "none (gap 20)"."""
    item = doc.issues[issue_id]
    zone = item.zopa
    if zone is not None:
        if abs(zone[1] - zone[0]) < 1e-9:
            return n.value(issue_id, zone[0])
        return f"{n.value(issue_id, zone[0])}–{n.value(issue_id, zone[1])}"
    if item.blocking:
        return f"none (gap {n.value(issue_id, item.blocking[0].gap)})"
    return "none"


def issue_rows(scenario: Scenario, doc: BargainDocument) -> list[tuple[str, ...]]:
    """One row per issue: zone, blocking red lines, Nash solution (or after concessions)."""
    n = Namer(scenario)
    nash = doc.nash_shown
    rows: list[tuple[str, ...]] = []
    for issue_id, item in doc.issues.items():
        zone = item.zopa
        zone_cell = "none" if zone is None else (
            n.value(issue_id, zone[0]) if abs(zone[1] - zone[0]) < 1e-9
            else f"{n.value(issue_id, zone[0])}–{n.value(issue_id, zone[1])}")
        blocking = "; ".join(
            f"{n.actor(b.actors[0])} ≥ {n.value(issue_id, b.minimum)} vs "
            f"{n.actor(b.actors[1])} ≤ {n.value(issue_id, b.maximum)} "
            f"(gap {n.value(issue_id, b.gap)})" for b in item.blocking)
        value = nash.get(issue_id)
        rows.append((n.issue(issue_id), zone_cell, blocking or "—",
                     "—" if value is None else n.value(issue_id, value)))
    return rows


def nash_header(doc: BargainDocument) -> str:
    if doc.package.nash is None and doc.after_concessions is not None:
        return "Nash after concessions"
    return "Nash solution"


def concession_rows(scenario: Scenario, doc: BargainDocument) -> list[tuple[str, ...]]:
    n = Namer(scenario)
    return [(n.actor(c.actor), n.issue(c.issue), n.value(c.issue, c.start),
             n.value(c.issue, c.end), n.value(c.issue, c.by))
            for c in doc.concessions or []]


def timeline_rows(scenario: Scenario, doc: BargainDocument) -> list[tuple[str, ...]]:
    """Red lines that moved by the opening month (or by the horizon)."""
    n = Namer(scenario)
    return [(n.actor(m.actor), n.issue(m.issue), "≥" if m.side == "min" else "≤",
             n.value(m.issue, m.start), n.value(m.issue, m.end))
            for m in doc.timeline.moved]


def timeline_title(doc: BargainDocument) -> str:
    t = doc.timeline
    when = t.opens or (f"month {t.months}" if t.months is not None else None)
    if when:
        return f"Red lines that have moved when the zone opens ({when})"
    return f"Red lines after {t.horizon} months of stated costs"


def bargain_blocks(scenario: Scenario, doc: BargainDocument) -> list[Block]:
    """What ``accord bargain`` prints (terminal and Markdown): the summary, the zones, the
    smallest concessions and the red lines that moved by the time a zone opens."""
    lead = (f"As of {scenario.as_of}. " if scenario.as_of else "")
    lead += (f"Scenario {scenario.id} (digest {doc.scenario.digest[:12]}), "
             f"{doc.options.loss} loss, accord {doc.accord}.")
    blocks: list[Block] = [Paragraph(lead, muted=True),
                           Paragraph(" ".join(summary(scenario, doc))),
                           Heading("Zones of possible agreement"),
                           Table(headers=("Issue", "Zone", "Blocking red lines",
                                          nash_header(doc)),
                                 rows=tuple(issue_rows(scenario, doc)), numeric=(3,))]
    conc = concession_rows(scenario, doc)
    if conc:
        blocks += [Heading("Smallest concessions"),
                   Table(headers=("Actor", "Issue", "From", "To", "By"), rows=tuple(conc),
                         numeric=(2, 3, 4))]
    moved = timeline_rows(scenario, doc)
    if moved and doc.timeline.months != 0:
        blocks += [Heading(timeline_title(doc)),
                   Table(headers=("Actor", "Issue", "Side", "Stated", "Then"),
                         rows=tuple(moved), numeric=(3, 4))]
    return blocks
