"""Read a scenario file of any supported kind into scenarios.

Files are read by type: ``.yaml``/``.yml`` scenario files, ``.csv`` (BDM-style or KTAB SMP,
recognised by their header), ``.tsv`` (DEU data, a collection of one-issue scenarios), ``.xml``
(KTAB SMP, with its model settings). What a command-line argument names (a file, a built-in
case id, or nothing) is resolved by :func:`accord.cli.inputs.load_input`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from accord.errors import InputError, Problem, UsageError
from accord.scenario.importers.bdm import looks_like_bdm, read_bdm_csv
from accord.scenario.importers.deu import looks_like_deu, read_deu_tsv
from accord.scenario.importers.ktab_csv import looks_like_ktab, read_ktab_csv
from accord.scenario.importers.ktab_xml import read_ktab_xml
from accord.scenario.importers.table import lines
from accord.scenario.load import parse_scenario
from accord.scenario.schema import Scenario
from accord.textfile import read_text


@dataclass(frozen=True)
class Loaded:
    """Scenarios read from one input, what kind of input it was, and notes for the user."""

    name: str
    kind: str
    scenarios: tuple[Scenario, ...]
    notes: tuple[str, ...] = ()

    @property
    def is_collection(self) -> bool:
        return self.kind == "deu-tsv"

    @property
    def scenario(self) -> Scenario:
        """The single scenario of the input (a collection is an error here)."""
        if len(self.scenarios) != 1:
            raise UsageError(f"{self.name} holds {len(self.scenarios)} scenarios; this command "
                             "takes one")
        return self.scenarios[0]


SUFFIXES = (".yaml", ".yml", ".csv", ".tsv", ".xml")
"""The kinds of scenario file accord reads, by extension."""


def _check_suffix(name: str) -> str:
    suffix = Path(name).suffix.lower()
    if not suffix:
        raise InputError([Problem(name, 1, 1, "has no extension; expected .yaml, .yml, .csv, "
                                              ".tsv or .xml")])
    if suffix not in SUFFIXES:
        raise InputError([Problem(name, 1, 1, f"cannot tell how to read a '{suffix}' file "
                                              "(expected .yaml, .yml, .csv, .tsv or .xml)")])
    return suffix


def _separator(text: str) -> str | None:
    """The separator of a CSV whose first row has none of its commas: ';' or a tab."""
    for line in lines(text):
        if line.strip() and not line.lstrip().startswith("#"):
            if "," in line:
                return None
            return next((sep for sep in (";", "\t") if sep in line), None)
    return None


def read_text_input(text: str, name: str) -> Loaded:
    """Read the text of a scenario file of any supported kind; ``name`` (a file name or path)
    tells the kind by its extension and locates problems. The dashboard reads uploads with it."""
    suffix = _check_suffix(name)
    if suffix in (".yaml", ".yml"):
        return Loaded(name, "yaml", (parse_scenario(text, name),))
    if suffix == ".xml":
        scenario, notes = read_ktab_xml(text, name)
        return Loaded(name, "ktab-xml", (scenario,), tuple(notes))
    if suffix == ".tsv" or looks_like_deu(text):
        scenarios, notes = read_deu_tsv(text, name)
        return Loaded(name, "deu-tsv", tuple(scenarios), tuple(notes))
    if looks_like_bdm(text):
        scenario, notes = read_bdm_csv(text, name)
        return Loaded(name, "bdm-csv", (scenario,), tuple(notes))
    if looks_like_ktab(text):
        scenario, notes = read_ktab_csv(text, name)
        return Loaded(name, "ktab-csv", (scenario,), tuple(notes))
    separator = _separator(text)
    if separator is not None:
        shown = "a tab" if separator == "\t" else f"'{separator}'"
        raise InputError([Problem(name, 1, 1, f"fields are separated by {shown}; use commas "
                                              "(save the file as comma-separated CSV)")])
    raise InputError([Problem(name, 1, 1, "unrecognised CSV: expected a BDM header "
                                          "'actor,capability,position,salience' or a KTAB SMP "
                                          "file ('name,description,N,D' then 'Actor,...')")])


def read_file(path: str | os.PathLike[str]) -> Loaded:
    """Read a scenario file of any supported kind (the extension is checked before reading)."""
    name = str(path)
    if os.path.isdir(path):
        raise InputError([Problem(name, 1, 1, "is a directory, not a scenario file")])
    _check_suffix(name)
    return read_text_input(read_text(path), name)
