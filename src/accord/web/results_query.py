"""The results page's settings, read from its query, and its analysis, cached.

Settings come from the query string of the results page (a GET form: a result can be
bookmarked and shared, and the page works without JavaScript): ``model`` (repeatable; default
every model), ``preset-MODEL``, and the bargaining options ``loss``, ``disagreement``,
``power``, ``weighted``, ``horizon`` (docs/bargaining.md). They are parsed into the one
:class:`~accord.workflows.settings.AnalysisSettings` the command line parses into too; a bad
value is a 400 page with the same message ``accord run``/``accord bargain`` would give.

The web layer holds no model logic: :func:`~accord.web.page_analysis.compute` runs
:func:`accord.workflows.analysis.analyse` (keeping going past a model that fails, whose message
the page shows) in an analysis process (:mod:`accord.web.analysis_pool`);
:meth:`accord.web.state.WebState.analysis` keeps the analysis and its
bargaining document in the server's cache, keyed by the scenario's digest and the settings, so
that the same page shown again costs nothing.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from accord.errors import UsageError
from accord.models.choice import ModelChoice
from accord.scenario.schema import Scenario
from accord.web.error_pages import WebError
from accord.web.integers import IntegerError, parse_int
from accord.web.page_analysis import PageAnalysis, compute
from accord.workflows.registry import MODELS, leave_out_slow
from accord.workflows.settings import HORIZON_MAX, AnalysisSettings, BargainSettings, parse

CHOICES = ("loss", "disagreement", "power", "horizon")
"""Bargaining options the results page takes from its query (``weighted`` is a checkbox)."""


def _first(params: Mapping[str, Sequence[str]], name: str) -> str | None:
    values = params.get(name) or []
    text = values[0].strip() if values else ""
    return text or None


def query_params(items: Sequence[tuple[str, str]]) -> dict[str, list[str]]:
    """A query's (key, value) pairs as lists by key."""
    params: dict[str, list[str]] = {}
    for key, value in items:
        params.setdefault(key, []).append(value)
    return params


def settings_from_items(items: Sequence[tuple[str, str]]) -> AnalysisSettings:
    """:func:`settings_from_query` of a query's (key, value) pairs."""
    return settings_from_query(query_params(items))


def scenario_settings(params: Mapping[str, Sequence[str]], scenario: Scenario
                      ) -> tuple[AnalysisSettings, list[str]]:
    """:func:`settings_from_query`; when the query names no model, every model but one that
    would take minutes on ``scenario`` (:func:`~accord.workflows.registry.leave_out_slow`),
    with a notice for each one left out."""
    settings = settings_from_query(params)
    if params.get("model"):
        return settings, []
    kept, notes = leave_out_slow(settings.models, scenario,
                                 how="tick it under Models to run it anyway")
    return settings.model_copy(update={"models": kept}), [n[0].upper() + n[1:] + "."
                                                          for n in notes]


def settings_from_query(params: Mapping[str, Sequence[str]]) -> AnalysisSettings:
    """Settings from a results page's query (every model by default); 400 for anything the
    settings refuse."""
    names = list(dict.fromkeys(params.get("model", []))) or list(MODELS)
    unknown = [n for n in names if n not in MODELS]
    if unknown:
        raise WebError(400, "Unknown model", f"There is no model '{unknown[0][:60]}' (models: "
                                             f"{', '.join(MODELS)}).")
    models = tuple(ModelChoice(model=n, preset=_first(params, f"preset-{n}"))
                   for n in MODELS if n in names)
    bargain: dict[str, object] = {k: v for k in CHOICES
                                  if (v := _first(params, k)) is not None}
    bargain["weighted"] = _first(params, "weighted") in ("1", "on", "true", "yes")
    try:
        if "horizon" in bargain:  # ASCII digits only (accord.web.integers)
            bargain["horizon"] = parse_int(str(bargain["horizon"]), "the horizon",
                                           high=HORIZON_MAX, unit=" of months")
        return parse(AnalysisSettings, {"models": models,
                                        "bargain": parse(BargainSettings, bargain)})
    except (UsageError, IntegerError) as exc:
        raise WebError(400, "Bad settings", f"{str(exc)[:300]}.") from None


def query_of(settings: AnalysisSettings) -> list[tuple[str, str]]:
    """The query string that gives these settings back (for links)."""
    out = [("model", c.model) for c in settings.models]
    out += [(f"preset-{c.model}", c.preset) for c in settings.models if c.preset]
    b = settings.bargain or BargainSettings()
    out += [("loss", b.loss), ("disagreement", b.disagreement), ("power", b.power),
            ("horizon", str(b.horizon))]
    if b.weighted:
        out.append(("weighted", "1"))
    return out


@dataclass(frozen=True)
class SettingsView:
    """What the results page's form shows of the settings."""

    models: tuple[str, ...]
    presets: dict[str, str]
    loss: str
    disagreement: str
    power: str
    weighted: bool
    horizon: int

    def preset(self, model: str) -> str | None:
        return self.presets.get(model)


def settings_view(settings: AnalysisSettings) -> SettingsView:
    b = settings.bargain or BargainSettings()
    return SettingsView(settings.model_names,
                        {c.model: c.preset for c in settings.models if c.preset},
                        b.loss, b.disagreement, b.power, b.weighted, b.horizon)


def settings_key(settings: AnalysisSettings) -> str:
    """The settings as text, for cache keys."""
    return json.dumps(settings.model_dump(mode="json"), sort_keys=True)


__all__ = ["PageAnalysis", "compute", "query_of", "settings_from_items", "settings_from_query",
           "settings_key", "settings_view"]
