"""Headless Chromium for the report and dashboard tests (Playwright driving Debian's chromium).

Playwright never downloads a browser here: it launches the system's ``chromium`` through
``executable_path`` (``.ci/run`` installs Debian's package). A test takes the ``browser``
fixture, opens pages with :func:`watched_page`, and checks :class:`PageWatch` afterwards:
console errors, uncaught page errors and every request that leaves 127.0.0.1 are recorded.
Screenshots go to ``test-artifacts/`` at the root of the checkout (ignored by git; CI keeps
them as the run's artifacts).

When Chromium or Playwright is missing the browser tests are skipped, unless ``ACCORD_CI`` is
set (``.ci/run`` sets it), where a missing browser is an error: CI must run them.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"

CHROMIUM_ARGS = [
    # as root in a container there is no sandbox; the rest keeps Chromium off the network
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-default-apps", "--disable-extensions", "--metrics-recording-only",
    "--no-default-browser-check",
]

LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}


def chromium_path() -> str | None:
    """The system Chromium (``ACCORD_CHROMIUM`` overrides), or None."""
    for candidate in (os.environ.get("ACCORD_CHROMIUM"), "chromium", "chromium-browser"):
        if candidate and (found := shutil.which(candidate)):
            return found
    return None


def _unavailable(reason: str) -> None:
    if os.environ.get("ACCORD_CI"):
        pytest.fail(f"browser tests must run in CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """A headless Chromium shared by the session's browser tests."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed")
    path = chromium_path()
    if path is None:
        _unavailable("chromium is not installed (apt-get install chromium)")
    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_ARGS)
        try:
            yield instance
        finally:
            instance.close()


@dataclass
class PageWatch:
    """What a page did: console errors, page errors, requests (and those that left 127.0.0.1)."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    @property
    def external(self) -> list[str]:
        """Requests to anything but a local server (file:, data: and blob: count as local)."""
        out = []
        for url in self.requests:
            parts = urlsplit(url)
            if parts.scheme in {"data", "blob", "about", "file"}:
                continue
            if parts.hostname not in LOCAL_HOSTS:
                out.append(url)
        return out

    @property
    def network(self) -> list[str]:
        """Every request that went over the network at all (for pages that must make none)."""
        return [u for u in self.requests if urlsplit(u).scheme not in {"data", "blob", "about"}]

    def assert_clean(self) -> None:
        """No console error, no page error, no request leaving 127.0.0.1."""
        assert not self.page_errors, f"page errors: {self.page_errors}"
        assert not self.console_errors, f"console errors: {self.console_errors}"
        assert not self.external, f"requests leaving 127.0.0.1: {self.external}"


def watched_page(browser: Any, **context_options: Any) -> tuple[Any, PageWatch]:
    """A new page in its own context, with a :class:`PageWatch` recording what it does."""
    context = browser.new_context(**context_options)
    page = context.new_page()
    watch = PageWatch()
    page.on("console", lambda msg: watch.console_errors.append(msg.text)
            if msg.type == "error" else None)
    page.on("pageerror", lambda exc: watch.page_errors.append(str(exc)))
    page.on("request", lambda req: watch.requests.append(req.url))
    page.on("requestfailed", lambda req: watch.failed.append(req.url))
    return page, watch


def screenshot(page: Any, name: str) -> Path:
    """Save a full-page screenshot as ``test-artifacts/NAME.png`` and return its path."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
