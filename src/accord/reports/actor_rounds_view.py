"""The models' own view of the actors, for ``accord actors`` and the dashboard: the EUM's
pairwise perceptions and who moved whom, SMP's coalitions, the exchange model's trades.

Compact tables (the full round-by-round records are in the JSON document,
:meth:`accord.workflows.actors.ActorsAnalysis.document`):

* **EUM**, one table per issue, one row per actor: its position at the start and at the end of
  the run; whom it expects to prevail over and to give way to in round 1, with the quadrant of
  Bueno de Mesquita's model (conflict, compromise, capitulation; a stalemate is not listed);
  and, over the rounds played, whose offers moved it (kind and count);
* **SMP**: the distinct final positions, most likely first, with members, share of capability
  and position on each issue in focus;
* **exchange**: per pair of actors, the trades between them (who gives on which issues) and
  their gain; with a focus, every trade that touches it.
"""

from __future__ import annotations

from collections import Counter

from accord.models.eum.perceptions import RoundReading
from accord.models.trades import Trade
from accord.reports.bargain_view import Namer
from accord.reports.document import Block, Heading, Paragraph, Table
from accord.workflows.actors import ActorsAnalysis, EumIssue

STOPS = {"round-limit": "stopped at its round limit: not converged",
         "converged": "converged", "equal-exposures": "stopped: every actor equally exposed"}


NAMES_SHOWN = 10
"""Names listed per quadrant in a cell before "and N more"."""


def _relations(first: RoundReading | None, actor: str) -> tuple[str, str]:
    """Whom ``actor`` expects to prevail over, and to give way to, in ``first``, grouped by
    quadrant ("conflict: USA, EU; capitulation: UKR")."""
    if first is None:
        return "—", "—"
    if first.perceptions is None:
        return "not read", "not read"
    over: dict[str, list[str]] = {}
    under: dict[str, list[str]] = {}
    for p in first.perceptions:
        if p.actor != actor or p.yields is None:
            continue
        (under if p.yields == actor else over).setdefault(p.quadrant, []).append(p.other)

    def names(who: list[str]) -> str:
        more = len(who) - NAMES_SHOWN
        return ", ".join(who[:NAMES_SHOWN]) + (f" and {more} more" if more > 0 else "")

    def text(groups: dict[str, list[str]]) -> str:
        return "; ".join(f"{q}: {names(who)}" for q, who in groups.items()) or "—"

    return text(over), text(under)


def _moved_by(e: EumIssue, actor: str) -> str:
    counts: Counter[tuple[str, str]] = Counter()
    for r in e.played:
        for m in r.moves:
            if m.actor == actor:
                for sender in m.by or ("?",):
                    counts[(sender, m.kind)] += 1
    return ", ".join(f"{sender} ({kind}{f' x{k}' if k > 1 else ''})"
                     for (sender, kind), k in counts.items()) or "—"


def eum_table(a: ActorsAnalysis, e: EumIssue) -> Table:
    n = Namer(a.scenario)
    result = a.analysis.result("eum")
    rows_of = (result.trajectory or {}).get(e.issue) if result is not None else None
    first = e.rounds[0] if e.rounds else None
    rows = []
    for actor in a.actors:
        if result is None or actor not in result.actors or not rows_of:
            continue
        k = result.actors.index(actor)
        start, end = rows_of[0][k], rows_of[min(len(e.played), len(rows_of) - 1)][k]
        if start is None or end is None:
            continue
        over, under = _relations(first, actor)
        rows.append((n.actor(actor), f"{n.value(e.issue, start)} → {n.value(e.issue, end)}",
                     over, under, _moved_by(e, actor)))
    stop = STOPS.get(e.stop or "", e.stop or "")
    caption = f"{len(e.played)} round{'s' if len(e.played) != 1 else ''} played; {stop}."
    if not e.consistent:
        caption += " The replay of the rounds does not match the run: read with care."
    if first is not None and first.perceptions is None:
        caption += (f" Round 1's pair readings were not read: {len(rows)} actors make "
                    f"{len(rows) * (len(rows) - 1):,} pairs a round (focus on one actor to "
                    "read its own).")
    return Table(headers=("Actor", "Position", "Expects to prevail over (round 1)",
                          "Expects to give way to (round 1)", "Moved by"),
                 rows=tuple(rows), caption=caption, wide=(2, 3, 4))


def eum_blocks(a: ActorsAnalysis) -> list[Block]:
    if a.perceptions is None:
        return []
    n = Namer(a.scenario)
    shown = [e for e in a.perceptions if e.issue in a.issues]
    blocks: list[Block] = [Heading("Expected-utility model: who challenges whom, who moved "
                                   "whom")]
    stuck = [n.issue_in_text(e.issue) for e in shown if e.stop == "round-limit"]
    if stuck:
        blocks.append(Paragraph(f"The EUM did not converge on {len(stuck)} of {len(shown)} "
                                f"issue{'s' if len(shown) > 1 else ''} ({', '.join(stuck)}): "
                                "it stopped at its round limit, so its forecast there is where "
                                "the rounds happened to end."))
    for e in shown:
        table = eum_table(a, e)
        if table.rows:
            blocks += [Heading(f"EUM on {n.issue(e.issue)}"), table]
    return blocks


def coalition_blocks(a: ActorsAnalysis) -> list[Block]:
    if a.coalitions is None:
        return []
    n = Namer(a.scenario)
    if not a.coalitions:
        return [Heading("SMP's coalitions"),
                Paragraph("SMP reported no distinct final positions.", muted=True)]
    heads = tuple(f"#{c.rank}" for c in a.coalitions)
    rows: list[tuple[str, ...]] = [
        ("Probability", *(f"{100 * c.probability:.1f}%" for c in a.coalitions)),
        ("Members", *(", ".join(c.members) for c in a.coalitions)),
        ("Share of capability", *(f"{100 * c.capability_share:.0f}%" for c in a.coalitions)),
    ]
    for issue in a.issues:
        values = [dict(c.position).get(issue) for c in a.coalitions]
        rows.append((n.issue(issue), *("—" if v is None else n.value(issue, v)
                                       for v in values)))
    top = a.coalitions[0]
    lead = (f"SMP's most likely outcome ({100 * top.probability:.0f}%) is the final position "
            f"held by {', '.join(top.members)} ({100 * top.capability_share:.0f}% of the "
            "capability).")
    return [Heading("SMP's coalitions"), Paragraph(lead),
            Table(headers=("", *heads), rows=tuple(rows),
                  numeric=tuple(range(1, len(heads) + 1)), matrix=True,
                  caption="Distinct final positions of the spatial model, most likely first: "
                          "who ends there and the probability that it is the outcome.")]


def _leg_text(n: Namer, t: Trade, k: int) -> str:
    leg = t.legs[k]
    moved = ("" if leg.start is None or leg.end is None else
             f" {n.value(leg.issue, leg.start)} → {n.value(leg.issue, leg.end)}")
    return f"{leg.actor} on {n.issue(leg.issue)}{moved}"


def trade_blocks(a: ActorsAnalysis) -> list[Block]:
    if a.trades is None:
        return []
    n = Namer(a.scenario)
    t = a.trades
    head: list[Block] = [Heading("Exchange model: trades")]
    if not t.trades:
        return [*head, Paragraph("The exchange model found no trade.", muted=True)]
    total = (f"{len(t.trades)} trade{'s' if len(t.trades) > 1 else ''} in {t.rounds} round"
             f"{'s' if t.rounds != 1 else ''}" + ("" if t.complete else
                                                  " (the log stops at the first 200)"))
    if a.issue or a.actor:
        chosen = [x for x in t.trades
                  if any(leg.issue in a.issues for leg in x.legs)
                  and any(leg.actor in a.actors for leg in x.legs)]
        rows = tuple((str(x.round), _leg_text(n, x, 0), x.legs[0].to, _leg_text(n, x, 1),
                      f"{x.gain:.2f}") for x in chosen)
        return [*head, Paragraph(f"{total}; {len(chosen)} touch the focus."),
                Table(headers=("Round", "Gives", "To", "Gives back", "Gain each"),
                      rows=rows, numeric=(0, 4),
                      caption="Each side shifts its position on one issue toward the other; "
                              "the gain is in salience x points of the 0-100 scale.")]
    pairs: dict[tuple[str, str], list[Trade]] = {}
    for x in t.trades:
        key = tuple(sorted(leg.actor for leg in x.legs))
        pairs.setdefault((key[0], key[1]), []).append(x)
    rows_out = []
    for (one, two), trades in sorted(pairs.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        gives = {one: Counter[str](), two: Counter[str]()}
        for x in trades:
            for leg in x.legs:
                gives[leg.actor][leg.issue] += 1
        rows_out.append((f"{one} – {two}", str(len(trades)),
                         _gives(gives[one]), _gives(gives[two]),
                         f"{sum(x.gain for x in trades):.2f}"))
    busiest = rows_out[0]
    return [*head,
            Paragraph(f"{total}; the busiest pair is {busiest[0]} ({busiest[1]} trades)."),
            Table(headers=("Pair", "Trades", "First gives on", "Second gives on",
                           "Gain of each"), rows=tuple(rows_out), numeric=(1, 4),
                  caption="Who gives on which issue (times) in the trades of each pair; each "
                          "side of a trade gains the same (salience x points of the 0-100 "
                          "scale), summed here. Every trade is in the JSON document.")]


def _gives(counts: Counter[str]) -> str:
    return ", ".join(f"{issue}{f' x{k}' if k > 1 else ''}" for issue, k in
                     counts.most_common()) or "—"
