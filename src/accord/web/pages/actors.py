"""The actors view and the leverage form of a scenario: ``accord actors`` and ``accord
leverage`` in the dashboard.

``/s/REF/actors`` takes the results page's settings from its query (:mod:`accord.web.
results_query`: ``model``, ``preset-MODEL``, the bargaining options; the analysis is the
results page's, cached) plus ``issue`` and ``actor`` to focus on one, and shows the blocks of
:mod:`accord.reports.actors_view` (who gains and who loses, pivotal actors, voting power, the
EUM's rounds, SMP's coalitions, the exchange model's trades).

``/s/REF/leverage`` is a GET form (``issue``, ``target``, ``model``, ``kinds`` repeatable: all
three when none is given, ``actors`` K, and the results page's bargaining options): its
answer, the blocks of :mod:`accord.reports.leverage_view`, comes back in the page, or as the
partial ``_leverage.html`` that htmx swaps in place; without JavaScript the form reloads the
page. Bad settings, an unknown issue or actor, or a target outside the issue's range are a 400
page with the settings' own message.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from accord.errors import UsageError
from accord.models.choice import ModelChoice
from accord.models.moves import KINDS
from accord.reports.actors_view import actors_blocks
from accord.reports.leverage_view import leverage_blocks
from accord.web.analysis_worker import LEVERAGE
from accord.web.error_pages import WebError
from accord.web.integers import IntegerError, parse_int
from accord.web.lookup import find_scenario
from accord.web.render import is_htmx, page
from accord.web.results_query import (
    CHOICES,
    query_of,
    scenario_settings,
    settings_from_query,
)
from accord.web.scope import gone_of
from accord.web.state import state_of
from accord.workflows.actors import actors_of, check_focus
from accord.workflows.leverage_answer import (
    MAX_ACTORS,
    LeverageAnswer,
    LeverageSettings,
    default_model,
)
from accord.workflows.registry import MODELS
from accord.workflows.settings import AnalysisSettings, parse

router = APIRouter()

FOCUS = ("issue", "actor")
BARGAIN_KEYS = (*CHOICES, "weighted")
"""The results page's bargaining options, which the leverage form carries along."""


def _params(request: Request) -> dict[str, list[str]]:
    params: dict[str, list[str]] = {}
    for key, value in request.query_params.multi_items():
        params.setdefault(key, []).append(value)
    return params


def _first(params: Mapping[str, Sequence[str]], name: str) -> str | None:
    values = params.get(name) or []
    text = values[0].strip() if values else ""
    return text or None


def bargain_query(settings: AnalysisSettings) -> list[tuple[str, str]]:
    """The bargaining part of the results page's query (what the leverage form carries)."""
    return [(k, v) for k, v in query_of(settings) if k in BARGAIN_KEYS]


def _bad(exc: UsageError, back: str | None = None) -> WebError:
    return WebError(400, "Bad settings", f"{str(exc)[:400]}.", back=back)


@router.get("/s/{ref}/actors", response_class=HTMLResponse)
def actors(request: Request, ref: str) -> HTMLResponse:
    state = state_of(request)
    found = find_scenario(state, ref)
    params = _params(request)
    scn = found.scenario
    settings, left_out = scenario_settings(params, scn)
    issue, actor = _first(params, "issue"), _first(params, "actor")
    try:
        check_focus(scn, issue, actor)
    except UsageError as exc:
        raise _bad(exc, f"/s/{found.ref}/actors") from None
    analysis = state.analysis(scn, settings, gone_of(request.scope)).analysis
    error = analysis.bargain_error
    blocks = [] if analysis.bargaining is None else \
        actors_blocks(actors_of(analysis, issue=issue, actor=actor))
    query = query_of(settings)
    return page(request, "actors.html", found=found, scn=scn, blocks=blocks, error=error,
                failures=analysis.model_failures, left_out=left_out, issue=issue,
                actor=actor, query=query,
                query_text=urlencode(query),
                leverage_query=urlencode(bargain_query(settings)))


def leverage_settings(params: Mapping[str, Sequence[str]]) -> LeverageSettings | None:
    """The request of a leverage form's query; None when it asks nothing yet (no issue and no
    target); a 400 page for anything the settings refuse."""
    issue, target = _first(params, "issue"), _first(params, "target")
    if issue is None and target is None:
        return None
    if target is None:
        raise WebError(400, "Bad settings", "target: give the outcome wanted, on the issue's "
                                            "scale.")
    bargain = settings_from_query({k: list(params.get(k, [])) for k in BARGAIN_KEYS}).bargain
    data: dict[str, Any] = {
        "issue": issue or "", "target": target if target is not None else "",
        "model": ModelChoice(model=_first(params, "model") or default_model().model),
        "kinds": [k for k in params.get("kinds", []) if k.strip()] or list(KINDS),
        "actors": _first(params, "actors") or "2",
    }
    try:  # ASCII digits only (accord.web.integers)
        data["actors"] = parse_int(data["actors"], "actors", low=1, high=MAX_ACTORS)
    except IntegerError as exc:
        raise WebError(400, "Bad settings", f"{exc}.") from None
    if bargain is not None:
        data["bargain"] = bargain
    try:
        return parse(LeverageSettings, data)
    except UsageError as exc:
        raise _bad(exc) from None


@router.get("/s/{ref}/leverage", response_class=HTMLResponse)
def leverage_form(request: Request, ref: str) -> HTMLResponse:
    state = state_of(request)
    found = find_scenario(state, ref)
    scn = found.scenario
    params = _params(request)
    request_settings = leverage_settings(params)
    answer: LeverageAnswer | None = None
    if request_settings is not None:
        try:
            answer = state.pool.run(LEVERAGE, (scn, request_settings),
                                    gone=gone_of(request.scope))
        except UsageError as exc:
            raise _bad(exc, f"/s/{found.ref}/leverage") from None
    blocks = [] if answer is None else leverage_blocks(answer)
    chosen = {"issue": _first(params, "issue") or scn.issues[0].id,
              "target": _first(params, "target") or "",
              "model": _first(params, "model") or default_model().model,
              "kinds": [k for k in params.get("kinds", []) if k.strip()] or list(KINDS),
              "actors": _first(params, "actors") or "2"}
    hidden = [(k, v) for k in BARGAIN_KEYS for v in params.get(k, [])]
    name = "_leverage.html" if is_htmx(request) else "leverage.html"
    return page(request, name, found=found, scn=scn, blocks=blocks, chosen=chosen,
                models=list(MODELS), kinds=KINDS, max_actors=MAX_ACTORS, hidden=hidden,
                results_query=urlencode(hidden))
