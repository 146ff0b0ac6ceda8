"""The results page's work: which models and options the analyst chose, and running them.

The web layer holds no model logic: :func:`analyse_scenario` calls each model's ``run`` and
:func:`accord.bargaining.analyse` exactly as ``accord run`` and ``accord bargain`` do, and keeps
what they return (Results and the bargaining document) in the server's cache, keyed by the
scenario's digest and the settings, so that the same page shown again costs nothing.

Settings come from the query string of the results page (a GET form: a result can be
bookmarked and shared, and the page works without JavaScript): ``model`` (repeatable; default
every model), ``preset-MODEL``, and the bargaining options ``loss``, ``disagreement``,
``power``, ``weighted``, ``horizon`` (docs/bargaining.md). A bad value is a 400 page saying
what is allowed.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from accord.errors import AccordError
from accord.web.errors import WebError

if TYPE_CHECKING:
    from accord.bargaining import BargainAnalysis
    from accord.models import Result
    from accord.scenario.schema import Scenario
    from accord.web.state import WebState

log = logging.getLogger("accord.web")

MAX_HORIZON = 1200


@dataclass(frozen=True)
class RunSettings:
    """The models (with presets) and bargaining options of one results page."""

    models: tuple[str, ...]
    presets: tuple[tuple[str, str], ...] = ()
    loss: str = "linear"
    disagreement: str = "reservation"
    power: str = "capability-salience"
    weighted: bool = False
    horizon: int = 60

    def preset(self, model: str) -> str | None:
        return dict(self.presets).get(model)

    def key(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)

    def bargain_options(self) -> Any:
        from accord.bargaining import BargainOptions

        return BargainOptions(loss=self.loss, disagreement=self.disagreement,  # type: ignore[arg-type]
                              power=self.power, weighted=self.weighted,  # type: ignore[arg-type]
                              horizon=self.horizon)

    def query(self) -> list[tuple[str, str]]:
        """The query string that gives these settings back (for links)."""
        out = [("model", m) for m in self.models]
        out += [(f"preset-{m}", p) for m, p in self.presets]
        out += [("loss", self.loss), ("disagreement", self.disagreement),
                ("power", self.power), ("horizon", str(self.horizon))]
        if self.weighted:
            out.append(("weighted", "1"))
        return out


def _one(params: Mapping[str, Sequence[str]], name: str, default: str) -> str:
    values = params.get(name) or [default]
    return values[0].strip() or default


def settings_from_items(items: Sequence[tuple[str, str]]) -> RunSettings:
    """:func:`settings_from_query` of a query's (key, value) pairs."""
    params: dict[str, list[str]] = {}
    for key, value in items:
        params.setdefault(key, []).append(value)
    return settings_from_query(params)


def settings_from_query(params: Mapping[str, Sequence[str]]) -> RunSettings:
    """Settings from a results page's query; 400 for anything unknown."""
    from accord.bargaining.problem import LOSSES, NO_DEALS, POWERS
    from accord.models import MODELS

    names = list(dict.fromkeys(params.get("model", []))) or list(MODELS)
    unknown = [n for n in names if n not in MODELS]
    if unknown:
        raise WebError(400, "Unknown model", f"There is no model '{unknown[0][:60]}' (models: "
                                             f"{', '.join(MODELS)}).")
    models = tuple(n for n in MODELS if n in names)
    presets = []
    for name in models:
        chosen = _one(params, f"preset-{name}", "")
        if not chosen:
            continue
        if chosen not in MODELS[name].presets:
            known = ", ".join(MODELS[name].presets) or "none"
            raise WebError(400, "Unknown preset", f"Model {name} has no preset "
                                                  f"'{chosen[:60]}' (presets: {known}).")
        presets.append((name, chosen))
    choices = {"loss": LOSSES, "disagreement": NO_DEALS, "power": POWERS}
    values = {}
    for option, allowed in choices.items():
        values[option] = _one(params, option, allowed[0])
        if values[option] not in allowed:
            raise WebError(400, "Unknown option", f"{option} must be one of "
                                                  f"{', '.join(allowed)}.")
    horizon_text = _one(params, "horizon", "60")
    if not horizon_text.isdigit() or int(horizon_text) > MAX_HORIZON:
        raise WebError(400, "Bad horizon", f"The horizon is a whole number of months from 0 to "
                                           f"{MAX_HORIZON}, not '{horizon_text[:20]}'.")
    weighted = _one(params, "weighted", "") in ("1", "on", "true", "yes")
    return RunSettings(models=models, presets=tuple(presets), loss=values["loss"],
                       disagreement=values["disagreement"], power=values["power"],
                       weighted=weighted, horizon=int(horizon_text))


@dataclass(frozen=True)
class Analysis:
    """What the results page shows: each model's Result (or why it failed) and the
    bargaining document (``accord bargain -f json``)."""

    settings: RunSettings
    results: tuple[Result, ...]
    failures: tuple[tuple[str, str], ...]
    bargain: dict[str, Any] | None
    bargain_error: str | None
    seconds: float
    notes: tuple[str, ...] = field(default=())
    bargaining: BargainAnalysis | None = None
    """The analysis itself (the charts draw zones and red lines from it)."""


def analyse_scenario(scenario: Scenario, settings: RunSettings) -> Analysis:
    """Run the chosen models and the bargaining analysis (see the module docstring).

    A model that cannot handle this scenario is reported on the page with its message, and the
    other models still run.
    """
    from accord.bargaining import analyse, analysis_document
    from accord.models import MODELS

    start = time.perf_counter()
    results: list[Result] = []
    failures: list[tuple[str, str]] = []
    for name in settings.models:
        try:
            results.append(MODELS[name].run(scenario, preset=settings.preset(name)))
        except AccordError as exc:
            failures.append((name, str(exc)))
        except Exception as exc:  # a bug in a model must not take the page down with it
            log.exception("model %s failed on scenario %s", name, scenario.id)
            failures.append((name, f"internal error: {type(exc).__name__}: {exc}"))
    bargain: dict[str, Any] | None = None
    bargain_error: str | None = None
    bargaining: BargainAnalysis | None = None
    try:
        bargaining = analyse(scenario, settings.bargain_options())
        bargain = analysis_document(bargaining)
    except AccordError as exc:
        bargaining, bargain_error = None, str(exc)
    except Exception as exc:
        log.exception("bargaining analysis failed on scenario %s", scenario.id)
        bargaining, bargain_error = None, f"internal error: {type(exc).__name__}: {exc}"
    notes: tuple[str, ...] = ()
    if scenario.is_uncertain():
        notes = ("The scenario has distributions; these results use their point values "
                 "(mean, midpoint or mode).",)
    return Analysis(settings, tuple(results), tuple(failures), bargain, bargain_error,
                    time.perf_counter() - start, notes, bargaining)


def cached_analysis(state: WebState, scenario: Scenario, settings: RunSettings) -> Analysis:
    """:func:`analyse_scenario`, once per (scenario digest, settings) while cached, at most
    ``settings.parallel_runs`` at a time."""
    def compute() -> Analysis:
        with state.runs:
            return analyse_scenario(scenario, settings)

    return state.analyses.get((scenario.digest(), settings.key()), compute)
