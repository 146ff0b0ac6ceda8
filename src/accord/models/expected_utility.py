"""The expected-utility model: a thin facade over :mod:`accord.models.eum`."""

from accord.models.eum import (
    PRESETS,
    EumParams,
    EumTrajectory,
    ExpectedUtility,
    eum_rounds,
)

__all__ = ["PRESETS", "EumParams", "EumTrajectory", "ExpectedUtility", "eum_rounds"]
