"""Reading articles: HTML through trafilatura with title and date, text as it is, bad files."""

from __future__ import annotations

from pathlib import Path

import pytest

from accord.errors import InputError
from accord.evidence.reading import (
    MAX_ARTICLE_BYTES,
    looks_like_html,
    parse_article,
    read_article,
    text_title,
)

HTML = Path(__file__).resolve().parents[2] / "data" / "evidence" / "html"


def test_html_main_text_title_and_date() -> None:
    a = read_article(HTML / "talks-stall.html")
    assert a.kind == "html"
    assert a.title == "Talks stall over Donetsk"
    assert a.date == "2025-12-02"
    assert a.author == "Jane Roe"
    assert "The Kremlin said on Tuesday" in a.text
    assert "“Not a single sane person would sign such a document,”" in a.text  # entities decoded
    for boilerplate in ("Subscribe now", "All rights reserved", "Home"):
        assert boilerplate not in a.text


def test_html_detected_by_content_without_doctype() -> None:
    a = read_article(HTML / "no-doctype.htm")
    assert a.kind == "html" and a.title == "Brief" and a.date is None
    assert a.text.startswith("Moscow insists")
    assert looks_like_html("article.txt", "  <!-- c -->\n<html><body>x</body></html>")
    assert not looks_like_html("article.txt", "The <html> tag is old.")


def test_html_without_article_text_is_an_error() -> None:
    with pytest.raises(InputError) as err:
        read_article(HTML / "no-text.html")
    assert "no article text found" in str(err.value)
    assert str(err.value).startswith(str(HTML / "no-text.html") + ":1:1:")


def test_text_title_is_a_short_first_line_set_apart() -> None:
    assert text_title("Has Putin blinked?\n\nBody text.") == "Has Putin blinked?"
    assert text_title("A first sentence.\n\nBody.") is None
    assert text_title("Runs on\ninto the body") is None
    assert text_title("x" * 300 + "\n\nbody") is None
    a = parse_article("Headline here\n\nThe Kremlin wants a deal.", "a.txt")
    assert a.kind == "text" and a.title == "Headline here"
    assert a.text == "Headline here\n\nThe Kremlin wants a deal."


@pytest.mark.parametrize(("content", "fragment"), [
    (b"", "file is empty"),
    (b"  \n\n\t ", "file is empty"),
    (b"Moscow wants\x00 a deal", "binary file"),
    (b"Moscow\nwants caf\xe9 au lait", "not UTF-8"),
])
def test_bad_files(tmp_path: Path, content: bytes, fragment: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InputError) as err:
        read_article(path)
    assert fragment in str(err.value)
    assert str(err.value).startswith(f"{path}:")


def test_not_utf8_is_located(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes(b"First line.\nMoscow says caf\xe9.")
    with pytest.raises(InputError) as err:
        read_article(path)
    assert str(err.value).startswith(f"{path}:2:16: not UTF-8")


def test_enormous_missing_and_directory(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"Moscow wants a deal. " * (MAX_ARTICLE_BYTES // 21 + 10))
    with pytest.raises(InputError, match="too large"):
        read_article(big)
    with pytest.raises(InputError, match="no such file"):
        read_article(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="directory"):
        read_article(tmp_path)
