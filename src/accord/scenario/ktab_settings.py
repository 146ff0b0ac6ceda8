"""KTAB SMP model settings as a scenario carries them in ``meta`` (the vocabulary only).

The KTAB XML importer writes these entries; the spatial model (``accord.models.spatial``)
reads them. Keys, all optional:

* ``ktab.<Option>`` for each of KTAB's nine options (``ktab.VotingRule: Cubic``, ...), with
  KTAB's value names; the XML schema's spellings ``Proportional`` and ``No`` stand for
  ``Prop`` and ``None``;
* ``ktab.seed``: the seed (KTAB's ``prngSeed``);
* ``ktab.IdealAdjustment``: entries of the accommodation matrix (which starts as the
  identity), ``ADJUSTING:REFERENCE=VALUE`` separated by ``;`` or ``,``, by actor id, e.g.
  ``Bob:Bob=0.75; Bob:Alice=0.07``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

PREFIX = "ktab."
SEED_KEY = "ktab.seed"
ADJUST_KEY = "ktab.IdealAdjustment"

OPTIONS: dict[str, tuple[str, ...]] = {
    "VictoryProbModel": ("Linear", "Square", "Quartic", "Octic", "Binary"),
    "PCEModel": ("Conditional", "MarkovIncentive", "MarkovUniform"),
    "StateTransitions": ("Deterministic", "Stochastic"),
    "VotingRule": ("Binary", "PropBin", "Prop", "PropCbc", "Cubic", "ASymProsp"),
    "BigRAdjust": ("None", "OneThird", "Half", "TwoThirds", "Full"),
    "BigRRange": ("Min", "Mid", "Max"),
    "ThirdPartyCommit": ("NoCommit", "SemiCommit", "FullCommit"),
    "InterVecBrgn": ("S1P1", "S2P2", "S2PMax"),
    "BargnModel": ("InitOnlyInterp", "InitRcvrInterp", "PWCompInterp"),
}
"""KTAB's nine ``<ModelParameters>`` and their values, in KTAB's order."""

SPELLINGS = {"Proportional": "Prop", "No": "None"}
_PAIR = re.compile(r"^\s*([^:=\s]+)\s*:\s*([^:=\s]+)\s*=\s*(\S+)\s*$")


def normalise(option: str, value: object) -> str | None:
    """KTAB's spelling of ``value`` for ``option``, or None when it is not one of them."""
    text = str(value).strip()
    text = SPELLINGS.get(text, text)
    return text if text in OPTIONS[option] else None


def parse_adjustment(text: str) -> list[tuple[str, str, float]] | str:
    """``ADJUSTING:REFERENCE=VALUE`` entries, or the first part that is not one (a str)."""
    out: list[tuple[str, str, float]] = []
    for part in re.split(r"[;,\n]", text):
        if not part.strip():
            continue
        match = _PAIR.match(part)
        try:
            value = float(match.group(3)) if match else None
        except ValueError:
            value = None
        if match is None or value is None or not 0.0 <= value <= 1.0:
            return part.strip()
        out.append((match.group(1), match.group(2), value))
    return out


def format_adjustment(entries: Sequence[tuple[str, str, float]]) -> str:
    """The meta text of accommodation entries (inverse of :func:`parse_adjustment`)."""
    return "; ".join(f"{a}:{b}={v:g}" for a, b, v in entries)
