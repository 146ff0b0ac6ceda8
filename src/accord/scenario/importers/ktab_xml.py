"""KTAB Spatial Model of Politics XML -> a scenario, with the model settings it carries.

Format (KTAB ``smpc --xml``, schema ``smpSchema.xsd``; shared/reference/ktab/README.md 2.2)::

    <Scenario>
      <name>..</name> <desc>..</desc> <prngSeed>..</prngSeed>
      <ModelParameters> <VotingRule>Prop</VotingRule> ... </ModelParameters>      optional
      <Dimensions> <dName>..</dName> ... </Dimensions>
      <Actors> <Actor> <name/> <description/> <capability/>
                       <Position> <dCoord/> per dimension </Position>
                       <Salience> <dSal/> per dimension </Salience> </Actor> ... </Actors>
      <IdealAdjustment> <iaPair> <adjustingIdeal/> <referencePos/> <adjust/> </iaPair>
      </IdealAdjustment>                                                         optional
    </Scenario>

As with the CSV: positions and saliences 0-100 (saliences become 0-1), 3..250 actors, an
actor's saliences add up to at most 100, capability above 0. The model settings go into
``meta`` for the spatial model (``ktab.<Option>``, ``ktab.seed``, ``ktab.IdealAdjustment``;
see :mod:`accord.scenario.ktab_settings`). Differences from KTAB's reader, all deliberate:
``<IdealAdjustment>`` and ``<prngSeed>`` may be left out (KTAB requires both although its
schema makes the first optional); the schema's spellings ``Proportional`` and ``No`` are
accepted beside KTAB's ``Prop`` and ``None``; every problem is reported with its line and
column (KTAB logs one and exits with status 0).
"""

from __future__ import annotations

import re
from typing import Any

from accord.errors import InputError, Problem
from accord.scenario.importers.table import short, shortened_note, slug_id, validate
from accord.scenario.importers.xmltree import Element, parse_xml
from accord.scenario.ktab_settings import (
    ADJUST_KEY,
    OPTIONS,
    PREFIX,
    SEED_KEY,
    format_adjustment,
    normalise,
)
from accord.scenario.schema import Scenario

SALIENCE_SUM_TOL = 1e-6
MAX_SEED = 2**64 - 1
_ROW_SUM_TOL = 1e-9
_DIGITS = re.compile(r"[0-9]{1,20}")  # ASCII digits only: str.isdigit() also takes '²'
_TOP = ("name", "desc", "prngSeed", "ModelParameters", "Dimensions", "Actors",
        "IdealAdjustment")
_ACTOR = ("name", "description", "capability", "Position", "Salience")


class _Reader:
    """Collects every problem of one file before giving up."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.problems: list[Problem] = []
        self.shortened: list[str] = []

    def bad(self, at: Element, message: str) -> None:
        self.problems.append(Problem(self.name, at.line, at.col, message))

    def only(self, parent: Element, known: tuple[str, ...], *, repeated: bool = False) -> None:
        """Report unknown child elements, and repeated ones unless ``repeated``."""
        seen: set[str] = set()
        for child in parent.children:
            if child.tag not in known:
                self.bad(child, f"unknown element <{child.tag}> in <{parent.tag}> (expected "
                                f"{', '.join(known)})")
            elif child.tag in seen and not repeated:
                self.bad(child, f"<{child.tag}> appears twice in <{parent.tag}>")
            seen.add(child.tag)

    def one(self, parent: Element, tag: str, *, required: bool = True) -> Element | None:
        found = parent.all(tag)
        if not found and required:
            self.bad(parent, f"<{parent.tag}> needs a <{tag}> element")
        return found[0] if found else None

    def text(self, parent: Element, tag: str, *, required: bool = True,
             limit: int = 512) -> str | None:
        element = self.one(parent, tag, required=required)
        if element is None:
            return None
        if not element.text and required:
            self.bad(element, f"<{tag}> is empty")
        if len(element.text) > limit:
            self.bad(element, f"<{tag}> is longer than {limit} characters")
        return element.text

    def number(self, element: Element, what: str, low: float, high: float,
               low_open: bool = False) -> float | None:
        if not element.text:
            self.bad(element, f"<{element.tag}> is empty; {what} must be a number")
            return None
        try:
            value = float(element.text)
        except ValueError:
            value = None
        if value is None or value != value or value in (float("inf"), float("-inf")):
            self.bad(element, f"{what} '{short(element.text)}' is not a number (or beyond "
                              "1e12)")
            return None
        if value < low or value > high or (low_open and value == low):
            bound = f"above {low:g}" if low_open else f"at least {low:g}"
            self.bad(element, f"{what} {short(element.text)} must be {bound} and at most {high:g}")
            return None
        return value


def read_ktab_xml(text: str, name: str) -> tuple[Scenario, list[str]]:
    """Parse KTAB SMP XML text into a scenario (settings in ``meta``)."""
    root = parse_xml(text, name)
    r = _Reader(name)
    if root.tag != "Scenario":
        raise InputError([Problem(name, root.line, root.col, f"the root element is <{root.tag}>; "
                                  "a KTAB SMP file starts with <Scenario>")])
    r.only(root, _TOP)
    title = r.text(root, "name") or "KTAB scenario"
    desc = r.text(root, "desc", required=False)
    meta: dict[str, str | int | float] = {"format": "ktab-xml"}
    seed_el = r.one(root, "prngSeed", required=False)
    if seed_el is not None:
        seed = _seed(r, seed_el)
        if seed is not None:
            meta[SEED_KEY] = seed
    params = r.one(root, "ModelParameters", required=False)
    if params is not None:
        meta.update(_options(r, params))
    dims = _dimensions(r, r.one(root, "Dimensions"))
    actors, stances, names = _actors(r, r.one(root, "Actors"), dims)
    adjust = r.one(root, "IdealAdjustment", required=False)
    if adjust is not None:
        entries = _adjustment(r, adjust, names)
        if entries:
            meta[ADJUST_KEY] = format_adjustment(entries)
    if r.problems:
        raise InputError(r.problems)
    scenario = validate({
        "id": slug_id(title, set(), r.shortened), "title": title, "description": desc or None,
        "meta": meta, "actors": actors, "issues": dims, "stances": stances}, name)
    settings = [k.removeprefix(PREFIX) for k in meta if k.startswith(PREFIX)]
    note = f"{name}: KTAB SMP XML, {len(actors)} actors x {len(dims)} dimensions"
    if settings:
        note += f"; model settings: {', '.join(settings)}"
    return scenario, [note, *shortened_note(name, r.shortened)]


def _seed(r: _Reader, element: Element) -> int | None:
    if not _DIGITS.fullmatch(element.text) or int(element.text) > MAX_SEED:
        r.bad(element, f"prngSeed '{short(element.text)}' must be a whole number from 0 to "
                       f"{MAX_SEED}")
        return None
    return int(element.text)


def _options(r: _Reader, params: Element) -> dict[str, str]:
    r.only(params, tuple(OPTIONS))
    out: dict[str, str] = {}
    for child in params.children:
        if child.tag not in OPTIONS:
            continue
        value = normalise(child.tag, child.text)
        if value is None:
            r.bad(child, f"{child.tag} '{child.text}' is not one of "
                         f"{', '.join(OPTIONS[child.tag])}")
            continue
        out[PREFIX + child.tag] = value
    return out


def _dimensions(r: _Reader, element: Element | None) -> list[dict[str, Any]]:
    if element is None:
        return []
    r.only(element, ("dName",), repeated=True)
    names = element.all("dName")
    if not names:
        r.bad(element, "<Dimensions> needs at least one <dName>")
    taken: set[str] = set()
    dims = []
    for k, d in enumerate(names):
        if not d.text:
            r.bad(d, "<dName> is empty")
        elif len(d.text) > 256:
            r.bad(d, "<dName> is longer than 256 characters")
        label = d.text or f"dim{k + 1}"
        dims.append({"id": slug_id(label, taken, r.shortened), "name": label, "range": [0, 100]})
    return dims


def _actors(r: _Reader, element: Element | None, dims: list[dict[str, Any]]
            ) -> tuple[list[dict[str, Any]], list[dict[str, Any]], dict[str, str]]:
    actors: list[dict[str, Any]] = []
    stances: list[dict[str, Any]] = []
    names: dict[str, str] = {}
    if element is None:
        return actors, stances, names
    r.only(element, ("Actor",), repeated=True)
    rows = element.all("Actor")
    if not 3 <= len(rows) <= 250:
        r.bad(element, f"<Actors> has {len(rows)} <Actor> elements; KTAB needs 3 to 250")
    taken: set[str] = set()
    for row in rows:
        r.only(row, _ACTOR)
        label = r.text(row, "name", limit=25) or ""
        if label in names:
            r.bad(row, f"actor name '{label}' is used twice")
        ident = slug_id(label or "actor", taken, r.shortened)
        names.setdefault(label, ident)
        cap_el = r.one(row, "capability")
        cap = r.number(cap_el, "capability", 0.0, 1e8, low_open=True) if cap_el else None
        actors.append({"id": ident, "name": label or ident, "capability": cap or 1.0,
                       "description": r.text(row, "description", required=False,
                                             limit=256) or None})
        pos = _values(r, row, "Position", "dCoord", "position", len(dims))
        sal = _values(r, row, "Salience", "dSal", "salience", len(dims))
        if sal is not None and sum(v for v, _ in sal) > 100 + SALIENCE_SUM_TOL:
            r.bad(sal[-1][1], f"saliences of actor '{label}' add up to "
                              f"{sum(v for v, _ in sal):g}, more than 100")
        if pos is not None and sal is not None:
            for d, ((p, _), (s, _)) in enumerate(zip(pos, sal, strict=True)):
                stances.append({"actor": ident, "issue": dims[d]["id"], "position": p,
                                "salience": s / 100.0})
    return actors, stances, names


def _values(r: _Reader, row: Element, tag: str, item: str, what: str,
            n_dims: int) -> list[tuple[float, Element]] | None:
    """The numbers of a <Position> or <Salience> block (None after a problem)."""
    block = r.one(row, tag)
    if block is None:
        return None
    r.only(block, (item,), repeated=True)
    cells = block.all(item)
    if len(cells) != n_dims:
        r.bad(block, f"<{tag}> has {len(cells)} <{item}> values; there are {n_dims} "
                     "dimensions")
        return None
    out = []
    for cell in cells:
        value = r.number(cell, what, 0.0, 100.0)
        if value is None:
            return None
        out.append((value, cell))
    return out


def _adjustment(r: _Reader, element: Element, names: dict[str, str]
                ) -> list[tuple[str, str, float]]:
    """Accommodation entries by actor id; rows (with the identity start) sum to at most 1."""
    r.only(element, ("iaPair",), repeated=True)
    entries: dict[tuple[str, str], tuple[float, Element]] = {}
    for pair in element.all("iaPair"):
        r.only(pair, ("adjustingIdeal", "referencePos", "adjust"))
        ids = []
        for tag in ("adjustingIdeal", "referencePos"):
            who = r.one(pair, tag)
            if who is None:
                continue
            if who.text not in names:
                r.bad(who, f"<{tag}> '{who.text}' is not the name of an actor")
            else:
                ids.append(names[who.text])
        value_el = r.one(pair, "adjust")
        value = r.number(value_el, "adjust", 0.0, 1.0) if value_el else None
        if len(ids) == 2 and value is not None:
            key = (ids[0], ids[1])
            if key in entries:
                r.bad(pair, f"a second <iaPair> for {ids[0]} adjusting towards {ids[1]}")
            entries[key] = (value, pair)
    totals: dict[str, float] = {}
    last: dict[str, Element] = {}
    for (a, _ref), (value, pair) in entries.items():
        totals[a] = totals.get(a, 0.0) + value
        last[a] = pair
    for a, total in totals.items():
        if (a, a) not in entries:
            total += 1.0        # the identity start: a's own weight stays 1 unless set
        if total > 1.0 + _ROW_SUM_TOL:
            r.bad(last[a], f"the adjustments of {a}'s ideal add up to {total:g} (including "
                           f"its own weight, 1 unless an <iaPair> sets it); at most 1")
    return [(a, b, v) for (a, b), (v, _) in entries.items()]
