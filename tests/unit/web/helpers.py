"""What the dashboard's unit tests share: a server over a temporary store, and its client."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from accord.store.engine import Store
from accord.store.migrate import open_store
from accord.web.app import create_app
from accord.web.state import WebSettings, WebState

with warnings.catch_warnings():
    # Starlette asks for the httpx2 package, which the dev tools do not install yet
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

BASE = "http://127.0.0.1:8000"
DATA = Path(__file__).resolve().parents[2] / "data"
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')

BDM_CSV = ("actor,capability,position,salience\n"
           "Atlantis,60,10,0.8\nBorduria,40,90,0.9\nCarpania,20,50,0.3\n")

SMALL_YAML = """accord: 1
id: small-talks
title: Small talks
actors:
  - {id: A, name: Atlantis, capability: 60, veto: true}
  - {id: B, name: Borduria, capability: 40, veto: true}
issues:
  - id: tariff
    name: Tariff level
    range: [0, 25]
    labels: {0: free trade, 25: current tariffs}
stances:
  - {actor: A, issue: tariff, position: 5, salience: 0.8, reservation: 12}
  - {actor: B, issue: tariff, position: 20, salience: 0.6, reservation: 10}
"""


class Dashboard:
    """A dashboard over a fresh store, with a TestClient that keeps its cookies."""

    def __init__(self, store: Store, settings: WebSettings | None = None,
                 raise_errors: bool = True) -> None:
        self.store = store
        # a generous budget: the tests share two cores, and a built-in case's analysis that
        # takes 0.5 s alone can take 20 s there (tests of the budget set their own)
        self.app = create_app(store, settings or WebSettings(analysis_seconds=600))
        self.client = TestClient(self.app, base_url=BASE,
                                 raise_server_exceptions=raise_errors)

    @property
    def state(self) -> WebState:
        state = self.app.state.accord
        assert isinstance(state, WebState)
        return state

    def token(self) -> str:
        """The CSRF token this client's pages carry (fetched from a page)."""
        match = TOKEN.search(self.client.get("/scenarios").text)
        assert match, "no CSRF token on the scenarios page"
        return match.group(1)

    def post(self, url: str, data: dict[str, Any] | None = None, *,
             files: Any = None, headers: dict[str, str] | None = None,
             token: bool = True) -> Any:
        form = dict(data or {})
        if token:
            form.setdefault("csrf_token", self.token())
        return self.client.post(url, data=form, files=files, headers=headers,
                                follow_redirects=False)


@contextmanager
def dashboard(tmp_path: Path, settings: WebSettings | None = None,
              raise_errors: bool = True) -> Iterator[Dashboard]:
    store = open_store(f"sqlite:///{tmp_path / 'accord.db'}")
    board = None
    try:
        board = Dashboard(store, settings, raise_errors)
        yield board
    finally:
        if board is not None:
            board.state.jobs.shutdown()  # no Monte Carlo process outlives its test
            board.state.pool.shutdown()  # nor an analysis process
        store.close()


def text_of(html: str) -> str:
    """The page's text with tags removed and spaces collapsed (for readable assertions)."""
    import html as htmllib

    return " ".join(htmllib.unescape(re.sub(r"<[^>]+>", " ", html)).split())
