"""Errors are pages: a bug is a friendly 500 (logged), a broken store a 503; and nothing heavy
is imported until a server is built."""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import pytest

from tests.unit.web.helpers import Dashboard, dashboard, text_of


def test_an_unexpected_error_is_a_friendly_500_and_is_logged(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    import accord.web.pages.scenarios

    def broken() -> None:
        raise RuntimeError("a bug in the listing")

    monkeypatch.setattr(accord.web.pages.scenarios, "list_cases", broken)
    with dashboard(tmp_path, raise_errors=False) as web, \
            caplog.at_level(logging.ERROR, logger="accord.web"):
        response = web.client.get("/scenarios")
    assert response.status_code == 500
    page = text_of(response.text)
    assert "Something went wrong" in page and "Traceback" not in response.text
    assert "a bug in the listing" not in response.text
    assert any("internal error on GET /scenarios" in r.getMessage() and r.exc_info
               for r in caplog.records)


def test_a_broken_store_is_a_503_page(tmp_path: Path) -> None:
    with dashboard(tmp_path, raise_errors=False) as web:
        assert web.client.get("/scenarios").status_code == 200
        web.store.engine.dispose()
        (tmp_path / "accord.db").write_bytes(b"this is not a database" * 100)
        for suffix in ("-wal", "-shm"):
            (tmp_path / f"accord.db{suffix}").unlink(missing_ok=True)
        response = web.client.get("/scenarios")
        assert response.status_code == 503
        assert "The store is not available" in text_of(response.text)
        assert "Traceback" not in response.text


def test_error_pages_for_htmx_replace_the_whole_page(web: Dashboard) -> None:
    response = web.client.get("/s/nope", headers={"hx-request": "true"})
    assert response.status_code == 404 and "Not found" in response.text
    assert response.headers["hx-retarget"] == "body"
    assert response.headers["hx-reswap"] == "innerHTML"
    refused = web.client.post("/scenarios/upload", headers={"hx-request": "true"})
    assert refused.status_code == 403 and refused.headers["hx-retarget"] == "body"
    plain = web.client.get("/s/nope")
    assert "hx-retarget" not in plain.headers
    # a partial that shows problems in place is not retargeted
    partial = web.post("/s/ukraine-2025-12/stances/RUS/nato",
                       {"position": "x", "salience": "1", "reservation": ""},
                       headers={"hx-request": "true"})
    assert partial.status_code == 422 and "hx-retarget" not in partial.headers


def test_nothing_heavy_is_imported_with_the_command_line() -> None:
    """The dashboard's and the store's libraries load with `accord serve` and with the
    commands that open a database, not with every command."""
    code = ("import sys, accord.cli, accord.cli.serve; "
            "print(sorted({m.split('.')[0] for m in sys.modules} & "
            "{'fastapi', 'starlette', 'uvicorn', 'jinja2', 'python_multipart', 'sqlalchemy'}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize("htmx", [False, True])
def test_a_500_page_carries_the_security_headers_and_closes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, htmx: bool) -> None:
    import accord.web.pages.scenarios
    from accord.web.security import SECURITY_HEADERS

    def broken() -> None:
        raise RuntimeError("a bug in the listing")

    monkeypatch.setattr(accord.web.pages.scenarios, "list_cases", broken)
    with dashboard(tmp_path, raise_errors=False) as web:
        response = web.client.get("/scenarios", headers={"hx-request": "true"} if htmx else {})
    assert response.status_code == 500 and "Something went wrong" in response.text
    for name, value in SECURITY_HEADERS:
        assert response.headers[name.decode()] == value.decode()
    assert response.headers["connection"] == "close"
    assert "set-cookie" in response.headers                  # the page's form token, as usual
    assert ("hx-retarget" in response.headers) is htmx
