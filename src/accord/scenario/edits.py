"""What-if edits applied to a scenario, and its named variants (docs/file-format.md).

The edits themselves work on a scenario's plain data (:mod:`accord.scenario.edit_data`, which
says step by step what :func:`apply_edits` does and how a fixed outcome is written); this
module applies them to a :class:`~accord.scenario.schema.Scenario` and finds and applies its
variants.
"""

from __future__ import annotations

from collections.abc import Sequence

from accord.errors import UsageError
from accord.scenario.edit_data import EditError, check_variants, edit_data, parse_edits
from accord.scenario.schema import Scenario
from accord.scenario.variants import Edit, Variant


def apply_edits(scenario: Scenario, edits: Sequence[Edit]) -> Scenario:
    """The scenario with ``edits`` applied in order (see the module docstring)."""
    data = scenario.model_dump(mode="python")
    data["variants"] = []
    data = edit_data(data, edits)
    return Scenario.model_validate(data)


def apply_variant(scenario: Scenario, variant_id: str) -> Scenario:
    """The scenario as its variant ``variant_id`` has it: edited, renamed, without variants.

    The result's id is ``SCENARIO.VARIANT`` (at most 80 characters), its title says which
    variant it is, and ``meta['variant']`` names the variant.
    """
    variant = find_variant(scenario, variant_id)
    edited = apply_edits(scenario, variant.edits)
    meta = {**edited.meta, "variant": variant.id}
    title = f"{scenario.title} — variant {variant.id}"
    return edited.model_copy(update={"id": f"{scenario.id}.{variant.id}"[:80], "title": title,
                                     "meta": meta})


def find_variant(scenario: Scenario, variant_id: str) -> Variant:
    """The variant called ``variant_id``, or a :class:`UsageError` listing the known ones."""
    for v in scenario.variants:
        if v.id == variant_id:
            return v
    known = ", ".join(v.id for v in scenario.variants) or "none"
    raise UsageError(f"scenario '{scenario.id}' has no variant '{variant_id}' "
                     f"(variants: {known})")


__all__ = ["EditError", "apply_edits", "apply_variant", "check_variants", "edit_data",
           "find_variant", "parse_edits"]
