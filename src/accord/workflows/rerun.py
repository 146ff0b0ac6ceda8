"""Re-run a recorded run from its RunSpec and stored scenario version, and compare.

Reproducibility check: the stored scenario text is parsed back (its digest must match), the
analysis named by the run's ``kind`` runs again with the stored settings and seed, and the new
document is compared with the stored one value by value. Same code, same answer: the documents
are identical (floats compared exactly). When the code changed, the differences are listed, and
for model runs the outcome of every issue and model stored against now.

Which function re-runs which kind is the table :data:`RERUNNERS` (kind -> function of the
RunSpec and the Scenario returning the payload): each reads the settings back from the spec
(:mod:`accord.workflows.specs`) and runs the one analysis (:func:`~accord.workflows.analysis.
analyse`, :func:`~accord.workflows.mc_job.run_monte_carlo`). A kind not in the table is
reported as not re-runnable by this version.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from accord._version import __version__
from accord.bargaining.doc_types import BargainDocument
from accord.bargaining.staged import analysis_document
from accord.errors import UsageError
from accord.models.result import Result
from accord.runspec import RunSpec
from accord.scenario.schema import Scenario
from accord.uncertainty.summary import mc_document
from accord.uncertainty.summary_types import McDocument
from accord.workflows.analysis import analyse
from accord.workflows.mc_job import run_monte_carlo
from accord.workflows.specs import analysis_settings_of, mc_settings_of

if TYPE_CHECKING:
    from accord.store.engine import Store
    from accord.store.records import RunRecord

Rerunner = Callable[[RunSpec, Scenario], Any]


def rerun_models(spec: RunSpec, scenario: Scenario) -> list[Result]:
    """Run again every model of an ``accord run`` spec (same presets, parameters and seed)."""
    return list(analyse(scenario, analysis_settings_of(spec)).results)


def rerun_bargain(spec: RunSpec, scenario: Scenario) -> BargainDocument:
    """Run again the bargaining analysis of an ``accord bargain`` spec (options as stored)."""
    bargaining = analyse(scenario, analysis_settings_of(spec)).bargaining
    assert bargaining is not None
    return analysis_document(bargaining)


def rerun_mc(spec: RunSpec, scenario: Scenario) -> McDocument:
    """Run again the Monte Carlo analysis of an ``accord mc`` spec (same draws and seed; the
    document does not depend on the workers, so a local process pool is used)."""
    return mc_document(run_monte_carlo(scenario, mc_settings_of(spec)))


RERUNNERS: dict[str, Rerunner] = {"run": rerun_models, "bargain": rerun_bargain,
                                  "mc": rerun_mc}
"""How to re-run each kind of run."""


class NotRerunnable(UsageError):
    """This kind of run cannot be re-run by this version of accord."""


@dataclass(frozen=True)
class Difference:
    """A value that differs between the stored document and the re-run (path: JSON pointer)."""

    path: str
    stored: Any
    now: Any


@dataclass(frozen=True)
class OutcomeChange:
    """One model's outcome on one issue, stored and now (None: no forecast)."""

    model: str
    issue: str
    stored: float | None
    now: float | None


@dataclass(frozen=True)
class RerunReport:
    """What a re-run found."""

    record: RunRecord
    payload: Any
    differences: tuple[Difference, ...]
    outcomes: tuple[OutcomeChange, ...]
    version_now: str

    @property
    def identical(self) -> bool:
        return not self.differences

    @property
    def changed_outcomes(self) -> tuple[OutcomeChange, ...]:
        return tuple(c for c in self.outcomes if c.stored != c.now)


def _without_versions(value: Any) -> Any:
    """The document without ``accord_version`` fields (a version bump alone is no change)."""
    if isinstance(value, dict):
        return {k: _without_versions(v) for k, v in value.items() if k != "accord_version"}
    if isinstance(value, list):
        return [_without_versions(v) for v in value]
    return value


def json_differences(stored: Any, now: Any, path: str = "") -> list[Difference]:
    """Every place where two JSON values differ (exact comparison of numbers)."""
    if isinstance(stored, dict) and isinstance(now, dict):
        out: list[Difference] = []
        for key in list(stored) + [k for k in now if k not in stored]:
            sub = f"{path}/{str(key).replace('~', '~0').replace('/', '~1')}"
            if key not in now:
                out.append(Difference(sub, stored[key], None))
            elif key not in stored:
                out.append(Difference(sub, None, now[key]))
            else:
                out += json_differences(stored[key], now[key], sub)
        return out
    if isinstance(stored, list) and isinstance(now, list):
        out = []
        for k, (a, b) in enumerate(zip(stored, now, strict=False)):
            out += json_differences(a, b, f"{path}/{k}")
        if len(stored) != len(now):
            out.append(Difference(f"{path}/length", len(stored), len(now)))
        return out
    if isinstance(stored, bool) or isinstance(now, bool):
        same = stored is now
    else:  # 1 and 1.0 are the same number; a number and a string are not the same value
        same = stored == now and (type(stored) is type(now) or (
            isinstance(stored, int | float) and isinstance(now, int | float)))
    return [] if same else [Difference(path or "/", stored, now)]


def outcome_changes(stored: list[Any], now: list[Any]) -> list[OutcomeChange]:
    """Per model and issue, the outcome stored and now (models paired by name and preset)."""
    def by_model(items: list[Any]) -> dict[str, dict[str, Any]]:
        out = {}
        for item in items:
            if isinstance(item, dict) and "model" in item:
                label = item["model"] + (f" ({item['preset']})" if item.get("preset") else "")
                out[label] = item.get("outcome") or {}
        return out

    old, new = by_model(stored), by_model(now)
    changes = []
    for label in list(old) + [m for m in new if m not in old]:
        issues = list(old.get(label, {})) + [i for i in new.get(label, {})
                                              if i not in old.get(label, {})]
        for issue in issues:
            changes.append(OutcomeChange(label, issue, old.get(label, {}).get(issue),
                                         new.get(label, {}).get(issue)))
    return changes


def rerun(store: Store, run_id: int,
          rerunners: Mapping[str, Rerunner] | None = None) -> RerunReport:
    """Re-run run ``run_id`` and compare with what it stored."""
    # the store's modules bring SQLAlchemy (0.4 s): loaded for a re-run, not with the CLI
    from accord.store.records import FINISHED
    from accord.store.runs import get_run, get_scenario_version, payload_text

    table = RERUNNERS if rerunners is None else rerunners
    record = get_run(store, run_id)
    fn = table.get(record.kind)
    if fn is None:
        raise NotRerunnable(f"run {run_id} is a '{record.kind}' run; re-running '{record.kind}' "
                            f"runs is not available in this version of accord (it can re-run: "
                            f"{', '.join(sorted(table)) or 'nothing'})")
    if record.status != FINISHED:
        raise UsageError(f"run {run_id} is {record.status}: only a finished run has a result "
                         "to compare with")
    scenario = get_scenario_version(store, record.scenario_digest).scenario()
    payload = json.loads(payload_text(fn(record.spec, scenario)))
    stored = record.payload
    diffs = json_differences(_without_versions(stored), _without_versions(payload))
    outcomes: list[OutcomeChange] = []
    if record.kind == "run" and isinstance(stored, list) and isinstance(payload, list):
        outcomes = outcome_changes(stored, payload)
    return RerunReport(record, payload, tuple(diffs), tuple(outcomes), __version__)
