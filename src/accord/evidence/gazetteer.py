"""Words that name a state or body in political text beyond its own name: capitals and seats
of government used as metonyms ("Moscow", "the Kremlin", "Brussels"), and the adjective that
makes "the Russian leader" or "European officials" name the actor.

Entries apply to an actor only when its name, id or one of its aliases is a key here, so a
scenario about other parties is not affected. The scenario's own ``aliases`` and ``people``
always come first; this table only fills in what analysts rarely bother to write down.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Place:
    metonyms: tuple[str, ...]
    adjective: str | None


GAZETTEER: dict[str, Place] = {
    "russia": Place(("Moscow", "Kremlin", "Russian Federation"), "Russian"),
    "ukraine": Place(("Kyiv", "Kiev", "Bankova"), "Ukrainian"),
    "united states": Place(("Washington", "White House", "America", "US", "U.S.", "USA",
                            "U.S.A.", "D.C.", "Pentagon", "State Department"), "American"),
    "european union": Place(("Brussels", "EU", "E.U.", "European Commission",
                             "European Council"), "European"),
    "nato": Place(("North Atlantic Treaty Organization", "Atlantic alliance"), None),
    "turkey": Place(("Ankara", "Türkiye", "Turkiye"), "Turkish"),
    "hungary": Place(("Budapest",), "Hungarian"),
    "china": Place(("Beijing", "People's Republic of China", "PRC"), "Chinese"),
    "united kingdom": Place(("London", "Britain", "Great Britain", "UK", "U.K.",
                             "Downing Street", "Whitehall"), "British"),
    "germany": Place(("Berlin",), "German"),
    "france": Place(("Paris", "Élysée", "Elysee"), "French"),
    "poland": Place(("Warsaw",), "Polish"),
    "belarus": Place(("Minsk",), "Belarusian"),
    "israel": Place(("Jerusalem",), "Israeli"),
    "iran": Place(("Tehran",), "Iranian"),
    "india": Place(("New Delhi",), "Indian"),
}
"""Keyed by a lower-case name; see :data:`SYNONYMS` for other spellings of the keys."""

SYNONYMS: dict[str, str] = {
    "russian federation": "russia", "us": "united states", "usa": "united states",
    "u.s.": "united states", "united states of america": "united states",
    "america": "united states", "eu": "european union", "europe": "european union",
    "türkiye": "turkey", "turkiye": "turkey", "uk": "united kingdom", "britain": "united kingdom",
    "great britain": "united kingdom", "prc": "china", "north atlantic treaty organization": "nato",
}

ROLE_NOUNS: tuple[str, ...] = (
    "leader", "leaders", "leadership", "president", "government", "side", "officials",
    "official", "foreign minister", "foreign ministry", "diplomats", "diplomat", "negotiators",
    "delegation", "authorities", "administration", "envoy", "envoys", "prime minister",
    "chancellor", "capitals", "governments", "spokesman", "spokeswoman", "ministry",
    "partners", "allies", "plan", "proposal", "counter-proposal", "memorandum", "draft",
    "position", "team", "representatives", "negotiator", "countries",
)
"""Nouns that, after a country adjective, name the country's government ("the Russian side")
or the document that states its position ("the European plan", "the Russian memorandum")."""


def place_for(names: list[str]) -> Place | None:
    """The gazetteer entry for an actor known by any of ``names`` (name, id, aliases)."""
    for name in names:
        key = name.strip().lower()
        key = SYNONYMS.get(key, key)
        if key in GAZETTEER:
            return GAZETTEER[key]
    return None
