"""Sentences keep exact offsets into the original text, whatever the text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from accord.evidence.sentences import CHUNK_CHARS, split_sentences
from tests.conftest import SEEDS


def _check(text: str) -> None:
    sentences = split_sentences(text)
    last = 0
    for k, s in enumerate(sentences):
        assert s.index == k
        assert text[s.start:s.end] == s.text
        assert s.text == s.text.strip() and s.text
        assert s.start >= last
        last = s.end


def test_simple_split_and_offsets() -> None:
    text = ("Putin wants a deal. Kyiv says no!\n\n"
            "Mr. Lavrov met the U.S. envoy on Friday. Talks go on.")
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "Putin wants a deal.", "Kyiv says no!", "Mr. Lavrov met the U.S. envoy on Friday.",
        "Talks go on."]
    assert [s.paragraph for s in sentences] == [0, 0, 1, 1]
    _check(text)


def test_crlf_tabs_and_unicode() -> None:
    text = "  Russia’s demand: “no NATO”.\r\nZelensky — «never».\tThe end… really? Yes.\r\n"
    _check(text)
    assert any("Russia’s demand" in s.text for s in split_sentences(text))


def test_long_paragraph_is_cut_but_offsets_stay_exact() -> None:
    sentence = "The Kremlin insists that Ukraine will never join the alliance in any form. "
    text = sentence * (3 * CHUNK_CHARS // len(sentence))
    sentences = split_sentences(text)
    assert len(sentences) == text.count("alliance in any form.")
    assert all(s.text == sentence.strip() for s in sentences)
    _check(text)


def test_seed_articles() -> None:
    for path in sorted(SEEDS.glob("*.txt")):
        _check(path.read_text("utf-8"))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(
    st.sampled_from(["Putin", "wants", "Mr.", "U.S.", "Nato", "“quote”", "no.", "3.5", "e.g.",
                     "!", "?", "...", "—", "\n", "\n\n", " ", "\t", "Kyiv.", "’s", "(a)"]),
    st.text(max_size=8)), max_size=60))
def test_offsets_are_exact_for_any_text(parts: list[str]) -> None:
    _check(" ".join(parts))
