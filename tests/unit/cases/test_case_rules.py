"""The written rules of the built-in case (docs/builtin-case.md, "Rules"), checked on each snapshot.

* Carry-over when silent: a stance or cost the later snapshot does not restate keeps every number
  of the earlier one; a number that changes between consecutive snapshots cites a quote the earlier
  stance did not have, or says why in its ``change`` rationale. No stance disappears silently.
* Every number has a range: capabilities, positions, saliences, red lines, drifts.
* Every quote is verbatim in its source (the seeds and the reference articles in ``../shared``,
  read at test time; the body of an article, not its header).
* Reader-facing text names sources by outlet and date, never by internal id.
* A source listed by a snapshot is published by its date, unless it only resolves predictions.
"""

from __future__ import annotations

import re
from itertools import pairwise
from typing import Any

import pytest

from accord.cases import timeline
from accord.scenario.numbers import is_uncertain, point
from accord.scenario.schema import Scenario, Stance
from tests.conftest import REFERENCE, SEEDS, need_shared

ARTICLES = REFERENCE / "articles"
SNAPSHOTS = timeline("ukraine")
PAIRS = [pytest.param(a, b, id=f"{a.id}->{b.id}") for a, b in pairwise(SNAPSHOTS)]
NUMBERS = ("position", "salience", "reservation", "veto")


def _quotes(items: Any) -> set[tuple[str, str]]:
    return {(e.source, e.quote) for e in items}


@pytest.mark.parametrize(("earlier", "later"), PAIRS)
def test_carried_stances_keep_their_numbers(earlier: Scenario, later: Scenario) -> None:
    for st in later.stances:
        if not st.carried_over:
            continue
        before = earlier.stance(st.actor, st.issue)
        where = f"{later.id}: {st.actor} on {st.issue}"
        assert before is not None, f"{where} is carried over but absent from {earlier.id}"
        for field in NUMBERS:
            assert getattr(st, field) == getattr(before, field), f"{where}: {field} changed"
        assert _quotes(st.evidence) == _quotes(before.evidence), where


def _changed(a: Stance, b: Stance) -> list[str]:
    return [f for f in NUMBERS if getattr(a, f) != getattr(b, f)]


@pytest.mark.parametrize(("earlier", "later"), PAIRS)
def test_a_changed_number_cites_a_new_quote_or_says_why(earlier: Scenario,
                                                          later: Scenario) -> None:
    for st in later.stances:
        before = earlier.stance(st.actor, st.issue)
        if before is None:
            continue
        changed = _changed(before, st)
        if not changed:
            continue
        where = f"{later.id}: {st.actor} on {st.issue} ({', '.join(changed)})"
        assert not st.carried_over, where
        new_quote = bool(_quotes(st.evidence) - _quotes(before.evidence))
        assert new_quote or st.rationale.get("change", "").strip(), where


@pytest.mark.parametrize(("earlier", "later"), PAIRS)
def test_no_stance_disappears(earlier: Scenario, later: Scenario) -> None:
    gone = [(s.actor, s.issue) for s in earlier.stances
            if later.stance(s.actor, s.issue) is None]
    assert gone == [], f"{later.id} drops {gone}"


def _cost_key(c: Any) -> tuple[str, str | None, str]:
    return c.actor, c.issue, c.direction


@pytest.mark.parametrize(("earlier", "later"), PAIRS)
def test_costs_follow_the_same_rule(earlier: Scenario, later: Scenario) -> None:
    before = {_cost_key(c): c for c in earlier.costs}
    for c in later.costs:
        old = before.get(_cost_key(c))
        if old is None:
            continue
        same = (c.drift, c.floor, c.start) == (old.drift, old.floor, old.start)
        carried = (c.rationale or "").startswith("Carried over from")
        if carried:
            assert same, f"{later.id}: carried cost {_cost_key(c)} changed"
        elif not same:
            assert _quotes(c.evidence) - _quotes(old.evidence) or c.rationale, _cost_key(c)


@pytest.mark.parametrize("scenario", SNAPSHOTS, ids=lambda s: s.id)
def test_every_number_has_a_range(scenario: Scenario) -> None:
    plain: list[str] = []
    for a in scenario.actors:
        if not is_uncertain(a.capability):
            plain.append(f"capability of {a.id}")
    for st in scenario.stances:
        for field in ("position", "salience", "reservation"):
            value = getattr(st, field)
            if value is not None and not is_uncertain(value):
                plain.append(f"{field} of {st.actor} on {st.issue}")
    for c in scenario.costs:
        if not is_uncertain(c.drift):
            plain.append(f"drift of {c.actor} on {c.issue}")
    for i in scenario.issues:
        if i.status_quo_drift is not None and not is_uncertain(i.status_quo_drift.drift):
            plain.append(f"no-deal drift on {i.id}")
    assert plain == []


@pytest.mark.parametrize("scenario", SNAPSHOTS, ids=lambda s: s.id)
def test_inferred_numbers_are_wider_than_sourced_ones(scenario: Scenario) -> None:
    """A red line or position read from a statement spans at most 25 points; one the analyst
    inferred (its rationale says "inferred") spans at least 20."""
    for st in scenario.stances:
        for field in ("position", "reservation"):
            value = getattr(st, field)
            if value is None:
                continue
            width = value.high - value.low
            text = st.rationale.get(field, "")
            where = f"{scenario.id}: {field} of {st.actor} on {st.issue}"
            if "inferred: wide" in text:
                assert width >= 20 - 1e-9 or value.low == 0 or value.high == 100, where
            if "sourced: narrow" in text:
                assert width <= 10 + 1e-9, where


def _body(name: str) -> str | None:
    for folder in (SEEDS, ARTICLES):
        path = folder / name
        if path.is_file():
            text = path.read_text("utf-8")
            if folder == ARTICLES:  # four header lines and a blank line come first
                text = text.split("\n\n", 1)[1]
            return text
    return None


@pytest.mark.parametrize("scenario", SNAPSHOTS, ids=lambda s: s.id)
def test_every_quote_is_verbatim_in_its_source(scenario: Scenario) -> None:
    need_shared()
    from accord.scenario.quotes import _quotes as quotes_of

    bodies = {s.id: _body(s.file) for s in scenario.sources if s.file}
    assert all(b is not None for b in bodies.values()), bodies.keys()
    bad = [(path, quote) for path, source, quote in quotes_of(scenario)
           if quote not in (bodies.get(source) or "")]
    assert bad == []


def test_the_quote_check_catches_a_quote_from_an_article_header() -> None:
    need_shared()
    title = "Trilateral US-Ukraine-Russia peace talks resume in UAE after major energy attack"
    assert title in (ARTICLES / "wsjm-2026-02-04.txt").read_text("utf-8")
    assert title not in (_body("wsjm-2026-02-04.txt") or "")


def _reader_texts(s: Scenario) -> list[tuple[str, str]]:
    out = [("description", s.description or "")]
    out += [(f"source {x.id} note", x.note or "") for x in s.sources]
    out += [(f"actor {a.id} rationale", v) for a in s.actors for v in a.rationale.values()]
    out += [(f"issue {i.id}", i.description or "") for i in s.issues]
    for st in s.stances:
        out += [(f"{st.actor}/{st.issue} rationale", v) for v in st.rationale.values()]
        out.append((f"{st.actor}/{st.issue} inference", st.inference or ""))
    out += [(f"cost {c.actor}/{c.issue}", c.rationale or "") for c in s.costs]
    for p in s.predictions:
        out += [(p.id, p.statement), (p.id, p.by or "")]
        if p.resolution is not None:
            out.append((p.id, p.resolution.note or ""))
    for i in s.issues:
        if i.status_quo_drift is not None:
            out.append((f"issue {i.id} no-deal drift", i.status_quo_drift.rationale or ""))
    return out


@pytest.mark.parametrize("scenario", SNAPSHOTS, ids=lambda s: s.id)
def test_reader_facing_text_names_no_source_id(scenario: Scenario) -> None:
    ids = [s.id for s in scenario.sources]
    pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, ids)) + r")(?![\w-])")
    leaks = [(where, m.group(0)) for where, text in _reader_texts(scenario)
             for m in pattern.finditer(text)]
    assert leaks == []


@pytest.mark.parametrize("scenario", SNAPSHOTS, ids=lambda s: s.id)
def test_later_sources_only_resolve_predictions(scenario: Scenario) -> None:
    from accord.scenario.dates import first_day

    assert scenario.as_of is not None
    later = {s.id for s in scenario.sources
             if s.published and first_day(s.published) > first_day(scenario.as_of)}
    for st in scenario.stances:
        assert not {e.source for e in st.evidence} & later, (st.actor, st.issue)
    for c in scenario.costs:
        assert not {e.source for e in c.evidence} & later, (c.actor, c.issue)
    for p in scenario.predictions:
        assert p.source not in later, p.id


def test_predictions_with_a_probability_are_forecasts_with_a_quote() -> None:
    """Messaging and threats carry no probability (so they are not scored); every scored
    forecast quotes its source."""
    for s in SNAPSHOTS:
        for p in s.predictions:
            if p.probability is not None:
                assert p.quote and p.source, p.id
    lavrov = next(p for s in SNAPSHOTS for p in s.predictions if p.id == "p-2022-01-lavrov-no-war")
    assert lavrov.probability is None
    latynina = next(p for s in SNAPSHOTS for p in s.predictions
                    if p.id == "p-2022-01-latynina-never")
    assert latynina.resolution is None and latynina.statement.startswith("If ")


def test_point_values_are_the_modes() -> None:
    """Deterministic runs use each distribution's mode: the number the rationale states."""
    s = SNAPSHOTS[-1]
    st = s.stance("RUS", "territory")
    assert st is not None and st.reservation is not None
    assert point(st.reservation) == 75.0
