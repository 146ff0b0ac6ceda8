"""BDM-style CSV: ``actor,capability,position,salience`` rows -> a one-issue scenario.

The layout of the classic expected-utility examples (e.g. Bueno de Mesquita's EC car-emission
case). Salience may be on 0-1 or 0-100; the importer detects which (any value above 1 means
0-100) and says so. The issue's range is the positions' min-max unless a comment line
``# range: LOW, HIGH`` gives it; ``# issue: NAME`` names the issue. Optional columns:
``reservation`` (a red line) and ``veto`` (true/false).
"""

from __future__ import annotations

from typing import Any

from accord.errors import InputError, Problem
from accord.scenario.checks import MIN_WIDTH
from accord.scenario.importers.table import (
    Cell,
    lines,
    not_a_number,
    number,
    read_rows,
    shortened_note,
    slug_id,
    validate,
)
from accord.scenario.schema import Scenario

REQUIRED = ("actor", "capability", "position", "salience")
OPTIONAL = ("reservation", "veto")


def looks_like_bdm(text: str) -> bool:
    """True when the first non-comment row is a header with 'actor' and another BDM column."""
    for line in lines(text):
        if line.strip() and not line.lstrip().startswith("#"):
            names = {c.strip().strip('"').lower() for c in line.split(",")}
            return "actor" in names and bool(names & set(REQUIRED[1:]))
    return False


def _directives(text: str, name: str) -> tuple[dict[str, Any], list[Problem]]:
    found: dict[str, Any] = {}
    problems: list[Problem] = []
    for number_, line in enumerate(lines(text), start=1):
        stripped = line.strip()
        if not stripped.startswith("#") or ":" not in stripped:
            continue
        key, _, value = stripped.lstrip("#").partition(":")
        key = key.strip().lower()
        if key == "issue":
            found["issue"] = value.strip()
        elif key == "range":
            ends = [number(Cell(p, number_, 1)) for p in value.replace(",", " ").split()]
            if len(ends) != 2 or ends[0] is None or ends[1] is None:
                problems.append(Problem(name, number_, 1, "'# range:' needs two numbers, "
                                        "e.g. '# range: 4, 10' (finite, at most 1e12 in "
                                        "absolute value)"))
                continue
            lo, hi = ends[0], ends[1]
            if not lo < hi:
                problems.append(Problem(name, number_, 1, "'# range:' low end must be below "
                                                           "the high end"))
                continue
            if hi - lo < MIN_WIDTH:
                problems.append(Problem(name, number_, 1, f"'# range:' is narrower than "
                                                           f"{MIN_WIDTH:g}; use a wider scale"))
                continue
            found["range"] = (lo, hi)
    return found, problems


def read_bdm_csv(text: str, name: str) -> tuple[Scenario, list[str]]:
    """Parse BDM-style CSV text; returns the scenario and notes for the user."""
    directives, problems = _directives(text, name)
    rows = [r for r in read_rows(text, name=name) if not r[0].text.startswith("#")]
    if not rows:
        raise InputError([Problem(name, 1, 1, "no header row 'actor,capability,position,"
                                              "salience'")])
    header = [c.text.lower() for c in rows[0]]
    for col in REQUIRED:
        if col not in header:
            problems.append(Problem(name, rows[0][0].line, 1, f"missing column '{col}' (the "
                                    "header must name actor, capability, position, salience)"))
    for cell, col in zip(rows[0], header, strict=True):
        if col not in REQUIRED + OPTIONAL and col:
            problems.append(Problem(name, cell.line, cell.col, f"unknown column '{cell.text}' "
                                    f"(known: {', '.join(REQUIRED + OPTIONAL)})"))
    if problems:
        raise InputError(problems)
    index = {col: k for k, col in enumerate(header)}
    records: list[dict[str, Any]] = []
    for row in rows[1:]:
        if len(row) < len(header):
            problems.append(Problem(name, row[0].line, row[-1].col, f"expected {len(header)} "
                                    f"cells, found {len(row)}"))
            continue
        rec: dict[str, Any] = {"line": row[0].line}
        cells: dict[str, Cell] = {col: row[k] for col, k in index.items()}
        rec["actor"] = cells["actor"]
        if not cells["actor"].text:
            problems.append(Problem(name, cells["actor"].line, cells["actor"].col,
                                    "empty actor name"))
        for col in ("capability", "position", "salience", "reservation"):
            if col not in cells or (col == "reservation" and not cells[col].text):
                continue
            value = number(cells[col])
            if value is None:
                c = cells[col]
                problems.append(Problem(name, c.line, c.col, not_a_number(c, col)))
            rec[col] = value
            rec[col + "_cell"] = cells[col]
        if "veto" in cells and cells["veto"].text:
            text_ = cells["veto"].text.lower()
            if text_ not in ("true", "false", "yes", "no", "1", "0"):
                c = cells["veto"]
                problems.append(Problem(name, c.line, c.col, f"veto '{c.text}' is not "
                                                             "true/false"))
            rec["veto"] = text_ in ("true", "yes", "1")
        records.append(rec)
    if not records and not problems:
        problems.append(Problem(name, rows[0][0].line, 1, "no actor rows after the header"))
    if problems:
        raise InputError(problems)
    return _build(records, directives, name)


def _build(records: list[dict[str, Any]], directives: dict[str, Any],
           name: str) -> tuple[Scenario, list[str]]:
    problems: list[Problem] = []
    notes: list[str] = []
    saliences = [r["salience"] for r in records]
    scale = 100.0 if max(saliences) > 1 else 1.0
    notes.append(f"{name}: saliences read on a {'0-100' if scale == 100 else '0-1'} scale"
                 + (" (a value above 1 was found)" if scale == 100 else ""))
    positions = [r["position"] for r in records]
    if "range" in directives:
        lo, hi = directives["range"]
    else:
        lo, hi = min(positions), max(positions)
        if hi - lo < MIN_WIDTH:
            lo, hi = (0.0, 100.0) if 0 <= lo <= 100 else (lo - 1, hi + 1)
        notes.append(f"{name}: issue range [{lo:g}, {hi:g}] taken from the positions")
    taken: set[str] = set()
    shortened: list[str] = []
    actors, stances, names = [], [], set()
    for r in records:
        actor_name = r["actor"].text
        if actor_name in names:
            c = r["actor"]
            problems.append(Problem(name, c.line, c.col, f"duplicate actor '{actor_name}'"))
            continue
        names.add(actor_name)
        for col, low, high, what in (("capability", 0, None, "above 0"),
                                     ("salience", 0, scale, f"in [0, {scale:g}]"),
                                     ("position", lo, hi, f"in the range [{lo:g}, {hi:g}]"),
                                     ("reservation", lo, hi, f"in the range [{lo:g}, {hi:g}]")):
            if col not in r:
                continue
            v = r[col]
            bad = v <= low if col == "capability" else not (low <= v <= (high or v))
            if bad:
                c = r[col + "_cell"]
                problems.append(Problem(name, c.line, c.col, f"{col} {v:g} must be {what}"))
        ident = slug_id(actor_name, taken, shortened)
        actors.append({"id": ident, "name": actor_name, "capability": r["capability"],
                       "veto": r.get("veto", False)})
        stance = {"actor": ident, "issue": "issue", "position": r["position"],
                  "salience": r["salience"] / scale}
        if r.get("reservation") is not None:
            stance["reservation"] = r["reservation"]
        stances.append(stance)
    if problems:
        raise InputError(problems)
    stem = name.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0].strip() or "scenario"
    scenario = validate({
        "id": slug_id(stem, set(), shortened),
        "title": directives.get("issue") or stem,
        "meta": {"format": "bdm-csv", "salience_scale": f"0-{scale:g}"},
        "actors": actors,
        "issues": [{"id": "issue", "name": directives.get("issue") or stem, "range": [lo, hi]}],
        "stances": stances,
    }, name)
    return scenario, notes + shortened_note(name, shortened)
