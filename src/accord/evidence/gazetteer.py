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
    code: str | None = None
    """ISO 3166 alpha-3 code (or a short id for a body): the id a discovered actor is given."""
    name: str | None = None
    """How the place is usually written (the key is lower case)."""


GAZETTEER: dict[str, Place] = {
    "russia": Place(("Moscow", "Kremlin", "Russian Federation"), "Russian", "RUS", "Russia"),
    "ukraine": Place(("Kyiv", "Kiev", "Bankova"), "Ukrainian", "UKR", "Ukraine"),
    "united states": Place(("Washington", "White House", "America", "US", "U.S.", "USA",
                            "U.S.A.", "D.C.", "Pentagon", "State Department"), "American",
                           "USA", "United States"),
    "european union": Place(("Brussels", "EU", "E.U.", "European Commission",
                             "European Council"), "European", "EU", "European Union"),
    "nato": Place(("North Atlantic Treaty Organization", "Atlantic alliance"), None, "NATO",
                  "NATO"),
    "turkey": Place(("Ankara", "Türkiye", "Turkiye"), "Turkish", "TUR", "Türkiye"),
    "hungary": Place(("Budapest",), "Hungarian", "HUN", "Hungary"),
    "china": Place(("Beijing", "People's Republic of China", "PRC"), "Chinese", "CHN", "China"),
    "united kingdom": Place(("London", "Britain", "Great Britain", "UK", "U.K.",
                             "Downing Street", "Whitehall"), "British", "GBR",
                            "United Kingdom"),
    "germany": Place(("Berlin",), "German", "DEU", "Germany"),
    "france": Place(("Paris", "Élysée", "Elysee"), "French", "FRA", "France"),
    "poland": Place(("Warsaw",), "Polish", "POL", "Poland"),
    "belarus": Place(("Minsk",), "Belarusian", "BLR", "Belarus"),
    "israel": Place(("Jerusalem",), "Israeli", "ISR", "Israel"),
    "iran": Place(("Tehran",), "Iranian", "IRN", "Iran"),
    "india": Place(("New Delhi",), "Indian", "IND", "India"),
    "italy": Place(("Rome",), "Italian", "ITA", "Italy"),
    "spain": Place(("Madrid",), "Spanish", "ESP", "Spain"),
    "netherlands": Place(("The Hague", "Holland"), "Dutch", "NLD", "Netherlands"),
    "belgium": Place(("Belgian government",), "Belgian", "BEL", "Belgium"),
    "luxembourg": Place((), "Luxembourgish", "LUX", "Luxembourg"),
    "ireland": Place(("Dublin",), "Irish", "IRL", "Ireland"),
    "portugal": Place(("Lisbon",), "Portuguese", "PRT", "Portugal"),
    "austria": Place(("Vienna",), "Austrian", "AUT", "Austria"),
    "switzerland": Place(("Bern",), "Swiss", "CHE", "Switzerland"),
    "denmark": Place(("Copenhagen",), "Danish", "DNK", "Denmark"),
    "sweden": Place(("Stockholm",), "Swedish", "SWE", "Sweden"),
    "norway": Place(("Oslo",), "Norwegian", "NOR", "Norway"),
    "finland": Place(("Helsinki",), "Finnish", "FIN", "Finland"),
    "estonia": Place(("Tallinn",), "Estonian", "EST", "Estonia"),
    "latvia": Place(("Riga",), "Latvian", "LVA", "Latvia"),
    "lithuania": Place(("Vilnius",), "Lithuanian", "LTU", "Lithuania"),
    "czech republic": Place(("Czechia", "Prague"), "Czech", "CZE", "Czech Republic"),
    "slovakia": Place(("Bratislava",), "Slovak", "SVK", "Slovakia"),
    "slovenia": Place(("Ljubljana",), "Slovenian", "SVN", "Slovenia"),
    "croatia": Place(("Zagreb",), "Croatian", "HRV", "Croatia"),
    "romania": Place(("Bucharest",), "Romanian", "ROU", "Romania"),
    "bulgaria": Place(("Sofia",), "Bulgarian", "BGR", "Bulgaria"),
    "greece": Place(("Athens",), "Greek", "GRC", "Greece"),
    "cyprus": Place(("Nicosia",), "Cypriot", "CYP", "Cyprus"),
    "malta": Place(("Valletta",), "Maltese", "MLT", "Malta"),
    "serbia": Place(("Belgrade",), "Serbian", "SRB", "Serbia"),
    "moldova": Place(("Chisinau",), "Moldovan", "MDA", "Moldova"),
    "georgia": Place(("Tbilisi",), "Georgian", "GEO", "Georgia"),
    "armenia": Place(("Yerevan",), "Armenian", "ARM", "Armenia"),
    "azerbaijan": Place(("Baku",), "Azerbaijani", "AZE", "Azerbaijan"),
    "kazakhstan": Place(("Astana",), "Kazakh", "KAZ", "Kazakhstan"),
    "canada": Place(("Ottawa",), "Canadian", "CAN", "Canada"),
    "mexico": Place(("Mexico City",), "Mexican", "MEX", "Mexico"),
    "brazil": Place(("Brasilia",), "Brazilian", "BRA", "Brazil"),
    "argentina": Place(("Buenos Aires",), "Argentine", "ARG", "Argentina"),
    "japan": Place(("Tokyo",), "Japanese", "JPN", "Japan"),
    "south korea": Place(("Seoul",), "South Korean", "KOR", "South Korea"),
    "north korea": Place(("Pyongyang", "DPRK"), "North Korean", "PRK", "North Korea"),
    "australia": Place(("Canberra",), "Australian", "AUS", "Australia"),
    "saudi arabia": Place(("Riyadh",), "Saudi", "SAU", "Saudi Arabia"),
    "united arab emirates": Place(("UAE", "Abu Dhabi", "Emirati government"), "Emirati",
                                  "ARE", "United Arab Emirates"),
    "qatar": Place(("Doha",), "Qatari", "QAT", "Qatar"),
    "egypt": Place(("Cairo",), "Egyptian", "EGY", "Egypt"),
    "syria": Place(("Damascus",), "Syrian", "SYR", "Syria"),
    "pakistan": Place(("Islamabad",), "Pakistani", "PAK", "Pakistan"),
    "indonesia": Place(("Jakarta",), "Indonesian", "IDN", "Indonesia"),
    "south africa": Place(("Pretoria",), "South African", "ZAF", "South Africa"),
    "vatican": Place(("Holy See",), None, "VAT", "Vatican"),
    "united nations": Place(("UN", "U.N.", "UN Security Council", "Security Council"), None,
                            "UN", "United Nations"),
}
"""Keyed by a lower-case name; see :data:`SYNONYMS` for other spellings of the keys."""

SYNONYMS: dict[str, str] = {
    "russian federation": "russia", "us": "united states", "usa": "united states",
    "u.s.": "united states", "united states of america": "united states",
    "america": "united states", "eu": "european union", "europe": "european union",
    "türkiye": "turkey", "turkiye": "turkey", "uk": "united kingdom", "britain": "united kingdom",
    "great britain": "united kingdom", "prc": "china", "north atlantic treaty organization": "nato",
    "czechia": "czech republic", "uae": "united arab emirates", "dprk": "north korea",
    "holy see": "vatican", "un": "united nations", "u.n.": "united nations",
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
