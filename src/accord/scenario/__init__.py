"""Scenarios: schema, YAML loading with located errors, importers, and numpy arrays."""

from accord.scenario.arrays import IssueData, ScenarioArrays, issue_data, scenario_arrays
from accord.scenario.load import load_scenario, parse_scenario
from accord.scenario.save import dump_scenario, save_scenario
from accord.scenario.schema import (
    Actor,
    Cost,
    Evidence,
    Issue,
    Prediction,
    Resolution,
    Scenario,
    Source,
    Stance,
)

__all__ = [
    "Actor",
    "Cost",
    "Evidence",
    "Issue",
    "IssueData",
    "Prediction",
    "Resolution",
    "Scenario",
    "ScenarioArrays",
    "Source",
    "Stance",
    "dump_scenario",
    "issue_data",
    "load_scenario",
    "parse_scenario",
    "save_scenario",
    "scenario_arrays",
]
