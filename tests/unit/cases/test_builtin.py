"""The built-in case: it validates, every stance is sourced, every quote is verbatim."""

from __future__ import annotations

from pathlib import Path

import pytest

from accord.cases import DEFAULT_CASE, case_ids, load_case, timeline, timeline_ids
from accord.scenario.quotes import check_quotes, missing_source_files
from tests.conftest import REFERENCE, SEEDS

SNAPSHOTS = ["ukraine-2022-01", "ukraine-2022-03", "ukraine-2022-09", "ukraine-2024-11",
             "ukraine-2025-01", "ukraine-2025-02", "ukraine-2025-03", "ukraine-2025-06",
             "ukraine-2025-08", "ukraine-2025-09", "ukraine-2025-11", "ukraine-2025-12",
             "ukraine-2026-02"]


def test_default_case_is_shipped() -> None:
    assert DEFAULT_CASE in case_ids()
    s = load_case(DEFAULT_CASE)
    assert len(s.actors) >= 6 and len(s.issues) >= 6
    for actor in ("RUS", "UKR", "USA", "EU"):
        s.actor(actor)
    for issue in ("nato", "territory", "recognition", "sanctions", "army", "guarantees"):
        s.issue(issue)


def test_the_snapshots_share_ids() -> None:
    assert "ukraine" in timeline_ids()
    snaps = timeline("ukraine")
    assert [s.id for s in snaps] == SNAPSHOTS
    first = snaps[0]
    for s in snaps[1:]:
        assert [a.id for a in s.actors] == [a.id for a in first.actors]
        assert [i.id for i in s.issues] == [i.id for i in first.issues]


@pytest.mark.parametrize("case_id", SNAPSHOTS)
def test_every_stance_is_sourced_and_explained(case_id: str) -> None:
    s = load_case(case_id)
    for st in s.stances:
        where = f"{case_id}: {st.actor} on {st.issue}"
        assert st.evidence or (st.inference and st.inference.strip()), where
        for field in ("position", "salience"):
            assert st.rationale.get(field, "").strip(), f"{where}: no rationale for {field}"
            assert "\n" not in st.rationale[field].strip(), f"{where}: rationale not one line"
        if st.reservation is not None:
            assert st.rationale.get("reservation", "").strip(), f"{where}: reservation"
    for actor in s.actors:
        assert actor.rationale.get("capability", "").strip(), f"{case_id}: {actor.id}"
    for source in s.sources:
        assert source.published and source.title


@pytest.mark.parametrize("case_id", SNAPSHOTS)
def test_quotes_are_verbatim_in_the_seeds_and_articles(case_id: str) -> None:
    if not SEEDS.is_dir() or not (REFERENCE / "articles").is_dir():
        pytest.skip("../shared/seeds or ../shared/reference/articles is not available")
    s = load_case(case_id)
    assert missing_source_files(s, SEEDS, REFERENCE / "articles") == []
    assert check_quotes(s, SEEDS, REFERENCE / "articles") == []


def test_quote_check_catches_a_changed_quote() -> None:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not available")
    s = load_case(DEFAULT_CASE)
    data = s.model_dump()
    data["stances"] = list(data["stances"])
    stance = next(i for i, st in enumerate(data["stances"]) if st["evidence"])
    ev = dict(data["stances"][stance]["evidence"][0])
    ev["quote"] = ev["quote"] + " (paraphrased)"
    data["stances"][stance] = {**data["stances"][stance], "evidence": [ev]}
    changed = type(s).model_validate(data)
    found = check_quotes(changed, SEEDS)
    assert [path for path, _ in found] == [("stances", stance, "evidence", 0, "quote")]


def test_the_parse_cache_gives_the_scenario_the_yaml_gives(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    """Built-in cases are read through a JSON cache; a cached read must equal a fresh parse,
    and a corrupt cache file must fall back to the YAML."""
    from importlib import resources

    from accord import cases
    from accord.scenario.load import parse_scenario

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    for ident in cases.case_ids():
        text = resources.files("accord.cases").joinpath(f"{ident}.yaml").read_text("utf-8")
        fresh = parse_scenario(text, ident)
        first = cases._parse_with_cache(text, ident)      # parses and writes the cache
        assert cases._cache_file(text).is_file()
        cached = cases._parse_with_cache(text, ident)     # reads the cache
        assert first == fresh and cached == fresh
        assert cached.digest() == fresh.digest()
        cases._cache_file(text).write_text("{not json", "utf-8")
        assert cases._parse_with_cache(text, ident).digest() == fresh.digest()


def test_the_parse_cache_key_is_the_same_in_another_process() -> None:
    """The key folds in the schema's fields; it must not carry anything a new process changes
    (such as the addresses in validators' reprs), or the cache would never be hit."""
    import subprocess
    import sys

    from accord import cases

    code = "from accord import cases; print(cases._cache_file('text').name)"
    other = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True).stdout.strip()
    assert other == cases._cache_file("text").name
