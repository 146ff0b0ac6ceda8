"""Whose position a sentence states: cue holders, subordinate clauses, pronouns."""

from __future__ import annotations

from tests.unit.evidence.helpers import best, claims_of


def weight(text: str, actor: str, issue: str) -> float:
    c = best(claims_of(text), actor, issue)
    return c.actor_weight if c else 0.0


def test_holder_of_a_demand_not_the_actor_in_its_content() -> None:
    text = "Putin wants an explicit guarantee that Ukraine will not join Nato."
    assert weight(text, "RUS", "nato") == 1.0
    assert weight(text, "UKR", "nato") < 0.6
    assert weight(text, "NATO", "nato") < 0.6  # "join Nato": object, not actor


def test_possessive_holder_and_possessive_that_is_not() -> None:
    assert weight("Russia’s paramount goal is securing Ukraine’s neutrality.", "RUS", "nato") == 1.0
    assert weight("Russia’s paramount goal is securing Ukraine’s neutrality.", "UKR", "nato") < 0.6


def test_judgement_holder_follows() -> None:
    text = "The surrender of territory seems unacceptable for Kyiv."
    assert weight(text, "UKR", "territory") == 1.0


def test_clauses_have_their_own_holders() -> None:
    text = ("Moscow demands the rest of the Donetsk region, but Kyiv rejects a deal that cedes "
            "the four oblasts.")
    claims = claims_of(text)
    assert best(claims, "RUS", "territory").actor_weight == 1.0  # type: ignore[union-attr]
    ukr = best(claims, "UKR", "territory")
    assert ukr is not None and ukr.actor_weight == 1.0 and ukr.cue == "refusal"
    assert ukr.direction == "low"


def test_pronouns_follow_the_last_person_and_group() -> None:
    text = ("Putin spoke on Thursday. He insists that Ukraine must give up the Donetsk region.\n"
            "The United States and NATO sent written answers. They have ruled out any "
            "promise that Ukraine will never join Nato.")
    claims = claims_of(text)
    rus = best(claims, "RUS", "territory")
    assert rus is not None and rus.actor_via == "pronoun" and rus.actor_weight > 0.8
    for actor in ("USA", "NATO"):
        c = best(claims, actor, "nato")
        assert c is not None and c.cue == "refusal" and c.actor_weight > 0.8, actor
        assert c.direction == "low"


def test_topic_carries_an_unheld_demand_to_the_next_sentence() -> None:
    text = ("So Putin has now thrown down a marker. Not only is the bare minimum no NATO "
            "membership for Ukraine, but more.")
    c = best(claims_of(text), "RUS", "nato")
    assert c is not None and c.actor_weight > 0.8
