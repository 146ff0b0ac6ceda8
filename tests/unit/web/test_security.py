"""The guard: hosts, cross-site requests, CSRF tokens, body size limits and safe headers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from accord.store.versions import list_scenario_versions
from accord.web.security import CSP, host_name, new_token, token_is_valid
from accord.web.state import WebSettings
from tests.unit.web.helpers import BASE, SMALL_YAML, Dashboard, dashboard


def versions(web: Dashboard) -> int:
    return len(list_scenario_versions(web.store))


def test_tokens_are_signed_by_the_server_secret() -> None:
    secret, other = b"a" * 32, b"b" * 32
    token = new_token(secret)
    assert token_is_valid(secret, token)
    assert not token_is_valid(other, token)
    nonce, signature = token.split(".")
    assert not token_is_valid(secret, f"{nonce}x.{signature}")
    for bad in (None, "", "nodot", "a.b.c", f"{nonce}.", f"{nonce}.é{signature[1:]}",
                f"é.{signature}"):
        assert not token_is_valid(secret, bad)


@pytest.mark.parametrize(("header", "name"), [
    ("127.0.0.1:8000", "127.0.0.1"), ("LOCALHOST", "localhost"), ("[::1]:8000", "::1"),
    ("::1", "::1"), ("evil.example:80", "evil.example"), ("", ""),
])
def test_host_names(header: str, name: str) -> None:
    assert host_name(header) == name


def test_pages_carry_safe_headers_and_a_strict_cookie(web: Dashboard) -> None:
    response = web.client.get("/scenarios")
    assert response.status_code == 200
    assert response.headers["content-security-policy"] == CSP
    assert "script-src 'self'" in CSP and "default-src 'none'" in CSP
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["x-content-type-options"] == "nosniff"
    cookie = response.headers["set-cookie"]
    assert cookie.startswith("accord_csrf_8000=")
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    # the cookie is set once; the next page reuses it
    assert "set-cookie" not in web.client.get("/ledger").headers
    # error pages and static files carry the headers too
    assert web.client.get("/nope").headers["content-security-policy"] == CSP
    assert web.client.get("/static/accord.css").headers["x-frame-options"] == "DENY"


def test_a_foreign_host_is_refused(web: Dashboard) -> None:
    # a DNS-rebinding page reaches 127.0.0.1 under its own name
    response = web.client.get("/scenarios", headers={"host": "evil.example:8000"})
    assert response.status_code == 400 and "only answers" in response.text
    assert web.client.get("/scenarios", headers={"host": "localhost:8000"}).status_code == 200


def test_any_host_when_told_so(tmp_path: Path) -> None:
    with dashboard(tmp_path, WebSettings(allowed_hosts=None)) as web:
        response = web.client.get("/scenarios", headers={"host": "talks.example:8000"})
        assert response.status_code == 200


def test_a_form_with_its_token_passes(web: Dashboard) -> None:
    response = web.post("/scenarios/upload", {"text": SMALL_YAML})
    assert response.status_code == 303 and versions(web) == 1


def test_the_token_may_come_in_the_htmx_header(web: Dashboard) -> None:
    token = web.token()
    response = web.post("/scenarios/upload", {"text": SMALL_YAML}, token=False,
                        headers={"x-csrf-token": token})
    assert response.status_code == 303 and versions(web) == 1


@pytest.mark.parametrize("token", [None, "", "forged.0000", "wrong", "é.ü", "ünïcödé"])
def test_a_form_without_the_right_token_changes_nothing(web: Dashboard,
                                                        token: str | None) -> None:
    web.token()  # the client has its cookie
    data = {"text": SMALL_YAML}
    if token is not None:
        data["csrf_token"] = token
    response = web.post("/scenarios/upload", data, token=False)
    assert response.status_code == 403 and "Go back, reload" in response.text
    assert versions(web) == 0


def test_a_token_of_another_server_is_refused(tmp_path: Path, web: Dashboard) -> None:
    with dashboard(tmp_path / "other") as other:
        foreign = other.token()
    web.client.cookies.set("accord_csrf_8000", foreign)
    response = web.post("/scenarios/upload", {"text": SMALL_YAML, "csrf_token": foreign},
                        token=False)
    assert response.status_code == 403 and versions(web) == 0


def test_without_the_cookie_a_copied_token_is_refused(web: Dashboard) -> None:
    token = web.token()
    web.client.cookies.clear()
    response = web.post("/scenarios/upload", {"text": SMALL_YAML, "csrf_token": token},
                        token=False)
    assert response.status_code == 403 and versions(web) == 0


@pytest.mark.parametrize("headers", [
    {"sec-fetch-site": "cross-site"},
    {"sec-fetch-site": "same-site"},          # another port of localhost is "same site"
    {"origin": "http://evil.example"},
    {"origin": "http://127.0.0.1:9999"},
    {"origin": "null"},
])
def test_cross_site_posts_are_refused_even_with_a_token(web: Dashboard,
                                                        headers: dict[str, str]) -> None:
    response = web.post("/scenarios/upload", {"text": SMALL_YAML}, headers=headers)
    assert response.status_code == 403 and "nothing was changed" in response.text
    assert versions(web) == 0


def test_same_origin_posts_pass(web: Dashboard) -> None:
    response = web.post("/scenarios/upload", {"text": SMALL_YAML},
                        headers={"origin": BASE, "sec-fetch-site": "same-origin"})
    assert response.status_code == 303


@pytest.fixture
def small(tmp_path: Path) -> Iterator[Dashboard]:
    with dashboard(tmp_path, WebSettings(max_scenario_bytes=1000,
                                         max_article_bytes=2000)) as web:
        yield web


def test_a_body_announced_too_large_is_refused_unread(small: Dashboard) -> None:
    limit = small.state.settings.max_body
    token = small.token()

    def body() -> Iterator[bytes]:
        # a generator body is sent chunked, without Content-Length: the guard counts
        for _ in range(limit // 4096 + 10):
            yield b"x" * 4096

    response = small.client.post("/scenarios/upload", content=body(), headers={
        "content-type": "application/x-www-form-urlencoded", "x-csrf-token": token})
    assert response.status_code == 413 and "too large" in response.text
    assert versions(small) == 0
    big = small.client.post("/scenarios/upload", content=b"a" * (limit + 1), headers={
        "content-type": "application/x-www-form-urlencoded", "x-csrf-token": token})
    assert big.status_code == 413 and f"{limit + 1:,} bytes" in big.text


def test_a_malformed_form_is_a_400_page(web: Dashboard) -> None:
    token = web.token()
    response = web.client.post("/scenarios/upload", content=b"--nope", headers={
        "content-type": "multipart/form-data; boundary=abc", "x-csrf-token": token})
    assert response.status_code == 400 and "could not be read" in response.text
    response = web.client.post("/scenarios/upload", content=b'{"a": 1}', headers={
        "content-type": "application/json", "x-csrf-token": token})
    assert response.status_code == 400


def test_uploads_never_touch_a_temporary_file(web: Dashboard,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("an upload was written to a temporary file")

    for name in ("SpooledTemporaryFile", "TemporaryFile", "NamedTemporaryFile", "mkstemp"):
        monkeypatch.setattr(tempfile, name, refuse)
    big = SMALL_YAML + "# " + "x" * 1_500_000 + "\n"   # larger than Starlette's 1 MiB spool
    response = web.post("/scenarios/upload",
                        files={"file": ("small.yaml", big.encode(), "application/yaml")})
    assert response.status_code == 303 and versions(web) == 1


def test_get_requests_change_nothing_and_need_no_token(web: Dashboard) -> None:
    response = web.client.get("/scenarios/upload")
    assert response.status_code == 405 and "Not allowed" in response.text


def test_a_forged_non_ascii_cookie_is_replaced_not_a_500(web: Dashboard) -> None:
    forged = "accord_csrf_8000=\u00e9.\u00fc".encode("latin-1")
    response = web.client.get("/scenarios", headers={"cookie": forged})
    assert response.status_code == 200 and "set-cookie" in response.headers
    web.client.cookies.clear()
    refused = web.client.post("/scenarios/upload", data={"text": SMALL_YAML}, headers={
        "cookie": forged, "x-csrf-token": "\u00e9.\u00fc".encode("latin-1")})
    assert refused.status_code == 403 and versions(web) == 0
