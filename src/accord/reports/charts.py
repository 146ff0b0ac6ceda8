"""Every chart accord draws, in one place (the report and the dashboard call these).

Each function takes library objects and returns a matplotlib ``Figure`` built with the object
API (no pyplot, no display); :func:`figure_svg` and :func:`figure_png` render one. How to read
each chart: docs/reports.md.

* :func:`issue_figure`: one issue on its labelled scale: positions, red lines and the sides
  they accept, the zone of agreement, the models' forecasts.
* :func:`comparison_figure`: every model's forecast per issue.
* :func:`trajectory_figure`: positions round by round (the expected-utility model).
* :func:`timeline_figure`: forecasts and zones across a case's snapshots.
* :func:`calibration_figure`: a reliability diagram of resolved probability forecasts
  (:mod:`accord.reports.calibration_chart`).
"""

from __future__ import annotations

from accord.reports.calibration_chart import calibration_figure
from accord.reports.chartkit import figure_png, figure_svg, save_figure
from accord.reports.issue_chart import issue_figure
from accord.reports.model_charts import comparison_figure, trajectory_figure
from accord.reports.timeline_chart import timeline_figure

__all__ = [
    "calibration_figure",
    "comparison_figure",
    "figure_png",
    "figure_svg",
    "issue_figure",
    "save_figure",
    "timeline_figure",
    "trajectory_figure",
]
