"""The document of ``accord mc`` (docs/cli.md, docs/uncertainty.md), built from a finished run.

It holds only what the run computed from its scenario, draws and seed: never the backend or
the number of workers, so the same run gives the same document everywhere, and ``accord runs
rerun`` can compare documents value by value. Numbers are rounded to 6 decimals.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from accord._version import __version__
from accord.bargaining.staged import DEAL, NO_DEAL
from accord.jsonable import round6
from accord.scenario.dates import month_index, month_label
from accord.uncertainty.aggregate import BINS, CHART_BINS, QUANTILES, BargainCounts
from accord.uncertainty.concession_draws import concessions_doc
from accord.uncertainty.montecarlo import McResult
from accord.uncertainty.sensitivity import SAMPLE, TOP, ranked, spearman
from accord.uncertainty.summary_types import McDocument

SEEDING = ("draw k uses child k of numpy.random.SeedSequence(seed), i.e. "
           "SeedSequence(seed, spawn_key=(k,)); its generate_state words, two per input, "
           "give the input's uniform")


def _r(value: float | None) -> float | None:
    if value is None or not np.isfinite(value):
        return None
    return round6(value)


def month_labels(result: McResult, horizon: int) -> list[str]:
    """'YYYY-MM' of months 0..horizon from the scenario's as_of ('+K' without a date)."""
    as_of = result.scenario.as_of
    if as_of is None:
        return [f"+{k}" for k in range(horizon + 1)]
    base = month_index(as_of)
    return [month_label(base + k) for k in range(horizon + 1)]


def mc_document(result: McResult) -> McDocument:
    """The document (see the module docstring; types: :mod:`.summary_types`)."""
    s, settings = result.scenario, result.settings
    return McDocument.model_validate({
        "accord": __version__,
        "scenario": {"id": s.id, "digest": s.digest(), "title": s.title, "as_of": s.as_of},
        "draws": settings.draws,
        "seed": settings.seed,
        "chunk": settings.chunk,
        "seeding": SEEDING,
        "inputs": [i.to_dict() for i in result.inputs],
        "noise": settings.noise.as_dict(),
        "notes": list(result.notes),
        "resolution": {"bins": BINS, "chart_bins": CHART_BINS,
                       "note": f"quantiles are read from histograms of {BINS} equal bins over "
                               "each issue's range, interpolated inside the bin"},
        "models": _models(result),
        "bargain": _bargain(result),
        "sensitivity": _sensitivity(result),
        "concessions": None if result.concessions is None else
        concessions_doc(result.concessions, result.scenario),
    })


def _models(result: McResult) -> list[dict[str, Any]]:
    st = result.stats
    sd = st.sd()
    issues = result.scenario.issues
    out = []
    for e, entry in enumerate(result.settings.models):
        preset, params = entry.preset, entry.params
        per_issue: dict[str, Any] = {}
        for j, issue in enumerate(issues):
            k = e * len(issues) + j
            point = result.point.get(entry.label, {}).get(issue.id)
            if st.n[k] == 0:
                per_issue[issue.id] = {"point": _r(point), "n": 0}
                continue
            q = {str(p): _r(st.quantile(k, p)) for p in QUANTILES}
            per_issue[issue.id] = {
                "point": _r(point), "n": int(st.n[k]),
                "median": q["50"], "interval90": [q["5"], q["95"]], "quantiles": q,
                "mean": _r(st.mean[k]), "sd": _r(sd[k]),
                "min": _r(st.smallest[k]), "max": _r(st.largest[k]),
                "histogram": {"low": issue.low, "high": issue.high,
                              "counts": st.chart_counts(k)},
            }
        out.append({"model": entry.name, "label": entry.label, "preset": preset,
                    "params": params.model_dump(mode="json"),
                    "overrides": dict(entry.choice.params), "issues": per_issue})
    return out


def _bargain(result: McResult) -> dict[str, Any] | None:
    counts: BargainCounts | None = result.bargain
    options = result.settings.bargain
    if counts is None or options is None:
        return None
    n = max(counts.draws, 1)
    horizon = options.horizon
    labels = month_labels(result, horizon)
    cumulative = np.cumsum(counts.opening) / n
    reached = np.flatnonzero(cumulative >= 0.5)
    median = int(reached[0]) if reached.size else None
    point = result.point_bargain
    p_deal = counts.deal / n
    return {
        "options": {"loss": options.loss, "disagreement": options.disagreement,
                    "no_deal": dict(options.no_deal), "horizon": options.horizon},
        "point": None if point is None else {
            "verdict": DEAL if point.deal else NO_DEAL,
            "opens": None if point.opening is None else labels[point.opening],
            "zones": {i.id: z for i, z in zip(result.scenario.issues, point.zones,
                                              strict=True)}},
        "p_deal": _r(p_deal),
        "verdict": {DEAL: _r(p_deal), NO_DEAL: _r(1 - p_deal)},
        "zones": {i.id: _r(counts.zones[j] / n) for j, i in enumerate(result.scenario.issues)},
        "opening": {
            "horizon": horizon,
            "median": None if median is None else labels[median],
            "median_months": median,
            "by_horizon": _r(float(cumulative[-1])),
            "beyond_horizon": _r(counts.beyond / n),
            "never": _r(counts.never / n),
        },
        "deal_by": {label: _r(float(p)) for label, p in zip(labels, cumulative, strict=True)},
    }


def _sensitivity(result: McResult) -> dict[str, Any]:
    values, outcomes = result.sample_values, result.sample_outcomes
    issues = result.scenario.issues
    columns: list[tuple[str, str | None, str | None]] = [
        (f"{entry.label}:{issue.id}", entry.label, issue.id)
        for entry in result.settings.models for issue in issues]
    block = outcomes
    if result.sample_opening is not None and result.settings.bargain is not None:
        horizon = result.settings.bargain.horizon
        opening = np.where(result.sample_opening < 0, horizon + 1,
                           result.sample_opening).astype(float)
        block = np.concatenate([outcomes, opening[:, None]], axis=1)
        columns.append(("opening", None, None))
    rho = spearman(values, block)
    names = [i.id for i in result.inputs]
    return {
        "method": "spearman",
        "sample": int(values.shape[0]),
        "note": f"rank correlations over the first {min(SAMPLE, result.settings.draws):,} "
                f"draws; the {TOP} largest |rho| per output; the opening month counts a zone "
                "still closed at the horizon as opening after it",
        "outputs": [{"output": name, "model": model, "issue": issue,
                     "inputs": ranked(rho[:, k], names)}
                    for k, (name, model, issue) in enumerate(columns)],
    }
