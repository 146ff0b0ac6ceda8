"""What ``accord benchmark`` prints: the JSON document and the rows of its tables."""

from __future__ import annotations

from typing import Any

from accord._version import __version__
from accord.reports.formatting import count
from accord.validation.benchmark import Benchmark, CrossValidated
from accord.validation.conformal import IntervalScore
from accord.validation.scoring import Interval, Scores


def _ci(interval: Interval | None) -> list[float] | None:
    return None if interval is None else [interval.low, interval.high]


def scores_dict(s: Scores) -> dict[str, Any]:
    return {"n": s.n, "mae": s.mae, "mae_ci": _ci(s.mae_ci), "median_ae": s.median_ae,
            "median_ae_ci": _ci(s.median_ae_ci), "within10": s.within10,
            "within10_ci": _ci(s.within10_ci)}


def _cv_dict(cv: CrossValidated) -> dict[str, Any]:
    r = cv.result
    return {"model": r.model, "folds": r.folds, "seed": r.seed, "grouped_by": "proposal",
            **scores_dict(cv.scores), "fold_mae": list(r.fold_mae), "fold_sd": r.fold_sd,
            "fold_params": list(r.fold_params)}


def benchmark_document(b: Benchmark) -> dict[str, Any]:
    """The JSON of ``accord benchmark deu`` (docs/validation.md)."""
    models: dict[str, Any] = {}
    for row in b.rows:
        entry: dict[str, Any] = {"model": row.model, "preset": row.preset,
                                 "skipped": row.skipped, "fitted_in_sample": row.fitted}
        entry.update(scores_dict(row.scores) if row.scores else
                     {"n": 0, "mae": None, "mae_ci": None, "median_ae": None,
                      "median_ae_ci": None, "within10": None, "within10_ci": None})
        models[row.label] = entry
    return {
        "accord": __version__,
        "data": {"file": b.data.name, "issues": len(b.data.items),
                 "proposals": b.data.n_groups, "scale": "0-100"},
        "bootstrap": {"draws": b.draws, "seed": b.seed, "level": 0.95, "unit": "proposal",
                      "method": "percentile"},
        "models": models,
        "cross_validated": {cv.label: _cv_dict(cv) for cv in b.cross_validated},
        "intervals": {i.label: _interval_dict(i) for i in b.intervals},
    }


def _interval_dict(i: IntervalScore) -> dict[str, Any]:
    return {"method": "split-conformal", "level": i.level, "grouped_by": "proposal",
            "forecasts": i.forecasts, "n": i.n, "coverage": i.coverage,
            "mean_width": i.mean_width, "fold_coverage": list(i.fold_coverage)}


def _num(value: float, ci: Interval | None, pct: bool = False) -> str:
    def f(v: float) -> str:
        return f"{100 * v:.1f}%" if pct else f"{v:.2f}"

    return f(value) + (f" [{f(ci.low)}, {f(ci.high)}]" if ci else "")


MODEL_HEADERS = ["Model", "Issues", "No forecast", "MAE [95% CI]", "Median AE",
                 "Within 10 [95% CI]"]
CV_HEADERS = ["Model", "Issues", "MAE [95% CI]", "Median AE", "Within 10 [95% CI]",
              "Fold MAE sd"]


def model_rows(b: Benchmark) -> list[list[str]]:
    rows = []
    for r in b.rows:
        label = r.label + (" *" if r.fitted else "")
        if r.scores is None:
            rows.append([label, "0", str(r.skipped), "—", "—", "—"])
            continue
        s = r.scores
        rows.append([label, str(s.n), str(r.skipped), _num(s.mae, s.mae_ci),
                     f"{s.median_ae:.2f}", _num(s.within10, s.within10_ci, pct=True)])
    return rows


def cv_rows(b: Benchmark) -> list[list[str]]:
    return [[cv.label, str(cv.scores.n), _num(cv.scores.mae, cv.scores.mae_ci),
             f"{cv.scores.median_ae:.2f}", _num(cv.scores.within10, cv.scores.within10_ci, True),
             f"{cv.result.fold_sd:.2f}"] for cv in b.cross_validated]


INTERVAL_HEADERS = ["Model", "Issues", "Level", "Coverage", "Mean width", "Forecasts"]


def interval_rows(b: Benchmark) -> list[list[str]]:
    return [[i.label, str(i.n), f"{100 * i.level:.0f}%", f"{100 * i.coverage:.1f}%",
             f"{i.mean_width:.1f}", i.forecasts] for i in b.intervals]


def interval_caption(folds: int, seed: int) -> str:
    return (f"Split-conformal prediction intervals, cross-validated by proposal ({folds} "
            f"folds, seed {seed}): each held-out fold covered by the quantile of the other "
            "folds' absolute errors; width on 0-100")


def captions(b: Benchmark, folds: int) -> tuple[str, str, str]:
    """Titles of the two tables and the footnote."""
    data = b.data
    head = (f"{data.name}: {count(len(data.items), 'issue')} with an outcome, "
            f"{count(data.n_groups, 'proposal')}; absolute errors on 0-100")
    ci = (f"95% CI: percentile bootstrap over proposals, {b.draws} draws, seed {b.seed}"
          if b.draws else "no bootstrap (--bootstrap 0)")
    cv = (f"Cross-validated by proposal, {folds} folds (seed {b.seed}): fitted, variant choice "
          "included, on the other folds' proposals only")
    foot = ("* parameters fitted on the DEU development split: in-sample figure; the "
            "cross-validated figure below is the honest one. " + ci)
    return head, cv, foot
