"""A reliability diagram of :func:`accord.ledger.forecast_scores.calibration` bins (needs
matplotlib).

Reports draw it; this module only builds the figure, with matplotlib's object API (no pyplot
global state). Without matplotlib installed :func:`calibration_figure` raises ImportError.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import Any

from accord.ledger.forecast_scores import CalibrationBin


def calibration_figure(bins: Sequence[CalibrationBin], title: str = "Calibration") -> Any:
    """A matplotlib ``Figure``: observed share against mean forecast probability per bin
    (marker area ~ number of forecasts), with the diagonal of perfect calibration.

    Save it with ``figure.savefig("calibration.svg")``.
    """
    try:
        figure_module = importlib.import_module("matplotlib.figure")
    except ImportError as exc:
        raise ImportError("the calibration chart needs matplotlib: pip install matplotlib") \
            from exc
    fig = figure_module.Figure(figsize=(4.8, 4.8), layout="constrained")
    ax = fig.add_subplot()
    ax.plot([0, 1], [0, 1], linestyle="--", color="0.6", linewidth=1,
            label="perfect calibration")
    used = [b for b in bins if b.count]
    if used:
        xs = [b.mean_probability for b in used]
        ys = [b.observed for b in used]
        most = max(b.count for b in used)
        sizes = [20 + 160 * b.count / most for b in used]
        ax.plot(xs, ys, color="C0", linewidth=1)
        ax.scatter(xs, ys, s=sizes, color="C0", zorder=3, label="forecasts (area: count)")
        for b, x, y in zip(used, xs, ys, strict=True):
            ax.annotate(str(b.count), (x, y), textcoords="offset points", xytext=(6, -10),
                        fontsize=8)
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_xlabel("forecast probability")
    ax.set_ylabel("share that came true")
    ax.set_title(title)
    ax.legend(loc="upper left", fontsize=8, markerscale=0.6)
    return fig
