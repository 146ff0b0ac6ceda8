"""A comparison in words: names of both sides' actors and issues, when a zone opens, and why an
output of :mod:`accord.workflows.compare` did not move (the codes of
:mod:`accord.workflows.compare_reasons` as sentences). Used by ``accord compare``
(:mod:`accord.reports.compare_view`), the report's "What if" section and the dashboard.
"""

from __future__ import annotations

from accord.bargaining.doc_types import TimelineDoc
from accord.reports.bargain_view import Namer
from accord.scenario.schema import Scenario
from accord.workflows.compare_reasons import Pair, Why

OUTPUT_NAMES = {"forecasts": "Forecasts", "zones": "Zones of agreement", "verdict": "Verdict",
                "blocking": "Blocking red lines", "concessions": "Smallest concessions",
                "opening": "Opening month", "gains": "Veto players' gains"}


class Names:
    """Names of both sides' actors and issues (an actor only in B is named from B)."""

    def __init__(self, a: Scenario, b: Scenario) -> None:
        self.a, self.b = Namer(a), Namer(b)
        self.full = {x.id: x.name for x in (*b.actors, *a.actors)}
        self._actors_a = {x.id for x in a.actors}
        self._issues_a = {x.id for x in a.issues}

    def _of(self, issue: str) -> Namer:
        return self.a if issue in self._issues_a else self.b

    def actor(self, actor_id: str) -> str:
        return (self.a if actor_id in self._actors_a else self.b).actor(actor_id)

    def possessive(self, actor_id: str) -> str:
        return (self.a if actor_id in self._actors_a else self.b).possessive(actor_id)

    def issue(self, issue_id: str) -> str:
        return self._of(issue_id).issue(issue_id)

    def issue_in_text(self, issue_id: str) -> str:
        return self._of(issue_id).issue_in_text(issue_id)

    def value(self, issue_id: str, value: float | None) -> str:
        return "—" if value is None else self._of(issue_id).value(issue_id, value)


def join_words(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def opening_text(t: TimelineDoc | None) -> str:
    """When a zone first opens, in a few words."""
    if t is None:
        return "—"
    if t.months == 0:
        return "open now"
    if t.opens or t.months is not None:
        return t.opens or f"month {t.months}"
    if not t.costs:
        return "no stated cost moves a red line"
    if t.never:
        return "never"
    return f"not within {t.horizon} months"


def _pair(n: Names, p: Pair) -> str:
    return f"{n.possessive(p[1])} and {n.possessive(p[2])} on {n.issue_in_text(p[0])}"


def why_text(n: Names, why: Why, outputs: tuple[str, ...] | None = None) -> str:
    """One sentence: the output (or ``outputs``, sharing the reason) unchanged, and why when
    a reason is known."""
    names = [OUTPUT_NAMES[o] for o in (outputs or (why.output,))]
    name = names[0] + "".join(
        (" and " if k == len(names) - 1 else ", ") + x[:1].lower() + x[1:]
        for k, x in enumerate(names[1:], 1))
    pairs = join_words([_pair(n, p) for p in why.pairs])
    actors = join_words([n.actor(x) for x in why.actors])
    if why.code == "models-blind":
        return (f"{name}: unchanged. The changes touch only red lines, vetoes or costs of no "
                "deal, which none of the models run reads.")
    if why.code == "no-red-line":
        return (f"{name}: unchanged. The changes move no red line and give or take no veto, "
                "and the zones read only those.")
    if why.code == "no-veto":
        return (f"{name}: unchanged. The changes touch only {actors}, who hold"
                f"{'s' if len(why.actors) == 1 else ''} no veto: red lines bind only veto "
                "players, and the bargaining reads only them.")
    if why.code == "still-blocking":
        return (f"{name}: unchanged. The changes do not touch the red lines that cross: "
                f"{pairs}.")
    if why.code == "same-blocking":
        return (f"{name}: unchanged in total and in who moves. The same red lines cross, the "
                f"same distance apart ({pairs}).")
    if why.code == "open-now":
        return f"{name}: unchanged. A zone is open now on both sides."
    if why.code == "no-costs":
        return f"{name}: unchanged. Neither side states a cost of no deal that moves a red line."
    if why.code == "last-to-meet":
        text = (f"{name}: unchanged. The last red lines to meet, {pairs}, and the costs of no "
                "deal that move them are untouched by the changes.")
        if why.actors:
            text += (f" {actors} {'is' if len(why.actors) == 1 else 'are'} not among them, and "
                     "each actor's cost of no deal moves only its own red lines, so no one's "
                     f"costs depend on {actors}.")
        return text
    return f"{name}: unchanged."


def why_lines(n: Names, whys: tuple[Why, ...]) -> tuple[str, ...]:
    """:func:`why_text` of each reason, outputs that share one reason in one sentence."""
    groups: dict[tuple[str | None, tuple[str, ...], tuple[Pair, ...]], list[str]] = {}
    for w in whys:
        groups.setdefault((w.code, w.actors, w.pairs), []).append(w.output)
    return tuple(why_text(n, Why(outs[0], code, actors, pairs), tuple(outs))
                 for (code, actors, pairs), outs in groups.items())
