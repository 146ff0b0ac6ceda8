"""Cross-field checks of a scenario, on raw (dict/list) data so that all problems are found.

Type checks are pydantic's; this module checks what types cannot: references between sections,
duplicate ids, values inside their issue's range, saliences in [0, 1], capabilities above 0.
It works on unvalidated data so that the loader can report these problems together with type
errors elsewhere in the same file, each at its path (e.g. ``("stances", 3, "position")``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from accord.scenario.numbers import MAX_ABS, as_float, check_values

Path = tuple[str | int, ...]
Found = tuple[Path, str]

MIN_WIDTH = 1e-6
"""The narrowest issue range: the models divide by the width of the scale."""
STANCE_RATIONALE = {"position", "salience", "reservation", "veto", "change"}
ACTOR_RATIONALE = {"capability", "veto"}


def _items(data: dict[str, Any], section: str) -> Iterator[tuple[int, dict[str, Any]]]:
    items = data.get(section)
    if isinstance(items, list | tuple):
        for i, item in enumerate(items):
            if isinstance(item, dict):
                yield i, item


def _ids(data: dict[str, Any], section: str, what: str, out: list[Found]) -> set[str]:
    seen: dict[str, int] = {}
    for i, item in _items(data, section):
        ident = item.get("id")
        if not isinstance(ident, str):
            continue
        if ident in seen:
            out.append(((section, i, "id"), f"duplicate {what} id '{ident}' (first used by "
                                            f"{section}[{seen[ident]}])"))
        else:
            seen[ident] = i
    return set(seen)


def _ref(value: Any, known: set[str], what: str, path: Path, out: list[Found]) -> None:
    if isinstance(value, str) and value not in known:
        hint = f"; known: {', '.join(sorted(known))}" if 0 < len(known) <= 12 else ""
        out.append((path, f"unknown {what} '{value}'{hint}"))


def _in_range(raw: Any, lo: float, hi: float, what: str, path: Path, out: list[Found]) -> None:
    for v in check_values(raw):
        if not lo <= v <= hi:
            out.append((path, f"{what} {_fmt(v)} is outside the issue's range [{_fmt(lo)}, "
                              f"{_fmt(hi)}]"))
            return


def _fmt(v: float) -> str:
    return f"{v:g}"


def _evidence(item: dict[str, Any], base: Path, sources: set[str], out: list[Found]) -> None:
    evidence = item.get("evidence")
    if isinstance(evidence, list | tuple):
        for k, ev in enumerate(evidence):
            if isinstance(ev, dict):
                _ref(ev.get("source"), sources, "source", (*base, "evidence", k, "source"), out)


def _rationale(item: dict[str, Any], base: Path, allowed: set[str], out: list[Found]) -> None:
    rationale = item.get("rationale")
    if isinstance(rationale, dict):
        for key in rationale:
            if key not in allowed:
                out.append(((*base, "rationale"), f"rationale for unknown field '{key}' "
                                                  f"(allowed: {', '.join(sorted(allowed))})"))


def _issue_ranges(data: dict[str, Any], out: list[Found]) -> dict[str, tuple[float, float]]:
    ranges: dict[str, tuple[float, float]] = {}
    for i, issue in _items(data, "issues"):
        rng = issue.get("range", (0.0, 100.0))
        ends = [as_float(v) for v in rng] if isinstance(rng, list | tuple) else []
        if len(ends) != 2 or ends[0] is None or ends[1] is None:
            continue
        lo, hi = ends[0], ends[1]
        if not (abs(lo) <= MAX_ABS and abs(hi) <= MAX_ABS):
            continue  # a type problem: the ends must be finite and at most 1e12
        if not lo < hi:
            out.append(((("issues", i, "range")), f"range [{_fmt(lo)}, {_fmt(hi)}] is empty: "
                                                  "the low end must be below the high end"))
            continue
        if hi - lo < MIN_WIDTH:
            out.append((("issues", i, "range"), f"range [{_fmt(lo)}, {_fmt(hi)}] is narrower "
                                                f"than {MIN_WIDTH:g}; use a wider scale"))
            continue
        if isinstance(issue.get("id"), str):
            ranges[issue["id"]] = (lo, hi)
        labels = issue.get("labels")
        if isinstance(labels, dict):
            for key in labels:
                if isinstance(key, int | float) and not lo <= key <= hi:
                    out.append((("issues", i, "labels"), f"label at {_fmt(key)} is outside the "
                                                         f"range [{_fmt(lo)}, {_fmt(hi)}]"))
        for key in ("status_quo", "observed"):
            _in_range(issue.get(key), lo, hi, key.replace("_", " "), ("issues", i, key), out)
        _status_quo_drift(issue, ("issues", i), lo, hi, out)
    return ranges


def _status_quo_drift(issue: dict[str, Any], base: Path, lo: float, hi: float,
                      out: list[Found]) -> None:
    """A moving no-deal outcome starts at the status quo and moves toward its limit."""
    sqd = issue.get("status_quo_drift")
    if not isinstance(sqd, dict):
        return
    where: Path = (*base, "status_quo_drift")
    sq = issue.get("status_quo")
    if sq is None:
        out.append((where, "a moving no-deal outcome needs the issue's status_quo (the point "
                           "it starts from)"))
    limit = sqd.get("limit")
    _in_range(limit, lo, hi, "limit", (*where, "limit"), out)
    drift = check_values(sqd.get("drift"))
    if (drift and isinstance(sq, int | float) and isinstance(limit, int | float)
            and not isinstance(sq, bool) and not isinstance(limit, bool) and limit != sq):
        up = limit > sq
        if (up and all(v < 0 for v in drift)) or (not up and all(v > 0 for v in drift)):
            out.append(((*where, "limit"), f"limit {_fmt(limit)} lies on the other side of the "
                                           f"status quo {_fmt(sq)} from where the drift moves "
                                           "it, so it would never move (a negative drift moves "
                                           "toward the low end of the scale)"))


def check_scenario_data(data: dict[str, Any]) -> list[Found]:
    """Every cross-field problem of raw scenario data, as ``(path, message)`` pairs."""
    out: list[Found] = []
    sources = _ids(data, "sources", "source", out)
    actors = _ids(data, "actors", "actor", out)
    issues = _ids(data, "issues", "issue", out)
    _ids(data, "predictions", "prediction", out)
    ranges = _issue_ranges(data, out)

    for i, actor in _items(data, "actors"):
        for v in check_values(actor.get("capability")):
            if v <= 0:
                out.append((("actors", i, "capability"), f"capability must be above 0, got "
                                                         f"{_fmt(v)}"))
                break
        _rationale(actor, ("actors", i), ACTOR_RATIONALE, out)

    pairs: dict[tuple[str, str], int] = {}
    for i, st in _items(data, "stances"):
        base: Path = ("stances", i)
        _ref(st.get("actor"), actors, "actor", (*base, "actor"), out)
        _ref(st.get("issue"), issues, "issue", (*base, "issue"), out)
        key = (st.get("actor"), st.get("issue"))
        if all(isinstance(k, str) for k in key):
            if key in pairs:
                out.append((base, f"second stance of actor '{key[0]}' on issue '{key[1]}' "
                                  f"(first is stances[{pairs[key]}])"))
            else:
                pairs[key] = i  # type: ignore[index]
        rng = ranges.get(st.get("issue"))  # type: ignore[arg-type]
        if rng is not None:
            _in_range(st.get("position"), *rng, "position", (*base, "position"), out)
            _in_range(st.get("reservation"), *rng, "reservation", (*base, "reservation"), out)
        for v in check_values(st.get("salience")):
            if not 0 <= v <= 1:
                hint = " (write 0.8, not 80)" if v > 1 else ""
                out.append(((*base, "salience"), f"salience {_fmt(v)} is outside [0, 1]{hint}"))
                break
        _evidence(st, base, sources, out)
        _rationale(st, base, STANCE_RATIONALE, out)

    for i, cost in _items(data, "costs"):
        base = ("costs", i)
        _ref(cost.get("actor"), actors, "actor", (*base, "actor"), out)
        if cost.get("issue") is not None:
            _ref(cost.get("issue"), issues, "issue", (*base, "issue"), out)
        for v in check_values(cost.get("drift")):
            if v < 0:
                out.append(((*base, "drift"), f"drift must be 0 or more scale units per month, "
                                              f"got {_fmt(v)} (a red line that hardens takes "
                                              "'direction: harden')"))
                break
        if cost.get("floor") is not None:
            rng = ranges.get(cost.get("issue"))  # type: ignore[arg-type]
            if cost.get("issue") is None:
                out.append(((*base, "floor"), "a floor needs an issue (the scale it is on)"))
            elif rng is not None:
                _in_range(cost.get("floor"), *rng, "floor", (*base, "floor"), out)
        _evidence(cost, base, sources, out)

    for i, issue in _items(data, "issues"):
        if isinstance(issue.get("status_quo_drift"), dict):
            _evidence(issue["status_quo_drift"], ("issues", i, "status_quo_drift"), sources, out)

    for i, pred in _items(data, "predictions"):
        base = ("predictions", i)
        if pred.get("source") is not None:
            _ref(pred.get("source"), sources, "source", (*base, "source"), out)
        if pred.get("issue") is not None:
            _ref(pred.get("issue"), issues, "issue", (*base, "issue"), out)
        res = pred.get("resolution")
        if isinstance(res, dict) and res.get("source") is not None:
            _ref(res.get("source"), sources, "source", (*base, "resolution", "source"), out)
    return out
