"""Actors are found by name, alias, people, surname, metonym and role, with care for case."""

from __future__ import annotations

import pytest

from accord.evidence.mentions import ActorFinder
from accord.evidence.tokens import tokenize
from tests.unit.evidence.helpers import mini


def found(text: str) -> list[tuple[str, str, bool]]:
    finder = ActorFinder(mini().actors)
    tokens = tokenize(text)
    return [(m.actor, " ".join(t.surface for t in tokens[m.first:m.last + 1]), m.possessive)
            for m in finder.find(tokens)]


@pytest.mark.parametrize(("text", "actor", "surface"), [
    ("Moscow wants a deal.", "RUS", "Moscow"),
    ("the Kremlin said", "RUS", "Kremlin"),
    ("officials in Kyiv refused", "UKR", "Kyiv"),
    ("Washington will not agree", "USA", "Washington"),
    ("Brussels is split", "EU", "Brussels"),
    ("Vladimir Putin spoke", "RUS", "Vladimir Putin"),
    ("Mr. Putin spoke", "RUS", "Putin"),
    ("Zelensky said", "UKR", "Zelensky"),
    ("Zelenskyy said", "UKR", "Zelenskyy"),
    ("Orban vetoed it", "HUN", "Orban"),
    ("Orbán vetoed it", "HUN", "Orbán"),
    ("The Russian leader seems unimpressed", "RUS", "Russian leader"),
    ("European officials said", "EU", "European officials"),
    ("Ukraine must never join Nato", "NATO", "Nato"),
    ("the U.S. envoy", "USA", "U.S."),
    ("Beijing is watching", "CHN", "Beijing"),
    ("the Türkiye talks", "TUR", "Türkiye"),
    ("the Turkiye talks", "TUR", "Turkiye"),
])
def test_names_aliases_people_metonyms(text: str, actor: str, surface: str) -> None:
    assert (actor, surface) in [(a, s) for a, s, _ in found(text)]


def test_possessives() -> None:
    assert ("RUS", "Russia", True) in found("Russia’s paramount goal")
    assert ("RUS", "Putin", True) in found("Putin's position")
    assert ("RUS", "Russia", False) in found("Russia wants")


def test_capitals_matter_for_short_names_and_people() -> None:
    assert found("let us talk") == []
    assert ("USA", "US", False) in found("the US wants")
    assert found("it was a trump card") == []
    assert ("USA", "Trump", False) in found("Trump wants")


def test_longer_name_wins_and_no_double_count() -> None:
    got = found("Russian President Vladimir Putin said")
    assert [a for a, _, _ in got] == ["RUS", "RUS"]
    assert got[1][1] == "Vladimir Putin"


def test_unknown_words_are_not_actors() -> None:
    assert found("The West was ignoring everyone; Europe-wide markets fell.") == []


def test_accents_are_optional_both_ways() -> None:
    from accord.scenario.schema import Actor

    finder = ActorFinder([Actor(id="HUN", name="Hungary", capability=1.0,
                                people=("Viktor Orban",))])
    for text in ("Orbán said no", "Orban said no", "Viktor Orbán said no"):
        assert [m.actor for m in finder.find(tokenize(text))] == ["HUN"], text


def test_a_keyword_phrase_may_contain_a_name() -> None:
    from accord.evidence.extract import Extractor
    from accord.evidence.reading import parse_article

    data = mini().model_dump(mode="python")
    for issue in data["issues"]:
        if issue["id"] == "sanctions":
            issue["keywords"] = ["confront Putin economically"]
    from accord.scenario.schema import Scenario

    scenario = Scenario.model_validate(data)
    text = "Biden has managed to get a consensus to confront Putin economically."
    claims = Extractor(scenario).extract(parse_article(text, "a.txt"))
    assert any(c.actor == "USA" and c.issue == "sanctions" for c in claims)
    # a name alone is not an issue word: "President Putin" does not make it about government
    text = "President Putin has said that he expects a serious discussion."
    claims = Extractor(scenario).extract(parse_article(text, "b.txt"))
    assert not any(c.issue == "government" for c in claims)
