"""What ``accord actors`` says: who gains and who loses from each forecast and from the best
deal, who is pivotal, who holds the voting power; then the EUM's rounds, SMP's coalitions and
the exchange model's trades (:mod:`accord.reports.actor_rounds_view`).

Works from :class:`~accord.workflows.actors.ActorsAnalysis` only, so the terminal, Markdown,
the report section (:mod:`accord.reports.sections_actors`) and the dashboard page show the
same rows and sentences. Gains are shown relative to each actor's largest possible loss (the
``margin`` unit of ``accord bargain``), so they compare across actors; per issue (with a focus)
in utility points (salience x points of the 0-100 scale).
"""

from __future__ import annotations

from accord.bargaining.gains import ActorGain
from accord.bargaining.pivotal import Pivot
from accord.reports.actor_rounds_view import coalition_blocks, eum_blocks, trade_blocks
from accord.reports.bargain_view import Namer
from accord.reports.document import Block, Heading, Page, Paragraph, Table
from accord.reports.formatting import count
from accord.workflows.actors import BEST_DEAL, ActorsAnalysis, PackageGains

WALKS = "✗"
"""Marks a veto player that would walk away from a package."""
KIND_NAMES = {"nash": "the Nash solution",
              "nash-after-concessions": "the Nash solution after the smallest concessions"}


def _list(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def percent(value: float) -> str:
    text = f"{100.0 * value:+.1f}%"
    return "0.0%" if text in ("+0.0%", "-0.0%") else text


def package_label(p: PackageGains) -> str:
    if p.name == BEST_DEAL:
        return "Nash solution" if p.kind == "nash" else "Nash after concessions"
    return p.name


def _gain_cell(g: ActorGain) -> str:
    return percent(g.relative) + (f" {WALKS}" if g.walks_away else "")


def gains_table(a: ActorsAnalysis) -> Table:
    """Packages as rows, actors in focus as columns: each actor's gain over no deal."""
    actors = a.actors
    rows = tuple((package_label(p), *(_gain_cell(p.of(x)) for x in actors))
                 for p in a.packages)
    return Table(headers=("Package", *actors), rows=rows,
                 numeric=tuple(range(1, len(actors) + 1)), matrix=True,
                 caption="Gain over what the actor expects from no deal, in percent of its "
                         f"largest possible loss; {WALKS}: a veto player that would walk away "
                         "(the package crosses one of its binding red lines or gives it less "
                         "than no deal).")


def issue_gains_table(a: ActorsAnalysis, issue: str) -> Table:
    """With an issue in focus: each package's outcome there and every actor's gain on it."""
    n = Namer(a.scenario)
    rows = []
    for p in a.packages:
        value = p.outcome.get(issue)
        cells = []
        for actor in a.actors:
            term = next((x for x in p.of(actor).issues if x.issue == issue), None)
            cells.append("—" if term is None else f"{term.gain:+.1f}"
                         + (f" {WALKS}" if term.crosses and term.binding else ""))
        rows.append((package_label(p), "—" if value is None else n.value(issue, value),
                     *cells))
    return Table(headers=("Package", "Outcome", *a.actors), rows=tuple(rows),
                 numeric=tuple(range(1, len(a.actors) + 2)), matrix=True,
                 caption=f"Gain on {n.issue_in_text(issue)} over no deal, in utility points "
                         f"(salience x points of the 0-100 scale); {WALKS}: the outcome "
                         "crosses the actor's binding red line.")


def actor_gains_table(a: ActorsAnalysis, actor: str) -> Table:
    """With an actor in focus: its total gain from each package and its gain issue by issue."""
    issues = a.issues
    rows = []
    for p in a.packages:
        g = p.of(actor)
        terms = {x.issue: x for x in g.issues}
        cells = ["—" if (x := terms.get(i)) is None else
                 f"{x.gain:+.1f}" + (f" {WALKS}" if x.crosses and x.binding else "")
                 for i in issues]
        rows.append((package_label(p), _gain_cell(g), *cells))
    return Table(headers=("Package", "Total", *issues), rows=tuple(rows),
                 numeric=tuple(range(1, len(issues) + 2)), matrix=True,
                 caption=f"{Namer(a.scenario).possessive(actor)} gain over no deal: in all "
                         "(percent of its largest possible loss) and issue by issue (utility "
                         f"points); {WALKS}: it would walk away, or the outcome crosses its "
                         "binding red line there.")


def findings(a: ActorsAnalysis) -> list[str]:
    """One sentence per notable finding on gains, pivots and power."""
    n = Namer(a.scenario)
    out: list[str] = []
    forecasts = [p for p in a.packages if p.kind == "forecast"]
    players = [g.actor for g in a.packages[0].gains if g.player] if a.packages else []
    in_focus = [x for x in players if x in a.actors]
    always = [x for x in in_focus if forecasts and all(p.of(x).walks_away for p in forecasts)]
    if always:
        out.append(f"{_list([n.actor(x) for x in always])} would walk away from every "
                   f"model's forecast ({count(len(forecasts), 'model')}).")
    head = a.analysis.headline
    lead = next((p for p in forecasts if head is not None and p.name == head.model), None)
    if lead is not None:
        gains = [lead.of(x) for x in a.actors]
        best = max(gains, key=lambda g: g.relative)
        worst = min(gains, key=lambda g: g.relative)
        text = (f"Under the {lead.name} forecast {n.actor(best.actor)} gains most "
                f"({percent(best.relative)})")
        if worst.actor != best.actor:
            text += (f" and {n.actor(worst.actor)} "
                     f"{'loses most' if worst.gain < 0 else 'gains least'} "
                     f"({percent(worst.relative)})")
        walking = [n.actor(x) for x in lead.walking if x in a.actors]
        if walking:
            text += f"; {_list(walking)} would walk away from it"
        out.append(text + ".")
    deal = a.best_deal
    if deal is not None:
        walking = [n.actor(x) for x in deal.walking if x in a.actors]
        what = KIND_NAMES[deal.kind]
        if not walking:
            out.append(f"The zone's best deal, {what}, gives every veto player at least what "
                       "it expects from no deal.")
        elif deal.kind == "nash-after-concessions":
            out.append(f"The zone's best deal, {what}, still crosses stated red lines of "
                       f"{_list(walking)}: each must concede before accepting it.")
        else:
            out.append(f"{_list(walking)} would walk away from {what}.")
    out += [pivot_sentence(n, p) for p in a.pivots
            if p.scope == "package" and p.kind == "move" and p.actor in a.actors]
    powerless = [ip for ip in a.power if ip.issue in a.issues and any(p.veto for p in ip.players)
                 and sum(p.shapley_shubik for p in ip.players if not p.veto) < 1e-9]
    if powerless:
        issues = [ip.issue for ip in a.power if ip.issue in a.issues]
        out.append(f"On {len(powerless)} of {len(issues)} issue{'s' if len(issues) > 1 else ''}"
                   " the actors without a veto hold no voting power: no coalition wins "
                   "without every veto player, and the veto players together are decisive.")
    return out


def pivot_sentence(n: Namer, p: Pivot) -> str:
    if p.scope == "package" and p.kind == "move":
        return (f"{n.actor(p.actor)} alone could open a zone by moving its red lines "
                f"{p.distance or 0:.1f} points in all (0-100 scale).")
    if p.scope == "package":
        return (f"Without {n.actor(p.actor)}, a package every other veto player accepts "
                "exists.")
    return (f"{n.possessive(p.actor)} veto alone closes the zone on "
            f"{n.issue_in_text(p.scope)}: its red line is {n.amount(p.scope, p.distance or 0)} "
            "from the others'.")


def pivot_rows(a: ActorsAnalysis) -> tuple[tuple[str, ...], ...]:
    n = Namer(a.scenario)
    rows = []
    for p in a.pivots:
        if p.actor not in a.actors or (p.scope != "package" and p.scope not in a.issues):
            continue
        where = "the package" if p.scope == "package" else n.issue(p.scope)
        if p.scope == "package" and p.kind == "veto":
            why, far = "without it, the other veto players have a deal", "—"
        elif p.scope == "package":
            why, far = "its red lines alone can open a zone", f"{p.distance or 0:.1f} in all"
        else:
            why, far = "its veto alone closes the zone", n.value(p.scope, p.distance or 0)
        rows.append((n.actor(p.actor), where, why, far))
    return tuple(rows)


POWER_AGREE = 0.005
"""Largest difference at which the two indices count as the same (two decimals shown)."""


def power_table(a: ActorsAnalysis, index: str = "shapley_shubik") -> Table:
    """Issues as rows, actors as columns: one index (``shapley_shubik`` or
    ``banzhaf_normalised``) of every actor, * for a veto player."""
    n = Namer(a.scenario)
    rows = []
    for ip in a.power:
        if ip.issue not in a.issues:
            continue
        by = {p.actor: p for p in ip.players}
        cells = []
        for actor in a.actors:
            p = by.get(actor)
            cells.append("—" if p is None else
                         f"{getattr(p, index):.2f}{'*' if p.veto else ''}")
        rows.append((n.issue(ip.issue) + ("" if ip.exact else " (sampled)"), *cells))
    name = "Shapley–Shubik" if index == "shapley_shubik" else "Normalised Banzhaf"
    return Table(headers=("Issue", *a.actors), rows=tuple(rows),
                 numeric=tuple(range(1, len(a.actors) + 1)), matrix=True,
                 caption=f"{name} index; * holds a veto on the issue; — no stance. A "
                         "coalition wins with every veto player on the issue and more than "
                         "half the capability x salience weight.")


def power_blocks(a: ActorsAnalysis) -> list[Block]:
    """The Shapley-Shubik table, and the Banzhaf one where the two differ."""
    blocks: list[Block] = [Heading("Voting power per issue"), power_table(a)]
    same = all(abs(p.shapley_shubik - p.banzhaf_normalised) <= POWER_AGREE
               for ip in a.power if ip.issue in a.issues for p in ip.players)
    if same:
        blocks.append(Paragraph("The normalised Banzhaf index is the same as the "
                                "Shapley–Shubik index here, on every issue (to two decimals).",
                                muted=True))
    else:
        blocks.append(power_table(a, "banzhaf_normalised"))
    return blocks


def gains_blocks(a: ActorsAnalysis, title: bool = True) -> list[Block]:
    """The gains, pivots and power: the report's "Who gains, who loses" (``title=False``: the
    section has the title) and the top of the page."""
    blocks: list[Block] = []
    said = findings(a)
    if said:
        blocks.append(Paragraph(" ".join(said)))
    if a.packages:
        blocks += [*([Heading("Who gains, who loses")] if title else []), gains_table(a)]
        if a.issue:
            blocks.append(issue_gains_table(a, a.issue))
        if a.actor:
            blocks.append(actor_gains_table(a, a.actor))
    else:
        blocks.append(Paragraph("No model made a forecast and no zone is open or can open: "
                                "there is no package to weigh.", muted=True))
    rows = pivot_rows(a)
    blocks.append(Heading("Pivotal actors"))
    if rows:
        blocks.append(Table(headers=("Actor", "Where", "Pivotal because", "Distance"),
                            rows=rows, numeric=(3,),
                            caption="Distance: how far its red line must move alone (issue "
                                    "scale; for the package, points of the 0-100 scales in "
                                    "all)."))
    elif a.analysis.bargaining is not None and a.analysis.bargaining.feasible:
        blocks.append(Paragraph("Nobody is pivotal: a package every veto player accepts "
                                "exists already."))
    else:
        blocks.append(Paragraph("Nobody is pivotal alone on what is in view."))
    return blocks + power_blocks(a)


def actors_blocks(a: ActorsAnalysis) -> list[Block]:
    """Everything ``accord actors`` prints, in order."""
    s = a.scenario
    bargaining = a.analysis.bargaining
    lead = f"As of {s.as_of}. " if s.as_of else ""
    lead += (f"Scenario {s.id} (digest {s.digest()[:12]}); models: "
             f"{', '.join(r.model for r in a.analysis.results) or 'none'}")
    if bargaining is not None:
        lead += f"; {bargaining.options.loss} loss"
    focus = [f"issue {a.issue}"] if a.issue else []
    focus += [f"actor {a.actor}"] if a.actor else []
    if focus:
        lead += f"; focus on {' and '.join(focus)}"
    blocks: list[Block] = [Paragraph(lead + ".", muted=True)]
    blocks += gains_blocks(a)
    blocks += eum_blocks(a) + coalition_blocks(a) + trade_blocks(a)
    return blocks


def actors_page(a: ActorsAnalysis, markdown: bool = False) -> Page:
    return Page(("Actors and coalitions: " if markdown else "") + a.scenario.title,
                tuple(actors_blocks(a)))
