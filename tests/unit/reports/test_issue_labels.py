"""Short issue labels in tables and sentences: a long name is cut after a whole word, never
replaced by the issue's id (which readers do not know)."""

from __future__ import annotations

import pytest

from accord.reports.bargain_view import Namer
from tests.unit.bargaining.helpers import scenario, stance


@pytest.mark.parametrize(("name", "label"), [
    ("Territory", "Territory"),
    ("Sanctions relief: staged, conditional", "Sanctions relief"),
    ("Russia's return to the G8 and normalisation with the West", "Russia's return to the G8…"),
    ("Extraordinarilylongsinglewordwithoutanyspacesatall", "Extraordinarilylongsinglewordwi…"),
])
def test_long_issue_names_are_cut_after_a_word(name: str, label: str) -> None:
    s = scenario(["A", "B"], [{"id": "i0", "name": name}],
                 [stance("A", "i0", 0, 0.5), stance("B", "i0", 100, 0.5)])
    got = Namer(s).issue("i0")
    assert got == label and len(got) <= 32
