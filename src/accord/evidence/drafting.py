"""Drafting the next snapshot of a scenario from new articles: proposals, then a draft.

An analyst updates a scenario by reading the next articles and moving the numbers. ``accord
update`` does the first pass as two pure steps:

1. :func:`propose` turns candidate claims (:mod:`.extract`) and findings (:mod:`.discovery`)
   into :class:`Proposal` objects, each with a stable id, the quote it rests on, the old and the
   new number and a one-line reason. Per (actor, issue) of the scenario, the best candidate
   scoring ``min_score`` or more (what ``accord evidence --apply`` would accept) is read:

   * a statement pointing to the end of the scale the actor does not stand near, or a
     concession (:attr:`~accord.evidence.cues.Cue.polarity` < 0), proposes a **position**
     :data:`STEP` of the way toward that end; a concession also moves an existing **red
     line** (reservation) the same way;
   * a firm statement (demand, refusal, red line, threat, scoring :data:`FIRM_SCORE`+) toward
     the end the actor already stands near proposes a higher **salience** (+
     :data:`SALIENCE_STEP`): it insists;
   * a red line with no reservation on file proposes one, :data:`RED_LINE_ROOM` of the way
     from the position toward the other end;
   * otherwise the quote is proposed as **evidence** only;
   * an actor's statement on an issue it has no stance on proposes a new stance (position a
     quarter of the scale from the end the quote points to, salience 0.5);
   * outsiders that state positions, and topics that :data:`MIN_ISSUE_STATEMENTS` or more
     unmapped statements share, are proposed as **new actors** and **new issues** to add by
     hand: a draft never adds them.

2. :func:`draft` applies accepted proposals to the scenario: numbers changed, the quote added
   as evidence (with its article as a source, through :func:`.apply.apply_claims`), the reason
   written into the stance's ``rationale``; every stance no accepted proposal touches is
   carried over unchanged and marked ``carried_over: true``. The result validates like any
   scenario.

Proposal objects carry everything a review page needs (id, kind, actor, issue, old, new,
reason, quote, where) and serialise with :meth:`Proposal.to_dict`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from accord.evidence.apply import apply_claims
from accord.evidence.claims import Claim
from accord.evidence.discovery import Finding, topic_groups
from accord.evidence.reading import Article
from accord.evidence.selection import DEFAULT_MIN_SCORE, accept_top
from accord.scenario.numbers import point
from accord.scenario.schema import Issue, Scenario

ProposalKind = Literal["position", "salience", "reservation", "evidence", "stance",
                       "new-actor", "new-issue"]
NUMERIC: frozenset[str] = frozenset({"position", "salience", "reservation", "stance"})
"""Kinds that change or add numbers; the others add a quote or only inform."""
STEP = 0.25
"""Share of the way toward the end a statement points to that a position moves."""
SALIENCE_STEP = 0.1
FIRM_SCORE = 0.7
RED_LINE_ROOM = 0.2
NEW_SALIENCE = 0.5
FIRM_KINDS = frozenset({"demand", "refusal", "red line", "threat"})
MIN_ISSUE_STATEMENTS = 2
"""Statements sharing a topic word that make a new issue worth proposing."""


@dataclass(frozen=True, slots=True)
class Proposal:
    """One proposed change to the scenario, for a person to accept or reject."""

    id: str
    kind: ProposalKind
    actor: str | None
    issue: str | None
    old: float | None
    new: float | None
    reason: str
    quote: str
    file: str
    line: int
    col: int
    claim: str | None
    """The id of the candidate claim it rests on (``accord evidence`` lists the same id)."""
    name: str | None = None
    """For a new actor or issue: the suggested name (the id is in ``actor``/``issue``)."""
    count: int = 1
    """For a new actor or issue: how many statements back it."""

    @property
    def addable(self) -> bool:
        """Whether accepting it changes the draft (new actors and issues are added by hand)."""
        return self.kind not in ("new-actor", "new-issue")

    def to_dict(self, *, accepted: bool | None = None) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id, "kind": self.kind, "actor": self.actor, "issue": self.issue,
            "old": self.old, "new": self.new, "reason": self.reason, "quote": self.quote,
            "file": self.file, "line": self.line, "col": self.col, "claim": self.claim,
            "name": self.name, "count": self.count, "addable": self.addable}
        if accepted is not None:
            out["accepted"] = accepted
        return out


def proposal_id(kind: str, actor: str | None, issue: str | None, *parts: object) -> str:
    """A short id that stays the same between runs on the same files and scenario."""
    text = "\0".join(str(p) for p in (kind, actor, issue, *parts))
    digest = hashlib.sha1(text.encode()).hexdigest()[:6]
    short = {"position": "pos", "salience": "sal", "reservation": "red", "evidence": "ev",
             "stance": "new", "new-actor": "actor", "new-issue": "issue"}[kind]
    return "-".join(p for p in (short, actor, issue, digest) if p)


def _round(value: float) -> float:
    return round(value, 1) if abs(value) < 10 else float(round(value))


def _end(issue: Issue, claim: Claim) -> float:
    return issue.high if claim.direction == "high" else issue.low


def _label(issue: Issue, value: float) -> str:
    near = issue.nearest_label(value)
    return f" ({near[1]})" if near else ""


def _for_cell(scenario: Scenario, claim: Claim) -> list[Proposal]:
    issue = scenario.issue(claim.issue)
    stance = scenario.stance(claim.actor, claim.issue)
    span = issue.high - issue.low

    def make(kind: ProposalKind, old: float | None, new: float | None, reason: str) -> Proposal:
        return Proposal(proposal_id(kind, claim.actor, claim.issue, claim.id), kind,
                        claim.actor, claim.issue, old, new, reason, claim.quote, claim.file,
                        claim.line, claim.col, claim.id)

    said = f"{claim.cue or 'statement'} ({claim.cue_phrase})" if claim.cue_phrase else (
        claim.cue or "statement")
    if stance is None:
        if claim.direction is None:
            return []
        end = _end(issue, claim)
        new = _round(end - STEP * span if claim.direction == "high" else end + STEP * span)
        return [make("stance", None, new, f"new stance: {said} toward {end:g}"
                     f"{_label(issue, end)}; salience {NEW_SALIENCE} to set")]
    old = point(stance.position)
    if claim.direction is None:
        return [make("evidence", None, None, f"{said}, no direction: quote added as evidence")]
    end = _end(issue, claim)
    toward = f"toward {end:g}{_label(issue, end)}"
    concession = claim.polarity < 0
    far = abs(end - old) > span / 2
    out: list[Proposal] = []
    if concession or far:
        new = _round(old + STEP * (end - old))
        if new != old:
            why = "concession" if concession else "statement away from where it stands"
            out.append(make("position", old, new, f"{why}: {said} {toward}"))
        if concession and stance.reservation is not None:
            res = point(stance.reservation)
            new_res = _round(res + STEP * (end - res))
            if new_res != res:
                out.append(make("reservation", res, new_res,
                                f"concession softens its red line: {said} {toward}"))
        return out
    firm = claim.cue in FIRM_KINDS and claim.score >= FIRM_SCORE
    if firm and point(stance.salience) < 1.0:
        sal = point(stance.salience)
        out.append(make("salience", sal, _round(min(1.0, sal + SALIENCE_STEP)),
                        f"insists: {said} {toward}, where it already stands"))
    if claim.cue == "red line" and stance.reservation is None:
        other = issue.low if end == issue.high else issue.high
        out.append(make("reservation", None, _round(old + RED_LINE_ROOM * (other - old)),
                        f"red line ({claim.cue_phrase}): it accepts little short of its "
                        "position"))
    if not out:
        out.append(make("evidence", None, None, f"confirms where it stands: {said} {toward}"))
    return out


def propose(scenario: Scenario, claims: Sequence[Claim], findings: Sequence[Finding] = (), *,
            min_score: float = DEFAULT_MIN_SCORE) -> list[Proposal]:
    """Proposals for the next snapshot (module docstring, step 1), cell by cell, then new
    actors and issues; same inputs, same proposals and ids."""
    actors = {a.id for a in scenario.actors}
    issues = {i.id for i in scenario.issues}
    chosen = [c for c in accept_top(claims, min_score=min_score)
              if c.actor in actors and c.issue in issues]
    out: list[Proposal] = []
    for claim in sorted(chosen, key=lambda c: (c.actor, c.issue)):
        out += _for_cell(scenario, claim)
    outsiders: dict[str, list[Finding]] = {}
    for f in findings:
        if f.kind == "actor":
            outsiders.setdefault(f.actor, []).append(f)
    for ident, items in sorted(outsiders.items()):
        best = max(items, key=lambda f: f.score)
        about = sorted({f.issue for f in items if f.issue})
        out.append(Proposal(
            proposal_id("new-actor", ident, None, best.file, best.start), "new-actor", ident,
            None, None, None, f"{best.actor_name} states positions"
            + (f" on {', '.join(about)}" if about else "") + ": not an actor of the scenario",
            best.quote, best.file, best.line, best.col, None, best.actor_name, len(items)))
    for head, items in topic_groups(findings).items():
        if len(items) < MIN_ISSUE_STATEMENTS:
            continue  # a lone statement is listed among the findings, not proposed
        best = max(items, key=lambda f: f.score)
        who = sorted({f.actor for f in items})
        out.append(Proposal(
            proposal_id("new-issue", None, head, best.file, best.start), "new-issue", None,
            head, None, None, f"positions on '{best.topic}' ({', '.join(who)}): no issue of "
            "the scenario", best.quote, best.file, best.line, best.col, None, best.topic,
            len(items)))
    return out


def draft(scenario: Scenario, proposals: Sequence[Proposal], claims: Sequence[Claim],
          articles: Sequence[Article], *, accepted: Collection[str] | None = None,
          scenario_id: str | None = None, as_of: str | None = None) -> Scenario:
    """The next snapshot with the ``accepted`` proposals (default: every addable one) applied
    and everything else carried over (module docstring, step 2)."""
    taken = [p for p in proposals if p.addable and (accepted is None or p.id in accepted)]
    by_id = {c.id: c for c in claims}
    quotes = list({p.claim: by_id[p.claim] for p in taken if p.claim in by_id}.values())
    with_quotes, _ = apply_claims(scenario, quotes, articles, draft_stances=True)
    data: dict[str, Any] = with_quotes.model_dump(mode="python")
    stances = {(s["actor"], s["issue"]): s for s in data["stances"]}
    touched: set[tuple[str, str]] = set()
    for p in taken:
        assert p.actor is not None and p.issue is not None
        key = (p.actor, p.issue)
        touched.add(key)
        stance = stances[key]
        if p.kind == "stance":  # drafted by apply_claims at the end; moved a quarter in
            stance["position"] = p.new
            stance["inference"] = (f"{p.reason} (accord update {p.id}); position and salience "
                                   "are placeholders for the analyst to set")
            continue
        if p.kind in ("position", "salience", "reservation"):
            stance[p.kind] = p.new
            rationale = dict(stance.get("rationale") or {})
            was = "none" if p.old is None else f"{p.old:g}"
            rationale[p.kind] = f"{p.reason} (was {was}; accord update {p.id})"
            stance["rationale"] = rationale
    for key, stance in stances.items():
        stance["carried_over"] = key not in touched
    if scenario_id:
        data["id"] = scenario_id
    if as_of:
        data["as_of"] = as_of
    return Scenario.model_validate(data)


def next_id(scenario: Scenario, as_of: str | None) -> str:
    """The draft's id: the snapshot's with its date replaced by ``as_of``, or ``-next``."""
    old = str(scenario.as_of) if scenario.as_of else None
    if as_of and old and scenario.id.endswith(old[:7]):
        return scenario.id[: -len(old[:7])] + as_of[:7]
    if as_of and old and scenario.id.endswith(old):
        return scenario.id[: -len(old)] + as_of
    return f"{scenario.id}-{as_of}" if as_of else f"{scenario.id}-next"
