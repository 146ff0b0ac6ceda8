"""Stance cues and direction hints toward an end of the issue's scale."""

from __future__ import annotations

from accord.evidence.cues import find_cues
from accord.evidence.direction import DirectionFinder
from accord.evidence.tokens import tokenize
from tests.unit.evidence.helpers import mini


def kinds(text: str) -> list[str]:
    return [c.kind for c in find_cues(tokenize(text))]


def test_cue_kinds() -> None:
    assert kinds("Putin wants a guarantee") == ["demand"]
    assert kinds("Kyiv rejected the plan") == ["refusal"]
    assert kinds("They have ruled out any deal") == ["refusal"]
    assert kinds("This is a red line for Moscow") == ["red line"]
    assert kinds("Russia is willing to engage") == ["willingness", "willingness"]
    assert kinds("He threatened to enforce this through force of arms") == ["threat", "threat",
                                                                           "threat"]
    assert kinds("Trump offered a return to the G8") == ["offer"]
    assert kinds("Lavrov said so") == ["statement"]
    assert kinds("It will rain") == []  # "will" is not "willing"


def direction(issue: str, text: str, refuses: bool = False) -> str | None:
    finder = DirectionFinder(mini().issues, ["Ukraine", "Russia"])
    tokens = tokenize(text)
    held = [c for c in find_cues(tokens) if c.kind in ("refusal", "red line")] if refuses else []
    hint = finder.hint(issue, tokens, held)
    return hint.end if hint else None


def test_negated_label_words_point_to_the_other_end() -> None:
    # labels: 0 Ukraine joins NATO, 100 binding permanent neutrality
    assert direction("nato", "a guarantee that Ukraine will not join Nato") == "high"
    assert direction("nato", "Ukraine should join Nato soon") == "low"
    assert direction("nato", "securing Ukraine’s permanent neutrality") == "high"


def test_a_refusal_turns_the_direction_around() -> None:
    # labels: 0 Russia withdraws to the 1991 borders, 100 Ukraine cedes all four oblasts
    assert direction("territory", "a deal in which Ukraine cedes all four oblasts") == "high"
    assert direction("territory", "Kyiv rejected a deal in which Ukraine cedes the oblasts",
                     refuses=True) == "low"


def test_no_label_word_no_hint() -> None:
    assert direction("sanctions", "the weather was cold") is None
    assert direction("g8", "nothing about it") is None
