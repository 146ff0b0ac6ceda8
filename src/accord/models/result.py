"""Result: what one model run produced, frozen, with a JSON round-trip.

A Result carries its configuration (model, preset, parameters, seed) and names its scenario by
id and digest, so it can be stored, compared and reproduced. It never plots itself; reports
and the CLI render it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field

if TYPE_CHECKING:
    import pandas as pd


class Result(BaseModel):
    """One model's forecast for one scenario."""

    model_config = ConfigDict(frozen=True, extra="forbid", protected_namespaces=())

    model: str
    preset: str | None = None
    params: dict[str, Any] = Field(default_factory=dict)
    scenario_id: str
    scenario_digest: str
    accord_version: str
    seed: int | None = None
    actors: tuple[str, ...]
    issues: tuple[str, ...]
    outcome: dict[str, float | None]
    final_positions: dict[str, dict[str, float]] = Field(default_factory=dict)
    trajectory: dict[str, list[list[float | None]]] | None = None
    diagnostics: dict[str, Any] = Field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The per-result JSON object of the command-line contract (docs/cli.md)."""
        return {
            "model": self.model,
            "preset": self.preset,
            "params": self.params,
            "outcome": self.outcome,
            "actors": list(self.actors),
            "final_positions": self.final_positions,
            "trajectory": self.trajectory,
            "diagnostics": self.diagnostics,
        }

    def to_json(self) -> str:
        """Full JSON (including scenario id, digest and version); see :meth:`from_json`."""
        return self.model_dump_json()

    @classmethod
    def from_json(cls, text: str) -> Result:
        return cls.model_validate_json(text)

    def to_rows(self) -> list[dict[str, Any]]:
        """Tidy rows: one per outcome, final position and trajectory point."""
        rows: list[dict[str, Any]] = []
        base = {"model": self.model, "preset": self.preset, "scenario": self.scenario_id}
        for issue, value in self.outcome.items():
            rows.append({**base, "issue": issue, "actor": None, "round": None,
                         "kind": "outcome", "value": value})
        for issue, positions in self.final_positions.items():
            for actor, value in positions.items():
                rows.append({**base, "issue": issue, "actor": actor, "round": None,
                             "kind": "final_position", "value": value})
        for issue, rounds in (self.trajectory or {}).items():
            for r, values in enumerate(rounds):
                for actor, value in zip(self.actors, values, strict=True):
                    if value is not None:
                        rows.append({**base, "issue": issue, "actor": actor, "round": r,
                                     "kind": "position", "value": value})
        return rows

    def to_frame(self) -> pd.DataFrame:
        """:meth:`to_rows` as a pandas DataFrame (needs the ``frames`` extra)."""
        try:
            # pandas is the optional extra accord[frames]
            import pandas as pd
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise ImportError("Result.to_frame needs pandas: pip install 'accord[frames]'") from exc
        return pd.DataFrame(self.to_rows())


def results_from_payload(payload: Any) -> list[Result]:
    """The Results a recorded ``run`` stored (a list of them, or one alone); a
    :class:`ValueError` when the payload holds something else."""
    items = payload if isinstance(payload, list) else [payload]
    try:
        return [Result.model_validate(item) for item in items]
    except Exception as exc:
        raise ValueError(f"not model Results: {type(exc).__name__}") from None
