"""What a scenario argument names: a file of any supported kind, a built-in case id, or nothing
(the default built-in case); and the text of the user's file, kept with a recorded run."""

from __future__ import annotations

import os

from accord.cases import DEFAULT_CASE, case_ids, load_case, timeline_ids
from accord.errors import UsageError
from accord.scenario.files import Loaded, read_file
from accord.textfile import read_text


def load_input(arg: str | os.PathLike[str] | None) -> Loaded:
    """The scenarios named by a command-line argument (``None``: the default built-in case)."""
    if arg is None:
        return Loaded(DEFAULT_CASE, "case", (load_case(DEFAULT_CASE),))
    text = str(arg)
    if not os.path.exists(text) and (text in case_ids() or text in timeline_ids()):
        return Loaded(text, "case", (load_case(text),))
    if not os.path.exists(text) and os.sep not in text and "." not in text:
        raise UsageError(f"'{text}' is neither a file nor a built-in case (cases: "
                         f"{', '.join(case_ids())})")
    return read_file(text)


def input_text(arg: str | None, loaded: Loaded) -> str | None:
    """The text of the scenario file the user named, to keep with the run (YAML only; other
    inputs are kept as canonical YAML)."""
    if arg is None or loaded.kind != "yaml":
        return None
    try:
        return read_text(arg)
    except Exception:  # the file changed or vanished since it was read: keep canonical YAML
        return None
