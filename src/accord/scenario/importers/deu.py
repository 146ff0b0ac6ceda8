"""DEU (Decision-making in the European Union) TSV -> one one-issue scenario per issue.

Layout (shared/reference/deu/README.md): tab-separated, a header row, then a row of capability
proxies per actor (in the position columns), then one row per issue with ``p<actor>`` positions
and ``s<actor>`` saliences on 0-100, the reference point ``rp`` and the outcome ``out``.

Convention (the one that reproduces the published baselines on these data): an actor takes part
in an issue when it has a position and a salience above 0 there. The issue's reference point
becomes its ``status_quo`` and the decision outcome its ``observed`` value; the procedure
(``proc``), Council voting rule (``counvte``) and proposal id go into ``meta``.
"""

from __future__ import annotations

from typing import Any

from accord.errors import InputError, Problem
from accord.scenario.importers.table import (
    Cell,
    number,
    read_rows,
    short,
    shortened_note,
    slug_id,
    validate,
)
from accord.scenario.schema import Scenario

NAMES = {
    "com": "European Commission", "ep": "European Parliament", "at": "Austria",
    "be": "Belgium", "bu": "Bulgaria", "cr": "Croatia", "cy": "Cyprus", "cz": "Czechia",
    "dk": "Denmark", "ee": "Estonia", "fi": "Finland", "fr": "France", "de": "Germany",
    "el": "Greece", "hu": "Hungary", "ie": "Ireland", "it": "Italy", "lv": "Latvia",
    "lt": "Lithuania", "lu": "Luxembourg", "mt": "Malta", "nl": "Netherlands", "pl": "Poland",
    "pt": "Portugal", "ro": "Romania", "si": "Slovenia", "sk": "Slovakia", "es": "Spain",
    "se": "Sweden", "uk": "United Kingdom",
}
META = ("prnr", "prname", "type", "council", "proc", "counvte", "intro", "finact")


def looks_like_deu(text: str) -> bool:
    first = text.split("\n", 1)[0].lower()
    return "\t" in first and "\tout" in first and "\tpcom" in first


def read_deu_tsv(text: str, name: str) -> tuple[list[Scenario], list[str]]:
    """Parse DEU TSV text into one scenario per issue row (with notes for the user)."""
    rows = read_rows(text, delimiter="\t", name=name)
    if len(rows) < 3:
        raise InputError([Problem(name, 1, 1, "DEU TSV needs a header row, a capability row "
                                              "and issue rows")])
    header = [c.text for c in rows[0]]
    col = {h: k for k, h in enumerate(header)}
    problems: list[Problem] = []
    for needed in ("isnr", "out", "rp"):
        if needed not in col:
            problems.append(Problem(name, 1, 1, f"missing column '{needed}'"))
    actor_codes = [h[1:] for h in header if h.startswith("p") and "s" + h[1:] in col
                   and h not in ("prnr", "prname", "proc", "proccde")]
    if not actor_codes:
        problems.append(Problem(name, 1, 1, "no actor columns (p<actor> with s<actor>)"))
    if problems:
        raise InputError(problems)

    def cell(row: list[Cell], key: str) -> Cell:
        k = col[key]
        return row[k] if k < len(row) else Cell("", row[0].line, len(row) + 1)

    capability: dict[str, float] = {}
    for code in actor_codes:
        c = cell(rows[1], "p" + code)
        value = number(c)
        if value is None or value <= 0:
            problems.append(Problem(name, c.line, c.col, f"capability of '{code}' in the "
                                    "capability row must be a number above 0, got "
                                    f"'{short(c.text)}'"))
        capability[code] = value or 1.0
    scenarios: list[Scenario] = []
    taken: set[str] = set()
    shortened: list[str] = []
    skipped = 0
    for row in rows[2:]:
        actors, stances = [], []
        for code in actor_codes:
            pc, sc = cell(row, "p" + code), cell(row, "s" + code)
            if not pc.text:
                continue
            pos, sal = number(pc), number(sc) if sc.text else None
            if pos is None or not 0 <= pos <= 100:
                problems.append(Problem(name, pc.line, pc.col, f"position '{short(pc.text)}' of "
                                        f"'{code}' must be a number in [0, 100]"))
                continue
            if sc.text and (sal is None or not 0 <= sal <= 100):
                problems.append(Problem(name, sc.line, sc.col, f"salience '{short(sc.text)}' of "
                                        f"'{code}' must be a number in [0, 100]"))
                continue
            if sal is None or sal <= 0:
                continue
            actors.append({"id": code, "name": NAMES.get(code, code),
                           "capability": capability[code]})
            stances.append({"actor": code, "issue": "issue", "position": pos,
                            "salience": sal / 100.0})
        issue_cell = cell(row, "isnr")
        if not actors:
            skipped += 1
            continue
        issue: dict[str, Any] = {"id": "issue", "name": issue_cell.text or "issue"}
        for key, field in (("rp", "status_quo"), ("out", "observed")):
            c = cell(row, key)
            if c.text:
                value = number(c)
                if value is None or not 0 <= value <= 100:
                    problems.append(Problem(name, c.line, c.col, f"{key} '{short(c.text)}' "
                                                                 "must be a number in [0, 100]"))
                else:
                    issue[field] = value
        meta = {key: cell(row, key).text for key in META if key in col and cell(row, key).text}
        title = f"{meta.get('prname', '')} {issue_cell.text}".strip()
        scenarios.append(validate({
            "id": slug_id(issue_cell.text or f"row{row[0].line}", taken, shortened),
            "title": title or f"row {row[0].line}",
            "meta": {"format": "deu-tsv", **meta},
            "actors": actors,
            "issues": [issue],
            "stances": stances,
        }, name, row[0].line))
    if problems:
        raise InputError(problems)
    with_outcome = sum(1 for s in scenarios if s.issues[0].observed is not None)
    notes = [f"{name}: DEU data, {len(scenarios)} issues ({with_outcome} with an observed "
             f"outcome), {len(actor_codes)} actors"]
    if skipped:
        notes.append(f"{name}: {skipped} rows without any actor position were skipped")
    notes += shortened_note(name, shortened)
    return scenarios, notes
