"""Calibrate the split-conformal prediction intervals on the DEU development split.

Run: .venv/bin/python benchmarks/calibrate_conformal.py [DEU.tsv]

For every registered model and preset, the absolute residuals of its forecasts on every issue
with an outcome (0-100 scale); for a fitted model (``procedural-compromise``) the out-of-fold
residuals of its cross-validation by proposal (10 folds, seed 0: each issue forecast by
parameters fitted without its proposal), since the shipped parameters were fitted on these very
issues. The half-widths at the levels of ``accord.validation.conformal.LEVELS`` go to
src/accord/validation/conformal.json (written atomically), with the cross-validated 80%
coverage of each model for reference (``accord benchmark deu`` prints the same figures).
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from accord.scenario.files import read_file  # noqa: E402
from accord.textfile import atomic_write_text  # noqa: E402
from accord.validation import fitters  # noqa: E402
from accord.validation.benchmark import forecasts, label_of, plan  # noqa: E402
from accord.validation.conformal import (  # noqa: E402
    CALIBRATION_FILE,
    LEVELS,
    calibration_entry,
    interval_cv,
)
from accord.validation.crossval import cross_validate  # noqa: E402
from accord.validation.outcomes import outcome_set  # noqa: E402
from accord.workflows.registry import MODELS  # noqa: E402

FOLDS = 10
SEED = 0
TARGET = ROOT / "src" / "accord" / "validation" / CALIBRATION_FILE


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else (
        ROOT.parent / "shared" / "reference" / "deu" / "deu-dev.tsv")
    data = outcome_set(read_file(path).scenarios, str(path))
    out_of_fold = {f.model: cross_validate(f, data, FOLDS, SEED).predictions
                   for f in fitters()}
    models: dict[str, object] = {}
    for model, preset in plan(MODELS):
        label = label_of(model.name, preset)
        if model.name in out_of_fold and preset == model.default_preset:
            values: list[float | None] = [float(v) for v in out_of_fold[model.name]]
            kind = "out-of-fold"
        else:
            values, kind = forecasts(model, preset, data), "as run"
        keep = [k for k, v in enumerate(values) if v is not None]
        if not keep:
            continue
        residuals = np.abs(np.array([values[k] for k in keep]) - data.observed[keep])
        entry = calibration_entry(residuals, kind)
        cv = interval_cv(label, values, data.observed, data.groups, FOLDS, SEED, 0.8, kind)
        entry.update({"model": model.name, "preset": preset,
                      "default": preset == model.default_preset,
                      "cv_coverage_80": None if cv is None else round(cv.coverage, 4),
                      "cv_mean_width_80": None if cv is None else round(cv.mean_width, 4)})
        models[label] = entry
        print(f"{label:32s} n={entry['n']:3d} q80={entry['half_width']['0.8']:.2f} "
              f"cv80={entry['cv_coverage_80']}", file=sys.stderr)
    document = {
        "method": "split-conformal: half-width at level L is the ceil((n+1)L)-th smallest "
                  "absolute residual (0-100 scale); see accord.validation.conformal",
        "levels": list(LEVELS),
        "calibrated_on": {
            "data": "DEU development split (shared/reference/deu/deu-dev.tsv)",
            "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
            "issues": len(data.items),
            "proposals": data.n_groups,
        },
        "calibrated": time.strftime("%Y-%m-%d"),
        "cross_validation": {"folds": FOLDS, "seed": SEED, "grouped_by": "proposal"},
        "models": models,
    }
    atomic_write_text(TARGET, json.dumps(document, indent=2) + "\n")


if __name__ == "__main__":
    main()
