"""Sentences of issue 18: refusals, red lines and demands point to the right end; reported
speech, headings and lists give the position to the one who states it."""

from __future__ import annotations

from pathlib import Path

import pytest

from accord.evidence.extract import Extractor
from accord.evidence.reading import parse_article
from accord.scenario.load import load_scenario
from accord.scenario.schema import Scenario
from tests.unit.evidence.helpers import best, claims_of

DEV = Path(__file__).resolve().parents[2] / "data" / "evidence-dev" / "scenario.yaml"


@pytest.fixture(scope="module")
def dev() -> Scenario:
    return load_scenario(DEV)


@pytest.mark.parametrize("text", [
    "Russia will never accept Ukraine joining NATO.",
    "Russia rejects NATO membership for Ukraine.",
    "The Kremlin demanded that Kyiv abandon its NATO ambitions.",
    "Moscow insists that Ukraine must never join NATO.",
])
def test_russian_refusals_and_demands_point_to_neutrality(text: str) -> None:
    c = best(claims_of(text), "RUS", "nato")
    assert c is not None and c.cue in ("red line", "refusal", "demand"), text
    assert (c.direction, c.toward) == ("high", 100), (text, c)


def test_a_refusal_to_give_up_territory_is_a_refusal_toward_ukraines_end() -> None:
    c = best(claims_of("Ukraine will not give up any territory."), "UKR", "territory")
    assert c is not None and c.cue == "refusal" and c.score > 0.6
    assert c.direction == "low"


def test_a_concession_points_away_from_the_actors_side(dev: Scenario) -> None:
    text = "Russian negotiator Kirill Dmitriev said some security guarantees may be acceptable."
    c = best(claims_of(text, dev), "RUS", "guarantees")
    assert c is not None and c.polarity < 0 and c.direction == "low"
    text = "Russia does not object to Ukraine's aspirations to join the European Union."
    c = best(claims_of(text, dev), "RUS", "eu-membership")
    assert c is not None and c.direction == "low"


def test_a_quotation_is_its_speakers_position_over_several_sentences(dev: Scenario) -> None:
    text = ("“Russia must withdraw its troops from the occupied territories. There can be no "
            "truce before that,” Andriy Yermak told reporters.\n")
    claims = claims_of(text, dev)
    c = best(claims, "UKR", "territory")
    assert c is not None and c.quote.startswith("“Russia must") and c.cue == "demand"
    assert c.actor_via == "speaker"
    ours = best(claims, "RUS", "territory")
    assert ours is None or ours.score < c.score  # Russia is only named in Ukraine's demand
    truce = best(claims, "UKR", "ceasefire")
    assert truce is not None and truce.quote.startswith("There can be")


def test_said_it_will_not_keeps_the_reporter_as_holder(dev: Scenario) -> None:
    text = "Russia has consistently said it will not accept the deployment of foreign troops."
    c = best(claims_of(text, dev), "RUS", "guarantees")
    assert c is not None and c.cue == "refusal" and c.actor_weight == 1.0


def test_a_heading_names_the_speaker_of_first_person_text(dev: Scenario) -> None:
    text = ("French President Emmanuel Macron\n\nI condemn this decision. I have asked for "
            "European sanctions.\n")
    c = best(claims_of(text, dev), "FRA", "sanctions")
    assert c is not None and c.actor_via == "speaker" and c.score >= 0.5


def test_list_items_hold_the_lead_in_demand(dev: Scenario) -> None:
    text = ("In this section, Russia put forward the following demands:\n\n"
            "a limit on the size of the armed forces of Ukraine;\n\n"
            "lifting all sanctions against Moscow;\n\nOther matters\n\n"
            "Talks will continue in Istanbul.\n")
    claims = claims_of(text, dev)
    army = best(claims, "RUS", "army")
    assert army is not None and army.actor_via == "context" and army.cue == "demand"
    sanctions = best(claims, "RUS", "sanctions")
    assert sanctions is not None and sanctions.direction == "high"
    assert best(claims, "RUS", "talks") is None  # the list ended at the heading


def test_people_introduced_by_title_speak_for_their_actor() -> None:
    text = ("Kremlin spokesman Anatoly Examplov spoke on Monday. Examplov said Moscow rejects "
            "any NATO membership for Ukraine.")
    claims = claims_of(text)
    c = best(claims, "RUS", "nato")
    assert c is not None and c.direction == "high"


def test_a_header_block_gives_metadata_and_no_claims() -> None:
    text = ("Title: Russia rejects NATO membership\nDate: 2026-01-05\nURL: https://e.org/a\n\n"
            "Ukraine wants to join NATO.\n")
    article = parse_article(text, "a.txt")
    assert (article.title, article.date, article.url) == (
        "Russia rejects NATO membership", "2026-01-05", "https://e.org/a")
    assert text[article.body_start:].startswith("Ukraine wants")
    claims = claims_of(text)
    assert claims and all(c.start >= article.body_start for c in claims)


def test_unknown_actors_and_issues_are_reported_not_dropped(dev: Scenario) -> None:
    text = ("Saudi Arabia insisted that the next round of talks be held in Riyadh. "
            "North Korea's leader offered more troops to Russia. "
            "Ukraine demanded that all deported children be brought home.")
    extractor = Extractor(dev)
    extractor.extract(parse_article(text, "a.txt"))
    actors = {f.actor: f for f in extractor.findings if f.kind == "actor"}
    assert {"SAU", "PRK"} <= set(actors)
    assert actors["SAU"].actor_name == "Saudi Arabia" and "Riyadh" in actors["SAU"].quote
    issues = [f for f in extractor.findings if f.kind == "issue"]
    assert any(f.actor == "UKR" and "children" in f.topic for f in issues)
    assert all(f.actor not in ("SAU", "PRK") for f in issues)


def test_scenario_actors_are_never_outsiders(dev: Scenario) -> None:
    extractor = Extractor(dev)
    assert not {"DEU", "FRA", "BEL", "EST", "IRL", "LTU", "RUS", "UKR"} & set(extractor.outsiders)
    assert "SAU" in extractor.outsiders
