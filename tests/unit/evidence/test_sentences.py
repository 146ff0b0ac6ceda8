"""Sentences keep exact offsets into the original text, whatever the text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from accord.evidence.sentences import CHUNK_CHARS, split_sentences
from tests.conftest import SEEDS, need_shared


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
    need_shared()
    for path in sorted(SEEDS.glob("*.txt")):
        _check(path.read_text("utf-8"))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(
    st.sampled_from(["Putin", "wants", "Mr.", "U.S.", "Nato", "“quote”", "no.", "3.5", "e.g.",
                     "!", "?", "...", "—", "\n", "\n\n", " ", "\t", "Kyiv.", "’s", "(a)"]),
    st.text(max_size=8)), max_size=60))
def test_offsets_are_exact_for_any_text(parts: list[str]) -> None:
    _check(" ".join(parts))


def _pysbd(piece: str) -> list[str]:
    from accord.evidence.sentences import _segmenter

    return [s.strip() for s in _segmenter().processor(piece).process() if s.strip()]


def test_plain_paragraphs_split_as_pysbd_splits_them() -> None:
    from accord.evidence.sentences import _HARD, _split_piece

    need_shared()
    checked = 0
    for path in sorted(SEEDS.glob("*.txt")):
        for line in path.read_text("utf-8").split("\n"):
            if line.strip() and not _HARD.search(line):
                assert [line[a:b] for a, b in _split_piece(line)] == _pysbd(line)
                checked += 1
    assert checked > 50


_WORD = st.sampled_from(["the", "Kremlin", "wants", "a", "deal", "with", "Kyiv", "on",
                         "territory", "and", "sanctions", "relief", "Putin", "NATO", "2025",
                         "said", "will", "never", "join", "talks", "in", "Geneva", "45%",
                         "US-Ukraine", "de-militarize", "Russia’s", "—", "–", ",", ";", ":"])
_SENTENCE = st.builds(lambda first, rest, end: " ".join([first, *rest]) + end,
                      st.sampled_from(["Putin", "The", "Kyiv", "Moscow", "It", "NATO", "A"]),
                      st.lists(_WORD, max_size=20), st.sampled_from([".", "!", "?"]))


@settings(max_examples=200, deadline=None)
@given(st.lists(_SENTENCE, min_size=1, max_size=8))
def test_fast_rule_agrees_with_pysbd(sentences: list[str]) -> None:
    from accord.evidence.sentences import _HARD, _split_piece

    piece = " ".join(sentences)
    if not _HARD.search(piece):
        assert [piece[a:b] for a, b in _split_piece(piece)] == _pysbd(piece)
